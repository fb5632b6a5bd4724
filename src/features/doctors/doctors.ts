import { z } from 'zod';
import { addDays } from '../../platform/dates.ts';
import type { MessageKey, Translate } from '../../platform/i18n/i18n.ts';
import { choice, optionalDate, optionalText, requiredText } from '../../platform/validation.ts';
import { requiredTime } from '../tasks/tasks.ts';

// Step 5, choosing the path and the doctor: the two paths, the referral request letter,
// candidate doctors and appointments, and the list of NCI-designated cancer centers.
// Pure: data in, data out.

// ---------- the path ----------

export const PATHS = ['referral', 'own', 'undecided'] as const;
export type DoctorPath = (typeof PATHS)[number];

export const pathSchema = z.object({ path: choice(PATHS, 'doctors.errors.pathRequired') });

export const letterSchema = z.object({ letter: requiredText(8000, 'doctors.errors.letterRequired') });

export interface PathRecord {
  caseId: string;
  path: DoctorPath;
  /** The person's own version of the letter; null until they save one. */
  referralLetter: string | null;
  referralAskedOn: string | null;
}

export interface LetterFacts {
  patientName: string;
  doctorName: string | null;
  diagnosis: string | null;
  symptoms: string | null;
  proposedTreatment: string | null;
  /** The date to print at the top, already formatted for the reader. */
  date: string;
}

/**
 * A request the person can hand or send to their own doctor: what the second opinion is
 * about, the two things asked (names of specialists, and the records sent on), and a
 * signature line. Made from the case in the reader's language; the person edits it.
 */
export function draftReferralLetter(f: LetterFacts, t: Translate): string {
  const about = f.diagnosis
    ? t('doctors.letter.aboutDiagnosis', { diagnosis: f.diagnosis })
    : t('doctors.letter.aboutSymptoms', { symptoms: f.symptoms ?? '' });
  const parts = [
    f.date,
    f.doctorName ? t('doctors.letter.dear', { doctor: f.doctorName }) : t('doctors.letter.dearNoName'),
    [about, f.proposedTreatment ? t('doctors.letter.proposed', { treatment: f.proposedTreatment }) : '']
      .filter(Boolean)
      .join(' '),
    t('doctors.letter.routine'),
    t('doctors.letter.askNames'),
    t('doctors.letter.askRecords'),
    t('doctors.letter.thanks'),
    t('doctors.letter.signoff', { name: f.patientName }),
  ];
  return parts.join('\n\n');
}

// ---------- candidate doctors ----------

export const IN_NETWORK = ['yes', 'no', 'unknown'] as const;
export type InNetwork = (typeof IN_NETWORK)[number];

const hasEnoughDigits = (s: string | undefined) => !s || (s.match(/\d/g)?.length ?? 0) >= 7;

export const candidateSchema = z.object({
  name: requiredText(120, 'doctors.errors.nameRequired'),
  specialty: optionalText(120),
  practice: optionalText(160),
  phone: optionalText(40).refine(hasEnoughDigits, 'doctors.errors.phone'),
  address: optionalText(300),
  inNetwork: choice(IN_NETWORK, 'doctors.errors.inNetworkRequired'),
  notes: optionalText(2000),
});
export type CandidateInput = z.infer<typeof candidateSchema>;

/** For the API: a change to some of a doctor's details; the rest stay as saved. */
export const candidatePatchSchema = candidateSchema.partial();
export type CandidatePatch = z.infer<typeof candidatePatchSchema>;

/** A saved doctor's details as the input they were saved from, to merge a change onto. */
export const candidateInputOf = (d: CandidateRecord): CandidateInput => ({
  name: d.name,
  specialty: d.specialty ?? undefined,
  practice: d.practice ?? undefined,
  phone: d.phone ?? undefined,
  address: d.address ?? undefined,
  inNetwork: d.inNetwork,
  notes: d.notes ?? undefined,
});

export interface CandidateRecord {
  id: string;
  caseId: string;
  name: string;
  specialty: string | null;
  practice: string | null;
  phone: string | null;
  address: string | null;
  inNetwork: InNetwork;
  notes: string | null;
  npi: string | null;
  source: string;
  createdAt: string;
  removedAt: string | null;
  /** Raised by one on every change (ADR 0016). */
  version: number;
}

// ---------- appointments ----------

export const APPOINTMENT_MODES = ['in_person', 'video', 'phone'] as const;
export type AppointmentMode = (typeof APPOINTMENT_MODES)[number];

const appointmentFields = {
  // nonoptional: a missing key must fail like an empty one, and the API document must say
  // the date is required, as the table does (issue 13).
  date: optionalDate()
    .refine((v) => v !== undefined, 'doctors.errors.dateRequired')
    .nonoptional('doctors.errors.dateRequired'),
  time: requiredTime('doctors.errors.timeRequired'),
  mode: choice(APPOINTMENT_MODES, 'doctors.errors.modeRequired'),
  place: optionalText(300),
  notes: optionalText(2000),
};

// A visit in person needs an address; for video or phone the place is optional (a link, a
// number). Checked even when other fields are wrong (`when`), so the form lists every
// problem at once instead of one round at a time.
const placeForVisit = {
  check: (v: { mode?: unknown; place?: unknown } | undefined) =>
    v?.mode !== 'in_person' || String(v?.place ?? '').trim() !== '',
  params: { path: ['place'], message: 'doctors.errors.placeRequired', when: () => true },
};

export const appointmentSchema = z.object(appointmentFields).refine(placeForVisit.check, placeForVisit.params);
export type AppointmentInput = z.infer<typeof appointmentSchema>;

/** For the API: the same, naming which of the case's doctors the visit is with. */
export const apiAppointmentSchema = z
  .object({ doctorId: requiredText(100, 'doctors.errors.doctorRequired'), ...appointmentFields })
  .refine(placeForVisit.check, placeForVisit.params);

/** For the API: a change to some of a visit's details, checked again once merged onto what is saved. */
export const appointmentPatchSchema = z.object(appointmentFields).partial();
export type AppointmentPatch = z.infer<typeof appointmentPatchSchema>;

/** A saved visit as form-like input, to merge a change onto and check it whole. */
export const appointmentInputOf = (a: AppointmentRecord) => ({
  date: a.date,
  time: a.time,
  mode: a.mode,
  place: a.place ?? undefined,
  notes: a.notes ?? undefined,
});

export interface AppointmentRecord {
  id: string;
  caseId: string;
  candidateId: string;
  doctorName: string;
  date: string;
  time: string;
  mode: AppointmentMode;
  place: string | null;
  notes: string | null;
  cancelledAt: string | null;
  createdAt: string;
  /** Raised by one on every change (ADR 0016). */
  version: number;
}

/** Most pressing first: upcoming visits by date and time, then past ones, then cancelled. */
export function sortAppointments(list: AppointmentRecord[], today: string): AppointmentRecord[] {
  const rank = (a: AppointmentRecord) => (a.cancelledAt ? 2 : a.date >= today ? 0 : 1);
  return [...list].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r !== 0) return r;
    const ka = `${a.date} ${a.time}`;
    const kb = `${b.date} ${b.time}`;
    return rank(a) === 0 ? ka.localeCompare(kb) : kb.localeCompare(ka);
  });
}

/** Two days before the visit, to get questions, records and the insurance card ready. */
export function prepareDueOn(visitDate: string, today: string): string {
  const due = addDays(visitDate, -2);
  return due < today ? today : due;
}

// ---------- the step ----------

/**
 * Not started until the person picks a path or names a doctor; done once a visit with a
 * doctor is booked (and not cancelled).
 */
export function doctorsStepStatus(s: {
  pathChosen: boolean;
  candidates: number;
  activeAppointments: number;
}): 'not_started' | 'in_progress' | 'done' {
  if (s.activeAppointments > 0) return 'done';
  return s.pathChosen || s.candidates > 0 ? 'in_progress' : 'not_started';
}

// ---------- cancer centers ----------

export interface CancerCenter {
  id: string;
  name: string;
  city: string;
  state: string;
  stateCode: string;
  designation: 'Comprehensive' | 'Clinical';
  pediatricOnly: boolean;
  url: string;
}

const CANCER_WORDS =
  /\b(cancer\w*|carcinoma\w*|\w*sarcoma\w*|lymphoma\w*|leuka?emia\w*|melanoma\w*|myeloma\w*|tumou?r\w*|neoplasm\w*|malignan\w*|oncolog\w*|\w*blastoma\w*|glioma\w*|mesothelioma\w*|metasta\w*)\b/i;

/**
 * Whether the case reads like cancer, from the person's own words. It only decides
 * whether to offer the list of cancer centers; it is never shown as a finding.
 */
export function looksLikeCancer(c: {
  diagnosis: string | null;
  symptoms?: string | null;
  proposedTreatment?: string | null;
  doctorSpecialty?: string | null;
}): boolean {
  return [c.diagnosis, c.proposedTreatment, c.doctorSpecialty].some((s) => !!s && CANCER_WORDS.test(s));
}

// A query string can repeat a name (?state=IL&state=TX), which arrives as a list: only one
// plain value counts, anything else is read as not given.
const queryText = z.string().optional().catch(undefined);

/** The "find names" page's query: show the centers (`centers=1`), and in which state. */
export const findQuery = z.object({ centers: queryText, state: queryText });

/** The states that have a center, with their names, sorted by name (for the filter). */
export function centerStates(centers: CancerCenter[]): { code: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const c of centers) seen.set(c.stateCode, c.state);
  return [...seen].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Centers in one state (or all, when state is empty), by city then name. */
export function filterCenters(centers: CancerCenter[], stateCode: string | null): CancerCenter[] {
  const list = stateCode ? centers.filter((c) => c.stateCode === stateCode) : centers;
  return [...list].sort(
    (a, b) => a.state.localeCompare(b.state) || a.city.localeCompare(b.city) || a.name.localeCompare(b.name),
  );
}

export const inNetworkKey = (v: string): MessageKey => `doctors.inNetwork.${v}` as MessageKey;
export const modeKey = (v: string): MessageKey => `doctors.mode.${v}` as MessageKey;
