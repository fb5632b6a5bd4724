import { insertPatientWithMembership } from '../../platform/auth/access-store.ts';
import { newId, sha256Hex } from '../../platform/auth/tokens.ts';
import { later } from '../../platform/dates.ts';
import type { Queryable } from '../../platform/db/database.ts';

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const r = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'password_hash'])
    .where('email', '=', email)
    .executeTakeFirst();
  return r && { id: r.id, email: r.email, displayName: r.display_name, passwordHash: r.password_hash };
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const r = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'password_hash'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r && { id: r.id, email: r.email, displayName: r.display_name, passwordHash: r.password_hash };
}

type NewUser = { email: string; displayName: string; passwordHash: string };

/** A new account always comes with the holder's own patient profile, which they own. */
export async function createUserWithOwnProfile(
  db: Queryable,
  now: string,
  input: NewUser,
): Promise<{ userId: string; patientId: string }> {
  const made = await createAccountIfNew(db, now, input);
  if (!made) throw new Error('An account with this email exists already');
  return made;
}

/**
 * Like createUserWithOwnProfile, but null when the email already has an account: the insert
 * then does nothing, so the transaction stays usable (a failed statement would end it on
 * PostgreSQL), even when two sign-ups race.
 */
export async function createAccountIfNew(
  db: Queryable,
  now: string,
  input: NewUser,
): Promise<{ userId: string; patientId: string } | null> {
  const userId = newId();
  const inserted = await db
    .insertInto('users')
    .values({
      id: userId,
      email: input.email,
      display_name: input.displayName,
      password_hash: input.passwordHash,
      locale: 'en',
      created_at: now,
      password_changed_at: now,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  const { patientId } = await insertPatientWithMembership(
    db,
    now,
    userId,
    { displayName: input.displayName, dateOfBirth: null, zip: null, selfUserId: userId },
    { role: 'owner', relationship: 'self', consentMethod: 'self', consentNote: null },
  );
  return { userId, patientId };
}

export async function setPassword(db: Queryable, userId: string, passwordHash: string, now: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: now })
    .where('id', '=', userId)
    .execute();
}

/** The person's own time zone, or null for the server's (ADR 0017). */
export async function getTimeZone(db: Queryable, userId: string): Promise<string | null> {
  const r = await db.selectFrom('users').select('time_zone').where('id', '=', userId).executeTakeFirst();
  return r?.time_zone ?? null;
}

export async function setTimeZone(db: Queryable, userId: string, timeZone: string | null): Promise<void> {
  await db.updateTable('users').set({ time_zone: timeZone }).where('id', '=', userId).execute();
}

// ---- sign-in throttling: kept in the database so every app process sees the same count ----

export const accountKey = (email: string) => sha256Hex(`account:${email}`);

export async function countRecentFailures(db: Queryable, since: string, key: { account: string; ip: string }) {
  const [byAccount, byIp] = await Promise.all([
    db
      .selectFrom('sign_in_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_key', '=', key.account)
      .where('at', '>', since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('sign_in_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', key.ip)
      .where('at', '>', since)
      .executeTakeFirstOrThrow(),
  ]);
  return { account: Number(byAccount.n), ip: Number(byIp.n) };
}

export async function recordFailure(db: Queryable, now: string, key: { account: string; ip: string }): Promise<void> {
  await db
    .insertInto('sign_in_failures')
    .values({ id: newId(), account_key: key.account, ip: key.ip, at: now })
    .execute();
}

export async function clearFailures(db: Queryable, account: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('account_key', '=', account).execute();
}

export async function pruneFailures(db: Queryable, before: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('at', '<', before).execute();
}

// ---- password reset links ----

export async function createPasswordReset(
  db: Queryable,
  userId: string,
  token: string,
  now: Date,
  hours = 1,
): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({
      id: newId(),
      user_id: userId,
      token_hash: sha256Hex(token),
      created_at: now.toISOString(),
      expires_at: later(now, hours * 3600_000).toISOString(),
      used_at: null,
    })
    .execute();
}

export async function findUsableReset(
  db: Queryable,
  token: string,
  now: string,
): Promise<{ id: string; userId: string } | undefined> {
  const r = await db
    .selectFrom('password_resets')
    .select(['id', 'user_id'])
    .where('token_hash', '=', sha256Hex(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return r && { id: r.id, userId: r.user_id };
}

export async function markResetUsed(db: Queryable, id: string, now: string): Promise<boolean> {
  // The used_at condition makes a second, racing use of the same link change nothing.
  const r = await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- API tokens ----

export interface TokenSummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function listTokens(db: Queryable, userId: string): Promise<TokenSummary[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes one of the user's own tokens. False if it is not theirs or already revoked. */
export async function revokeToken(db: Queryable, userId: string, tokenId: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
