import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { chunkLayout, HEADER_BYTES, TAG_BYTES, unwrapKey, wrapKey } from '../../src/platform/storage/blob-crypto.ts';
import {
  BlobIntegrityError,
  type BlobStore,
  BlobWriteError,
  createBlobStore,
} from '../../src/platform/storage/blob-store.ts';

const CHUNK = 4096;
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

async function collect(r: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of r) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

/** Feeds a buffer in uneven pieces, as a network would. */
function pieces(b: Buffer, size = 1000): Readable {
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += size) out.push(b.subarray(i, i + size));
  return Readable.from(out);
}

describe('blob store: sealed chunks', () => {
  let dir: string;
  let store: BlobStore;
  const wrap = crypto.randomBytes(32);

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-blob-'));
    store = createBlobStore({ root: dir, wrapKey: wrap, chunkSize: CHUNK });
    await store.init();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function put(content: Buffer) {
    const p = await store.write(pieces(content), { maxBytes: 10 * 1024 * 1024, idleMs: 5000 });
    await store.commit(p);
    return p;
  }

  test('round trip for sizes around the chunk edges, with fingerprint and size', async () => {
    for (const n of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17]) {
      const content = crypto.randomBytes(n);
      const p = await put(content);
      assert.equal(p.sha256, sha(content), `sha for ${n}`);
      assert.equal(p.size, n);
      const back = await collect(store.createReadStream(p.handle));
      assert.ok(back.equals(content), `bytes for ${n}`);
      const fileSize = fs.statSync(p.handle.path).size;
      assert.equal(chunkLayout(fileSize, CHUNK).plainSize, n);
    }
  });

  test('any byte range reads back exactly (property)', async () => {
    const content = crypto.randomBytes(5 * CHUNK + 123);
    const p = await put(content);
    await fc.assert(
      fc.asyncProperty(fc.nat(content.length - 1), fc.nat(content.length - 1), async (a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const got = await collect(store.createReadStream(p.handle, { start, end }));
        assert.ok(got.equals(content.subarray(start, end + 1)));
        const ra = await store.openRandomAccess(p.handle);
        try {
          assert.ok((await ra.read(start, end - start + 1)).equals(content.subarray(start, end + 1)));
        } finally {
          await ra.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  test('the key is wrapped by the instance key and bound to its blob', () => {
    const key = crypto.randomBytes(32);
    const w = wrapKey(wrap, 'blob-a', key);
    assert.ok(unwrapKey(wrap, 'blob-a', w).equals(key));
    assert.throws(() => unwrapKey(wrap, 'blob-b', w), BlobIntegrityError, 'a key moved to another blob fails');
    assert.throws(
      () => unwrapKey(crypto.randomBytes(32), 'blob-a', w),
      BlobIntegrityError,
      'another instance key fails',
    );
  });

  test('a flipped bit, a cut-off file, swapped chunks or a dropped last chunk are all caught', async () => {
    const content = crypto.randomBytes(4 * CHUNK + 10);
    const p = await put(content);
    const original = fs.readFileSync(p.handle.path);
    const sealed = CHUNK + TAG_BYTES;
    const variants: [string, Buffer][] = [
      [
        'flipped bit',
        Buffer.from(original).fill(original[HEADER_BYTES + 100]! ^ 1, HEADER_BYTES + 100, HEADER_BYTES + 101),
      ],
      ['cut mid-chunk', original.subarray(0, original.length - 5)],
      ['cut at a chunk boundary', original.subarray(0, HEADER_BYTES + 2 * sealed)],
      [
        'chunks swapped',
        Buffer.concat([
          original.subarray(0, HEADER_BYTES),
          original.subarray(HEADER_BYTES + sealed, HEADER_BYTES + 2 * sealed),
          original.subarray(HEADER_BYTES, HEADER_BYTES + sealed),
          original.subarray(HEADER_BYTES + 2 * sealed),
        ]),
      ],
      ['header changed', Buffer.from(original).fill(9, 14, 15)],
    ];
    for (const [name, bytes] of variants) {
      fs.writeFileSync(p.handle.path, bytes);
      await assert.rejects(collect(store.createReadStream(p.handle)), BlobIntegrityError, name);
    }
    fs.writeFileSync(p.handle.path, original);
    assert.ok((await collect(store.createReadStream(p.handle))).equals(content));
  });

  test('no plaintext reaches the disk', async () => {
    const marker = Buffer.from('PATIENT-NAME-MARKER-'.repeat(500));
    const p = await put(marker);
    assert.ok(!fs.readFileSync(p.handle.path).includes(Buffer.from('PATIENT-NAME-MARKER')));
  });

  test('too large, idle and refused writes leave no file behind', async () => {
    await assert.rejects(
      store.write(pieces(crypto.randomBytes(3000)), { maxBytes: 2000, idleMs: 5000 }),
      (e: unknown) => e instanceof BlobWriteError && e.reason === 'too_large',
    );
    const stuck = new Readable({ read() {} });
    stuck.push(Buffer.from('a little, then nothing'));
    await assert.rejects(
      store.write(stuck, { maxBytes: 2000, idleMs: 100 }),
      (e: unknown) => e instanceof BlobWriteError && e.reason === 'idle',
    );
    await assert.rejects(
      store.write(pieces(Buffer.from('nope')), {
        maxBytes: 2000,
        idleMs: 5000,
        onHead: () => {
          throw new Error('wrong type');
        },
      }),
      (e: unknown) => e instanceof BlobWriteError && e.reason === 'rejected',
    );
    assert.deepEqual(fs.readdirSync(path.join(dir, 'tmp')), []);
  });

  test('temp files of dead processes are cleaned at start; live ones are kept', async () => {
    const tmp = path.join(dir, 'tmp');
    const host = os.hostname().replace(/[^A-Za-z0-9-]/g, '_');
    const dead = path.join(tmp, `${host}.999999.${crypto.randomUUID()}.part`);
    const mine = path.join(tmp, `${host}.${process.pid}.${crypto.randomUUID()}.part`);
    const live = path.join(tmp, `${host}.${process.ppid}.${crypto.randomUUID()}.part`);
    for (const f of [dead, mine, live]) fs.writeFileSync(f, 'x');
    const removed = await store.cleanTemp();
    assert.equal(removed, 2);
    assert.deepEqual(fs.readdirSync(tmp), [path.basename(live)]);
    fs.rmSync(live);
  });

  test('orphans are moved to quarantine (never deleted), only when unknown and old enough', async () => {
    const known = await put(Buffer.from('known'));
    const orphan = await put(Buffer.from('orphan'));
    const sealed = fs.readFileSync(orphan.handle.path);
    const keep = new Set([known.storageKey]);
    const knownFn = async (keys: string[]) => new Set(keys.filter((k) => keep.has(k) || k !== orphan.storageKey));
    assert.equal(await store.sweepOrphans(knownFn, 60_000), 0, 'too young to move');
    assert.equal(await store.sweepOrphans(knownFn, 0), 1);
    assert.ok(!fs.existsSync(orphan.handle.path));
    assert.ok(fs.existsSync(known.handle.path));
    const moved = path.join(dir, 'quarantine', orphan.storageKey);
    assert.ok(fs.readFileSync(moved).equals(sealed), 'the same bytes, in quarantine');
    const q = await store.listQuarantine();
    assert.deepEqual(
      q.map((b) => b.storageKey),
      [orphan.storageKey],
    );
    assert.ok(Date.now() - q[0]!.modifiedAt < 60_000, 'its age in quarantine starts when it is moved');
    assert.equal(await store.exists(orphan.storageKey), false);
    await store.removeQuarantined(orphan.storageKey);
    assert.deepEqual(await store.listQuarantine(), []);
  });

  test('the installation marker is written once; a second claim gets the first id', async () => {
    assert.equal(await store.readInstallation(), null);
    const a = crypto.randomUUID();
    assert.equal(await store.claimInstallation(a), a);
    assert.equal(await store.claimInstallation(crypto.randomUUID()), a, 'the first writer wins');
    assert.equal(await store.readInstallation(), a);
    fs.writeFileSync(path.join(dir, 'installation.json'), '{"installationId": "not an id"}');
    await assert.rejects(store.readInstallation(), /damaged/);
    fs.rmSync(path.join(dir, 'installation.json'));
  });

  test('sealed bytes copy out and back in exactly, and never over an existing file', async () => {
    const p = await put(crypto.randomBytes(3 * CHUNK + 5));
    const raw = fs.readFileSync(p.handle.path);
    const other = createBlobStore({
      root: fs.mkdtempSync(path.join(os.tmpdir(), 'so-blob2-')),
      wrapKey: wrap,
      chunkSize: CHUNK,
    });
    await other.init();
    const wrote = await other.writeSealed(p.storageKey, store.readSealed(p.storageKey));
    assert.equal(wrote.sha256, sha(raw));
    assert.equal(wrote.size, raw.length);
    assert.ok(
      (
        await collect(
          other.createReadStream(other.handleFor({ id: p.id, storage_key: p.storageKey, wrapped_key: p.wrappedKey })),
        )
      ).length ===
        3 * CHUNK + 5,
    );
    await assert.rejects(other.writeSealed(p.storageKey, Readable.from([Buffer.from('x')])), /EEXIST/);
    assert.deepEqual(fs.readdirSync(path.join(other.root, 'tmp')), [], 'no temp file left');
    await assert.rejects(other.writeSealed('../../etc/passwd', Readable.from([Buffer.from('x')])), /not a storage key/);
    assert.equal(await other.hasBlobs(), true);
    fs.rmSync(other.root, { recursive: true, force: true });
  });
});
