import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { SPECIALTY_RANGES } from '../../src/content/specialists.ts';
import { loadIcd10, parseCsvLine } from '../../src/features/codes/icd10-data.ts';
import { type CodeOracle, type ComparableOpinion, compareAll } from '../../src/features/opinions/comparison.ts';
import { categoryOrdinal, specialistHints, specialtyFor, TABULAR_AFTER } from '../../src/features/opinions/guidance.ts';
import type { PlanCategory } from '../../src/features/opinions/opinions.ts';
import { isMessageKey } from '../../src/platform/i18n/i18n.ts';

// Who might help with a third opinion: the sourced table of ICD-10-CM code ranges
// (src/content/specialists.ts), checked range by range at its boundaries, against CDC's
// blocks as shipped in data/reference, and through the hints the compare page shows.

const ICD_DIR = path.resolve(import.meta.dirname, '../../data/reference/icd10cm');
const csv = (name: string) =>
  fs
    .readFileSync(path.join(ICD_DIR, name), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map(parseCsvLine);
const categories = csv('icd10cm-categories-April-1-2026.csv').map((r) => ({ category: r[0]!, section: r[2]! }));
const sections = new Set(csv('icd10cm-sections-April-1-2026.csv').map((r) => r[0]!));

let oracle: CodeOracle;
before(async () => {
  const icd = await loadIcd10();
  oracle = { place: (c) => icd.place(c), guess: (t) => icd.guess(t) };
});

describe('the code order', () => {
  test('ordering the shipped categories by categoryOrdinal gives the tabular list order (letters inside codes included)', () => {
    const ordinals = categories.map((c) => categoryOrdinal(c.category));
    assert.ok(
      ordinals.every((n) => n !== null),
      'every shipped category has a place',
    );
    for (let i = 1; i < ordinals.length; i++)
      assert.ok(ordinals[i - 1]! < ordinals[i]!, `${categories[i - 1]!.category} before ${categories[i]!.category}`);
    for (const [cat, after] of Object.entries(TABULAR_AFTER))
      assert.ok(
        categories.some((c) => c.category === after),
        `${cat} follows ${after}, a real category`,
      );
  });
  test('unknown shapes have no place', () => {
    assert.equal(categoryOrdinal('C5'), null);
    assert.equal(categoryOrdinal('X9A'), null);
  });
});

describe('the table itself', () => {
  test('every row: real categories at both ends, CDC blocks inside its range, two sources, a catalogue text, a trigger', () => {
    const known = new Set(categories.map((c) => c.category));
    const ids = new Set<string>();
    for (const r of SPECIALTY_RANGES) {
      assert.ok(!ids.has(r.id), `${r.id} is unique`);
      ids.add(r.id);
      assert.ok(known.has(r.from) && known.has(r.to), `${r.id}: ${r.from}-${r.to} are real categories`);
      assert.ok(categoryOrdinal(r.from)! <= categoryOrdinal(r.to)!, `${r.id}: from before to`);
      assert.ok(r.blocks.length > 0);
      for (const b of r.blocks) {
        assert.ok(sections.has(b), `${r.id}: ${b} is a CDC block`);
        const [lo, hi = lo] = b.split('-') as [string, string?];
        // A block is either inside the row's range, or the block that holds a narrow row.
        const inside =
          categoryOrdinal(lo)! >= categoryOrdinal(r.from)! && categoryOrdinal(hi!)! <= categoryOrdinal(r.to)!;
        const holds =
          categoryOrdinal(lo)! <= categoryOrdinal(r.from)! && categoryOrdinal(hi!)! >= categoryOrdinal(r.to)!;
        assert.ok(inside || holds, `${r.id}: block ${b} and range ${r.from}-${r.to}`);
      }
      assert.match(r.source.url, /^https:\/\/www\.cdc\.gov\//, `${r.id}: the range is CDC's`);
      assert.match(r.source.title, /ICD-10-CM/);
      assert.match(r.specialtySource.url, /^https:\/\//, `${r.id}: the specialty is sourced`);
      assert.ok(isMessageKey(r.text), `${r.id}: ${r.text}`);
      assert.equal(r.reviewed, '2026-12-07');
      assert.match(r.trigger ?? '', /compare page/);
    }
  });
});

describe('range by range: the codes at each edge, in and out', () => {
  // [category, the row that must answer (null: no row)]
  const edges: [string, string | null][] = [
    // Malignant neoplasms C00-C96, with narrower rows inside.
    ['C00', 'who.headNeckCancer'],
    ['C14', 'who.headNeckCancer'],
    ['C15', 'who.cancer'],
    ['C4A', 'who.cancer'],
    ['C49', 'who.cancer'],
    ['C50', 'who.breastCancer'],
    ['C51', 'who.gynCancer'],
    ['C58', 'who.gynCancer'],
    ['C60', 'who.uroCancer'],
    ['C68', 'who.uroCancer'],
    ['C69', 'who.eyeBrainCancer'],
    ['C72', 'who.eyeBrainCancer'],
    ['C73', 'who.cancer'],
    ['C7A', 'who.cancer'],
    ['C7B', 'who.cancer'],
    ['C80', 'who.cancer'],
    ['C81', 'who.bloodCancer'],
    ['C96', 'who.bloodCancer'],
    // In situ D00-D09, then benign or uncertain D10-D49: never the cancer row.
    ['D00', 'who.inSitu'],
    ['D04', 'who.inSitu'],
    ['D05', 'who.inSituBreast'],
    ['D06', 'who.inSituCervix'],
    ['D07', 'who.inSitu'],
    ['D09', 'who.inSitu'],
    ['D10', 'who.benign'],
    ['D23', 'who.benign'],
    ['D24', 'who.benignBreast'],
    ['D25', 'who.benignFemale'],
    ['D28', 'who.benignFemale'],
    ['D29', 'who.benign'],
    ['D32', 'who.benignBrain'],
    ['D33', 'who.benignBrain'],
    ['D3A', 'who.benign'],
    ['D44', 'who.benign'],
    ['D45', 'who.uncertainBlood'],
    ['D47', 'who.uncertainBlood'],
    ['D48', 'who.benign'],
    ['D49', 'who.benign'],
    // Blood and immune system.
    ['D50', 'who.blood'],
    ['D78', 'who.blood'],
    ['D80', 'who.immune'],
    ['D89', 'who.immune'],
    ['E00', 'who.endocrine'],
    ['E11', 'who.endocrine'],
    ['E35', 'who.endocrine'],
    ['E36', null],
    ['F01', 'who.dementia'],
    ['F03', 'who.dementia'],
    ['F04', 'who.mental'],
    ['F99', 'who.mental'],
    ['G00', 'who.nervous'],
    ['G99', 'who.nervous'],
    ['H00', 'who.eye'],
    ['H59', 'who.eye'],
    ['H60', 'who.ear'],
    ['H95', 'who.ear'],
    // Circulatory: the heart up to I5A, then stroke, then vessels.
    ['I00', 'who.heart'],
    ['I1A', 'who.heart'],
    ['I52', 'who.heart'],
    ['I5A', 'who.heart'],
    ['I60', 'who.stroke'],
    ['I69', 'who.stroke'],
    ['I70', 'who.vessels'],
    ['I89', 'who.vessels'],
    ['I95', null],
    ['J00', 'who.lung'],
    ['J22', 'who.lung'],
    ['J30', 'who.noseThroat'],
    ['J39', 'who.noseThroat'],
    ['J40', 'who.lung'],
    ['J4A', 'who.lung'],
    ['J99', 'who.lung'],
    ['K14', null],
    ['K20', 'who.digestive'],
    ['K38', 'who.digestive'],
    ['K40', 'who.hernia'],
    ['K46', 'who.hernia'],
    ['K50', 'who.digestive'],
    ['K95', 'who.digestive'],
    ['L00', 'who.skin'],
    ['L99', 'who.skin'],
    // Musculoskeletal: M1A sits among the inflammatory arthropathies in the tabular list.
    ['M00', 'who.musculoskeletal'],
    ['M05', 'who.inflammatoryJoints'],
    ['M1A', 'who.inflammatoryJoints'],
    ['M14', 'who.inflammatoryJoints'],
    ['M15', 'who.wearJoints'],
    ['M25', 'who.wearJoints'],
    ['M26', 'who.musculoskeletal'],
    ['M30', 'who.connectiveTissue'],
    ['M36', 'who.connectiveTissue'],
    ['M40', 'who.spine'],
    ['M54', 'who.spine'],
    ['M60', 'who.musculoskeletal'],
    ['M99', 'who.musculoskeletal'],
    // Genitourinary: kidneys, stones, urinary and male organs to a urologist; breast and female organs not.
    ['N00', 'who.kidney'],
    ['N19', 'who.kidney'],
    ['N20', 'who.stones'],
    ['N23', 'who.stones'],
    ['N25', 'who.kidneyOther'],
    ['N29', 'who.kidneyOther'],
    ['N30', 'who.urinaryMale'],
    ['N40', 'who.urinaryMale'],
    ['N53', 'who.urinaryMale'],
    ['N60', 'who.breast'],
    ['N63', 'who.breast'],
    ['N65', 'who.breast'],
    ['N70', 'who.femaleGenital'],
    ['N77', 'who.femaleGenital'],
    ['N80', 'who.femaleGenital'],
    ['N98', 'who.femaleGenital'],
    ['N99', null],
    ['O00', 'who.pregnancy'],
    ['O99', 'who.pregnancy'],
    ['O9A', 'who.pregnancy'],
    ['P00', null],
    ['A00', 'who.infection'],
    ['B99', 'who.infection'],
    ['Q99', null],
    ['R00', 'who.symptoms'],
    ['R99', 'who.symptoms'],
    ['S72', null],
    ['Z00', null],
  ];
  for (const [cat, want] of edges) {
    test(`${cat} -> ${want ?? 'no row'}`, () => assert.equal(specialtyFor(cat)?.id ?? null, want));
  }
  test('every row is reached by its own first category, or by a narrower row that holds it', () => {
    for (const r of SPECIALTY_RANGES) {
      const got = specialtyFor(r.from)!;
      const narrower =
        categoryOrdinal(got.to)! - categoryOrdinal(got.from)! <= categoryOrdinal(r.to)! - categoryOrdinal(r.from)!;
      assert.ok(got.id === r.id || narrower, `${r.from}: ${got.id} for ${r.id}`);
    }
  });
  test('breast and female genital disorders never go to urology; male and urinary ones do', () => {
    for (const c of categories.filter((x) => x.category >= 'N60' && x.category <= 'N98')) {
      assert.notEqual(specialtyFor(c.category)?.text, 'content.who.urologist', c.category);
    }
    assert.equal(specialtyFor('N40')!.text, 'content.who.urologist');
    assert.equal(specialtyFor('N81')!.text, 'content.who.gynecologist');
  });
  test('every category of the neoplasm chapter has a row; malignant ones a cancer row, benign ones never', () => {
    for (const c of categories.filter((x) => /^(C|D0|D[1-4])/.test(x.category))) {
      const r = specialtyFor(c.category);
      assert.ok(r, c.category);
      const malignant = c.category.startsWith('C') || /^D0/.test(c.category);
      assert.equal(r.group === 'cancer', malignant, `${c.category} -> ${r.id}`);
    }
  });
});

const op = (id: string, dx: [string, string | null][], plan: PlanCategory[]): ComparableOpinion => ({
  id,
  diagnoses: dx.map(([text, code]) => ({ text, code })),
  plan: plan.map((category) => ({ category, details: null })),
  goal: null,
  urgency: null,
});
const hintsFor = (ops: ComparableOpinion[]) => specialistHints(ops, compareAll(ops, oracle).pairs, oracle);

describe('the hints on the page', () => {
  test('heart disease and breast cancer in one opinion: someone who treats both, and each specialist', () => {
    const h = hintsFor([
      op(
        'a',
        [
          ['Breast cancer', 'C50.912'],
          ['Heart failure', 'I50.9'],
        ],
        ['surgery'],
      ),
      op(
        'b',
        [
          ['Breast cancer', 'C50.912'],
          ['Heart failure', 'I50.9'],
        ],
        ['systemic_therapy'],
      ),
    ]);
    assert.deepEqual(h.hints, [
      'compare.spec.both',
      'content.who.breastCancer',
      'content.who.cardiologist',
      'compare.spec.treatment',
      'compare.spec.team',
    ]);
    assert.equal(h.cancer, true);
  });
  test('breast cancer and its spread to lymph nodes are one condition, not two', () => {
    const h = hintsFor([
      op(
        'a',
        [
          ['Breast cancer', 'C50.912'],
          ['Lymph nodes', 'C77.3'],
        ],
        ['surgery'],
      ),
      op('b', [['Breast cancer', 'C50.912']], ['watchful_waiting']),
    ]);
    assert.ok(!h.hints.includes('compare.spec.both'));
    assert.ok(h.hints.includes('content.who.breastCancer') && h.hints.includes('content.who.cancer'));
  });
  test('different diagnoses: a fresh look at the slides and scans, and a specialist for each', () => {
    const h = hintsFor([op('a', [['lung cancer', null]], ['surgery']), op('b', [['pneumonia', null]], ['medication'])]);
    assert.ok(h.hints.includes('compare.spec.diagnosis'));
    assert.ok(h.hints.includes('content.who.cancer'));
    assert.ok(h.hints.includes('content.who.pulmonologist'));
    assert.ok(!h.hints.includes('compare.spec.both'), 'two doctors disagreeing is not two conditions');
  });
  test('a benign breast lump vs breast cancer: a breast specialist and a cancer team, not a urologist', () => {
    const h = hintsFor([
      op('a', [['Lump in breast', 'N63.0']], ['watchful_waiting']),
      op('b', [['Breast cancer', 'C50.912']], ['surgery']),
    ]);
    assert.deepEqual(
      h.rows.map((r) => r.id),
      ['who.breast', 'who.breastCancer'],
    );
    assert.ok(!h.hints.includes('content.who.urologist'));
  });
  test('a uterine fibroid (benign) is not sent to a cancer doctor', () => {
    const h = hintsFor([
      op('a', [['Fibroid', 'D25.9']], ['surgery']),
      op('b', [['Fibroid', 'D25.9']], ['watchful_waiting']),
    ]);
    assert.deepEqual(
      h.rows.map((r) => r.id),
      ['who.benignFemale'],
    );
    assert.equal(h.cancer, false);
    assert.ok(!h.hints.includes('compare.spec.team'));
  });
  test('surgery vs surveillance on the same diagnosis: a doctor from another field', () => {
    const h = hintsFor([
      op('a', [['Prostate cancer', 'C61']], ['surgery']),
      op('b', [['Prostate cancer', 'C61']], ['watchful_waiting']),
    ]);
    assert.deepEqual(h.hints, ['content.who.uroCancer', 'compare.spec.treatment', 'compare.spec.team']);
  });
  test('nothing specific known: a general hint, never an empty list', () => {
    assert.deepEqual(hintsFor([op('a', [], ['medication']), op('b', [], ['lifestyle'])]).hints, [
      'compare.spec.general',
    ]);
  });
});
