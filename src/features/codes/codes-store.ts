import type { Kysely } from 'kysely';
import type { Queryable } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Icd10Row } from './icd10.ts';
import type { Release, ReleaseFormat } from './icd10-releases.ts';

// ICD-10-CM years an operator imported (ADR 0168). Reference data: no person's data, so
// no audit entries.

export interface StoredRelease {
  year: number;
  format: ReleaseFormat;
  fileName: string;
  sha256: string;
  codeCount: number;
  billableCount: number;
  comparedWith: number | null;
  added: number;
  deleted: number;
  changed: number;
  importedAt: string;
}

/** Rows per INSERT: 5 values each, well under both databases' limits on bound values. */
const BATCH = 500;

export async function listReleases(db: Queryable): Promise<StoredRelease[]> {
  const rows = await db.selectFrom('icd10cm_releases').selectAll().orderBy('year').execute();
  return rows.map((r) => ({
    year: Number(r.year),
    format: r.format as ReleaseFormat,
    fileName: r.file_name,
    sha256: r.sha256,
    codeCount: Number(r.code_count),
    billableCount: Number(r.billable_count),
    comparedWith: r.compared_with === null ? null : Number(r.compared_with),
    added: Number(r.added),
    deleted: Number(r.deleted),
    changed: Number(r.changed),
    importedAt: r.imported_at,
  }));
}

/** A stored year's codes, in the file's order. */
export async function loadReleaseRows(db: Queryable, year: number): Promise<Icd10Row[]> {
  const rows = await db
    .selectFrom('icd10cm_codes')
    .select(['code', 'billable', 'description'])
    .where('year', '=', year)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ code: r.code, billable: Number(r.billable) === 1, description: r.description }));
}

export async function loadStoredReleases(db: Queryable): Promise<Release[]> {
  const out: Release[] = [];
  for (const r of await listReleases(db))
    out.push({ year: r.year, format: r.format, rows: await loadReleaseRows(db, r.year) });
  return out;
}

/**
 * Puts a year in the database, replacing that year if it was there, in one transaction:
 * other processes see the old year or the new one, never half of it.
 */
export async function saveRelease(
  db: Kysely<Database>,
  release: Release,
  meta: Omit<StoredRelease, 'year' | 'format' | 'codeCount' | 'billableCount'>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('icd10cm_codes').where('year', '=', release.year).execute();
    await trx.deleteFrom('icd10cm_releases').where('year', '=', release.year).execute();
    await trx
      .insertInto('icd10cm_releases')
      .values({
        year: release.year,
        format: release.format,
        file_name: meta.fileName,
        sha256: meta.sha256,
        code_count: release.rows.length,
        billable_count: release.rows.filter((r) => r.billable).length,
        compared_with: meta.comparedWith,
        added: meta.added,
        deleted: meta.deleted,
        changed: meta.changed,
        imported_at: meta.importedAt,
      })
      .execute();
    for (let i = 0; i < release.rows.length; i += BATCH) {
      const values = release.rows.slice(i, i + BATCH).map((r, k) => ({
        year: release.year,
        seq: i + k,
        code: r.code,
        billable: r.billable ? 1 : 0,
        description: r.description,
      }));
      await trx.insertInto('icd10cm_codes').values(values).execute();
    }
  });
}

/** A short fingerprint of what is stored, read on every refresh check: cheap, one small table. */
export async function releasesFingerprint(db: Queryable): Promise<string> {
  const rows = await db.selectFrom('icd10cm_releases').select(['year', 'sha256']).orderBy('year').execute();
  return rows.map((r) => `${r.year}:${r.sha256}`).join(',');
}
