import type { Clock } from '../clock.ts';
import { later } from '../dates.ts';
import type { Queryable } from '../db/database.ts';
import type { Actor } from './actor.ts';
import { newId, newSecret, sha256Hex } from './tokens.ts';

// Sessions and API tokens live in the database, never in process memory, so any number of
// app processes can serve the same person. The cookie or bearer value itself is never
// stored: only its SHA-256, so a copy of the database does not let anyone sign in.

const ABSOLUTE_DAYS = 14;
// Re-writing last_seen on every request would make every page a write; a few minutes'
// precision is plenty for an idle timeout measured in hours.
const TOUCH_AFTER_MS = 5 * 60 * 1000;

export interface ResolvedSession {
  actor: Extract<Actor, { kind: 'user' }>;
  csrfSecret: string;
}

export async function createSession(
  db: Queryable,
  clock: Clock,
  userId: string,
  idleHours: number,
): Promise<{ token: string; csrfSecret: string }> {
  const token = newSecret();
  const now = clock.now();
  const csrfSecret = newSecret();
  await db
    .insertInto('sessions')
    .values({
      id: sha256Hex(token),
      user_id: userId,
      csrf_secret: csrfSecret,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: later(now, idleHours * 3600_000).toISOString(),
      absolute_expires_at: later(now, ABSOLUTE_DAYS * 86400_000).toISOString(),
    })
    .execute();
  return { token, csrfSecret };
}

export async function resolveSession(
  db: Queryable,
  clock: Clock,
  token: string,
  idleHours: number,
): Promise<ResolvedSession | null> {
  const id = sha256Hex(token);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id', 's.csrf_secret', 's.last_seen_at', 's.expires_at', 's.absolute_expires_at'])
    .select(['u.display_name', 'u.email', 'u.time_zone'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const now = clock.now();
  const nowIso = now.toISOString();
  if (row.expires_at <= nowIso || row.absolute_expires_at <= nowIso) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_AFTER_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: nowIso, expires_at: later(now, idleHours * 3600_000).toISOString() })
      .where('id', '=', id)
      .execute();
  }
  return {
    actor: {
      kind: 'user',
      userId: row.user_id,
      displayName: row.display_name,
      email: row.email,
      via: 'session',
      sessionId: id,
      timeZone: row.time_zone,
    },
    csrfSecret: row.csrf_secret,
  };
}

export async function deleteSession(db: Queryable, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Signs the person out everywhere except (optionally) the session they are using. */
export async function deleteOtherSessions(db: Queryable, userId: string, keepSessionId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  await q.execute();
}

export const API_TOKEN_PREFIX = 'so_';

export async function createApiToken(
  db: Queryable,
  clock: Clock,
  userId: string,
  name: string,
): Promise<{ id: string; token: string; createdAt: string }> {
  const token = newSecret(API_TOKEN_PREFIX);
  const id = newId();
  const createdAt = clock.now().toISOString();
  await db
    .insertInto('api_tokens')
    .values({
      id,
      user_id: userId,
      name,
      token_hash: sha256Hex(token),
      created_at: createdAt,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { id, token, createdAt };
}

export async function resolveApiToken(db: Queryable, clock: Clock, token: string): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.user_id', 't.last_used_at', 'u.display_name', 'u.email', 'u.time_zone'])
    .where('t.token_hash', '=', sha256Hex(token))
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const now = clock.now();
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > TOUCH_AFTER_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  const { user_id: userId, display_name: displayName, email, time_zone: timeZone } = row;
  return { kind: 'user', userId, displayName, email, via: 'token', tokenId: row.id, timeZone };
}
