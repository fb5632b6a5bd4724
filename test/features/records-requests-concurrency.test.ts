import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { listTasksForCase } from '../../src/platform/tasks/tasks-store.ts';
import { addHelper, type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildRecordRequest, buildSpecimenRequest } from '../builders/records.ts';
import { api } from '../helpers/agent.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// Lost updates (issue 13, ADR 0016) on records requests and specimen requests: the API
// sends the version as an ETag and honours If-Match; steps without If-Match are checked
// again on the newest version; a page posted from an older version shows both and saves nothing.

forEachDialect('records and specimen requests: saving at the same time', (dialect) => {
  let t: TestApp;
  let me: BuiltUser;
  let sister: BuiltUser;
  let caseId: string;
  before(async () => {
    t = await buildTestApp(dialect);
    me = await buildUser(t);
    sister = await buildUser(t);
    await addHelper(t.deps, me.patientId, sister, me.userId);
    caseId = await buildCase(t.deps, me);
  });
  after(() => t.close());

  const recordRow = (id: string) =>
    t.deps.db.selectFrom('record_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const specimenRow = (id: string) =>
    t.deps.db.selectFrom('specimen_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  test('records request API: ETag on read and write; a change from an older version gets 412', async () => {
    const id = await buildRecordRequest(t, me, caseId);
    const client = api(t.app, me.apiToken);
    const read = await client.get(`/api/v1/record-requests/${id}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.headers.etag, '"1"');
    assert.equal(read.json().version, 1);

    const first = await client.patch(
      `/api/v1/record-requests/${id}`,
      { action: 'notes', notes: 'Called on Monday' },
      { 'if-match': '"1"' },
    );
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers.etag, '"2"');
    const late = await client.patch(
      `/api/v1/record-requests/${id}`,
      { action: 'sent', sentOn: '2026-11-20' },
      { 'if-match': '"1"' },
    );
    assert.equal(late.statusCode, 412);
    assert.equal(late.json().error.code, 'stale_write');
    const row = await recordRow(id);
    assert.deepEqual(
      [row.notes, row.sent_on, row.version],
      ['Called on Monday', null, 2],
      'the late change changed nothing',
    );
    assert.equal(
      (await listTasksForCase(t.deps.db, caseId)).filter((x) => x.sourceId === id).length,
      0,
      'no task from a refused step',
    );
  });

  test('records request API: notes saved at once without If-Match all land', async () => {
    const id = await buildRecordRequest(t, me, caseId);
    const client = api(t.app, me.apiToken);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        client.patch(`/api/v1/record-requests/${id}`, { action: 'notes', notes: `note ${i}` }),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.statusCode),
      results.map(() => 200),
    );
    assert.equal((await recordRow(id)).version, 7);
  });

  test('specimen request API: one step sent at once by two people is saved once', async () => {
    const id = await buildSpecimenRequest(t, me, caseId);
    const results = await Promise.all(
      [me, sister, me, sister].map((u) =>
        api(t.app, u.apiToken).patch(`/api/v1/specimen-requests/${id}`, { action: 'requested', on: '2026-11-20' }),
      ),
    );
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 400, 400, 400]);
    for (const r of results.filter((x) => x.statusCode === 400)) assert.match(r.json().error.message, /already done/);
    const row = await specimenRow(id);
    assert.deepEqual([row.requested_on, row.version], ['2026-11-20', 2]);
    const tasks = (await listTasksForCase(t.deps.db, caseId)).filter((x) => x.sourceId === id);
    assert.equal(tasks.length, 1, 'one reminder, not one per click');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', id)
      .where('action', '=', 'specimen_request.requested')
      .execute();
    assert.equal(audit.length, 1, 'only the saved step is audited as done');

    const stale = await api(t.app, me.apiToken).patch(
      `/api/v1/specimen-requests/${id}`,
      { action: 'notes', notes: 'x' },
      { 'if-match': '"1"' },
    );
    assert.equal(stale.statusCode, 412);
    const fresh = await api(t.app, me.apiToken).patch(
      `/api/v1/specimen-requests/${id}`,
      { action: 'notes', notes: 'Lab says Friday' },
      { 'if-match': '"2"' },
    );
    assert.equal(fresh.statusCode, 200);
    assert.equal(fresh.headers.etag, '"3"');
  });

  test('specimen request page: a save from an older page shows both and saves nothing', async () => {
    const id = await buildSpecimenRequest(t, me, caseId);
    const url = `/cases/${caseId}/records/specimens/${id}`;
    const form = await me.agent.get(url);
    assert.match(form.body, /<input type="hidden" name="version" value="1"\/>/);
    // The sister marks the letter as sent first, from the same version.
    const hers = await sister.agent.post(url, {
      version: '1',
      action: 'requested',
      requestedOn__month: '11',
      requestedOn__day: '20',
      requestedOn__year: '2026',
    });
    assert.equal(hers.statusCode, 303);
    // Then this person saves notes on the page they opened before.
    const mine = await me.agent.post(url, { version: '1', action: 'notes', notes: 'Pathology asked for blocks too' });
    assert.equal(mine.statusCode, 409);
    assert.match(mine.body, /Someone changed this while you were working on it/);
    assert.match(mine.body, /Pathology asked for blocks too/, 'what this person typed stays');
    assert.match(
      mine.body,
      /<input type="hidden" name="version" value="2"\/>/,
      'the next save goes over the newer version',
    );
    assert.equal((await specimenRow(id)).notes, null, 'nothing saved');
    const again = await me.agent.post(url, { version: '2', action: 'notes', notes: 'Pathology asked for blocks too' });
    assert.equal(again.statusCode, 303);
    assert.deepEqual(
      [(await specimenRow(id)).notes, (await specimenRow(id)).version],
      ['Pathology asked for blocks too', 3],
    );
  });

  test('records request page: a step from an older page shows what is saved, changes nothing', async () => {
    const id = await buildRecordRequest(t, me, caseId);
    const url = `/cases/${caseId}/records/requests/${id}`;
    assert.match((await me.agent.get(url)).body, /<input type="hidden" name="version" value="1"\/>/);
    const hers = await sister.agent.post(url, {
      version: '1',
      action: 'sent',
      sentOn__month: '11',
      sentOn__day: '20',
      sentOn__year: '2026',
    });
    assert.equal(hers.statusCode, 303);
    const mine = await me.agent.post(url, {
      version: '1',
      action: 'received',
      receivedOn__month: '11',
      receivedOn__day: '25',
      receivedOn__year: '2026',
    });
    assert.equal(mine.statusCode, 409);
    assert.match(mine.body, /Someone changed this while you were working on it/);
    assert.match(mine.body, /The records came/, 'the step this person asked for is named');
    const row = await recordRow(id);
    assert.deepEqual([row.sent_on, row.received_on, row.version], ['2026-11-20', null, 2]);
  });
});
