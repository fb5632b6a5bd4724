import crypto from 'node:crypto';
import os from 'node:os';
import { PassThrough, Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { systemClock } from '../clock.ts';
import type { StorageConfig } from '../config.ts';
import { BlobIntegrityError, chunkOffset, DEFAULT_CHUNK, HEADER_BYTES, unwrapKey, wrapKey } from './blob-crypto.ts';
import { type BlobStore, isStorageKey, type PendingBlob, type RandomAccess, type StoredBlob } from './blob-store.ts';
import { SEAL_BATCH, sealStream } from './seal-stream.ts';
import { openSealedChunks, type SealedMeta, sealedMeta, sealedSpan } from './sealed-read.ts';

/**
 * The S3 driver of BlobStore (ADR 0019): the same sealed format as the local driver, in
 * any S3-compatible store (AWS S3, MinIO, Ceph RGW, Cloudflare R2, Garage, s3rver).
 *
 *   local driver                        here
 *   documents/blobs/<aa>/<id>           <prefix>/blobs/<aa>/<id>
 *   temp file, fsync, rename            multipart upload, completed only when every byte is in
 *   tmp/*.part of dead processes        multipart uploads older than a day, aborted
 *   documents/quarantine/...            <prefix>/quarantine/blobs/<aa>/<id> (copy, then delete)
 *   installation.json                   <prefix>/installation.json
 *
 * Bytes are sealed in this process before they leave it: the store only ever holds
 * ciphertext, and each document's key lives wrapped in the database, never in the bucket.
 * An upload that stops half-way is never completed, so no object appears; one completed
 * whose database row never came is an object no row knows, which the start-up sweep moves
 * to quarantine after the grace period (never deletes: ADR 0010).
 */

/** The store could not be reached or used at start. The message names the setting to fix. */
export class StorageUnreachableError extends Error {
  override name = 'StorageUnreachableError';
}

type S3Settings = Extract<StorageConfig, { kind: 's3' }>;

const DAY = 24 * 60 * 60 * 1000;
/** Multipart part size: memory per upload is about queueSize × this. */
const PART_BYTES = 8 * 1024 * 1024;
const HOST = os.hostname().replace(/[^A-Za-z0-9-]/g, '_');

export function createS3Client(s: S3Settings): S3Client {
  return new S3Client({
    region: s.region,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    forcePathStyle: s.forcePathStyle,
    ...(s.credentials ? { credentials: s.credentials } : {}),
    maxAttempts: 3,
    // Checksums only where the API requires them: several S3-compatible stores reject
    // the newer default (CRC32 trailers); integrity is ours anyway (sealed chunks).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A store that does not answer must not hold a request (or the start) forever.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
  });
}

interface S3ErrorShape {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const errName = (e: unknown) => {
  const x = e as S3ErrorShape;
  return x?.name ?? x?.Code ?? x?.code ?? '';
};
const isNotFound = (e: unknown) =>
  ['NoSuchKey', 'NotFound', 'NoSuchUpload'].includes(errName(e)) ||
  (e as S3ErrorShape)?.$metadata?.httpStatusCode === 404;

/**
 * What went wrong talking to the store, in words that name the setting to change. Used
 * at start (refuse to start) and by the storage commands.
 */
export function explainS3Failure(e: unknown, s: S3Settings): string {
  const name = errName(e);
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  const where = s.endpoint ? `S3_ENDPOINT (${s.endpoint})` : `AWS S3 in region ${s.region} (S3_REGION)`;
  if (name === 'InvalidAccessKeyId') return 'the store does not know the access key in AWS_ACCESS_KEY_ID';
  if (name === 'SignatureDoesNotMatch')
    return 'AWS_SECRET_ACCESS_KEY is not the secret of the access key in AWS_ACCESS_KEY_ID';
  if (name === 'CredentialsProviderError' || (/credential/i.test((e as Error)?.message ?? '') && !s.credentials)) {
    return 'no credentials were found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or give the machine a role)';
  }
  if (name === 'NoSuchBucket') return `the bucket "${s.bucket}" named in STORAGE_URL does not exist at ${where}`;
  if (name === 'AccessDenied' || name === 'Forbidden') {
    const where = `s3://${s.bucket}/${s.prefix}`;
    return `the credentials in AWS_ACCESS_KEY_ID are not allowed to read and write ${where} (STORAGE_URL)`;
  }
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT'].includes(code)) {
    return `nothing answered at ${where} (${code})`;
  }
  if (name === 'TimeoutError' || name === 'RequestTimeout') return `${where} did not answer in time`;
  const detail = (e as Error)?.message ? ` (${(e as Error).message})` : '';
  return `${where} answered with an error: ${name || code || 'unknown'}${detail}`;
}

async function collect(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of body) parts.push(p);
  return Buffer.concat(parts);
}

export function createS3BlobStore(opts: {
  settings: S3Settings;
  wrapKey: Buffer;
  chunkSize?: number;
  client?: S3Client;
  /** Part size for multipart uploads (tests use the 5 MiB minimum to exercise several parts). */
  partBytes?: number;
}): BlobStore & { client: S3Client } {
  const s = opts.settings;
  const client = opts.client ?? createS3Client(s);
  const Bucket = s.bucket;
  const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK;
  const base = s.prefix ? `${s.prefix}/` : '';
  const objectKey = (storageKey: string) => `${base}${storageKey}`;
  const quarantineKey = (storageKey: string) => `${base}quarantine/${storageKey}`;
  const markerKey = `${base}installation.json`;
  const location = `s3://${s.bucket}${s.prefix ? `/${s.prefix}` : ''}`;

  /** A byte range of an object (`to` inclusive) as a stream, with the object's whole size. */
  async function getRange(
    key: string,
    from: number,
    to: number,
  ): Promise<{ body: AsyncIterable<Buffer>; total: number }> {
    const r = await client.send(new GetObjectCommand({ Bucket, Key: key, Range: `bytes=${from}-${to}` }));
    const total = Number(/\/(\d+)$/.exec(r.ContentRange ?? '')?.[1] ?? r.ContentLength);
    return { body: r.Body as Readable, total };
  }

  async function readMeta(key: string): Promise<SealedMeta> {
    const { body, total } = await getRange(key, 0, HEADER_BYTES - 1);
    const header = await collect(body);
    if (header.length < HEADER_BYTES || !Number.isFinite(total)) throw new BlobIntegrityError('file is cut short');
    return sealedMeta(header, total);
  }

  async function* plaintext(
    key: string,
    docKey: Buffer,
    range?: { start: number; end: number },
  ): AsyncGenerator<Buffer> {
    const m = await readMeta(key);
    const span = sealedSpan(m, range);
    if (!span) return;
    const { body } = await getRange(key, span.from, span.to - 1);
    yield* openSealedChunks(m, docKey, span, body);
  }

  async function* listUnder(prefix: string, strip: string): AsyncGenerator<StoredBlob[]> {
    let token: string | undefined;
    do {
      const r = await client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken: token }));
      const batch: StoredBlob[] = [];
      for (const o of r.Contents ?? []) {
        const storageKey = (o.Key ?? '').slice(strip.length);
        if (!isStorageKey(storageKey)) continue;
        batch.push({ storageKey, size: o.Size ?? 0, modifiedAt: o.LastModified?.getTime() ?? 0 });
      }
      if (batch.length) yield batch;
      token = r.IsTruncated ? r.NextContinuationToken : undefined;
    } while (token);
  }

  const list = () => listUnder(`${base}blobs/`, base);

  async function exists(storageKey: string): Promise<boolean> {
    if (!isStorageKey(storageKey)) return false;
    try {
      await client.send(new HeadObjectCommand({ Bucket, Key: objectKey(storageKey) }));
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }

  /**
   * Streams `source` into one object. The object appears only when the last part is in
   * (the upload is completed); a failure before that aborts the multipart upload.
   */
  async function upload(
    key: string,
    source: (sink: (parts: Buffer[]) => Promise<void>) => Promise<void>,
  ): Promise<void> {
    const body = new PassThrough({ highWaterMark: SEAL_BATCH });
    const up = new Upload({
      client,
      params: { Bucket, Key: key, Body: body, ContentType: 'application/octet-stream' },
      partSize: opts.partBytes ?? PART_BYTES,
      queueSize: 2,
      leavePartsOnError: false,
    });
    const done = up.done();
    // A promise that only ever rejects: a failed upload must wake a writer waiting for 'drain'.
    const failed = done.then(
      () => new Promise<never>(() => {}),
      (e: unknown) => Promise.reject(e),
    );
    failed.catch(() => {});
    try {
      await source(async (parts) => {
        for (const p of parts) {
          if (!body.write(p)) await Promise.race([new Promise((r) => body.once('drain', r)), failed]);
        }
      });
    } catch (e) {
      // Never end() here: ending would complete the upload with a part of the file. A
      // destroyed body fails the upload, and lib-storage aborts the multipart upload.
      body.destroy(e as Error);
      await done.catch(() => {});
      throw e;
    }
    body.end();
    await done;
  }

  async function write(source: Readable, o: Parameters<BlobStore['write']>[1]): Promise<PendingBlob> {
    const id = crypto.randomUUID();
    const storageKey = `blobs/${id.slice(0, 2)}/${id}`;
    const key = objectKey(storageKey);
    let sealed!: Awaited<ReturnType<typeof sealStream>>;
    await upload(key, async (sink) => {
      sealed = await sealStream(source, o, chunkSize, sink);
    });
    return {
      id,
      storageKey,
      sha256: sealed.sha256,
      size: sealed.size,
      wrappedKey: wrapKey(opts.wrapKey, id, sealed.key),
      head: sealed.head,
      handle: { path: key, key: sealed.key },
      tmpPath: key,
    };
  }

  async function readInstallation(): Promise<string | null> {
    let raw: string;
    try {
      const r = await client.send(new GetObjectCommand({ Bucket, Key: markerKey }));
      raw = (await collect(r.Body as Readable)).toString('utf8');
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
    let id: unknown;
    try {
      id = (JSON.parse(raw) as { installationId?: unknown }).installationId;
    } catch {
      id = null;
    }
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) {
      throw new Error(`${location}/installation.json is damaged: it holds no installation id`);
    }
    return id;
  }

  async function quarantine(storageKey: string): Promise<void> {
    if (!isStorageKey(storageKey)) throw new Error(`not a storage key: ${storageKey}`);
    // Copy, then delete: at every moment the bytes are in at least one place. (The copy's
    // date is the moment of the move, which is what verify --repair goes by.)
    await client.send(
      new CopyObjectCommand({
        Bucket,
        Key: quarantineKey(storageKey),
        CopySource: `${Bucket}/${encodeURI(objectKey(storageKey))}`,
      }),
    );
    await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(storageKey) }));
  }

  return {
    client,
    root: location,
    location,
    async init() {
      // Read and write once, so wrong credentials, a missing bucket or a store that does
      // not answer stop the start here, with the setting named, not a failed upload later.
      const probe = `${base}.write-check/${HOST}.${process.pid}.${crypto.randomUUID()}`;
      try {
        // A list (not HeadBucket: a HEAD answer has no body, so no error code to name the
        // setting by) of a folder that is nearly always empty, so cheap on any store.
        await client.send(new ListObjectsV2Command({ Bucket, Prefix: `${base}.write-check/`, MaxKeys: 10 }));
        await client.send(new PutObjectCommand({ Bucket, Key: probe, Body: 'ok' }));
        await client.send(new DeleteObjectCommand({ Bucket, Key: probe }));
      } catch (e) {
        throw new StorageUnreachableError(explainS3Failure(e, s));
      }
    },
    write,
    async commit(p) {
      // Nothing to do: the completed upload is already in place; the row makes it a document.
      p.handle = { path: objectKey(p.storageKey), key: p.handle.key };
    },
    async discard(p) {
      // Never recorded, and its key dies with this process: the same as removing a temp file.
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(p.storageKey) }));
    },
    async removeStored(storageKey) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(storageKey) }));
    },
    handleFor(row) {
      return { path: objectKey(row.storage_key), key: unwrapKey(opts.wrapKey, row.id, row.wrapped_key) };
    },
    createReadStream(h, range) {
      return Readable.from(plaintext(h.path, h.key, range), { objectMode: false });
    },
    async openRandomAccess(h): Promise<RandomAccess> {
      const m = await readMeta(h.path);
      const cs = m.chunkSize;
      // ZIP readers hop between nearby small records: read a few chunks per request, keep some.
      const AHEAD = 4;
      const cache = new Map<number, Buffer>();
      const load = async (i: number) => {
        const last = Math.min(m.count - 1, i + AHEAD - 1);
        const span = { start: i * cs, end: Math.min(m.plainSize, (last + 1) * cs) - 1, first: i, last };
        const from = chunkOffset(i, cs);
        const to = Math.min(m.fileSize, chunkOffset(last + 1, cs));
        const { body } = await getRange(h.path, from, to - 1);
        let j = i;
        for await (const plain of openSealedChunks(m, h.key, { ...span, from, to }, body)) {
          if (cache.size >= 16) cache.delete(cache.keys().next().value!);
          cache.set(j++, plain);
        }
      };
      const chunk = async (i: number): Promise<Buffer> => {
        if (!cache.has(i)) await load(i);
        return cache.get(i)!;
      };
      return {
        size: m.plainSize,
        async read(start, length) {
          const end = Math.min(m.plainSize, start + length);
          if (start < 0 || start >= end) return Buffer.alloc(0);
          const parts: Buffer[] = [];
          for (let i = Math.floor(start / cs); i * cs < end; i++) {
            const c = await chunk(i);
            const b = i * cs;
            parts.push(c.subarray(Math.max(0, start - b), Math.min(c.length, end - b)));
          }
          return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
        },
        close: async () => {
          cache.clear();
        },
      };
    },
    async digest(h) {
      const hash = crypto.createHash('sha256');
      let size = 0;
      for await (const part of plaintext(h.path, h.key)) {
        hash.update(part);
        size += part.length;
      }
      return { sha256: hash.digest('hex'), size };
    },
    async cleanTemp() {
      // Uploads a crashed process started and never completed: invisible, but they cost
      // storage. Only old ones: another process may be uploading right now.
      let aborted = 0;
      let keyMarker: string | undefined;
      let uploadIdMarker: string | undefined;
      try {
        do {
          const r = await client.send(
            new ListMultipartUploadsCommand({
              Bucket,
              Prefix: `${base}blobs/`,
              KeyMarker: keyMarker,
              UploadIdMarker: uploadIdMarker,
            }),
          );
          for (const u of r.Uploads ?? []) {
            if (!u.Key || !u.UploadId || Date.now() - (u.Initiated?.getTime() ?? Date.now()) < DAY) continue;
            await client.send(new AbortMultipartUploadCommand({ Bucket, Key: u.Key, UploadId: u.UploadId }));
            aborted++;
          }
          keyMarker = r.IsTruncated ? r.NextKeyMarker : undefined;
          uploadIdMarker = r.IsTruncated ? r.NextUploadIdMarker : undefined;
        } while (keyMarker);
      } catch (e) {
        // Some S3-compatible servers cannot list uploads, and a policy may not allow it; the
        // bucket's lifecycle rule (README: abort incomplete multipart uploads) then does this
        // job. Not a reason to refuse to start.
        if (!['NotImplemented', 'AccessDenied', 'MethodNotAllowed'].includes(errName(e))) throw e;
      }
      return aborted;
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
      const existing = await readInstallation();
      if (existing) return existing;
      const body = `${JSON.stringify(
        {
          installationId: id,
          createdAt: systemClock.now().toISOString(),
          note: 'Second Opinion: this storage belongs to the database with the same installation id. Do not edit.',
        },
        null,
        2,
      )}\n`;
      try {
        // If-None-Match: where the store honours it, two processes starting at once cannot
        // both write. Where it does not, both write the id they read from the one database.
        await client.send(
          new PutObjectCommand({
            Bucket,
            Key: markerKey,
            Body: body,
            IfNoneMatch: '*',
            ContentType: 'application/json',
          }),
        );
      } catch (e) {
        if ((e as S3ErrorShape)?.$metadata?.httpStatusCode !== 412) throw e;
      }
      return (await readInstallation())!;
    },
    async hasBlobs() {
      const r = await client.send(new ListObjectsV2Command({ Bucket, Prefix: `${base}blobs/`, MaxKeys: 1000 }));
      return (r.Contents ?? []).some((o) => isStorageKey((o.Key ?? '').slice(base.length)));
    },
    list,
    exists,
    readSealed(storageKey) {
      if (!isStorageKey(storageKey)) throw new Error(`not a storage key: ${storageKey}`);
      return Readable.from(
        (async function* () {
          const r = await client.send(new GetObjectCommand({ Bucket, Key: objectKey(storageKey) }));
          yield* r.Body as Readable;
        })(),
      );
    },
    async writeSealed(storageKey, source) {
      if (!isStorageKey(storageKey)) throw new Error(`not a storage key: ${storageKey}`);
      // Never replaces: an object already there stays as it is.
      if (await exists(storageKey))
        throw Object.assign(new Error(`${storageKey} is already stored`), { code: 'EEXIST' });
      const hash = crypto.createHash('sha256');
      let size = 0;
      await upload(objectKey(storageKey), async (sink) => {
        for await (const piece of source as AsyncIterable<Buffer>) {
          hash.update(piece);
          size += piece.length;
          await sink([piece]);
        }
      });
      return { sha256: hash.digest('hex'), size };
    },
    quarantine,
    async listQuarantine() {
      const out: StoredBlob[] = [];
      for await (const batch of listUnder(`${base}quarantine/blobs/`, `${base}quarantine/`)) out.push(...batch);
      return out;
    },
    async removeQuarantined(storageKey) {
      if (!isStorageKey(storageKey)) throw new Error(`not a storage key: ${storageKey}`);
      await client.send(new DeleteObjectCommand({ Bucket, Key: quarantineKey(storageKey) }));
    },
    async close() {
      client.destroy();
    },
    async ping() {
      await client.send(new ListObjectsV2Command({ Bucket, Prefix: `${base}.write-check/`, MaxKeys: 10 }));
    },
  };
}
