import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { REASONS } from '../../src/content/reasons.ts';
import {
  type Answers,
  answerSchema,
  answersSchema,
  assessAnswers,
  isComplete,
  nextUnanswered,
  prefillFromCase,
  QUESTION_IDS,
  questionAfter,
  questionBefore,
} from '../../src/features/assessment/assessment.ts';

// The rule that turns answers into a result. Table-driven: each row is a situation a
// person could be in, with what the result must say.

const calm: Answers = {
  emergency: 'no',
  diagnosis: 'minor',
  treatment: ['none'],
  working: 'not_started',
  listens: 'yes',
  feeling: 'no',
  urgency: 'no_rush',
};

const rows: {
  name: string;
  answers: Partial<Answers>;
  level: string;
  reasons: string[];
  askHowLong?: boolean;
  fastOpinion?: boolean;
}[] = [
  {
    // Seed article, scenario 1: grim news, "start treatment immediately, no time to waste".
    name: 'a doctor urging immediate treatment for something serious',
    answers: { ...calm, diagnosis: 'serious', treatment: ['surgery'], working: 'not_started', urgency: 'right_away' },
    level: 'recommended',
    reasons: ['serious_diagnosis', 'surgery'],
    askHowLong: true,
    fastOpinion: true,
  },
  {
    // Seed article, scenario 2: tests negative, "take ibuprofen, come back in six months", but something is not right.
    name: 'a reassuring doctor while the patient still feels something is wrong',
    answers: { ...calm, diagnosis: 'minor', feeling: 'yes', urgency: 'no_rush' },
    level: 'recommended',
    reasons: ['feels_wrong'],
    askHowLong: false,
    fastOpinion: false,
  },
  { name: 'nothing of note', answers: calm, level: 'your_choice', reasons: [] },
  {
    name: 'only unsure about what was said',
    answers: { ...calm, feeling: 'not_sure' },
    level: 'worth_considering',
    reasons: ['unsure'],
  },
  {
    name: 'unsure twice is still one reason',
    answers: { ...calm, diagnosis: 'not_sure', listens: 'not_sure' },
    level: 'worth_considering',
    reasons: ['unsure'],
  },
  {
    name: 'a rare or unclear diagnosis',
    answers: { ...calm, diagnosis: 'unclear' },
    level: 'recommended',
    reasons: ['rare_or_unclear'],
  },
  {
    name: 'no diagnosis while symptoms go on',
    answers: { ...calm, diagnosis: 'none' },
    level: 'recommended',
    reasons: ['no_diagnosis'],
  },
  {
    name: 'a doctor who dismisses symptoms',
    answers: { ...calm, listens: 'dismissed' },
    level: 'recommended',
    reasons: ['dismissed'],
  },
  {
    name: 'treatment not working',
    answers: { ...calm, working: 'not_helping' },
    level: 'recommended',
    reasons: ['not_working'],
  },
  {
    name: 'medicine with serious side effects',
    answers: { ...calm, treatment: ['side_effects'] },
    level: 'recommended',
    reasons: ['side_effects'],
  },
  {
    name: 'a costly treatment that may not be covered',
    answers: { ...calm, treatment: ['costly'] },
    level: 'recommended',
    reasons: ['costly'],
  },
  {
    name: 'several treatment options',
    answers: { ...calm, treatment: ['several_options'] },
    level: 'recommended',
    reasons: ['several_options'],
  },
  {
    name: 'many reasons at once, listed in a fixed order',
    answers: {
      ...calm,
      diagnosis: 'serious',
      treatment: ['costly', 'surgery', 'side_effects', 'several_options'],
      listens: 'dismissed',
      feeling: 'yes',
      working: 'not_helping',
    },
    level: 'recommended',
    reasons: [
      'serious_diagnosis',
      'dismissed',
      'feels_wrong',
      'surgery',
      'side_effects',
      'costly',
      'several_options',
      'not_working',
    ],
  },
  {
    name: 'a serious illness with unsure feelings: the strong reason decides',
    answers: { ...calm, diagnosis: 'serious', feeling: 'not_sure' },
    level: 'recommended',
    reasons: ['serious_diagnosis', 'unsure'],
  },
  {
    name: 'an emergency comes before everything, even with reasons',
    answers: { ...calm, emergency: 'yes', diagnosis: 'serious', urgency: 'right_away' },
    level: 'emergency',
    reasons: ['serious_diagnosis'],
    askHowLong: true,
    fastOpinion: true,
  },
  {
    name: 'an emergency with nothing else answered',
    answers: { emergency: 'yes' },
    level: 'emergency',
    reasons: [],
    askHowLong: false,
    fastOpinion: false,
  },
  {
    name: 'within a few weeks: ask how long is safe, no rush tips',
    answers: { ...calm, urgency: 'within_weeks' },
    level: 'your_choice',
    reasons: [],
    askHowLong: true,
    fastOpinion: false,
  },
  {
    name: 'the doctor did not say how soon: ask',
    answers: { ...calm, urgency: 'not_said' },
    level: 'your_choice',
    reasons: [],
    askHowLong: true,
    fastOpinion: false,
  },
];

describe('assessAnswers', () => {
  for (const row of rows) {
    test(row.name, () => {
      const r = assessAnswers(row.answers);
      assert.equal(r.level, row.level);
      assert.deepEqual(r.reasons, row.reasons);
      if (row.askHowLong !== undefined) assert.equal(r.askHowLong, row.askHowLong);
      if (row.fastOpinion !== undefined) assert.equal(r.fastOpinion, row.fastOpinion);
      assert.equal(r.emergency, row.level === 'emergency');
    });
  }

  test('never tells anyone to wait: every level still lists the next steps, and "no rush" never hides the emergency', () => {
    for (const row of rows)
      assert.deepEqual(assessAnswers(row.answers).nextSteps, ['questions', 'coverage', 'doctors', 'records']);
    assert.equal(assessAnswers({ ...calm, emergency: 'yes', urgency: 'no_rush' }).level, 'emergency');
  });

  test('every reason it can give is a sourced content item', () => {
    const all = assessAnswers(rows[12]!.answers).reasons.concat(
      assessAnswers({ ...calm, diagnosis: 'unclear' }).reasons,
      ['no_diagnosis', 'unsure'],
    );
    for (const id of all)
      assert.ok(
        REASONS.some((r) => r.id === id && r.source.url.startsWith('http')),
        id,
      );
  });

  test('missing answers are listed in question order', () => {
    assert.deepEqual(assessAnswers({}).missing, [...QUESTION_IDS]);
    assert.deepEqual(assessAnswers({ ...calm, treatment: [] }).missing, ['treatment']);
    assert.equal(isComplete(calm), true);
    assert.equal(nextUnanswered({ emergency: 'no' }), 'diagnosis');
    assert.equal(nextUnanswered(calm), null);
  });
});

describe('the flow from question to question', () => {
  test('next and previous', () => {
    assert.equal(questionBefore('emergency'), null);
    assert.equal(questionAfter('emergency'), 'diagnosis');
    assert.equal(questionBefore('diagnosis'), 'emergency');
    assert.equal(questionAfter('urgency'), null);
    assert.equal(QUESTION_IDS[0], 'emergency', 'the emergency question is asked first');
  });
});

describe('answer schemas', () => {
  const cases: {
    name: string;
    id: (typeof QUESTION_IDS)[number];
    value: unknown;
    ok: boolean;
    error?: string;
    out?: unknown;
  }[] = [
    { name: 'a known choice', id: 'diagnosis', value: 'serious', ok: true, out: 'serious' },
    { name: 'nothing chosen', id: 'diagnosis', value: undefined, ok: false, error: 'assessment.errors.diagnosis' },
    { name: 'an empty choice', id: 'feeling', value: '', ok: false, error: 'assessment.errors.feeling' },
    { name: 'a made-up choice', id: 'urgency', value: 'yesterday', ok: false, error: 'assessment.errors.urgency' },
    { name: 'one box', id: 'treatment', value: 'surgery', ok: true, out: ['surgery'] },
    {
      name: 'several boxes, repeats dropped',
      id: 'treatment',
      value: ['surgery', 'costly', 'surgery'],
      ok: true,
      out: ['surgery', 'costly'],
    },
    { name: 'no boxes', id: 'treatment', value: undefined, ok: false, error: 'assessment.errors.treatment' },
    {
      name: '"none" with another box',
      id: 'treatment',
      value: ['none', 'costly'],
      ok: false,
      error: 'assessment.errors.treatmentNoneAlone',
    },
    { name: 'a made-up box', id: 'treatment', value: ['magic'], ok: false, error: 'assessment.errors.treatment' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const r = answerSchema(c.id).safeParse(c.value);
      assert.equal(r.success, c.ok);
      if (r.success) assert.deepEqual(r.data, c.out);
      else assert.equal(r.error.issues[0]?.message, c.error);
    });
  }

  test('the API needs every answer, unless there is an emergency', () => {
    const partial = answersSchema.safeParse({ emergency: 'no', diagnosis: 'serious' });
    assert.equal(partial.success, false);
    if (!partial.success) {
      const fields = partial.error.issues.map((i) => i.path.join('.')).sort();
      assert.deepEqual(fields, ['feeling', 'listens', 'treatment', 'urgency', 'working']);
    }
    assert.equal(answersSchema.safeParse({ emergency: 'yes' }).success, true);
    assert.equal(answersSchema.safeParse(calm).success, true);
    assert.equal(answersSchema.safeParse({}).success, false);
  });
});

describe('prefillFromCase', () => {
  const rows2: { name: string; c: Parameters<typeof prefillFromCase>[0]; out: Partial<Answers> }[] = [
    {
      name: 'no diagnosis, no treatment, urgency unknown',
      c: { diagnosisStatus: 'no_diagnosis', proposedTreatment: null, urgency: 'not_said' },
      out: { diagnosis: 'none', urgency: 'not_said' },
    },
    {
      name: 'a mastectomy right away',
      c: { diagnosisStatus: 'diagnosed', proposedTreatment: 'Mastectomy', urgency: 'right_away' },
      out: { treatment: ['surgery'], urgency: 'right_away' },
    },
    {
      name: 'heart bypass surgery',
      c: { diagnosisStatus: 'diagnosed', proposedTreatment: 'Triple bypass', urgency: 'within_weeks' },
      out: { treatment: ['surgery'], urgency: 'within_weeks' },
    },
    {
      name: 'a medicine is not guessed as surgery',
      c: { diagnosisStatus: 'diagnosed', proposedTreatment: 'Start metformin', urgency: 'no_rush' },
      out: { urgency: 'no_rush' },
    },
    {
      name: 'an unknown urgency value is left out',
      c: { diagnosisStatus: 'diagnosed', proposedTreatment: null, urgency: 'whenever' },
      out: {},
    },
  ];
  for (const r of rows2) test(r.name, () => assert.deepEqual(prefillFromCase(r.c), r.out));
});
