import { listAuditForPatient } from '../../platform/audit/audit-store.ts';
import { insertPatientWithMembership } from '../../platform/auth/access-store.ts';
import { can } from '../../platform/auth/policy.ts';
import type { PatientScope, UserScope } from '../../platform/http/case-route.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { EditPatientInput, NewPatientInput } from './patients.ts';
import * as store from './patients-store.ts';

// What a person can do with the profiles of the people they help (ADR 0014): each action
// runs in the route's one transaction and audits what it reads or changes.

/** The patients this person may act for; each one listed is an audited look. */
export async function listMyPatients(s: UserScope) {
  const list = await store.listPatientsForUser(s.trx, s.user.userId);
  for (const p of list)
    await s.audit({ action: 'patient.list', patientId: p.id, objectType: 'patient', objectId: p.id });
  return list;
}

/** Adds a profile for someone the person helps, with how that person agreed. */
export async function createPatient(s: UserScope, input: NewPatientInput): Promise<string> {
  const r = await insertPatientWithMembership(
    s.trx,
    s.now,
    s.user.userId,
    {
      displayName: input.displayName,
      dateOfBirth: input.dateOfBirth ?? null,
      zip: input.zip ?? null,
      selfUserId: null,
    },
    {
      role: input.role,
      relationship: input.relationship,
      consentMethod: input.consentMethod,
      consentNote: input.consentNote ?? null,
    },
  );
  await s.audit({ action: 'patient.create', patientId: r.patientId, objectType: 'patient', objectId: r.patientId });
  await s.audit({
    action: 'consent.record',
    patientId: r.patientId,
    objectType: 'membership',
    objectId: r.membershipId,
  });
  return r.patientId;
}

/** The patient as this person sees them: their role, and whether they manage the team. */
export async function viewPatient(s: PatientScope) {
  const patient = await store.getPatient(s.trx, s.patientId);
  const members = await store.listMembers(s.trx, s.patientId);
  const mine = (await store.listPatientsForUser(s.trx, s.user.userId)).find((p) => p.id === s.patientId);
  if (!mine) throw notFound();
  await s.record('patient.view', 'patient', s.patientId);
  return {
    patient,
    members,
    mine,
    canManage: can('manageMembers', s.access.membership, s.access.patient),
    openCases: mine.openCases,
  };
}

export async function profileForEditing(s: PatientScope) {
  const p = await store.getPatient(s.trx, s.patientId);
  await s.record('patient.view', 'patient', s.patientId);
  return p;
}

export async function updateProfile(s: PatientScope, input: EditPatientInput): Promise<void> {
  await store.updatePatient(s.trx, s.patientId, s.now, {
    displayName: input.displayName,
    dateOfBirth: input.dateOfBirth ?? null,
    zip: input.zip ?? null,
  });
  await s.record('patient.update', 'patient', s.patientId);
}

/** Takes someone off the team. Removing yourself would leave the profile with nobody able to manage it. */
export async function removeMember(s: PatientScope, membershipId: string): Promise<void> {
  if (membershipId === s.access.membership.id) throw notFound();
  if (!(await store.removeMember(s.trx, s.patientId, membershipId, s.user.userId, s.now))) throw notFound();
  await s.record('membership.remove', 'membership', membershipId);
}

/**
 * One page of who has seen or changed the patient's information, newest first. The page
 * is read before this visit is recorded, so it shows what came before it.
 */
export async function viewActivity(s: PatientScope, page: { limit: number; before?: number }) {
  const rows = await listAuditForPatient(s.trx, s.patientId, { limit: page.limit + 1, beforeSeq: page.before });
  await s.record('audit.view', 'patient', s.patientId);
  const entries = rows.slice(0, page.limit);
  return { entries, nextBefore: rows.length > page.limit ? entries[entries.length - 1]!.seq : null };
}

/** The profile itself, for headings; reading it is part of the act that shows it. */
export const profileOf = (s: PatientScope) => store.getPatient(s.trx, s.patientId);
