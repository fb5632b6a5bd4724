import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildDocument } from '../builders/records.ts';
import { apiUpload, blobFiles, csrfFor, documentCount, pageUpload, tempFiles } from '../helpers/records.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// Issue 17: a records request touches ONE transaction (the route helper's). An upload
// checks access with a plain read before it accepts a byte, then records every file of the
// request in one transaction; each file is read back once (to understand it), never twice.
// The test counts the transactions the app's database opens and the reads of stored files.

forEachDialect('records: one transaction per request, no file read twice', (dialect) => {
  let t: TestApp;
  let me: BuiltUser;
  let caseId: string;
  let documentId: string;
  let transactions = 0;
  let reads = 0;
  let failNext = false;

  before(async () => {
    t = await buildTestApp(dialect);
    me = await buildUser(t);
    caseId = await buildCase(t.deps, me);
    documentId = await buildDocument(t, me, caseId, { title: 'Biopsy report' });
    // transact() opens its transaction through one of these two, depending on the dialect.
    const db = t.deps.db as unknown as Record<'transaction' | 'connection', (...a: unknown[]) => unknown>;
    for (const name of ['transaction', 'connection'] as const) {
      const real = db[name]!.bind(db);
      db[name] = (...a: unknown[]) => {
        transactions++;
        if (failNext) {
          failNext = false;
          throw new Error('the database went away (test)');
        }
        return real(...a);
      };
    }
    const blobs = t.deps.blobs as unknown as Record<
      'createReadStream' | 'openRandomAccess',
      (...a: unknown[]) => unknown
    >;
    for (const name of ['createReadStream', 'openRandomAccess'] as const) {
      const real = blobs[name]!.bind(blobs);
      blobs[name] = (...a: unknown[]) => {
        reads++;
        return real(...a);
      };
    }
  });
  after(() => t.close());

  const api = (url: string) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${me.apiToken}`, accept: 'application/json' },
    });

  const transactionsOf = async (request: () => Promise<{ statusCode: number; body: string }>, status: number) => {
    transactions = 0;
    const res = await request();
    assert.equal(res.statusCode, status, res.body.slice(0, 300));
    return transactions;
  };

  test('the records pages and their API', async () => {
    for (const path of ['', '/checklist', '/timeline', '/tests-done', '/search?q=biopsy', '/upload']) {
      assert.equal(
        await transactionsOf(() => me.agent.get(`/cases/${caseId}/records${path}`), 200),
        1,
        path || 'records',
      );
    }
    for (const path of ['records-checklist', 'timeline', 'tests-done', 'records/search?q=biopsy', 'documents']) {
      assert.equal(await transactionsOf(() => api(`/api/v1/cases/${caseId}/${path}`), 200), 1, path);
    }
    const kind = { intent: 'kind', caseKind: 'cancer' };
    assert.equal(await transactionsOf(() => me.agent.post(`/cases/${caseId}/records/checklist`, kind), 303), 1);
    const bad = { intent: 'statuses', 'status.no_such_item': 'received' };
    assert.equal(
      await transactionsOf(() => me.agent.post(`/cases/${caseId}/records/checklist`, bad), 400),
      1,
      'a form shown again',
    );
  });

  test('a document: its page, a change, a download, the API', async () => {
    const page = `/cases/${caseId}/records/documents/${documentId}`;
    assert.equal(await transactionsOf(() => me.agent.get(page), 200), 1);
    assert.equal(
      await transactionsOf(() => me.agent.post(page, { title: '', kind: 'lab' }), 400),
      1,
      'a form shown again',
    );
    assert.equal(await transactionsOf(() => me.agent.post(page, { title: 'Biopsy', kind: 'pathology' }), 303), 1);
    reads = 0;
    assert.equal(await transactionsOf(() => me.agent.get(`${page}/file`), 200), 1);
    assert.equal(reads, 1, 'the download reads the file once');
    assert.equal(await transactionsOf(() => api(`/api/v1/documents/${documentId}`), 200), 1);
  });

  test('a page upload and an API upload: one transaction, each file read back once', async () => {
    const csrf = await csrfFor(me, caseId);
    const files = [
      { filename: 'note-a.txt', content: Buffer.from('Pathology note A, first visit.\n') },
      { filename: 'note-b.txt', content: Buffer.from('Pathology note B, second visit.\n') },
    ];
    transactions = 0;
    reads = 0;
    const res = await pageUpload(
      t,
      me,
      caseId,
      files.map((f) => ({ name: 'files', ...f })),
      { csrf },
    );
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.equal(transactions, 1, 'two files, one transaction (and the results page in it)');
    assert.equal(reads, 2, 'each file read back once, to understand it');

    transactions = 0;
    reads = 0;
    const viaApi = await apiUpload(t, me, caseId, [
      { filename: 'note-c.txt', content: Buffer.from('Clinic letter C.\n') },
    ]);
    assert.equal(viaApi.res.statusCode, 201);
    assert.deepEqual(
      viaApi.results.map((r) => r.status),
      ['stored'],
    );
    assert.equal(transactions, 1);
    assert.equal(reads, 1);
  });

  test('an upload whose transaction cannot run leaves nothing behind', async () => {
    const before = await documentCount(t);
    const stored = blobFiles(t).length;
    failNext = true;
    const { res } = await apiUpload(t, me, caseId, [
      { filename: 'lost.txt', content: Buffer.from('Never recorded.\n') },
    ]);
    assert.equal(res.statusCode, 500);
    assert.equal(failNext, false, 'the failure was the transaction');
    assert.equal(await documentCount(t), before);
    assert.equal(blobFiles(t).length, stored, 'no stored file without its row');
    assert.deepEqual(tempFiles(t), []);
  });
});
