import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  errorsToForm,
  formRows,
  isValidNpi,
  makeOpinionSchema,
  type OpinionRecord,
  opinionFromForm,
  opinionToForm,
  prefillFromCase,
  sortOpinions,
  toStored,
} from '../../src/features/opinions/opinions.ts';
import { parseWith } from '../../src/platform/http/context.ts';

// The opinion model: its schema, the flat form <-> list mapping, ordering. Pure.

const schema = makeOpinionSchema(() => '2026-11-27');
const base = { doctorName: 'Dr. A', givenOn: '2026-11-01' };

describe('the schema', () => {
  test('the issue’s words are read as the stored choices', () => {
    const r = schema.parse({
      ...base,
      goal: 'Not yet known',
      givenHow: 'written',
      urgency: 'Urgent',
      plan: [
        { category: 'Chemotherapy' },
        { category: 'active surveillance' },
        { category: 'further-tests-first' },
        { category: 'No treatment needed' },
      ],
    });
    assert.equal(r.goal, 'not_known');
    assert.equal(r.givenHow, 'written_report');
    assert.equal(r.urgency, 'right_away');
    assert.deepEqual(
      r.plan.map((p) => p.category),
      ['systemic_therapy', 'watchful_waiting', 'further_tests', 'no_treatment'],
    );
    assert.equal(schema.parse({ ...base, urgency: 'unknown' }).urgency, 'not_said');
  });
  test('dates: required, real, not in the future (by the app’s clock)', () => {
    const err = (givenOn: unknown) => {
      const r = parseWith(schema, { ...base, givenOn });
      return r.ok ? null : r.errors.givenOn;
    };
    assert.equal(err(undefined), 'opinions.errors.dateRequired');
    assert.equal(err(''), 'opinions.errors.dateRequired');
    assert.equal(err('invalid'), 'errors.date');
    assert.equal(err('2026-11-28'), 'errors.dateInFuture');
    assert.equal(err('2026-11-27'), null);
  });
  test('codes are normalised; a diagnosis needs words or a code', () => {
    const r = schema.parse({ ...base, diagnoses: [{ code: 'c50912' }, { text: 'lump', code: '' }] });
    assert.deepEqual(JSON.parse(JSON.stringify(r.diagnoses)), [{ code: 'C50.912' }, { text: 'lump' }]);
    const bad = parseWith(schema, { ...base, diagnoses: [{ text: ' ', code: ' ' }] });
    assert.equal(bad.ok ? null : bad.errors['diagnoses.0.text'], 'opinions.errors.diagnosisText');
  });
  const npis: [string, boolean][] = [
    ['1234567893', true],
    ['1234567890', false],
    ['123456789', false],
    ['abcdefghij', false],
  ];
  for (const [npi, ok] of npis)
    test(`NPI ${npi} is ${ok ? 'valid' : 'refused'}`, () => assert.equal(isValidNpi(npi), ok));
});

describe('the form', () => {
  test('rows are read in order, empty ones skipped, and errors land on the row they came from', () => {
    const { input, paths } = opinionFromForm({
      doctorName: 'Dr. A',
      dx0_text: '',
      dx0_code: '',
      dx1_text: 'Breast cancer',
      dx1_code: 'C50.99',
      plan0_category: '',
      plan0_details: '',
      plan1_category: '',
      plan1_details: 'lumpectomy',
      cq0_id: 'q1',
      cq0_text: 'Is it curable?',
      cq0_answer: 'Yes',
      cq1_id: 'q2',
      cq1_text: 'Trials?',
      cq1_answer: '',
      qa0_question: 'Can I work?',
      qa0_answer: 'Part time',
    });
    assert.deepEqual(input.diagnoses, [{ text: 'Breast cancer', code: 'C50.99' }]);
    assert.deepEqual(input.plan, [{ category: '', details: 'lumpectomy' }]);
    assert.deepEqual(input.answers, [
      { questionId: 'q1', question: 'Is it curable?', answer: 'Yes' },
      { question: 'Can I work?', answer: 'Part time' },
    ]);
    assert.equal(paths['diagnoses.0.code'], 'dx1_code');
    assert.deepEqual(
      errorsToForm({ 'plan.0.category': 'opinions.errors.planCategory', givenOn: 'errors.date' }, paths),
      {
        plan1_category: 'opinions.errors.planCategory',
        givenOn: 'errors.date',
      },
    );
  });
  test('rows shown: what is filled plus blank ones, more on request, within limits', () => {
    assert.deepEqual(formRows({}), { diagnoses: 2, plan: 2, freeAnswers: 2 });
    assert.deepEqual(formRows({ dx2_text: 'x', plan0_category: 'surgery' }, 2), {
      diagnoses: 7,
      plan: 5,
      freeAnswers: 4,
    });
    assert.equal(formRows({ dx9_text: 'x' }, 10).diagnoses, 10);
  });
  test('the first opinion starts from the case', () => {
    assert.deepEqual(
      prefillFromCase({
        diagnosisStatus: 'diagnosed',
        diagnosis: 'Gout',
        proposedTreatment: 'Pills',
        doctorName: 'Dr. A',
        doctorSpecialty: null,
        toldOn: '2026-01-02',
        urgency: 'no_rush',
      }),
      {
        doctorName: 'Dr. A',
        doctorSpecialty: '',
        givenOn: '2026-01-02',
        urgency: 'no_rush',
        dx0_text: 'Gout',
        plan0_details: 'Pills',
      },
    );
    const none = prefillFromCase({
      diagnosisStatus: 'no_diagnosis',
      diagnosis: 'stale',
      proposedTreatment: null,
      doctorName: null,
      doctorSpecialty: null,
      toldOn: null,
      urgency: 'weird',
    });
    assert.equal(none.dx0_text, undefined);
    assert.equal(none.urgency, '');
  });
  test('an opinion back into the form: answers under their questions, others free', () => {
    const stored = toStored(
      schema.parse({
        ...base,
        diagnoses: [{ code: 'I48.91' }],
        answers: [
          { questionId: 'q1', question: 'Goal?', answer: 'Cure' },
          { question: 'Work?', answer: 'Yes' },
        ],
      }),
      (c) => (c === 'I48.91' ? 'Unspecified atrial fibrillation' : null),
    );
    assert.deepEqual(stored.diagnoses, [{ text: 'Unspecified atrial fibrillation', code: 'I48.91' }]);
    const o = {
      ...stored,
      id: 'o1',
      caseId: 'c',
      seq: 1,
      status: 'accepted',
      source: 'person',
      createdAt: '',
      updatedAt: '',
    } as OpinionRecord;
    const v = opinionToForm(o, [{ id: 'q1', text: 'Goal?' }]);
    assert.equal(v.cq0_answer, 'Cure');
    assert.equal(v.qa0_question, 'Work?');
    assert.equal(v.dx0_code, 'I48.91');
  });
});

test('order: by the date given, then by entry, then by id', () => {
  const list = [
    { id: 'b', givenOn: '2026-02-01', seq: 1 },
    { id: 'c', givenOn: '2026-01-01', seq: 3 },
    { id: 'a', givenOn: '2026-01-01', seq: 3 },
    { id: 'd', givenOn: '2026-01-01', seq: 2 },
  ];
  assert.deepEqual(
    sortOpinions(list).map((o) => o.id),
    ['d', 'a', 'c', 'b'],
  );
});

test('every word the pages build from a value exists in the catalogue', async () => {
  const { isMessageKey } = await import('../../src/platform/i18n/i18n.ts');
  const { PLAN_CATEGORIES, GOALS, GIVEN_HOW, URGENCIES } = await import('../../src/features/opinions/opinions.ts');
  const { LEVELS, AGREEMENTS, IMPACTS, DIAGNOSIS_BASES, TREATMENT_BASES } = await import(
    '../../src/features/opinions/comparison.ts'
  );
  const keys = [
    ...PLAN_CATEGORIES.map((c) => `opinions.category.${c}`),
    ...GOALS.map((g) => `opinions.goal.${g}`),
    ...GIVEN_HOW.map((g) => `opinions.givenHow.${g}`),
    ...URGENCIES.map((u) => `cases.urgency.${u}`),
    ...LEVELS.flatMap((l) => [`compare.level.diagnosis.${l}`, `compare.level.treatment.${l}`]),
    ...AGREEMENTS.map((a) => `compare.agreement.${a}`),
    ...IMPACTS.map((i) => `compare.impact.${i}`),
    ...DIAGNOSIS_BASES.map((b) => `compare.basis.${b}`),
    ...TREATMENT_BASES.map((b) => `compare.basis.tx_${b}`),
    ...['diagnosis', 'treatment', 'impact'].map((a) => `compare.confirm.${a}`),
    ...['agree', 'refines', 'differs.diagnosis', 'differs.treatment', 'differs.both'].map(
      (h) => `compare.headline.${h}`,
    ),
    'compare.why.corrected',
  ];
  assert.deepEqual(
    keys.filter((k) => !isMessageKey(k)),
    [],
  );
});
