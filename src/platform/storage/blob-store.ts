import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { systemClock } from '../clock.ts';
import {
  BlobIntegrityError,
  chunkLayout,
  chunkOffset,
  DEFAULT_CHUNK,
  HEADER_BYTES,
  openChunk,
  parseHeader,
  TAG_BYTES,
  unwrapKey,
  wrapKey,
} from './blob-crypto.ts';
import { sealStream, type WriteOptions } from './seal-stream.ts';

export { BlobIntegrityError } from './blob-crypto.ts';
export { BlobWriteError, type BlobWriteFailure, type WriteOptions } from './seal-stream.ts';

/**
 * Encrypted document files on local disk (DATA_DIR/documents). The write path is built so
 * that a crash at any moment leaves either a whole, checked file or nothing anyone can see:
 *
 *   1. plaintext streams in; SHA-256 and size are computed on the way;
 *   2. it is sealed chunk by chunk (blob-crypto.ts) into tmp/<host>.<pid>.<id>.part;
 *   3. the temp file is fsynced and closed;                         -> PendingBlob
 *   4. commit(): renamed into blobs/<aa>/<id> and the folder fsynced;
 *   5. the caller then records it in ONE database transaction.
 *
 * A crash before 4 leaves a .part file, removed at the next start. A crash between 4 and
 * 5 leaves a whole blob that no row points at (its key was never stored, so it cannot
 * even be read); sweepOrphans() MOVES those to quarantine/ after a grace period. Nothing
 * here deletes a whole stored file on its own judgement: a blob that looks orphaned may
 * belong to a database this process was wrongly pointed at (ADR 0010), so only
 * `second-opinion verify --repair` empties the quarantine. Plaintext never touches the disk.
 *
 * The BlobStore interface is what the rest of the app may rely on; this file is its local
 * disk driver. An S3 driver (issue 14) implements the same interface: storage keys become
 * object keys, temp-then-rename becomes a completed multipart upload, the installation
 * marker an object written with If-None-Match, quarantine a prefix.
 */

/** What reading a blob needs: where it is and its unwrapped key. Never logged, never stored. */
export interface BlobHandle {
  path: string;
  key: Buffer;
}

export interface PendingBlob {
  id: string;
  /** Relative path under the store, recorded in the database. */
  storageKey: string;
  sha256: string;
  size: number;
  wrappedKey: string;
  /** The first bytes of the plaintext, for type detection. */
  head: Buffer;
  /** Readable before commit, so the content can be checked before anything is recorded. */
  handle: BlobHandle;
  tmpPath: string;
}

export interface RandomAccess {
  size: number;
  read(start: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

export interface BlobStore {
  readonly root: string;
  init(): Promise<void>;
  write(source: Readable, opts: WriteOptions): Promise<PendingBlob>;
  commit(p: PendingBlob): Promise<void>;
  discard(p: PendingBlob): Promise<void>;
  /** Removes a committed blob that no row will point at (its transaction failed). */
  removeStored(storageKey: string): Promise<void>;
  /** The handle for a stored blob, from its database row. */
  handleFor(row: { id: string; storage_key: string; wrapped_key: string }): BlobHandle;
  /** Plaintext as a stream; every byte is verified before it is released. `end` is inclusive. */
  createReadStream(h: BlobHandle, range?: { start: number; end: number }): Readable;
  openRandomAccess(h: BlobHandle): Promise<RandomAccess>;
  /** Decrypts the whole blob and returns its SHA-256 and size (for checks and recovery tests). */
  digest(h: BlobHandle): Promise<{ sha256: string; size: number }>;
  /**
   * At start: removes temp files left by processes that are gone. Returns how many. (A temp
   * file is never a document: its key lived only in the memory of the process that died.)
   */
  cleanTemp(): Promise<number>;
  /** Moves stored blobs no row knows, older than graceMs, to quarantine. Returns how many. */
  sweepOrphans(known: (storageKeys: string[]) => Promise<Set<string>>, graceMs: number): Promise<number>;

  // ---------- installation, checks, backups (ADR 0008-0011) ----------

  /** Where the store lives, for messages to the operator (a folder; later a bucket URL). */
  readonly location: string;
  /** The installation this storage belongs to, or null if none was ever written. */
  readInstallation(): Promise<string | null>;
  /** Writes the installation id once; if one is there already (another process won), returns that one. */
  claimInstallation(id: string): Promise<string>;
  /** True when at least one document blob is stored (quarantine not counted). */
  hasBlobs(): Promise<boolean>;
  /** Every stored blob (quarantine not included), a batch at a time. */
  list(): AsyncIterable<StoredBlob[]>;
  exists(storageKey: string): Promise<boolean>;
  /** The sealed bytes exactly as stored (for backups: they stay encrypted). */
  readSealed(storageKey: string): Readable;
  /** Stores sealed bytes under a storage key, whole or not at all (for restores). Refuses to overwrite. */
  writeSealed(storageKey: string, source: Readable): Promise<{ sha256: string; size: number }>;
  /** Moves one stored blob to quarantine (it can be moved back by hand). */
  quarantine(storageKey: string): Promise<void>;
  /** What is in quarantine; modifiedAt is when it was put there. */
  listQuarantine(): Promise<StoredBlob[]>;
  /** The one place a whole stored file is ever deleted: `verify --repair`, after it has said so. */
  removeQuarantined(storageKey: string): Promise<void>;
  /** Lets go of connections (the S3 driver's sockets); the local driver has none. */
  close(): Promise<void>;
  /** Throws when the store cannot be used right now (for /health/ready). Cheap: no document is read. */
  ping(): Promise<void>;
}

/** A stored file as the store sees it: no key, no row, just where, how big and how old. */
export interface StoredBlob {
  storageKey: string;
  size: number;
  /** Milliseconds since the epoch. */
  modifiedAt: number;
}

/** The store cannot write where it must (read-only disk, wrong owner, full disk). */
export class StorageNotWritableError extends Error {
  override name = 'StorageNotWritableError';
  constructor(
    readonly folder: string,
    readonly code: string,
  ) {
    super(`cannot write to ${folder} (${code})`);
  }
}

const STORAGE_KEY = /^blobs\/[0-9a-f]{2}\/[0-9a-f-]{36}$/;

/** Storage keys this driver makes: blobs/<aa>/<uuid>. Anything else (a path from an archive) is refused. */
export function isStorageKey(k: string): boolean {
  return STORAGE_KEY.test(k);
}

/**
 * Proves a folder can be written: creates it if needed, then writes, syncs and removes a
 * small file. Permission bits alone do not say (root ignores them; a read-only mount or a
 * full disk only shows on a real write).
 */
export async function probeWritable(dir: string): Promise<void> {
  const probe = path.join(dir, `.write-check.${HOST}.${process.pid}.${crypto.randomUUID()}`);
  try {
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    const fh = await fsp.open(probe, 'wx', 0o600);
    try {
      await fh.writeFile('ok');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rm(probe, { force: true });
  } catch (err) {
    await fsp.rm(probe, { force: true }).catch(() => {});
    throw new StorageNotWritableError(dir, (err as NodeJS.ErrnoException).code ?? 'unknown');
  }
}

const HOST = os.hostname().replace(/[^A-Za-z0-9-]/g, '_');
const DAY = 24 * 60 * 60 * 1000;
const WRITE_BATCH = 1024 * 1024;
/** Below this much free space the store reports itself not ready. */
const MIN_FREE_BYTES = 64 * 1024 * 1024;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Puts a finished temp file at `target` unless something is there already (EEXIST then).
 * A hard link never replaces; where a file system has no hard links, an exclusive copy.
 */
async function placeNoReplace(tmp: string, target: string): Promise<void> {
  try {
    await fsp.link(tmp, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
    await fsp.copyFile(tmp, target, fs.constants.COPYFILE_EXCL);
  }
}

/**
 * A folder's names, or none if the folder is not there. Any other failure (no permission)
 * is thrown: "cannot look" must never be mistaken for "nothing stored".
 */
async function readdirIfThere(dir: string): Promise<string[]> {
  try {
    return await fsp.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR')
      return [];
    throw err;
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const fh = await fsp.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export function createBlobStore(opts: { root: string; wrapKey: Buffer; chunkSize?: number }): BlobStore {
  const root = path.resolve(opts.root);
  const tmpDir = path.join(root, 'tmp');
  const blobDir = path.join(root, 'blobs');
  const quarantineDir = path.join(root, 'quarantine');
  const markerFile = path.join(root, 'installation.json');
  const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK;
  const finalPath = (storageKey: string) => path.join(root, storageKey);

  async function write(source: Readable, o: WriteOptions): Promise<PendingBlob> {
    const id = crypto.randomUUID();
    const tmpPath = path.join(tmpDir, `${HOST}.${process.pid}.${id}.part`);
    const fh = await fsp.open(tmpPath, 'wx', 0o600);
    let done = false;
    try {
      const sealed = await sealStream(source, o, chunkSize, (parts) => fh.writev(parts));
      await fh.sync();
      await fh.close();
      done = true;
      return {
        id,
        storageKey: path.posix.join('blobs', id.slice(0, 2), id),
        sha256: sealed.sha256,
        size: sealed.size,
        wrappedKey: wrapKey(opts.wrapKey, id, sealed.key),
        head: sealed.head,
        handle: { path: tmpPath, key: sealed.key },
        tmpPath,
      };
    } finally {
      if (!done) {
        await fh.close().catch(() => {});
        await fsp.rm(tmpPath, { force: true });
      }
    }
  }

  async function commit(p: PendingBlob): Promise<void> {
    const target = finalPath(p.storageKey);
    const dir = path.dirname(target);
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    await fsp.rename(p.tmpPath, target);
    // The rename itself is only durable once the folder holding the new name is synced.
    await fsyncDir(dir);
    p.handle = { path: target, key: p.handle.key };
  }

  async function discard(p: PendingBlob): Promise<void> {
    await fsp.rm(p.tmpPath, { force: true });
  }

  async function readHeader(
    fh: fsp.FileHandle,
  ): Promise<{ header: Buffer; chunkSize: number; noncePrefix: Buffer; fileSize: number }> {
    const header = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await fh.read(header, 0, HEADER_BYTES, 0);
    if (bytesRead !== HEADER_BYTES) throw new BlobIntegrityError('file is cut short');
    const { size } = await fh.stat();
    return { header, ...parseHeader(header), fileSize: size };
  }

  async function* plaintext(h: BlobHandle, range?: { start: number; end: number }): AsyncGenerator<Buffer> {
    const fh = await fsp.open(h.path, 'r');
    try {
      const { header, chunkSize: cs, noncePrefix, fileSize } = await readHeader(fh);
      const { count, plainSize } = chunkLayout(fileSize, cs);
      const start = range ? Math.max(0, range.start) : 0;
      const end = range ? Math.min(plainSize - 1, range.end) : plainSize - 1;
      if (end < start) return;
      const first = Math.floor(start / cs);
      const last = Math.floor(end / cs);
      const batch = Math.max(1, Math.floor(WRITE_BATCH / (cs + TAG_BYTES)));
      for (let i = first; i <= last; i += batch) {
        const upto = Math.min(last, i + batch - 1);
        const from = chunkOffset(i, cs);
        const to = Math.min(fileSize, chunkOffset(upto + 1, cs));
        const raw = Buffer.allocUnsafe(to - from);
        const { bytesRead } = await fh.read(raw, 0, raw.length, from);
        if (bytesRead !== raw.length) throw new BlobIntegrityError('file changed while it was read');
        for (let j = i; j <= upto; j++) {
          const at = chunkOffset(j, cs) - from;
          const sealed = raw.subarray(at, Math.min(raw.length, at + cs + TAG_BYTES));
          let plain = openChunk(h.key, header, noncePrefix, j, j === count - 1, sealed);
          const base = j * cs;
          if (base < start || base + plain.length - 1 > end)
            plain = plain.subarray(Math.max(0, start - base), end - base + 1);
          if (plain.length) yield plain;
        }
      }
    } finally {
      await fh.close();
    }
  }

  async function openRandomAccess(h: BlobHandle): Promise<RandomAccess> {
    const fh = await fsp.open(h.path, 'r');
    let meta: Awaited<ReturnType<typeof readHeader>>;
    let layout: ReturnType<typeof chunkLayout>;
    try {
      meta = await readHeader(fh);
      layout = chunkLayout(meta.fileSize, meta.chunkSize);
    } catch (err) {
      await fh.close();
      throw err;
    }
    const cs = meta.chunkSize;
    // A few recently opened chunks: ZIP readers hop between nearby small records.
    const cache = new Map<number, Buffer>();
    const chunk = async (i: number): Promise<Buffer> => {
      const hit = cache.get(i);
      if (hit) return hit;
      const from = chunkOffset(i, cs);
      const len = Math.min(cs + TAG_BYTES, meta.fileSize - from);
      const raw = Buffer.allocUnsafe(len);
      const { bytesRead } = await fh.read(raw, 0, len, from);
      if (bytesRead !== len) throw new BlobIntegrityError('file changed while it was read');
      const plain = openChunk(h.key, meta.header, meta.noncePrefix, i, i === layout.count - 1, raw);
      if (cache.size >= 8) cache.delete(cache.keys().next().value!);
      cache.set(i, plain);
      return plain;
    };
    return {
      size: layout.plainSize,
      async read(start, length) {
        const end = Math.min(layout.plainSize, start + length);
        if (start < 0 || start >= end) return Buffer.alloc(0);
        const parts: Buffer[] = [];
        for (let i = Math.floor(start / cs); i * cs < end; i++) {
          const c = await chunk(i);
          const base = i * cs;
          parts.push(c.subarray(Math.max(0, start - base), Math.min(c.length, end - base)));
        }
        return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      },
      close: () => fh.close(),
    };
  }

  /** Stored blobs in one folder of blobs/ (or of quarantine/blobs/). */
  async function listFolder(base: string, prefix: string): Promise<StoredBlob[]> {
    const names = await readdirIfThere(path.join(base, prefix));
    const out: StoredBlob[] = [];
    for (const n of names) {
      const storageKey = path.posix.join('blobs', prefix, n);
      if (!isStorageKey(storageKey)) continue;
      const st = await fsp.stat(path.join(base, prefix, n)).catch(() => null);
      if (st?.isFile()) out.push({ storageKey, size: st.size, modifiedAt: st.mtimeMs });
    }
    return out;
  }

  async function* list(): AsyncGenerator<StoredBlob[]> {
    const prefixes = await readdirIfThere(blobDir);
    for (const p of prefixes.sort()) {
      const batch = await listFolder(blobDir, p);
      if (batch.length) yield batch;
    }
  }

  async function readInstallation(): Promise<string | null> {
    let raw: string;
    try {
      raw = await fsp.readFile(markerFile, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    let id: unknown;
    try {
      id = (JSON.parse(raw) as { installationId?: unknown }).installationId;
    } catch {
      id = null;
    }
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id))
      throw new Error(`${markerFile} is damaged: it holds no installation id`);
    return id;
  }

  const quarantinePath = (storageKey: string) => path.join(quarantineDir, storageKey);

  async function quarantine(storageKey: string): Promise<void> {
    if (!isStorageKey(storageKey)) throw new Error(`not a storage key: ${storageKey}`);
    const target = quarantinePath(storageKey);
    await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await fsp.rename(finalPath(storageKey), target);
    // Its age in quarantine is what verify --repair goes by, so the clock starts now.
    const now = systemClock.now();
    await fsp.utimes(target, now, now);
    await fsyncDir(path.dirname(target));
    await fsyncDir(path.dirname(finalPath(storageKey)));
  }

  return {
    root,
    location: root,
    async init() {
      // A write into each folder the store writes to: a read-only disk or folder stops the
      // start here with a plain message, not with a failed upload later.
      await probeWritable(root);
      await probeWritable(tmpDir);
      await probeWritable(blobDir);
    },
    write,
    commit,
    discard,
    async removeStored(storageKey) {
      await fsp.rm(finalPath(storageKey), { force: true });
    },
    handleFor(row) {
      return { path: finalPath(row.storage_key), key: unwrapKey(opts.wrapKey, row.id, row.wrapped_key) };
    },
    createReadStream(h, range) {
      return Readable.from(plaintext(h, range), { objectMode: false });
    },
    openRandomAccess,
    async digest(h) {
      const hash = crypto.createHash('sha256');
      let size = 0;
      for await (const part of plaintext(h)) {
        hash.update(part);
        size += part.length;
      }
      return { sha256: hash.digest('hex'), size };
    },
    async cleanTemp() {
      let removed = 0;
      let names: string[];
      try {
        names = await fsp.readdir(tmpDir);
      } catch {
        return 0;
      }
      const now = Date.now();
      for (const name of names) {
        const file = path.join(tmpDir, name);
        const m = /^(.+)\.(\d+)\.[0-9a-f-]+\.part$/.exec(name);
        let stale: boolean;
        if (m && m[1] === HOST) {
          const pid = Number(m[2]);
          // Our own pid can only be on a file from an earlier process that had it.
          stale = pid === process.pid || !processAlive(pid);
        } else {
          // Another machine's file (a shared disk): only its age says it was abandoned.
          const st = await fsp.stat(file).catch(() => null);
          stale = !st || now - st.mtimeMs > DAY;
        }
        if (stale) {
          await fsp.rm(file, { force: true });
          removed++;
        }
      }
      return removed;
    },
    async sweepOrphans(known, graceMs) {
      let moved = 0;
      const now = Date.now();
      for await (const batch of list()) {
        const live = await known(batch.map((b) => b.storageKey));
        for (const b of batch) {
          if (live.has(b.storageKey) || now - b.modifiedAt < graceMs) continue;
          await quarantine(b.storageKey);
          moved++;
        }
      }
      return moved;
    },
    readInstallation,
    async claimInstallation(id) {
      const body = `${JSON.stringify({ installationId: id, createdAt: systemClock.now().toISOString(), note: 'Second Opinion: this folder belongs to the database with the same installation id. Do not edit.' }, null, 2)}\n`;
      await fsp.mkdir(root, { recursive: true, mode: 0o700 });
      // Write whole into a temp name, then link it into place: link fails if the name exists,
      // so two processes starting at once agree on one id, and nobody reads a half file.
      const tmp = path.join(tmpDir, `${HOST}.${process.pid}.${crypto.randomUUID()}.part`);
      await fsp.mkdir(tmpDir, { recursive: true, mode: 0o700 });
      await fsp.writeFile(tmp, body, { mode: 0o600, flag: 'wx' });
      const fh = await fsp.open(tmp, 'r');
      await fh.sync();
      await fh.close();
      try {
        await placeNoReplace(tmp, markerFile);
        await fsyncDir(root);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      } finally {
        await fsp.rm(tmp, { force: true });
      }
      return (await readInstallation())!;
    },
    async hasBlobs() {
      // Names only, no stat per file: this runs at every start, however many documents there are.
      for (const p of await readdirIfThere(blobDir)) {
        if ((await readdirIfThere(path.join(blobDir, p))).some((n) => isStorageKey(path.posix.join('blobs', p, n))))
          return true;
      }
      return false;
    },
    list,
    async exists(storageKey) {
      return (
        isStorageKey(storageKey) &&
        (await fsp.stat(finalPath(storageKey)).then(
          (st) => st.isFile(),
          () => false,
        ))
      );
    },
    readSealed(storageKey) {
      if (!isStorageKey(storageKey)) throw new Error(`not a storage key: ${storageKey}`);
      return fs.createReadStream(finalPath(storageKey));
    },
    async writeSealed(storageKey, source) {
      if (!isStorageKey(storageKey)) throw new Error(`not a storage key: ${storageKey}`);
      const target = finalPath(storageKey);
      const tmp = path.join(tmpDir, `${HOST}.${process.pid}.${crypto.randomUUID()}.part`);
      const hash = crypto.createHash('sha256');
      let size = 0;
      const fh = await fsp.open(tmp, 'wx', 0o600);
      try {
        for await (const piece of source as AsyncIterable<Buffer>) {
          hash.update(piece);
          size += piece.length;
          await fh.write(piece);
        }
        await fh.sync();
        await fh.close();
        await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
        // Not rename: an existing file is never replaced.
        await placeNoReplace(tmp, target);
        await fsyncDir(path.dirname(target));
      } finally {
        await fh.close().catch(() => {});
        await fsp.rm(tmp, { force: true });
      }
      return { sha256: hash.digest('hex'), size };
    },
    quarantine,
    async listQuarantine() {
      const base = path.join(quarantineDir, 'blobs');
      const prefixes = await readdirIfThere(base);
      const out: StoredBlob[] = [];
      for (const p of prefixes.sort()) out.push(...(await listFolder(base, p)));
      return out;
    },
    async removeQuarantined(storageKey) {
      if (!isStorageKey(storageKey)) throw new Error(`not a storage key: ${storageKey}`);
      await fsp.rm(quarantinePath(storageKey), { force: true });
    },
    async close() {},
    async ping() {
      await fsp.access(blobDir, fs.constants.R_OK | fs.constants.W_OK);
      // A full disk refuses every upload: not ready, so the operator hears of it (issue 13).
      const st = await fsp.statfs(root);
      if (st.bavail * st.bsize < MIN_FREE_BYTES) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    },
  };
}

/** True if a path exists (sync; for tests and start-up checks only). */
export function blobFileExists(store: BlobStore, storageKey: string): boolean {
  return fs.existsSync(path.join(store.root, storageKey));
}
