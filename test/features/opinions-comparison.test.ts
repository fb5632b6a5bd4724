import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadIcd10 } from '../../src/features/codes/icd10-data.ts';
import type { Icd10Index } from '../../src/features/codes/icd10.ts';
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
// data/reference (so "same section" means what CDC's classification says).

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

describe('diagnosis from codes', () => {
  const cases: [string, string, string, Level, string][] = [
    ['same code', 'C50.912', 'C50.912', 'same', 'same_code'],
    ['same code written differently', 'C50.912', 'c50912', 'same', 'same_code'],
    ['heading and a code under it', 'C50.9', 'C50.912', 'refined', 'ancestor'],
    ['category and a code under it', 'I48', 'I48.91', 'refined', 'ancestor'],
    ['left vs right breast, same category', 'C50.912', 'C50.911', 'refined', 'same_category'],
    ['two kinds of atrial fibrillation', 'I48.0', 'I48.21', 'refined', 'same_category'],
    ['breast cancer vs carcinoma in situ of breast (other section, same chapter)', 'C50.912', 'D05.12', 'different', 'different_section'],
    ['breast cancer vs lung cancer', 'C50.912', 'C34.90', 'different', 'different_section'],
    ['colon vs rectal cancer (same section, digestive organs)', 'C18.9', 'C20', 'refined', 'same_section'],
    ['atrial fibrillation vs heart failure (other forms of heart disease)', 'I48.91', 'I50.9', 'refined', 'same_section'],
    ['heart attack vs old heart attack (ischemic heart diseases)', 'I21.9', 'I25.2', 'refined', 'same_section'],
    ['heart failure vs hypertension (both circulatory, other sections)', 'I50.9', 'I10', 'different', 'different_section'],
    ['heart failure vs COPD (other chapter)', 'I50.9', 'J44.9', 'different', 'different_chapter'],
    ['breast cancer vs benign breast cyst', 'C50.912', 'N60.02', 'different', 'different_chapter'],
    ['prostate cancer vs enlarged prostate', 'C61', 'N40.0', 'different', 'different_chapter'],
    ['chest pain (symptom) vs angina', 'R07.9', 'I20.9', 'different', 'different_chapter'],
    ['hip fracture: initial visit vs sequela, same code family', 'S72.001A', 'S72.001S', 'refined', 'same_category'],
    ['a code newer than the full list still finds its category', 'C50.912', 'C50.9X9', 'refined', 'same_category'],
  ];
  for (const [name, a, b, level, basis] of cases) {
    test(name, () => {
      const r = compareDiagnoses([dx(a, a)], [dx(b, b)], oracle);
      assert.equal(r.level, level);
      assert.equal(r.basis, basis);
      assert.equal(r.fromCodes, true);
      // Symmetric: which opinion came first does not change the answer.
      assert.equal(compareDiagnoses([dx(b, b)], [dx(a, a)], oracle).level, level);
    });
  }
});

describe('diagnosis from words (no codes)', () => {
  const cases: [string, string, string, Level, string][] = [
    ['identical words', 'Breast cancer', 'breast cancer', 'same', 'same_words'],
    ['abbreviation spelled out', 'A-fib', 'atrial fibrillation', 'same', 'same_words'],
    ['CHF and heart failure', 'CHF', 'congestive heart failure', 'same', 'same_words'],
    ['heart attack and MI', 'heart attack', 'MI', 'same', 'same_words'],
    ['carcinoma is cancer', 'carcinoma of the breast', 'breast cancer', 'same', 'same_words'],
    ['suspected vs confirmed wording only', 'suspected lung cancer', 'lung cancer', 'same', 'same_words'],
    ['more detail on the same thing', 'breast cancer', 'invasive ductal carcinoma of the left breast, stage 2', 'refined', 'words_contained'],
    ['stage given by one', 'prostate cancer', 'prostate cancer stage 3', 'refined', 'words_contained'],
    ['stage 2 vs stage 3 of the same cancer', 'breast cancer stage 2', 'breast cancer stage 3', 'refined', 'words_same_category'],
    ['left vs right breast', 'left breast cancer', 'right breast cancer', 'refined', 'words_same_category'],
    ['atrial fibrillation vs heart failure', 'atrial fibrillation', 'heart failure', 'refined', 'words_same_section'],
    ['breast cancer vs lung cancer', 'breast cancer', 'lung cancer', 'different', 'words_different_section'],
    ['lung cancer vs pneumonia', 'lung cancer', 'pneumonia', 'different', 'words_different_chapter'],
    ['gallstones vs heart attack', 'gallstones', 'heart attack', 'different', 'words_different_chapter'],
    ['prostate cancer vs enlarged prostate (BPH)', 'prostate cancer', 'BPH', 'different', 'words_different_chapter'],
    ['unknown words with a shared specific word', 'zorblax of the flimflam', 'fnordic flimflam', 'refined', 'words_overlap'],
    ['unknown words about the same body part point to one category', 'zorblax of the knee', 'fnordic knee', 'refined', 'words_same_category'],
    ['made-up words with nothing shared', 'zorblax', 'fnord', 'different', 'words_unmatched'],
  ];
  for (const [name, a, b, level, basis] of cases) {
    test(name, () => {
      const r = compareDiagnoses([dx(a)], [dx(b)], oracle);
      assert.deepEqual([r.level, r.basis], [level, basis]);
      assert.equal(r.fromCodes, false);
      assert.equal(compareDiagnoses([dx(b)], [dx(a)], oracle).level, level, 'symmetric');
    });
  }
});

describe('diagnosis: one coded, one in words', () => {
  const cases: [string, Diagnosis, Diagnosis, Level, string][] = [
    ['words name the coded condition', dx('Breast cancer', 'C50.911'), dx('breast cancer'), 'same', 'same_words'],
    ['words point to the very code', dx('Cancer of the prostate gland', 'C61'), dx('prostate cancer'), 'same', 'words_same_code'],
    ['words point to another cancer', dx('Breast cancer', 'C50.911'), dx('lung cancer'), 'different', 'words_different_section'],
    ['words point to another chapter', dx('Heart failure', 'I50.9'), dx('COPD'), 'different', 'words_different_chapter'],
    ['words point to the same block', dx('Atrial fibrillation', 'I48.91'), dx('heart failure'), 'refined', 'words_same_section'],
  ];
  for (const [name, a, b, level, basis] of cases) {
    test(name, () => {
      const r = compareDiagnoses([a], [b], oracle);
      assert.deepEqual([r.level, r.basis], [level, basis]);
      assert.equal(r.fromCodes, false);
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
    const r = compareDiagnoses([dx('Breast cancer', 'C50.912'), dx('Heart failure', 'I50.9')], [dx('Heart failure', 'I50.9'), dx('Breast cancer', 'C50.912')], oracle);
    assert.equal(r.level, 'same');
  });
  test('a second condition found by one doctor refines the picture', () => {
    const r = compareDiagnoses([dx('Breast cancer', 'C50.912')], [dx('Breast cancer', 'C50.912'), dx('Spread to lymph nodes under the arm', 'C77.3')], oracle);
    assert.deepEqual([r.level, r.basis], ['refined', 'added_diagnosis']);
  });
  test('the main diagnosis differing is different even when a side diagnosis matches', () => {
    const r = compareDiagnoses([dx('Breast cancer', 'C50.912'), dx('High blood pressure', 'I10')], [dx('Benign breast cyst', 'N60.02'), dx('High blood pressure', 'I10')], oracle);
    assert.equal(r.level, 'different');
    assert.equal(r.basis, 'different_chapter');
  });
  test('heart disease and breast cancer together vs breast cancer only', () => {
    const r = compareDiagnoses([dx('Heart failure', 'I50.9'), dx('Breast cancer', 'C50.912')], [dx('Breast cancer', 'C50.912')], oracle);
    assert.deepEqual([r.level, r.basis, r.fromCodes], ['refined', 'added_diagnosis', true]);
  });
  test('two conditions each, nothing in common', () => {
    const r = compareDiagnoses([dx('Heart failure', 'I50.9'), dx('COPD', 'J44.9')], [dx('Breast cancer', 'C50.912'), dx('Gout', 'M10.9')], oracle);
    assert.equal(r.level, 'different');
  });
});

describe('treatment from the plan', () => {
  const cases: [string, PlanItem[], PlanItem[], Level, string, boolean][] = [
    ['both say surgery', plan('surgery'), plan('surgery'), 'same', 'same_categories', false],
    ['same surgery in the same words', plan(['surgery', 'mastectomy']), plan(['surgery', 'Mastectomy']), 'same', 'same_categories', false],
    ['one names the surgery, the other does not', plan('surgery'), plan(['surgery', 'left mastectomy']), 'same', 'same_categories', false],
    ['one adds detail to the same surgery', plan(['surgery', 'mastectomy']), plan(['surgery', 'left mastectomy with reconstruction']), 'same', 'same_categories', false],
    ['a different operation', plan(['surgery', 'mastectomy']), plan(['surgery', 'lumpectomy']), 'refined', 'same_categories_other_details', true],
    ['a different medicine', plan(['medication', 'metoprolol']), plan(['medication', 'diltiazem']), 'refined', 'same_categories_other_details', false],
    ['surgery then radiation added', plan('surgery'), plan('surgery', 'radiation'), 'refined', 'same_main_category', true],
    ['surgery with lifestyle advice added', plan('surgery'), plan('surgery', 'lifestyle'), 'refined', 'same_main_category', false],
    ['same parts written in another order', plan('surgery', 'systemic_therapy'), plan('systemic_therapy', 'surgery'), 'same', 'same_categories', false],
    ['surgery and radiation vs radiation alone', plan('surgery', 'radiation'), plan('radiation'), 'different', 'different_main_category', true],
    ['surgery vs active surveillance', plan('surgery'), plan('watchful_waiting'), 'different', 'different_main_category', true],
    ['surgery vs radiation', plan(['surgery', 'prostatectomy']), plan(['radiation', 'external beam']), 'different', 'different_main_category', true],
    ['medicine vs tests first', plan('medication'), plan('further_tests', 'medication'), 'different', 'different_main_category', true],
    ['no treatment needed vs surgery', plan('no_treatment'), plan('surgery'), 'different', 'different_main_category', true],
    ['no plan recorded by either', [], [], 'same', 'both_none', false],
    ['a plan vs none recorded', plan('surgery'), [], 'different', 'one_none', true],
  ];
  for (const [name, a, b, level, basis, major] of cases) {
    test(name, () => {
      assert.deepEqual(comparePlans(a, b), { level, basis, major });
      assert.equal(comparePlans(b, a).level, level, 'symmetric');
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
  for (const [a, b, want] of urgencies) test(`urgency ${a} vs ${b}: ${want}`, () => assert.equal(compareUrgency(a, b), want));
});

describe('"differ significantly"', () => {
  const cases: [Level, Level, Impact, boolean][] = [
    ['same', 'same', 'none', false],
    ['same', 'same', 'major', false],
    ['refined', 'same', 'minor', false],
    ['refined', 'same', 'moderate', true],
    ['same', 'refined', 'major', true],
    ['refined', 'refined', 'minor', false],
    ['different', 'same', 'none', true],
    ['same', 'different', 'minor', true],
  ];
  for (const [d, t, i, want] of cases) test(`diagnosis ${d}, treatment ${t}, impact ${i} -> ${want}`, () => assert.equal(differsSignificantly(d, t, i), want));
});

describe('whole pairs: suggested impact and significance', () => {
  const cases: {
    name: string;
    a: Partial<ComparableOpinion>;
    b: Partial<ComparableOpinion>;
    want: { diagnosis: Level; treatment: Level; impact: Impact; differSignificantly: boolean; goal?: string; urgency?: string };
  }[] = [
    {
      name: 'two doctors agree on everything',
      a: { diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan('surgery', 'radiation'), goal: 'cure', urgency: 'within_weeks' },
      b: { diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan('surgery', 'radiation'), goal: 'cure', urgency: 'within_weeks' },
      want: { diagnosis: 'same', treatment: 'same', impact: 'none', differSignificantly: false, goal: 'agree', urgency: 'agree' },
    },
    {
      name: 'cancer: a more exact code, same plan (confirmed and clarified)',
      a: { diagnoses: [dx('Breast cancer', 'C50.9')], plan: plan('surgery') },
      b: { diagnoses: [dx('Left breast cancer', 'C50.912')], plan: plan('surgery') },
      want: { diagnosis: 'refined', treatment: 'same', impact: 'minor', differSignificantly: false },
    },
    {
      name: 'cancer: same diagnosis, lumpectomy instead of mastectomy',
      a: { diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan(['surgery', 'mastectomy']) },
      b: { diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan(['surgery', 'lumpectomy']) },
      want: { diagnosis: 'same', treatment: 'refined', impact: 'moderate', differSignificantly: true },
    },
    {
      name: 'prostate cancer: surgery vs active surveillance',
      a: { diagnoses: [dx('Prostate cancer', 'C61')], plan: plan('surgery'), urgency: 'within_weeks' },
      b: { diagnoses: [dx('Prostate cancer', 'C61')], plan: plan('watchful_waiting'), urgency: 'no_rush' },
      want: { diagnosis: 'same', treatment: 'different', impact: 'major', differSignificantly: true, urgency: 'differ' },
    },
    {
      name: 'heart: a-fib vs heart failure in words, same medicine',
      a: { diagnoses: [dx('a-fib')], plan: plan('medication') },
      b: { diagnoses: [dx('heart failure')], plan: plan('medication') },
      want: { diagnosis: 'refined', treatment: 'same', impact: 'moderate', differSignificantly: true },
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
      want: { diagnosis: 'different', treatment: 'different', impact: 'major', differSignificantly: true, urgency: 'differ' },
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
  test('a corrected impact decides significance for a refined pair', () => {
    const a = opinion({ diagnoses: [dx('Breast cancer', 'C50.9')], plan: plan('surgery') });
    const b = opinion({ diagnoses: [dx('Breast cancer', 'C50.912')], plan: plan('surgery') });
    assert.equal(comparePair(a, b, oracle).differSignificantly, false);
    const p = comparePair(a, b, oracle, { impact: 'major' });
    assert.equal(p.impact, 'major');
    assert.equal(p.suggested.impact, 'minor');
    assert.equal(p.differSignificantly, true);
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
    const c = compareAll([first, second, third], oracle, new Map([[pairKey(third.id, second.id), { impact: 'minor' as Impact }]]));
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
  });
});

test('concept words spell out abbreviations and drop filler', () => {
  assert.deepEqual(conceptWords('Suspected A-fib'), ['atrial', 'fibrillation']);
  assert.deepEqual(conceptWords('Invasive ductal carcinoma, left breast'), ['invasive', 'ductal', 'cancer', 'left', 'breast']);
  assert.deepEqual(conceptWords('CHF'), ['heart', 'failure']);
});
