import { sql } from 'kysely';
import { newId } from '../../platform/auth/tokens.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { CasesTable } from '../../platform/db/schema.ts';
import type { CaseEditInput, CaseInput, CaseRecord, Urgency } from './cases.ts';

type Row = CasesTable & { patient_name: string };

function toRecord(r: Row): CaseRecord {
  return {
    id: r.id,
    patientId: r.patient_id,
    patientName: r.patient_name,
    title: r.title,
    diagnosisStatus: r.diagnosis_status,
    diagnosis: r.diagnosis,
    symptoms: r.symptoms,
    proposedTreatment: r.proposed_treatment,
    doctorName: r.doctor_name,
    doctorSpecialty: r.doctor_specialty,
    toldOn: r.told_on,
    urgency: r.urgency as Urgency,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    archivedAt: r.archived_at,
    version: r.version ?? 1,
  };
}

function columns(input: CaseEditInput) {
  const diagnosed = input.diagnosisStatus === 'diagnosed';
  return {
    title: input.title ?? '',
    diagnosis_status: input.diagnosisStatus,
    // A stale diagnosis must not linger after someone switches to "no diagnosis yet".
    diagnosis: diagnosed ? (input.diagnosis ?? null) : null,
    symptoms: input.symptoms ?? null,
    proposed_treatment: input.proposedTreatment ?? null,
    doctor_name: input.doctorName ?? null,
    doctor_specialty: input.doctorSpecialty ?? null,
    told_on: input.toldOn ?? null,
    urgency: input.urgency,
  };
}

export async function insertCase(db: Queryable, now: string, userId: string, input: CaseInput): Promise<string> {
  const id = newId();
  await db
    .insertInto('cases')
    .values({
      id,
      patient_id: input.patientId,
      ...columns(input),
      status: 'open',
      created_by: userId,
      created_at: now,
      updated_at: now,
      archived_at: null,
    })
    .execute();
  return id;
}

/**
 * Saves the case's fields if it is still at `version` (ADR 0016). False when someone saved
 * a newer version meanwhile: then nothing is written.
 */
export async function updateCase(
  db: Queryable,
  caseId: string,
  now: string,
  input: CaseEditInput,
  version: number,
): Promise<boolean> {
  const r = await db
    .updateTable('cases')
    .set({ ...columns(input), updated_at: now, version: sql<number>`version + 1` })
    .where('id', '=', caseId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Archiving hides a case from the dashboard. Nothing is ever deleted. */
export async function setArchived(db: Queryable, caseId: string, archived: boolean, now: string): Promise<void> {
  await db
    .updateTable('cases')
    .set({ archived_at: archived ? now : null, updated_at: now, version: sql<number>`version + 1` })
    .where('id', '=', caseId)
    .execute();
}

const base = (db: Queryable) =>
  db
    .selectFrom('cases as c')
    .innerJoin('patients as p', 'p.id', 'c.patient_id')
    .selectAll('c')
    .select('p.display_name as patient_name');

export async function getCase(db: Queryable, caseId: string): Promise<CaseRecord> {
  return toRecord(await base(db).where('c.id', '=', caseId).executeTakeFirstOrThrow());
}

/** Cases of every patient the user may act for (one query; membership checked in SQL). */
export async function listCasesForUser(
  db: Queryable,
  userId: string,
  opts: { patientId?: string; archived: boolean },
): Promise<CaseRecord[]> {
  let q = base(db)
    .innerJoin('memberships as m', (j) =>
      j.onRef('m.patient_id', '=', 'c.patient_id').on('m.user_id', '=', userId).on('m.removed_at', 'is', null),
    )
    .where('c.archived_at', opts.archived ? 'is not' : 'is', null)
    .orderBy('c.updated_at', 'desc');
  if (opts.patientId) q = q.where('c.patient_id', '=', opts.patientId);
  return (await q.execute()).map(toRecord);
}
