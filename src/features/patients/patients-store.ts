import type { Queryable } from '../../platform/db/database.ts';
import type { MembershipRole } from '../../platform/db/schema.ts';

export interface PatientSummary {
  id: string;
  displayName: string;
  dateOfBirth: string | null;
  zip: string | null;
  isSelf: boolean;
  myRole: MembershipRole;
  myRelationship: string;
  openCases: number;
}

/** Every patient this user may act for, their own profile first. */
export async function listPatientsForUser(db: Queryable, userId: string): Promise<PatientSummary[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('patients as p', 'p.id', 'm.patient_id')
    .select([
      'p.id',
      'p.display_name',
      'p.date_of_birth',
      'p.zip',
      'p.self_user_id',
      'm.role',
      'm.relationship',
      (eb) =>
        eb
          .selectFrom('cases as c')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('c.patient_id', '=', 'p.id')
          .where('c.archived_at', 'is', null)
          .as('open_cases'),
    ])
    .where('m.user_id', '=', userId)
    .where('m.removed_at', 'is', null)
    .orderBy('p.display_name')
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      displayName: r.display_name,
      dateOfBirth: r.date_of_birth,
      zip: r.zip,
      isSelf: r.self_user_id === userId,
      myRole: r.role,
      myRelationship: r.relationship,
      openCases: Number(r.open_cases ?? 0),
    }))
    .sort((a, b) => Number(b.isSelf) - Number(a.isSelf));
}

export interface PatientDetail {
  id: string;
  displayName: string;
  dateOfBirth: string | null;
  zip: string | null;
  hasOwnAccount: boolean;
  createdAt: string;
}

export async function getPatient(db: Queryable, patientId: string): Promise<PatientDetail> {
  const r = await db.selectFrom('patients').selectAll().where('id', '=', patientId).executeTakeFirstOrThrow();
  return {
    id: r.id,
    displayName: r.display_name,
    dateOfBirth: r.date_of_birth,
    zip: r.zip,
    hasOwnAccount: r.self_user_id !== null,
    createdAt: r.created_at,
  };
}

export async function updatePatient(
  db: Queryable,
  patientId: string,
  now: string,
  input: { displayName: string; dateOfBirth: string | null; zip: string | null },
): Promise<void> {
  await db
    .updateTable('patients')
    .set({ display_name: input.displayName, date_of_birth: input.dateOfBirth, zip: input.zip, updated_at: now })
    .where('id', '=', patientId)
    .execute();
}

export interface MemberSummary {
  membershipId: string;
  userId: string;
  displayName: string;
  role: MembershipRole;
  relationship: string;
  consentMethod: string;
  consentNote: string | null;
  consentRecordedAt: string;
  removedAt: string | null;
}

export async function listMembers(db: Queryable, patientId: string): Promise<MemberSummary[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select([
      'm.id',
      'm.user_id',
      'u.display_name',
      'm.role',
      'm.relationship',
      'm.consent_method',
      'm.consent_note',
      'm.consent_recorded_at',
      'm.removed_at',
    ])
    .where('m.patient_id', '=', patientId)
    .orderBy('m.created_at')
    .execute();
  return rows.map((r) => ({
    membershipId: r.id,
    userId: r.user_id,
    displayName: r.display_name,
    role: r.role,
    relationship: r.relationship,
    consentMethod: r.consent_method,
    consentNote: r.consent_note,
    consentRecordedAt: r.consent_recorded_at,
    removedAt: r.removed_at,
  }));
}

/** Ends someone's access. The row stays, so the history of who could see what is kept. */
export async function removeMember(
  db: Queryable,
  patientId: string,
  membershipId: string,
  byUserId: string,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('memberships')
    .set({ removed_at: now, removed_by: byUserId })
    .where('id', '=', membershipId)
    .where('patient_id', '=', patientId)
    .where('removed_at', 'is', null)
    .where('role', '!=', 'owner')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
