import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { PDFDocument, PDFHexString, StandardFonts } from 'pdf-lib';
import { DEFAULT_LIMITS } from '../../src/features/records/documents-analyse.ts';
import { refusalMessage } from '../../src/features/records/documents-views.tsx';
import { createRecordsFeature } from '../../src/features/records/records-routes.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { multipartBody } from '../helpers/multipart.ts';
import { apiUpload, blobFiles, documentCount, fixture, pageUpload, safeJson, tempFiles } from '../helpers/records.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';
import { makeZip } from '../helpers/zip.ts';

// Every kind of bad input the issue lists: each gets a plain-words message, nothing partial
// is stored, and the server keeps answering.

async function lockedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText('Locked report', { x: 50, y: 700, font, size: 12 });
  const ctx = doc.context;
  // Standard security handler with a user password we do not know.
  ctx.trailerInfo.Encrypt = ctx.register(
    ctx.obj({
      Filter: 'Standard',
      V: 1,
      R: 2,
      Length: 40,
      P: -4,
      O: PDFHexString.of('11'.repeat(32)),
      U: PDFHexString.of('22'.repeat(32)),
    }),
  );
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of('ab'.repeat(16)), PDFHexString.of('ab'.repeat(16))]);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

const LIMIT = 1024 * 1024;

forEachDialect('hostile and broken uploads', (dialect) => {
  let t: TestApp;
  let owner: BuiltUser;
  let caseId: string;
  let port: number;

  before(async () => {
    t = await buildTestApp(dialect, { env: { MAX_UPLOAD_BYTES: String(LIMIT), UPLOAD_IDLE_SECONDS: '1' } });
    owner = await buildUser(t);
    caseId = await buildCase(t.deps, owner);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  after(() => t.close());

  async function refused(filename: string, content: Buffer, reason: string, message: RegExp, status: number) {
    const before = await documentCount(t);
    const blobsBefore = blobFiles(t).length;
    const { res, error, results } = await apiUpload(t, owner, caseId, [{ filename, content }]);
    assert.equal(res.statusCode, status, `${filename}: ${res.body}`);
    assert.equal(error?.code, reason, filename);
    assert.equal(results[0]?.reason, reason);
    assert.match(error!.message, message);
    assert.equal(await documentCount(t), before, `${filename}: no document row`);
    assert.equal(blobFiles(t).length, blobsBefore, `${filename}: no stored file`);
    assert.deepEqual(tempFiles(t), [], `${filename}: no temp file`);
  }

  test('content that is not an allowed type is refused, whatever its name says', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), crypto.randomBytes(5000)]);
    await refused('report.pdf', exe, 'not_allowed', /cannot store this kind of file/, 415);
    const gif = Buffer.concat([Buffer.from('GIF89a'), crypto.randomBytes(200)]);
    await refused('scan.png', gif, 'not_allowed', /cannot store this kind of file/, 415);
    await refused('nothing.txt', Buffer.alloc(0), 'empty', /file is empty/, 400);
    await refused('random.bin', crypto.randomBytes(4000), 'not_allowed', /cannot store this kind of file/, 415);
  });

  test('a Word document (a ZIP inside) is refused as a kind we do not accept', async () => {
    const docx = makeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>'), method: 'deflate' },
      { name: 'word/document.xml', data: Buffer.from('<w:document/>'), method: 'deflate' },
    ]);
    await refused('letter.docx', docx, 'not_allowed', /cannot store this kind of file/, 415);
  });

  test('a refused file among good ones: the good ones are kept, the bad one is explained', async () => {
    const res = await pageUpload(t, owner, caseId, [
      { name: 'files', filename: 'virus.exe', content: Buffer.concat([Buffer.from('MZ'), crypto.randomBytes(3000)]) },
      { name: 'files', filename: 'good-note.txt', content: Buffer.from('A plain note about knee pain.') },
    ]);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /virus\.exe/);
    assert.match(res.body, /cannot store this kind of file/);
    assert.match(res.body, /good note/);
  });

  test('more than 50 files in one request: the first 50 are handled, the rest are named plainly', async () => {
    const before = await documentCount(t);
    const files = Array.from({ length: 52 }, (_, i) => ({
      filename: `note-${i}.txt`,
      content: Buffer.from(`note number ${i} ${crypto.randomUUID()}`),
    }));
    const { res, results } = await apiUpload(t, owner, caseId, files);
    assert.equal(res.statusCode, 201);
    assert.equal(results.filter((r) => r.status === 'stored').length, 50);
    assert.equal(results.at(-1)!.reason, 'too_many_files');
    assert.match(results.at(-1)!.message, /up to 50 files at a time/);
    assert.equal(await documentCount(t), before + 50);
    assert.deepEqual(tempFiles(t), []);
  });

  test('a locked (encrypted) PDF and a damaged PDF are kept, flagged "text could not be read"', async () => {
    for (const [name, bytes] of [
      ['locked.pdf', await lockedPdf()],
      ['damaged.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog'), crypto.randomBytes(2000)])],
    ] as const) {
      const { res, results } = await apiUpload(t, owner, caseId, [{ filename: name, content: bytes }]);
      assert.equal(res.statusCode, 201, res.body);
      const meta = safeJson(await api(t.app, owner.apiToken).get(`/api/v1/documents/${results[0]!.documentId}`));
      assert.equal(meta.detectedType, 'pdf');
      assert.equal(meta.textStatus, 'unreadable', name);
      const page = await owner.agent.get(`/cases/${caseId}/records/documents/${meta.id}`);
      assert.match(page.body, /Text could not be read/);
      // Still downloadable, byte for byte.
      const dl = await api(t.app, owner.apiToken).get(`/api/v1/documents/${meta.id}/content`);
      assert.ok(dl.rawPayload.equals(bytes));
    }
  });

  test('ZIP files whose paths escape their folder are refused', async () => {
    for (const name of [
      '../../etc/cron.d/evil',
      '/etc/passwd',
      'C:/Windows/evil.dll',
      'ok/../../up.txt',
      '..\\..\\windows.txt',
    ]) {
      const zip = makeZip([
        { name: 'fine.txt', data: Buffer.from('fine') },
        { name, data: Buffer.from('x') },
      ]);
      await refused('disc.zip', zip, 'zip_unsafe_path', /unsafe folder names/, 400);
    }
  });

  test('a ZIP with more than 10,000 entries is refused', async () => {
    const entries = Array.from({ length: 10_001 }, (_, i) => ({ name: `f${i}` }));
    await refused('many.zip', makeZip(entries), 'zip_too_many', /more than 10,000 files/, 413);
  });

  test('a ZIP that would expand past 10x the upload limit (a zip bomb) is refused', async () => {
    const zeros = Buffer.alloc(11 * LIMIT);
    const bomb = makeZip([{ name: 'a.bin', data: zeros, method: 'deflate' }]);
    assert.ok(bomb.length < LIMIT / 10, 'the bomb itself is small');
    await refused('bomb.zip', bomb, 'zip_too_big', /10 times the upload limit/, 413);
  });

  test('a damaged ZIP is refused', async () => {
    const zip = makeZip([{ name: 'a.txt', data: Buffer.from('hello') }]);
    await refused('broken.zip', zip.subarray(0, zip.length - 30), 'zip_damaged', /damaged/, 400);
  });

  test('XML with a DOCTYPE or entities is refused and no entity is ever resolved', async () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE ClinicalDocument [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>\n<ClinicalDocument xmlns="urn:hl7-org:v3"><title>&xxe;</title></ClinicalDocument>`;
    await refused('xxe.xml', Buffer.from(xxe), 'xml_doctype', /DOCTYPE or ENTITY/, 400);
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><ClinicalDocument xmlns="urn:hl7-org:v3">&lol2;</ClinicalDocument>`;
    await refused('laughs.xml', Buffer.from(laughs), 'xml_doctype', /DOCTYPE or ENTITY/, 400);
    // A DOCTYPE pushed past the first bytes by a long comment is caught when the whole file is read.
    const late = `<?xml version="1.0"?><!--${'x'.repeat(80_000)}--><!DOCTYPE a [<!ENTITY e SYSTEM "http://127.0.0.1:9/x">]><ClinicalDocument xmlns="urn:hl7-org:v3">&e;</ClinicalDocument>`;
    await refused('late.xml', Buffer.from(late), 'xml_doctype', /DOCTYPE or ENTITY/, 400);
    // Other XML is not a health record.
    await refused(
      'feed.xml',
      Buffer.from('<?xml version="1.0"?><rss><channel/></rss>'),
      'xml_not_ccda',
      /not a C-CDA/,
      415,
    );
    // A C-CDA cut in half is damaged, not half-imported.
    const ccd = fixture('ccda/Documents/CCD/CCD 1/CCD.XML');
    await refused('half.xml', ccd.subarray(0, Math.floor(ccd.length / 2)), 'xml_damaged', /damaged or incomplete/, 400);
    const items = await t.deps.db.selectFrom('record_items').select('id').execute();
    assert.equal(items.length, 0, 'no item was imported from any refused file');
  });

  test('messages tell the truth: a web page is told it is one, text starting with "<" is text (issue 13 item 3)', async () => {
    const page =
      '<!DOCTYPE html>\n<html><head><title>Lab results</title></head><body><p>Potassium 4.1</p></body></html>';
    await refused('results.html', Buffer.from(page), 'html', /web page \(an HTML file\)/, 415);
    const { error } = await apiUpload(t, owner, caseId, [
      { filename: 'part.htm', content: Buffer.from('<p>Potassium 4.1</p>') },
    ]);
    assert.equal(error?.code, 'html');
    assert.doesNotMatch(error!.message, /DOCTYPE|XML/, 'a web page is not told about XML');
    for (const words of [
      '<3 Thank you, Dr. Lee, for the visit.',
      '<Lab notes> potassium 4.1, sodium 139',
      '<<<<<<< HEAD\nnotes',
    ]) {
      const up = await apiUpload(t, owner, caseId, [{ filename: 'notes.txt', content: Buffer.from(words) }]);
      assert.equal(up.res.statusCode, 201, `${words}: ${up.res.body}`);
      const doc = await t.deps.db
        .selectFrom('documents')
        .select('detected_type')
        .where('id', '=', up.results[0]!.documentId!)
        .executeTakeFirstOrThrow();
      assert.equal(doc.detected_type, 'text', words);
    }
  });

  test('a health record file over the import limit is told that limit, not the upload limit (issue 13 item 3)', async () => {
    // The same database and store, with an import limit of 4 KB (the real one is 50 MB).
    const small = await buildApp(
      { ...t.deps, close: async () => {} },
      { features: [createRecordsFeature({ limits: { importMaxBytes: 4096 } })], logger: false },
    );
    try {
      const ccd = fixture('ccda/Documents/CCD/CCD 1/CCD.XML');
      assert.ok(ccd.length > 4096 && ccd.length < LIMIT);
      const { body, contentType } = multipartBody([{ name: 'file', filename: 'ccd.xml', content: ccd }]);
      const res = await small.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseId}/documents`,
        payload: body,
        headers: { 'content-type': contentType, authorization: `Bearer ${owner.apiToken}`, accept: 'application/json' },
      });
      assert.equal(res.statusCode, 413, res.body);
      const error = safeJson(res).error;
      assert.equal(error.code, 'import_too_large');
      assert.match(error.message, /health record file \(C-CDA or FHIR\) is larger than the limit of 4 KB/);
      assert.doesNotMatch(error.message, /1 MB/, 'not the upload limit');
      assert.deepEqual(tempFiles(t), []);
    } finally {
      await small.close();
    }
    // The message names the real import limit.
    const limits = { maxUploadBytes: 2 * 1024 ** 3, importMaxBytes: DEFAULT_LIMITS.importMaxBytes };
    assert.match(refusalMessage(translator('en'), { reason: 'import_too_large' }, limits), /limit of 50 MB/);
  });

  test('malformed JSON and JSON that is not FHIR are refused', async () => {
    await refused(
      'bundle.json',
      Buffer.from('{"resourceType": "Bundle", "entry": [ {"resource": '),
      'json_malformed',
      /damaged or incomplete/,
      400,
    );
    await refused(
      'other.json',
      Buffer.from('{"name": "not a health record"}'),
      'json_not_fhir',
      /not a FHIR health record/,
      415,
    );
    await refused(
      'weird.json',
      Buffer.from('{"resourceType": 42, "x": 1}'),
      'json_not_fhir',
      /not a FHIR health record/,
      415,
    );
  });

  test('an upload cut off half-way stores nothing (inject: the body ends mid-file)', async () => {
    const before = await documentCount(t);
    const { body, contentType } = multipartBody([
      { name: 'file', filename: 'half.txt', content: Buffer.from('plain words '.repeat(5000)) },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/documents`,
      payload: body.subarray(0, Math.floor(body.length / 2)),
      headers: { 'content-type': contentType, authorization: `Bearer ${owner.apiToken}`, accept: 'application/json' },
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(safeJson(res).error.code, 'cut_off');
    assert.match(safeJson(res).error.message, /cut off before the whole file arrived/);
    assert.equal(await documentCount(t), before);
    assert.deepEqual(tempFiles(t), []);
  });

  /** Opens a socket, sends the start of an upload, then does what `finish` says. */
  function rawUpload(finish: (s: net.Socket) => void): Promise<string> {
    const { body, contentType } = multipartBody([
      { name: 'file', filename: 'slow.txt', content: Buffer.from('some text '.repeat(20_000)) },
    ]);
    return new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.write(
          `POST /api/v1/cases/${caseId}/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${owner.apiToken}\r\nAccept: application/json\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`,
        );
        s.write(body.subarray(0, Math.floor(body.length / 3)));
        finish(s);
      });
      let got = '';
      s.on('data', (d) => (got += d.toString()));
      s.on('close', () => resolve(got));
      s.on('error', () => resolve(got));
    });
  }

  async function serverStillWorks() {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(res.status, 200);
  }

  test('a client that disconnects half-way: nothing stored, server stays up', async () => {
    const before = await documentCount(t);
    await rawUpload((s) => setTimeout(() => s.destroy(), 100));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await documentCount(t), before);
    assert.deepEqual(tempFiles(t), []);
    await serverStillWorks();
  });

  test('a client that stops sending is timed out with a plain message; nothing stored', {
    timeout: 15_000,
  }, async () => {
    const before = await documentCount(t);
    const started = Date.now();
    const answer = await rawUpload(() => {});
    const took = Date.now() - started;
    assert.match(answer, /^HTTP\/1\.1 408/, answer.slice(0, 200));
    assert.match(answer, /no data arrived for a while/);
    assert.ok(took < 8000, `timed out after ${took} ms`);
    assert.equal(await documentCount(t), before);
    assert.deepEqual(tempFiles(t), []);
    await serverStillWorks();
  });
});
