import { sql } from 'kysely';
import type { Dialect, Queryable } from '../db/database.ts';

/**
 * The database side of the document store: `record_blobs` is the index of what the store
 * holds (storage key, wrapped key, SHA-256 and size of the plaintext). The records feature
 * writes it; the platform reads it here for what must work without the web app and
 * without any feature loaded: the start-up checks and sweeps, `verify`, `backup` and
 * `restore` (ADR 0010). Only ids, keys, hashes and sizes are read, never a title or a name.
 */
export interface BlobRow {
  id: string;
  storage_key: string;
  wrapped_key: string;
  sha256: string;
  size_bytes: number;
}

export async function countBlobRows(db: Queryable): Promise<number> {
  const r = await db
    .selectFrom('record_blobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Like countBlobRows, but 0 when the table does not exist yet (a new, empty database before
 * its first migration), so the start-up checks can look before anything is created.
 */
export async function countBlobRowsIfAny(db: Queryable, dialect: Dialect): Promise<number> {
  if (!(await tableExists(db, dialect, 'record_blobs'))) return 0;
  return countBlobRows(db);
}

/** A few stored blobs, oldest first: enough to tell whether a key or a folder fits this database. */
export async function sampleBlobRows(db: Queryable, dialect: Dialect, limit: number): Promise<BlobRow[]> {
  if (!(await tableExists(db, dialect, 'record_blobs'))) return [];
  return (
    await db
      .selectFrom('record_blobs')
      .select(['id', 'storage_key', 'wrapped_key', 'sha256', 'size_bytes'])
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute()
  ).map(toRow);
}

/** Which of these storage keys the database knows. */
export async function knownStorageKeys(db: Queryable, keys: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('record_blobs')
      .select('storage_key')
      .where('storage_key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.storage_key);
  }
  return out;
}

/** Every blob row, in pages by id, so memory stays flat however many documents there are. */
export async function* allBlobRows(db: Queryable, pageSize = 500): AsyncGenerator<BlobRow[]> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('record_blobs')
      .select(['id', 'storage_key', 'wrapped_key', 'sha256', 'size_bytes'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    yield rows.map(toRow);
    after = rows[rows.length - 1]!.id;
  }
}

/** Blob rows that no document points at (should not happen: both are written in one transaction). */
export async function blobRowsWithoutDocument(db: Queryable): Promise<string[]> {
  const rows = await db
    .selectFrom('record_blobs as b')
    .leftJoin('documents as d', 'd.blob_id', 'b.id')
    .select('b.id')
    .where('d.id', 'is', null)
    .orderBy('b.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Documents whose blob row is gone (the foreign key forbids it; checked anyway). */
export async function documentsWithoutBlobRow(db: Queryable): Promise<string[]> {
  const rows = await db
    .selectFrom('documents as d')
    .leftJoin('record_blobs as b', 'b.id', 'd.blob_id')
    .select('d.id')
    .where('b.id', 'is', null)
    .orderBy('d.id')
    .execute();
  return rows.map((r) => r.id);
}

/** The documents that use a blob, for a report that points at something a person can find. */
export async function documentIdsForBlobs(db: Queryable, blobIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < blobIds.length; i += 500) {
    const rows = await db
      .selectFrom('documents')
      .select(['id', 'blob_id'])
      .where('blob_id', 'in', blobIds.slice(i, i + 500))
      .orderBy('id')
      .execute();
    for (const r of rows) out.set(r.blob_id, [...(out.get(r.blob_id) ?? []), r.id]);
  }
  return out;
}

export async function tableExists(db: Queryable, dialect: Dialect, table: string): Promise<boolean> {
  const r =
    dialect === 'sqlite'
      ? await sql<{
          n: number;
        }>`select count(*) as n from sqlite_master where type = 'table' and name = ${table}`.execute(db)
      : await sql<{
          n: number;
        }>`select count(*) as n from information_schema.tables where table_name = ${table} and table_schema = current_schema()`.execute(
          db,
        );
  return Number(r.rows[0]?.n ?? 0) > 0;
}

function toRow(r: {
  id: string;
  storage_key: string;
  wrapped_key: string;
  sha256: string;
  size_bytes: number | string | bigint;
}): BlobRow {
  return {
    id: r.id,
    storage_key: r.storage_key,
    wrapped_key: r.wrapped_key,
    sha256: r.sha256,
    size_bytes: Number(r.size_bytes),
  };
}
