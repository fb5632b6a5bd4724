import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { parseRange } from '../../src/features/records/documents.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildShare } from '../builders/sharing.ts';
import { Agent, api } from '../helpers/agent.ts';
import { pageText } from '../helpers/html.ts';
import { apiUpload, blobFiles, fixture, makePdf, safeJson } from '../helpers/records.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// Taking a wrong file out of a case (kept, can be put back) and byte ranges on downloads.

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe('parseRange: one byte range, inclusive ends (RFC 9110)', () => {
  test('reads the four forms and clamps the end to the file', () => {
    assert.deepEqual(parseRange('bytes=0-9', 100), { kind: 'part', start: 0, end: 9 });
    assert.deepEqual(parseRange('bytes=90-', 100), { kind: 'part', start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=-10', 100), { kind: 'part', start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=50-500', 100), { kind: 'part', start: 50, end: 99 });
    assert.deepEqual(
      parseRange('bytes=-500', 100),
      { kind: 'part', start: 0, end: 99 },
      'a suffix longer than the file is the whole file',
    );
    assert.deepEqual(parseRange('bytes=99-99', 100), { kind: 'part', start: 99, end: 99 });
  });
  test('past the end, or an empty suffix, cannot be met', () => {
    assert.deepEqual(parseRange('bytes=100-', 100), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=100-200', 100), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=-0', 100), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=0-', 0), { kind: 'unsatisfiable' });
  });
  test('several ranges, other units and nonsense get the whole file', () => {
    for (const h of [
      undefined,
      '',
      'bytes=0-1,5-9',
      'items=0-1',
      'bytes=9-1',
      'bytes=-',
      'bytes=a-b',
      'bytes=0-99999999999999999999',
    ]) {
      assert.deepEqual(parseRange(h, 100), { kind: 'whole' }, String(h));
    }
  });
});

forEachDialect('records: remove a document from a case and put it back', (dialect) => {
  let t: TestApp;
  let owner: BuiltUser;
  let stranger: BuiltUser;
  let caseId: string;
  let pdf: Buffer;
  let wrongId: string;
  let keepId: string;
  let ccdId: string;

  before(async () => {
    t = await buildTestApp(dialect);
    // The CCD below names Eve Betterhalf, born 1975-05-01: she is this test's patient.
    owner = await buildUser(t, { displayName: 'Eve Betterhalf', dateOfBirth: '1975-05-01' });
    stranger = await buildUser(t);
    caseId = await buildCase(t.deps, owner);
    pdf = await makePdf(['Neighbour report', 'Zanzibarite marker found in this sample']);
    const up = await apiUpload(t, owner, caseId, [
      { filename: 'not-mine.pdf', content: pdf },
      { filename: 'mine.pdf', content: await makePdf(['My own pathology report']) },
      { filename: 'ccd.xml', content: fixture('ccda/Documents/CCD/CCD 1/CCD.XML') },
    ]);
    [wrongId, keepId, ccdId] = up.results.map((r) => r.documentId!) as [string, string, string];
  });
  after(() => t.close());

  const listIds = async () =>
    (
      safeJson(await api(t.app, owner.apiToken).get(`/api/v1/cases/${caseId}/documents`)).documents as { id: string }[]
    ).map((d) => d.id);
  const search = async (q: string) =>
    safeJson(await api(t.app, owner.apiToken).get(`/api/v1/cases/${caseId}/records/search?q=${encodeURIComponent(q)}`))
      .results as { type: string; id?: string }[];
  const timeline = async () =>
    safeJson(await api(t.app, owner.apiToken).get(`/api/v1/cases/${caseId}/timeline`)).items as {
      documentId: string;
    }[];
  const actions = async (id: string) =>
    (await t.deps.db.selectFrom('audit_log').select('action').where('object_id', '=', id).orderBy('seq').execute()).map(
      (r) => r.action,
    );

  test('without JavaScript: the document page links to a page that says what happens, and the form removes it', async () => {
    const docPage = await owner.agent.get(`/cases/${caseId}/records/documents/${wrongId}`);
    assert.match(docPage.body, new RegExp(`href="/cases/${caseId}/records/documents/${wrongId}/remove"`));
    const confirm = await owner.agent.get(`/cases/${caseId}/records/documents/${wrongId}/remove`);
    assert.equal(confirm.statusCode, 200);
    const text = pageText(confirm.body);
    assert.match(text, /share link you already sent stops showing it/);
    assert.match(text, /Nothing is deleted/);
    assert.ok((await listIds()).includes(wrongId), 'the confirmation page changes nothing');

    // Without the CSRF token: refused, nothing changes.
    const forged = await owner.agent.post(`/cases/${caseId}/records/documents/${wrongId}/remove`, {}, { csrf: false });
    assert.equal(forged.statusCode, 403);
    assert.ok((await listIds()).includes(wrongId));

    const res = await owner.agent.post(`/cases/${caseId}/records/documents/${wrongId}/remove`);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/cases/${caseId}/records#removed-heading`);
    assert.ok(!(await listIds()).includes(wrongId));
    assert.ok((await listIds()).includes(keepId));
    const row = await t.deps.db
      .selectFrom('documents')
      .select('archived_at')
      .where('id', '=', wrongId)
      .executeTakeFirstOrThrow();
    assert.ok(row.archived_at, 'archived_at is set');
    assert.equal((await actions(wrongId)).filter((a) => a === 'document.remove').length, 1);
    assert.ok(blobFiles(t).length >= 3, 'the stored file is kept');
  });

  test('the records page lists it under "Removed files" with a "Put it back" button, not among the documents', async () => {
    const page = await owner.agent.get(`/cases/${caseId}/records`);
    const body = page.body;
    const removedAt = body.indexOf('id="removed-heading"');
    assert.ok(removedAt > 0, 'there is a Removed files section');
    assert.ok(body.indexOf('not mine') > removedAt, 'its title is shown only in the removed section');
    assert.match(body.slice(removedAt), new RegExp(`action="/cases/${caseId}/records/documents/${wrongId}/restore"`));
    assert.match(pageText(body.slice(removedAt)), /Put it back/);
    // Its own page says it is out, offers to put it back, and no longer offers to remove it.
    const doc = await owner.agent.get(`/cases/${caseId}/records/documents/${wrongId}`);
    assert.equal(doc.statusCode, 200);
    assert.match(pageText(doc.body), /taken out of this case/);
    assert.doesNotMatch(doc.body, /\/remove"/);
  });

  test('a removed document is left out of search, the packet, and the case’s API list', async () => {
    assert.deepEqual(await search('zanzibarite'), []);
    const packetPage = await owner.agent.get(`/cases/${caseId}/packet`);
    assert.equal(packetPage.statusCode, 200);
    assert.doesNotMatch(packetPage.body, new RegExp(wrongId));
    const chosen = await api(t.app, owner.apiToken).get(
      `/api/v1/cases/${caseId}/packet?format=pdf&documentIds=${wrongId}`,
    );
    assert.equal(chosen.statusCode, 404, 'it cannot be picked for the packet');
    const fhir = await api(t.app, owner.apiToken).get(`/api/v1/cases/${caseId}/fhir`);
    assert.equal(fhir.statusCode, 200);
    assert.doesNotMatch(fhir.body, new RegExp(wrongId), 'the FHIR export leaves it out');
    assert.match(fhir.body, new RegExp(keepId));
    const removedList = safeJson(
      await api(t.app, owner.apiToken).get(`/api/v1/cases/${caseId}/documents?removed=true`),
    );
    assert.deepEqual(
      removedList.documents.map((d: { id: string }) => d.id),
      [wrongId],
    );
    assert.equal(
      (await api(t.app, owner.apiToken).get(`/api/v1/cases/${caseId}/documents?removed=maybe`)).statusCode,
      400,
    );
    // Its details and bytes stay reachable for the people of the case, to put it back.
    const meta = safeJson(await api(t.app, owner.apiToken).get(`/api/v1/documents/${wrongId}`));
    assert.equal(meta.removed, true);
    assert.ok(meta.removedAt);
  });

  test('a share link that already included it stops showing it to the doctor', async () => {
    const s = await buildShare(t, owner, caseId, { documentIds: [keepId, wrongId] });
    const doctor = new Agent(t.app);
    const view = await doctor.get(s.path);
    assert.equal(view.statusCode, 200);
    assert.doesNotMatch(view.body, new RegExp(wrongId));
    assert.match(view.body, new RegExp(keepId));
    assert.equal((await doctor.get(`${s.path}/documents/${wrongId}/download`)).statusCode, 404);
    // Put back: the same link shows it again (the person chose it for this link).
    await api(t.app, owner.apiToken).patch(`/api/v1/documents/${wrongId}`, { removed: false });
    assert.match((await doctor.get(s.path)).body, new RegExp(wrongId));
    assert.equal((await doctor.get(`${s.path}/documents/${wrongId}/download`)).statusCode, 200);
    await api(t.app, owner.apiToken).patch(`/api/v1/documents/${wrongId}`, { removed: true });
  });

  test('"Put it back" brings it back everywhere, audited', async () => {
    const res = await owner.agent.post(`/cases/${caseId}/records/documents/${wrongId}/restore`);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/cases/${caseId}/records/documents/${wrongId}`);
    assert.ok((await listIds()).includes(wrongId));
    assert.equal((await search('zanzibarite')).length, 1);
    assert.match((await owner.agent.get(`/cases/${caseId}/packet`)).body, new RegExp(wrongId));
    assert.ok((await actions(wrongId)).includes('document.restore'));
    const page = await owner.agent.get(`/cases/${caseId}/records`);
    assert.doesNotMatch(page.body, /id="removed-heading"/, 'no removed list when nothing is removed');
  });

  test('items read from a removed import leave the timeline, tests done and search while it is out', async () => {
    const before = (await timeline()).filter((i) => i.documentId === ccdId).length;
    assert.ok(before > 0, 'the CCD brought items');
    const itemHits = (await search('penicillin')).filter((r) => r.type === 'item').length;
    assert.ok(itemHits > 0, 'an item from the CCD is found');
    const testsBefore = safeJson(await api(t.app, owner.apiToken).get(`/api/v1/cases/${caseId}/tests-done`)).tests as {
      documentId: string | null;
    }[];

    const patch = await api(t.app, owner.apiToken).patch(`/api/v1/documents/${ccdId}`, { removed: true });
    assert.equal(patch.statusCode, 200, patch.body);
    assert.equal(safeJson(patch).removed, true);
    assert.equal((await timeline()).filter((i) => i.documentId === ccdId).length, 0);
    assert.equal((await search('penicillin')).filter((r) => r.type === 'item').length, 0);
    const testsAfter = safeJson(await api(t.app, owner.apiToken).get(`/api/v1/cases/${caseId}/tests-done`)).tests as {
      documentId: string | null;
    }[];
    assert.equal(testsAfter.filter((x) => x.documentId === ccdId).length, 0);
    assert.ok(testsAfter.length <= testsBefore.length);
    const hub = pageText((await owner.agent.get(`/cases/${caseId}/records`)).body);
    assert.doesNotMatch(hub, /We read \d+ health items/, 'the hub count leaves them out too');

    await api(t.app, owner.apiToken).patch(`/api/v1/documents/${ccdId}`, { removed: false });
    assert.equal((await timeline()).filter((i) => i.documentId === ccdId).length, before);
    assert.deepEqual(
      (await actions(ccdId)).filter((a) => a === 'document.remove' || a === 'document.restore'),
      ['document.remove', 'document.restore'],
    );
  });

  test('the API: removed must be a boolean; a no-op is not audited; title changes still work alongside', async () => {
    const bad = await api(t.app, owner.apiToken).patch(`/api/v1/documents/${keepId}`, { removed: 'yes' });
    assert.equal(bad.statusCode, 400);
    assert.ok((await listIds()).includes(keepId));
    const n = (await actions(keepId)).length;
    const same = await api(t.app, owner.apiToken).patch(`/api/v1/documents/${keepId}`, { removed: false });
    assert.equal(same.statusCode, 200);
    assert.equal((await actions(keepId)).filter((a) => a === 'document.restore').length, 0);
    assert.equal((await actions(keepId)).length, n);
    const both = safeJson(
      await api(t.app, owner.apiToken).patch(`/api/v1/documents/${keepId}`, { title: 'Mine, renamed', removed: true }),
    );
    assert.equal(both.title, 'Mine, renamed');
    assert.equal(both.removed, true);
    await api(t.app, owner.apiToken).patch(`/api/v1/documents/${keepId}`, { removed: false });
  });

  test('uploading the same file again after removing it puts the removed one back, with no second copy', async () => {
    await api(t.app, owner.apiToken).patch(`/api/v1/documents/${wrongId}`, { removed: true });
    const files = blobFiles(t).length;
    const { res, results } = await apiUpload(t, owner, caseId, [{ filename: 'again.pdf', content: pdf }]);
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(results[0]!.status, 'restored');
    assert.equal(results[0]!.documentId, wrongId);
    assert.match(results[0]!.message, /put it back/);
    assert.ok((await listIds()).includes(wrongId));
    assert.equal(blobFiles(t).length, files);
    const count = await t.deps.db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 3);
    // Once it is back, the same file again is the ordinary duplicate.
    assert.equal(
      (await apiUpload(t, owner, caseId, [{ filename: 'again.pdf', content: pdf }])).results[0]!.status,
      'duplicate',
    );
  });

  test('the OpenAPI document describes removed on the PATCH body and the document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const patch = JSON.stringify(doc.paths['/api/v1/documents/{documentId}']!.patch);
    assert.match(patch, /"removed":\{"type":"boolean"/);
    assert.match(patch, /"removedAt"/);
  });

  test('a stranger cannot remove or restore: 404, and nothing changes', async () => {
    const viaApi = await api(t.app, stranger.apiToken).patch(`/api/v1/documents/${keepId}`, { removed: true });
    assert.equal(viaApi.statusCode, 404);
    for (const url of [
      `/cases/${caseId}/records/documents/${keepId}/remove`,
      `/cases/${caseId}/records/documents/${keepId}/restore`,
    ]) {
      assert.equal((await stranger.agent.post(url)).statusCode, 404, url);
    }
    assert.equal((await stranger.agent.get(`/cases/${caseId}/records/documents/${keepId}/remove`)).statusCode, 404);
    assert.ok((await listIds()).includes(keepId));
  });
});

forEachDialect('records: byte ranges on downloads', (dialect) => {
  let t: TestApp;
  let owner: BuiltUser;
  let caseId: string;
  let content: Buffer;
  let id: string;

  before(async () => {
    t = await buildTestApp(dialect);
    owner = await buildUser(t);
    caseId = await buildCase(t.deps, owner);
    // Over one storage chunk, so ranges cross chunk edges.
    content = await makePdf(
      Array.from({ length: 1500 }, (_, i) => `Line ${i} ${crypto.randomBytes(24).toString('hex')}`),
    );
    const up = await apiUpload(t, owner, caseId, [{ filename: 'long.pdf', content }]);
    id = up.results[0]!.documentId!;
  });
  after(() => t.close());

  const get = (range: string | undefined, method: 'GET' | 'HEAD' = 'GET', extra: Record<string, string> = {}) =>
    t.app.inject({
      method,
      url: `/api/v1/documents/${id}/content`,
      headers: { authorization: `Bearer ${owner.apiToken}`, ...(range ? { range } : {}), ...extra },
    });
  const downloads = async () =>
    (await t.deps.db.selectFrom('audit_log').select('action').where('object_id', '=', id).execute())
      .map((r) => r.action)
      .filter((a) => a === 'document.download' || a === 'document.read_part');

  test('the whole file says it accepts ranges', async () => {
    const res = await get(undefined);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['accept-ranges'], 'bytes');
    assert.equal(res.rawPayload.length, content.length);
  });

  const cases: [string, number, number][] = [];
  test('first bytes, middle (across a chunk edge), suffix and open-ended: 206 with the exact slice', async () => {
    const size = content.length;
    assert.ok(size > 70_000, `the test file is big enough (${size})`);
    cases.push(
      ['bytes=0-99', 0, 99],
      ['bytes=65530-65545', 65530, 65545],
      ['bytes=-100', size - 100, size - 1],
      [`bytes=${size - 10}-`, size - 10, size - 1],
      ['bytes=0-0', 0, 0],
      [`bytes=10-${size + 1000}`, 10, size - 1],
    );
    for (const [range, start, end] of cases) {
      const res = await get(range);
      assert.equal(res.statusCode, 206, range);
      assert.equal(res.headers['content-range'], `bytes ${start}-${end}/${size}`, range);
      assert.equal(Number(res.headers['content-length']), end - start + 1, range);
      assert.equal(sha(res.rawPayload), sha(content.subarray(start, end + 1)), range);
    }
  });

  test('past the end is 416 with the size; several ranges get the whole file', async () => {
    const size = content.length;
    const res = await get(`bytes=${size}-`);
    assert.equal(res.statusCode, 416);
    assert.equal(res.headers['content-range'], `bytes */${size}`);
    assert.doesNotMatch(res.body, /Line 1/);
    const multi = await get('bytes=0-9,20-29');
    assert.equal(multi.statusCode, 200);
    assert.equal(sha(multi.rawPayload), sha(content));
  });

  test('a stale If-Range gets the whole file; a matching one the part', async () => {
    const stale = await get('bytes=0-9', 'GET', { 'if-range': '"not-this-file"' });
    assert.equal(stale.statusCode, 200);
    assert.equal(stale.rawPayload.length, content.length);
    const fresh = await get('bytes=0-9', 'GET', { 'if-range': `"${sha(content)}"` });
    assert.equal(fresh.statusCode, 206);
  });

  test('the page download honours ranges too', async () => {
    const res = await owner.agent.get(`/cases/${caseId}/records/documents/${id}/file`, { range: 'bytes=5-14' });
    assert.equal(res.statusCode, 206);
    assert.deepEqual(res.rawPayload, content.subarray(5, 15));
  });

  test('audit: a part from byte 0 is a download, a later part is read_part, HEAD is neither', async () => {
    const before = await downloads();
    await get('bytes=0-9');
    await get('bytes=10-19');
    const head = await get(undefined, 'HEAD');
    assert.equal(head.statusCode, 200);
    assert.equal(Number(head.headers['content-length']), content.length);
    assert.equal(head.rawPayload.length, 0);
    const after = await downloads();
    assert.deepEqual(after.slice(before.length), ['document.download', 'document.read_part']);
  });

  test('a stranger gets 404 for a range too', async () => {
    const stranger = await buildUser(t);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/documents/${id}/content`,
      headers: { authorization: `Bearer ${stranger.apiToken}`, range: 'bytes=0-9' },
    });
    assert.equal(res.statusCode, 404);
  });
});
