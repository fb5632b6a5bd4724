import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import yauzl from 'yauzl';
import { addOwnQuestion } from '../../src/features/questions/questions-store.ts';
import { createDocumentSource } from '../../src/features/records/documents-provider.ts';
import { insertItems } from '../../src/features/records/documents-store.ts';
import { streamPacket } from '../../src/features/sharing/packet-kit.ts';
import type { Queryable } from '../../src/platform/db/database.ts';
import type { Deps } from '../../src/platform/deps.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { page } from '../helpers/html.ts';
import { apiUpload, blobFiles, fixture, png } from '../helpers/records.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

async function pdfOf(pages: number, label: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage().drawText(`${label} page ${i + 1}`, { x: 50, y: 700, size: 12, font });
  return Buffer.from(await doc.save());
}

/** A PDF marked as locked with a password (an /Encrypt dictionary in its trailer). */
async function lockedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage();
  doc.addPage();
  // A classic trailer (no object streams) so the dictionary can be added by hand.
  const text = Buffer.from(await doc.save({ useObjectStreams: false })).toString('latin1');
  return Buffer.from(
    text
      .replace(/\nxref\n/, '\n99 0 obj\n<< /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>\nendobj\nxref\n')
      .replace('trailer\n<<', 'trailer\n<<\n/Encrypt 99 0 R'),
    'latin1',
  );
}

function unzip(buf: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

forEachDialect('records packet: cover, index, PDF and ZIP', (dialect) => {
  let t: TestApp;
  let owner: BuiltUser;
  let caseId: string;
  const files: Record<string, Buffer> = {};
  const ids: Record<string, string> = {};

  before(async () => {
    t = await buildTestApp(dialect, process.env.DEBUG_PACKET ? { logger: { level: 'error' } } : {});
    owner = await buildUser(t, { displayName: 'Rosa Díaz' });
    caseId = await buildCase(t.deps, owner, {
      diagnosis: 'Invasive ductal carcinoma, left breast',
      proposedTreatment: 'Mastectomy then chemotherapy',
      doctorName: 'Dr. Ada Lovelace',
    });
    files.biopsy = await pdfOf(3, 'Biopsy');
    files.letter = await pdfOf(1, 'Letter');
    files.photo = png(40, 30);
    files.dicom = fixture('dicom/test-SR.dcm');
    // Starts like a PDF, so it is typed as one, but nothing past the header is a PDF.
    files.broken = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(600)]);
    files.locked = await lockedPdf();
    await assert.rejects(PDFDocument.load(files.locked), /encrypted/, 'the fixture really is a locked PDF');
    const upload = await apiUpload(t, owner, caseId, [
      { filename: 'biopsy.pdf', content: files.biopsy },
      { filename: 'letter.pdf', content: files.letter },
      { filename: 'rash.png', content: files.photo },
      { filename: 'ct-report.dcm', content: files.dicom },
      { filename: 'old-scan.pdf', content: files.broken },
      { filename: 'locked.pdf', content: files.locked },
    ]);
    assert.equal(upload.res.statusCode, 201, upload.res.body);
    for (const [r, key] of upload.results.map(
      (r, i) => [r, ['biopsy', 'letter', 'photo', 'dicom', 'broken', 'locked'][i]!] as const,
    )) {
      assert.ok(r.documentId, `${key}: ${r.message}`);
      ids[key] = r.documentId!;
    }
    const now = t.deps.clock.now().toISOString();
    await insertItems(t.deps.db, now, owner.patientId, ids.letter!, [
      {
        category: 'medication',
        codeSystem: null,
        code: null,
        display: 'Tamoxifen 20 mg tablet',
        value: 'once a day',
        status: 'active',
        startedOn: '2026-10-01',
        endedOn: null,
        place: null,
      },
      {
        category: 'medication',
        codeSystem: null,
        code: null,
        display: 'Amoxicillin 500 mg',
        value: null,
        status: 'stopped',
        startedOn: '2025-01-01',
        endedOn: '2025-01-10',
        place: null,
      },
      {
        category: 'allergy',
        codeSystem: null,
        code: null,
        display: 'Penicillin',
        value: 'hives',
        status: 'active',
        startedOn: null,
        endedOn: null,
        place: null,
      },
    ]);
    await addOwnQuestion(
      t.deps.db,
      { caseId, patientId: owner.patientId, userId: owner.userId },
      { text: 'Do I need chemotherapy before surgery?', important: true },
      now,
    );
  });
  after(() => t.close());

  test('the packet page lists every file, all chosen, and shows the cover summary', async () => {
    const res = await owner.agent.get(`/cases/${caseId}/packet`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    for (const id of Object.values(ids)) assert.ok(page(res.body).has(`input[value="${id}"][checked]`), id);
    assert.match(res.body, /Rosa Díaz/);
    assert.match(res.body, /Mastectomy then chemotherapy/);
    assert.match(res.body, /Tamoxifen 20 mg tablet/);
    assert.doesNotMatch(res.body, /Amoxicillin/, 'a stopped medicine is not current');
    assert.match(res.body, /Penicillin: hives/);
    assert.match(res.body, /Do I need chemotherapy before surgery\?/);
    assert.match(res.body, /biopsy/i, 'uploaded pathology-like files appear');
  });

  test('the PDF: cover and index, then every page of every readable PDF and one page per picture', async () => {
    const res = await api(t.app, owner.apiToken).get(`/api/v1/cases/${caseId}/packet?format=pdf`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(Number(res.headers['content-length']), res.rawPayload.length);
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="records-packet-Rosa-Diaz-\d{4}-\d{2}-\d{2}\.pdf"/,
    );
    const pdf = await PDFDocument.load(res.rawPayload);
    // Front pages: the cover and the index each start a page, so at least 2.
    const front = 2;
    assert.equal(
      pdf.getPageCount(),
      front + 3 + 1 + 1,
      'cover + index, biopsy (3), letter (1), picture (1); DICOM, the broken and the locked PDF listed only',
    );
  });

  test('the ZIP: the packet PDF, an index, and every original byte for byte, imaging in its own folder', async () => {
    const res = await api(t.app, owner.apiToken).get(`/api/v1/cases/${caseId}/packet?format=zip`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.equal(res.headers['content-type'], 'application/zip');
    assert.equal(Number(res.headers['content-length']), res.rawPayload.length, 'the announced length is exact');
    const entries = await unzip(res.rawPayload);
    const names = [...entries.keys()];
    assert.ok(names.some((n) => /^records-packet-.*\.pdf$/.test(n)));
    assert.ok(names.includes('index.txt'));
    const index = entries.get('index.txt')!.toString('utf8');
    assert.equal(
      (index.match(/Could not be opened/g) ?? []).length,
      2,
      'the damaged and the locked PDF are named as unreadable',
    );
    assert.match(index, new RegExp(sha(files.locked!)));
    const bySha = new Map([...entries].map(([n, b]) => [sha(b), n]));
    for (const key of ['biopsy', 'letter', 'photo', 'dicom', 'broken', 'locked'])
      assert.ok(bySha.has(sha(files[key]!)), `${key} is in the ZIP unchanged`);
    assert.match(bySha.get(sha(files.dicom!))!, /^imaging\/\d\d-[^/]+\/[^/]+\.dcm$/);
    assert.match(bySha.get(sha(files.biopsy!))!, /^documents\/\d\d-[A-Za-z0-9.-]+\.pdf$/);
    for (const n of names) assert.doesNotMatch(n, /\.\.|^\/|\\/, 'no path tricks');
  });

  test('only the chosen files go in', async () => {
    const res = await api(t.app, owner.apiToken).get(
      `/api/v1/cases/${caseId}/packet?format=zip&documentIds=${ids.letter},${ids.dicom}`,
    );
    assert.equal(res.statusCode, 200);
    const entries = await unzip(res.rawPayload);
    const originals = [...entries.keys()].filter((n) => n.startsWith('documents/') || n.startsWith('imaging/'));
    assert.equal(originals.length, 2);
    const pdfName = [...entries.keys()].find((n) => n.endsWith('.pdf') && !n.includes('/'))!;
    const pdf = await PDFDocument.load(entries.get(pdfName)!);
    assert.equal(pdf.getPageCount(), 2 + 1, 'front pages + the one-page letter');
  });

  test('a file of another case is refused with 404, and its name does not leak', async () => {
    const other = await buildUser(t);
    const otherCase = await buildCase(t.deps, other);
    const up = await apiUpload(t, other, otherCase, [
      { filename: 'secret-diagnosis.pdf', content: await pdfOf(1, 'Secret') },
    ]);
    const foreign = up.results[0]!.documentId!;
    const auditBefore = await t.deps.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', 'like', 'packet.build%')
      .execute();
    for (const url of [
      `/api/v1/cases/${caseId}/packet?documentIds=${ids.letter},${foreign}`,
      `/api/v1/cases/${caseId}/packet?documentIds=${encodeURIComponent('../../etc/passwd')}`,
    ]) {
      const res = await api(t.app, owner.apiToken).get(url);
      assert.equal(res.statusCode, 404);
      assert.doesNotMatch(res.body, /secret/i);
    }
    const page = await owner.agent.get(`/cases/${caseId}/packet/download?chosen=1&format=pdf&documentIds=${foreign}`);
    assert.equal(page.statusCode, 404);
    const auditAfter = await t.deps.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', 'like', 'packet.build%')
      .execute();
    assert.equal(auditAfter.length, auditBefore.length, 'a refused packet is not recorded as built');
    // And the other person's own case is not reachable with this person's token.
    const theirs = await api(t.app, owner.apiToken).get(`/api/v1/cases/${otherCase}/packet`);
    assert.equal(theirs.statusCode, 404);
  });

  test('strangers get 404 on the page, the download and the API, with or without valid file ids', async () => {
    const stranger = await buildUser(t);
    const all = Object.values(ids).join(',');
    for (const url of [
      `/cases/${caseId}/packet`,
      `/cases/${caseId}/packet/download?chosen=1&format=zip&documentIds=${ids.letter}`,
      `/cases/${caseId}/packet/download?chosen=1&format=pdf`,
    ]) {
      const res = await stranger.agent.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.doesNotMatch(res.body, /Rosa|Tamoxifen|carcinoma/);
      assert.notEqual(res.headers['content-type'], 'application/pdf');
    }
    const viaApi = await api(t.app, stranger.apiToken).get(
      `/api/v1/cases/${caseId}/packet?format=zip&documentIds=${all}`,
    );
    assert.equal(viaApi.statusCode, 404);
    const anonymous = await api(t.app).get(`/api/v1/cases/${caseId}/packet`);
    assert.ok([401, 404].includes(anonymous.statusCode));
  });

  test('choosing nothing says so in plain words and sends nothing', async () => {
    const page = await owner.agent.get(`/cases/${caseId}/packet/download?chosen=1&format=pdf`);
    assert.equal(page.statusCode, 400);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.match(page.body, /Choose at least one file to put in the packet/);
    const viaApi = await api(t.app, owner.apiToken).get(`/api/v1/cases/${caseId}/packet?documentIds=`);
    assert.equal(viaApi.statusCode, 400);
    assert.match(viaApi.body, /Choose at least one file/);
  });

  test('the page download works without script and each packet built is audited', async () => {
    const before = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', 'like', 'packet.build%')
      .execute();
    const res = await owner.agent.get(
      `/cases/${caseId}/packet/download?chosen=1&format=pdf&documentIds=${ids.biopsy}&documentIds=${ids.photo}`,
    );
    assert.equal(res.statusCode, 200);
    assert.equal((await PDFDocument.load(res.rawPayload)).getPageCount(), 2 + 3 + 1);
    const after = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', 'like', 'packet.build%')
      .execute();
    assert.equal(after.length, before.length + 1);
    assert.deepEqual(after.at(-1), { action: 'packet.build.pdf', object_id: caseId });
  });

  test('the ZIP reads one original at a time, however many there are', async () => {
    let open = 0;
    let most = 0;
    // Only the ZIP's own reads are counted: the PDF, built first, has read its files by then.
    let zipPhase = false;
    const counting = {
      documents: (deps: Deps) => {
        const source = createDocumentSource(deps);
        return {
          ...source,
          openDocumentStream: async (db: Queryable, id: string) => {
            const r = await source.openDocumentStream(db, id);
            if (!zipPhase) return r;
            open++;
            most = Math.max(most, open);
            r.stream.once('close', () => open--);
            return r;
          },
        };
      },
    };
    const p = await streamPacket(t.deps, counting, caseId, [], 'zip');
    zipPhase = true;
    let bytes = 0;
    for await (const chunk of p.stream as Readable) {
      bytes += (chunk as Buffer).length;
      // A slow reader: give the store every chance to open the next file early.
      await new Promise((r) => setImmediate(r));
    }
    assert.equal(bytes, p.contentLength);
    assert.equal(most, 1, 'never two originals open at once');
    assert.equal(open, 0, 'every stream was closed');
  });

  test('a stored file that fails its integrity check stops the packet instead of sending a damaged one', async () => {
    const before = new Set(blobFiles(t));
    const c2 = await buildCase(t.deps, owner, { diagnosis: 'Heart failure' });
    const up = await apiUpload(t, owner, c2, [{ filename: 'echo.pdf', content: await pdfOf(2, 'Echo') }]);
    assert.equal(up.results[0]!.status, 'stored');
    const stored = blobFiles(t).find((f) => !before.has(f))!;
    const file = path.join(t.dataDir, 'documents', stored);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    const res = await api(t.app, owner.apiToken).get(`/api/v1/cases/${c2}/packet?format=pdf`);
    assert.equal(res.statusCode, 500);
    assert.notEqual(res.headers['content-type'], 'application/pdf');
    await assert.rejects(async () => {
      const p = await streamPacket(t.deps, { documents: createDocumentSource }, c2, [], 'zip');
      for await (const _ of p.stream as Readable) void _;
    });
  });
});
