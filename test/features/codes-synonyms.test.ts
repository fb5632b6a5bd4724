import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ICD10_MORE_WORD_FORMS, ICD10_SYNONYMS, ICD10_WORD_FORMS } from '../../src/content/icd10-synonyms.ts';
import type { Icd10Index } from '../../src/features/codes/icd10.ts';
import { loadIcd10 } from '../../src/features/codes/icd10-data.ts';
import { queryWords, words } from '../../src/features/codes/icd10-words.ts';

// The sourced list of people's words (src/content/icd10-synonyms.ts): every group cites an
// official page and works the way its trigger says, and the pairs named in issue 10 do.

let index: Icd10Index;
before(async () => {
  index = await loadIcd10();
});

const OFFICIAL = /^https:\/\/(medlineplus\.gov|www\.(nhlbi|nia)\.nih\.gov|www\.cancer\.gov|icd\.who\.int)\//;
const allForms = [...ICD10_WORD_FORMS, ...ICD10_MORE_WORD_FORMS];

describe('the list itself', () => {
  test('every group cites an official plain-language page, was reviewed, and says when it is used', () => {
    const problems = [...ICD10_SYNONYMS, ...allForms].filter(
      (g) =>
        !OFFICIAL.test(g.source.url) ||
        g.source.title.length < 10 ||
        g.reviewed !== '2026-12-07' ||
        !g.trigger.includes('code search'),
    );
    assert.deepEqual(
      problems.map((g) => g.id),
      [],
    );
    assert.equal(
      new Set([...ICD10_SYNONYMS, ...allForms].map((g) => g.id)).size,
      ICD10_SYNONYMS.length + allForms.length,
      'ids are unique',
    );
    assert.ok(ICD10_SYNONYMS.length >= 200, `${ICD10_SYNONYMS.length} groups`);
  });

  test('no phrase of several words shrinks to one word once small words are dropped (except the listed harmless ones)', () => {
    const harmless = new Set([
      'a fib',
      'a flutter',
      'spread to',
      'the flu',
      'a cold',
      'the clap',
      'falling a lot',
      'sweating a lot',
    ]);
    const shrunk = ICD10_SYNONYMS.flatMap((g) =>
      g.said.filter((s) => s.includes(' ') && queryWords(s).length < 2 && !harmless.has(s)).map((s) => `${g.id}: ${s}`),
    );
    assert.deepEqual(shrunk, []);
  });
});

describe('every group works as its trigger says', () => {
  test('each way of saying it finds, among the first five, a code whose title has the words it stands for', () => {
    const failures: string[] = [];
    for (const g of ICD10_SYNONYMS) {
      const means = g.means.map((m) => words(m));
      for (const said of g.said) {
        const hits = index.search(said, { limit: 5 }).hits;
        const ok = hits.some((h) => {
          const title = new Set(words(h.description));
          return (
            means.some((m) => m.every((w) => title.has(w))) ||
            (!g.replace && queryWords(said).every((w) => title.has(w)))
          );
        });
        if (!ok) failures.push(`${g.id}: "${said}" -> ${hits.map((h) => h.code).join(', ') || 'nothing'}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test('each word form finds titles that use one of the forms', () => {
    const failures: string[] = [];
    for (const g of allForms) {
      const forms = g.forms.map((f) => words(f));
      for (const f of g.forms) {
        const hits = index.search(f, { limit: 5 }).hits;
        // A title with one of the forms, or (for a word a synonym also reads) the same first code as the first form.
        const ok =
          hits.some((h) => {
            const title = words(h.description).join(' ');
            return forms.some((x) => x.every((w) => ` ${title} `.includes(` ${w}`)));
          }) || hits[0]?.code === index.search(g.forms[0]!, { limit: 1 }).hits[0]?.code;
        if (!ok)
          failures.push(`${g.id}: "${f}" -> ${hits.map((h) => `${h.code} ${h.description}`).join('; ') || 'nothing'}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});

describe('the words named in issue 10', () => {
  const first = (q: string) => index.search(q, { limit: 5 }).hits[0]?.code;
  test('adjective and noun forms find the same codes', () => {
    assert.equal(first('renal failure'), first('kidney failure'));
    assert.equal(first('kidney failure'), 'N19');
    assert.equal(first('hepatic failure'), first('liver failure'));
    assert.equal(first('liver failure'), 'K72.90');
    assert.equal(first('ovarian cancer'), first('cancer of the ovary'));
    assert.equal(first('cancer of the ovary'), 'C56.9');
    assert.equal(first('lung fibrosis'), first('pulmonary fibrosis'));
    assert.equal(first('pulmonary fibrosis'), 'J84.10');
    assert.equal(first('heart arrest'), first('cardiac arrest'));
    assert.equal(first('cardiac arrest'), 'I46.9');
  });
  test('common names', () => {
    assert.equal(first('heart attack'), 'I21.9');
    assert.equal(first('mini-stroke'), 'G45.9');
    assert.equal(first('high blood pressure'), 'I10');
    assert.equal(first('sugar diabetes'), 'E11.9');
    assert.match(first('slipped disc') ?? '', /^M51\.2/);
    assert.ok(index.search('slipped disc', { limit: 5 }).hits.some((h) => h.code === 'M51.26'));
  });
  test('the plain unspecified code of a common condition comes before its rarer combinations', () => {
    const order = (q: string) => index.search(q, { limit: 50 }).hits.map((h) => h.code);
    const breast = order('breast cancer');
    assert.equal(breast[0], 'C50.919');
    for (const rarer of ['C50.911', 'C79.81', 'D05.90'])
      assert.ok(!breast.includes(rarer) || breast.indexOf(rarer) > 0, rarer);
    assert.ok(!breast.slice(0, 10).includes('Z85.3'), 'a personal history code is not among the first ten');
    assert.equal(order('pneumonia')[0], 'J18.9');
    assert.equal(order('asthma')[0], 'J45.909');
    assert.equal(order('migraine')[0], 'G43.909');
    assert.equal(order('diabetes')[0], 'E11.9');
    assert.equal(order('heart failure')[0], 'I50.9');
    assert.equal(order('blood in the urine')[0], 'R31.9', 'not a code whose title says "without hematuria"');
  });
});
