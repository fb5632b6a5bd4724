import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { fixedClock } from '../../src/platform/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { memoryMailer } from '../../src/platform/mail.ts';
import { storageCommand } from '../../src/platform/storage/commands.ts';
import { createServer } from '../../src/server.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { apiUpload, makePdf } from '../helpers/records.ts';
import { type S3TestServer, startS3Server } from '../helpers/s3-server.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

forEachDialect('storage migrate: local documents into an S3 bucket', (dialect) => {
  let srv: S3TestServer;
  let t: TestApp;
  let owner: BuiltUser;
  const docs: { id: string; bytes: Buffer }[] = [];

  before(async () => {
    srv = await startS3Server();
    t = await buildTestApp(dialect);
    owner = await buildUser(t);
    const caseId = await buildCase(t.deps, owner);
    for (const i of [1, 2, 3]) {
      const bytes = await makePdf([`Report number ${i}`, 'Findings in plain words']);
      const { results } = await apiUpload(t, owner, caseId, [{ filename: `r${i}.pdf`, content: bytes }]);
      assert.equal(results[0]!.status, 'stored');
      docs.push({ id: results[0]!.documentId!, bytes });
    }
  });
  after(async () => {
    await t.close();
    await srv.close();
  });

  const run = async (to: string) => {
    const out: string[] = [];
    const err: string[] = [];
    const env = { ...srv.env(), STORAGE_URL: undefined };
    const code = await storageCommand(
      t.config,
      ['migrate', '--to', to],
      (s) => out.push(s),
      (s) => err.push(s),
      env,
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  test('copies every document, checks each, and the app then serves them from the bucket', async () => {
    const r = await run(`s3://${srv.bucket}/moved`);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Done: 3 copied and checked, 0 already there and checked, 0 problems/);
    const config = { ...t.config, storage: loadConfig(srv.env('moved')).storage };
    const moved = await createServer(config, { clock: fixedClock('2026-11-27T15:00:00.000Z'), mailer: memoryMailer() });
    try {
      assert.equal(moved.deps.blobs.location, `s3://${srv.bucket}/moved`);
      for (const d of docs) {
        const res = await api(moved.app, owner.apiToken).get(`/api/v1/documents/${d.id}/content`);
        assert.equal(res.statusCode, 200);
        assert.equal(sha(res.rawPayload), sha(d.bytes));
      }
    } finally {
      await moved.app.close();
    }
  });

  test('running it again copies nothing and checks everything', async () => {
    const r = await run(`s3://${srv.bucket}/moved`);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Done: 0 copied and checked, 3 already there and checked, 0 problems/);
  });

  test('a damaged copy is reported, not overwritten; a bucket of another installation is refused', async () => {
    const client = new S3Client({
      endpoint: srv.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    try {
      const row = await t.deps.db.selectFrom('record_blobs').select('storage_key').limit(1).executeTakeFirstOrThrow();
      const junk = Buffer.from('not the document');
      await client.send(new PutObjectCommand({ Bucket: srv.bucket, Key: `moved/${row.storage_key}`, Body: junk }));
      const r = await run(`s3://${srv.bucket}/moved`);
      assert.equal(r.code, 1);
      assert.match(r.err, new RegExp(`${row.storage_key}: the copy already there does not match`));
      assert.match(r.out, /2 already there and checked, 1 problems/);
      const other = JSON.stringify({ installationId: crypto.randomUUID() });
      await client.send(new PutObjectCommand({ Bucket: srv.bucket, Key: 'theirs/installation.json', Body: other }));
      const refused = await run(`s3://${srv.bucket}/theirs`);
      assert.equal(refused.code, 1);
      assert.match(refused.err, /belongs to another installation.*Nothing was copied/s);
    } finally {
      client.destroy();
    }
  });

  test('bad --to is refused with the usage or the rule', async () => {
    assert.equal((await run('https://example.org/x')).code, 2);
    const missing = await storageCommand(
      t.config,
      ['migrate'],
      () => {},
      () => {},
    );
    assert.equal(missing, 2);
  });
});
