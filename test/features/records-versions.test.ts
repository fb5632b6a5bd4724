import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addHelper, type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildDocument } from '../builders/records.ts';
import { api } from '../helpers/agent.ts';
import { fieldValue, pageText } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// A document's details are a record people edit (ADR 0016): the API sends its version as
// an ETag and honours If-Match, a partial change merges onto the newest version, and the
// page shows "someone changed this" with both versions instead of overwriting.

forEachDialect('documents: saving at the same time', (dialect) => {
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

  const row = (id: string) =>
    t.deps.db
      .selectFrom('documents')
      .select(['title', 'provider', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  test('the API: ETag and version; a change against an older version gets 412 and changes nothing', async () => {
    const id = await buildDocument(t, me, caseId, { title: 'Biopsy report' });
    const client = api(t.app, me.apiToken);
    const read = await client.get(`/api/v1/documents/${id}`);
    assert.equal(read.headers.etag, '"1"');
    assert.equal(read.json().version, 1);
    const first = await client.patch(
      `/api/v1/documents/${id}`,
      { title: 'Biopsy, left breast' },
      { 'if-match': '"1"' },
    );
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.headers.etag, '"2"');
    const late = await client.patch(`/api/v1/documents/${id}`, { title: 'Late' }, { 'if-match': '"1"' });
    assert.equal(late.statusCode, 412);
    assert.equal(late.json().error.code, 'stale_write');
    const removeLate = await client.patch(`/api/v1/documents/${id}`, { removed: true }, { 'if-match': '"1"' });
    assert.equal(removeLate.statusCode, 412, 'taking it out against an older version too');
    assert.deepEqual(await row(id), { title: 'Biopsy, left breast', provider: 'Test Clinic', version: 2 });
    // Without If-Match a partial change lands on the newest version, keeping the other fields.
    const merged = await client.patch(`/api/v1/documents/${id}`, { provider: 'City Lab' });
    assert.equal(merged.statusCode, 200);
    assert.deepEqual(await row(id), { title: 'Biopsy, left breast', provider: 'City Lab', version: 3 });
  });

  test('two changes at once with the same If-Match: one lands, the other gets 412', async () => {
    const id = await buildDocument(t, me, caseId, { title: 'Scan' });
    const a = api(t.app, me.apiToken);
    const b = api(t.app, sister.apiToken);
    const [x, y] = await Promise.all([
      a.patch(`/api/v1/documents/${id}`, { title: 'Scan A' }, { 'if-match': '"1"' }),
      b.patch(`/api/v1/documents/${id}`, { title: 'Scan B' }, { 'if-match': '"1"' }),
    ]);
    assert.deepEqual([x.statusCode, y.statusCode].sort(), [200, 412]);
    const saved = await row(id);
    assert.equal(saved.version, 2);
    assert.equal(saved.title, x.statusCode === 200 ? 'Scan A' : 'Scan B');
  });

  test('the page: a save made from an older version shows both and changes nothing', async () => {
    const id = await buildDocument(t, me, caseId, { title: 'Clinic letter' });
    const url = `/cases/${caseId}/records/documents/${id}`;
    const mine = await me.agent.get(url);
    assert.equal(fieldValue(mine.body, 'version'), '1');
    // The sister saves first.
    await sister.agent.get(url);
    const hers = await sister.agent.post(url, { title: 'Letter from Dr. Lee', kind: 'letter', version: '1' });
    assert.equal(hers.statusCode, 303);
    const late = await me.agent.post(url, { title: 'Clinic letter, June', kind: 'letter', version: '1' });
    assert.equal(late.statusCode, 409);
    const text = pageText(late.body);
    assert.match(text, /Letter from Dr\. Lee/, 'what is saved now');
    assert.equal(fieldValue(late.body, 'title'), 'Clinic letter, June', 'what this person typed is kept');
    assert.equal(fieldValue(late.body, 'version'), '2', 'saving again is a choice made over the newer version');
    assert.deepEqual(await row(id), { title: 'Letter from Dr. Lee', provider: null, version: 2 });
    const again = await me.agent.post(url, { title: 'Clinic letter, June', kind: 'letter', version: '2' });
    assert.equal(again.statusCode, 303);
    assert.equal((await row(id)).title, 'Clinic letter, June');
  });

  test('the checklist page: an item changed meanwhile shows both, changes nothing, and saving again works', async () => {
    const c = await buildCase(t.deps, me);
    const client = api(t.app, me.apiToken);
    const put = await client.put(`/api/v1/cases/${c}/records-checklist`, { caseKind: 'cancer' });
    assert.equal(put.statusCode, 200, put.body);
    const [first, second] = put.json().items.map((i: { key: string }) => i.key) as [string, string];
    const url = `/cases/${c}/records/checklist`;
    const mine = await me.agent.get(url);
    assert.equal(fieldValue(mine.body, `version.${first}`), '0', 'nobody has set it yet');
    await sister.agent.get(url);
    const hers = await sister.agent.post(url, {
      intent: 'statuses',
      [`status.${first}`]: 'requested',
      [`version.${first}`]: '0',
    });
    assert.equal(hers.statusCode, 303);
    const late = await me.agent.post(url, {
      intent: 'statuses',
      [`status.${first}`]: 'received',
      [`version.${first}`]: '0',
      [`status.${second}`]: 'requested',
      [`version.${second}`]: '0',
    });
    assert.equal(late.statusCode, 409);
    assert.match(pageText(late.body), /Someone changed this/i);
    assert.equal(fieldValue(late.body, `version.${first}`), '1', 'the newer version, to save over it on purpose');
    const items = () =>
      t.deps.db
        .selectFrom('record_checklist_items')
        .select(['item_key', 'status', 'version'])
        .where('case_id', '=', c)
        .execute();
    assert.deepEqual(
      await items(),
      [{ item_key: first, status: 'requested', version: 1 }],
      'nothing of the late save was written',
    );
    const again = await me.agent.post(url, {
      intent: 'statuses',
      [`status.${first}`]: 'received',
      [`version.${first}`]: '1',
      [`status.${second}`]: 'requested',
      [`version.${second}`]: '0',
    });
    assert.equal(again.statusCode, 303);
    const after = new Map((await items()).map((i) => [i.item_key, [i.status, i.version]]));
    assert.deepEqual(after.get(first), ['received', 2]);
    assert.deepEqual(after.get(second), ['requested', 1]);
  });
});
