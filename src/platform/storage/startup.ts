import crypto from 'node:crypto';
import path from 'node:path';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Dialect, Queryable } from '../db/database.ts';
import {
  deriveKeys,
  keyFingerprint,
  newInstanceKey,
  readInstanceKey,
  sameFingerprint,
  writeInstanceKeyFile,
} from '../keys.ts';
import { unwrapKey } from './blob-crypto.ts';
import { type BlobStore, probeWritable, StorageNotWritableError } from './blob-store.ts';
import { type BlobRow, countBlobRowsIfAny, knownStorageKeys, sampleBlobRows, tableExists } from './catalog.ts';
import { StorageUnreachableError } from './s3-store.ts';

/**
 * The checks every start makes before it serves anyone or touches a document (ADR 0008,
 * 0009, 0011): the folders can be written, the instance key is the one the database was
 * set up with, and the database and the document storage belong to the same installation.
 *
 * Each check first only LOOKS (gatherFacts, then the pure decide* functions), so a refusal
 * leaves everything as it was; only when all agree does openInstance write anything (the
 * migrations, a new key file, the fingerprint, the installation id on both sides).
 */

/** A start that must not go on. The message is for the operator: plain words, what to do. */
export class StartupError extends Error {
  override name = 'StartupError';
}

const SAMPLE = 20;

/** What the database and the storage say about themselves. Gathering it writes nothing. */
export interface InstanceFacts {
  dbInstallationId: string | null;
  dbKeyFingerprint: string | null;
  dbBlobCount: number;
  /** A few blob rows: to test a key without a fingerprint, and whether the folder holds them. */
  sample: BlobRow[];
  storageInstallationId: string | null;
  storageHasBlobs: boolean;
  /** How many of `sample` the storage holds. */
  sampleStored: number;
}

export async function readMeta(db: Queryable, dialect: Dialect): Promise<Map<string, string>> {
  if (!(await tableExists(db, dialect, 'instance_meta'))) return new Map();
  const rows = await db.selectFrom('instance_meta').select(['name', 'value']).execute();
  return new Map(rows.map((r) => [r.name, r.value]));
}

/** Writes a fact once; if another process wrote it first, returns theirs. */
async function claimMeta(db: Queryable, name: string, value: string): Promise<string> {
  await db
    .insertInto('instance_meta')
    .values({ name, value, created_at: systemClock.now().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('instance_meta').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}

export async function gatherFacts(db: Queryable, dialect: Dialect, store: BlobStore): Promise<InstanceFacts> {
  const meta = await readMeta(db, dialect);
  const sample = await sampleBlobRows(db, dialect, SAMPLE);
  const dbBlobCount = await countBlobRowsIfAny(db, dialect);
  try {
    let sampleStored = 0;
    for (const r of sample) if (await store.exists(r.storage_key)) sampleStored++;
    return {
      dbInstallationId: meta.get('installation_id') ?? null,
      dbKeyFingerprint: meta.get('key_fingerprint') ?? null,
      dbBlobCount,
      sample,
      storageInstallationId: await store.readInstallation(),
      storageHasBlobs: await store.hasBlobs(),
      sampleStored,
    };
  } catch (e) {
    // "Cannot look" must stop the start: it must never be taken for "nothing there".
    throw new StartupError(`Second Opinion did not start: it could not read the documents folder ${store.location}: ${(e as Error).message}.
Check that the folder and its installation.json can be read by the user that runs the app. No document was changed.`);
  }
}

export type BindingDecision =
  | { kind: 'ok' }
  /** A new installation: nothing on either side. */
  | { kind: 'new' }
  /** Made before installation ids existed: database and folder hold the same documents. */
  | { kind: 'adopt' }
  /** The database has an id and no documents; the folder is new. */
  | { kind: 'claim_storage' }
  | { kind: 'refuse'; reason: 'different' | 'storage_has_other' | 'database_has_other' | 'unrelated' };

/** Whether this database and this storage belong together. Pure: facts in, decision out. */
export function decideBinding(f: InstanceFacts): BindingDecision {
  const db = f.dbInstallationId;
  const st = f.storageInstallationId;
  if (db && st) return db === st ? { kind: 'ok' } : { kind: 'refuse', reason: 'different' };
  // The folder belongs to an installation, the database to none: the wrong (new) database.
  if (!db && st) return { kind: 'refuse', reason: 'storage_has_other' };
  if (db && !st) {
    // A folder never used, for a database without documents; or the folder of this very
    // database whose first start stopped between the two writes (it holds the database's files).
    if (f.dbBlobCount === 0 && !f.storageHasBlobs) return { kind: 'claim_storage' };
    if (f.dbBlobCount > 0 && f.sampleStored > 0) return { kind: 'claim_storage' };
    return { kind: 'refuse', reason: f.dbBlobCount > 0 ? 'database_has_other' : 'storage_has_other' };
  }
  // Neither has an id: new, or made before ids existed.
  if (f.dbBlobCount === 0 && !f.storageHasBlobs) return { kind: 'new' };
  if (f.dbBlobCount === 0) return { kind: 'refuse', reason: 'storage_has_other' };
  if (!f.storageHasBlobs) return { kind: 'refuse', reason: 'database_has_other' };
  // Both hold documents: they belong together only if the folder holds the database's files.
  return f.sampleStored > 0 ? { kind: 'adopt' } : { kind: 'refuse', reason: 'unrelated' };
}

export type KeyDecision =
  | { kind: 'ok' }
  /** No key anywhere and nothing locked with one: make one. */
  | { kind: 'generate' }
  /** The key fits (or there is nothing to fit yet): record its fingerprint. */
  | { kind: 'record' }
  | { kind: 'refuse'; reason: 'missing' | 'wrong' };

/** Whether this key is the one the database was set up with. */
export function decideKey(f: InstanceFacts, key: Buffer | null): KeyDecision {
  if (!key)
    return f.dbKeyFingerprint || f.dbBlobCount > 0 ? { kind: 'refuse', reason: 'missing' } : { kind: 'generate' };
  if (f.dbKeyFingerprint)
    return sameFingerprint(f.dbKeyFingerprint, keyFingerprint(key))
      ? { kind: 'ok' }
      : { kind: 'refuse', reason: 'wrong' };
  if (f.dbBlobCount === 0) return { kind: 'record' };
  // Made before fingerprints existed: the key is right if it opens a document's own key.
  const wrap = deriveKeys(key).documentWrapKey;
  for (const r of f.sample) {
    try {
      unwrapKey(wrap, r.id, r.wrapped_key);
      return { kind: 'record' };
    } catch {
      // try the next one; a single damaged row must not decide
    }
  }
  return { kind: 'refuse', reason: 'wrong' };
}

/** The database as the operator named it, without a password. */
export function describeDatabase(db: Config['database']): string {
  if (db.kind === 'sqlite') return `the SQLite database ${db.file}`;
  let shown = db.url;
  try {
    const u = new URL(db.url);
    if (u.password) u.password = '***';
    shown = u.toString();
  } catch {
    shown = 'the PostgreSQL database in DATABASE_URL';
  }
  return `the PostgreSQL database ${shown}${db.schema && db.schema !== 'public' ? ` (schema ${db.schema})` : ''}`;
}

const countText = (n: number) => (n === 1 ? '1 document' : `${n} documents`);

function bindingMessage(
  reason: Extract<BindingDecision, { kind: 'refuse' }>['reason'],
  f: InstanceFacts,
  database: string,
  folder: string,
): string {
  const head = 'Second Opinion did not start: the database and the documents folder do not belong together.';
  const both = `  Database:         ${database}\n  Documents folder: ${folder}`;
  const safe = 'No document was changed or removed.';
  switch (reason) {
    case 'different':
      return `${head}\n${both}\nThe database is installation ${f.dbInstallationId}; the folder belongs to installation ${f.storageInstallationId}.\nUse the DATABASE_URL and DATA_DIR that were used together, or restore both from one backup (second-opinion restore). ${safe}`;
    case 'storage_has_other':
      return `${head}\n${both}\nThe folder holds the documents of ${f.storageInstallationId ? `installation ${f.storageInstallationId}` : 'an installation'}, but the database ${f.dbInstallationId ? `belongs to installation ${f.dbInstallationId}` : 'is new or empty'}. This usually means DATABASE_URL points at the wrong database.\nSet DATABASE_URL to the database these documents belong to. To start a new installation instead, give it a new, empty DATA_DIR. ${safe}`;
    case 'database_has_other':
      return `${head}\n${both}\nThe database ${f.dbInstallationId ? `(installation ${f.dbInstallationId}) ` : ''}lists ${countText(f.dbBlobCount)}, but this folder ${f.storageHasBlobs ? 'holds documents of no known installation' : 'holds none of them'}. This usually means DATA_DIR points at the wrong folder.\nSet DATA_DIR to the folder that holds this database's documents, or restore it from a backup. ${safe}`;
    case 'unrelated':
      return `${head}\n${both}\nBoth hold documents, but none of the ${countText(f.sample.length)} checked from the database is in the folder.\nSet DATABASE_URL and DATA_DIR to a database and folder that were used together. ${safe}`;
  }
}

function keyMessage(reason: 'missing' | 'wrong', f: InstanceFacts, database: string, from: string): string {
  if (reason === 'missing') {
    return [
      'Second Opinion did not start: the instance key is missing.',
      `${database} ${f.dbBlobCount > 0 ? `holds ${countText(f.dbBlobCount)} locked with a key` : 'was set up with a key'}, but there is no key at ${from} and INSTANCE_KEY is not set.`,
      'Without that key the documents cannot be opened, so a new key was not made.',
      'Put the key file back from your backup (keys/instance.key in DATA_DIR), or set INSTANCE_KEY to the key. No document was changed.',
    ].join('\n');
  }
  return [
    'Second Opinion did not start: the instance key is not the one this database was set up with.',
    `  Key from: ${from}`,
    `  Database: ${database}`,
    'With this key no stored document could be opened, and new ones would be locked with a different key.',
    'Use the key from the backup of this installation (keys/instance.key), or the right INSTANCE_KEY. No document was changed.',
  ].join('\n');
}

/** The object store cannot be reached or used (S3 driver): the message names the setting. */
export function unreachableMessage(e: StorageUnreachableError, location: string): string {
  return [
    `Second Opinion did not start: it cannot use the document storage ${location}: ${e.message}.`,
    'It must be able to read and write there to keep the documents people upload.',
    'Fix that setting (or the store), then start again. No document was changed.',
  ].join('\n');
}

export function notWritableMessage(e: StorageNotWritableError): string {
  const why =
    e.code === 'EROFS'
      ? 'the disk it is on is mounted read-only'
      : e.code === 'EACCES' || e.code === 'EPERM'
        ? 'the user running the app is not allowed to write there'
        : e.code === 'ENOSPC' || e.code === 'EDQUOT'
          ? 'the disk is full'
          : `the system said ${e.code}`;
  return [
    `Second Opinion did not start: it cannot write to the folder ${e.folder} (${why}).`,
    'It must be able to write there to keep the documents people upload.',
    'Make the folder writable for the user that runs the app, or set DATA_DIR to a folder that is.',
  ].join('\n');
}

/** The data folder (and a SQLite file's folder) can be written: checked before the database opens. */
export async function checkWritable(config: Pick<Config, 'dataDir' | 'database'>): Promise<void> {
  const folders = [config.dataDir];
  if (config.database.kind === 'sqlite' && config.database.file !== ':memory:')
    folders.push(path.dirname(config.database.file));
  for (const folder of new Set(folders)) {
    try {
      await probeWritable(folder);
    } catch (e) {
      if (e instanceof StorageNotWritableError) throw new StartupError(notWritableMessage(e));
      throw e;
    }
  }
}

export interface OpenedInstance {
  instanceKey: Buffer;
  installationId: string;
  store: BlobStore;
}

export interface OpenInstanceOptions {
  config: Config;
  db: Queryable;
  dialect: Dialect;
  /** Makes the document store once the key is known. */
  makeStore: (documentWrapKey: Buffer) => BlobStore;
  /** Brings the database up to date; run only after every check passed. */
  migrate: () => Promise<unknown>;
}

/**
 * Every start goes through here (the app, and commands that open the installation). Throws
 * StartupError with a plain message when something does not fit; otherwise writes what a
 * first start must write and returns the key and the store.
 */
export async function openInstance(o: OpenInstanceOptions): Promise<OpenedInstance> {
  const database = describeDatabase(o.config.database);
  let found;
  try {
    found = readInstanceKey(o.config.dataDir, o.config.instanceKeyBase64);
  } catch (e) {
    throw new StartupError(
      `Second Opinion did not start: the instance key cannot be read. ${(e as Error).message}.\nPut back the key file from your backup, or set INSTANCE_KEY. No document was changed.`,
    );
  }
  // Until the key is settled the store is used only to look (the marker, which files
  // exist): a stand-in wrapping key is never used to write anything.
  const probeStore = o.makeStore(deriveKeys(found.key ?? newInstanceKey()).documentWrapKey);
  try {
    return await openWith(o, probeStore, found, database);
  } catch (e) {
    await probeStore.close();
    throw e;
  }
}

async function openWith(
  o: OpenInstanceOptions,
  probeStore: BlobStore,
  found: ReturnType<typeof readInstanceKey>,
  database: string,
): Promise<OpenedInstance> {
  try {
    await probeStore.init();
  } catch (e) {
    if (e instanceof StorageNotWritableError) throw new StartupError(notWritableMessage(e));
    if (e instanceof StorageUnreachableError) throw new StartupError(unreachableMessage(e, probeStore.location));
    throw e;
  }
  const facts = await gatherFacts(o.db, o.dialect, probeStore);

  const binding = decideBinding(facts);
  if (binding.kind === 'refuse')
    throw new StartupError(bindingMessage(binding.reason, facts, database, probeStore.location));
  const keyDecision = decideKey(facts, found.key);
  if (keyDecision.kind === 'refuse')
    throw new StartupError(keyMessage(keyDecision.reason, facts, database, found.from));

  // Every check passed: now write what a first start (or the first start of this version) needs.
  await o.migrate();
  let instanceKey = found.key;
  if (keyDecision.kind === 'generate') {
    const made = newInstanceKey();
    instanceKey = writeInstanceKeyFile(o.config.dataDir, made);
  }
  const fingerprint = keyFingerprint(instanceKey!);
  if (keyDecision.kind !== 'ok') {
    // Another process starting at the same moment may have recorded its key first.
    const recorded = await claimMeta(o.db, 'key_fingerprint', fingerprint);
    if (!sameFingerprint(recorded, fingerprint))
      throw new StartupError(keyMessage('wrong', facts, database, found.from));
  }
  let store = probeStore;
  if (keyDecision.kind === 'generate') {
    store = o.makeStore(deriveKeys(instanceKey!).documentWrapKey);
    await probeStore.close();
  }

  let installationId: string;
  if (binding.kind === 'ok') {
    installationId = facts.dbInstallationId!;
  } else {
    // The database first: a crash between the two writes leaves a database with an id and a
    // folder without one, which the next start completes ('claim_storage'); the other order
    // would leave a folder with an id and a database without, which looks like a wrong database.
    installationId = await claimMeta(o.db, 'installation_id', facts.dbInstallationId ?? crypto.randomUUID());
    const inStorage = await store.claimInstallation(installationId);
    if (inStorage !== installationId) {
      throw new StartupError(
        bindingMessage(
          'different',
          { ...facts, dbInstallationId: installationId, storageInstallationId: inStorage },
          database,
          store.location,
        ),
      );
    }
  }
  return { instanceKey: instanceKey!, installationId, store };
}

/**
 * The start-up sweeps, run by createServer once the checks have passed: temp files of dead
 * processes are removed (never documents: their keys died with the process) and stored
 * files that no row knows are MOVED to quarantine, never deleted (ADR 0010).
 */
export async function startupSweeps(
  db: Queryable,
  store: BlobStore,
  orphanGraceMs: number,
): Promise<{ tempRemoved: number; quarantined: number }> {
  const tempRemoved = await store.cleanTemp();
  const quarantined = await store.sweepOrphans((keys) => knownStorageKeys(db, keys), orphanGraceMs);
  return { tempRemoved, quarantined };
}
