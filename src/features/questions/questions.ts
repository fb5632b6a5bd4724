import { z } from 'zod';
import { type BankQuestion, type CaseTrait, QUESTION_BANK } from '../../content/question-bank.ts';
import { optionalText, requiredText } from '../../platform/validation.ts';

// Questions to ask: which bank questions fit a case, the person's own questions, and the
// order they are asked in. Pure.

export const QUESTION_MAX = 500;
export const ANSWER_MAX = 4000;
export const DOCTOR_NAME_MAX = 120;
/** Enough for any real visit; stops a runaway script from filling the table. */
export const MAX_QUESTIONS = 150;
export const MAX_DOCTORS = 30;

// ---------- reading the case ----------
// What the person typed about the case is free text; these guesses only choose which
// suggested questions to start with. Every other question stays one click away.

const SURGERY =
  /\b(surg\w*|operat\w*|\w+ectomy|\w+otomy|\w+ostomy|\w+plasty|transplant\w*|bypass|replacement|amputat\w*|laparoscop\w*|arthroscop\w*|resection)\b/i;
const CANCER =
  /\b(cancer\w*|carcinom\w*|tumou?r\w*|lymphom\w*|leuka?emi\w*|melanom\w*|sarcom\w*|myelom\w*|malignan\w*|metasta\w*|oncolog\w*|neoplas\w*|glioblastom\w*|blastom\w*)\b/i;
const CHRONIC =
  /\b(chronic|diabet\w*|heart failure|copd|emphysema|asthma|\w*arthritis|kidney disease|renal failure|multiple sclerosis|parkinson\w*|lupus|crohn\w*|colitis|hypertension|high blood pressure|epilep\w*|fibromyalgia|cirrhosis|hepatitis|hiv|psoriasis|dementia|alzheimer\w*|long[- ]term)\b/i;
const MEDICATION =
  /\b(medic\w*|drugs?|pills?|tablets?|chemo\w*|immunotherap\w*|injections?|infusions?|prescri\w*|steroids?|insulin|antibiotic\w*|statins?|opioids?)\b/i;

export const mentionsSurgery = (text: string | null | undefined) => !!text && SURGERY.test(text);
export const mentionsCancer = (text: string | null | undefined) => !!text && CANCER.test(text);
export const mentionsChronic = (text: string | null | undefined) => !!text && CHRONIC.test(text);
export const mentionsMedication = (text: string | null | undefined) => !!text && MEDICATION.test(text);

export interface CaseFacts {
  diagnosisStatus: 'diagnosed' | 'no_diagnosis';
  diagnosis: string | null;
  symptoms: string | null;
  proposedTreatment: string | null;
  doctorSpecialty: string | null;
  urgency: string;
}

/** What the second-opinion check learned, if it was done (given to this feature by the composition root). */
export interface CaseSignals {
  treatment?: readonly string[];
  working?: string;
  urgency?: string;
}

export function caseTraits(c: CaseFacts, signals: CaseSignals = {}): Set<CaseTrait> {
  const traits = new Set<CaseTrait>();
  traits.add(c.diagnosisStatus === 'no_diagnosis' ? 'no_diagnosis' : 'diagnosed');
  const treatment = signals.treatment ?? [];
  if (mentionsSurgery(c.proposedTreatment) || treatment.includes('surgery')) traits.add('surgery');
  if (mentionsCancer(c.diagnosis) || mentionsCancer(c.doctorSpecialty)) traits.add('cancer');
  if (mentionsChronic(c.diagnosis) || signals.working === 'not_helping') traits.add('chronic');
  if (mentionsMedication(c.proposedTreatment) || treatment.includes('side_effects')) traits.add('medication');
  if (treatment.includes('costly')) traits.add('cost');
  const urgency = signals.urgency ?? c.urgency;
  if (urgency === 'right_away' || urgency === 'within_weeks' || c.urgency === 'right_away') traits.add('urgent');
  return traits;
}

/** The bank questions that fit a case, in the bank's order (the eleven core topics first). */
export function suggestedQuestions(traits: Set<CaseTrait>): BankQuestion[] {
  return QUESTION_BANK.filter((q) => q.when === 'always' || traits.has(q.when));
}

// ---------- order ----------

/** Moves one id a place up or down; at either end nothing changes. */
export function moveOne(ids: readonly string[], id: string, direction: 'up' | 'down'): string[] {
  const out = [...ids];
  const i = out.indexOf(id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** Moves one id to a 1-based position (clamped to the list). */
export function moveTo(ids: readonly string[], id: string, position: number): string[] {
  const rest = ids.filter((x) => x !== id);
  if (rest.length === ids.length) return [...ids];
  const at = Math.min(Math.max(1, Math.trunc(position)), ids.length) - 1;
  rest.splice(at, 0, id);
  return rest;
}

/** Important questions first (for the printed sheet), each group in the person's order. */
export function importantFirst<T extends { important: boolean }>(qs: readonly T[]): { important: T[]; others: T[] } {
  return { important: qs.filter((q) => q.important), others: qs.filter((q) => !q.important) };
}

// ---------- input ----------

/** A checkbox: posted as "1" when ticked, absent when not. The API sends true/false. */
const checkbox = z.preprocess((v) => v === true || v === '1' || v === 'on' || v === 'true', z.boolean());

export const questionFormSchema = z.object({
  text: requiredText(QUESTION_MAX, 'questions.errors.textRequired'),
  important: checkbox,
});
export type QuestionFormInput = z.infer<typeof questionFormSchema>;

export const newQuestionSchema = z
  .object({
    text: optionalText(QUESTION_MAX),
    bankId: z.string().max(100).optional(),
    important: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.text && !v.bankId)
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'questions.errors.textRequired' });
    if (v.text && v.bankId) ctx.addIssue({ code: 'custom', path: ['bankId'], message: 'questions.errors.textOrBank' });
    if (v.bankId && !QUESTION_BANK.some((q) => q.id === v.bankId))
      ctx.addIssue({ code: 'custom', path: ['bankId'], message: 'questions.errors.unknownBank' });
  });

export const questionPatchSchema = z.object({
  text: requiredText(QUESTION_MAX, 'questions.errors.textRequired').optional(),
  important: z.boolean().optional(),
  position: z
    .number()
    .int('questions.errors.position')
    .min(1, 'questions.errors.position')
    .max(MAX_QUESTIONS, 'questions.errors.position')
    .optional(),
  removed: z.boolean().optional(),
});

export const doctorSchema = z.object({ name: requiredText(DOCTOR_NAME_MAX, 'questions.errors.doctorNameRequired') });

export const answerSchema = z.object({
  answer: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : (v ?? '')),
    z.string('questions.errors.answer').max(ANSWER_MAX, 'errors.tooLong'),
  ),
});

/** Answer fields on the page are named answer-<questionId>. */
export const answerField = (questionId: string) => `answer-${questionId}`;

// ---------- what a question says ----------

export interface QuestionRecord {
  id: string;
  caseId: string;
  /** The bank item it came from, if any. */
  bankId: string | null;
  /** The person's own words, when they wrote or changed it. */
  customText: string | null;
  position: number;
  important: boolean;
  createdAt: string;
  updatedAt: string;
  removedAt: string | null;
}

/** A question's words: the person's own, else the bank's (translated). */
export function questionText(
  q: Pick<QuestionRecord, 'bankId' | 'customText'>,
  t: (key: BankQuestion['text']) => string,
): string {
  if (q.customText !== null) return q.customText;
  const bank = q.bankId ? QUESTION_BANK.find((b) => b.id === q.bankId) : undefined;
  return bank ? t(bank.text) : '';
}

/** The bank item behind a question, while its words are still the bank's (so its source applies). */
export function bankSourceOf(q: Pick<QuestionRecord, 'bankId' | 'customText'>): BankQuestion | null {
  if (q.customText !== null || !q.bankId) return null;
  return QUESTION_BANK.find((b) => b.id === q.bankId) ?? null;
}
