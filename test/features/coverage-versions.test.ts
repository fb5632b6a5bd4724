// The household's clock decides "today"; pin it so the fixed test clock means the same day everywhere.
process.env.TZ = 'UTC';

import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { addHelper, type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { fieldValue, pageText } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// The coverage plan is a record two people may edit at once (ADR 0016): its forms carry
// its version, the API sends it as an ETag and honours If-Match, and a save over a newer
// version shows both and changes nothing. Prior authorization lives on the plan's row, so
// it shares the plan's version.

forEachDialect('coverage: saving the plan at the same time', (dialect) => {
  let t: TestApp;
  let me: BuiltUser;
  let sister: BuiltUser;
  let caseId: string;
  before(async () => {
    t = await buildTestApp(dialect);
    me = await buildUser(t);
    sister = await buildUser(t);
    await addHelper(t.deps, me.patientId, sister, me.userId);
  });
  after(() => t.close());
  beforeEach(async () => {
    t.clock.set('2026-11-27T15:00:00.000Z');
    caseId = await buildCase(t.deps, me);
  });

  const plan = () =>
    t.deps.db.selectFrom('coverage_plans').selectAll().where('case_id', '=', caseId).executeTakeFirst();

  test('the API: the version is the ETag; If-Match against an older one gets 412 and changes nothing', async () => {
    const client = api(t.app, me.apiToken);
    const none = await client.get(`/api/v1/cases/${caseId}/coverage`);
    assert.equal(none.headers.etag, undefined, 'no plan, no version');

    const first = await client.put(
      `/api/v1/cases/${caseId}/coverage`,
      { planType: 'private_ppo', insurer: 'Acme' },
      { 'if-match': '"0"' },
    );
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.headers.etag, '"1"');
    assert.equal(first.json().plan.version, 1);
    const again0 = await client.put(
      `/api/v1/cases/${caseId}/coverage`,
      { planType: 'uninsured' },
      { 'if-match': '"0"' },
    );
    assert.equal(again0.statusCode, 412, '"0" means "only if there is no plan yet"');

    const read = await client.get(`/api/v1/cases/${caseId}/coverage`);
    assert.equal(read.headers.etag, '"1"');
    const second = await client.put(
      `/api/v1/cases/${caseId}/coverage`,
      { planType: 'private_ppo', insurer: 'Acme', priorAuth: { status: 'requested', requestedOn: '2026-11-26' } },
      { 'if-match': '"1"' },
    );
    assert.equal(second.statusCode, 200);
    assert.equal(second.headers.etag, '"3"', 'the plan and its prior authorization: two changes');

    const late = await client.put(`/api/v1/cases/${caseId}/coverage`, { planType: 'uninsured' }, { 'if-match': '"1"' });
    assert.equal(late.statusCode, 412);
    assert.equal(late.json().error.code, 'stale_write');
    const row = (await plan())!;
    assert.equal(row.plan_type, 'private_ppo');
    assert.equal(row.prior_auth_status, 'requested');
    assert.equal(row.version, 3);

    const anyVersion = await client.put(`/api/v1/cases/${caseId}/coverage`, {
      planType: 'private_hmo',
      insurer: 'Acme',
    });
    assert.equal(anyVersion.statusCode, 200, 'without If-Match the newest is replaced');
    assert.equal(anyVersion.headers.etag, '"4"');
  });

  test('saves at once without If-Match all land, each raising the version', async () => {
    const client = api(t.app, me.apiToken);
    const insurers = ['A', 'B', 'C', 'D', 'E', 'F'].map((x) => `Plan ${x}`);
    const results = await Promise.all(
      insurers.map((insurer) => client.put(`/api/v1/cases/${caseId}/coverage`, { planType: 'private_ppo', insurer })),
    );
    assert.deepEqual(
      results.map((r) => r.statusCode),
      insurers.map(() => 200),
    );
    const row = (await plan())!;
    assert.equal(row.version, insurers.length);
    assert.ok(insurers.includes(row.insurer!));
  });

  test('the plan page carries the version; a save over a newer plan shows both and saves nothing', async () => {
    const blank = await me.agent.get(`/cases/${caseId}/coverage/plan`);
    assert.equal(fieldValue(blank.body, 'version'), '0', 'no plan yet');
    const hers = await sister.agent.post(`/cases/${caseId}/coverage/plan`, {
      planType: 'private_hmo',
      insurer: 'Her Health',
      version: '0',
    });
    assert.equal(hers.statusCode, 303);

    const mine = await me.agent.post(`/cases/${caseId}/coverage/plan`, {
      planType: 'private_ppo',
      insurer: 'My Health',
      version: '0',
    });
    assert.equal(mine.statusCode, 409);
    const text = pageText(mine.body);
    assert.match(text, /Someone changed this while you were working on it/);
    assert.match(text, /Her Health/, 'what is saved now is shown');
    assert.equal(fieldValue(mine.body, 'insurer'), 'My Health', 'what this person typed stays in the form');
    assert.equal(fieldValue(mine.body, 'version'), '1', 'now against the newer version');
    assert.equal((await plan())!.insurer, 'Her Health', 'nothing saved');

    const again = await me.agent.post(`/cases/${caseId}/coverage/plan`, {
      planType: 'private_ppo',
      insurer: 'My Health',
      version: '1',
    });
    assert.equal(again.statusCode, 303);
    assert.equal((await plan())!.insurer, 'My Health');
    assert.equal((await plan())!.version, 2);
  });

  test('prior authorization shares the plan’s version: a stale form shows both and saves nothing', async () => {
    await me.agent.post(`/cases/${caseId}/coverage/plan`, { planType: 'private_ppo', insurer: 'Acme' });
    const form = await me.agent.get(`/cases/${caseId}/coverage/prior-auth`);
    assert.equal(fieldValue(form.body, 'version'), '1');
    const hers = await sister.agent.post(`/cases/${caseId}/coverage/prior-auth`, {
      status: 'approved',
      number: 'PA-HERS',
      version: '1',
    });
    assert.equal(hers.statusCode, 303);

    const mine = await me.agent.post(`/cases/${caseId}/coverage/prior-auth`, {
      status: 'denied',
      notes: 'They said no',
      version: '1',
    });
    assert.equal(mine.statusCode, 409);
    const text = pageText(mine.body);
    assert.match(text, /Someone changed this while you were working on it/);
    assert.match(text, /PA-HERS/);
    assert.equal(fieldValue(mine.body, 'notes'), 'They said no');
    assert.equal(fieldValue(mine.body, 'version'), '2');
    const row = (await plan())!;
    assert.equal(row.prior_auth_status, 'approved', 'nothing saved');
    const appeals = await t.deps.db
      .selectFrom('tasks')
      .select('id')
      .where('case_id', '=', caseId)
      .where('kind', '=', 'prior_auth_appeal')
      .execute();
    assert.deepEqual(appeals, [], 'no task from a save that did not happen');
  });
});
