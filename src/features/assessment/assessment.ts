import { z } from 'zod';
import { NEXT_STEP_IDS, type NextStepId } from '../../content/next-steps.ts';
import { REASON_IDS, type ReasonId } from '../../content/reasons.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { mentionsSurgery } from '../questions/questions.ts';

// "Should I get a second opinion?": a short check, one question per page. Pure: the
// questions, their answers' schema, and the rule that turns answers into a result.

export const QUESTIONS = [
  { id: 'emergency', multiple: false, choices: ['yes', 'no'] },
  { id: 'diagnosis', multiple: false, choices: ['serious', 'unclear', 'minor', 'none', 'not_sure'] },
  { id: 'treatment', multiple: true, choices: ['surgery', 'side_effects', 'costly', 'several_options', 'none'] },
  { id: 'working', multiple: false, choices: ['not_helping', 'helping', 'not_started'] },
  { id: 'listens', multiple: false, choices: ['yes', 'dismissed', 'not_sure'] },
  { id: 'feeling', multiple: false, choices: ['yes', 'no', 'not_sure'] },
  { id: 'urgency', multiple: false, choices: ['right_away', 'within_weeks', 'no_rush', 'not_said'] },
] as const;

export type QuestionId = (typeof QUESTIONS)[number]['id'];
export const QUESTION_IDS = QUESTIONS.map((q) => q.id) as readonly QuestionId[];
type ChoicesOf<Q extends QuestionId> = Extract<(typeof QUESTIONS)[number], { id: Q }>['choices'][number];

export interface Answers {
  emergency: ChoicesOf<'emergency'>;
  diagnosis: ChoicesOf<'diagnosis'>;
  treatment: ChoicesOf<'treatment'>[];
  working: ChoicesOf<'working'>;
  listens: ChoicesOf<'listens'>;
  feeling: ChoicesOf<'feeling'>;
  urgency: ChoicesOf<'urgency'>;
}

export function findQuestion(id: string) {
  return QUESTIONS.find((q) => q.id === id);
}

const errorKey = (id: QuestionId) => `assessment.errors.${id}` as MessageKey;

const choiceOf = <Q extends QuestionId>(id: Q) => {
  const q = findQuestion(id)!;
  return z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.enum(q.choices as unknown as [string, ...string[]], errorKey(id)),
  );
};

/** "None of these" means none: it cannot be ticked together with another box. */
const treatmentAnswer = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(
      z.enum(['surgery', 'side_effects', 'costly', 'several_options', 'none'], 'assessment.errors.treatment'),
      'assessment.errors.treatment',
    )
    .min(1, 'assessment.errors.treatment')
    .max(5, 'assessment.errors.treatment')
    .refine((a) => !a.includes('none') || a.length === 1, 'assessment.errors.treatmentNoneAlone')
    .transform((a) => [...new Set(a)]),
);

/** The schema for one question's answer, as posted by its page. */
export function answerSchema(id: QuestionId) {
  return id === 'treatment' ? treatmentAnswer : choiceOf(id);
}

const answerFields = {
  emergency: choiceOf('emergency'),
  diagnosis: choiceOf('diagnosis'),
  treatment: treatmentAnswer,
  working: choiceOf('working'),
  listens: choiceOf('listens'),
  feeling: choiceOf('feeling'),
  urgency: choiceOf('urgency'),
};

/** Answers as stored: any subset, each one valid; anything no longer valid is dropped. */
export const storedAnswersSchema = z.object({
  emergency: answerFields.emergency.optional().catch(undefined),
  diagnosis: answerFields.diagnosis.optional().catch(undefined),
  treatment: answerFields.treatment.optional().catch(undefined),
  working: answerFields.working.optional().catch(undefined),
  listens: answerFields.listens.optional().catch(undefined),
  feeling: answerFields.feeling.optional().catch(undefined),
  urgency: answerFields.urgency.optional().catch(undefined),
});

/**
 * A whole set of answers, for the API. Every question needs an answer, except when there
 * is an emergency: then nothing else matters yet, and nothing else is asked for.
 */
export const answersSchema = z
  .object({
    emergency: answerFields.emergency,
    diagnosis: answerFields.diagnosis.optional(),
    treatment: treatmentAnswer.optional(),
    working: answerFields.working.optional(),
    listens: answerFields.listens.optional(),
    feeling: answerFields.feeling.optional(),
    urgency: answerFields.urgency.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.emergency === 'yes') return;
    for (const id of QUESTION_IDS) {
      if (v[id] === undefined) ctx.addIssue({ code: 'custom', path: [id], message: errorKey(id) });
    }
  });
export type AnswersInput = z.infer<typeof answersSchema>;

export type Level = 'emergency' | 'recommended' | 'worth_considering' | 'your_choice';

export interface AssessmentResult {
  level: Level;
  /** True when someone said there is an emergency: the result shows "get care now" first. */
  emergency: boolean;
  /** The reasons that applied, in a fixed order; each is a sourced item in content/reasons. */
  reasons: ReasonId[];
  /** Show "ask your doctor how long it is safe to wait". */
  askHowLong: boolean;
  /** The doctor wants to start right away: show how to get a second opinion fast. */
  fastOpinion: boolean;
  nextSteps: NextStepId[];
  /** Questions not answered yet. */
  missing: QuestionId[];
}

/** Which answer leads to which reason. "Not sure" answers count, but only as "not sure". */
const REASON_OF: {
  [Q in Exclude<QuestionId, 'treatment' | 'emergency' | 'urgency'>]: Partial<Record<Answers[Q], ReasonId>>;
} = {
  diagnosis: { serious: 'serious_diagnosis', unclear: 'rare_or_unclear', none: 'no_diagnosis', not_sure: 'unsure' },
  working: { not_helping: 'not_working' },
  listens: { dismissed: 'dismissed', not_sure: 'unsure' },
  feeling: { yes: 'feels_wrong', not_sure: 'unsure' },
};
const TREATMENT_REASON: Partial<Record<Answers['treatment'][number], ReasonId>> = {
  surgery: 'surgery',
  side_effects: 'side_effects',
  costly: 'costly',
  several_options: 'several_options',
};

/**
 * Turns answers (any subset) into a result. Never says to wait: an emergency comes first,
 * and when the doctor wants to start soon the person is told to ask how long it is safe
 * to wait, and how to get a second opinion quickly.
 */
export function assessAnswers(a: Partial<Answers>): AssessmentResult {
  const found = new Set<ReasonId>();
  for (const q of ['diagnosis', 'working', 'listens', 'feeling'] as const) {
    const answer = a[q];
    const reason = answer ? (REASON_OF[q] as Record<string, ReasonId | undefined>)[answer] : undefined;
    if (reason) found.add(reason);
  }
  for (const t of a.treatment ?? []) {
    const reason = TREATMENT_REASON[t];
    if (reason) found.add(reason);
  }
  const reasons = REASON_IDS.filter((r) => found.has(r));
  const emergency = a.emergency === 'yes';
  const level: Level = emergency
    ? 'emergency'
    : reasons.some((r) => r !== 'unsure')
      ? 'recommended'
      : reasons.length > 0
        ? 'worth_considering'
        : 'your_choice';
  return {
    level,
    emergency,
    reasons,
    askHowLong: a.urgency === 'right_away' || a.urgency === 'within_weeks' || a.urgency === 'not_said',
    fastOpinion: a.urgency === 'right_away',
    nextSteps: [...NEXT_STEP_IDS],
    missing: QUESTION_IDS.filter(
      (id) => a[id] === undefined || (id === 'treatment' && (a.treatment ?? []).length === 0),
    ),
  };
}

export function isComplete(a: Partial<Answers>): boolean {
  return assessAnswers(a).missing.length === 0;
}

/** The first question not answered yet, or null when all are. */
export function nextUnanswered(a: Partial<Answers>): QuestionId | null {
  return assessAnswers(a).missing[0] ?? null;
}

/** The question after this one, or null after the last. */
export function questionAfter(id: QuestionId): QuestionId | null {
  const i = QUESTION_IDS.indexOf(id);
  return QUESTION_IDS[i + 1] ?? null;
}

export function questionBefore(id: QuestionId): QuestionId | null {
  const i = QUESTION_IDS.indexOf(id);
  return i > 0 ? QUESTION_IDS[i - 1]! : null;
}

/** What the case already tells us; offered as the starting answer, never saved unasked. */
export function prefillFromCase(c: {
  diagnosisStatus: string;
  proposedTreatment: string | null;
  urgency: string;
}): Partial<Answers> {
  const out: Partial<Answers> = {};
  if (c.diagnosisStatus === 'no_diagnosis') out.diagnosis = 'none';
  if (mentionsSurgery(c.proposedTreatment)) out.treatment = ['surgery'];
  const urgency = findQuestion('urgency')!.choices as readonly string[];
  if (urgency.includes(c.urgency)) out.urgency = c.urgency as Answers['urgency'];
  return out;
}
