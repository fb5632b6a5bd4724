import crypto from 'node:crypto';

/**
 * The encrypted file format (ADR 0140). A blob is cut into chunks; each chunk is sealed
 * on its own with AES-256-GCM under the document's key, so a reader can check and
 * release one chunk at a time (streaming downloads never hand out bytes that were not
 * verified) and can jump to any chunk (a ZIP's directory at its end, a byte range).
 *
 *   header (20 bytes): "SOBLOB" 0x00 0x01 | chunk size (u32 BE) | nonce prefix (7) | 0x00
 *   chunk i:           ciphertext (chunk size bytes, the last one shorter) | tag (16)
 *
 * Chunk nonce = prefix (7) | i (u32 BE) | last (1 byte: 1 on the final chunk, else 0),
 * and every chunk authenticates the header. So chunks cannot be reordered, dropped,
 * moved between files, or cut off at a chunk boundary without the check failing
 * (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár).
 */

export const MAGIC = Buffer.from('SOBLOB\x00\x01', 'latin1');
export const HEADER_BYTES = 20;
export const TAG_BYTES = 16;
export const DEFAULT_CHUNK = 64 * 1024;
const KEY_BYTES = 32;

export class BlobIntegrityError extends Error {
  override name = 'BlobIntegrityError';
}

export function makeHeader(chunkSize: number, noncePrefix: Buffer): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(h, 0);
  h.writeUInt32BE(chunkSize, 8);
  noncePrefix.copy(h, 12, 0, 7);
  return h;
}

export function parseHeader(h: Buffer): { chunkSize: number; noncePrefix: Buffer } {
  if (h.length < HEADER_BYTES || !h.subarray(0, 8).equals(MAGIC))
    throw new BlobIntegrityError('not a document file of this app');
  const chunkSize = h.readUInt32BE(8);
  if (chunkSize < 1024 || chunkSize > 16 * 1024 * 1024) throw new BlobIntegrityError('bad chunk size');
  return { chunkSize, noncePrefix: Buffer.from(h.subarray(12, 19)) };
}

function nonce(prefix: Buffer, index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0, 0, 7);
  n.writeUInt32BE(index, 7);
  n[11] = last ? 1 : 0;
  return n;
}

export function sealChunk(
  key: Buffer,
  header: Buffer,
  prefix: Buffer,
  index: number,
  last: boolean,
  plain: Buffer,
): [Buffer, Buffer] {
  const c = crypto.createCipheriv('aes-256-gcm', key, nonce(prefix, index, last));
  c.setAAD(header);
  const body = c.update(plain);
  c.final();
  return [body, c.getAuthTag()];
}

export function openChunk(
  key: Buffer,
  header: Buffer,
  prefix: Buffer,
  index: number,
  last: boolean,
  sealed: Buffer,
): Buffer {
  if (sealed.length < TAG_BYTES) throw new BlobIntegrityError(`chunk ${index} is cut short`);
  const d = crypto.createDecipheriv('aes-256-gcm', key, nonce(prefix, index, last));
  d.setAAD(header);
  d.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const out = d.update(sealed.subarray(0, sealed.length - TAG_BYTES));
  try {
    d.final();
  } catch {
    throw new BlobIntegrityError(`chunk ${index} failed its integrity check`);
  }
  return out;
}

/** Where chunk i starts in the file, and how many chunks a file of this size holds. */
export function chunkLayout(fileSize: number, chunkSize: number): { count: number; plainSize: number } {
  const sealed = chunkSize + TAG_BYTES;
  const body = fileSize - HEADER_BYTES;
  if (body < TAG_BYTES) throw new BlobIntegrityError('file is cut short');
  const count = Math.ceil(body / sealed);
  const lastSealed = body - (count - 1) * sealed;
  if (lastSealed < TAG_BYTES) throw new BlobIntegrityError('file is cut short');
  return { count, plainSize: (count - 1) * chunkSize + (lastSealed - TAG_BYTES) };
}

export const chunkOffset = (index: number, chunkSize: number) => HEADER_BYTES + index * (chunkSize + TAG_BYTES);

// ---------- the document key, wrapped by the instance key ----------

export function newDocumentKey(): Buffer {
  return crypto.randomBytes(KEY_BYTES);
}

/** AES-256-GCM under the instance's document key, bound to the blob id (a key cannot be moved to another file). */
export function wrapKey(wrapKey: Buffer, blobId: string, key: Buffer): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', wrapKey, iv);
  c.setAAD(Buffer.from(`second-opinion/blob-key/v1:${blobId}`));
  const body = Buffer.concat([c.update(key), c.final()]);
  return Buffer.concat([iv, body, c.getAuthTag()]).toString('base64');
}

export function unwrapKey(wrapKey: Buffer, blobId: string, wrapped: string): Buffer {
  const raw = Buffer.from(wrapped, 'base64');
  if (raw.length !== 12 + KEY_BYTES + TAG_BYTES) throw new BlobIntegrityError('wrapped key has the wrong length');
  const d = crypto.createDecipheriv('aes-256-gcm', wrapKey, raw.subarray(0, 12));
  d.setAAD(Buffer.from(`second-opinion/blob-key/v1:${blobId}`));
  d.setAuthTag(raw.subarray(12 + KEY_BYTES));
  try {
    return Buffer.concat([d.update(raw.subarray(12, 12 + KEY_BYTES)), d.final()]);
  } catch {
    throw new BlobIntegrityError('the document key could not be unwrapped (wrong instance key?)');
  }
}
