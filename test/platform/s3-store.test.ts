import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { loadConfig, type StorageConfig } from '../../src/platform/config.ts';
import { BlobIntegrityError, BlobWriteError } from '../../src/platform/storage/blob-store.ts';
import { createS3BlobStore, explainS3Failure } from '../../src/platform/storage/s3-store.ts';
import { type S3TestServer, startS3Server } from '../helpers/s3-server.ts';

const CHUNK = 4096;
const MiB = 1024 * 1024;
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

async function collect(r: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of r) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

function pieces(b: Buffer, size = 64 * 1024): Readable {
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += size) out.push(b.subarray(i, i + size));
  return Readable.from(out);
}

/** Sends `first`, then fails, as a client whose connection drops half-way. */
function dropsAfter(first: Buffer): Readable {
  return Readable.from(
    (async function* () {
      for (let i = 0; i < first.length; i += 256 * 1024) yield first.subarray(i, i + 256 * 1024);
      throw new Error('connection reset');
    })(),
  );
}

function settingsFor(srv: S3TestServer, prefix: string, env: Record<string, string> = {}) {
  return loadConfig({ ...srv.env(prefix), ...env }).storage as Extract<StorageConfig, { kind: 's3' }>;
}

describe('S3 driver against a real S3 API (s3rver)', () => {
  let srv: S3TestServer;
  const wrap = crypto.randomBytes(32);
  let store: ReturnType<typeof createS3BlobStore>;

  before(async () => {
    srv = await startS3Server();
    store = createS3BlobStore({
      settings: settingsFor(srv, 'practice/one'),
      wrapKey: wrap,
      chunkSize: CHUNK,
      partBytes: 5 * MiB,
    });
    await store.init();
  });
  after(async () => {
    await store.close();
    await srv.close();
  });

  const put = async (content: Buffer) => {
    const p = await store.write(pieces(content), { maxBytes: 64 * MiB, idleMs: 5000 });
    await store.commit(p);
    return p;
  };

  test('round trip around chunk edges and across several multipart parts', async () => {
    for (const n of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17, 12 * MiB + 5]) {
      const content = crypto.randomBytes(n);
      const p = await put(content);
      assert.equal(p.sha256, sha(content), `sha for ${n}`);
      assert.equal(p.size, n);
      const back = await collect(
        store.createReadStream(store.handleFor({ id: p.id, storage_key: p.storageKey, wrapped_key: p.wrappedKey })),
      );
      assert.ok(back.equals(content), `bytes for ${n}`);
      assert.deepEqual(await store.digest(p.handle), { sha256: sha(content), size: n });
    }
  });

  test('byte ranges and random access read exactly the asked bytes', async () => {
    const content = crypto.randomBytes(20 * CHUNK + 123);
    const p = await put(content);
    for (const [start, end] of [
      [0, 0],
      [CHUNK - 1, CHUNK],
      [5 * CHUNK + 7, 11 * CHUNK + 3],
      [content.length - 10, content.length + 50],
    ] as const) {
      const got = await collect(store.createReadStream(p.handle, { start, end }));
      assert.ok(got.equals(content.subarray(start, end + 1)), `range ${start}-${end}`);
    }
    const ra = await store.openRandomAccess(p.handle);
    assert.equal(ra.size, content.length);
    assert.ok((await ra.read(CHUNK * 7 - 5, CHUNK * 3)).equals(content.subarray(CHUNK * 7 - 5, CHUNK * 10 - 5)));
    assert.ok((await ra.read(3, 10)).equals(content.subarray(3, 13)));
    await ra.close();
  });

  test('the store holds only ciphertext, under the prefix, and a changed byte is caught on read', async () => {
    const marker = Buffer.from('PATIENT-NAME-MARKER '.repeat(500));
    const p = await put(marker);
    const raw = await collect(store.readSealed(p.storageKey));
    assert.ok(!raw.includes(Buffer.from('PATIENT-NAME-MARKER')), 'no plaintext in the bucket');
    const onDisk = fs.readdirSync(path.join(srv.dir, srv.bucket), { recursive: true }).map(String);
    assert.ok(
      onDisk.some((f) => f.includes(path.join('practice', 'one', 'blobs', p.id.slice(0, 2)))),
      'object under the prefix',
    );
    const bad = Buffer.from(raw);
    bad[bad.length - 40]! ^= 1;
    await store.client.send(
      new PutObjectCommand({ Bucket: srv.bucket, Key: `practice/one/${p.storageKey}`, Body: bad }),
    );
    await assert.rejects(collect(store.createReadStream(p.handle)), BlobIntegrityError);
    await assert.rejects(store.digest(p.handle), BlobIntegrityError);
  });

  test('an upload that stops half-way leaves no object (its multipart upload is never completed)', async () => {
    const before = new Set<string>();
    for await (const b of store.list()) for (const x of b) before.add(x.storageKey);
    await assert.rejects(
      store.write(dropsAfter(crypto.randomBytes(11 * MiB)), { maxBytes: 64 * MiB, idleMs: 5000 }),
      /connection reset/,
    );
    await assert.rejects(
      store.write(pieces(crypto.randomBytes(7 * MiB)), { maxBytes: 6 * MiB, idleMs: 5000 }),
      (e: unknown) => e instanceof BlobWriteError && e.reason === 'too_large',
    );
    const after = new Set<string>();
    for await (const b of store.list()) for (const x of b) after.add(x.storageKey);
    assert.deepEqual(after, before, 'no new object is visible');
    // The multipart upload had really started (parts were sent): only completing it would show it.
    assert.ok(
      fs.readdirSync(path.join(srv.dir, srv.bucket), { recursive: true }).some((f) => String(f).includes('uploads')),
    );
  });

  test('a refused file (onHead) is not stored; discard removes a pending one', async () => {
    const before = (await store.list()[Symbol.asyncIterator]().next()).value?.length ?? 0;
    await assert.rejects(
      store.write(pieces(Buffer.from('MZ not a document')), {
        maxBytes: MiB,
        idleMs: 5000,
        onHead: () => {
          throw new Error('refused');
        },
      }),
      (e: unknown) => e instanceof BlobWriteError && e.reason === 'rejected',
    );
    const p = await store.write(pieces(Buffer.from('pending')), { maxBytes: MiB, idleMs: 5000 });
    assert.ok(await store.exists(p.storageKey));
    await store.discard(p);
    assert.equal(await store.exists(p.storageKey), false);
    assert.equal((await store.list()[Symbol.asyncIterator]().next()).value?.length ?? 0, before);
  });

  test('orphans past the grace go to quarantine, never deleted; only removeQuarantined deletes', async () => {
    const s2 = createS3BlobStore({ settings: settingsFor(srv, 'sweep'), wrapKey: wrap, chunkSize: CHUNK });
    try {
      const known = await s2.write(pieces(Buffer.from('known')), { maxBytes: MiB, idleMs: 5000 });
      const orphan = await s2.write(pieces(Buffer.from('orphan')), { maxBytes: MiB, idleMs: 5000 });
      const sealed = await collect(s2.readSealed(orphan.storageKey));
      assert.equal(
        await s2.sweepOrphans(async () => new Set([known.storageKey]), 60 * 60 * 1000),
        0,
        'young files stay',
      );
      assert.equal(await s2.sweepOrphans(async (keys) => new Set(keys.filter((k) => k === known.storageKey)), 0), 1);
      assert.equal(await s2.exists(orphan.storageKey), false);
      assert.ok(await s2.exists(known.storageKey));
      const q = await s2.listQuarantine();
      assert.deepEqual(
        q.map((x) => x.storageKey),
        [orphan.storageKey],
      );
      const inQuarantine = await s2.client.send(
        new GetObjectCommand({ Bucket: srv.bucket, Key: `sweep/quarantine/${orphan.storageKey}` }),
      );
      assert.ok(
        Buffer.from(await inQuarantine.Body!.transformToByteArray()).equals(sealed),
        'same bytes in quarantine',
      );
      await s2.removeQuarantined(orphan.storageKey);
      assert.deepEqual(await s2.listQuarantine(), []);
      assert.equal(await s2.cleanTemp(), 0, 'no stale multipart uploads (or the server cannot list them)');
    } finally {
      await s2.close();
    }
  });

  test('installation marker: read, claimed once; writeSealed never replaces', async () => {
    const s3 = createS3BlobStore({ settings: settingsFor(srv, 'marker'), wrapKey: wrap });
    try {
      assert.equal(await s3.readInstallation(), null);
      assert.equal(await s3.hasBlobs(), false);
      const id = crypto.randomUUID();
      assert.equal(await s3.claimInstallation(id), id);
      assert.equal(await s3.claimInstallation(crypto.randomUUID()), id, 'the first id stays');
      const key = `blobs/ab/${crypto.randomUUID().replace(/^../, 'ab')}`;
      const bytes = crypto.randomBytes(1000);
      assert.deepEqual(await s3.writeSealed(key, Readable.from([bytes])), { sha256: sha(bytes), size: 1000 });
      await assert.rejects(s3.writeSealed(key, Readable.from([Buffer.from('other')])), /already stored/);
      assert.ok((await collect(s3.readSealed(key))).equals(bytes));
      assert.equal(await s3.hasBlobs(), true);
    } finally {
      await s3.close();
    }
  });

  test('wrong credentials, a missing bucket or no server: init names the setting to fix', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ AWS_ACCESS_KEY_ID: 'NOSUCHKEY' }, /AWS_ACCESS_KEY_ID/],
      [{ STORAGE_URL: 's3://no-such-bucket/x' }, /bucket "no-such-bucket".*STORAGE_URL/],
      [{ S3_ENDPOINT: 'http://127.0.0.1:9' }, /S3_ENDPOINT/],
    ];
    for (const [env, message] of cases) {
      const s = createS3BlobStore({ settings: settingsFor(srv, 'x', env), wrapKey: wrap });
      try {
        await assert.rejects(
          s.init(),
          (e: Error) => e.name === 'StorageUnreachableError' && message.test(e.message),
          JSON.stringify(env),
        );
      } finally {
        await s.close();
      }
    }
    // s3rver checks that the access key exists but not SigV4 signatures, so a wrong secret
    // cannot be produced there; the words for the error AWS S3 and MinIO answer with:
    const wrongSecret = Object.assign(new Error('The request signature we calculated does not match'), {
      name: 'SignatureDoesNotMatch',
    });
    assert.match(explainS3Failure(wrongSecret, settingsFor(srv, 'x')), /AWS_SECRET_ACCESS_KEY is not the secret/);
  });
});

describe('S3 settings', () => {
  test('STORAGE_URL gives bucket and folder; bad values name the variable', () => {
    const c = loadConfig({ STORAGE_URL: 's3://practice-docs/second-opinion/', S3_FORCE_PATH_STYLE: 'true' });
    assert.deepEqual(c.storage, {
      kind: 's3',
      url: 's3://practice-docs/second-opinion/',
      bucket: 'practice-docs',
      prefix: 'second-opinion',
      region: 'us-east-1',
      forcePathStyle: true,
    });
    assert.deepEqual(loadConfig({}).storage, { kind: 'local' });
    assert.throws(() => loadConfig({ STORAGE_URL: 'https://bucket/x' }), /STORAGE_URL: must look like s3:\/\/bucket/);
    assert.throws(
      () => loadConfig({ STORAGE_URL: 's3://bk1/x', AWS_ACCESS_KEY_ID: 'k' }),
      /AWS_SECRET_ACCESS_KEY: must be set too/,
    );
    assert.throws(() => loadConfig({ S3_ENDPOINT: 'minio:9000' }), /S3_ENDPOINT/);
  });
});
