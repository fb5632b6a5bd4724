import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { Icd10Index } from '../../src/features/codes/icd10.ts';
import { loadIcd10 } from '../../src/features/codes/icd10-data.ts';
import {
  type CodeOracle,
  compareDiagnoses,
  comparePair,
  comparePlans,
  DIAGNOSIS_BASES,
  DIAGNOSIS_BASIS_LEVEL,
  decide,
  IMPACTS,
  LEVELS,
  type Level,
  TREATMENT_BASES,
  TREATMENT_BASIS_LEVEL,
} from '../../src/features/opinions/comparison.ts';
import { basisKey, explainAxis, headlineKey, levelKey, verdictText } from '../../src/features/opinions/explain.ts';
import {
  type Diagnosis,
  PLAN_CATEGORIES,
  type PlanCategory,
  type PlanItem,
} from '../../src/features/opinions/opinions.ts';
import { isProcedureWord } from '../../src/features/opinions/plan-compare.ts';
import { isMessageKey, translator } from '../../src/platform/i18n/i18n.ts';

// Properties of the comparison that must hold for every input, checked with fast-check on
// generated opinions (fixed seed, so a failure is reproducible): the answer does not depend
// on which opinion came first; an opinion compared with itself is "same"; a plan with a
// drug or step added is "refined", never "same"; the codes' relation alone decides a coded
// diagnosis; and the label, its explanation and the headline always come from one decision.

const SEED = 20261207;
const RUNS = 300;

let icd: Icd10Index;
let oracle: CodeOracle;
/** Real codes from a few busy categories, so pairs hit every relation (same, ancestor, category, block, chapter). */
let codes: string[];
before(async () => {
  icd = await loadIcd10();
  oracle = { place: (c) => icd.place(c), guess: (t) => icd.guess(t) };
  const set = new Set<string>();
  for (const cat of [
    'C50',
    'C34',
    'C18',
    'C20',
    'D05',
    'I48',
    'I50',
    'I21',
    'I25',
    'E11',
    'E10',
    'N60',
    'N40',
    'C61',
    'M17',
    'M16',
    'J44',
    'J43',
    'S72',
  ]) {
    for (const h of icd.search(cat, { limit: 25 }).hits) set.add(h.code);
  }
  codes = [...set];
  assert.ok(codes.length > 200, `a pool of real codes (${codes.length})`);
});

const WORDS = [
  'breast',
  'lung',
  'heart',
  'failure',
  'cancer',
  'atrial',
  'fibrillation',
  'left',
  'right',
  'stage',
  'kidney',
  'stone',
  'prostate',
  'enlarged',
  'knee',
  'arthritis',
  'zorblax',
  'cyst',
  'benign',
  'chest',
  'pain',
];
const codeArb = () => fc.constantFrom(...codes);
const wordsArb = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
const diagnosisArb = (): fc.Arbitrary<Diagnosis> =>
  fc.oneof(
    codeArb().map((code) => ({ text: icd.lookup(code)?.description ?? code, code })),
    wordsArb.map((text) => ({ text, code: null })),
    fc.tuple(wordsArb, codeArb()).map(([text, code]) => ({ text, code })),
  );
const diagnosesArb = () => fc.array(diagnosisArb(), { minLength: 0, maxLength: 3 });

const DRUGS = [
  'letrozole',
  'palbociclib',
  'tamoxifen',
  'metoprolol',
  'diltiazem',
  'chemotherapy',
  'mastectomy',
  'lumpectomy',
  'prostatectomy',
  'radiation',
  'surveillance',
];
const MODS = ['left', 'right', '5 weeks', '3 weeks', '25 mg', 'daily', 'robotic'];
const itemArb: fc.Arbitrary<PlanItem> = fc.record({
  category: fc.constantFrom(...PLAN_CATEGORIES),
  details: fc.option(
    fc
      .tuple(fc.subarray(DRUGS, { maxLength: 2 }), fc.subarray(MODS, { maxLength: 2 }))
      .map(([d, m]) => [...m, ...d].join(' ') || 'as needed'),
    { nil: null },
  ),
});
const planArb = fc.array(itemArb, { minLength: 0, maxLength: 4 });

const compact = (c: string) => c.replace('.', '');

describe('diagnosis properties', () => {
  test('symmetric: the same level and reason whichever opinion came first', () => {
    fc.assert(
      fc.property(diagnosesArb(), diagnosesArb(), (a, b) => {
        const x = compareDiagnoses(a, b, oracle);
        const y = compareDiagnoses(b, a, oracle);
        assert.equal(x.level, y.level);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('the same diagnoses compared with themselves are "same"', () => {
    fc.assert(
      fc.property(diagnosesArb(), (a) => {
        assert.equal(compareDiagnoses(a, a, oracle).level, 'same');
        assert.equal(compareDiagnoses(a, structuredClone(a), oracle).level, 'same');
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('two codes: refined exactly when one is the ancestor of the other or they share the 3-character category', () => {
    fc.assert(
      fc.property(codeArb(), codeArb(), (a, b) => {
        const r = compareDiagnoses([{ text: a, code: a }], [{ text: b, code: b }], oracle);
        const ca = compact(a);
        const cb = compact(b);
        const want: Level =
          ca === cb
            ? 'same'
            : ca.startsWith(cb) || cb.startsWith(ca) || ca.slice(0, 3) === cb.slice(0, 3)
              ? 'refined'
              : 'different';
        assert.equal(r.level, want, `${a} vs ${b}: ${r.basis}`);
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  test('a code and a more exact code under it are always "refined"', () => {
    fc.assert(
      fc.property(codeArb(), (c) => {
        const parent = c.length > 4 ? c.slice(0, -1).replace(/\.$/, '') : c.slice(0, 3);
        if (compact(parent) === compact(c)) return;
        assert.equal(
          compareDiagnoses([{ text: 'x', code: parent }], [{ text: 'y', code: c }], oracle).level,
          'refined',
        );
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('every basis the rules give has the level they give with it', () => {
    fc.assert(
      fc.property(diagnosesArb(), diagnosesArb(), (a, b) => {
        const r = compareDiagnoses(a, b, oracle);
        assert.equal(DIAGNOSIS_BASIS_LEVEL[r.basis], r.level, r.basis);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('treatment properties', () => {
  test('symmetric: the same level, reason and weight whichever plan came first', () => {
    fc.assert(
      fc.property(planArb, planArb, (a, b) => {
        assert.deepEqual(comparePlans(a, b), comparePlans(b, a));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('a plan compared with itself is "same"', () => {
    fc.assert(
      fc.property(planArb, (a) => {
        assert.equal(comparePlans(a, a).level, 'same');
        assert.equal(comparePlans(a, structuredClone(a)).level, 'same');
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  const nonSurgery = PLAN_CATEGORIES.filter((c) => c !== 'surgery') as PlanCategory[];
  const freshDrug = fc.stringMatching(/^zz[a-z]{4,8}$/).filter((w) => !isProcedureWord(w));

  test('a plan with a drug or step added (no surgery added) is "refined", never "same" or "different"', () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...nonSurgery),
        freshDrug,
        (a, category, drug) => {
          const b = [...a, { category, details: drug }];
          const r = comparePlans(a, b);
          assert.equal(r.level, 'refined', `${JSON.stringify(a)} + ${category}:${drug} -> ${r.basis}`);
          assert.equal(r.basis, 'adds_to_plan');
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('a drug added inside an item\'s own words is "refined" too', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { minLength: 1, maxLength: 4 }), freshDrug, (a, drug) => {
        const b = a.map((it, i) => (i === a.length - 1 ? { ...it, details: `${it.details ?? ''} and ${drug}` } : it));
        const r = comparePlans(a, b);
        // Added to a surgery item, an unknown word reads as another detail of it: still refined.
        assert.equal(r.level, 'refined', `${JSON.stringify(a)} -> ${r.basis}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('surgery added to a plan with none is "different" (whether surgery)', () => {
    fc.assert(
      fc.property(
        fc.array(
          itemArb.filter((i) => i.category !== 'surgery' && !/ectomy/.test(i.details ?? '')),
          { minLength: 1, maxLength: 3 },
        ),
        (a) => {
          const r = comparePlans(a, [...a, { category: 'surgery', details: 'mastectomy' }]);
          assert.equal(r.level, 'different');
          assert.equal(r.basis, 'surgery_vs_none');
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('another main treatment of the same kind is "different"', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PLAN_CATEGORIES),
        freshDrug,
        freshDrug,
        fc.array(itemArb, { maxLength: 2 }),
        (category, d1, d2, rest) => {
          fc.pre(d1 !== d2);
          const r = comparePlans([{ category, details: d1 }, ...rest], [{ category, details: d2 }, ...rest]);
          assert.equal(r.level, 'different', r.basis);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('every basis the rules give has the level they give with it', () => {
    fc.assert(
      fc.property(planArb, planArb, (a, b) => {
        const r = comparePlans(a, b);
        assert.equal(TREATMENT_BASIS_LEVEL[r.basis], r.level, r.basis);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('one decision: headline, labels and explanations never disagree', () => {
  const t = translator('en');
  const answers = [undefined, null, ...LEVELS] as const;

  test('for every reason and every answer the person may give (all combinations)', () => {
    let n = 0;
    for (const db of DIAGNOSIS_BASES) {
      for (const tb of TREATMENT_BASES) {
        for (const od of answers) {
          for (const ot of answers) {
            const v = decide({ basis: db }, { basis: tb }, { diagnosis: od, treatment: ot });
            const dl = od ?? DIAGNOSIS_BASIS_LEVEL[db];
            const tl = ot ?? TREATMENT_BASIS_LEVEL[tb];
            assert.equal(v.diagnosis.level, dl);
            assert.equal(v.treatment.level, tl);
            const differs = dl === 'different' || tl === 'different';
            assert.equal(v.thirdOpinion, differs);
            assert.equal(v.headline, differs ? 'differs' : dl === 'refined' || tl === 'refined' ? 'refines' : 'agree');
            assert.deepEqual(
              v.differentOn,
              (['diagnosis', 'treatment'] as const).filter((k) => (k === 'diagnosis' ? dl : tl) === 'different'),
            );
            for (const axis of ['diagnosis', 'treatment'] as const) {
              const a = v[axis];
              const e = explainAxis(axis, a);
              assert.equal(e.label, levelKey(axis, a.level), 'the label is the shown level');
              if (a.by === 'corrected') {
                assert.equal(e.why, 'compare.why.corrected');
                assert.equal(e.suggestedLabel, levelKey(axis, a.suggested));
              } else {
                // The reason shown is the rule's, and the rule's level is the level shown.
                assert.equal(e.why, basisKey(axis, a.basis));
                assert.equal(
                  axis === 'diagnosis'
                    ? DIAGNOSIS_BASIS_LEVEL[a.basis as (typeof DIAGNOSIS_BASES)[number]]
                    : TREATMENT_BASIS_LEVEL[a.basis as (typeof TREATMENT_BASES)[number]],
                  a.level,
                );
              }
              assert.ok(isMessageKey(e.label) && isMessageKey(e.why), `${e.label} / ${e.why} are in the catalogue`);
            }
            assert.ok(isMessageKey(headlineKey(v)));
            const words = verdictText(t, v);
            assert.ok(words.diagnosis.startsWith(t(levelKey('diagnosis', dl))), words.diagnosis);
            assert.ok(words.treatment.startsWith(t(levelKey('treatment', tl))), words.treatment);
            assert.ok(!words.diagnosis.includes('{') && !words.treatment.includes('{'), 'no placeholder left');
            n++;
          }
        }
      }
    }
    assert.equal(n, DIAGNOSIS_BASES.length * TREATMENT_BASES.length * 25);
  });

  test("for generated opinion pairs, the flat fields are the verdict's", () => {
    fc.assert(
      fc.property(
        diagnosesArb(),
        diagnosesArb(),
        planArb,
        planArb,
        fc.option(fc.constantFrom(...LEVELS), { nil: undefined }),
        fc.option(fc.constantFrom(...IMPACTS), { nil: undefined }),
        (da, db, pa, pb, od, oi) => {
          const a = { id: 'a', diagnoses: da, plan: pa, goal: null, urgency: null };
          const b = { id: 'b', diagnoses: db, plan: pb, goal: null, urgency: null };
          const p = comparePair(a, b, oracle, { diagnosis: od, impact: oi });
          assert.equal(p.diagnosis, p.verdict.diagnosis.level);
          assert.equal(p.treatment, p.verdict.treatment.level);
          assert.equal(p.differSignificantly, p.verdict.thirdOpinion);
          assert.equal(p.suggested.diagnosis, DIAGNOSIS_BASIS_LEVEL[p.basis.diagnosis]);
          assert.equal(p.suggested.treatment, TREATMENT_BASIS_LEVEL[p.basis.treatment]);
          const q = comparePair(b, a, oracle, { diagnosis: od, impact: oi });
          assert.deepEqual(
            [q.diagnosis, q.treatment, q.verdict.headline, q.impact],
            [p.diagnosis, p.treatment, p.verdict.headline, p.impact],
          );
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
