import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, test } from 'node:test';
import { deriveKeys, keyFingerprint, sameFingerprint } from '../../src/platform/keys.ts';
import { wrapKey } from '../../src/platform/storage/blob-crypto.ts';
import { StorageNotWritableError } from '../../src/platform/storage/blob-store.ts';
import {
  decideBinding,
  decideKey,
  describeDatabase,
  type InstanceFacts,
  notWritableMessage,
} from '../../src/platform/storage/startup.ts';

// The start-up decisions as pure functions: every combination of what the database and
// the storage say, and what must happen (ADR 0008, 0009).

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

function facts(over: Partial<InstanceFacts> = {}): InstanceFacts {
  return {
    dbInstallationId: null,
    dbKeyFingerprint: null,
    dbBlobCount: 0,
    sample: [],
    storageInstallationId: null,
    storageHasBlobs: false,
    sampleStored: 0,
    ...over,
  };
}

describe('which database and storage belong together', () => {
  const cases: [string, Partial<InstanceFacts>, string][] = [
    [
      'same id on both sides',
      { dbInstallationId: A, storageInstallationId: A, dbBlobCount: 3, storageHasBlobs: true },
      'ok',
    ],
    ['different ids', { dbInstallationId: A, storageInstallationId: B }, 'refuse:different'],
    [
      'a new, empty database beside a used folder (the bug of issue 13)',
      { storageInstallationId: A, storageHasBlobs: true },
      'refuse:storage_has_other',
    ],
    [
      'a new database beside a folder with an id but no files yet',
      { storageInstallationId: A },
      'refuse:storage_has_other',
    ],
    [
      'a database with documents beside a new folder',
      { dbInstallationId: A, dbBlobCount: 2 },
      'refuse:database_has_other',
    ],
    ['a database with an id and no documents beside a new folder', { dbInstallationId: A }, 'claim_storage'],
    [
      'a first start stopped between the two writes',
      { dbInstallationId: A, dbBlobCount: 2, storageHasBlobs: true, sampleStored: 2 },
      'claim_storage',
    ],
    [
      'a database with an id beside an unknown folder with files',
      { dbInstallationId: A, storageHasBlobs: true },
      'refuse:storage_has_other',
    ],
    ['nothing anywhere: a new installation', {}, 'new'],
    [
      'before ids existed, the same documents on both sides',
      { dbBlobCount: 5, storageHasBlobs: true, sampleStored: 5 },
      'adopt',
    ],
    [
      'before ids existed, an empty database beside a used folder',
      { storageHasBlobs: true },
      'refuse:storage_has_other',
    ],
    [
      'before ids existed, a database with documents beside an empty folder',
      { dbBlobCount: 5 },
      'refuse:database_has_other',
    ],
    [
      'before ids existed, both used but none of the files match',
      { dbBlobCount: 5, storageHasBlobs: true, sampleStored: 0 },
      'refuse:unrelated',
    ],
  ];
  for (const [name, f, want] of cases) {
    test(name, () => {
      const d = decideBinding(facts(f));
      assert.equal(d.kind === 'refuse' ? `refuse:${d.reason}` : d.kind, want);
    });
  }
});

describe('whether the instance key fits', () => {
  const key = crypto.randomBytes(32);
  const other = crypto.randomBytes(32);
  const row = {
    id: 'blob-1',
    storage_key: 'blobs/ab/x',
    sha256: '0'.repeat(64),
    size_bytes: 1,
    wrapped_key: wrapKey(deriveKeys(key).documentWrapKey, 'blob-1', crypto.randomBytes(32)),
  };

  test('no key and nothing locked: make one', () => assert.deepEqual(decideKey(facts(), null), { kind: 'generate' }));
  test('no key but a fingerprint: refuse, never make a new one', () =>
    assert.deepEqual(decideKey(facts({ dbKeyFingerprint: keyFingerprint(key) }), null), {
      kind: 'refuse',
      reason: 'missing',
    }));
  test('no key but documents (older installation): refuse', () =>
    assert.deepEqual(decideKey(facts({ dbBlobCount: 1 }), null), { kind: 'refuse', reason: 'missing' }));
  test('the recorded key', () =>
    assert.deepEqual(decideKey(facts({ dbKeyFingerprint: keyFingerprint(key) }), key), { kind: 'ok' }));
  test('another key', () =>
    assert.deepEqual(decideKey(facts({ dbKeyFingerprint: keyFingerprint(key) }), other), {
      kind: 'refuse',
      reason: 'wrong',
    }));
  test('no fingerprint, no documents: record it', () =>
    assert.deepEqual(decideKey(facts(), other), { kind: 'record' }));
  test('no fingerprint yet, documents: the key must open one of them', () => {
    assert.deepEqual(decideKey(facts({ dbBlobCount: 1, sample: [row] }), key), { kind: 'record' });
    assert.deepEqual(decideKey(facts({ dbBlobCount: 1, sample: [row] }), other), { kind: 'refuse', reason: 'wrong' });
  });
  test('the fingerprint says nothing about the key and differs per key', () => {
    const f = keyFingerprint(key);
    assert.match(f, /^[0-9a-f]{64}$/);
    assert.ok(!f.includes(key.toString('hex').slice(0, 16)));
    assert.ok(sameFingerprint(f, keyFingerprint(key)));
    assert.ok(!sameFingerprint(f, keyFingerprint(other)));
    assert.ok(!sameFingerprint(f, 'nothex'));
  });
});

describe('messages name things plainly', () => {
  test('the database is named without its password', () => {
    const d = describeDatabase({ kind: 'postgres', url: 'postgres://app:s3cret@db.example.org:5432/so' });
    assert.ok(d.includes('db.example.org:5432/so'));
    assert.ok(!d.includes('s3cret'));
  });
  test('why a folder cannot be written', () => {
    assert.match(
      notWritableMessage(new StorageNotWritableError('/srv/data', 'EROFS')),
      /\/srv\/data \(the disk it is on is mounted read-only\)/,
    );
    assert.match(notWritableMessage(new StorageNotWritableError('/srv/data', 'ENOSPC')), /the disk is full/);
    assert.match(notWritableMessage(new StorageNotWritableError('/srv/data', 'EACCES')), /not allowed to write there/);
  });
});
