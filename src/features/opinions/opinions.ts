import { z } from 'zod';
import { isCalendarDate } from '../../platform/dates.ts';
import type { MessageKey, Translate } from '../../platform/i18n/i18n.ts';
import type { FieldErrors, FormValues } from '../../platform/ui/page-context.ts';
import type { StaleField } from '../../platform/ui/stale.tsx';
import { choice, optionalChoice, optionalText, requiredText } from '../../platform/validation.ts';
import { type Icd10Index, normalizeCode } from '../codes/icd10.ts';

// Each doctor's opinion on a case: pure rules and the one schema the form and the API share.

/** How soon the doctor said treatment should start: the same words the case uses. */
export const URGENCIES = ['right_away', 'within_weeks', 'no_rush', 'not_said'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const GOALS = ['cure', 'control', 'comfort', 'not_known'] as const;
export type Goal = (typeof GOALS)[number];

export const GIVEN_HOW = ['visit', 'video', 'phone', 'written_report'] as const;
export type GivenHow = (typeof GIVEN_HOW)[number];

/**
 * Kinds of treatment a plan item can be. The comparison treats the first item as the
 * plan's main category (Van Such et al. 2017 and Meyer et al. 2015 compare the plan as a
 * whole; we need one main line to say "a different plan").
 */
export const PLAN_CATEGORIES = [
  'surgery',
  'radiation',
  'systemic_therapy',
  'medication',
  'watchful_waiting',
  'further_tests',
  'rehabilitation',
  'lifestyle',
  'no_treatment',
  'other',
] as const;
export type PlanCategory = (typeof PLAN_CATEGORIES)[number];

/** Categories whose change weighs more when two plans differ only in part. */
export const MAJOR_CATEGORIES: ReadonlySet<PlanCategory> = new Set(['surgery', 'radiation', 'systemic_therapy']);

export const OPINION_STATUSES = ['accepted', 'pending', 'discarded'] as const;
export type OpinionStatus = (typeof OPINION_STATUSES)[number];
/** Who put the opinion in: the person (or someone helping), or the doctor through a share link. */
export const OPINION_SOURCES = ['person', 'doctor'] as const;
export type OpinionSource = (typeof OPINION_SOURCES)[number];

export const LIMITS = {
  name: 120,
  specialty: 120,
  practice: 200,
  diagnosisText: 500,
  shortText: 1000,
  longText: 4000,
  question: 500,
  diagnoses: 10,
  planItems: 12,
  answers: 60,
} as const;

/**
 * A date that must be given and must not be after today: the day the doctor gave the
 * opinion (or wrote the report). "Today" is the reader's (ADR 0015), so only a schema made
 * for one request checks it; the shared schema checks the date is real, and the action
 * checks it against today with notAfterToday().
 */
export const requiredPastDate = (requiredKey: MessageKey, today?: () => string) =>
  z.preprocess(
    (v) => (v === null || v === undefined ? '' : v),
    z
      .string(requiredKey)
      .min(1, requiredKey)
      .refine((s) => s === '' || isCalendarDate(s), 'errors.date')
      .refine((s) => !today || !isCalendarDate(s) || s <= today(), 'errors.dateInFuture'),
  );

/** The given dates that are after today, as field errors: what an action checks before it writes. */
export function notAfterToday(dates: Record<string, string | null | undefined>, today: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, day] of Object.entries(dates)) if (day && day > today) out[field] = 'errors.dateInFuture';
  return out;
}

/** An ICD-10-CM code in any usual form, stored as "C50.912". Whether it exists is checked against the code set later. */
const codeField = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : (v ?? undefined)),
  z
    .string()
    .max(12, 'opinions.errors.codeFormat')
    .refine((s) => normalizeCode(s) !== null, 'opinions.errors.codeFormat')
    .transform((s) => normalizeCode(s)!)
    .optional(),
);

const npiField = z.preprocess(
  (v) => (typeof v === 'string' ? (v.replace(/\s/g, '') === '' ? undefined : v.replace(/\s/g, '')) : (v ?? undefined)),
  z
    .string()
    .regex(/^\d{10}$/, 'opinions.errors.npi')
    .refine(isValidNpi, 'opinions.errors.npi')
    .optional(),
);

/** NPI check digit: Luhn over "80840" + the first nine digits (CMS, NPI check digit standard). */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi.slice(0, 9)}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === Number(npi[9]);
}

/**
 * API clients may send the issue's words for a choice ("chemotherapy", "active surveillance",
 * "tests first"): they are read as the stored value. Case, spaces and hyphens do not matter.
 */
const ALIASES: Record<string, string> = {
  chemotherapy: 'systemic_therapy',
  chemo: 'systemic_therapy',
  systemic: 'systemic_therapy',
  other_systemic_therapy: 'systemic_therapy',
  immunotherapy: 'systemic_therapy',
  hormone_therapy: 'systemic_therapy',
  targeted_therapy: 'systemic_therapy',
  active_surveillance: 'watchful_waiting',
  surveillance: 'watchful_waiting',
  watch_and_wait: 'watchful_waiting',
  further_tests_first: 'further_tests',
  tests_first: 'further_tests',
  more_tests: 'further_tests',
  therapy: 'rehabilitation',
  rehab: 'rehabilitation',
  physical_therapy: 'rehabilitation',
  no_treatment_needed: 'no_treatment',
  none: 'no_treatment',
  medicine: 'medication',
  drug: 'medication',
  not_yet_known: 'not_known',
  unknown: 'not_known',
  palliation: 'comfort',
  palliative: 'comfort',
  written: 'written_report',
  report: 'written_report',
  in_person: 'visit',
  urgent: 'right_away',
  immediately: 'right_away',
  asap: 'right_away',
  within_a_few_weeks: 'within_weeks',
  weeks: 'within_weeks',
  not_urgent: 'no_rush',
  routine: 'no_rush',
  no_hurry: 'no_rush',
  not_stated: 'not_said',
};
const aliased =
  (allowed: readonly string[], own: Record<string, string> = {}) =>
  (v: unknown) => {
    if (typeof v !== 'string') return v;
    const k = v
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    if (allowed.includes(k)) return k;
    const a = own[k] ?? ALIASES[k];
    return a && allowed.includes(a) ? a : v;
  };

export const diagnosisSchema = z
  .object({
    text: optionalText(LIMITS.diagnosisText),
    code: codeField,
  })
  .superRefine((v, ctx) => {
    if (!v.text && !v.code) ctx.addIssue({ code: 'custom', path: ['text'], message: 'opinions.errors.diagnosisText' });
  });

export const planItemSchema = z.object({
  category: z.preprocess(aliased(PLAN_CATEGORIES), choice(PLAN_CATEGORIES, 'opinions.errors.planCategory')),
  details: optionalText(LIMITS.shortText),
});

export const answerSchema = z.object({
  questionId: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().max(100).optional()),
  question: requiredText(LIMITS.question, 'opinions.errors.questionText'),
  answer: optionalText(LIMITS.longText),
});

function opinionFields(today?: () => string) {
  return {
    doctorName: requiredText(LIMITS.name, 'opinions.errors.doctorRequired'),
    doctorSpecialty: optionalText(LIMITS.specialty),
    doctorNpi: npiField,
    doctorPractice: optionalText(LIMITS.practice),
    givenOn: requiredPastDate('opinions.errors.dateRequired', today),
    givenHow: z.preprocess(aliased(GIVEN_HOW), optionalChoice(GIVEN_HOW)),
    diagnoses: z.array(diagnosisSchema).max(LIMITS.diagnoses, 'opinions.errors.tooMany'),
    stageStatus: optionalText(LIMITS.shortText),
    prognosis: optionalText(LIMITS.longText),
    goal: z.preprocess(aliased(GOALS), optionalChoice(GOALS)),
    optionsDiscussed: optionalText(LIMITS.longText),
    plan: z.array(planItemSchema).max(LIMITS.planItems, 'opinions.errors.tooMany'),
    urgency: z.preprocess(aliased(URGENCIES, { unknown: 'not_said' }), optionalChoice(URGENCIES)),
    furtherTests: optionalText(LIMITS.longText),
    trials: optionalText(LIMITS.longText),
    answers: z.array(answerSchema).max(LIMITS.answers, 'opinions.errors.tooMany'),
    notes: optionalText(LIMITS.longText),
  };
}

/**
 * The whole opinion, as entered on the form or sent to POST /api/v1/cases/{caseId}/opinions.
 * Lists may be left out. With `today`, a date after it is refused too (a page's own schema).
 */
export const makeOpinionSchema = (today?: () => string) => {
  const f = opinionFields(today);
  return z.object({
    ...f,
    diagnoses: f.diagnoses.default([]),
    plan: f.plan.default([]),
    answers: f.answers.default([]),
  });
};
export const opinionSchema = makeOpinionSchema();
export type OpinionInput = z.infer<typeof opinionSchema>;

/** PATCH: any subset; lists given replace the stored lists. `status` accepts or sets aside. */
export const opinionPatchSchema = z
  .object(opinionFields())
  .partial()
  .extend({ status: z.enum(OPINION_STATUSES).optional() });
export type OpinionPatch = z.infer<typeof opinionPatchSchema>;

export interface Diagnosis {
  text: string;
  code: string | null;
}
export interface PlanItem {
  category: PlanCategory;
  details: string | null;
}
export interface Answer {
  questionId: string | null;
  question: string;
  answer: string | null;
}

export interface OpinionRecord {
  id: string;
  caseId: string;
  /** Order of entry within the case; breaks ties between opinions given the same day. */
  seq: number;
  status: OpinionStatus;
  source: OpinionSource;
  doctorName: string;
  doctorSpecialty: string | null;
  doctorNpi: string | null;
  doctorPractice: string | null;
  givenOn: string;
  givenHow: GivenHow | null;
  diagnoses: Diagnosis[];
  stageStatus: string | null;
  prognosis: string | null;
  goal: Goal | null;
  optionsDiscussed: string | null;
  plan: PlanItem[];
  urgency: Urgency | null;
  furtherTests: string | null;
  trials: string | null;
  answers: Answer[];
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  /** Raised by one on every change (ADR 0016). */
  version: number;
}

/** What an opinion holds that a person or a doctor writes (the rest the store sets). */
export type StoredOpinion = Omit<
  OpinionRecord,
  'id' | 'caseId' | 'seq' | 'status' | 'source' | 'createdAt' | 'updatedAt' | 'version'
>;

/** The opinion as stored from validated input (diagnosis text filled in from the code's title when left blank). */
export function toStored(input: OpinionInput, describe: (code: string) => string | null): StoredOpinion {
  return {
    doctorName: input.doctorName,
    doctorSpecialty: input.doctorSpecialty ?? null,
    doctorNpi: input.doctorNpi ?? null,
    doctorPractice: input.doctorPractice ?? null,
    givenOn: input.givenOn,
    givenHow: input.givenHow ?? null,
    diagnoses: input.diagnoses.map((d) => ({
      text: d.text ?? (d.code ? (describe(d.code) ?? d.code) : ''),
      code: d.code ?? null,
    })),
    stageStatus: input.stageStatus ?? null,
    prognosis: input.prognosis ?? null,
    goal: input.goal ?? null,
    optionsDiscussed: input.optionsDiscussed ?? null,
    plan: input.plan.map((p) => ({ category: p.category, details: p.details ?? null })),
    urgency: input.urgency ?? null,
    furtherTests: input.furtherTests ?? null,
    trials: input.trials ?? null,
    answers: input.answers.map((a) => ({
      questionId: a.questionId ?? null,
      question: a.question,
      answer: a.answer ?? null,
    })),
    notes: input.notes ?? null,
  };
}

/**
 * The answers that point at a question this case does not have, by index. An answer may
 * name one of the case's own questions (removed ones too: the answer was given), or keep
 * the question it already had; a question of another case, or an id that is no question
 * at all, is refused (issue 13): it would show another person's question beside this case.
 */
export function foreignQuestionRefs(
  answers: readonly { questionId?: string | null }[],
  allowed: ReadonlySet<string>,
): number[] {
  const out: number[] = [];
  answers.forEach((a, i) => {
    if (a.questionId && !allowed.has(a.questionId)) out.push(i);
  });
  return out;
}

/** Back to the API's input shape: what PATCH merges its changes into. */
export function toInput(o: OpinionRecord): Record<string, unknown> {
  return {
    doctorName: o.doctorName,
    doctorSpecialty: o.doctorSpecialty ?? undefined,
    doctorNpi: o.doctorNpi ?? undefined,
    doctorPractice: o.doctorPractice ?? undefined,
    givenOn: o.givenOn,
    givenHow: o.givenHow ?? undefined,
    diagnoses: o.diagnoses.map((d) => ({ text: d.text, code: d.code ?? undefined })),
    stageStatus: o.stageStatus ?? undefined,
    prognosis: o.prognosis ?? undefined,
    goal: o.goal ?? undefined,
    optionsDiscussed: o.optionsDiscussed ?? undefined,
    plan: o.plan.map((p) => ({ category: p.category, details: p.details ?? undefined })),
    urgency: o.urgency ?? undefined,
    furtherTests: o.furtherTests ?? undefined,
    trials: o.trials ?? undefined,
    answers: o.answers.map((a) => ({
      questionId: a.questionId ?? undefined,
      question: a.question,
      answer: a.answer ?? undefined,
    })),
    notes: o.notes ?? undefined,
  };
}

/**
 * The order opinions are compared in: by the day they were given, then by entry. The
 * first is "the first opinion" every later one is compared against.
 */
export function sortOpinions<T extends Pick<OpinionRecord, 'givenOn' | 'seq' | 'id'>>(list: T[]): T[] {
  return [...list].sort((a, b) => a.givenOn.localeCompare(b.givenOn) || a.seq - b.seq || a.id.localeCompare(b.id));
}

/** Only accepted opinions are compared; pending ones wait for the person, discarded ones are kept but set aside. */
export const comparable = <T extends Pick<OpinionRecord, 'status'>>(list: T[]) =>
  list.filter((o) => o.status === 'accepted');

// ---------- the form: flat fields <-> the schema's shape ----------

/** Blank rows the form shows beyond those filled in; "Add more rows" adds this many again. */
export const EXTRA_ROWS = { diagnoses: 2, plan: 2, answers: 2 } as const;

export interface QuestionRef {
  id: string;
  text: string;
}

export interface FormRows {
  diagnoses: number;
  plan: number;
  /** Free-standing question-and-answer rows (the case's own questions are always all shown). */
  freeAnswers: number;
}

const SCALARS = [
  'doctorName',
  'doctorSpecialty',
  'doctorNpi',
  'doctorPractice',
  'givenOn',
  'givenHow',
  'stageStatus',
  'prognosis',
  'goal',
  'optionsDiscussed',
  'urgency',
  'furtherTests',
  'trials',
  'notes',
] as const;

const filled = (...vals: (string | undefined)[]) => vals.some((v) => (v ?? '').trim() !== '');
const countRows = (values: FormValues, prefix: string) => {
  let n = 0;
  for (const k of Object.keys(values)) {
    const m = new RegExp(`^${prefix}(\\d+)_`).exec(k);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return Math.min(n, 60);
};

/**
 * Reads the flat form (dx0_text, plan0_category, qa0_answer, case questions as cq0_*...)
 * into the API's shape. Empty rows are skipped; `paths` says which form field each list
 * item came from, so schema errors land on the right field.
 */
export function opinionFromForm(values: FormValues): { input: Record<string, unknown>; paths: Record<string, string> } {
  const input: Record<string, unknown> = {};
  for (const k of SCALARS) if (values[k] !== undefined) input[k] = values[k];
  const paths: Record<string, string> = {};
  const diagnoses: Record<string, string | undefined>[] = [];
  for (let i = 0; i < countRows(values, 'dx'); i++) {
    const text = values[`dx${i}_text`];
    const code = values[`dx${i}_code`];
    if (!filled(text, code)) continue;
    const at = diagnoses.length;
    paths[`diagnoses.${at}.text`] = `dx${i}_text`;
    paths[`diagnoses.${at}.code`] = `dx${i}_code`;
    diagnoses.push({ text, code });
  }
  const plan: Record<string, string | undefined>[] = [];
  for (let i = 0; i < countRows(values, 'plan'); i++) {
    const category = values[`plan${i}_category`];
    const details = values[`plan${i}_details`];
    if (!filled(category, details)) continue;
    const at = plan.length;
    paths[`plan.${at}.category`] = `plan${i}_category`;
    paths[`plan.${at}.details`] = `plan${i}_details`;
    plan.push({ category, details });
  }
  const answers: Record<string, string | undefined>[] = [];
  // The case's own questions: the question comes from the case, only the answer is typed.
  for (let i = 0; i < countRows(values, 'cq'); i++) {
    const answer = values[`cq${i}_answer`];
    if (!filled(answer)) continue;
    const at = answers.length;
    paths[`answers.${at}.answer`] = `cq${i}_answer`;
    paths[`answers.${at}.question`] = `cq${i}_answer`;
    answers.push({ questionId: values[`cq${i}_id`], question: values[`cq${i}_text`], answer });
  }
  for (let i = 0; i < countRows(values, 'qa'); i++) {
    const question = values[`qa${i}_question`];
    const answer = values[`qa${i}_answer`];
    if (!filled(question, answer)) continue;
    const at = answers.length;
    paths[`answers.${at}.question`] = `qa${i}_question`;
    paths[`answers.${at}.answer`] = `qa${i}_answer`;
    answers.push({ question, answer });
  }
  input.diagnoses = diagnoses;
  input.plan = plan;
  input.answers = answers;
  return { input, paths };
}

/** Schema errors (paths like "diagnoses.0.code") moved onto the form's field names. */
export function errorsToForm(errors: FieldErrors, paths: Record<string, string>): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, key] of Object.entries(errors)) out[paths[path] ?? path] = key;
  return out;
}

/** The flat form for an opinion (edit), with the case's questions matched to stored answers and its version. */
export function opinionToForm(o: OpinionRecord, questions: QuestionRef[]): FormValues {
  const v: FormValues = { version: String(o.version) };
  for (const k of SCALARS) {
    const val = o[k];
    v[k] = val === null || val === undefined ? '' : String(val);
  }
  o.diagnoses.forEach((d, i) => {
    v[`dx${i}_text`] = d.text;
    v[`dx${i}_code`] = d.code ?? '';
  });
  o.plan.forEach((p, i) => {
    v[`plan${i}_category`] = p.category;
    v[`plan${i}_details`] = p.details ?? '';
  });
  const byQuestion = new Map(o.answers.filter((a) => a.questionId).map((a) => [a.questionId!, a]));
  questions.forEach((q, i) => {
    v[`cq${i}_id`] = q.id;
    v[`cq${i}_text`] = q.text;
    v[`cq${i}_answer`] = byQuestion.get(q.id)?.answer ?? '';
  });
  const known = new Set(questions.map((q) => q.id));
  o.answers
    .filter((a) => !a.questionId || !known.has(a.questionId))
    .forEach((a, i) => {
      v[`qa${i}_question`] = a.question;
      v[`qa${i}_answer`] = a.answer ?? '';
    });
  return v;
}

/** The case's questions as hidden fields of a fresh form. */
export function questionsToForm(questions: QuestionRef[], v: FormValues = {}): FormValues {
  questions.forEach((q, i) => {
    v[`cq${i}_id`] = q.id;
    v[`cq${i}_text`] = q.text;
  });
  return v;
}

/** How many rows of each list the form shows: what is filled, plus blank ones. */
export function formRows(values: FormValues, more = 0): FormRows {
  const used = (prefix: string, fields: string[]) => {
    let n = 0;
    for (let i = 0; i < countRows(values, prefix); i++)
      if (fields.some((f) => filled(values[`${prefix}${i}_${f}`]))) n = i + 1;
    return n;
  };
  return {
    diagnoses: Math.min(LIMITS.diagnoses, used('dx', ['text', 'code']) + EXTRA_ROWS.diagnoses + more),
    plan: Math.min(LIMITS.planItems, used('plan', ['category', 'details']) + EXTRA_ROWS.plan + more),
    freeAnswers: Math.min(20, used('qa', ['question', 'answer']) + EXTRA_ROWS.answers + more),
  };
}

/** What the person first wrote about the case, as a start for the first doctor's opinion. */
export interface CaseFacts {
  diagnosisStatus: 'diagnosed' | 'no_diagnosis';
  diagnosis: string | null;
  proposedTreatment: string | null;
  doctorName: string | null;
  doctorSpecialty: string | null;
  toldOn: string | null;
  urgency: string;
}

export function prefillFromCase(c: CaseFacts): FormValues {
  const v: FormValues = {
    doctorName: c.doctorName ?? '',
    doctorSpecialty: c.doctorSpecialty ?? '',
    givenOn: c.toldOn ?? '',
    urgency: (URGENCIES as readonly string[]).includes(c.urgency) ? c.urgency : '',
  };
  if (c.diagnosisStatus === 'diagnosed' && c.diagnosis) v.dx0_text = c.diagnosis;
  // The category is the person's to choose; the words are theirs already.
  if (c.proposedTreatment) v.plan0_details = c.proposedTreatment.slice(0, LIMITS.shortText);
  return v;
}

/** A short label: "Dr. Lopez (oncologist), March 3, 2026" is built in the view; this is the name part. */
export function opinionLabel(o: Pick<OpinionRecord, 'doctorName' | 'doctorSpecialty'>): string {
  return o.doctorSpecialty ? `${o.doctorName} (${o.doctorSpecialty})` : o.doctorName;
}

// ---------- saved now against typed, for "someone changed this" ----------

const categoryKey = (c: string) => `opinions.category.${c}` as MessageKey;
const goalKey = (g: string) => `opinions.goal.${g}` as MessageKey;
const givenHowKey = (g: string) => `opinions.givenHow.${g}` as MessageKey;
const urgencyKey = (u: string) => `cases.urgency.${u}` as MessageKey;

/** The rows of one list on the flat form (dx0_…, plan1_…), each in words, joined. */
function rowsText(values: FormValues, prefix: string, text: (i: number) => string): string {
  const rows = new Set<number>();
  for (const k of Object.keys(values)) {
    const m = new RegExp(`^${prefix}(\\d+)_`).exec(k);
    if (m) rows.add(Number(m[1]));
  }
  return [...rows]
    .sort((a, b) => a - b)
    .map(text)
    .filter((x) => x.trim() !== '')
    .join('; ');
}

/**
 * The opinion form's parts as saved now and as the person typed them, for the notice shown
 * when someone saved the same opinion meanwhile (ADR 0016). Both sides are the flat form.
 */
export function opinionStaleFields(
  t: Translate,
  formatDay: (iso: string) => string,
  saved: FormValues,
  typed: FormValues,
): StaleField[] {
  const both = (label: string, show: (v: FormValues) => string): StaleField => ({
    label,
    saved: show(saved),
    yours: show(typed),
  });
  const text = (name: string, label: MessageKey) => both(t(label), (v) => (v[name] ?? '').trim());
  const choice = (name: string, label: MessageKey, key: (x: string) => MessageKey) =>
    both(t(label), (v) => (v[name] ? t(key(v[name]!)) : ''));
  const val = (v: FormValues, k: string) => (v[k] ?? '').trim();
  return [
    text('doctorName', 'opinions.field.doctorName'),
    text('doctorSpecialty', 'opinions.field.doctorSpecialty'),
    text('doctorPractice', 'opinions.field.doctorPractice'),
    text('doctorNpi', 'opinions.field.doctorNpi'),
    both(t('opinions.field.givenOn'), (v) => (v.givenOn ? formatDay(v.givenOn) : '')),
    choice('givenHow', 'opinions.field.givenHow', givenHowKey),
    both(t('opinions.form.diagnosis'), (v) =>
      rowsText(v, 'dx', (i) => [val(v, `dx${i}_text`), val(v, `dx${i}_code`)].filter(Boolean).join(' ')),
    ),
    text('stageStatus', 'opinions.field.stageStatus'),
    text('prognosis', 'opinions.field.prognosis'),
    choice('goal', 'opinions.field.goal', goalKey),
    both(t('opinions.form.plan'), (v) =>
      rowsText(v, 'plan', (i) =>
        [v[`plan${i}_category`] ? t(categoryKey(v[`plan${i}_category`]!)) : '', val(v, `plan${i}_details`)]
          .filter(Boolean)
          .join(': '),
      ),
    ),
    text('optionsDiscussed', 'opinions.field.optionsDiscussed'),
    choice('urgency', 'opinions.field.urgency', urgencyKey),
    text('furtherTests', 'opinions.field.furtherTests'),
    text('trials', 'opinions.field.trials'),
    both(t('opinions.answers.heading'), (v) =>
      [
        rowsText(v, 'cq', (i) =>
          val(v, `cq${i}_answer`) ? `${val(v, `cq${i}_text`)} ${val(v, `cq${i}_answer`)}` : '',
        ),
        rowsText(v, 'qa', (i) => [val(v, `qa${i}_question`), val(v, `qa${i}_answer`)].filter(Boolean).join(' ')),
      ]
        .filter(Boolean)
        .join('; '),
    ),
    text('notes', 'opinions.field.notes'),
  ];
}

// ---------- codes checked against ICD-10-CM ----------

/**
 * A field message that carries values (the unknown code and what we suggest instead).
 * Field errors are catalogue keys; the translator passes text that is not a key through
 * unchanged, so a message translated here travels the same way to the page and the API.
 */
const preTranslated = (text: string) => text as MessageKey;

/**
 * Codes that are not in ICD-10-CM, or that are words typed in the code box, each with
 * what we suggest instead. Keys are the diagnosis's index in the list.
 */
export function codeProblems(raw: unknown[], icd: Icd10Index, t: Translate): Map<number, string> {
  const out = new Map<number, string>();
  raw.forEach((d, i) => {
    const code = d && typeof d === 'object' ? (d as { code?: unknown }).code : undefined;
    if (typeof code !== 'string' || code.trim() === '') return;
    const typed = code.trim().slice(0, 100);
    const norm = normalizeCode(typed);
    if (norm && icd.lookup(norm)) return;
    const suggestions = norm ? icd.suggest(norm, 3) : icd.search(typed, { limit: 3 }).hits;
    const list = suggestions.map((s) => `${s.code} (${s.description})`).join('; ');
    if (!norm)
      out.set(
        i,
        list ? t('opinions.errors.wordsInCode', { typed, suggestions: list }) : t('opinions.errors.codeFormat'),
      );
    else
      out.set(
        i,
        list
          ? t('opinions.errors.unknownCodeSuggest', { code: norm, suggestions: list })
          : t('opinions.errors.unknownCode', { code: norm }),
      );
  });
  return out;
}

export function codeFieldErrors(problems: Map<number, string>, fieldOf: (i: number) => string): FieldErrors {
  const out: FieldErrors = {};
  for (const [i, text] of problems) out[fieldOf(i)] = preTranslated(text);
  return out;
}
