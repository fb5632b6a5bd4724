import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  BlobIntegrityError,
  chunkLayout,
  chunkOffset,
  DEFAULT_CHUNK,
  HEADER_BYTES,
  makeHeader,
  newDocumentKey,
  openChunk,
  parseHeader,
  sealChunk,
  TAG_BYTES,
  unwrapKey,
  wrapKey,
} from './blob-crypto.ts';

export { BlobIntegrityError } from './blob-crypto.ts';

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
 * even be read); sweepOrphans() removes those after a grace period. Plaintext never
 * touches the disk.
 */

export type BlobWriteFailure = 'too_large' | 'idle' | 'rejected';

export class BlobWriteError extends Error {
  override name = 'BlobWriteError';
  constructor(
    readonly reason: BlobWriteFailure,
    /** For 'rejected': whatever the onHead check threw, passed through untouched. */
    readonly detail?: unknown,
  ) {
    super(`blob write failed: ${reason}`);
  }
}

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

export interface WriteOptions {
  maxBytes: number;
  /** Give up if the source sends nothing for this long (a client that stopped sending). */
  idleMs: number;
  /** How many leading bytes to collect for onHead (default 64 KiB). */
  headBytes?: number;
  /**
   * Called once with the first bytes (complete=true when that is the whole file); throw
   * to refuse the file early, before the rest of it is read.
   */
  onHead?: (head: Buffer, complete: boolean) => void | Promise<void>;
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
  /** At start: removes temp files left by processes that are gone. Returns how many. */
  cleanTemp(): Promise<number>;
  /** Removes stored blobs no row knows, older than graceMs. Returns how many. */
  sweepOrphans(known: (storageKeys: string[]) => Promise<Set<string>>, graceMs: number): Promise<number>;
}

const HOST = os.hostname().replace(/[^A-Za-z0-9-]/g, '_');
const DAY = 24 * 60 * 60 * 1000;
const WRITE_BATCH = 1024 * 1024;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
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
  const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK;
  const finalPath = (storageKey: string) => path.join(root, storageKey);

  async function write(source: Readable, o: WriteOptions): Promise<PendingBlob> {
    const id = crypto.randomUUID();
    const key = newDocumentKey();
    const prefix = crypto.randomBytes(7);
    const header = makeHeader(chunkSize, prefix);
    const tmpPath = path.join(tmpDir, `${HOST}.${process.pid}.${id}.part`);
    const headLimit = o.headBytes ?? 64 * 1024;
    const fh = await fsp.open(tmpPath, 'wx', 0o600);
    // Idle check: a cheap timestamp per piece and a timer that looks at it now and then
    // (re-arming a timer for every 64 KiB piece costs more than the check itself).
    let lastData = Date.now();
    // Time spent in our own awaits (a slow disk, the type check) is not the client's silence.
    let busy = false;
    const idleTimer = setInterval(
      () => {
        if (!busy && Date.now() - lastData >= o.idleMs) source.destroy(new BlobWriteError('idle'));
      },
      Math.max(10, Math.min(1000, Math.floor(o.idleMs / 4))),
    );
    const arm = () => {
      lastData = Date.now();
    };
    let done = false;
    // One write in flight while the next batch is sealed: disk and CPU work overlap.
    let writing: Promise<unknown> = Promise.resolve();
    try {
      const hash = crypto.createHash('sha256');
      const buf = Buffer.allocUnsafe(chunkSize);
      let fill = 0;
      let index = 0;
      let size = 0;
      let out: Buffer[] = [header];
      let outBytes = header.length;
      const headParts: Buffer[] = [];
      let headLen = 0;
      let headSent = false;

      const seal = (last: boolean) => {
        const [body, tag] = sealChunk(key, header, prefix, index++, last, buf.subarray(0, fill));
        out.push(body, tag);
        outBytes += body.length + tag.length;
        fill = 0;
      };
      const flush = async () => {
        const parts = out;
        out = [];
        outBytes = 0;
        await writing;
        writing = fh.writev(parts);
        // Seen by the next flush; this only keeps an early failure from being "unhandled".
        writing.catch(() => {});
      };
      // A refused file is still read to its end (and thrown away), so the parts after it
      // in the same request can be read; only an oversized one stops everything.
      let rejected: BlobWriteError | null = null;
      const sendHead = async (complete: boolean) => {
        headSent = true;
        if (!o.onHead) return;
        try {
          await o.onHead(Buffer.concat(headParts), complete);
        } catch (detail) {
          rejected = new BlobWriteError('rejected', detail);
        }
      };

      arm();
      for await (const piece of source as AsyncIterable<Buffer>) {
        arm();
        size += piece.length;
        if (rejected) {
          if (size > o.maxBytes) throw rejected;
          continue;
        }
        if (size > o.maxBytes) throw new BlobWriteError('too_large');
        hash.update(piece);
        if (!headSent) {
          const want = headLimit - headLen;
          headParts.push(piece.length > want ? piece.subarray(0, want) : piece);
          headLen += Math.min(want, piece.length);
          if (headLen >= headLimit) {
            busy = true;
            await sendHead(false);
            busy = false;
            arm();
          }
        }
        if (rejected) continue;
        let off = 0;
        while (off < piece.length) {
          // A full chunk is sealed only when more data follows, so the final chunk is
          // always the one sealed after the loop with the "last" flag.
          if (fill === chunkSize) {
            seal(false);
            if (outBytes >= WRITE_BATCH) {
              busy = true;
              await flush();
              busy = false;
              arm();
            }
          }
          const n = Math.min(chunkSize - fill, piece.length - off);
          piece.copy(buf, fill, off, off + n);
          fill += n;
          off += n;
        }
      }
      clearInterval(idleTimer);
      if (!headSent) await sendHead(true);
      if (rejected) throw rejected;
      seal(true);
      await flush();
      await writing;
      await fh.sync();
      await fh.close();
      done = true;
      return {
        id,
        storageKey: path.posix.join('blobs', id.slice(0, 2), id),
        sha256: hash.digest('hex'),
        size,
        wrappedKey: wrapKey(opts.wrapKey, id, key),
        head: Buffer.concat(headParts),
        handle: { path: tmpPath, key },
        tmpPath,
      };
    } finally {
      clearInterval(idleTimer);
      if (!done) {
        await writing.catch(() => {});
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

  async function readHeader(fh: fsp.FileHandle): Promise<{ header: Buffer; chunkSize: number; noncePrefix: Buffer; fileSize: number }> {
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
          if (base < start || base + plain.length - 1 > end) plain = plain.subarray(Math.max(0, start - base), end - base + 1);
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

  return {
    root,
    async init() {
      await fsp.mkdir(tmpDir, { recursive: true, mode: 0o700 });
      await fsp.mkdir(blobDir, { recursive: true, mode: 0o700 });
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
      let removed = 0;
      let prefixes: string[];
      try {
        prefixes = await fsp.readdir(blobDir);
      } catch {
        return 0;
      }
      const now = Date.now();
      for (const p of prefixes) {
        const dir = path.join(blobDir, p);
        const names = await fsp.readdir(dir).catch(() => [] as string[]);
        if (names.length === 0) continue;
        const keys = names.map((n) => path.posix.join('blobs', p, n));
        const live = await known(keys);
        for (const k of keys) {
          if (live.has(k)) continue;
          const st = await fsp.stat(finalPath(k)).catch(() => null);
          if (st && now - st.mtimeMs >= graceMs) {
            await fsp.rm(finalPath(k), { force: true });
            removed++;
          }
        }
      }
      return removed;
    },
  };
}

/** True if a path exists (sync; for tests and start-up checks only). */
export function blobFileExists(store: BlobStore, storageKey: string): boolean {
  return fs.existsSync(path.join(store.root, storageKey));
}
