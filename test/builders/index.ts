import { createUserWithOwnProfile } from '../../src/features/accounts/accounts-store.ts';
import type { CaseInput } from '../../src/features/cases/cases.ts';
import { insertCase } from '../../src/features/cases/cases-store.ts';
import { insertPatientWithMembership } from '../../src/platform/auth/access-store.ts';
import { createApiToken, createSession } from '../../src/platform/auth/sessions.ts';
import { newId } from '../../src/platform/auth/tokens.ts';
import type { Deps } from '../../src/platform/deps.ts';
import { COOKIE } from '../../src/platform/http/context.ts';
import { Agent } from '../helpers/agent.ts';
import type { TestApp } from '../helpers/test-app.ts';

// Builders make whatever a test needs, creating missing parents, straight through the
// stores: quick, and independent of the pages under test.

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export interface BuiltUser {
  userId: string;
  patientId: string;
  email: string;
  password: string;
  displayName: string;
  sessionToken: string;
  apiToken: string;
  agent: Agent;
}

/**
 * A user with their own profile. `displayName` is also the profile's name; `dateOfBirth`
 * sets the profile's (none by default, as after signing up). Tests that import a portal
 * file give the profile that file's patient (ADR 0146) or confirm the upload.
 */
export async function buildUser(
  t: TestApp,
  overrides: { email?: string; displayName?: string; password?: string; dateOfBirth?: string } = {},
): Promise<BuiltUser> {
  const { deps } = t;
  const email = overrides.email ?? `user-${unique()}@example.com`;
  const password = overrides.password ?? 'correct horse battery staple';
  const displayName = overrides.displayName ?? `Person ${unique()}`;
  const now = deps.clock.now().toISOString();
  const { userId, patientId } = await createUserWithOwnProfile(deps.db, now, {
    email,
    displayName,
    passwordHash: await deps.passwords.hash(password),
  });
  if (overrides.dateOfBirth)
    await deps.db
      .updateTable('patients')
      .set({ date_of_birth: overrides.dateOfBirth })
      .where('id', '=', patientId)
      .execute();
  const { token: sessionToken } = await createSession(deps.db, deps.clock, userId, deps.config.sessionIdleHours);
  const { token: apiToken } = await createApiToken(deps.db, deps.clock, userId, 'test');
  const agent = new Agent(t.app);
  agent.setCookie(COOKIE.session, sessionToken);
  return { userId, patientId, email, password, displayName, sessionToken, apiToken, agent };
}

export async function buildPatient(
  deps: Deps,
  user: { userId: string },
  overrides: Partial<{
    displayName: string;
    dateOfBirth: string | null;
    role: 'helper' | 'advocate';
    relationship: string;
  }> = {},
): Promise<string> {
  const { patientId } = await insertPatientWithMembership(
    deps.db,
    deps.clock.now().toISOString(),
    user.userId,
    {
      displayName: overrides.displayName ?? `Patient ${unique()}`,
      dateOfBirth: overrides.dateOfBirth === undefined ? '1950-04-28' : overrides.dateOfBirth,
      zip: '60614',
      selfUserId: null,
    },
    {
      role: overrides.role ?? 'helper',
      relationship: overrides.relationship ?? 'parent',
      consentMethod: 'signed_authorization',
      consentNote: null,
    },
  );
  return patientId;
}

export async function buildCase(
  deps: Deps,
  user: { userId: string; patientId: string },
  overrides: Partial<CaseInput> = {},
): Promise<string> {
  return insertCase(deps.db, deps.clock.now().toISOString(), user.userId, {
    patientId: overrides.patientId ?? user.patientId,
    title: overrides.title,
    diagnosisStatus: overrides.diagnosisStatus ?? 'diagnosed',
    diagnosis: overrides.diagnosis ?? 'Ductal carcinoma of the left breast',
    symptoms: overrides.symptoms,
    proposedTreatment: overrides.proposedTreatment ?? 'Mastectomy',
    doctorName: overrides.doctorName ?? 'Dr. Ada Lovelace',
    doctorSpecialty: overrides.doctorSpecialty,
    toldOn: overrides.toldOn ?? '2026-11-20',
    urgency: overrides.urgency ?? 'right_away',
  });
}

/** Gives another user a helper membership on a patient (what an invitation will do later). */
export async function addHelper(
  deps: Deps,
  patientId: string,
  helper: { userId: string },
  byUserId: string,
): Promise<string> {
  const id = newId();
  const now = deps.clock.now().toISOString();
  await deps.db
    .insertInto('memberships')
    .values({
      id,
      patient_id: patientId,
      user_id: helper.userId,
      role: 'helper',
      relationship: 'child',
      consent_method: 'present_and_agrees',
      consent_note: null,
      consent_recorded_at: now,
      created_by: byUserId,
      created_at: now,
      removed_at: null,
      removed_by: null,
    })
    .execute();
  return id;
}

export async function removeHelper(deps: Deps, membershipId: string, byUserId: string): Promise<void> {
  await deps.db
    .updateTable('memberships')
    .set({ removed_at: deps.clock.now().toISOString(), removed_by: byUserId })
    .where('id', '=', membershipId)
    .execute();
}
