import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addTask } from '../../src/platform/tasks/tasks-store.ts';
import { addHelper, type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { fieldValue } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// A task's due date changed by two people at once (ADR 0016): the second save sees the first.

forEachDialect('tasks: saving at the same time', (dialect) => {
  let t: TestApp;
  let me: BuiltUser;
  let caseId: string;
  before(async () => {
    t = await buildTestApp(dialect);
    me = await buildUser(t);
    caseId = await buildCase(t.deps, me);
  });
  after(() => t.close());

  const newTask = () =>
    addTask(t.deps.db, t.deps.clock.now().toISOString(), me.userId, {
      caseId,
      patientId: me.patientId,
      step: 'custom',
      kind: 'custom',
      title: 'Call the clinic',
      dueOn: '2026-12-10',
    });
  const dueOf = async (id: string) =>
    await t.deps.db.selectFrom('tasks').select(['due_on', 'version']).where('id', '=', id).executeTakeFirstOrThrow();

  test('the edit page carries the version; a save over a newer one shows both dates and saves nothing', async () => {
    const id = await newTask();
    const brother = await buildUser(t);
    await addHelper(t.deps, me.patientId, brother, me.userId);
    const form = await me.agent.get(`/cases/${caseId}/tasks/${id}/edit`);
    assert.equal(fieldValue(form.body, 'version'), '1');
    const date = (d: string) => ({
      dueOn__year: d.slice(0, 4),
      dueOn__month: d.slice(5, 7),
      dueOn__day: d.slice(8, 10),
    });
    assert.equal(
      (await brother.agent.post(`/cases/${caseId}/tasks/${id}/edit`, { version: '1', ...date('2026-12-14') }))
        .statusCode,
      303,
    );
    const mine = await me.agent.post(`/cases/${caseId}/tasks/${id}/edit`, { version: '1', ...date('2026-12-20') });
    assert.equal(mine.statusCode, 409);
    assert.match(mine.body, /Someone changed this while you were working on it/);
    assert.match(mine.body, /December 14, 2026/);
    assert.match(mine.body, /December 20, 2026/);
    assert.deepEqual(await dueOf(id), { due_on: '2026-12-14', version: 2 });
  });

  test('the API answers If-Match: 412 on an older version, and the change lands on the current one', async () => {
    const id = await newTask();
    const client = api(t.app, me.apiToken);
    const first = await client.patch(
      `/api/v1/cases/${caseId}/tasks/${id}`,
      { dueOn: '2026-12-12' },
      { 'if-match': '"1"' },
    );
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers.etag, '"2"');
    assert.equal(first.json().version, 2);
    const stale = await client.patch(`/api/v1/cases/${caseId}/tasks/${id}`, { done: true }, { 'if-match': '"1"' });
    assert.equal(stale.statusCode, 412);
    assert.deepEqual(await dueOf(id), { due_on: '2026-12-12', version: 2 });
    const both = await client.patch(
      `/api/v1/cases/${caseId}/tasks/${id}`,
      { dueOn: '2026-12-13', done: true },
      { 'if-match': '"2"' },
    );
    assert.equal(both.statusCode, 200);
    assert.equal(both.json().dueState, 'done');
  });
});
