import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { FieldErrors } from '../../platform/ui/page-context.ts';
import { staleWrite } from '../../platform/versions.ts';

// What records requests and specimen requests share (ADR 0155): both are letters a patient
// sends and then tracks step by step, one row each, versioned (ADR 0016). The reads by id
// and by case, and the way a tracking step is saved against a version, live here once.

/** The two tables of tracked letters; both have id, case_id, created_at and version. */
export type TrackedTable = 'record_requests' | 'specimen_requests';

/** Every change raises the version by one, in the UPDATE that checks it (ADR 0016). */
export const bump = sql<number>`version + 1`;

/** Reads of one kind of tracked letter, mapped to its domain record. */
export function trackedRows<T extends TrackedTable, R>(table: T, toRecord: (row: Database[T]) => R) {
  // Kysely cannot narrow a generic table name; both tables have the columns read here.
  const from = (db: Queryable) => db.selectFrom(table as TrackedTable);
  return {
    async get(db: Queryable, id: string): Promise<R | null> {
      const r = await from(db).selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toRecord(r as Database[T]) : null;
    },
    async list(db: Queryable, caseId: string): Promise<R[]> {
      const rows = await from(db)
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map((r) => toRecord(r as Database[T]));
    },
    async count(db: Queryable, caseId: string): Promise<number> {
      const r = await from(db)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** The case a letter belongs to, for routes named by the letter's id; null if none. */
    async caseOf(db: Queryable, id: string): Promise<string | null> {
      const r = await from(db).select('case_id').where('id', '=', id).executeTakeFirst();
      return r?.case_id ?? null;
    },
  };
}

/**
 * Changes a letter's row only if it is still the version read, raising it (ADR 0016);
 * false when someone saved first and nothing was written.
 */
export async function updateTracked<T extends TrackedTable>(
  db: Queryable,
  table: T,
  r: { id: string; version: number },
  set: Partial<Database[T]>,
  now: string,
): Promise<boolean> {
  const res = await db
    .updateTable(table as TrackedTable)
    .set({ ...(set as object), updated_at: now, version: bump })
    .where('id', '=', r.id)
    .where('version', '=', r.version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** What saving a tracking step came to. */
export type StepResult<R> =
  | { ok: true; r: R }
  | { ok: false; errors: FieldErrors }
  /** Someone saved a newer version first; nothing was changed. */
  | { ok: false; stale: R };

/**
 * Saves one tracking step against a version (ADR 0016). `write` checks the step's rules on
 * the record it is given and answers the refusal's messages, true when saved, or false when
 * the version moved before its UPDATE. With `expected` (a page's hidden version, an
 * If-Match), an older version is stale: the API throws 412, a page shows both. Without it,
 * the step is checked again on the newest version, so two people marking the same step at
 * once cannot both succeed.
 */
export async function saveStep<R extends { version: number }>(
  read: () => Promise<R>,
  write: (current: R) => Promise<FieldErrors | boolean>,
  expected: number | null,
  onStale: 'answer' | 'throw',
): Promise<StepResult<R>> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await read();
    if (expected !== null && current.version !== expected) {
      if (onStale === 'throw') throw staleWrite();
      return { ok: false, stale: current };
    }
    const done = await write(current);
    if (done === true) return { ok: true, r: await read() };
    if (done !== false) return { ok: false, errors: done };
    if (expected !== null) {
      if (onStale === 'throw') throw staleWrite();
      return { ok: false, stale: await read() };
    }
  }
  throw staleWrite();
}
