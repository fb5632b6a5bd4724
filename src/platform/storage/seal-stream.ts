import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { makeHeader, newDocumentKey, sealChunk } from './blob-crypto.ts';

/**
 * The write half every driver shares: plaintext streams in, is hashed and checked on the
 * way (size limit, idle client, the caller's look at the first bytes), and leaves sealed
 * chunk by chunk (blob-crypto.ts) through `sink`. Only sealed bytes ever reach a sink, so
 * neither the disk nor an object store sees plaintext. Drivers differ only in where the
 * sealed bytes go and how a finished write becomes visible.
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

export interface SealedStream {
  sha256: string;
  size: number;
  /** The document's own key (to be wrapped by the instance key); never stored in the clear. */
  key: Buffer;
  head: Buffer;
}

/** Sealed bytes are handed on in batches of about this size. */
export const SEAL_BATCH = 1024 * 1024;

/**
 * Seals `source` into `sink`. One sink write is in flight while the next batch is sealed,
 * so storage and CPU work overlap. When this returns or throws, no sink write is pending.
 */
export async function sealStream(
  source: Readable,
  o: WriteOptions,
  chunkSize: number,
  sink: (parts: Buffer[]) => Promise<unknown>,
): Promise<SealedStream> {
  const key = newDocumentKey();
  const prefix = crypto.randomBytes(7);
  const header = makeHeader(chunkSize, prefix);
  const headLimit = o.headBytes ?? 64 * 1024;
  // Idle check: a cheap timestamp per piece and a timer that looks at it now and then
  // (re-arming a timer for every 64 KiB piece costs more than the check itself).
  let lastData = Date.now();
  // Time spent in our own awaits (a slow store, the type check) is not the client's silence.
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
      writing = sink(parts);
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
          if (outBytes >= SEAL_BATCH) {
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
    return { sha256: hash.digest('hex'), size, key, head: Buffer.concat(headParts) };
  } finally {
    clearInterval(idleTimer);
    await writing.catch(() => {});
  }
}
