import { z } from 'zod';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { choice, optionalDate, optionalText, requiredText } from '../../platform/validation.ts';

// What the patient was told, and the nine steps of getting a second opinion.

/** How soon the first doctor said treatment should start, in the patient's words. */
export const URGENCIES = ['right_away', 'within_weeks', 'no_rush', 'not_said'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const DIAGNOSIS_STATUSES = ['diagnosed', 'no_diagnosis'] as const;

const LONG = 2000;

const caseFields = {
  patientId: requiredText(100, 'cases.errors.patientRequired'),
  title: optionalText(120),
  diagnosisStatus: choice(DIAGNOSIS_STATUSES, 'cases.errors.diagnosisStatusRequired'),
  diagnosis: optionalText(500),
  symptoms: optionalText(LONG),
  proposedTreatment: optionalText(LONG),
  doctorName: optionalText(120),
  doctorSpecialty: optionalText(120),
  toldOn: optionalDate({ notFuture: true }),
  urgency: choice(URGENCIES, 'cases.errors.urgencyRequired'),
};

type Shape = { diagnosisStatus?: unknown; diagnosis?: unknown; symptoms?: unknown } | undefined;
const given = (v: unknown) => typeof v === 'string' && v.trim() !== '';

// These run even when other fields are wrong (`when`), so the form lists every problem at
// once instead of revealing them one round at a time.
const withDiagnosisRules = <T extends z.ZodType<Shape>>(schema: T) =>
  schema
    .refine((v) => v?.diagnosisStatus !== 'diagnosed' || given(v?.diagnosis), {
      path: ['diagnosis'],
      message: 'cases.errors.diagnosisRequired',
      when: () => true,
    })
    .refine((v) => v?.diagnosisStatus !== 'no_diagnosis' || given(v?.symptoms), {
      path: ['symptoms'],
      message: 'cases.errors.symptomsRequired',
      when: () => true,
    });

export const caseSchema = withDiagnosisRules(z.object(caseFields));
export type CaseInput = z.infer<typeof caseSchema>;

/** For PATCH: any subset of the fields, plus archiving. Merged with the stored case and re-checked. */
export const casePatchSchema = z
  .object(caseFields)
  .omit({ patientId: true })
  .partial()
  .extend({ archived: z.boolean().optional() });
export const caseEditSchema = withDiagnosisRules(z.object(caseFields).omit({ patientId: true }));
export type CaseEditInput = z.infer<typeof caseEditSchema>;

export interface CaseRecord {
  id: string;
  patientId: string;
  patientName: string;
  title: string;
  diagnosisStatus: 'diagnosed' | 'no_diagnosis';
  diagnosis: string | null;
  symptoms: string | null;
  proposedTreatment: string | null;
  doctorName: string | null;
  doctorSpecialty: string | null;
  toldOn: string | null;
  urgency: Urgency;
  status: 'open' | 'decided';
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  /** Raised by one on every change (ADR 0016). */
  version: number;
}

/** The name shown for a case: the person's own name for it, else what they were told. */
export function caseDisplayTitle(
  c: Pick<CaseRecord, 'title' | 'diagnosis' | 'diagnosisStatus'>,
  t: (k: MessageKey) => string,
): string {
  if (c.title) return c.title;
  if (c.diagnosisStatus === 'diagnosed' && c.diagnosis) return c.diagnosis;
  return t('cases.untitledNoDiagnosis');
}

// ---------- the journey ----------

export const JOURNEY = [
  { n: 1, slug: 'start', title: 'journey.start.title', summary: 'journey.start.summary' },
  { n: 2, slug: 'assessment', title: 'journey.assessment.title', summary: 'journey.assessment.summary' },
  { n: 3, slug: 'questions', title: 'journey.questions.title', summary: 'journey.questions.summary' },
  { n: 4, slug: 'coverage', title: 'journey.coverage.title', summary: 'journey.coverage.summary' },
  { n: 5, slug: 'doctors', title: 'journey.doctors.title', summary: 'journey.doctors.summary' },
  { n: 6, slug: 'records', title: 'journey.records.title', summary: 'journey.records.summary' },
  { n: 7, slug: 'sharing', title: 'journey.sharing.title', summary: 'journey.sharing.summary' },
  { n: 8, slug: 'opinions', title: 'journey.opinions.title', summary: 'journey.opinions.summary' },
  { n: 9, slug: 'decision', title: 'journey.decision.title', summary: 'journey.decision.summary' },
] as const satisfies readonly { n: number; slug: string; title: MessageKey; summary: MessageKey }[];

export type StepSlug = (typeof JOURNEY)[number]['slug'];
export type StepStatus = 'not_started' | 'in_progress' | 'done' | 'not_available';

export interface StepView {
  n: number;
  slug: StepSlug;
  title: MessageKey;
  summary: MessageKey;
  status: StepStatus;
  href: string;
}

/**
 * The nine steps with their status. Step 1 is done once the case exists. A step whose
 * feature is not installed yet shows as "not available yet" rather than a dead end.
 */
export function journeySteps(caseId: string, statuses: Partial<Record<StepSlug, StepStatus>>): StepView[] {
  return JOURNEY.map((s) => ({
    ...s,
    status: s.slug === 'start' ? 'done' : (statuses[s.slug] ?? 'not_available'),
    href: s.slug === 'start' ? `/cases/${caseId}/edit` : `/cases/${caseId}/${s.slug}`,
  }));
}

/** The first step not yet done: what the case page suggests doing next. */
export function nextStep(steps: StepView[]): StepView | undefined {
  return steps.find((s) => s.status === 'not_started' || s.status === 'in_progress');
}
