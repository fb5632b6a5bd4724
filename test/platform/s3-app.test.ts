import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fixedClock } from '../../src/platform/clock.ts';
import { memoryMailer } from '../../src/platform/mail.ts';
import { backupCommand, restoreCommand } from '../../src/platform/storage/commands.ts';
import { StartupError } from '../../src/platform/storage/startup.ts';
import { createServer } from '../../src/server.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { emptyDatabase, emptyPostgresDatabase } from '../helpers/databases.ts';
import { apiUpload, blobFiles, makePdf, safeJson } from '../helpers/records.ts';
import { type S3TestServer, startS3Server } from '../helpers/s3-server.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const overrides = () => ({ clock: fixedClock('2026-11-27T15:00:00.000Z'), mailer: memoryMailer() });

forEachDialect('the app with documents in S3-compatible storage', (dialect) => {
  let srv: S3TestServer;
  let t: TestApp;
  let owner: BuiltUser;
  let caseId: string;
  let pdf: Buffer;
  let documentId: string;
  const prefix = `inst-${dialect}`;

  before(async () => {
    srv = await startS3Server();
    t = await buildTestApp(dialect, { env: srv.env(prefix) });
    owner = await buildUser(t);
    caseId = await buildCase(t.deps, owner);
    pdf = await makePdf(['Surgical pathology report', 'Invasive ductal carcinoma, grade 2']);
  });
  after(async () => {
    await t.close();
    await srv.close();
  });

  test('upload through HTTP lands in the bucket, encrypted; nothing under DATA_DIR/documents', async () => {
    assert.match(t.deps.blobs.location, new RegExp(`^s3://${srv.bucket}/${prefix}$`));
    const { res, results } = await apiUpload(t, owner, caseId, [{ filename: 'report.pdf', content: pdf }]);
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(results[0]!.status, 'stored');
    documentId = results[0]!.documentId!;
    assert.deepEqual(blobFiles(t), [], 'no local document file');
    const stored = [];
    for await (const b of t.deps.blobs.list()) stored.push(...b);
    assert.equal(stored.length, 1);
    const chunks: Buffer[] = [];
    for await (const c of t.deps.blobs.readSealed(stored[0]!.storageKey)) chunks.push(c as Buffer);
    const sealed = Buffer.concat(chunks);
    assert.ok(!sealed.includes(pdf.subarray(0, 64)), 'the bucket never holds the plaintext');
    assert.ok(!sealed.includes(Buffer.from('ductal carcinoma')));
    const meta = safeJson(await api(t.app, owner.apiToken).get(`/api/v1/documents/${documentId}`));
    assert.equal(meta.sha256, sha(pdf));
    assert.equal(meta.textStatus, 'extracted', 'the text was read back from the bucket');
  });

  test('download through HTTP gives the same bytes, and byte ranges work', async () => {
    const whole = await api(t.app, owner.apiToken).get(`/api/v1/documents/${documentId}/content`);
    assert.equal(whole.statusCode, 200);
    assert.equal(sha(whole.rawPayload), sha(pdf));
    const part = await api(t.app, owner.apiToken).get(`/api/v1/documents/${documentId}/content`, {
      range: 'bytes=10-99',
    });
    assert.equal(part.statusCode, 206);
    assert.ok(part.rawPayload.equals(pdf.subarray(10, 100)));
    const stranger = await buildUser(t);
    assert.equal((await api(t.app, stranger.apiToken).get(`/api/v1/documents/${documentId}/content`)).statusCode, 404);
  });

  test('a second process on the same database and bucket serves the same document', async () => {
    const second = await createServer(t.config, overrides());
    try {
      assert.equal(second.deps.installationId, t.deps.installationId);
      const res = await api(second.app, owner.apiToken).get(`/api/v1/documents/${documentId}/content`);
      assert.equal(res.statusCode, 200);
      assert.equal(sha(res.rawPayload), sha(pdf));
    } finally {
      await second.app.close();
    }
  });

  test('the bucket with another (empty) database: refused, naming both, nothing changed', async () => {
    const other = await emptyDatabase(dialect);
    try {
      const before = [];
      for await (const b of t.deps.blobs.list()) before.push(...b);
      await assert.rejects(
        createServer({ ...t.config, database: other.database }, overrides()),
        (e: Error) =>
          e instanceof StartupError &&
          e.message.includes(`s3://${srv.bucket}/${prefix}`) &&
          /DATABASE_URL/.test(e.message),
      );
      const after = [];
      for await (const b of t.deps.blobs.list()) after.push(...b);
      assert.deepEqual(after, before);
    } finally {
      await other.drop();
    }
  });

  test('backup takes the documents from the bucket; restore puts them in DIR/documents', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'so-s3-backup-'));
    let dropTarget = async () => {};
    try {
      const file = path.join(work, 'b.zip');
      const lines: string[] = [];
      const print = (s: string) => void lines.push(s);
      assert.equal(await backupCommand(t.config, [file], print, print, {}), 0, lines.join('\n'));
      assert.match(lines.join('\n'), /1 document file/);
      let target = t.config;
      if (dialect === 'postgres') {
        const db = await emptyPostgresDatabase();
        dropTarget = db.drop;
        target = { ...t.config, database: { kind: 'postgres', url: db.url } };
      }
      // The key file stays where the app keeps it: INSTANCE_KEY stands in for it here.
      const key = fs.readFileSync(path.join(t.dataDir, 'keys', 'instance.key'), 'utf8').trim();
      const dir = path.join(work, 'restored');
      lines.length = 0;
      const code = await restoreCommand(
        { ...target, instanceKeyBase64: key },
        [file, '--data-dir', dir],
        print,
        print,
        {},
      );
      assert.equal(code, 0, lines.join('\n'));
      assert.match(lines.join('\n'), /Every file matched the SHA-256/);
      const restored = fs
        .readdirSync(path.join(dir, 'documents', 'blobs'), { recursive: true })
        .filter((f) => /[0-9a-f-]{36}$/.test(String(f)));
      assert.equal(restored.length, 1);
    } finally {
      await dropTarget();
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  test('wrong access key or an unreachable store at start: refused, naming the variable', async () => {
    const wrongKey = {
      ...t.config,
      storage: { ...(t.config.storage as object), credentials: { accessKeyId: 'NOPE', secretAccessKey: 'x' } },
    };
    await assert.rejects(
      createServer(wrongKey as typeof t.config, overrides()),
      (e: Error) => e instanceof StartupError && /AWS_ACCESS_KEY_ID/.test(e.message) && /did not start/.test(e.message),
    );
    const down = { ...t.config, storage: { ...(t.config.storage as object), endpoint: 'http://127.0.0.1:9' } };
    await assert.rejects(
      createServer(down as typeof t.config, overrides()),
      (e: Error) => e instanceof StartupError && /S3_ENDPOINT/.test(e.message),
    );
  });
});
