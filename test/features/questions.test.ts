import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CASE_TRAITS, type CaseTrait, CORE_TOPICS, QUESTION_BANK } from '../../src/content/question-bank.ts';
import {
  bankSourceOf,
  type CaseFacts,
  caseTraits,
  importantFirst,
  moveOne,
  moveTo,
  newQuestionSchema,
  questionFormSchema,
  questionPatchSchema,
  questionText,
  suggestedQuestions,
} from '../../src/features/questions/questions.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';

const t = translator('en');

const base: CaseFacts = {
  diagnosisStatus: 'diagnosed',
  diagnosis: 'Osteoarthritis of the knee',
  symptoms: null,
  proposedTreatment: null,
  doctorSpecialty: null,
  urgency: 'no_rush',
};

describe('which questions fit a case', () => {
  const rows: {
    name: string;
    c: Partial<CaseFacts>;
    signals?: Parameters<typeof caseTraits>[1];
    has: CaseTrait[];
    hasNot: CaseTrait[];
  }[] = [
    {
      name: 'a knee replacement',
      c: { proposedTreatment: 'Total knee replacement' },
      has: ['diagnosed', 'surgery', 'chronic'],
      hasNot: ['cancer', 'no_diagnosis', 'urgent', 'cost'],
    },
    {
      name: 'breast cancer, mastectomy, right away',
      c: { diagnosis: 'Ductal carcinoma, left breast', proposedTreatment: 'Mastectomy', urgency: 'right_away' },
      has: ['cancer', 'surgery', 'urgent'],
      hasNot: ['no_diagnosis', 'medication'],
    },
    {
      name: 'an oncologist said it',
      c: { diagnosis: 'A mass in the lung', doctorSpecialty: 'Oncologist' },
      has: ['cancer'],
      hasNot: ['surgery'],
    },
    {
      name: 'no diagnosis yet',
      c: { diagnosisStatus: 'no_diagnosis', diagnosis: null, symptoms: 'Tired for months' },
      has: ['no_diagnosis'],
      hasNot: ['diagnosed', 'cancer'],
    },
    {
      name: 'a new medicine',
      c: { diagnosis: 'Type 2 diabetes', proposedTreatment: 'Start insulin injections' },
      has: ['medication', 'chronic'],
      hasNot: ['surgery'],
    },
    {
      name: 'what the check learned is used too',
      c: { diagnosis: 'Back pain', proposedTreatment: 'Something new' },
      signals: { treatment: ['surgery', 'costly', 'side_effects'], working: 'not_helping', urgency: 'within_weeks' },
      has: ['surgery', 'cost', 'medication', 'chronic', 'urgent'],
      hasNot: ['cancer'],
    },
    {
      name: 'nothing to go on',
      c: { diagnosis: 'Something', proposedTreatment: 'Wait and see' },
      has: ['diagnosed'],
      hasNot: ['surgery', 'cancer', 'chronic', 'medication', 'cost', 'urgent'],
    },
  ];
  for (const r of rows) {
    test(r.name, () => {
      const traits = caseTraits({ ...base, ...r.c }, r.signals);
      for (const x of r.has) assert.ok(traits.has(x), `should have ${x}`);
      for (const x of r.hasNot) assert.ok(!traits.has(x), `should not have ${x}`);
    });
  }

  test('every kind of case gets all eleven core topics, and only questions that fit', () => {
    const optional = CASE_TRAITS.filter((x) => x !== 'diagnosed' && x !== 'no_diagnosis');
    // Every combination of the optional traits, with a diagnosis and without.
    for (let mask = 0; mask < 1 << optional.length; mask++) {
      for (const dx of ['diagnosed', 'no_diagnosis'] as const) {
        const traits = new Set<CaseTrait>([dx, ...optional.filter((_, i) => mask & (1 << i))]);
        const qs = suggestedQuestions(traits);
        const topics = new Set(qs.map((q) => q.topic));
        for (const topic of CORE_TOPICS) assert.ok(topics.has(topic), `${[...traits].join('+')} lacks ${topic}`);
        for (const q of qs)
          assert.ok(q.when === 'always' || traits.has(q.when), `${q.id} does not fit ${[...traits].join('+')}`);
        // One wording per core topic: never both "what is my diagnosis" and "what is causing my symptoms".
        for (const topic of CORE_TOPICS) assert.equal(qs.filter((q) => q.topic === topic).length, 1, `${topic} twice`);
      }
    }
  });

  test('tailored questions exist for surgery, cancer, no diagnosis, long-term illness, side effects and cost', () => {
    for (const topic of ['surgery', 'cancer', 'no_diagnosis', 'chronic', 'medication', 'cost'] as const) {
      assert.ok(QUESTION_BANK.filter((q) => q.topic === topic).length >= 3, topic);
    }
    const surgeryCase = suggestedQuestions(caseTraits({ ...base, proposedTreatment: 'Hip surgery' }));
    assert.ok(surgeryCase.some((q) => q.topic === 'surgery'));
    assert.ok(!suggestedQuestions(caseTraits(base)).some((q) => q.topic === 'surgery'));
  });
});

describe('order', () => {
  const ids = ['a', 'b', 'c', 'd'];
  const rows: [string, string[], string[]][] = [
    ['b up', moveOne(ids, 'b', 'up'), ['b', 'a', 'c', 'd']],
    ['b down', moveOne(ids, 'b', 'down'), ['a', 'c', 'b', 'd']],
    ['a up stays', moveOne(ids, 'a', 'up'), ids],
    ['d down stays', moveOne(ids, 'd', 'down'), ids],
    ['unknown id changes nothing', moveOne(ids, 'x', 'up'), ids],
    ['d to 1', moveTo(ids, 'd', 1), ['d', 'a', 'b', 'c']],
    ['a to 3', moveTo(ids, 'a', 3), ['b', 'c', 'a', 'd']],
    ['a to 99 goes last', moveTo(ids, 'a', 99), ['b', 'c', 'd', 'a']],
    ['b to 0 goes first', moveTo(ids, 'b', 0), ['b', 'a', 'c', 'd']],
  ];
  for (const [name, got, want] of rows) test(name, () => assert.deepEqual(got, want));

  test('important ones first on the printed sheet, each group in the person’s order', () => {
    const qs = [
      { id: 1, important: false },
      { id: 2, important: true },
      { id: 3, important: false },
      { id: 4, important: true },
    ];
    const r = importantFirst(qs);
    assert.deepEqual(
      r.important.map((q) => q.id),
      [2, 4],
    );
    assert.deepEqual(
      r.others.map((q) => q.id),
      [1, 3],
    );
  });
});

describe('what a question says', () => {
  test('the bank’s words, the person’s own, and when the source applies', () => {
    assert.equal(questionText({ bankId: 'q.goal', customText: null }, t), t('content.q.goal'));
    assert.equal(questionText({ bankId: 'q.goal', customText: 'My words' }, t), 'My words');
    assert.equal(questionText({ bankId: null, customText: 'Mine' }, t), 'Mine');
    assert.equal(bankSourceOf({ bankId: 'q.goal', customText: null })?.id, 'q.goal');
    assert.equal(
      bankSourceOf({ bankId: 'q.goal', customText: 'changed' }),
      null,
      'changed words are no longer the source’s',
    );
  });
});

describe('input', () => {
  test('a question from the page', () => {
    assert.deepEqual(questionFormSchema.parse({ text: '  Why?  ', important: '1' }), { text: 'Why?', important: true });
    assert.deepEqual(questionFormSchema.parse({ text: 'Why?' }), { text: 'Why?', important: false });
    const empty = questionFormSchema.safeParse({ text: '   ' });
    assert.equal(empty.success, false);
    if (!empty.success) assert.equal(empty.error.issues[0]?.message, 'questions.errors.textRequired');
    const long = questionFormSchema.safeParse({ text: 'x'.repeat(501) });
    assert.equal(long.success, false);
    if (!long.success) assert.equal(long.error.issues[0]?.message, 'errors.tooLong');
  });
  test('a question from the API: own words or a bank id, not both, not neither', () => {
    assert.equal(newQuestionSchema.safeParse({ text: 'Mine' }).success, true);
    assert.equal(newQuestionSchema.safeParse({ bankId: 'q.trials' }).success, true);
    assert.equal(newQuestionSchema.safeParse({}).success, false);
    assert.equal(newQuestionSchema.safeParse({ text: 'Mine', bankId: 'q.trials' }).success, false);
    assert.equal(newQuestionSchema.safeParse({ bankId: 'q.nope' }).success, false);
    assert.equal(questionPatchSchema.safeParse({ position: 0 }).success, false);
    assert.equal(questionPatchSchema.safeParse({ position: 2.5 }).success, false);
    assert.equal(questionPatchSchema.safeParse({ position: 2, important: true }).success, true);
  });
});
