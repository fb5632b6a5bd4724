import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { z } from 'zod';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { keyFingerprint, newInstanceKey, readInstanceKey, sameFingerprint, writeInstanceKeyFile } from '../keys.ts';
import { openInstanceKey, type SealedKey, sealInstanceKey, WrongPassphraseError } from './backup-key.ts';
import { type BlobStore, createBlobStore, isStorageKey } from './blob-store.ts';
import { createDocumentStore } from './index.ts';
import { describeDatabase } from './startup.ts';

/**
 * `second-opinion backup FILE` and `restore FILE --data-dir DIR` (ADR 0011).
 *
 * A backup is one ZIP archive:
 *   database/second-opinion.db  a consistent SQLite snapshot (the online backup API), or
 *   database/postgres.dump      pg_dump's custom format, taken in an exported snapshot
 *   documents/blobs/<aa>/<id>   every document file the snapshot lists, still encrypted
 *   key/instance.key.enc        only with --include-key: the key, locked with a passphrase
 *   manifest.json               last: what is inside, with the SHA-256 and size of each file
 *
 * Order is what makes it right while the app runs and takes uploads: the database is
 * snapshotted FIRST, then exactly the files that snapshot lists are copied. A file is
 * written whole (and renamed into place) before its row commits, and files are never
 * changed or deleted once a row points at them, so each one is there and complete. Files
 * uploaded after the snapshot are left out, as are their rows.
 */

export class BackupError extends Error {
  override name = 'BackupError';
}

type Print = (s: string) => void;

const FORMAT = 'second-opinion-backup';
const DB_SQLITE = 'database/second-opinion.db';
const DB_POSTGRES = 'database/postgres.dump';
const KEY_ENTRY = 'key/instance.key.enc';
const MANIFEST = 'manifest.json';
const docEntry = (storageKey: string) => `documents/${storageKey}`;

const manifestSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  installationId: z.string().regex(/^[0-9a-f-]{36}$/),
  keyFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  database: z.object({
    kind: z.enum(['sqlite', 'postgres']),
    path: z.enum([DB_SQLITE, DB_POSTGRES]),
    schema: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional(),
  }),
  documents: z.number().int().min(0),
  key: z.boolean(),
  files: z.array(
    z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().min(0) }),
  ),
});
export type Manifest = z.infer<typeof manifestSchema>;
type ManifestFile = Manifest['files'][number];

/** The only paths an archive may hold: anything else (../, absolute, unknown) is refused. */
function allowedPath(p: string, m: Pick<Manifest, 'database' | 'key'>): boolean {
  if (p === m.database.path) return true;
  if (p === KEY_ENTRY) return m.key;
  return p.startsWith('documents/') && isStorageKey(p.slice('documents/'.length));
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

// ---------- tools ----------

/** The URL without its password, and the password in the environment, so it never shows in a process list. */
function pgToolTarget(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = '';
  }
  return { url: u.toString(), env };
}

function runTool(cmd: string, args: string[], env: NodeJS.ProcessEnv, missing: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new BackupError(missing) : e));
    child.once('close', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new BackupError(`${cmd} stopped with an error: ${stderr.trim() || `exit code ${code}`}`)),
    );
  });
}

const PG_DUMP_MISSING = [
  'The backup was not made: pg_dump is not installed on this computer (it is not on PATH).',
  'For PostgreSQL the backup command needs the PostgreSQL client tools, the same major version as the server or newer',
  '(for example: apt-get install postgresql-client). Install them and run the backup again.',
  "Until then, back up the database with your usual PostgreSQL backups (pg_dump, or your provider's snapshots) and, AFTER",
  'that has finished, copy DATA_DIR/documents; keep the instance key (DATA_DIR/keys/instance.key or INSTANCE_KEY) apart from both.',
].join('\n');

const PG_RESTORE_MISSING =
  'Nothing was restored: pg_restore is not installed on this computer (it is not on PATH). Install the PostgreSQL client tools (for example: apt-get install postgresql-client) and run the restore again.';

// ---------- snapshot ----------

interface Snapshot {
  /** The database file to archive (a SQLite file or a pg_dump file). */
  file: string;
  kind: 'sqlite' | 'postgres';
  schema?: string;
  installationId: string;
  keyFingerprint: string;
  storageKeys: string[];
}

function metaFrom(rows: { name: string; value: string }[]): { installationId: string; keyFingerprint: string } {
  const m = new Map(rows.map((r) => [r.name, r.value]));
  const installationId = m.get('installation_id');
  const fingerprint = m.get('key_fingerprint');
  if (!installationId || !fingerprint)
    throw new BackupError(
      'The backup was not made: this installation has not been started by this version yet. Start the app once, then run the backup again.',
    );
  return { installationId, keyFingerprint: fingerprint };
}

async function sqliteSnapshot(file: string, workDir: string): Promise<Snapshot> {
  if (!fs.existsSync(file))
    throw new BackupError(
      `The backup was not made: there is no database at ${file}. Is DATA_DIR (or DATABASE_URL) set as it is for the app?`,
    );
  const target = path.join(workDir, 'second-opinion.db');
  const source = new SQLite(file, { fileMustExist: true });
  try {
    // SQLite's online backup copies a consistent state while the app goes on writing (it
    // starts over if a write lands mid-copy; big steps keep that rare).
    await source.backup(target, { progress: () => 4096 });
  } finally {
    source.close();
  }
  const snap = new SQLite(target);
  try {
    // One self-contained file: no -wal beside it.
    snap.pragma('journal_mode = DELETE');
    const tables = new Set(
      (snap.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    if (!tables.has('instance_meta') || !tables.has('record_blobs')) metaFrom([]);
    const meta = metaFrom(
      snap.prepare('select name, value from instance_meta').all() as { name: string; value: string }[],
    );
    const storageKeys = (
      snap.prepare('select storage_key from record_blobs order by storage_key').all() as { storage_key: string }[]
    ).map((r) => r.storage_key);
    return { file: target, kind: 'sqlite', ...meta, storageKeys };
  } finally {
    snap.close();
  }
}

async function postgresSnapshot(url: string, schema: string, workDir: string): Promise<Snapshot> {
  const target = path.join(workDir, 'postgres.dump');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One snapshot for both: the rows read here and pg_dump's copy see the same moment.
    await client.query('begin isolation level repeatable read read only');
    await client.query(`set local search_path to ${client.escapeIdentifier(schema)}`);
    const snapshotId = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]!.s;
    const has = async (t: string) =>
      (
        await client.query('select 1 from information_schema.tables where table_schema = $1 and table_name = $2', [
          schema,
          t,
        ])
      ).rowCount! > 0;
    if (!(await has('instance_meta')) || !(await has('record_blobs'))) metaFrom([]);
    const meta = metaFrom(
      (await client.query<{ name: string; value: string }>('select name, value from instance_meta')).rows,
    );
    const storageKeys = (
      await client.query<{ storage_key: string }>('select storage_key from record_blobs order by storage_key')
    ).rows.map((r) => r.storage_key);
    const tool = pgToolTarget(url);
    await runTool(
      'pg_dump',
      [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        `--schema="${schema}"`,
        `--snapshot=${snapshotId}`,
        `--file=${target}`,
        `--dbname=${tool.url}`,
      ],
      tool.env,
      PG_DUMP_MISSING,
    );
    await client.query('commit');
    return { file: target, kind: 'postgres', schema, ...meta, storageKeys };
  } finally {
    await client.end();
  }
}

// ---------- backup ----------

export interface BackupOptions {
  config: Config;
  file: string;
  includeKey: boolean;
  /** Asked only with includeKey. */
  passphrase: () => Promise<string>;
  out: Print;
}

export interface BackupSummary {
  file: string;
  documents: number;
  bytes: number;
  manifest: Manifest;
}

/** Writes the archive to FILE (never over an existing file). Throws BackupError with a plain message. */
export async function createBackup(o: BackupOptions): Promise<BackupSummary> {
  const file = path.resolve(o.file);
  if (fs.existsSync(file))
    throw new BackupError(
      `The backup was not made: ${file} already exists. Choose a new file name, so no earlier backup is overwritten.`,
    );
  const partial = `${file}.partial-${process.pid}`;
  const workDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'so-backup-'));
  let store: BlobStore | undefined;
  try {
    // 1. The database first.
    const db = o.config.database;
    o.out(`Taking a snapshot of ${describeDatabase(db)} ...`);
    const snap =
      db.kind === 'sqlite'
        ? await sqliteSnapshot(db.file, workDir)
        : await postgresSnapshot(db.url, db.schema ?? 'public', workDir);

    // 2. The key, if asked for: it must be this database's key.
    let sealed: SealedKey | null = null;
    if (o.includeKey) {
      const found = readInstanceKey(o.config.dataDir, o.config.instanceKeyBase64);
      if (!found.key)
        throw new BackupError(
          `The backup was not made: --include-key was given, but there is no instance key at ${found.from}.`,
        );
      if (!sameFingerprint(keyFingerprint(found.key), snap.keyFingerprint))
        throw new BackupError(`The backup was not made: the instance key at ${found.from} is not this database's key.`);
      sealed = await sealInstanceKey(found.key, await o.passphrase(), snap.installationId);
    }

    // 3. Exactly the files the snapshot lists, from wherever they are stored (DATA_DIR or a
    // bucket: ADR 0019). The sealed files need no key to be copied.
    const docs = createDocumentStore(o.config, newInstanceKey());
    store = docs;
    const missing: string[] = [];
    for (const k of snap.storageKeys) if (!(await docs.exists(k))) missing.push(k);
    if (missing.length) {
      throw new BackupError(
        `The backup was not made: ${missing.length === 1 ? '1 document file the database lists is' : `${missing.length} document files the database lists are`} missing from ${docs.location} (for example ${missing[0]}). Run "second-opinion verify" to see which documents are affected.`,
      );
    }

    const files: ManifestFile[] = [];
    let bytes = 0;
    const zip = new yazl.ZipFile();
    const hashing = (entry: string, source: Readable): Readable => {
      const hash = crypto.createHash('sha256');
      let size = 0;
      const t = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          hash.update(chunk);
          size += chunk.length;
          cb(null, chunk);
        },
        flush(cb) {
          files.push({ path: entry, sha256: hash.digest('hex'), size });
          bytes += size;
          cb();
        },
      });
      // yazl does not listen for errors on the streams it is given: a file that cannot be
      // read fails the whole archive (never a backup with a hole in it).
      source.once('error', (e) => t.destroy(e));
      t.once('error', (e) => zip.emit('error', e));
      return source.pipe(t);
    };

    const mtime = systemClock.now();
    const output = fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 });
    const written = pipeline(zip.outputStream as NodeJS.ReadableStream as Readable, output);
    const failed = new Promise<never>((_, reject) =>
      zip.once('error', (e: Error) => {
        output.destroy();
        reject(e);
      }),
    );
    failed.catch(() => {});
    written.catch(() => {});

    zip.addReadStreamLazy(
      snap.kind === 'sqlite' ? DB_SQLITE : DB_POSTGRES,
      { mtime, compress: snap.kind === 'sqlite' },
      (cb) => cb(null, hashing(snap.kind === 'sqlite' ? DB_SQLITE : DB_POSTGRES, fs.createReadStream(snap.file))),
    );
    // Lazy: each file is opened only when it is its turn, so one is open at a time. Stored,
    // not deflated: encrypted bytes do not compress.
    for (const k of snap.storageKeys)
      zip.addReadStreamLazy(docEntry(k), { mtime, compress: false }, (cb) =>
        cb(null, hashing(docEntry(k), docs.readSealed(k))),
      );
    if (sealed) {
      const body = Buffer.from(`${JSON.stringify(sealed, null, 2)}\n`);
      zip.addReadStreamLazy(KEY_ENTRY, { mtime }, (cb) => cb(null, hashing(KEY_ENTRY, Readable.from([body]))));
    }
    let manifest: Manifest | null = null;
    // Last, and lazy: by its turn every entry above has been read and hashed.
    zip.addReadStreamLazy(MANIFEST, { mtime }, (cb) => {
      manifest = {
        format: FORMAT,
        version: 1,
        createdAt: mtime.toISOString(),
        installationId: snap.installationId,
        keyFingerprint: snap.keyFingerprint,
        database: {
          kind: snap.kind,
          path: snap.kind === 'sqlite' ? DB_SQLITE : DB_POSTGRES,
          ...(snap.schema ? { schema: snap.schema } : {}),
        },
        documents: snap.storageKeys.length,
        key: sealed !== null,
        files,
      };
      cb(null, Readable.from([Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)]));
    });
    zip.end();
    await Promise.race([written, failed]);

    // Durable before it is given its name: a crash leaves a .partial file, never a short backup.
    const fh = await fsp.open(partial, 'r');
    await fh.sync();
    await fh.close();
    await fsp.link(partial, file);
    await fsp.rm(partial, { force: true });
    const dir = await fsp.open(path.dirname(file), 'r');
    await dir.sync().catch(() => {});
    await dir.close();
    return { file, documents: snap.storageKeys.length, bytes, manifest: manifest! };
  } catch (e) {
    await fsp.rm(partial, { force: true });
    throw e;
  } finally {
    await store?.close();
    await fsp.rm(workDir, { recursive: true, force: true });
  }
}

// ---------- restore ----------

export interface RestoreOptions {
  config: Config;
  file: string;
  dataDir: string;
  /** Asked only when the backup holds the key. */
  passphrase: () => Promise<string>;
  out: Print;
}

export interface RestoreSummary {
  dataDir: string;
  /** The config the restored installation runs with (DATA_DIR, the database, the key if it was not restored). */
  config: Config;
  manifest: Manifest;
  keyRestored: boolean;
}

async function readEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      if (entries.has(e.fileName))
        return reject(new BackupError(`The backup is damaged: ${e.fileName} is in it twice. Nothing was restored.`));
      entries.set(e.fileName, e);
      zip.readEntry();
    });
    zip.once('end', () => resolve());
    zip.once('error', reject);
    zip.readEntry();
  });
  return entries;
}

async function readSmall(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number): Promise<Buffer> {
  if (entry.uncompressedSize > limit)
    throw new BackupError(
      `The backup is damaged: ${entry.fileName} is far larger than it can be. Nothing was restored.`,
    );
  const parts: Buffer[] = [];
  for await (const p of await zip.openReadStreamPromise(entry)) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

/** Streams an entry to a new file, hashing on the way; the file appears only when complete. */
async function extractTo(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  target: string,
): Promise<{ sha256: string; size: number }> {
  const tmp = `${target}.part`;
  const hash = crypto.createHash('sha256');
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  await pipeline(
    await zip.openReadStreamPromise(entry),
    count,
    fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }),
  );
  const fh = await fsp.open(tmp, 'r');
  await fh.sync();
  await fh.close();
  await fsp.rename(tmp, target);
  return { sha256: hash.digest('hex'), size };
}

function damaged(p: string): BackupError {
  return new BackupError(
    `The backup is damaged: ${p} does not match the SHA-256 recorded for it. Nothing was restored, and the folder was emptied again. Use another backup.`,
  );
}

/** Restores into a new or empty folder; every file is checked against the manifest as it is written. */
export async function restoreBackup(o: RestoreOptions): Promise<RestoreSummary> {
  const dataDir = path.resolve(o.dataDir);
  const existed = fs.existsSync(dataDir);
  if (existed && fs.readdirSync(dataDir).length > 0) {
    throw new BackupError(
      `Nothing was restored: the folder ${dataDir} is not empty. Restore into a new or empty folder, so nothing already there is overwritten.`,
    );
  }
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path.resolve(o.file), {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: true,
      strictFileNames: true,
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new BackupError(`Nothing was restored: there is no file at ${o.file}.`);
    throw new BackupError(
      `Nothing was restored: ${o.file} is not a Second Opinion backup (it cannot be read as an archive).`,
    );
  }
  let pgTarget: { url: string; schema: string; restored: boolean } | null = null;
  let madeDir = false;
  try {
    const entries = await readEntries(zip);
    const manifestEntry = entries.get(MANIFEST);
    if (!manifestEntry)
      throw new BackupError(`Nothing was restored: ${o.file} is not a Second Opinion backup (it has no manifest).`);
    let manifest: Manifest;
    try {
      manifest = manifestSchema.parse(
        JSON.parse((await readSmall(zip, manifestEntry, 512 * 1024 * 1024)).toString('utf8')),
      );
    } catch (e) {
      if (e instanceof BackupError) throw e;
      throw new BackupError(
        `Nothing was restored: the manifest of ${o.file} cannot be read; this is not a backup this version can restore.`,
      );
    }
    // Every listed file present and allowed, and nothing unlisted.
    const listed = new Map(manifest.files.map((f) => [f.path, f]));
    for (const f of manifest.files) {
      if (!allowedPath(f.path, manifest))
        throw new BackupError(`Nothing was restored: the backup lists a file it may not hold (${f.path}).`);
      if (!entries.has(f.path))
        throw new BackupError(`Nothing was restored: the backup is incomplete (${f.path} is missing).`);
    }
    for (const name of entries.keys()) {
      if (name !== MANIFEST && !listed.has(name))
        throw new BackupError(`Nothing was restored: the backup holds a file its manifest does not list (${name}).`);
    }
    if (!listed.has(manifest.database.path))
      throw new BackupError('Nothing was restored: the backup holds no database.');
    const documentCount = manifest.files.filter((f) => f.path.startsWith('documents/')).length;
    if (documentCount !== manifest.documents)
      throw new BackupError('Nothing was restored: the backup is incomplete (fewer document files than it says).');

    // Where the database goes, checked before anything is written.
    let database: Config['database'];
    if (manifest.database.kind === 'sqlite') {
      database = { kind: 'sqlite', file: path.join(dataDir, 'second-opinion.db') };
    } else {
      if (o.config.database.kind !== 'postgres') {
        throw new BackupError(
          'Nothing was restored: this backup holds a PostgreSQL database. Set DATABASE_URL to a new, empty PostgreSQL database and run the restore again.',
        );
      }
      const schema = manifest.database.schema ?? 'public';
      await runTool('pg_restore', ['--version'], process.env, PG_RESTORE_MISSING);
      const tables = await pgQuery(
        o.config.database.url,
        'select count(*)::int as n from information_schema.tables where table_schema = $1',
        [schema],
      );
      if (Number(tables.rows[0]?.n ?? 0) > 0) {
        throw new BackupError(
          `Nothing was restored: ${describeDatabase({ ...o.config.database, schema })} already holds tables in schema ${schema}. Restore into a new, empty database, so nothing already there is overwritten.`,
        );
      }
      pgTarget = { url: o.config.database.url, schema, restored: false };
      database = { kind: 'postgres', url: o.config.database.url, ...(schema !== 'public' ? { schema } : {}) };
    }

    // The key first: a wrong passphrase stops the restore before any file is written.
    let key: Buffer | null = null;
    if (manifest.key) {
      const sealed = JSON.parse(
        (await readSmall(zip, entries.get(KEY_ENTRY)!, 64 * 1024)).toString('utf8'),
      ) as SealedKey;
      const passphrase = await o.passphrase();
      try {
        key = await openInstanceKey(sealed, passphrase, manifest.installationId);
      } catch (e) {
        if (e instanceof WrongPassphraseError)
          throw new BackupError(
            'Nothing was restored: the passphrase does not open the instance key in this backup. Try again with the passphrase used when the backup was made.',
          );
        throw new BackupError(
          `Nothing was restored: the instance key in this backup cannot be read (${(e as Error).message}).`,
        );
      }
      if (!sameFingerprint(keyFingerprint(key), manifest.keyFingerprint))
        throw new BackupError('Nothing was restored: the instance key in this backup is not the key of its database.');
    }

    await fsp.mkdir(dataDir, { recursive: true, mode: 0o700 });
    madeDir = !existed;
    const total = manifest.files.reduce((a, f) => a + f.size, 0);
    o.out(
      `Restoring ${manifest.documents === 1 ? '1 document file' : `${manifest.documents} document files`} and the database (${mb(total)}) into ${dataDir} ...`,
    );

    // The documents: each checked against the manifest as it is written.
    const store = createBlobStore({ root: path.join(dataDir, 'documents'), wrapKey: newInstanceKey() });
    await store.init();
    for (const f of manifest.files) {
      if (!f.path.startsWith('documents/')) continue;
      const got = await store.writeSealed(
        f.path.slice('documents/'.length),
        await zip.openReadStreamPromise(entries.get(f.path)!),
      );
      if (got.sha256 !== f.sha256 || got.size !== f.size) throw damaged(f.path);
    }

    // The database.
    const dbFile = listed.get(manifest.database.path)!;
    if (manifest.database.kind === 'sqlite') {
      const got = await extractTo(zip, entries.get(dbFile.path)!, path.join(dataDir, 'second-opinion.db'));
      if (got.sha256 !== dbFile.sha256 || got.size !== dbFile.size) throw damaged(dbFile.path);
      const restored = new SQLite(path.join(dataDir, 'second-opinion.db'), { readonly: true });
      try {
        const id = (
          restored.prepare("select value from instance_meta where name = 'installation_id'").get() as
            | { value: string }
            | undefined
        )?.value;
        if (id !== manifest.installationId)
          throw new BackupError(
            'Nothing was restored: the database in this backup does not belong to the installation its manifest names.',
          );
      } finally {
        restored.close();
      }
    } else {
      const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'so-restore-'));
      try {
        const dump = path.join(work, 'postgres.dump');
        const got = await extractTo(zip, entries.get(dbFile.path)!, dump);
        if (got.sha256 !== dbFile.sha256 || got.size !== dbFile.size) throw damaged(dbFile.path);
        await pgRestore(pgTarget!.url, pgTarget!.schema, dump, work);
        pgTarget!.restored = true;
      } finally {
        await fsp.rm(work, { recursive: true, force: true });
      }
    }

    await store.claimInstallation(manifest.installationId);
    if (key) writeInstanceKeyFile(dataDir, key);
    // The documents are restored into DIR/documents, whatever the backed-up installation used;
    // `storage migrate` moves them to a bucket again (ADR 0019).
    const config: Config = {
      ...o.config,
      dataDir,
      database,
      storage: { kind: 'local' },
      instanceKeyBase64: key ? undefined : o.config.instanceKeyBase64,
    };
    return { dataDir, config, manifest, keyRestored: key !== null };
  } catch (e) {
    // Nothing half-restored is left to be mistaken for an installation. (A PostgreSQL
    // restore is one transaction: it is all there or not at all.)
    if (!pgTarget?.restored) {
      if (madeDir) await fsp.rm(dataDir, { recursive: true, force: true });
      else if (fs.existsSync(dataDir))
        for (const n of await fsp.readdir(dataDir))
          await fsp.rm(path.join(dataDir, n), { recursive: true, force: true });
    }
    throw e;
  } finally {
    zip.close();
  }
}

async function pgQuery(url: string, text: string, values: unknown[]): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text, values);
  } finally {
    await c.end();
  }
}

/**
 * pg_restore in one transaction. If the target database already has the (empty) schema,
 * as every database has "public", its CREATE SCHEMA is left out of the list, or the
 * restore would stop on "already exists".
 */
async function pgRestore(url: string, schema: string, dump: string, work: string): Promise<void> {
  const tool = pgToolTarget(url);
  const exists = (await pgQuery(url, 'select 1 from pg_namespace where nspname = $1', [schema])).rowCount! > 0;
  const args = ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${tool.url}`];
  if (exists) {
    const list = await runTool('pg_restore', ['--list', dump], tool.env, PG_RESTORE_MISSING);
    const kept = list
      .split('\n')
      .filter((l) => !/^\d+;\s+\d+\s+\d+\s+(SCHEMA|COMMENT) - /.test(l) || !l.includes(` ${schema} `));
    const listFile = path.join(work, 'restore.list');
    await fsp.writeFile(listFile, kept.join('\n'));
    args.push(`--use-list=${listFile}`);
  }
  await runTool('pg_restore', [...args, dump], tool.env, PG_RESTORE_MISSING);
}
