import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import type { Icd10Index } from '../../src/features/codes/icd10.ts';
import { loadIcd10 } from '../../src/features/codes/icd10-data.ts';

// The code search on phrases people type (issue 10, item 8): the right code among the first
// five for at least 95% of them, first for at least 85%. Three lists, written from the
// patient's side (see the head of each file):
// - icd10-plain-phrases.tsv: the list the ranking rules were built with;
// - icd10-plain-phrases-holdout.tsv: written after the rules were first set, to see whether they carry over;
// - icd10-plain-phrases-check.tsv: written last, with harder wording (extra words such as
//   "in both eyes", "in children"), run once first to estimate phrases nobody tuned on.
// The targets hold on the first two and on all three together; the third alone is kept
// from getting worse (its first-run numbers are in ADR 0169).

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const TOP1 = 0.85;
const TOP5 = 0.95;

interface Phrase {
  phrase: string;
  code: string;
}

function readList(file: string): Phrase[] {
  return fs
    .readFileSync(path.join(FIXTURES, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [phrase, code] = l.split('\t');
      return { phrase: phrase!, code: code!.trim() };
    });
}

function score(index: Icd10Index, list: Phrase[]) {
  let first = 0;
  let top5 = 0;
  const misses: string[] = [];
  for (const { phrase, code } of list) {
    const hits = index.search(phrase, { limit: 5 }).hits.map((h) => h.code);
    if (hits[0] === code) first++;
    if (hits.includes(code)) top5++;
    else misses.push(`${phrase} -> ${code} (got ${hits.join(', ')})`);
  }
  return { n: list.length, top1: first / list.length, top5: top5 / list.length, misses };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

let index: Icd10Index;
const lists = {
  tuning: readList('icd10-plain-phrases.tsv'),
  holdout: readList('icd10-plain-phrases-holdout.tsv'),
  check: readList('icd10-plain-phrases-check.tsv'),
};
before(async () => {
  index = await loadIcd10();
});

test('the lists are broad and every expected code is a billable code of the current year', () => {
  const all = [...lists.tuning, ...lists.holdout, ...lists.check];
  assert.ok(lists.tuning.length >= 200, `${lists.tuning.length} phrases`);
  assert.ok(all.length >= 600);
  assert.equal(new Set(all.map((p) => p.phrase.toLowerCase())).size, all.length, 'no phrase twice');
  const problems = all.filter((p) => {
    const info = index.lookup(p.code);
    return !info?.billable || info.retired;
  });
  assert.deepEqual(
    problems.map((p) => `${p.phrase} -> ${p.code}`),
    [],
  );
});

for (const [name, list] of Object.entries(lists)) {
  test(`${name} list: top-1 and top-5`, () => {
    const r = score(index, list);
    console.log(
      `${name}: n=${r.n} top-1 ${pct(r.top1)} top-5 ${pct(r.top5)}${r.misses.length ? `; not in the first five:\n  ${r.misses.join('\n  ')}` : ''}`,
    );
    if (name === 'check') {
      // Harder wording, not tuned on: guarded against getting worse, reported in ADR 0169.
      assert.ok(r.top1 >= 0.7 && r.top5 >= 0.8, `top-1 ${pct(r.top1)}, top-5 ${pct(r.top5)}`);
      return;
    }
    assert.ok(r.top1 >= TOP1, `top-1 ${pct(r.top1)} is under ${pct(TOP1)}`);
    assert.ok(r.top5 >= TOP5, `top-5 ${pct(r.top5)} is under ${pct(TOP5)}`);
  });
}

test('all three lists together meet the targets', () => {
  const r = score(index, [...lists.tuning, ...lists.holdout, ...lists.check]);
  console.log(`all: n=${r.n} top-1 ${pct(r.top1)} top-5 ${pct(r.top5)}`);
  assert.ok(r.top1 >= TOP1, `top-1 ${pct(r.top1)}`);
  assert.ok(r.top5 >= TOP5, `top-5 ${pct(r.top5)}`);
});
