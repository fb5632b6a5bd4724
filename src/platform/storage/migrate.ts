import type { StorageConfig } from '../config.ts';
import type { Queryable } from '../db/database.ts';
import type { BlobStore } from './blob-store.ts';
import { allBlobRows } from './catalog.ts';
import { createS3BlobStore, StorageUnreachableError } from './s3-store.ts';

/**
 * `second-opinion storage migrate --to s3://...` (ADR 0019): copies every stored document
 * of this installation into an S3-compatible bucket, exactly as stored (still sealed: the
 * bytes never exist in the clear on the way), then opens each copy with its key and checks
 * it against the SHA-256 and size in the database. Re-running is safe: a copy already
 * there is checked, not copied again; a copy that does not match is reported and left
 * alone (nothing is ever overwritten or deleted, on either side).
 */

export interface MigrateReport {
  copied: number;
  alreadyThere: number;
  /** Storage keys whose copy is missing or does not match (ids only: no names, no titles). */
  problems: { storageKey: string; reason: string }[];
}

export class MigrateError extends Error {
  override name = 'MigrateError';
}

export async function migrateStorage(o: {
  db: Queryable;
  source: BlobStore;
  target: Extract<StorageConfig, { kind: 's3' }>;
  installationId: string;
  documentWrapKey: Buffer;
  out: (s: string) => void;
}): Promise<MigrateReport> {
  const target = createS3BlobStore({ settings: o.target, wrapKey: o.documentWrapKey });
  try {
    if (target.location === o.source.location)
      throw new MigrateError(`The documents are already in ${target.location}.`);
    try {
      await target.init();
    } catch (e) {
      if (e instanceof StorageUnreachableError) throw new MigrateError(`Cannot use ${target.location}: ${e.message}.`);
      throw e;
    }
    // The bucket must be new, or this installation's own (a re-run): never mix two installations.
    const marker = await target.readInstallation();
    if (marker && marker !== o.installationId) {
      throw new MigrateError(
        `${target.location} belongs to another installation (${marker}); this one is ${o.installationId}. ` +
          'Choose an empty bucket or folder. Nothing was copied.',
      );
    }
    if (!marker && (await target.hasBlobs())) {
      throw new MigrateError(
        `${target.location} already holds documents of no known installation. ` +
          'Choose an empty bucket or folder. Nothing was copied.',
      );
    }
    // Claimed first, so a run that stops half-way can be re-run: the bucket is ours.
    if (!marker) await target.claimInstallation(o.installationId);
    const report: MigrateReport = { copied: 0, alreadyThere: 0, problems: [] };
    let seen = 0;
    for await (const rows of allBlobRows(o.db)) {
      for (const row of rows) {
        seen++;
        const there = await target.exists(row.storage_key);
        if (!there) {
          if (!(await o.source.exists(row.storage_key))) {
            report.problems.push({ storageKey: row.storage_key, reason: 'missing from the current storage' });
            continue;
          }
          await target.writeSealed(row.storage_key, o.source.readSealed(row.storage_key));
        }
        // Checked by opening it, chunk by chunk, with its own key: the copy is the document.
        let ok: boolean;
        try {
          const d = await target.digest(target.handleFor(row));
          ok = d.sha256 === row.sha256 && d.size === Number(row.size_bytes);
        } catch {
          ok = false;
        }
        const reason = there ? 'the copy already there does not match' : 'the copy does not match';
        if (!ok) report.problems.push({ storageKey: row.storage_key, reason });
        else if (there) report.alreadyThere++;
        else report.copied++;
        if (seen % 100 === 0) o.out(`Working: ${seen} documents checked...`);
      }
    }
    return report;
  } finally {
    await target.close();
  }
}
