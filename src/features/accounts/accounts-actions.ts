import { type ActionResult, ok, refuse } from '../../platform/actions.ts';
import type { UserActor } from '../../platform/auth/actor.ts';
import { createApiToken, createSession, deleteOtherSessions, deleteSession } from '../../platform/auth/sessions.ts';
import { newSecret } from '../../platform/auth/tokens.ts';
import { isTimeZone, later, todayFor } from '../../platform/dates.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { notFound } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import type { AccountScope } from './account-route.ts';
import * as store from './accounts-store.ts';

// What a person can do with their account (ADR 0014). Each action runs inside the
// request's one transaction. Password hashing is the exception: it runs before the
// transaction (checkPassword, and the routes hash new passwords), see account-route.ts.

/** A signed-in person's scope: the account routes' scope or caseRoutes' UserScope. */
export type UserAccountScope = AccountScope & { user: UserActor };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The answer of checkPassword, taken into the transaction by signIn and exchangePassword. */
export type PasswordCheck =
  | { verdict: 'locked' }
  | { verdict: 'wrong'; key: { account: string; ip: string } }
  | { verdict: 'right'; key: { account: string; ip: string }; user: store.UserRow };

let dummy: Promise<string> | undefined;
const dummyHash = (deps: Deps) => (dummy ??= deps.passwords.hash(newSecret()));

/**
 * Checks an email and password before the transaction, counting failures per account and
 * per address in the database. An unknown email costs the same hashing time as a wrong
 * password, and gets the same answer. A paused account or address is not checked at all,
 * so even the right password says nothing while it is paused.
 */
export async function checkPassword(deps: Deps, email: string, password: string, ip: string): Promise<PasswordCheck> {
  const { db, clock, config, passwords } = deps;
  const since = later(clock.now(), -config.signInLimits.windowMinutes * MINUTE_MS).toISOString();
  const key = { account: store.accountKey(email), ip };
  const counts = await store.countRecentFailures(db, since, key);
  if (counts.account >= config.signInLimits.perAccount || counts.ip >= config.signInLimits.perIp)
    return { verdict: 'locked' };
  const user = await store.findUserByEmail(db, email);
  let right = false;
  if (user) right = await passwords.verify(user.passwordHash, password);
  else await passwords.verify(await dummyHash(deps), password); // the same time for an unknown email
  return right && user ? { verdict: 'right', key, user } : { verdict: 'wrong', key };
}

type SignInFailure = { ok: false; reason: 'wrong' | 'locked' };

/** Records what checkPassword found: a failure counts, a success clears the account's count. */
async function settleCheck(
  s: AccountScope,
  check: PasswordCheck,
  via: 'session' | 'token',
): Promise<SignInFailure | { ok: true; user: store.UserRow }> {
  if (check.verdict === 'locked') return { ok: false, reason: 'locked' };
  if (check.verdict === 'wrong') {
    await store.recordFailure(s.trx, s.now, check.key);
    // Old rows only slow the count down; drop them now and then.
    if (Math.random() < 0.05) await store.pruneFailures(s.trx, later(new Date(s.now), -DAY_MS).toISOString());
    return { ok: false, reason: 'wrong' };
  }
  await store.clearFailures(s.trx, check.key.account);
  const u = check.user;
  // From here the request acts as this person, so the audit entries name them.
  s.req.actor = { kind: 'user', userId: u.id, displayName: u.displayName, email: u.email, via };
  return { ok: true, user: u };
}

/**
 * A new session for the person. A fresh id at every sign-in, and the session the browser
 * had before (if any) is ended, so a session planted before sign-in is worthless.
 */
async function startSession(s: AccountScope, userId: string, previous: string | undefined): Promise<string> {
  if (previous) await deleteSession(s.trx, previous);
  const { token } = await createSession(s.trx, s.deps.clock, userId, s.deps.config.sessionIdleHours);
  return token;
}

/** Signs in with a password; answers the new session's cookie value. */
export async function signIn(
  s: AccountScope,
  check: PasswordCheck,
): Promise<SignInFailure | { ok: true; sessionToken: string }> {
  const previous = s.req.actor.kind === 'user' ? s.req.actor.sessionId : undefined;
  const r = await settleCheck(s, check, 'session');
  if (!r.ok) return r;
  const sessionToken = await startSession(s, r.user.id, previous);
  await s.audit({ action: 'account.sign_in', patientId: null, objectType: 'user', objectId: r.user.id });
  return { ok: true, sessionToken };
}

/** The API's sign-in: an email and password exchanged for a bearer token. */
export async function exchangePassword(
  s: AccountScope,
  check: PasswordCheck,
  name: string,
): Promise<SignInFailure | { ok: true; id: string; token: string; createdAt: string }> {
  const r = await settleCheck(s, check, 'token');
  if (!r.ok) return r;
  const tok = await createApiToken(s.trx, s.deps.clock, r.user.id, name);
  await s.audit({ action: 'token.create', patientId: null, objectType: 'api_token', objectId: tok.id });
  return { ok: true, ...tok };
}

export interface NewAccount {
  displayName: string;
  email: string;
  /** Hashed before the transaction. */
  passwordHash: string;
}

/**
 * Makes an account with the holder's own patient profile. From a page it also signs the
 * person in (a session); from the API it does not (they ask for a token next).
 */
export async function signUp(
  s: AccountScope,
  input: NewAccount,
  via: 'session' | 'token',
): Promise<ActionResult<{ userId: string; patientId: string; sessionToken: string | null }>> {
  const previous = s.req.actor.kind === 'user' ? s.req.actor.sessionId : undefined;
  const made = await store.createAccountIfNew(s.trx, s.now, input);
  if (!made) return refuse({ email: 'accounts.errors.emailTaken' });
  s.req.actor = { kind: 'user', userId: made.userId, displayName: input.displayName, email: input.email, via };
  await s.audit({ action: 'account.create', patientId: made.patientId, objectType: 'user', objectId: made.userId });
  const sessionToken = via === 'session' ? await startSession(s, made.userId, previous) : null;
  return ok({ ...made, sessionToken });
}

/** Ends this browser's session on the server (a copied cookie stops working too). */
export async function signOut(s: AccountScope): Promise<void> {
  if (s.req.actor.kind === 'user' && s.req.actor.sessionId) await deleteSession(s.trx, s.req.actor.sessionId);
}

/** Makes a one-time link valid for an hour. Used by the CLI and by the email form. */
export const issueResetLink = (deps: Deps, userId: string): Promise<string> => resetLink(deps.db, deps, userId);

async function resetLink(db: Queryable, deps: Pick<Deps, 'clock' | 'config'>, userId: string): Promise<string> {
  const token = newSecret();
  await store.createPasswordReset(db, userId, token, deps.clock.now(), 1);
  return `${deps.config.baseUrl}/reset-password/${token}`;
}

/** The email to send for "I forgot my password", or null when no account has that address. */
export async function requestReset(
  s: AccountScope,
  email: string,
): Promise<{ to: string; subject: string; text: string } | null> {
  const user = await store.findUserByEmail(s.trx, email);
  if (!user) return null;
  const link = await resetLink(s.trx, s.deps, user.id);
  const t = translator('en');
  return { to: user.email, subject: t('mail.reset.subject'), text: t('mail.reset.body', { link }) };
}

/** Whether a reset link can still be used (unknown, used and expired links cannot). */
export async function resetUsable(s: AccountScope, token: string): Promise<boolean> {
  return !!(await store.findUsableReset(s.trx, token, s.now));
}

/**
 * Sets a new password through a reset link (found usable before the transaction). False if
 * the link was used meanwhile. Whoever may have had the old password loses every session.
 */
export async function resetPassword(
  s: AccountScope,
  reset: { id: string; userId: string },
  passwordHash: string,
): Promise<boolean> {
  if (!(await store.markResetUsed(s.trx, reset.id, s.now))) return false;
  await store.setPassword(s.trx, reset.userId, passwordHash, s.now);
  await deleteOtherSessions(s.trx, reset.userId);
  await s.audit({ action: 'account.password_reset', patientId: null, objectType: 'user', objectId: reset.userId });
  return true;
}

/** A new password, the current one checked before the transaction; other devices are signed out. */
export async function changePassword(s: UserAccountScope, passwordHash: string): Promise<void> {
  await store.setPassword(s.trx, s.user.userId, passwordHash, s.now);
  await deleteOtherSessions(s.trx, s.user.userId, s.user.sessionId);
  await s.audit({ action: 'account.password_change', patientId: null, objectType: 'user', objectId: s.user.userId });
}

export const listTokens = (s: UserAccountScope) => store.listTokens(s.trx, s.user.userId);

/** A new API token; its value is answered once and never stored. */
export async function createToken(
  s: UserAccountScope,
  name: string,
): Promise<{ id: string; token: string; createdAt: string }> {
  const tok = await createApiToken(s.trx, s.deps.clock, s.user.userId, name);
  await s.audit({ action: 'token.create', patientId: null, objectType: 'api_token', objectId: tok.id });
  return tok;
}

/** Revokes one of the person's own tokens; anyone else's, or an unknown one, is a 404. */
export async function revokeToken(s: UserAccountScope, tokenId: string): Promise<void> {
  if (!(await store.revokeToken(s.trx, s.user.userId, tokenId, s.now))) throw notFound();
  await s.audit({ action: 'token.revoke', patientId: null, objectType: 'api_token', objectId: tokenId });
}

/** The person's time zone as saved ("" for the server's), for the settings form. */
export const timeZoneOf = async (s: UserAccountScope): Promise<string> =>
  (await store.getTimeZone(s.trx, s.user.userId)) ?? '';

/** Saves the time zone the person's "today" goes by; "" (or null) goes back to the server's. */
export async function setTimeZone(s: UserAccountScope, zone: string | null): Promise<ActionResult<null>> {
  const chosen = zone === '' ? null : zone;
  if (chosen !== null && !isTimeZone(chosen)) return refuse({ timeZone: 'accounts.errors.timeZone' });
  await store.setTimeZone(s.trx, s.user.userId, chosen);
  await s.audit({ action: 'account.time_zone', patientId: null, objectType: 'user', objectId: s.user.userId });
  return ok(null);
}

/** The person's account as the API shows it, with today on their wall clock as saved now. */
export async function accountOf(s: UserAccountScope) {
  const timeZone = await store.getTimeZone(s.trx, s.user.userId);
  const today = todayFor({ kind: 'user', timeZone }, new Date(s.now));
  return { id: s.user.userId, email: s.user.email, displayName: s.user.displayName, timeZone, today };
}
