import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Icd10Index } from '../../src/features/codes/icd10.ts';
import { loadIcd10 } from '../../src/features/codes/icd10-data.ts';
import {
  type CodeOracle,
  type ComparableOpinion,
  compareAll,
  compareDiagnoses,
  compareGoals,
  comparePair,
  comparePlans,
  compareUrgency,
  conceptWords,
  differsSignificantly,
  type Impact,
  type Level,
  pairKey,
} from '../../src/features/opinions/comparison.ts';
import type { Diagnosis, Goal, PlanCategory, PlanItem, Urgency } from '../../src/features/opinions/opinions.ts';

// The comparison rules, table by table, against the real ICD-10-CM code set shipped in
// data/reference (so "same section" means what CDC's classification says). Every pair is
// also run the other way round: which doctor came first never changes the answer.
// Properties (symmetry, identity, supersets) are in opinions-comparison-properties.test.ts.

let index: Icd10Index;
let oracle: CodeOracle;
before(async () => {
  index = await loadIcd10();
  oracle = { place: (c) => index.place(c), guess: (t) => index.guess(t) };
});

const dx = (text: string, code?: string): Diagnosis => ({ text, code: code ?? null });
const plan = (...items: (PlanCategory | [PlanCategory, string])[]): PlanItem[] =>
  items.map((i) => (Array.isArray(i) ? { category: i[0], details: i[1] } : { category: i, details: null }));
let n = 0;
const opinion = (o: Partial<Omit<ComparableOpinion, 'id'>> = {}): ComparableOpinion => ({
  id: `o${n++}`,
  diagnoses: o.diagnoses ?? [],
  plan: o.plan ?? [],
  goal: o.goal ?? null,
  urgency: o.urgency ?? null,
});

describe('diagnosis from codes: refined only for an ancestor or the same 3-character category', () => {
  const cases: [string, string, string, Level, string][] = [
    ['same code', 'C50.912', 'C50.912', 'same', 'same_code'],
    ['same code written differently', 'C50.912', 'c50912', 'same', 'same_code'],
    ['heading and a code under it', 'C50.9', 'C50.912', 'refined', 'ancestor'],
    ['category and a code under it', 'I48', 'I48.91', 'refined', 'ancestor'],
    ['category and a code two levels down', 'C50', 'C50.912', 'refined', 'ancestor'],
    ['left vs right breast, same category', 'C50.912', 'C50.911', 'refined', 'same_category'],
    ['two kinds of atrial fibrillation', 'I48.0', 'I48.21', 'refined', 'same_category'],
    ['type 2 diabetes, plain vs with kidney disease', 'E11.9', 'E11.22', 'refined', 'same_category'],
    [
      'hip fracture: initial visit vs sequela, sibling codes of one category',
      'S72.001A',
      'S72.001S',
      'refined',
      'same_category',
    ],
    ['hip fracture code and its initial-visit form', 'S72.001', 'S72.001A', 'refined', 'ancestor'],
    ['a code newer than the full list still finds its category', 'C50.912', 'C50.9X9', 'refined', 'same_category'],
    ['colon vs rectal cancer: same block, another category', 'C18.9', 'C20', 'different', 'same_section'],
    [
      'atrial fibrillation vs heart failure: same block, another category',
      'I48.91',
      'I50.9',
      'different',
      'same_section',
    ],
    ['heart attack vs old heart attack: same block, another category', 'I21.9', 'I25.2', 'different', 'same_section'],
    ['COPD vs emphysema: same block, another category', 'J44.9', 'J43.9', 'different', 'same_section'],
    ['osteoarthritis of knee vs of hip: same block, another category', 'M17.11', 'M16.11', 'different', 'same_section'],
    [
      'breast cancer vs carcinoma in situ of breast (other block, same chapter)',
      'C50.912',
      'D05.12',
      'different',
      'different_section',
    ],
    ['breast cancer vs lung cancer', 'C50.912', 'C34.90', 'different', 'different_section'],
    [
      'heart failure vs hypertension (both circulatory, other blocks)',
      'I50.9',
      'I10',
      'different',
      'different_section',
    ],
    ['heart failure vs COPD (other chapter)', 'I50.9', 'J44.9', 'different', 'different_chapter'],
    ['breast cancer vs benign breast cyst', 'C50.912', 'N60.02', 'different', 'different_chapter'],
    ['prostate cancer vs enlarged prostate', 'C61', 'N40.0', 'different', 'different_chapter'],
    ['chest pain (symptom) vs angina', 'R07.9', 'I20.9', 'different', 'different_chapter'],
  ];
  for (const [name, a, b, level, basis] of cases) {
    test(name, () => {
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        const r = compareDiagnoses([dx(x, x)], [dx(y, y)], oracle);
        assert.deepEqual([r.level, r.basis, r.fromCodes], [level, basis, true], `${x} vs ${y}`);
      }
    });
  }
});

describe('diagnosis from words (no codes): the same logic, on the codes the words point to', () => {
  const cases: [string, string, string, Level, string][] = [
    ['identical words', 'Breast cancer', 'breast cancer', 'same', 'same_words'],
    ['abbreviation spelled out', 'A-fib', 'atrial fibrillation', 'same', 'same_words'],
    ['CHF and heart failure', 'CHF', 'congestive heart failure', 'same', 'same_words'],
    ['heart attack and MI', 'heart attack', 'MI', 'same', 'same_words'],
    ['carcinoma is cancer', 'carcinoma of the breast', 'breast cancer', 'same', 'same_words'],
    ['suspected vs confirmed wording only', 'suspected lung cancer', 'lung cancer', 'same', 'same_words'],
    [
      'more detail on the same thing',
      'breast cancer',
      'invasive ductal carcinoma of the left breast, stage 2',
      'refined',
      'words_contained',
    ],
    ['stage given by one', 'prostate cancer', 'prostate cancer stage 3', 'refined', 'words_contained'],
    [
      'stage 2 vs stage 3 of the same cancer',
      'breast cancer stage 2',
      'breast cancer stage 3',
      'refined',
      'words_same_category',
    ],
    ['left vs right breast', 'left breast cancer', 'right breast cancer', 'refined', 'words_same_category'],
    [
      'atrial fibrillation vs heart failure: another category of one block',
      'atrial fibrillation',
      'heart failure',
      'different',
      'words_same_section',
    ],
    ['breast cancer vs lung cancer', 'breast cancer', 'lung cancer', 'different', 'words_different_section'],
    ['carcinoma in situ (DCIS) vs breast cancer', 'DCIS', 'breast cancer', 'different', 'words_different_section'],
    ['lung cancer vs pneumonia', 'lung cancer', 'pneumonia', 'different', 'words_different_chapter'],
    [
      'a lung nodule vs lung cancer: shared words, other chapter',
      'lung nodule',
      'lung cancer',
      'different',
      'words_different_chapter',
    ],
    [
      'kidney stones vs kidney cancer: shared words, other chapter',
      'kidney stones',
      'kidney cancer',
      'different',
      'words_different_chapter',
    ],
    [
      'benign breast cyst vs breast cancer',
      'benign breast cyst',
      'breast cancer',
      'different',
      'words_different_chapter',
    ],
    ['gallstones vs heart attack', 'gallstones', 'heart attack', 'different', 'words_different_chapter'],
    ['prostate cancer vs enlarged prostate (BPH)', 'prostate cancer', 'BPH', 'different', 'words_different_chapter'],
    ['chest pain vs angina', 'chest pain', 'angina', 'different', 'words_different_chapter'],
    [
      'unknown words with a shared specific word, no code either side',
      'zorblax of the flimflam',
      'fnordic flimflam',
      'refined',
      'words_overlap',
    ],
    [
      'unknown words about the same body part point to one category',
      'zorblax of the knee',
      'fnordic knee',
      'refined',
      'words_same_category',
    ],
    ['made-up words with nothing shared', 'zorblax', 'fnord', 'different', 'words_unmatched'],
  ];
  for (const [name, a, b, level, basis] of cases) {
    test(name, () => {
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        const r = compareDiagnoses([dx(x)], [dx(y)], oracle);
        assert.deepEqual([r.level, r.basis, r.fromCodes], [level, basis, false], `${x} vs ${y}`);
      }
    });
  }
});

describe('diagnosis: one coded, one in words', () => {
  const cases: [string, Diagnosis, Diagnosis, Level, string][] = [
    ['words name the coded condition', dx('Breast cancer', 'C50.911'), dx('breast cancer'), 'same', 'same_words'],
    [
      'words point to the very code',
      dx('Cancer of the prostate gland', 'C61'),
      dx('prostate cancer'),
      'same',
      'words_same_code',
    ],
    [
      'words point to another cancer',
      dx('Breast cancer', 'C50.911'),
      dx('lung cancer'),
      'different',
      'words_different_section',
    ],
    [
      'words point to another chapter',
      dx('Heart failure', 'I50.9'),
      dx('COPD'),
      'different',
      'words_different_chapter',
    ],
    [
      'words point to another category of the same block',
      dx('Atrial fibrillation', 'I48.91'),
      dx('heart failure'),
      'different',
      'words_same_section',
    ],
    [
      'words point to a code under the coded one',
      dx('Breast cancer', 'C50.9'),
      dx('cancer of the right breast'),
      'refined',
      'words_contained',
    ],
    [
      'words name the same category in other words',
      dx('Breast cancer, left', 'C50.912'),
      dx('malignancy, upper outer quadrant of the right breast'),
      'refined',
      'words_same_category',
    ],
  ];
  for (const [name, a, b, level, basis] of cases) {
    test(name, () => {
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        const r = compareDiagnoses([x], [y], oracle);
        assert.deepEqual([r.level, r.basis, r.fromCodes], [level, basis, false]);
      }
    });
  }
});

describe('diagnosis: none, one, several', () => {
  test('no diagnosis from either doctor is the same', () => {
    assert.deepEqual(compareDiagnoses([], [], oracle), { level: 'same', basis: 'both_none', fromCodes: false });
  });
  test('no diagnosis vs a diagnosis is different, both ways', () => {
    assert.equal(compareDiagnoses([], [dx('Heart failure', 'I50.9')], oracle).level, 'different');
    assert.equal(compareDiagnoses([dx('pneumonia')], [], oracle).basis, 'one_none');
  });
  test('same diagnoses in another order are the same', () => {
    const r = compareDiagnoses(
      [dx('Breast cancer', 'C50.912'), dx('Heart failure', 'I50.9')],
      [dx('Heart failure', 'I50.9'), dx('Breast cancer', 'C50.912')],
      oracle,
    );
    assert.equal(r.level, 'same');
  });
  test('a second condition found by one doctor refines the picture', () => {
    const r = compareDiagnoses(
      [dx('Breast cancer', 'C50.912')],
      [dx('Breast cancer', 'C50.912'), dx('Spread to lymph nodes under the arm', 'C77.3')],
      oracle,
    );
    assert.deepEqual([r.level, r.basis], ['refined', 'added_diagnosis']);
  });
  test('the main diagnosis differing is different even when a side diagnosis matches', () => {
    const r = compareDiagnoses(
      [dx('Breast cancer', 'C50.912'), dx('High blood pressure', 'I10')],
      [dx('Benign breast cyst', 'N60.02'), dx('High blood pressure', 'I10')],
      oracle,
    );
    assert.equal(r.level, 'different');
    assert.equal(r.basis, 'different_chapter');
  });
  test('heart disease and breast cancer together vs breast cancer only', () => {
    const r = compareDiagnoses(
      [dx('Heart failure', 'I50.9'), dx('Breast cancer', 'C50.912')],
      [dx('Breast cancer', 'C50.912')],
      oracle,
    );
    assert.deepEqual([r.level, r.basis, r.fromCodes], ['refined', 'added_diagnosis', true]);
  });
  test('two conditions each, nothing in common', () => {
    const r = compareDiagnoses(
      [dx('Heart failure', 'I50.9'), dx('COPD', 'J44.9')],
      [dx('Breast cancer', 'C50.912'), dx('Gout', 'M10.9')],
      oracle,
    );
    assert.equal(r.level, 'different');
  });
});

describe('treatment from the plan: adding or removing anything is never "same"', () => {
  const cases: [string, PlanItem[], PlanItem[], Level, string, boolean][] = [
    ['both say surgery', plan('surgery'), plan('surgery'), 'same', 'same_plan', false],
    [
      'same surgery in the same words',
      plan(['surgery', 'mastectomy']),
      plan(['surgery', 'Mastectomy']),
      'same',
      'same_plan',
      false,
    ],
    [
      'the same operation, one says the side',
      plan(['surgery', 'mastectomy']),
      plan(['surgery', 'left mastectomy']),
      'same',
      'same_plan',
      false,
    ],
    [
      'lumpectomy is a partial mastectomy',
      plan(['surgery', 'lumpectomy']),
      plan(['surgery', 'partial mastectomy']),
      'same',
      'same_plan',
      false,
    ],
    [
      'chemo is chemotherapy',
      plan(['systemic_therapy', 'chemo']),
      plan(['systemic_therapy', 'chemotherapy']),
      'same',
      'same_plan',
      false,
    ],
    [
      'one names the surgery, the other does not',
      plan('surgery'),
      plan(['surgery', 'left mastectomy']),
      'refined',
      'adds_to_plan',
      true,
    ],
    [
      'Letrozole vs Letrozole and palbociclib (one item)',
      plan(['medication', 'Letrozole']),
      plan(['medication', 'Letrozole and palbociclib']),
      'refined',
      'adds_to_plan',
      false,
    ],
    [
      'Letrozole vs letrozole, then palbociclib as its own item',
      plan(['systemic_therapy', 'Letrozole']),
      plan(['systemic_therapy', 'letrozole'], ['systemic_therapy', 'palbociclib']),
      'refined',
      'adds_to_plan',
      true,
    ],
    [
      'the same drug filed as medication by one, systemic therapy by the other',
      plan(['medication', 'Letrozole']),
      plan(['systemic_therapy', 'letrozole + palbociclib']),
      'refined',
      'adds_to_plan',
      true,
    ],
    [
      'one adds a reconstruction to the same surgery',
      plan(['surgery', 'mastectomy']),
      plan(['surgery', 'left mastectomy with reconstruction']),
      'refined',
      'adds_to_plan',
      true,
    ],
    ['surgery then radiation added', plan('surgery'), plan('surgery', 'radiation'), 'refined', 'adds_to_plan', true],
    [
      'lumpectomy and radiation vs lumpectomy alone',
      plan(['surgery', 'Lumpectomy'], 'radiation'),
      plan(['surgery', 'lumpectomy']),
      'refined',
      'adds_to_plan',
      true,
    ],
    [
      'surgery with lifestyle advice added',
      plan('surgery'),
      plan('surgery', 'lifestyle'),
      'refined',
      'adds_to_plan',
      false,
    ],
    [
      'the same medicine, another dose',
      plan(['medication', 'metoprolol 25 mg daily']),
      plan(['medication', 'Metoprolol 50mg twice a day']),
      'refined',
      'other_details',
      false,
    ],
    [
      'left vs right side',
      plan(['surgery', 'left mastectomy']),
      plan(['surgery', 'right mastectomy']),
      'refined',
      'other_details',
      true,
    ],
    [
      '5 weeks vs 3 weeks of radiation',
      plan(['radiation', '5 weeks']),
      plan(['radiation', '3 weeks']),
      'refined',
      'other_details',
      true,
    ],
    [
      'same parts written in another order',
      plan('surgery', 'systemic_therapy'),
      plan('systemic_therapy', 'surgery'),
      'refined',
      'same_parts_other_order',
      true,
    ],
    [
      'mastectomy vs chemotherapy first, then lumpectomy (two items)',
      plan(['surgery', 'Mastectomy']),
      plan(['systemic_therapy', 'Chemotherapy first'], ['surgery', 'then lumpectomy']),
      'different',
      'different_main_category',
      true,
    ],
    [
      'mastectomy vs "chemotherapy first, then lumpectomy" in one item',
      plan(['surgery', 'Mastectomy']),
      plan(['surgery', 'Chemotherapy first, then lumpectomy']),
      'different',
      'different_main_treatment',
      true,
    ],
    [
      'mastectomy vs lumpectomy with radiation',
      plan(['surgery', 'mastectomy']),
      plan(['surgery', 'Lumpectomy'], 'radiation'),
      'different',
      'different_main_treatment',
      true,
    ],
    [
      'a different medicine',
      plan(['medication', 'metoprolol']),
      plan(['medication', 'diltiazem']),
      'different',
      'different_main_treatment',
      true,
    ],
    [
      'letrozole alone vs letrozole and a mastectomy (whether surgery)',
      plan(['systemic_therapy', 'letrozole']),
      plan(['systemic_therapy', 'letrozole'], ['surgery', 'mastectomy']),
      'different',
      'surgery_vs_none',
      true,
    ],
    [
      'same chemotherapy first, then another operation (which surgery)',
      plan(['systemic_therapy', 'chemotherapy'], ['surgery', 'mastectomy']),
      plan(['systemic_therapy', 'chemotherapy'], ['surgery', 'lumpectomy']),
      'different',
      'different_procedure',
      true,
    ],
    [
      'surgery and radiation vs radiation alone',
      plan('surgery', 'radiation'),
      plan('radiation'),
      'different',
      'different_main_category',
      true,
    ],
    [
      'surgery vs active surveillance',
      plan('surgery'),
      plan('watchful_waiting'),
      'different',
      'different_main_category',
      true,
    ],
    [
      'surgery vs radiation',
      plan(['surgery', 'prostatectomy']),
      plan(['radiation', 'external beam']),
      'different',
      'different_main_category',
      true,
    ],
    [
      'medicine vs tests first',
      plan('medication'),
      plan('further_tests', 'medication'),
      'different',
      'different_main_category',
      true,
    ],
    [
      'no treatment needed vs surgery',
      plan('no_treatment'),
      plan('surgery'),
      'different',
      'different_main_category',
      true,
    ],
    ['no plan recorded by either', [], [], 'same', 'both_none', false],
    ['a plan vs none recorded', plan('surgery'), [], 'different', 'one_none', true],
  ];
  for (const [name, a, b, level, basis, major] of cases) {
    test(name, () => {
      assert.deepEqual(comparePlans(a, b), { level, basis, major });
      assert.deepEqual(comparePlans(b, a), { level, basis, major }, 'symmetric');
    });
  }
});

describe('goal and urgency agreement', () => {
  const goals: [Goal | null, Goal | null, string][] = [
    ['cure', 'cure', 'agree'],
    ['cure', 'comfort', 'differ'],
    ['control', 'cure', 'differ'],
    ['cure', 'not_known', 'unknown'],
    [null, 'cure', 'unknown'],
  ];
  for (const [a, b, want] of goals) test(`goal ${a} vs ${b}: ${want}`, () => assert.equal(compareGoals(a, b), want));
  const urgencies: [Urgency | null, Urgency | null, string][] = [
    ['right_away', 'right_away', 'agree'],
    ['right_away', 'no_rush', 'differ'],
    ['within_weeks', 'no_rush', 'differ'],
    ['not_said', 'right_away', 'unknown'],
    [null, null, 'unknown'],
  ];
  for (const [a, b, want] of urgencies)
    test(`urgency ${a} vs ${b}: ${want}`, () => assert.equal(compareUrgency(a, b), want));
});

describe('"differ significantly"', () => {
  // The doctors disagree only when an axis is different; a refinement is never a disagreement.
  const cases: [Level, Level, boolean][] = [
    ['same', 'same', false],
    ['refined', 'same', false],
    ['same', 'refined', false],
    ['refined', 'refined', false],
    ['different', 'same', true],
    ['same', 'different', true],
    ['different', 'refined', true],
  ];
  for (const [d, t, want] of cases)
    test(`diagnosis ${d}, treatment ${t} -> ${want}`, () => assert.equal(differsSignificantly(d, t), want));
});

describe('whole pairs: suggested impact and significance', () => {
  const cases: {
    name: string;
    a: Partial<ComparableOpinion>;
    b: Partial<ComparableOpinion>;
    want: {
      diagnosis: Level;
      treatment: Level;
      impact: Impact;
      differSignificantly: boolean;
      goal?: string;
      urgency?: string;
    };
  }[] = [
    {
      name: 'two doctors agree on everything',
      a: {
        diagnoses: [dx('Breast cancer', 'C50.912')],
        plan: plan('surgery', 'radiation'),
        goal: 'cure',
        urgency: 'within_weeks',
      },
      b: {
        diagnoses: [dx('Breast cancer', 'C50.912')],
        plan: plan('surgery', 'radiation'),
        goal: 'cure',
        urgency: 'within_weeks',
      },
      want: {
        diagnosis: 'same',
        treatment: 'same',
        impact: 'none',
        differSignificantly: false,
        goal: 'agree',
        urgency: 'agree',
      },
    },
    {
      name: 'cancer: a more exact code, same plan (confirmed and clarified)',
      a: { diagnoses: [dx('Breast cancer', 'C50.9')], plan: plan('surgery') },
      b: { diagnoses: [dx('Left breast cancer', 'C50.912')], plan: plan('surgery') },
      want: { diagnosis: 'refined', treatment: 'same', impact: 'minor', differSignificantly: false },
    },
    {
      name: 'cancer: same diagnosis, lumpectomy instead of mastectomy (which surgery)',
      a: { diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan(['surgery', 'mastectomy']) },
      b: { diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan(['surgery', 'lumpectomy']) },
      want: { diagnosis: 'same', treatment: 'different', impact: 'major', differSignificantly: true },
    },
    {
      name: 'cancer: radiation added after the same operation refines; it matters, but it is no disagreement',
      a: { diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan(['surgery', 'lumpectomy']) },
      b: { diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan(['surgery', 'lumpectomy'], 'radiation') },
      want: { diagnosis: 'same', treatment: 'refined', impact: 'moderate', differSignificantly: false },
    },
    {
      name: 'cancer: letrozole vs letrozole and palbociclib',
      a: { diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan(['systemic_therapy', 'Letrozole']) },
      b: { diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan(['systemic_therapy', 'Letrozole and palbociclib']) },
      want: { diagnosis: 'same', treatment: 'refined', impact: 'moderate', differSignificantly: false },
    },
    {
      name: 'prostate cancer: surgery vs active surveillance',
      a: { diagnoses: [dx('Prostate cancer', 'C61')], plan: plan('surgery'), urgency: 'within_weeks' },
      b: { diagnoses: [dx('Prostate cancer', 'C61')], plan: plan('watchful_waiting'), urgency: 'no_rush' },
      want: {
        diagnosis: 'same',
        treatment: 'different',
        impact: 'major',
        differSignificantly: true,
        urgency: 'differ',
      },
    },
    {
      name: 'heart: a-fib vs heart failure in words, same medicine (another condition of one block)',
      a: { diagnoses: [dx('a-fib')], plan: plan('medication') },
      b: { diagnoses: [dx('heart failure')], plan: plan('medication') },
      want: { diagnosis: 'different', treatment: 'same', impact: 'major', differSignificantly: true },
    },
    {
      name: 'heart: same diagnosis, same plan, cure vs comfort',
      a: { diagnoses: [dx('Heart failure', 'I50.9')], plan: plan('medication'), goal: 'control' },
      b: { diagnoses: [dx('Heart failure', 'I50.9')], plan: plan('medication'), goal: 'comfort' },
      want: { diagnosis: 'same', treatment: 'same', impact: 'major', differSignificantly: false, goal: 'differ' },
    },
    {
      name: 'no diagnosis first ("it is nothing"), then a diagnosis',
      a: { diagnoses: [], plan: plan('no_treatment'), urgency: 'no_rush' },
      b: { diagnoses: [dx('Ovarian cancer', 'C56.9')], plan: plan('surgery'), urgency: 'right_away' },
      want: {
        diagnosis: 'different',
        treatment: 'different',
        impact: 'major',
        differSignificantly: true,
        urgency: 'differ',
      },
    },
    {
      name: 'urgency alone differs a little',
      a: { diagnoses: [dx('COPD', 'J44.9')], plan: plan('medication'), urgency: 'right_away' },
      b: { diagnoses: [dx('COPD', 'J44.9')], plan: plan('medication'), urgency: 'within_weeks' },
      want: { diagnosis: 'same', treatment: 'same', impact: 'minor', differSignificantly: false, urgency: 'differ' },
    },
    {
      name: 'refined diagnosis with a lifestyle item added stays minor',
      a: { diagnoses: [dx('Type 2 diabetes', 'E11.9')], plan: plan('medication') },
      b: { diagnoses: [dx('Type 2 diabetes with kidney disease', 'E11.22')], plan: plan('medication', 'lifestyle') },
      want: { diagnosis: 'refined', treatment: 'refined', impact: 'minor', differSignificantly: false },
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const p = comparePair(opinion(c.a), opinion(c.b), oracle);
      assert.equal(p.diagnosis, c.want.diagnosis, 'diagnosis');
      assert.equal(p.treatment, c.want.treatment, 'treatment');
      assert.equal(p.impact, c.want.impact, 'impact');
      assert.equal(p.differSignificantly, c.want.differSignificantly, 'differSignificantly');
      if (c.want.goal) assert.equal(p.goal, c.want.goal);
      if (c.want.urgency) assert.equal(p.urgency, c.want.urgency);
      assert.deepEqual(p.confirmed, { diagnosis: null, treatment: null, impact: null });
      assert.deepEqual(p.suggested, { diagnosis: p.diagnosis, treatment: p.treatment, impact: p.impact });
      assert.equal(
        p.verdict.headline,
        c.want.differSignificantly
          ? 'differs'
          : p.diagnosis === 'refined' || p.treatment === 'refined'
            ? 'refines'
            : 'agree',
      );
      // The other way round: the same answer.
      const q = comparePair(opinion(c.b), opinion(c.a), oracle);
      assert.deepEqual(
        [q.diagnosis, q.treatment, q.impact, q.differSignificantly],
        [p.diagnosis, p.treatment, p.impact, p.differSignificantly],
      );
    });
  }
});

describe('the person corrects the suggestion', () => {
  test('a corrected diagnosis changes the answer and the suggested impact; the suggestion is kept', () => {
    const a = opinion({ diagnoses: [dx('chest pain')], plan: plan('further_tests') });
    const b = opinion({ diagnoses: [dx('angina')], plan: plan('further_tests') });
    const before = comparePair(a, b, oracle);
    assert.equal(before.suggested.diagnosis, 'different');
    const after = comparePair(a, b, oracle, { diagnosis: 'refined' });
    assert.equal(after.diagnosis, 'refined');
    assert.equal(after.suggested.diagnosis, 'different');
    assert.equal(after.confirmed.diagnosis, 'refined');
    assert.equal(after.impact, 'minor');
    assert.equal(after.differSignificantly, false);
  });
  test('a corrected impact is kept, but a refinement rated major is still no disagreement', () => {
    const a = opinion({ diagnoses: [dx('Breast cancer', 'C50.9')], plan: plan('surgery') });
    const b = opinion({ diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan('surgery') });
    assert.equal(comparePair(a, b, oracle).differSignificantly, false);
    const p = comparePair(a, b, oracle, { impact: 'major' });
    assert.equal(p.impact, 'major');
    assert.equal(p.suggested.impact, 'minor');
    assert.equal(p.differSignificantly, false);
    assert.equal(p.verdict.headline, 'refines');
  });
  test('correcting a level to "different" makes it a disagreement, and the explanation says the person chose it', () => {
    const a = opinion({ diagnoses: [dx('Breast cancer', 'C50.9')], plan: plan('surgery') });
    const b = opinion({ diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan('surgery') });
    const p = comparePair(a, b, oracle, { diagnosis: 'different' });
    assert.deepEqual(
      [p.diagnosis, p.verdict.diagnosis.by, p.verdict.diagnosis.basis, p.verdict.diagnosis.suggested],
      ['different', 'corrected', 'ancestor', 'refined'],
    );
    assert.deepEqual(
      [p.verdict.headline, p.verdict.differentOn, p.differSignificantly],
      ['differs', ['diagnosis'], true],
    );
    const confirmed = comparePair(a, b, oracle, { diagnosis: 'refined' });
    assert.equal(confirmed.verdict.diagnosis.by, 'confirmed');
  });
  test('confirming "same" on both axes ends a significant difference', () => {
    const a = opinion({ diagnoses: [dx('lung nodule')], plan: plan('further_tests') });
    const b = opinion({ diagnoses: [dx('lung cancer')], plan: plan('surgery') });
    assert.equal(comparePair(a, b, oracle).differSignificantly, true);
    const p = comparePair(a, b, oracle, { diagnosis: 'same', treatment: 'same' });
    assert.equal(p.differSignificantly, false);
    assert.equal(p.impact, 'none');
  });
});

describe('all opinions of a case', () => {
  test('nothing to compare: says what is missing', () => {
    assert.deepEqual(compareAll([], oracle).missing, ['first_opinion', 'another_opinion']);
    const one = compareAll([opinion({ diagnoses: [dx('gout')] })], oracle);
    assert.equal(one.status, 'needs_more_opinions');
    assert.deepEqual(one.missing, ['another_opinion']);
    assert.deepEqual(one.pairs, []);
  });
  test('three opinions: each later one against the first, and every pair', () => {
    const first = opinion({ diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan(['surgery', 'mastectomy']) });
    const second = opinion({ diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan(['surgery', 'mastectomy']) });
    const third = opinion({ diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan('systemic_therapy', 'surgery') });
    const c = compareAll(
      [first, second, third],
      oracle,
      new Map([[pairKey(third.id, second.id), { impact: 'minor' as Impact }]]),
    );
    assert.equal(c.status, 'ready');
    assert.equal(c.firstOpinionId, first.id);
    assert.deepEqual(
      c.pairs.map((p) => [p.a, p.b, p.vsFirst, p.treatment]),
      [
        [first.id, second.id, true, 'same'],
        [first.id, third.id, true, 'different'],
        [second.id, third.id, false, 'different'],
      ],
    );
    // The override is found whichever way round the pair was stored.
    assert.equal(c.pairs[2]!.confirmed.impact, 'minor');
    assert.equal(c.anyDifferSignificantly, true);
    // Only a later opinion differs: not what Medicare's third-opinion rule speaks of.
    assert.equal(c.firstTwoDiffer, false);
    const swapped = compareAll([first, third, second], oracle);
    assert.equal(swapped.firstTwoDiffer, true);
  });
});

describe('when Medicare’s third-opinion rule applies: the first two differ on the diagnosis, or on surgery or a procedure', () => {
  const cases: [string, Partial<ComparableOpinion>, Partial<ComparableOpinion>, boolean, boolean][] = [
    [
      'which surgery',
      { diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan(['surgery', 'mastectomy']) },
      { diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan(['surgery', 'lumpectomy']) },
      true,
      true,
    ],
    [
      'whether surgery',
      { diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan(['systemic_therapy', 'letrozole']) },
      {
        diagnoses: [dx('Breast cancer', 'C50.912')],
        plan: plan(['systemic_therapy', 'letrozole'], ['surgery', 'mastectomy']),
      },
      true,
      true,
    ],
    [
      'surgery vs surveillance',
      { diagnoses: [dx('Prostate cancer', 'C61')], plan: plan('surgery') },
      { diagnoses: [dx('Prostate cancer', 'C61')], plan: plan('watchful_waiting') },
      true,
      true,
    ],
    [
      'another diagnosis, the same medicine',
      { diagnoses: [dx('a-fib')], plan: plan('medication') },
      { diagnoses: [dx('heart failure')], plan: plan('medication') },
      true,
      true,
    ],
    [
      'one medicine against another: they disagree, but not about surgery',
      { diagnoses: [dx('Atrial fibrillation', 'I48.91')], plan: plan(['medication', 'metoprolol']) },
      { diagnoses: [dx('Atrial fibrillation', 'I48.91')], plan: plan(['medication', 'diltiazem']) },
      true,
      false,
    ],
    [
      'only refined',
      { diagnoses: [dx('Breast cancer', 'C50.9')], plan: plan(['surgery', 'lumpectomy']) },
      { diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan(['surgery', 'lumpectomy'], 'radiation') },
      false,
      false,
    ],
  ];
  for (const [name, a, b, differ, medicare] of cases) {
    test(name, () => {
      const c = compareAll([opinion(a), opinion(b)], oracle);
      assert.deepEqual([c.firstTwoDiffer, c.medicareThirdOpinion], [differ, medicare]);
    });
  }
});

test('concept words spell out abbreviations and drop filler', () => {
  assert.deepEqual(conceptWords('Suspected A-fib'), ['atrial', 'fibrillation']);
  assert.deepEqual(conceptWords('Invasive ductal carcinoma, left breast'), [
    'invasive',
    'ductal',
    'cancer',
    'left',
    'breast',
  ]);
  assert.deepEqual(conceptWords('CHF'), ['heart', 'failure']);
});
