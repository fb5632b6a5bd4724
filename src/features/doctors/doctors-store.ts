import { sql } from 'kysely';
import { newId } from '../../platform/auth/tokens.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { DoctorCandidatesTable } from '../../platform/db/schema.ts';
import {
  type AppointmentInput,
  type AppointmentMode,
  type AppointmentRecord,
  type CandidateInput,
  type CandidateRecord,
  type DoctorPath,
  doctorsStepStatus,
  type InNetwork,
  type PathRecord,
} from './doctors.ts';

/** Every change raises a doctor's or an appointment's version by one (ADR 0016). */
const bump = sql<number>`version + 1`;

// ---------- the path and the letter ----------

export async function getPath(db: Queryable, caseId: string): Promise<PathRecord | null> {
  const r = await db.selectFrom('doctor_paths').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  return r
    ? {
        caseId: r.case_id,
        path: r.path as DoctorPath,
        referralLetter: r.referral_letter,
        referralAskedOn: r.referral_asked_on,
      }
    : null;
}

type PathChange = Partial<{ path: DoctorPath; referral_letter: string | null; referral_asked_on: string | null }>;

/** One row per case, made on the first change; the path is "undecided" until chosen. */
export async function savePath(
  db: Queryable,
  c: { caseId: string; patientId: string },
  userId: string,
  now: string,
  change: PathChange,
): Promise<void> {
  await db
    .insertInto('doctor_paths')
    .values({
      case_id: c.caseId,
      patient_id: c.patientId,
      path: change.path ?? 'undecided',
      referral_letter: change.referral_letter ?? null,
      referral_asked_on: change.referral_asked_on ?? null,
      created_by: userId,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('case_id').doUpdateSet({ ...change, updated_at: now }))
    .execute();
}

// ---------- candidates ----------

function toCandidate(r: DoctorCandidatesTable): CandidateRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    name: r.name,
    specialty: r.specialty,
    practice: r.practice,
    phone: r.phone,
    address: r.address,
    inNetwork: r.in_network as InNetwork,
    notes: r.notes,
    npi: r.npi,
    source: r.source,
    createdAt: r.created_at,
    removedAt: r.removed_at,
    version: r.version ?? 1,
  };
}

const candidateColumns = (i: CandidateInput) => ({
  name: i.name,
  specialty: i.specialty ?? null,
  practice: i.practice ?? null,
  phone: i.phone ?? null,
  address: i.address ?? null,
  in_network: i.inNetwork,
  notes: i.notes ?? null,
});

/**
 * Adds a doctor to the case's list. `npi` and `source` are for the directory search of a
 * later step, which saves its finds here too.
 */
export async function insertCandidate(
  db: Queryable,
  c: { caseId: string; patientId: string },
  userId: string,
  now: string,
  input: CandidateInput,
  origin: { source: string; npi?: string | null } = { source: 'manual' },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('doctor_candidates')
    .values({
      id,
      case_id: c.caseId,
      patient_id: c.patientId,
      ...candidateColumns(input),
      npi: origin.npi ?? null,
      source: origin.source,
      created_by: userId,
      created_at: now,
      updated_at: now,
      removed_at: null,
    })
    .execute();
  return id;
}

/** Saves the doctor's details, only if the doctor is still at `version` (false otherwise). */
export async function updateCandidate(
  db: Queryable,
  caseId: string,
  id: string,
  now: string,
  input: CandidateInput,
  version: number,
): Promise<boolean> {
  const r = await db
    .updateTable('doctor_candidates')
    .set({ ...candidateColumns(input), updated_at: now, version: bump })
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Taken off the list, never deleted: appointments and answers may still point to it. With
 * `version`, only if it is still that version.
 */
export async function removeCandidate(
  db: Queryable,
  caseId: string,
  id: string,
  now: string,
  version?: number,
): Promise<boolean> {
  let q = db
    .updateTable('doctor_candidates')
    .set({ removed_at: now, updated_at: now, version: bump })
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null);
  if (version !== undefined) q = q.where('version', '=', version);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A candidate still on the case's list (removed ones and other cases' ones are "not found"). */
export async function getCandidate(db: Queryable, caseId: string, id: string): Promise<CandidateRecord | null> {
  const r = await db
    .selectFrom('doctor_candidates')
    .selectAll()
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return r ? toCandidate(r) : null;
}

export async function listCandidates(db: Queryable, caseId: string): Promise<CandidateRecord[]> {
  const rows = await db
    .selectFrom('doctor_candidates')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toCandidate);
}

// ---------- appointments ----------

const apptBase = (db: Queryable) =>
  db
    .selectFrom('doctor_appointments as a')
    .innerJoin('doctor_candidates as d', 'd.id', 'a.candidate_id')
    .selectAll('a')
    .select('d.name as doctor_name');

type ApptRow = Awaited<ReturnType<ReturnType<typeof apptBase>['executeTakeFirstOrThrow']>>;

function toAppointment(r: ApptRow): AppointmentRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    candidateId: r.candidate_id,
    doctorName: r.doctor_name,
    date: r.starts_on,
    time: r.starts_at,
    mode: r.mode as AppointmentMode,
    place: r.place,
    notes: r.notes,
    cancelledAt: r.cancelled_at,
    createdAt: r.created_at,
    version: r.version ?? 1,
  };
}

const apptColumns = (i: AppointmentInput) => ({
  starts_on: i.date,
  starts_at: i.time,
  mode: i.mode,
  place: i.place ?? null,
  notes: i.notes ?? null,
});

export async function insertAppointment(
  db: Queryable,
  c: { caseId: string; patientId: string },
  candidateId: string,
  userId: string,
  now: string,
  input: AppointmentInput,
): Promise<string> {
  const id = newId();
  await db
    .insertInto('doctor_appointments')
    .values({
      id,
      case_id: c.caseId,
      patient_id: c.patientId,
      candidate_id: candidateId,
      ...apptColumns(input),
      created_by: userId,
      created_at: now,
      updated_at: now,
      cancelled_at: null,
    })
    .execute();
  return id;
}

/** Saves the visit's details, only if it is still at `version` (false otherwise). */
export async function updateAppointment(
  db: Queryable,
  caseId: string,
  id: string,
  now: string,
  input: AppointmentInput,
  version: number,
): Promise<boolean> {
  const r = await db
    .updateTable('doctor_appointments')
    .set({ ...apptColumns(input), updated_at: now, version: bump })
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .where('cancelled_at', 'is', null)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Cancels a visit; with `version`, only if it is still that version. */
export async function cancelAppointment(
  db: Queryable,
  caseId: string,
  id: string,
  now: string,
  version?: number,
): Promise<boolean> {
  let q = db
    .updateTable('doctor_appointments')
    .set({ cancelled_at: now, updated_at: now, version: bump })
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .where('cancelled_at', 'is', null);
  if (version !== undefined) q = q.where('version', '=', version);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function getAppointment(db: Queryable, caseId: string, id: string): Promise<AppointmentRecord | null> {
  const r = await apptBase(db).where('a.id', '=', id).where('a.case_id', '=', caseId).executeTakeFirst();
  return r ? toAppointment(r) : null;
}

export async function listAppointments(db: Queryable, caseId: string): Promise<AppointmentRecord[]> {
  const rows = await apptBase(db)
    .where('a.case_id', '=', caseId)
    .orderBy('a.starts_on')
    .orderBy('a.starts_at')
    .orderBy('a.id')
    .execute();
  return rows.map(toAppointment);
}

/** What the step status needs, in two small queries. */
export async function countForStep(
  db: Queryable,
  caseId: string,
): Promise<{ pathChosen: boolean; candidates: number; activeAppointments: number }> {
  const path = await db.selectFrom('doctor_paths').select('path').where('case_id', '=', caseId).executeTakeFirst();
  const cands = await db
    .selectFrom('doctor_candidates')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  const appts = await db
    .selectFrom('doctor_appointments')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('case_id', '=', caseId)
    .where('cancelled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    pathChosen: !!path && path.path !== 'undecided',
    candidates: Number(cands.n),
    activeAppointments: Number(appts.n),
  };
}

/** The journey step's status for the case page (a StepStatusProvider, wired in features/index.ts). */
export async function doctorsStepStatusFor(
  db: Queryable,
  caseId: string,
): Promise<'not_started' | 'in_progress' | 'done'> {
  return doctorsStepStatus(await countForStep(db, caseId));
}
