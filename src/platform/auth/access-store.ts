import type { Queryable } from '../db/database.ts';
import { notFound } from '../http/errors.ts';
import type { Actor } from './actor.ts';
import { can, type MembershipFacts, type PatientAction, type PatientFacts } from './policy.ts';
import { newId } from './tokens.ts';

export interface PatientAccess {
  patientId: string;
  userId: string;
  membership: MembershipFacts & { id: string };
  patient: PatientFacts;
}

export interface CaseAccess extends PatientAccess {
  caseId: string;
}

async function loadAccess(db: Queryable, userId: string, patientId: string): Promise<PatientAccess | null> {
  const row = await db
    .selectFrom('memberships as m')
    .innerJoin('patients as p', 'p.id', 'm.patient_id')
    .select(['m.id', 'm.role', 'm.removed_at', 'p.created_by', 'p.self_user_id'])
    .where('m.patient_id', '=', patientId)
    .where('m.user_id', '=', userId)
    .where('m.removed_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    patientId,
    userId,
    membership: {
      id: row.id,
      role: row.role,
      removed: row.removed_at !== null,
      createdProfile: row.created_by === userId,
    },
    patient: { hasOwner: row.self_user_id !== null },
  };
}

/**
 * Loads what the policy needs and asks it. Anything short of "yes" — not signed in, no
 * membership, removed, wrong role, unknown id — throws the same 404.
 */
export async function requirePatientAccess(
  db: Queryable,
  actor: Actor,
  patientId: string,
  action: PatientAction,
): Promise<PatientAccess> {
  if (actor.kind !== 'user') throw notFound();
  const access = await loadAccess(db, actor.userId, patientId);
  if (!access || !can(action, access.membership, access.patient)) throw notFound();
  return access;
}

export async function requireCaseAccess(
  db: Queryable,
  actor: Actor,
  caseId: string,
  action: PatientAction,
): Promise<CaseAccess> {
  if (actor.kind !== 'user') throw notFound();
  const c = await db.selectFrom('cases').select(['patient_id']).where('id', '=', caseId).executeTakeFirst();
  if (!c) throw notFound();
  const access = await loadAccess(db, actor.userId, c.patient_id);
  if (!access || !can(action, access.membership, access.patient)) throw notFound();
  return { ...access, caseId };
}

/** Ids of every patient this user may currently act for. */
export async function listAccessiblePatientIds(db: Queryable, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('patient_id')
    .where('user_id', '=', userId)
    .where('removed_at', 'is', null)
    .execute();
  return rows.map((r) => r.patient_id);
}

export interface NewPatient {
  displayName: string;
  dateOfBirth: string | null;
  zip: string | null;
  selfUserId: string | null;
}

export interface NewMembership {
  role: 'owner' | 'helper' | 'advocate';
  relationship: string;
  consentMethod: string;
  consentNote: string | null;
}

/**
 * Creates a patient profile and the creator's membership together: a profile nobody may
 * act for would be unreachable, so the two are never written apart.
 */
export async function insertPatientWithMembership(
  db: Queryable,
  now: string,
  userId: string,
  patient: NewPatient,
  membership: NewMembership,
): Promise<{ patientId: string; membershipId: string }> {
  const patientId = newId();
  const membershipId = newId();
  await db
    .insertInto('patients')
    .values({
      id: patientId,
      display_name: patient.displayName,
      date_of_birth: patient.dateOfBirth,
      zip: patient.zip,
      self_user_id: patient.selfUserId,
      created_by: userId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('memberships')
    .values({
      id: membershipId,
      patient_id: patientId,
      user_id: userId,
      role: membership.role,
      relationship: membership.relationship,
      consent_method: membership.consentMethod,
      consent_note: membership.consentNote,
      consent_recorded_at: now,
      created_by: userId,
      created_at: now,
      removed_at: null,
      removed_by: null,
    })
    .execute();
  return { patientId, membershipId };
}
