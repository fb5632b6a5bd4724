import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { verifyCommand } from '../../src/platform/storage/commands.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildDocument } from '../builders/records.ts';
import { api } from '../helpers/agent.ts';
import { ageFiles, emptyDatabase, snapshotFiles } from '../helpers/databases.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// `second-opinion verify`: finds what is wrong without changing anything, and
// `--repair` quarantines orphans and removes only what has been in quarantine a day,
// after listing it.

async function verify(t: TestApp, args: string[] = [], config = t.config): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await verifyCommand(
    config,
    args,
    (s) => lines.push(s),
    (s) => lines.push(s),
  );
  return { code, text: lines.join('\n') };
}

forEachDialect('verify', (dialect) => {
  let t: TestApp;
  let user: BuiltUser;
  let caseId: string;
  const docs: string[] = [];
  let blobsDir: string;

  const blobOf = async (documentId: string) =>
    t.deps.db
      .selectFrom('documents as d')
      .innerJoin('record_blobs as b', 'b.id', 'd.blob_id')
      .select(['b.id', 'b.storage_key', 'b.sha256'])
      .where('d.id', '=', documentId)
      .executeTakeFirstOrThrow();

  before(async () => {
    t = await buildTestApp(dialect);
    user = await buildUser(t);
    caseId = await buildCase(t.deps, user);
    // Big enough for several sealed chunks, so damage in the middle is damage to one chunk.
    for (let i = 0; i < 4; i++)
      docs.push(await buildDocument(t, user, caseId, { text: `Pathology report ${i} `.repeat(20_000) }));
    blobsDir = path.join(t.dataDir, 'documents');
    ageFiles(path.join(blobsDir, 'blobs'), 3);
  });
  after(() => t.close());

  test('a healthy installation: every check passes, exit code 0', async () => {
    const r = await verify(t);
    assert.equal(r.code, 0, r.text);
    assert.match(r.text, /OK {3}Database: /);
    assert.match(r.text, /OK {3}Installation: the database and the documents folder belong together/);
    assert.match(r.text, /OK {3}Documents: 4 stored files checked, each opens and matches its recorded SHA-256/);
    assert.match(r.text, /OK {3}Audit log: \d+ entries, unchanged/);
    assert.match(r.text, /Result: no problems found/);
  });

  test('a corrupted, a missing and a mismatched document are each found and named by id', async () => {
    const damaged = await blobOf(docs[0]!);
    const file = path.join(blobsDir, damaged.storage_key);
    const original = fs.readFileSync(file);
    const bad = Buffer.from(original);
    bad[Math.floor(bad.length / 2)]! ^= 0x01;
    fs.writeFileSync(file, bad);

    const missing = await blobOf(docs[1]!);
    const missingFile = path.join(blobsDir, missing.storage_key);
    const missingBytes = fs.readFileSync(missingFile);
    fs.rmSync(missingFile);

    const changed = await blobOf(docs[2]!);
    await t.deps.db
      .updateTable('record_blobs')
      .set({ sha256: '0'.repeat(64) })
      .where('id', '=', changed.id)
      .execute();
    const before = snapshotFiles(blobsDir);
    try {
      const r = await verify(t);
      assert.equal(r.code, 1, r.text);
      assert.match(r.text, /FAIL Documents: 3 of 4 stored files have a problem/);
      assert.ok(r.text.includes(`${damaged.storage_key} (document ${docs[0]}): its stored file is damaged`), r.text);
      assert.ok(r.text.includes(`${missing.storage_key} (document ${docs[1]}): its stored file is missing`), r.text);
      assert.ok(
        r.text.includes(`${changed.storage_key} (document ${docs[2]}): it opens, but its content does not match`),
        r.text,
      );
      assert.match(r.text, /Result: 3 problems found/);
      assert.deepEqual(snapshotFiles(blobsDir), before, 'verify changes nothing');
    } finally {
      fs.writeFileSync(file, original);
      fs.writeFileSync(missingFile, missingBytes);
      await t.deps.db
        .updateTable('record_blobs')
        .set({ sha256: changed.sha256 })
        .where('id', '=', changed.id)
        .execute();
    }
    assert.equal((await verify(t)).code, 0);
  });

  test('a changed audit entry fails the audit check', async () => {
    // The builders write straight to the stores; an audited request adds entries.
    assert.equal((await api(t.app, user.apiToken).get(`/api/v1/documents/${docs[3]}/content`)).statusCode, 200);
    const entry = await t.deps.db
      .selectFrom('audit_log')
      .select(['seq', 'action'])
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    await t.deps.db.updateTable('audit_log').set({ action: 'tampered' }).where('seq', '=', entry.seq).execute();
    try {
      const r = await verify(t);
      assert.equal(r.code, 1);
      assert.match(r.text, new RegExp(`FAIL Audit log: changed: the problem is at entry ${entry.seq}`));
    } finally {
      await t.deps.db.updateTable('audit_log').set({ action: entry.action }).where('seq', '=', entry.seq).execute();
    }
  });

  test('orphans: reported, moved to quarantine by --repair, and removed only after a day in quarantine, listed first', async () => {
    const put = async () => {
      const p = await t.deps.blobs.write(Readable.from([crypto.randomBytes(2000)]), { maxBytes: 1e6, idleMs: 5000 });
      await t.deps.blobs.commit(p);
      return p.storageKey;
    };
    const young = await put();
    const old = await put();
    const then = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(path.join(blobsDir, old), then, then);

    const r = await verify(t);
    assert.equal(r.code, 0, 'orphans are something to tidy, not a failure');
    assert.match(r.text, /NOTE Stored files no document uses: 1 older than an hour/);

    const r2 = await verify(t, ['--repair']);
    assert.ok(r2.text.includes(`Repair: moving 1 stored file no document uses to quarantine:\n  ${old}`), r2.text);
    assert.match(r2.text, /nothing in quarantine is older than a day, so nothing was removed/);
    assert.ok(fs.existsSync(path.join(blobsDir, 'quarantine', old)), 'moved, not deleted');
    assert.ok(fs.existsSync(path.join(blobsDir, young)), 'a file younger than an hour (an upload finishing) stays');

    // A day later (its age in quarantine counts from the move).
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    fs.utimesSync(path.join(blobsDir, 'quarantine', old), dayAgo, dayAgo);
    const r3 = await verify(t, ['--repair']);
    const listed = r3.text.indexOf(`removing 1 file that have been in quarantine`) >= 0 ? r3.text.indexOf(old) : -1;
    assert.ok(
      listed > 0 && listed < r3.text.indexOf('Repair: removed 1 file.'),
      `listed before it is removed:\n${r3.text}`,
    );
    assert.ok(!fs.existsSync(path.join(blobsDir, 'quarantine', old)));
    for (const d of docs) {
      const b = await blobOf(d);
      assert.ok(fs.existsSync(path.join(blobsDir, b.storage_key)), 'documents are never touched');
    }
    await t.deps.blobs.quarantine(young);
  });

  test('against the wrong database: says so, compares nothing, and --repair changes nothing', async () => {
    const other = await emptyDatabase(dialect);
    // An existing, empty SQLite file: verify does not create a database that is not there.
    if (other.database.kind === 'sqlite') new SQLite(other.database.file).close();
    try {
      const before = snapshotFiles(blobsDir);
      const r = await verify(t, ['--repair'], { ...t.config, database: other.database });
      assert.equal(r.code, 1);
      assert.match(r.text, /FAIL Installation: /);
      assert.doesNotMatch(r.text, /Stored files no document uses/);
      assert.match(r.text, /Repair: nothing was changed/);
      assert.deepEqual(snapshotFiles(blobsDir), before);
    } finally {
      await other.drop();
    }
  });
});
