import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addHelper, type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// The check's answers are one record two people may change at once (ADR 0016). A page
// answers one question: it is merged onto the newest answers, so an answer someone else
// gave meanwhile is kept. The API replaces all answers and honours If-Match.

forEachDialect('the second-opinion check: saving at the same time', (dialect) => {
  let t: TestApp;
  let me: BuiltUser;
  let sister: BuiltUser;
  before(async () => {
    t = await buildTestApp(dialect);
    me = await buildUser(t);
    sister = await buildUser(t);
    await addHelper(t.deps, me.patientId, sister, me.userId);
  });
  after(() => t.close());

  const row = (caseId: string) =>
    t.deps.db.selectFrom('assessments').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();

  test('answers given on two pages at once both land', async () => {
    const caseId = await buildCase(t.deps, me);
    const base = `/cases/${caseId}/assessment`;
    const posts = [
      me.agent.post(`${base}/emergency`, { emergency: 'no' }),
      sister.agent.post(`${base}/diagnosis`, { diagnosis: 'serious' }),
      me.agent.post(`${base}/working`, { working: 'not_started' }),
      sister.agent.post(`${base}/feeling`, { feeling: 'yes' }),
    ];
    const results = await Promise.all(posts);
    assert.deepEqual(
      results.map((r) => r.statusCode),
      [303, 303, 303, 303],
    );
    const saved = JSON.parse((await row(caseId)).answers);
    assert.deepEqual(saved, { emergency: 'no', diagnosis: 'serious', working: 'not_started', feeling: 'yes' });
    assert.equal((await row(caseId)).version, 4, 'the first answer made the record; each later one raised it');
  });

  test('the API: the version is the ETag; If-Match against an older one gets 412 and changes nothing', async () => {
    const caseId = await buildCase(t.deps, me);
    const client = api(t.app, me.apiToken);
    const fresh = await client.get(`/api/v1/cases/${caseId}/assessment`);
    assert.equal(fresh.headers.etag, '"0"');
    assert.equal(fresh.json().version, 0);
    const first = await client.put(`/api/v1/cases/${caseId}/assessment`, { emergency: 'yes' }, { 'if-match': '"0"' });
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers.etag, '"1"');
    await sister.agent.post(`/cases/${caseId}/assessment/emergency`, { emergency: 'no' });
    const late = await client.put(`/api/v1/cases/${caseId}/assessment`, { emergency: 'yes' }, { 'if-match': '"1"' });
    assert.equal(late.statusCode, 412);
    assert.equal(late.json().error.code, 'stale_write');
    assert.deepEqual(JSON.parse((await row(caseId)).answers), { emergency: 'no' }, 'the newer answer stays');
    const junk = await client.put(`/api/v1/cases/${caseId}/assessment`, { emergency: 'yes' }, { 'if-match': 'W/"x"' });
    assert.equal(junk.statusCode, 412);
    const plain = await client.put(`/api/v1/cases/${caseId}/assessment`, { emergency: 'yes' });
    assert.equal(plain.statusCode, 200, 'without If-Match the answers are replaced');
    assert.equal(plain.headers.etag, '"3"');
  });
});
