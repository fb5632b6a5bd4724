import { type ActionResult, ok, refuse } from '../../platform/actions.ts';
import { loadCaseContext } from '../../platform/case-context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { zipState } from '../../platform/geo.ts';
import type { CaseScope } from '../../platform/http/case-route.ts';
import { issuesToFields } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { completeTasksFor, completeTasksOfKind, ensureTask, ensureTaskDue } from '../../platform/tasks/tasks-store.ts';
import type { FieldErrors } from '../../platform/ui/page-context.ts';
import { mergeOntoLatest, staleWrite } from '../../platform/versions.ts';
import type { CalendarEvent } from '../tasks/calendar.ts';
import { dueIn, pastDateErrors } from '../tasks/tasks.ts';
import { loadCancerCenters } from './cancer-centers.ts';
import { isListedNpi } from './directory-store.ts';
import {
  type AppointmentInput,
  type AppointmentPatch,
  type AppointmentRecord,
  appointmentInputOf,
  appointmentSchema,
  type CancerCenter,
  type CandidateInput,
  type CandidatePatch,
  type CandidateRecord,
  candidateInputOf,
  centerStates,
  type DoctorPath,
  filterCenters,
  looksLikeCancer,
  type PathRecord,
  prepareDueOn,
  sortAppointments,
} from './doctors.ts';
import * as store from './doctors-store.ts';

// What a person can do in the "choose the path and the doctor" step (ADR 0014): each
// action runs in the route's one transaction, checks what the route could not (that a doctor
// or a visit belongs to this case), writes, keeps the task list in step and audits.

// Task titles and calendar entries are stored text, written in English as before.
const en = translator('en');
const hasErrors = (e: FieldErrors) => Object.keys(e).length > 0;

/** A change saved, or refused because someone saved a newer version meanwhile (ADR 0016). */
export type EditOutcome<R> = { saved: true } | { saved: false; current: R };

// ---------- the step's overview and the path ----------

export interface DoctorsOverview {
  path: PathRecord | null;
  candidates: CandidateRecord[];
  /** Most pressing first, by the reader's today. */
  appointments: AppointmentRecord[];
}

/** The path, the list of doctors and the visits; `audit` false when the caller has just written them. */
export async function overview(s: CaseScope, audit = true): Promise<DoctorsOverview> {
  const path = await store.getPath(s.trx, s.caseId);
  const candidates = await store.listCandidates(s.trx, s.caseId);
  const appointments = sortAppointments(await store.listAppointments(s.trx, s.caseId), s.today);
  if (audit) await s.record('doctors.view', 'case', s.caseId);
  return { path, candidates, appointments };
}

/** Chooses the path; the referral path asks for a referral, the own path for names, each with a due date. */
export async function choosePath(s: CaseScope, path: DoctorPath): Promise<void> {
  await store.savePath(s.trx, { caseId: s.caseId, patientId: s.patientId }, s.user.userId, s.now, { path });
  const base = { caseId: s.caseId, patientId: s.patientId, step: 'doctors' };
  const c = s.c;
  if (path === 'referral') {
    const title = c.doctorName
      ? en('doctors.task.askReferral', { doctor: c.doctorName })
      : en('doctors.task.askReferralGeneric');
    await ensureTask(s.trx, s.now, s.user.userId, {
      ...base,
      kind: 'ask_referral',
      title,
      dueOn: dueIn(s.today, 3, c.urgency),
    });
  }
  if (path === 'own') {
    const title = en('doctors.task.findNames');
    await ensureTask(s.trx, s.now, s.user.userId, {
      ...base,
      kind: 'find_doctors',
      title,
      dueOn: dueIn(s.today, 7, c.urgency),
    });
  }
  await s.record('doctors.path.save', 'case', s.caseId);
}

// ---------- the referral letter ----------

/** The saved path (with the person's own letter, if any) for the letter page or its printout. */
export async function readReferral(s: CaseScope): Promise<PathRecord | null> {
  const path = await store.getPath(s.trx, s.caseId);
  await s.record('doctors.referral.view', 'case', s.caseId);
  return path;
}

export type ReferralIntent = 'save' | 'reset' | 'asked';

/** Saves the person's letter, goes back to the drafted one, or notes that it was given (the task is then done). */
export async function saveReferral(s: CaseScope, intent: ReferralIntent, letter: string | null): Promise<void> {
  const target = { caseId: s.caseId, patientId: s.patientId };
  if (intent === 'save') await store.savePath(s.trx, target, s.user.userId, s.now, { referral_letter: letter });
  if (intent === 'reset') await store.savePath(s.trx, target, s.user.userId, s.now, { referral_letter: null });
  if (intent === 'asked') {
    await store.savePath(s.trx, target, s.user.userId, s.now, { referral_asked_on: s.today });
    await completeTasksOfKind(s.trx, s.caseId, 'ask_referral', s.now);
  }
  await s.record(`doctors.referral.${intent}`, 'case', s.caseId);
}

// ---------- finding names ----------

export interface FindPlaces {
  cancer: boolean;
  showCenters: boolean;
  centers: CancerCenter[];
  states: { code: string; name: string }[];
  state: string | null;
  stateFromZip: boolean;
  retrievedOn: string;
}

/**
 * Where to look for names. For a case that reads like cancer (or when asked), the NCI
 * centers, in the state the person chose, else the state of the patient's ZIP code.
 */
export async function findPlaces(s: CaseScope, q: { centers?: string; state?: string }): Promise<FindPlaces> {
  await s.record('doctors.find.view', 'case', s.caseId);
  const cancer = looksLikeCancer(s.c);
  const showCenters = cancer || q.centers === '1' || q.state !== undefined;
  const list = loadCancerCenters();
  const states = centerStates(list.centers);
  const chosen = q.state !== undefined ? (states.find((x) => x.code === q.state)?.code ?? null) : null;
  const fromZip = q.state === undefined ? zipState(s.c.patientZip) : null;
  const state = chosen ?? fromZip;
  return {
    cancer,
    showCenters,
    centers: showCenters ? filterCenters(list.centers, state) : [],
    states,
    state,
    stateFromZip: chosen === null && fromZip !== null,
    retrievedOn: list.retrievedOn,
  };
}

// ---------- candidate doctors ----------

/** A doctor on the case's list, for its form (null: a new one). Another case's doctor is "not found". */
export async function candidateForm(s: CaseScope, doctorId: string | null): Promise<CandidateRecord | null> {
  const d = doctorId ? await store.getCandidate(s.trx, s.caseId, doctorId) : null;
  if (doctorId && !d) throw notFound();
  await s.record('doctors.view', d ? 'doctor_candidate' : 'case', d ? d.id : s.caseId);
  return d;
}

/**
 * Adds a doctor to the list. An NPI (from the directory search) counts only if it is in the
 * imported directory. A name in hand: finding names is done, and booking comes next unless
 * a visit is already booked.
 */
export async function addCandidate(
  s: CaseScope,
  input: CandidateInput,
  npi: string | null = null,
): Promise<CandidateRecord> {
  const listed = npi && /^\d{10}$/.test(npi) && (await isListedNpi(s.trx, npi));
  const origin = listed ? { source: 'nppes', npi } : { source: 'manual' };
  const id = await store.insertCandidate(
    s.trx,
    { caseId: s.caseId, patientId: s.patientId },
    s.user.userId,
    s.now,
    input,
    origin,
  );
  await completeTasksOfKind(s.trx, s.caseId, 'find_doctors', s.now);
  const booked = (await store.listAppointments(s.trx, s.caseId)).some((a) => !a.cancelledAt);
  if (!booked) {
    await ensureTask(s.trx, s.now, s.user.userId, {
      caseId: s.caseId,
      patientId: s.patientId,
      step: 'doctors',
      kind: 'book_appointment',
      title: en('doctors.task.book'),
      dueOn: dueIn(s.today, 7, s.c.urgency),
    });
  }
  await s.record('doctors.candidate.create', 'doctor_candidate', id);
  return (await store.getCandidate(s.trx, s.caseId, id))!;
}

/**
 * Saves a doctor's details, made from version `version` of them (null: the newest). When
 * someone saved a newer version meanwhile nothing is written and the newer one comes back.
 */
export async function changeCandidate(
  s: CaseScope,
  doctorId: string,
  input: CandidateInput,
  version: number | null,
): Promise<EditOutcome<CandidateRecord>> {
  const current = await store.getCandidate(s.trx, s.caseId, doctorId);
  if (!current) throw notFound();
  if (!(await store.updateCandidate(s.trx, s.caseId, doctorId, s.now, input, version ?? current.version))) {
    return { saved: false, current: (await store.getCandidate(s.trx, s.caseId, doctorId)) ?? current };
  }
  await s.record('doctors.candidate.update', 'doctor_candidate', doctorId);
  return { saved: true };
}

/** A doctor on the case's list, or "not found". */
async function liveCandidate(s: CaseScope, doctorId: string): Promise<CandidateRecord> {
  const d = await store.getCandidate(s.trx, s.caseId, doctorId);
  if (!d) throw notFound();
  return d;
}

/**
 * The API's change to some of a doctor's details, merged onto the newest version; with
 * If-Match (`expected`) only onto that version, or 412.
 */
export async function patchCandidate(
  s: CaseScope,
  doctorId: string,
  patch: CandidatePatch,
  expected: number | null,
): Promise<CandidateRecord> {
  const saved = await mergeOntoLatest(
    () => liveCandidate(s, doctorId),
    (current) => {
      // A field sent empty is cleared; a field not sent stays as saved.
      const merged = { ...candidateInputOf(current), ...patch };
      return store.updateCandidate(s.trx, s.caseId, doctorId, s.now, merged, current.version);
    },
    expected,
  );
  await s.record('doctors.candidate.update', 'doctor_candidate', doctorId);
  return saved;
}

/** Takes a doctor off the list; the row stays, because visits and answers may point to it. */
export async function removeCandidate(s: CaseScope, doctorId: string, expected: number | null = null): Promise<void> {
  // With If-Match (the API), only the version the caller read is taken off: 412 otherwise.
  if (expected !== null && (await liveCandidate(s, doctorId)).version !== expected) throw staleWrite();
  if (!(await store.removeCandidate(s.trx, s.caseId, doctorId, s.now, expected ?? undefined))) {
    throw expected === null ? notFound() : staleWrite();
  }
  await s.record('doctors.candidate.remove', 'doctor_candidate', doctorId);
}

// ---------- appointments ----------

export type AppointmentTarget = { doctorId: string } | { appointmentId: string };

export interface AppointmentForm {
  doctorName: string;
  /** The saved visit when editing; null for a new one. */
  appointment: AppointmentRecord | null;
  /** The doctor's address, suggested as the place of a new visit. */
  suggestedPlace: string;
}

/** The doctor (for a new visit) or the visit (to change it); a cancelled visit can no longer be changed. */
export async function appointmentForm(s: CaseScope, target: AppointmentTarget): Promise<AppointmentForm> {
  if ('doctorId' in target) {
    const d = await store.getCandidate(s.trx, s.caseId, target.doctorId);
    if (!d) throw notFound();
    await s.record('doctors.view', 'doctor_candidate', d.id);
    return { doctorName: d.name, appointment: null, suggestedPlace: d.address ?? '' };
  }
  const a = await store.getAppointment(s.trx, s.caseId, target.appointmentId);
  if (!a || a.cancelledAt) throw notFound();
  await s.record('doctors.appointment.view', 'doctor_appointment', a.id);
  return { doctorName: a.doctorName, appointment: a, suggestedPlace: a.place ?? '' };
}

/** Booking is done, and getting ready for an upcoming visit is to do, two days before it. */
async function afterAppointmentSaved(
  s: CaseScope,
  appointmentId: string,
  doctorName: string,
  date: string,
): Promise<void> {
  await completeTasksOfKind(s.trx, s.caseId, 'book_appointment', s.now);
  if (date < s.today) return;
  await ensureTaskDue(s.trx, s.now, s.user.userId, {
    caseId: s.caseId,
    patientId: s.patientId,
    step: 'doctors',
    kind: 'prepare_visit',
    title: en('doctors.task.prepare', { doctor: doctorName }),
    dueOn: prepareDueOn(date, s.today),
    sourceType: 'doctor_appointment',
    sourceId: appointmentId,
  });
}

/**
 * Books a visit with one of the case's doctors, today or later. An unknown doctor and
 * another case's doctor are the same refusal (on `doctorId`), so nothing is revealed.
 */
export async function bookAppointment(
  s: CaseScope,
  doctorId: string,
  input: AppointmentInput,
): Promise<ActionResult<AppointmentRecord>> {
  const d = await store.getCandidate(s.trx, s.caseId, doctorId);
  if (!d) return refuse({ doctorId: 'doctors.errors.doctorRequired' });
  const bad = pastDateErrors({ date: input.date }, s.today);
  if (hasErrors(bad)) return refuse(bad);
  const id = await store.insertAppointment(
    s.trx,
    { caseId: s.caseId, patientId: s.patientId },
    d.id,
    s.user.userId,
    s.now,
    input,
  );
  await afterAppointmentSaved(s, id, d.name, input.date);
  await s.record('doctors.appointment.create', 'doctor_appointment', id);
  return ok((await store.getAppointment(s.trx, s.caseId, id))!);
}

/**
 * Changes a visit, made from version `version` (null: the newest). Moving it to a day that
 * has passed is refused; keeping a past visit's date (to add notes) is not.
 */
export async function changeAppointment(
  s: CaseScope,
  appointmentId: string,
  input: AppointmentInput,
  version: number | null,
): Promise<ActionResult<EditOutcome<AppointmentRecord>>> {
  const before = await store.getAppointment(s.trx, s.caseId, appointmentId);
  if (!before || before.cancelledAt) throw notFound();
  const bad = pastDateErrors({ date: input.date }, s.today, { date: before.date });
  if (hasErrors(bad)) return refuse(bad);
  if (!(await store.updateAppointment(s.trx, s.caseId, appointmentId, s.now, input, version ?? before.version))) {
    return ok({ saved: false, current: (await store.getAppointment(s.trx, s.caseId, appointmentId)) ?? before });
  }
  await afterAppointmentSaved(s, appointmentId, before.doctorName, input.date);
  await s.record('doctors.appointment.update', 'doctor_appointment', appointmentId);
  return ok({ saved: true });
}

/** A visit of this case that is not cancelled, or "not found". */
async function liveAppointment(s: CaseScope, appointmentId: string): Promise<AppointmentRecord> {
  const a = await store.getAppointment(s.trx, s.caseId, appointmentId);
  if (!a || a.cancelledAt) throw notFound();
  return a;
}

/** One visit (for the API's single read). */
export async function readAppointment(s: CaseScope, appointmentId: string): Promise<AppointmentRecord> {
  const a = await liveAppointment(s, appointmentId);
  await s.record('doctors.appointment.view', 'doctor_appointment', a.id);
  return a;
}

/**
 * The API's change to some of a visit's details, merged onto the newest version (with
 * If-Match, only onto that one) and checked whole, as the page's form is: a visit in person
 * needs a place, and it cannot move to a day that has passed.
 */
export async function patchAppointment(
  s: CaseScope,
  appointmentId: string,
  patch: AppointmentPatch,
  expected: number | null,
): Promise<ActionResult<AppointmentRecord>> {
  // Set inside the merge (declared with `as` so the checker does not read them as always null).
  let refusal = null as FieldErrors | null;
  let saved = null as { doctorName: string; date: string } | null;
  const after = await mergeOntoLatest(
    () => liveAppointment(s, appointmentId),
    async (current) => {
      const merged = appointmentSchema.safeParse({ ...appointmentInputOf(current), ...patch });
      const errors = merged.success
        ? pastDateErrors({ date: merged.data.date }, s.today, { date: current.date })
        : issuesToFields(merged.error.issues);
      // Refused: nothing is written, and the loop stops here.
      if (!merged.success || hasErrors(errors)) {
        refusal = errors;
        return true;
      }
      saved = { doctorName: current.doctorName, date: merged.data.date };
      return store.updateAppointment(s.trx, s.caseId, appointmentId, s.now, merged.data, current.version);
    },
    expected,
  );
  if (refusal || !saved) return refuse(refusal ?? {});
  await afterAppointmentSaved(s, appointmentId, saved.doctorName, saved.date);
  await s.record('doctors.appointment.update', 'doctor_appointment', appointmentId);
  return ok(after);
}

/** Cancels a visit; getting ready for it is no longer to do. */
export async function cancelAppointment(
  s: CaseScope,
  appointmentId: string,
  expected: number | null = null,
): Promise<void> {
  if (expected !== null && (await liveAppointment(s, appointmentId)).version !== expected) throw staleWrite();
  if (!(await store.cancelAppointment(s.trx, s.caseId, appointmentId, s.now, expected ?? undefined))) {
    throw expected === null ? notFound() : staleWrite();
  }
  await completeTasksFor(s.trx, 'doctor_appointment', appointmentId, s.now);
  await s.record('doctors.appointment.cancel', 'doctor_appointment', appointmentId);
}

/** Every visit, most pressing first. */
export async function listAppointments(s: CaseScope): Promise<AppointmentRecord[]> {
  const list = await store.listAppointments(s.trx, s.caseId);
  await s.record('doctors.appointment.list', 'case', s.caseId);
  return sortAppointments(list, s.today);
}

// ---------- the calendar ----------

/** The case's appointments for its calendar file (a CalendarSource, wired in features/index.ts). */
export async function appointmentEvents(db: Queryable, caseId: string): Promise<CalendarEvent[]> {
  const c = await loadCaseContext(db, caseId);
  const titleKey = (mode: string) =>
    mode === 'video'
      ? 'tasks.calendar.appointmentVideo'
      : mode === 'phone'
        ? 'tasks.calendar.appointmentPhone'
        : 'tasks.calendar.appointment';
  return (await store.listAppointments(db, caseId))
    .filter((a) => !a.cancelledAt)
    .map((a) => ({
      kind: 'timed' as const,
      uid: `appointment-${a.id}@second-opinion`,
      title: en(titleKey(a.mode), { doctor: a.doctorName }),
      date: a.date,
      time: a.time,
      minutes: 60,
      location: a.place,
      description: [en('tasks.calendar.appointmentDescription', { name: c.patientName }), a.notes]
        .filter(Boolean)
        .join('\n'),
    }));
}
