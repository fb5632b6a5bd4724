import { SOURCES } from './sources.ts';
import type { SourcedItem } from './types.ts';

// The questions to ask each doctor. The eleven core topics are the seed article's list
// ("Information, please!"); the rest are for the kind of case (surgery, cancer, no
// diagnosis yet, a long-term illness, a medicine with side effects, cost, a doctor in a
// hurry). The wording is ours.

/** The eleven topics every list covers, in the article's order. */
export const CORE_TOPICS = [
  'diagnosis',
  'disease',
  'status',
  'curable',
  'prognosis',
  'goal',
  'options',
  'agree',
  'where',
  'trials',
  'quality',
] as const;
export type CoreTopic = (typeof CORE_TOPICS)[number];

/** What we know about a case that changes which questions fit it. */
export const CASE_TRAITS = [
  'diagnosed',
  'no_diagnosis',
  'surgery',
  'cancer',
  'chronic',
  'medication',
  'cost',
  'urgent',
] as const;
export type CaseTrait = (typeof CASE_TRAITS)[number];

export type QuestionTopic =
  | CoreTopic
  | 'surgery'
  | 'cancer'
  | 'no_diagnosis'
  | 'chronic'
  | 'medication'
  | 'cost'
  | 'timing'
  | 'tests';

export interface BankQuestion extends SourcedItem {
  topic: QuestionTopic;
  /** The question fits every case ('always'), or only cases with this trait. */
  when: CaseTrait | 'always';
}

const reviewed = '2026-11-27';
const seed = SOURCES.aarpArticle;

const LIST =
  'questions page (step 3): in the suggested list and the printed question sheet (any bank question can also be added from "More questions you can add" on that page)';
/** Where and when a bank question is suggested: features/questions caseTraits() decides the traits. */
export const WHEN_SHOWN: Record<BankQuestion['when'], string> = {
  always: `${LIST}: every case`,
  diagnosed: `${LIST}: when the case has a diagnosis`,
  no_diagnosis: `${LIST}: when there is no diagnosis yet`,
  surgery: `${LIST}: when the proposed treatment reads as surgery, or the check says surgery was suggested`,
  cancer: `${LIST}: when the diagnosis or the doctor's specialty reads as cancer`,
  chronic: `${LIST}: when the diagnosis reads as a long-term illness, or the check says the treatment is not helping`,
  medication: `${LIST}: when the proposed treatment reads as a medicine, or the check says it has serious side effects`,
  cost: `${LIST}: when the check says the treatment is costly`,
  urgent: `${LIST}: when the doctor wants to start right away or within a few weeks`,
};

const BANK: readonly Omit<BankQuestion, 'trigger'>[] = [
  // The eleven core topics. The first three read differently when there is no diagnosis yet.
  { id: 'q.diagnosis', topic: 'diagnosis', when: 'diagnosed', text: 'content.q.diagnosis', source: seed, reviewed },
  {
    id: 'q.diagnosis.unknown',
    topic: 'diagnosis',
    when: 'no_diagnosis',
    text: 'content.q.diagnosis.unknown',
    source: seed,
    reviewed,
  },
  { id: 'q.disease', topic: 'disease', when: 'diagnosed', text: 'content.q.disease', source: seed, reviewed },
  {
    id: 'q.disease.unknown',
    topic: 'disease',
    when: 'no_diagnosis',
    text: 'content.q.disease.unknown',
    source: seed,
    reviewed,
  },
  { id: 'q.status', topic: 'status', when: 'diagnosed', text: 'content.q.status', source: seed, reviewed },
  {
    id: 'q.status.unknown',
    topic: 'status',
    when: 'no_diagnosis',
    text: 'content.q.status.unknown',
    source: seed,
    reviewed,
  },
  { id: 'q.curable', topic: 'curable', when: 'always', text: 'content.q.curable', source: seed, reviewed },
  { id: 'q.prognosis', topic: 'prognosis', when: 'always', text: 'content.q.prognosis', source: seed, reviewed },
  { id: 'q.goal', topic: 'goal', when: 'always', text: 'content.q.goal', source: seed, reviewed },
  { id: 'q.options', topic: 'options', when: 'always', text: 'content.q.options', source: seed, reviewed },
  { id: 'q.agree', topic: 'agree', when: 'always', text: 'content.q.agree', source: seed, reviewed },
  { id: 'q.where', topic: 'where', when: 'always', text: 'content.q.where', source: seed, reviewed },
  { id: 'q.trials', topic: 'trials', when: 'always', text: 'content.q.trials', source: seed, reviewed },
  { id: 'q.quality', topic: 'quality', when: 'always', text: 'content.q.quality', source: seed, reviewed },

  // Tests already done, so they are not repeated needlessly (seed article, "How do I prepare?").
  { id: 'q.tests.reuse', topic: 'tests', when: 'always', text: 'content.q.tests.reuse', source: seed, reviewed },

  // When the doctor wants to start soon.
  {
    id: 'q.timing.wait',
    topic: 'timing',
    when: 'urgent',
    text: 'content.q.timing.wait',
    source: SOURCES.medicareBeforeSurgery,
    reviewed: '2026-12-07',
  },

  // Surgery.
  {
    id: 'q.surgery.without',
    topic: 'surgery',
    when: 'surgery',
    text: 'content.q.surgery.without',
    source: SOURCES.medicareBeforeSurgery,
    reviewed,
  },
  {
    id: 'q.surgery.other',
    topic: 'surgery',
    when: 'surgery',
    text: 'content.q.surgery.other',
    source: SOURCES.medicareBeforeSurgery,
    reviewed,
  },
  {
    id: 'q.surgery.risks',
    topic: 'surgery',
    when: 'surgery',
    text: 'content.q.surgery.risks',
    source: SOURCES.medicareBeforeSurgery,
    reviewed,
  },
  {
    id: 'q.surgery.recovery',
    topic: 'surgery',
    when: 'surgery',
    text: 'content.q.surgery.recovery',
    source: SOURCES.medicareBeforeSurgery,
    reviewed,
  },
  {
    id: 'q.surgery.experience',
    topic: 'surgery',
    when: 'surgery',
    text: 'content.q.surgery.experience',
    source: SOURCES.medicareBeforeSurgery,
    reviewed,
  },

  // Cancer.
  {
    id: 'q.cancer.slides',
    topic: 'cancer',
    when: 'cancer',
    text: 'content.q.cancer.slides',
    source: SOURCES.clevelandClinicProcess,
    reviewed,
  },
  {
    id: 'q.cancer.center',
    topic: 'cancer',
    when: 'cancer',
    text: 'content.q.cancer.center',
    source: SOURCES.nciFindingCare,
    reviewed,
  },
  {
    id: 'q.cancer.tests',
    topic: 'cancer',
    when: 'cancer',
    text: 'content.q.cancer.tests',
    source: SOURCES.nciFindingCare,
    reviewed,
  },

  // No diagnosis yet, symptoms go on.
  {
    id: 'q.nodx.ruledOut',
    topic: 'no_diagnosis',
    when: 'no_diagnosis',
    text: 'content.q.nodx.ruledOut',
    source: seed,
    reviewed,
  },
  {
    id: 'q.nodx.specialist',
    topic: 'no_diagnosis',
    when: 'no_diagnosis',
    text: 'content.q.nodx.specialist',
    source: seed,
    reviewed,
  },
  {
    id: 'q.nodx.worse',
    topic: 'no_diagnosis',
    when: 'no_diagnosis',
    text: 'content.q.nodx.worse',
    source: seed,
    reviewed,
  },

  // A long-term (chronic) illness.
  {
    id: 'q.chronic.working',
    topic: 'chronic',
    when: 'chronic',
    text: 'content.q.chronic.working',
    source: SOURCES.mskRecordsReview,
    reviewed,
  },
  { id: 'q.chronic.newer', topic: 'chronic', when: 'chronic', text: 'content.q.chronic.newer', source: seed, reviewed },
  { id: 'q.chronic.daily', topic: 'chronic', when: 'chronic', text: 'content.q.chronic.daily', source: seed, reviewed },

  // A medicine with serious side effects.
  {
    id: 'q.med.sideEffects',
    topic: 'medication',
    when: 'medication',
    text: 'content.q.med.sideEffects',
    source: seed,
    reviewed,
  },
  { id: 'q.med.other', topic: 'medication', when: 'medication', text: 'content.q.med.other', source: seed, reviewed },
  { id: 'q.med.mix', topic: 'medication', when: 'medication', text: 'content.q.med.mix', source: seed, reviewed },

  // Cost.
  { id: 'q.cost.howMuch', topic: 'cost', when: 'cost', text: 'content.q.cost.howMuch', source: seed, reviewed },
  { id: 'q.cost.approval', topic: 'cost', when: 'cost', text: 'content.q.cost.approval', source: seed, reviewed },
  { id: 'q.cost.lower', topic: 'cost', when: 'cost', text: 'content.q.cost.lower', source: seed, reviewed },
];

export const QUESTION_BANK: readonly BankQuestion[] = BANK.map((q) => ({ ...q, trigger: WHEN_SHOWN[q.when] }));

export function findBankQuestion(id: string): BankQuestion | undefined {
  return QUESTION_BANK.find((q) => q.id === id);
}
