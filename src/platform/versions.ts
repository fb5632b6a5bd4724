import type { FastifyRequest } from 'fastify';
import { AppError } from './http/errors.ts';

// Optimistic concurrency (ADR 0016). Every record a person edits has a version that each
// change raises by one, in the same UPDATE that checks it: `... set version = version + 1
// where id = ? and version = ?`. Two people saving at once cannot both win silently:
// - a page carries the version it showed in a hidden field; a save against an older one
//   shows "someone changed this meanwhile" with both versions, and changes nothing;
// - the API sends the version as an ETag; with If-Match a stale write gets 412; without
//   it, a partial change (PATCH) is merged onto the newest version, never onto an old copy.

/** The ETag of a record version: a strong tag, "3". */
export const etagOf = (version: number): string => `"${version}"`;

/** A write made against an older version than the one saved. */
export const staleWrite = () => new AppError(412, 'stale_write', 'errors.staleWrite');

/**
 * The version an If-Match header asks for: null when there is none or it is `*` (any),
 * a number for one tag ("3" or W/"3"). Anything else cannot match a version: 412.
 */
export function ifMatchVersion(req: FastifyRequest): number | null {
  const h = req.headers['if-match'];
  if (h === undefined) return null;
  const v = (Array.isArray(h) ? h.join(',') : h).trim();
  if (v === '*') return null;
  const m = /^(?:W\/)?"(\d{1,9})"$/.exec(v);
  if (!m) throw staleWrite();
  return Number(m[1]);
}

/** The version a page form carried back in its hidden `version` field, or null if none. */
export function formVersion(values: Record<string, string | undefined>): number | null {
  const v = values.version;
  return v && /^\d{1,9}$/.test(v) ? Number(v) : null;
}

/**
 * Saves a partial change onto the newest version: read, merge, write if still that version,
 * and read again if someone saved in between (PostgreSQL's read-committed rereads the row).
 * `expected`, when given (If-Match), must be the version read first, or the write is stale.
 */
export async function mergeOntoLatest<R extends { version: number }>(
  read: () => Promise<R>,
  write: (current: R) => Promise<boolean>,
  expected: number | null,
): Promise<R> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await read();
    if (expected !== null && current.version !== expected) throw staleWrite();
    if (await write(current)) return read();
    // Someone else's save committed between our read and our write: with If-Match that is
    // a stale write; without, merge again onto what they saved.
    if (expected !== null) throw staleWrite();
  }
  throw staleWrite();
}
