import type { MessageKey } from '../i18n/i18n.ts';

/**
 * The few ways a request can fail on purpose. Domain code and routes throw these; one
 * error handler turns them into a page or a JSON body, so no route writes error
 * responses by hand.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly fields?: Record<string, MessageKey>,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = () => new AppError(404, 'not_found', 'errors.notFound');
export const unauthorized = () => new AppError(401, 'unauthorized', 'errors.unauthorized');
export const invalid = (fields: Record<string, MessageKey>, messageKey: MessageKey = 'errors.invalid') =>
  new AppError(400, 'invalid', messageKey, fields);
export const csrfFailed = () => new AppError(403, 'csrf', 'errors.csrf');
export const tooManyRequests = (messageKey: MessageKey = 'errors.tooMany') =>
  new AppError(429, 'too_many_requests', messageKey);
export const conflict = (messageKey: MessageKey) => new AppError(409, 'conflict', messageKey);
export const tooLarge = () => new AppError(413, 'too_large', 'errors.tooLarge');

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
export const badRequest = () => new AppError(400, 'bad_request', 'errors.badRequest');

// ---------- errors that come from what was sent, found late (ADR 0012) ----------

// PostgreSQL SQLSTATE classes and codes, and SQLite's extended codes, that only what a
// client sent can cause: data the column cannot hold, or a write that lost a race.
const PG_CANNOT_STORE = /^(22...|54000|54001)$/; // data exception; value too large for an index
const PG_CONFLICT = new Set(['23505', '23P01', '40001', '40P01']);
const SQLITE_CANNOT_STORE = new Set(['SQLITE_TOOBIG', 'SQLITE_MISMATCH', 'SQLITE_RANGE']);
const SQLITE_CONFLICT = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
// Node's multipart reader (busboy) throws plain errors for a body that is not multipart.
const MULTIPART_BROKEN =
  /^(Multipart: Boundary not found|Unexpected end of form|Malformed part header|Malformed urlencoded form)/;

interface ErrorLike {
  name?: string;
  code?: unknown;
  message?: string;
  severity?: unknown;
}

function databaseCode(err: ErrorLike): { db: 'postgres' | 'sqlite'; code: string } | null {
  const code = typeof err.code === 'string' ? err.code : '';
  if (err.name === 'SqliteError' && code.startsWith('SQLITE_')) return { db: 'sqlite', code };
  if (typeof err.severity === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { db: 'postgres', code };
  return null;
}

/**
 * The error a request should get for an unexpected error that its input caused, or null
 * for a real server fault. A constraint that names a missing row answers like an unknown
 * id (404); a missing required value or a check answers 400; two writes racing for one
 * unique row answer 409, so the client can read again and retry.
 */
export function inputFault(err: unknown): AppError | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as ErrorLike;
  if (e.name === 'URIError') return badRequest();
  if (typeof e.message === 'string' && MULTIPART_BROKEN.test(e.message)) return badRequest();
  const db = databaseCode(e);
  if (!db) return null;
  const { code } = db;
  if (db.db === 'postgres') {
    if (PG_CANNOT_STORE.test(code)) return cannotStore();
    if (PG_CONFLICT.has(code)) return conflict('errors.sameTime');
    if (code === '23503') return notFound();
    if (code === '23502' || code === '23514') return invalid({}, 'errors.cannotStore');
    return null;
  }
  if (SQLITE_CANNOT_STORE.has(code)) return cannotStore();
  if (SQLITE_CONFLICT.has(code)) return conflict('errors.sameTime');
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return notFound();
  if (code === 'SQLITE_CONSTRAINT_NOTNULL' || code === 'SQLITE_CONSTRAINT_CHECK') {
    return invalid({}, 'errors.cannotStore');
  }
  return null;
}

const cannotStore = () => new AppError(400, 'invalid', 'errors.cannotStore');

/**
 * What may be logged about an error. Database messages can quote the value that failed
 * ("invalid input syntax for type integer: ..."), so for those only codes and names are
 * kept; our own code's messages name no data.
 */
export function loggableError(err: unknown): Record<string, unknown> {
  if (!err || typeof err !== 'object') return { type: typeof err };
  type DatabaseDetail = { constraint?: unknown; table?: unknown; column?: unknown; routine?: unknown };
  const e = err as ErrorLike & DatabaseDetail & { stack?: string };
  const db = databaseCode(e);
  if (db) {
    const pick = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return {
      type: e.name,
      code: db.code,
      constraint: pick(e.constraint),
      table: pick(e.table),
      column: pick(e.column),
      routine: pick(e.routine),
    };
  }
  // V8's JSON.parse errors quote the text they could not read: keep where, not what.
  if (e.name === 'SyntaxError') return { type: e.name, stack: e.stack?.split('\n').slice(1).join('\n') };
  return { type: e.name, code: e.code, message: e.message, stack: e.stack };
}
