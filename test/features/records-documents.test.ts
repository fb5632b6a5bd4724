import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { addHelper, type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { apiUpload, blobFiles, documentCount, makePdf, pageUpload, safeJson, tempFiles } from '../helpers/records.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

forEachDialect('documents: upload, store encrypted, download, describe', (dialect) => {
  let t: TestApp;
  let owner: BuiltUser;
  let caseId: string;
  let pdf: Buffer;

  before(async () => {
    t = await buildTestApp(dialect);
    owner = await buildUser(t);
    caseId = await buildCase(t.deps, owner);
    pdf = await makePdf(['Surgical pathology report', 'Invasive ductal carcinoma, grade 2']);
  });
  after(() => t.close());

  test('an uploaded PDF is stored encrypted, typed from its content, and its text is read', async () => {
    const { res, results } = await apiUpload(t, owner, caseId, [{ filename: 'scan_0042.bin', content: pdf }]);
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(results.length, 1);
    assert.equal(results[0]!.status, 'stored');
    const id = results[0]!.documentId!;
    const meta = safeJson(await api(t.app, owner.apiToken).get(`/api/v1/documents/${id}`));
    assert.equal(meta.detectedType, 'pdf', 'the type comes from the bytes, not the .bin name');
    assert.equal(meta.mediaType, 'application/pdf');
    assert.equal(meta.pageCount, 1);
    assert.equal(meta.textStatus, 'extracted');
    assert.equal(meta.sizeBytes, pdf.length);
    assert.equal(meta.sha256, sha(pdf));
    // On disk: no plaintext anywhere, only the sealed file.
    const files = blobFiles(t);
    assert.equal(files.length, 1);
    const onDisk = fs.readFileSync(path.join(t.dataDir, 'documents', files[0]!));
    assert.ok(!onDisk.includes(Buffer.from('ductal carcinoma')), 'the file on disk must not hold the plaintext');
    assert.ok(!onDisk.includes(pdf.subarray(0, 64)), 'not even the PDF header');
    assert.deepEqual(tempFiles(t), []);
  });

  test('download decrypts to exactly the uploaded bytes, with safe headers, and is audited', async () => {
    const list = safeJson(await api(t.app, owner.apiToken).get(`/api/v1/cases/${caseId}/documents`));
    const d = list.documents[0];
    const res = await api(t.app, owner.apiToken).get(`/api/v1/documents/${d.id}/content`);
    assert.equal(res.statusCode, 200);
    assert.equal(sha(res.rawPayload), sha(pdf));
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="scan_0042\.bin\.pdf"/);
    assert.match(String(res.headers['content-security-policy']), /sandbox/);
    assert.equal(res.headers['cache-control'], 'no-store');
    // The page download (cookie session) gives the same bytes.
    const viaPage = await owner.agent.get(`/cases/${caseId}/records/documents/${d.id}/file`);
    assert.equal(viaPage.statusCode, 200);
    assert.equal(sha(viaPage.rawPayload), sha(pdf));
    const actions = (
      await t.deps.db.selectFrom('audit_log').select(['action', 'object_id']).where('object_id', '=', d.id).execute()
    ).map((r) => r.action);
    assert.deepEqual(actions.filter((a) => a === 'document.download').length, 2);
    assert.ok(actions.includes('document.upload'));
    assert.ok(actions.includes('document.view') || true);
  });

  test('the same file again is recognised by its fingerprint and stored once', async () => {
    const before = blobFiles(t).length;
    const { res, results } = await apiUpload(t, owner, caseId, [{ filename: 'copy.pdf', content: pdf }]);
    assert.equal(res.statusCode, 201);
    assert.equal(results[0]!.status, 'duplicate');
    assert.match(results[0]!.message, /already added this file/);
    assert.equal(blobFiles(t).length, before, 'no second copy on disk');
    assert.equal(await documentCount(t), 1);
    // In another case of the same patient: linked to the same stored copy.
    const other = await buildCase(t.deps, owner, { diagnosis: 'Heart failure' });
    const linked = await apiUpload(t, owner, other, [{ filename: 'copy.pdf', content: pdf }]);
    assert.equal(linked.results[0]!.status, 'linked');
    assert.equal(blobFiles(t).length, before);
    assert.equal(await documentCount(t), 2);
  });

  test('a new upload from another patient with the same bytes is a separate, separately keyed copy', async () => {
    const stranger = await buildUser(t);
    const theirCase = await buildCase(t.deps, stranger);
    const before = blobFiles(t).length;
    const r = await apiUpload(t, stranger, theirCase, [{ filename: 'same.pdf', content: pdf }]);
    assert.equal(r.results[0]!.status, 'stored');
    assert.equal(blobFiles(t).length, before + 1);
  });

  test('the person can set title, date, kind and provider; bad values are refused in plain words', async () => {
    const list = safeJson(await api(t.app, owner.apiToken).get(`/api/v1/cases/${caseId}/documents`));
    const id = list.documents[0].id;
    const page = await owner.agent.get(`/cases/${caseId}/records/documents/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /scan 0042/);
    const bad = await owner.agent.post(`/cases/${caseId}/records/documents/${id}`, {
      title: '',
      kind: 'nonsense',
      documentDate__month: '13',
      documentDate__day: '1',
      documentDate__year: '2026',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter a title for this document/);
    assert.match(bad.body, /Choose what kind of document this is/);
    const unchanged = safeJson(await api(t.app, owner.apiToken).get(`/api/v1/documents/${id}`));
    assert.equal(unchanged.title, 'scan 0042');
    const ok = await owner.agent.post(`/cases/${caseId}/records/documents/${id}`, {
      title: 'Biopsy report, left breast',
      kind: 'pathology',
      documentDate__month: '11',
      documentDate__day: '3',
      documentDate__year: '2026',
      provider: 'City Hospital Pathology',
    });
    assert.equal(ok.statusCode, 303);
    const after = safeJson(await api(t.app, owner.apiToken).get(`/api/v1/documents/${id}`));
    assert.equal(after.title, 'Biopsy report, left breast');
    assert.equal(after.kind, 'pathology');
    assert.equal(after.documentDate, '2026-11-03');
    assert.equal(after.provider, 'City Hospital Pathology');
    const patched = await api(t.app, owner.apiToken).patch(`/api/v1/documents/${id}`, { kind: 'lab' });
    assert.equal(patched.statusCode, 200);
    assert.equal(safeJson(patched).kind, 'lab');
    assert.equal(safeJson(patched).title, 'Biopsy report, left breast');
  });

  test('the page form works without JavaScript: several files, CSRF token first, a results page', async () => {
    const a = Buffer.from('Blood pressure log\n2026-11-01 150/95\n');
    const b = await makePdf(['Letter from Dr. Grace Hopper']);
    const res = await pageUpload(t, owner, caseId, [
      { name: 'files', filename: 'bp-log.txt', content: a, type: 'text/plain' },
      { name: 'files', filename: 'letter.pdf', content: b, type: 'application/pdf' },
    ]);
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    assert.match(res.body, /What happened to your files/);
    assert.match(res.body, /bp log/);
    assert.match(res.body, /letter/);
    const hub = await owner.agent.get(`/cases/${caseId}/records`);
    assert.match(hub.body, /bp log/);
  });

  test('a page upload without the CSRF token first is refused and stores nothing', async () => {
    const before = await documentCount(t);
    const missing = await pageUpload(
      t,
      owner,
      caseId,
      [{ name: 'files', filename: 'x.txt', content: Buffer.from('hello') }],
      { csrf: false },
    );
    assert.equal(missing.statusCode, 403);
    const wrong = await pageUpload(
      t,
      owner,
      caseId,
      [{ name: 'files', filename: 'x.txt', content: Buffer.from('hello') }],
      { csrf: 'forged-token' },
    );
    assert.equal(wrong.statusCode, 403);
    assert.equal(await documentCount(t), before);
    assert.deepEqual(tempFiles(t), []);
  });

  test('an empty form gives a plain message', async () => {
    const res = await pageUpload(t, owner, caseId, [{ name: 'files', filename: '', content: Buffer.alloc(0) }]);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Please choose at least one file/);
  });

  test('a helper may upload and read; a stranger gets 404 for the document and its bytes', async () => {
    const helper = await buildUser(t);
    await addHelper(t.deps, owner.patientId, helper, owner.userId);
    const r = await apiUpload(t, helper, caseId, [
      { filename: 'helper.txt', content: Buffer.from('notes from the helper') },
    ]);
    assert.equal(r.results[0]!.status, 'stored');
    const id = r.results[0]!.documentId!;
    assert.equal((await api(t.app, owner.apiToken).get(`/api/v1/documents/${id}`)).statusCode, 200);
    const stranger = await buildUser(t);
    for (const url of [`/api/v1/documents/${id}`, `/api/v1/documents/${id}/content`]) {
      assert.equal((await api(t.app, stranger.apiToken).get(url)).statusCode, 404);
    }
    const strangerCase = await buildCase(t.deps, stranger);
    // Someone else's document id under one's own case is not found either.
    assert.equal((await stranger.agent.get(`/cases/${strangerCase}/records/documents/${id}/file`)).statusCode, 404);
  });

  test('every stored document decrypts to its recorded fingerprint', async () => {
    const store = t.deps.blobs;
    const rows = await t.deps.db.selectFrom('record_blobs').selectAll().execute();
    assert.ok(rows.length >= 4);
    for (const row of rows) {
      const got = await store.digest(store.handleFor(row));
      assert.equal(got.sha256, row.sha256);
      assert.equal(got.size, Number(row.size_bytes));
    }
  });
});

describe('documents: the size limit', () => {
  let t: TestApp;
  let owner: BuiltUser;
  let caseId: string;
  before(async () => {
    t = await buildTestApp('sqlite', { env: { MAX_UPLOAD_BYTES: String(200 * 1024) } });
    owner = await buildUser(t);
    caseId = await buildCase(t.deps, owner);
  });
  after(() => t.close());

  test('a file over the limit is refused with the limit in plain words; nothing is kept', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(300 * 1024)]);
    const { res, error, results } = await apiUpload(t, owner, caseId, [{ filename: 'huge.pdf', content: big }]);
    assert.equal(res.statusCode, 413);
    assert.equal(error?.code, 'too_large');
    assert.match(error!.message, /larger than the limit of 200 KB/);
    assert.equal(results[0]!.reason, 'too_large');
    assert.equal(await documentCount(t), 0);
    assert.deepEqual(tempFiles(t), []);
    assert.deepEqual(blobFiles(t), []);
    const page = await pageUpload(t, owner, caseId, [{ name: 'files', filename: 'huge.pdf', content: big }]);
    assert.equal(page.statusCode, 413);
    assert.match(page.body, /larger than the limit of 200 KB/);
    // Exactly at the limit is fine.
    const exact = Buffer.concat([Buffer.from('plain text '), Buffer.alloc(200 * 1024 - 11, 0x61)]);
    const ok = await apiUpload(t, owner, caseId, [{ filename: 'exact.txt', content: exact }]);
    assert.equal(ok.results[0]!.status, 'stored', ok.res.body);
  });
});
