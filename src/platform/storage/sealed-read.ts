import {
  BlobIntegrityError,
  chunkLayout,
  chunkOffset,
  HEADER_BYTES,
  openChunk,
  parseHeader,
  TAG_BYTES,
} from './blob-crypto.ts';

/**
 * The read half the drivers share: from a sealed blob's header and a source of sealed
 * bytes, plaintext comes out one verified chunk at a time. A chunk is released only after
 * its AES-GCM tag checks out (blob-crypto.ts), so a reader never gets a byte that was
 * changed, cut off or moved in storage.
 */

export interface SealedMeta {
  header: Buffer;
  chunkSize: number;
  noncePrefix: Buffer;
  /** Size of the sealed object in storage. */
  fileSize: number;
  count: number;
  plainSize: number;
}

export function sealedMeta(header: Buffer, fileSize: number): SealedMeta {
  if (header.length !== HEADER_BYTES) throw new BlobIntegrityError('file is cut short');
  const { chunkSize, noncePrefix } = parseHeader(header);
  const { count, plainSize } = chunkLayout(fileSize, chunkSize);
  return { header, chunkSize, noncePrefix, fileSize, count, plainSize };
}

/** Which sealed bytes hold plaintext [start, end] (inclusive), or null when the range is empty. */
export function sealedSpan(m: SealedMeta, range?: { start: number; end: number }) {
  const start = range ? Math.max(0, range.start) : 0;
  const end = range ? Math.min(m.plainSize - 1, range.end) : m.plainSize - 1;
  if (end < start) return null;
  const first = Math.floor(start / m.chunkSize);
  const last = Math.floor(end / m.chunkSize);
  return {
    start,
    end,
    first,
    last,
    from: chunkOffset(first, m.chunkSize),
    to: Math.min(m.fileSize, chunkOffset(last + 1, m.chunkSize)),
  };
}

/** Length of sealed chunk i (body and tag). */
export function sealedChunkLength(m: SealedMeta, i: number): number {
  return Math.min(m.chunkSize + TAG_BYTES, m.fileSize - chunkOffset(i, m.chunkSize));
}

/**
 * Plaintext of chunks span.first..span.last, trimmed to [span.start, span.end], from an
 * iterable that yields exactly the sealed bytes span.from..span.to in any piece sizes.
 */
export async function* openSealedChunks(
  m: SealedMeta,
  key: Buffer,
  span: NonNullable<ReturnType<typeof sealedSpan>>,
  sealed: AsyncIterable<Buffer>,
): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingLen = 0;
  let j = span.first;
  const take = (n: number): Buffer => {
    const all = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingLen);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    pending = rest.length ? [rest] : [];
    pendingLen = rest.length;
    return out;
  };
  const release = (raw: Buffer): Buffer => {
    let plain = openChunk(key, m.header, m.noncePrefix, j, j === m.count - 1, raw);
    const base = j * m.chunkSize;
    if (base < span.start || base + plain.length - 1 > span.end) {
      plain = plain.subarray(Math.max(0, span.start - base), span.end - base + 1);
    }
    j++;
    return plain;
  };
  for await (const piece of sealed) {
    pending.push(piece);
    pendingLen += piece.length;
    while (j <= span.last && pendingLen >= sealedChunkLength(m, j)) {
      const plain = release(take(sealedChunkLength(m, j)));
      if (plain.length) yield plain;
    }
  }
  if (j <= span.last) throw new BlobIntegrityError('file is cut short');
}
