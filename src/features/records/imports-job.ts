import { sql } from 'kysely';
import { appendAuditEntries } from '../../platform/audit/audit-store.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { type MessageKey, translator } from '../../platform/i18n/i18n.ts';
import { PermanentJobError } from '../../platform/jobs/queue.ts';
import { DEFAULT_LIMITS } from './documents-analyse.ts';
import { getBlobRow, getDocument, insertItems } from './documents-store.ts';
import type { ImportedItem } from './imports.ts';
import { readPortalFileInThread } from './imports-thread.ts';
import { indexSearchRows } from './search-store.ts';

// The `records.import` job (ADR 0023): the items of a stored C-CDA or FHIR file, read in a
// worker thread with bounded memory and added to the patient's record. Safe to run again:
// an item already there (same fact, same patient) is not added twice. An upload route that
// stores the file first calls `enqueueImport` in the same transaction and sends the person
// to /jobs/{id}, which shows the progress and the outcome.

export const IMPORT_JOB = 'records.import';

/** Items saved per transaction (see the handler). */
export const ITEMS_PER_TRANSACTION = 100;

/**
 * One part's transaction. On SQLite its commit does not wait for the disk (synchronous =
 * NORMAL; WAL keeps it safe if the app crashes): an fsync blocks the whole process, and
 * one per part would stall every request on a busy disk. The job's own "done" is committed
 * with a full sync afterwards, which flushes these parts too; if the power fails before
 * that, the job runs again and adds what is missing. The setting goes back to FULL at once.
 */
function inChunkTransaction<T>(deps: Deps, fn: (trx: Tx) => Promise<T>): Promise<T> {
  if (deps.dialect !== 'sqlite') return deps.db.transaction().execute(fn);
  return deps.db.connection().execute(async (conn) => {
    await sql.raw('pragma synchronous = NORMAL').execute(conn);
    try {
      return await conn.transaction().execute(fn);
    } finally {
      await sql.raw('pragma synchronous = FULL').execute(conn);
    }
  });
}

export interface ImportJobPayload {
  documentId: string;
}

export interface ImportJobResult {
  itemsRead: number;
  itemsAdded: number;
  skipped: number;
}

/** Queues the reading of a stored portal file, once per document; returns the job's id. */
export async function enqueueImport(
  deps: Deps,
  db: Queryable,
  documentId: string,
  ownerUserId: string,
): Promise<string> {
  const payload: ImportJobPayload = { documentId };
  const job = await deps.jobs.enqueue(IMPORT_JOB, payload, { key: documentId, ownerUserId, db });
  return job.id;
}

const t = translator('en');

async function readStored(deps: Deps, blob: { id: string; storage_key: string; wrapped_key: string }): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of deps.blobs.createReadStream(deps.blobs.handleFor(blob))) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

export function registerImportJob(deps: Deps): void {
  deps.jobs.register<ImportJobPayload>(
    IMPORT_JOB,
    async ({ documentId }, ctx): Promise<ImportJobResult> => {
      const doc = await getDocument(deps.db, documentId);
      if (!doc || doc.removedAt) throw new PermanentJobError(t('jobs.import.gone'));
      if (doc.detectedType !== 'fhir' && doc.detectedType !== 'ccda')
        throw new PermanentJobError(t('jobs.import.notPortal'));
      // A file that names someone else adds nothing until a person has looked (ADR 0146).
      if (doc.patientCheck?.status === 'mismatch') throw new PermanentJobError(t('records.refusal.patient_mismatch'));
      const limit = DEFAULT_LIMITS.importMaxBytes;
      if (doc.sizeBytes > limit) throw new PermanentJobError(t('jobs.import.tooLarge'));
      const blob = await getBlobRow(deps.db, doc.blobId);
      if (!blob) throw new PermanentJobError(t('jobs.import.gone'));
      const bytes = await readStored(deps, blob);
      const read = await readPortalFileInThread(doc.detectedType, bytes, {
        memoryMb: deps.config.jobs.importMemoryMb,
        onProgress: (done, total) => void ctx.progress(done, total).catch(() => {}),
      });
      if (!read.ok)
        throw new PermanentJobError(t(`records.refusal.${read.reason}` as MessageKey, { limit: '50 MB', entry: '' }));
      const items: ImportedItem[] = read.kind === 'fhir' ? read.items : read.ccda.items;
      const skipped = read.kind === 'fhir' ? read.skipped : read.ccda.skipped;
      // Saved a few hundred items per transaction, not all in one: on SQLite a transaction
      // holds the app's one connection, and 20,000 items in one would keep every other
      // request waiting for seconds. A crash part-way is safe: the job runs again and an
      // item already saved is not added twice. The last part carries the audit entry.
      let added = 0;
      const parts = Math.max(1, Math.ceil(items.length / ITEMS_PER_TRANSACTION));
      for (let p = 0; p < parts; p++) {
        const part = items.slice(p * ITEMS_PER_TRANSACTION, (p + 1) * ITEMS_PER_TRANSACTION);
        added += await inChunkTransaction(deps, async (trx) => {
          const now = deps.clock.now().toISOString();
          const rows = part.length ? await insertItems(trx, now, doc.patientId, doc.id, part) : [];
          await indexSearchRows(trx, deps.dialect, rows);
          if (p === parts - 1) {
            // Done by the app for the person who queued it; counts only.
            const entry = { at: now, actorType: 'system' as const, actorId: null, action: 'document.import' };
            await appendAuditEntries(trx, [
              { ...entry, patientId: doc.patientId, objectType: 'document', objectId: doc.id, ip: null, via: 'job' },
            ]);
          }
          return rows.length;
        });
        await ctx.progress(Math.min(items.length, (p + 1) * ITEMS_PER_TRANSACTION), items.length);
        // Let requests waiting for the connection go first.
        await new Promise((r) => setImmediate(r));
      }
      return { itemsRead: items.length, itemsAdded: added, skipped };
    },
    { maxAttempts: 3 },
  );
}
