import { sql } from 'kysely';
import { verifyAuditChain } from '../audit/audit-store.ts';
import type { Config } from '../config.ts';
import type { Dialect, Queryable } from '../db/database.ts';
import { deriveKeys, newInstanceKey, readInstanceKey } from '../keys.ts';
import { BlobIntegrityError } from './blob-crypto.ts';
import type { BlobStore, StoredBlob } from './blob-store.ts';
import {
  allBlobRows,
  blobRowsWithoutDocument,
  documentIdsForBlobs,
  documentsWithoutBlobRow,
  knownStorageKeys,
  tableExists,
} from './catalog.ts';
import { decideBinding, decideKey, describeDatabase, gatherFacts } from './startup.ts';

/**
 * `second-opinion verify` (ADR 0010): checks a live installation without changing it:
 * the database's own integrity, that database, storage and key belong together, that every
 * document opens and matches its recorded SHA-256, the audit chain, and rows and files
 * that have lost their other half. Safe while the app runs. With repair, orphaned files
 * go to quarantine and files that have been in quarantine more than a day are removed,
 * after the list of them is printed: the only place the app ever deletes a stored file.
 */

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export type DocumentProblemKind = 'missing' | 'key' | 'damaged' | 'hash' | 'size';

export interface DocumentProblem {
  blobId: string;
  storageKey: string;
  documentIds: string[];
  problem: DocumentProblemKind;
}

export interface VerifyReport {
  database: { ok: boolean; detail: string };
  installation: {
    ok: boolean;
    detail: string;
    canCompare: boolean;
    reason?: 'binding' | 'not_started' | 'key_missing' | 'key_wrong';
  };
  documents: { checked: number; skipped: string | null; problems: DocumentProblem[] };
  audit: { ok: boolean; entries: number; detail: string };
  rows: { blobsWithoutDocument: string[]; documentsWithoutBlob: string[] };
  /** Stored files no row knows: older than the start-up grace (should not stay), and younger (uploads finishing). */
  orphans: { old: StoredBlob[]; young: number } | null;
  quarantine: { files: StoredBlob[]; olderThanDay: StoredBlob[] };
  /** Problems that need a person: exit code 1. */
  problems: number;
}

export interface VerifyDeps {
  config: Config;
  db: Queryable;
  dialect: Dialect;
  /** Makes the document store from the key's document wrapping key. */
  makeStore: (wrapKey: Buffer) => BlobStore;
  now?: () => number;
}

const DOCUMENT_PROBLEM_TEXT: Record<DocumentProblemKind, string> = {
  missing: 'its stored file is missing',
  key: 'its key cannot be opened with this instance key',
  damaged: 'its stored file is damaged (it fails the encryption check)',
  hash: 'it opens, but its content does not match its recorded SHA-256',
  size: 'it opens, but its length is not the recorded one',
};

async function checkDatabase(db: Queryable, dialect: Dialect): Promise<{ ok: boolean; detail: string }> {
  if (dialect === 'sqlite') {
    const rows = (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows;
    const found = rows.map((r) => Object.values(r)[0] as string);
    if (found.length !== 1 || found[0] !== 'ok')
      return { ok: false, detail: `SQLite found damage: ${found.slice(0, 5).join('; ')}` };
    const fk = (await sql`pragma foreign_key_check`.execute(db)).rows;
    if (fk.length)
      return { ok: false, detail: `${fk.length} rows point at rows that do not exist (foreign key check)` };
    return { ok: true, detail: 'no damage found (SQLite integrity and foreign key checks)' };
  }
  // PostgreSQL has no single integrity check. Read every table in full (a damaged page
  // fails the read when data checksums are on), and check every B-tree index with the
  // amcheck extension when the operator has installed it (installing it changes the
  // database, which verify never does).
  const tables = (
    await sql<{
      table_name: string;
    }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
      db,
    )
  ).rows;
  let rowCount = 0;
  for (const t of tables) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(t.table_name)}`.execute(db);
    rowCount += Number(r.rows[0]?.n ?? 0);
  }
  // The extension's functions live in the schema it was created in, which need not be on our search path.
  const amcheck = (
    await sql<{
      schema: string;
    }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'amcheck'`.execute(
      db,
    )
  ).rows[0];
  if (amcheck) {
    const idx = (
      await sql<{
        oid: number;
      }>`select c.oid from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace join pg_am a on a.oid = c.relam
        where n.nspname = current_schema() and a.amname = 'btree' and c.relpersistence != 't'`.execute(db)
    ).rows;
    for (const i of idx) {
      try {
        await sql`select ${sql.id(amcheck.schema)}.bt_index_check(${i.oid}::regclass)`.execute(db);
      } catch (e) {
        return { ok: false, detail: `an index failed its check (amcheck): ${(e as Error).message}` };
      }
    }
    return {
      ok: true,
      detail: `${tables.length} tables (${rowCount} rows) read in full and ${idx.length} indexes checked (amcheck)`,
    };
  }
  return {
    ok: true,
    detail: `${tables.length} tables (${rowCount} rows) read in full; for a deeper index check, install the amcheck extension (CREATE EXTENSION amcheck)`,
  };
}

export async function verifyInstallation(d: VerifyDeps): Promise<{ report: VerifyReport; store: BlobStore }> {
  const now = d.now ?? Date.now;
  const database = await checkDatabase(d.db, d.dialect);
  const found = (() => {
    try {
      return readInstanceKey(d.config.dataDir, d.config.instanceKeyBase64);
    } catch (e) {
      return { key: null, from: (e as Error).message };
    }
  })();
  const store = d.makeStore(deriveKeys(found.key ?? newInstanceKey()).documentWrapKey);
  const facts = await gatherFacts(d.db, d.dialect, store);
  const binding = decideBinding(facts);
  const key = decideKey(facts, found.key);

  let installation: VerifyReport['installation'];
  if (binding.kind === 'refuse') {
    installation = {
      ok: false,
      canCompare: false,
      reason: 'binding',
      detail: `the database and the documents folder do not belong together (database: installation ${facts.dbInstallationId ?? 'none'}; folder: installation ${facts.storageInstallationId ?? 'none'}). Files are not compared, so nothing looks orphaned by mistake.`,
    };
  } else if (binding.kind !== 'ok') {
    installation = {
      ok: false,
      canCompare: binding.kind === 'new',
      reason: 'not_started',
      detail:
        'this installation has not been started by this version yet (no installation id): start the app once, then verify again',
    };
  } else if (key.kind === 'refuse') {
    installation = {
      ok: false,
      canCompare: true,
      reason: key.reason === 'missing' ? 'key_missing' : 'key_wrong',
      detail:
        key.reason === 'missing'
          ? `the instance key is missing (${found.from})`
          : `the instance key (${found.from}) is not the one this database was set up with`,
    };
  } else {
    installation = {
      ok: true,
      canCompare: true,
      detail: `the database and the documents folder belong together (installation ${facts.dbInstallationId}), and the instance key fits`,
    };
  }

  const problems: DocumentProblem[] = [];
  let checked = 0;
  const keyUsable = found.key !== null && (key.kind === 'ok' || key.kind === 'record');
  const hasTables = await tableExists(d.db, d.dialect, 'record_blobs');
  if (hasTables && installation.canCompare) {
    for await (const page of allBlobRows(d.db)) {
      const pageProblems: Omit<DocumentProblem, 'documentIds'>[] = [];
      for (const row of page) {
        checked++;
        const p = (problem: DocumentProblemKind) =>
          pageProblems.push({ blobId: row.id, storageKey: row.storage_key, problem });
        if (!(await store.exists(row.storage_key))) {
          p('missing');
          continue;
        }
        if (!keyUsable) continue;
        let handle;
        try {
          handle = store.handleFor(row);
        } catch {
          p('key');
          continue;
        }
        try {
          const got = await store.digest(handle);
          if (got.sha256 !== row.sha256) p('hash');
          else if (got.size !== row.size_bytes) p('size');
        } catch (e) {
          if (e instanceof BlobIntegrityError) p('damaged');
          else throw e;
        }
      }
      if (pageProblems.length) {
        const ids = await documentIdsForBlobs(
          d.db,
          pageProblems.map((x) => x.blobId),
        );
        for (const x of pageProblems) problems.push({ ...x, documentIds: ids.get(x.blobId) ?? [] });
      }
    }
  }
  const skipped = !hasTables
    ? 'the database has no documents table yet'
    : !installation.canCompare
      ? 'the database and the folder do not belong together'
      : !keyUsable
        ? 'without the right instance key only their presence was checked'
        : null;

  const auditResult = (await tableExists(d.db, d.dialect, 'audit_log'))
    ? await verifyAuditChain(d.db)
    : { ok: true as const, entries: 0 };
  const audit = auditResult.ok
    ? { ok: true, entries: auditResult.entries, detail: `${auditResult.entries} entries, unchanged` }
    : {
        ok: false,
        entries: auditResult.entries,
        detail: `changed: the problem is at entry ${auditResult.at.seq} (${auditResult.at.problem}); the ${auditResult.entries} entries before it are intact`,
      };

  const rows = hasTables
    ? {
        blobsWithoutDocument: await blobRowsWithoutDocument(d.db),
        documentsWithoutBlob: await documentsWithoutBlobRow(d.db),
      }
    : { blobsWithoutDocument: [], documentsWithoutBlob: [] };

  let orphans: VerifyReport['orphans'] = null;
  if (installation.canCompare && hasTables) {
    const old: StoredBlob[] = [];
    let young = 0;
    for await (const batch of store.list()) {
      const known = await knownStorageKeys(
        d.db,
        batch.map((b) => b.storageKey),
      );
      for (const b of batch) {
        if (known.has(b.storageKey)) continue;
        if (now() - b.modifiedAt >= HOUR) old.push(b);
        else young++;
      }
    }
    orphans = { old, young };
  }
  const files = await store.listQuarantine();
  const quarantine = { files, olderThanDay: files.filter((f) => now() - f.modifiedAt >= DAY) };

  const count =
    (database.ok ? 0 : 1) +
    (installation.ok ? 0 : 1) +
    problems.length +
    (audit.ok ? 0 : 1) +
    rows.documentsWithoutBlob.length;
  return {
    report: {
      database,
      installation,
      documents: { checked, skipped, problems },
      audit,
      rows,
      orphans,
      quarantine,
      problems: count,
    },
    store,
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const mb = (n: number) =>
  n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The report in plain words, one line per check (ids only: never a name or a title). */
export function reportText(r: VerifyReport, config: Config, store: BlobStore): string[] {
  const lines = [
    'Second Opinion: checking this installation',
    `  Database:         ${describeDatabase(config.database)}`,
    `  Documents folder: ${store.location}`,
    '',
  ];
  const line = (ok: boolean | 'note', text: string) =>
    lines.push(`${ok === 'note' ? 'NOTE' : ok ? 'OK  ' : 'FAIL'} ${text}`);
  line(r.database.ok, `Database: ${r.database.detail}.`);
  line(r.installation.ok, `Installation: ${r.installation.detail}.`);
  const { checked, skipped, problems } = r.documents;
  if (checked === 0 && !skipped) {
    line(true, 'Documents: none stored yet.');
  } else if (problems.length === 0) {
    line(
      skipped ? 'note' : true,
      `Documents: ${plural(checked, 'stored file', 'stored files')} checked${skipped ? ` (${skipped})` : ', each opens and matches its recorded SHA-256'}.`,
    );
  } else {
    line(false, `Documents: ${problems.length} of ${checked} stored files have a problem:`);
    for (const p of problems.slice(0, 50)) {
      lines.push(
        `       ${p.storageKey} (${p.documentIds.length ? `document ${p.documentIds.join(', ')}` : 'no document'}): ${DOCUMENT_PROBLEM_TEXT[p.problem]}`,
      );
    }
    if (problems.length > 50) lines.push(`       ... and ${problems.length - 50} more`);
    lines.push(
      '       Restore these files from a backup (second-opinion restore into a new folder, then copy them over).',
    );
  }
  line(r.audit.ok, `Audit log: ${r.audit.detail}.`);
  if (r.rows.documentsWithoutBlob.length)
    line(false, `Documents without a stored-file record: ${r.rows.documentsWithoutBlob.join(', ')}.`);
  if (r.rows.blobsWithoutDocument.length)
    line('note', `Stored-file records no document uses: ${r.rows.blobsWithoutDocument.length} (harmless; kept).`);
  if (r.orphans) {
    if (r.orphans.old.length)
      line(
        'note',
        `Stored files no document uses: ${r.orphans.old.length} older than an hour (${mb(r.orphans.old.reduce((a, b) => a + b.size, 0))}). "second-opinion verify --repair" moves them to quarantine.`,
      );
    else
      line(
        true,
        `Stored files no document uses: none older than an hour${r.orphans.young ? ` (${r.orphans.young} newer, probably uploads finishing)` : ''}.`,
      );
  }
  if (r.quarantine.files.length) {
    line(
      'note',
      `Quarantine: ${plural(r.quarantine.files.length, 'file', 'files')}, ${r.quarantine.olderThanDay.length} of them there for more than a day. "second-opinion verify --repair" removes those.`,
    );
  }
  lines.push(
    '',
    r.problems === 0 ? 'Result: no problems found.' : `Result: ${plural(r.problems, 'problem', 'problems')} found.`,
  );
  return lines;
}

/**
 * The repair: orphaned files to quarantine, then files in quarantine for more than a day
 * removed, each listed BEFORE anything is removed. Refused when the database and storage
 * do not belong together or the key is wrong: then every file would look orphaned.
 */
export async function repairInstallation(
  r: VerifyReport,
  d: VerifyDeps,
  store: BlobStore,
  out: (s: string) => void,
): Promise<boolean> {
  if (!r.installation.ok || !r.orphans) {
    out('Repair: nothing was changed, because the installation check failed (see above). Fix that first.');
    return false;
  }
  const now = d.now ?? Date.now;
  if (r.orphans.old.length) {
    out(
      `Repair: moving ${plural(r.orphans.old.length, 'stored file', 'stored files')} no document uses to quarantine:`,
    );
    for (const b of r.orphans.old) {
      // Looked up again: a file that a document took up meanwhile stays where it is.
      if ((await knownStorageKeys(d.db, [b.storageKey])).size) continue;
      await store.quarantine(b.storageKey);
      out(`  ${b.storageKey} (${mb(b.size)})`);
    }
  }
  const remove = (await store.listQuarantine()).filter((f) => now() - f.modifiedAt >= DAY);
  if (remove.length === 0) {
    out('Repair: nothing in quarantine is older than a day, so nothing was removed.');
    return true;
  }
  out(`Repair: removing ${plural(remove.length, 'file', 'files')} that have been in quarantine for more than a day:`);
  for (const f of remove)
    out(
      `  ${f.storageKey} (${mb(f.size)}, in quarantine since ${new Date(f.modifiedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
    );
  for (const f of remove) await store.removeQuarantined(f.storageKey);
  out(`Repair: removed ${plural(remove.length, 'file', 'files')}.`);
  return true;
}
