import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { enqueueImport, IMPORT_JOB, ITEMS_PER_TRANSACTION } from '../../src/features/records/imports-job.ts';
import { stopImportThreads } from '../../src/features/records/imports-thread.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildDocument } from '../builders/records.ts';
import { api } from '../helpers/agent.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// The records.import job end to end (a stored FHIR file read in a worker thread, its items
// added once), and the status page and JSON of a job: its owner sees progress and outcome,
// without JavaScript (the page asks the browser to refresh); anyone else gets 404.

const BUNDLE = fs.readFileSync(
  path.resolve(import.meta.dirname, '../fixtures/fhir/synthea/uscore_bundle_patient_355.json'),
);

forEachDialect('import jobs and their status page', (dialect) => {
  let t: TestApp;
  let owner: BuiltUser;
  let stranger: BuiltUser;
  let caseId: string;

  const storedPortalFile = async (content: Buffer, type: 'fhir' | 'ccda' | 'text' = 'fhir') => {
    const id = await buildDocument(t, owner, caseId, { content, title: 'Portal export' });
    await t.deps.db.updateTable('documents').set({ detected_type: type }).where('id', '=', id).execute();
    return id;
  };
  const itemCount = async (documentId: string) =>
    Number(
      (
        await t.deps.db
          .selectFrom('record_items')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('document_id', '=', documentId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await buildTestApp(dialect);
    owner = await buildUser(t);
    stranger = await buildUser(t);
    caseId = await buildCase(t.deps, owner);
  });
  after(async () => {
    await t.close();
    await stopImportThreads();
  });

  test('the owner watches a queued import finish; its items are added once, and audited', async () => {
    const documentId = await storedPortalFile(BUNDLE);
    const jobId = await enqueueImport(t.deps, t.deps.db, documentId, owner.userId);
    assert.equal(await enqueueImport(t.deps, t.deps.db, documentId, owner.userId), jobId, 'one job per document');

    let page = await owner.agent.get(`/jobs/${jobId}`);
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers.refresh, '3', 'the browser refreshes by itself while the job waits');
    assert.match(page.body, /Reading your health record file/);
    assert.match(page.body, /Waiting to start/);
    assert.match(page.body, new RegExp(`href="/jobs/${jobId}"`), 'a plain link to check again');

    const mine = api(t.app, owner.apiToken);
    let json = (await mine.get(`/api/v1/jobs/${jobId}`)).json();
    assert.equal(json.state, 'queued');
    assert.equal(json.kind, IMPORT_JOB);

    assert.equal(await t.deps.jobs.runNext(), true);
    json = (await mine.get(`/api/v1/jobs/${jobId}`)).json();
    assert.equal(json.state, 'done', JSON.stringify(json));
    assert.ok(
      json.result.itemsAdded > ITEMS_PER_TRANSACTION,
      `items added: ${json.result.itemsAdded}, in several transactions`,
    );
    assert.equal(json.result.itemsAdded, await itemCount(documentId));
    assert.ok(json.progress.total > 0 && json.progress.done === json.progress.total, 'progress reached the end');

    page = await owner.agent.get(`/jobs/${jobId}`);
    assert.equal(page.headers.refresh, undefined, 'no more refreshing once finished');
    assert.match(page.body, /Finished/);
    assert.match(page.body, new RegExp(`${json.result.itemsAdded} new items were added`));

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'object_id', 'actor_type'])
      .where('action', '=', 'document.import')
      .execute();
    assert.deepEqual(audit, [{ action: 'document.import', object_id: documentId, actor_type: 'system' }]);

    // Run again (a retry after a crash would): nothing is added twice.
    await t.deps.jobs.enqueue(IMPORT_JOB, { documentId }, { key: `${documentId}:again`, ownerUserId: owner.userId });
    assert.equal(await t.deps.jobs.runNext(), true);
    assert.equal(await itemCount(documentId), json.result.itemsAdded);
  });

  test('a job that cannot succeed fails at once with plain words on its page', async () => {
    const documentId = await storedPortalFile(Buffer.from('just a note'), 'text');
    const jobId = await enqueueImport(t.deps, t.deps.db, documentId, owner.userId);
    await t.deps.jobs.runNext();
    const json = (await api(t.app, owner.apiToken).get(`/api/v1/jobs/${jobId}`)).json();
    assert.equal(json.state, 'failed');
    assert.equal(json.attempts, 1, 'not tried again');
    const page = await owner.agent.get(`/jobs/${jobId}`);
    assert.match(page.body, /could not be finished/);
    assert.match(page.body, /not a C-CDA or FHIR health record file/);
    assert.equal(page.headers.refresh, undefined);
  });

  test('a damaged bundle is refused with the same words as at upload, and adds nothing', async () => {
    const documentId = await storedPortalFile(BUNDLE.subarray(0, BUNDLE.length - 10));
    const jobId = await enqueueImport(t.deps, t.deps.db, documentId, owner.userId);
    await t.deps.jobs.runNext();
    const json = (await api(t.app, owner.apiToken).get(`/api/v1/jobs/${jobId}`)).json();
    assert.equal(json.state, 'failed');
    assert.match(json.error, /damaged or incomplete/);
    assert.equal(await itemCount(documentId), 0);
  });

  test('someone else, or nobody signed in, cannot see a job: 404, or sign in first', async () => {
    const documentId = await storedPortalFile(Buffer.from('{"resourceType":"Bundle","entry":[]}'));
    const jobId = await enqueueImport(t.deps, t.deps.db, documentId, owner.userId);
    assert.equal((await stranger.agent.get(`/jobs/${jobId}`)).statusCode, 404);
    assert.equal((await api(t.app, stranger.apiToken).get(`/api/v1/jobs/${jobId}`)).statusCode, 404);
    assert.equal((await api(t.app, owner.apiToken).get('/api/v1/jobs/no-such-job')).statusCode, 404);
    assert.equal((await api(t.app).get(`/api/v1/jobs/${jobId}`)).statusCode, 401);
    const visitor = await t.app.inject({ method: 'GET', url: `/jobs/${jobId}`, headers: { accept: 'text/html' } });
    assert.equal(visitor.statusCode, 303);
    assert.match(String(visitor.headers.location), /^\/sign-in/);
  });
});
