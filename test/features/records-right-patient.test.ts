import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { startupTasks } from '../../src/features/index.ts';
import { DEFAULT_LIMITS } from '../../src/features/records/documents-analyse.ts';
import { checkOlderImports } from '../../src/features/records/imports-recheck.ts';
import { createRecordsFeature } from '../../src/features/records/records-routes.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { createServer } from '../../src/server.ts';
import { addHelper, type BuiltUser, buildCase, buildPatient, buildUser, removeHelper } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { pageText } from '../helpers/html.ts';
import {
  apiUpload,
  blobFiles,
  FIXTURES,
  fixture,
  makePdf,
  pageUpload,
  safeJson,
  tempFiles,
} from '../helpers/records.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';
import { makeZip } from '../helpers/zip.ts';

// The right patient's records (issue 10, item 1; ADR 0146): a portal file naming someone
// other than the case's patient stops at the mismatch, with both identities; "this is the
// right person" imports it and is audited with who decided; files naming several people or
// nobody are refused; nothing of a stopped file is stored anywhere; older imports naming
// someone else are found once at start and held out of the packet, the FHIR export and
// tests done until a person reviews them.

const CCD = 'ccda/Documents/CCD/CCD 1/CCD.XML'; // Eve Betterhalf, born 1975-05-01
const SYNTHEA = 'fhir/synthea/uscore_bundle_patient_85.json'; // Lucien408 Bosco882, born 1940-03-29
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const CCDA_DIR = path.join(FIXTURES, 'ccda/Documents');
const FHIR_DIR = path.join(FIXTURES, 'fhir');
const files = (dir: string, re: RegExp) =>
  (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => re.test(f)).sort();

const patientResource = (given: string, family: string, birthDate: string) => ({
  resourceType: 'Patient',
  name: [{ given: [given], family }],
  birthDate,
});
const condition = { resourceType: 'Condition', code: { text: 'Zebra-marker condition' }, onsetDateTime: '2020-01-01' };
const bundle = (...resources: object[]) =>
  Buffer.from(
    JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) }),
  );

async function countRows(
  t: TestApp,
  table: 'documents' | 'record_items' | 'record_blobs',
  patientId: string,
): Promise<number> {
  const r = await t.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('patient_id', '=', patientId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

forEachDialect('the right patient’s records', (dialect) => {
  let t: TestApp;
  let rosa: BuiltUser;
  let caseId: string;

  before(async () => {
    t = await buildTestApp(dialect);
    rosa = await buildUser(t, { displayName: 'Rosa Diaz', dateOfBirth: '1948-03-09' });
    caseId = await buildCase(t.deps, rosa);
  });
  after(() => t.close());

  /** Nothing of a stopped file anywhere: rows, files on disk, lists, search, timeline, tests done, FHIR. */
  async function nothingStored(u: BuiltUser, c: string) {
    assert.equal(await countRows(t, 'documents', u.patientId), 0, 'no document row');
    assert.equal(await countRows(t, 'record_items', u.patientId), 0, 'no items');
    assert.equal(await countRows(t, 'record_blobs', u.patientId), 0, 'no stored file row');
    assert.deepEqual(tempFiles(t), [], 'no temp file left');
    const client = api(t.app, u.apiToken);
    assert.deepEqual(safeJson(await client.get(`/api/v1/cases/${c}/documents`)).documents, []);
    assert.deepEqual(safeJson(await client.get(`/api/v1/cases/${c}/records/search?q=penicillin`)).results, []);
    assert.deepEqual(safeJson(await client.get(`/api/v1/cases/${c}/timeline`)).items, []);
    assert.deepEqual(safeJson(await client.get(`/api/v1/cases/${c}/tests-done`)).tests, []);
    const packet = pageText((await u.agent.get(`/cases/${c}/packet`)).body);
    assert.doesNotMatch(packet, /Patient Chart Summary|\.xml|\.json|\.zip/i, 'nothing offered for the packet');
    const fhir = safeJson(await client.get(`/api/v1/cases/${c}/fhir`));
    const types = new Set(
      (fhir.entry ?? []).map((e: { resource: { resourceType: string } }) => e.resource.resourceType),
    );
    assert.ok(
      !types.has('DocumentReference') && !types.has('AllergyIntolerance') && !types.has('Immunization'),
      [...types].join(','),
    );
  }

  describe('the API stops at the mismatch', () => {
    for (const rel of files(CCDA_DIR, /\.xml$/i)
      .map((f) => `ccda/Documents/${f}`)
      .concat(files(FHIR_DIR, /\.json$/i).map((f) => `fhir/${f}`))) {
      test(`${rel}: 409 patient_mismatch with both identities; nothing stored`, async () => {
        const content = fixture(rel);
        const { res, results, error } = await apiUpload(t, rosa, caseId, [{ filename: path.basename(rel), content }]);
        assert.equal(res.statusCode, 409, res.body.slice(0, 300));
        assert.equal(error?.code, 'patient_mismatch');
        assert.match(error!.message, /may be someone else’s record/);
        assert.deepEqual(error!.profile, { name: 'Rosa Diaz', birthDate: '1948-03-09' });
        assert.ok(error!.file.name.length > 3, 'the file’s name');
        assert.match(error!.file.birthDate, /^\d{4}-\d{2}-\d{2}$/);
        assert.equal(error!.fingerprint, sha(content));
        assert.equal(results[0]!.status, 'refused');
        assert.equal(results[0]!.reason, 'patient_mismatch');
        assert.deepEqual(results[0]!.patient!.file, error!.file);
        assert.deepEqual(results[0]!.patient!.files[0].differs, { name: true, birthDate: true });
      });
    }

    test('the example files’ own patients are named as the files spell them', async () => {
      const ccd = await apiUpload(t, rosa, caseId, [{ filename: 'ccd.xml', content: fixture(CCD) }]);
      assert.deepEqual(ccd.error!.file, { name: 'Eve Betterhalf', birthDate: '1975-05-01' });
      const synthea = await apiUpload(t, rosa, caseId, [{ filename: 'synthea.json', content: fixture(SYNTHEA) }]);
      assert.deepEqual(synthea.error!.file, { name: 'Lucien408 Bosco882', birthDate: '1940-03-29' });
    });

    test('after all those uploads, nothing of them is stored or shown anywhere', async () => {
      await nothingStored(rosa, caseId);
      assert.deepEqual(blobFiles(t), []);
    });

    test('each stop is audited, with ids only', async () => {
      const rows = await t.deps.db
        .selectFrom('audit_log')
        .selectAll()
        .where('patient_id', '=', rosa.patientId)
        .where('action', '=', 'document.patient_mismatch')
        .execute();
      assert.ok(rows.length >= 18, `${rows.length} entries`);
      assert.ok(rows.every((r) => r.actor_id === rosa.userId && r.object_type === 'case' && r.object_id === caseId));
      const all = JSON.stringify(await t.deps.db.selectFrom('audit_log').selectAll().execute());
      for (const name of ['Betterhalf', 'Bosco882', 'Rosa', 'Diaz', '1975-05-01'])
        assert.ok(!all.includes(name), `no "${name}" in the audit log`);
    });
  });

  describe('"this is the right person, import anyway"', () => {
    let u: BuiltUser;
    let c: string;
    before(async () => {
      u = await buildUser(t, { displayName: 'Rosa Diaz', dateOfBirth: '1948-03-09' });
      c = await buildCase(t.deps, u);
    });

    test('?confirmPatient=true imports, and the document keeps who the file named and who confirmed', async () => {
      const { res, results } = await apiUpload(t, u, c, [{ filename: 'ccd.xml', content: fixture(CCD) }], {
        confirmPatient: true,
      });
      assert.equal(res.statusCode, 201, res.body.slice(0, 300));
      assert.equal(results[0]!.status, 'stored');
      assert.ok((results[0]!.itemsAdded ?? 0) > 10);
      const id = results[0]!.documentId!;
      const m = safeJson(await api(t.app, u.apiToken).get(`/api/v1/documents/${id}`));
      assert.equal(m.patientCheck.status, 'confirmed');
      assert.equal(m.patientCheck.confirmedBy, u.userId);
      assert.equal(m.patientCheck.checkedAt, t.clock.now().toISOString());
      assert.deepEqual(m.patientCheck.named, [{ name: 'Eve Betterhalf', birthDate: '1975-05-01' }]);
      // The decision is in the audit log, with who decided, in the upload's transaction.
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select(['action', 'actor_type', 'actor_id', 'object_id'])
        .where('object_id', '=', id)
        .where('action', 'in', ['document.upload', 'document.patient_confirm'])
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor_type, a.actor_id]),
        [
          ['document.upload', 'user', u.userId],
          ['document.patient_confirm', 'user', u.userId],
        ],
      );
      // ...and its page says so.
      const page = pageText((await u.agent.get(`/cases/${c}/records/documents/${id}`)).body);
      assert.match(
        page,
        /Whose record this is The file names Eve Betterhalf, born May 1, 1975\. Rosa Diaz said this is the right person on November 27, 2026\./,
      );
      // The items are in the timeline and tests done now.
      assert.ok(safeJson(await api(t.app, u.apiToken).get(`/api/v1/cases/${c}/timeline`)).items.length > 10);
    });

    test('a file naming the profile’s own person imports without asking, marked matched', async () => {
      const eve = await buildUser(t, { displayName: 'BETTERHALF, Eve M.', dateOfBirth: '1975-05-01' });
      const ec = await buildCase(t.deps, eve);
      const { res, results } = await apiUpload(t, eve, ec, [{ filename: 'ccd.xml', content: fixture(CCD) }]);
      assert.equal(res.statusCode, 201, res.body.slice(0, 300));
      const m = safeJson(await api(t.app, eve.apiToken).get(`/api/v1/documents/${results[0]!.documentId}`));
      assert.equal(m.patientCheck.status, 'matched');
      assert.equal(m.patientCheck.confirmedBy, null);
      const actions = (
        await t.deps.db.selectFrom('audit_log').select('action').where('patient_id', '=', eve.patientId).execute()
      ).map((r) => r.action);
      assert.ok(!actions.includes('document.patient_confirm'));
    });

    test('the same name with another date of birth still stops', async () => {
      const eve = await buildUser(t, { displayName: 'Eve Betterhalf', dateOfBirth: '1945-05-01' });
      const ec = await buildCase(t.deps, eve);
      const { res, error } = await apiUpload(t, eve, ec, [{ filename: 'ccd.xml', content: fixture(CCD) }]);
      assert.equal(res.statusCode, 409);
      assert.deepEqual(error!.files[0].differs, { name: false, birthDate: true });
    });

    test('a profile with no date of birth is compared by name only', async () => {
      const helper = await buildUser(t);
      const mum = await buildPatient(t.deps, helper, { displayName: 'Eve Betterhalf', dateOfBirth: null });
      const mc = await buildCase(t.deps, helper, { patientId: mum });
      const { res } = await apiUpload(t, helper, mc, [{ filename: 'ccd.xml', content: fixture(CCD) }]);
      assert.equal(res.statusCode, 201);
    });

    test('in a request with several files, only the other person’s file stops; the rest are added', async () => {
      const pdf = await makePdf(['A letter for the right patient']);
      const { res, results } = await apiUpload(t, u, c, [
        { filename: 'letter.pdf', content: pdf },
        { filename: 'synthea.json', content: fixture(SYNTHEA) },
      ]);
      assert.equal(res.statusCode, 201);
      assert.deepEqual(
        results.map((r) => [r.status, r.reason ?? null]),
        [
          ['stored', null],
          ['refused', 'patient_mismatch'],
        ],
      );
      assert.equal(results[1]!.patient!.file.name, 'Lucien408 Bosco882');
    });
  });

  describe('files naming several people, or nobody', () => {
    const ccdText = fixture(CCD).toString('utf8');
    const twoPeopleCcd = Buffer.from(
      ccdText.replace(
        '</recordTarget>',
        '</recordTarget><recordTarget><patientRole><id root="2.16.840.1.113883.19.5" extension="999"/><patient><name><given>Adam</given><family>Everyman</family></name><birthTime value="19541125"/></patient></patientRole></recordTarget>',
      ),
    );
    const nobodyCcd = Buffer.from(ccdText.replace(/<recordTarget>[\s\S]*?<\/recordTarget>/, ''));
    const cases: [string, Buffer, string, string][] = [
      [
        'a FHIR bundle with two different patients',
        bundle(
          patientResource('Eve', 'Betterhalf', '1975-05-01'),
          patientResource('Adam', 'Everyman', '1954-11-25'),
          condition,
        ),
        'patient_several',
        'names more than one person',
      ],
      ['a C-CDA with two record targets', twoPeopleCcd, 'patient_several', 'names more than one person'],
      ['a FHIR bundle with no patient', bundle(condition), 'patient_none', 'does not say whose record it is'],
      [
        'a lone FHIR resource that is not a patient',
        Buffer.from(JSON.stringify(condition)),
        'patient_none',
        'does not say whose record it is',
      ],
      ['a C-CDA with no record target', nobodyCcd, 'patient_none', 'does not say whose record it is'],
      [
        'a Patient with no name',
        bundle({ resourceType: 'Patient', birthDate: '1948-03-09' }, condition),
        'patient_none',
        'does not say whose record it is',
      ],
    ];
    for (const [what, content, code, words] of cases) {
      test(`${what}: 422 ${code}, even when confirmed; nothing stored`, async () => {
        const u = await buildUser(t, { displayName: 'Eve Betterhalf', dateOfBirth: '1975-05-01' });
        const c = await buildCase(t.deps, u);
        for (const confirmPatient of [false, true]) {
          const { res, error, results } = await apiUpload(t, u, c, [{ filename: 'export.file', content }], {
            confirmPatient,
          });
          assert.equal(res.statusCode, 422, res.body.slice(0, 300));
          assert.equal(error?.code, code);
          assert.ok(error!.message.includes(words), error!.message);
          assert.equal(results[0]!.patient, undefined);
        }
        await nothingStored(u, c);
      });
    }

    test('a file whose two Patient resources are the same person is one person', async () => {
      const u = await buildUser(t, { displayName: 'Eve Betterhalf', dateOfBirth: '1975-05-01' });
      const c = await buildCase(t.deps, u);
      const twice = bundle(
        patientResource('Eve', 'Betterhalf', '1975-05-01'),
        { resourceType: 'Patient', name: [{ text: 'BETTERHALF, EVE' }] },
        condition,
      );
      const { res } = await apiUpload(t, u, c, [{ filename: 'twice.json', content: twice }]);
      assert.equal(res.statusCode, 201, res.body.slice(0, 300));
    });
  });

  describe('ZIP files: each portal file inside is checked', () => {
    test('a ZIP holding another person’s C-CDA stops at the mismatch, naming the file inside', async () => {
      const u = await buildUser(t, { displayName: 'Rosa Diaz', dateOfBirth: '1948-03-09' });
      const c = await buildCase(t.deps, u);
      const zip = makeZip([
        { name: 'IHE_XDM/SUBSET01/DOC0001.XML', data: fixture(CCD), method: 'deflate' },
        { name: 'IHE_XDM/SUBSET01/METADATA.XML', data: Buffer.from('<?xml version="1.0"?><SubmitObjectsRequest/>') },
        { name: 'README.TXT', data: Buffer.from('My record') },
      ]);
      const { res, error } = await apiUpload(t, u, c, [{ filename: 'my-record.zip', content: zip }]);
      assert.equal(res.statusCode, 409, res.body.slice(0, 300));
      assert.deepEqual(error!.file, { name: 'Eve Betterhalf', birthDate: '1975-05-01', inFile: 'DOC0001.XML' });
      await nothingStored(u, c);
      // Confirmed, the ZIP is stored and keeps who its files name.
      const ok = await apiUpload(t, u, c, [{ filename: 'my-record.zip', content: zip }], { confirmPatient: true });
      assert.equal(ok.res.statusCode, 201);
      const m = safeJson(await api(t.app, u.apiToken).get(`/api/v1/documents/${ok.results[0]!.documentId}`));
      assert.equal(m.detectedType, 'zip');
      assert.equal(m.patientCheck.status, 'confirmed');
      assert.deepEqual(m.patientCheck.named, [
        { name: 'Eve Betterhalf', birthDate: '1975-05-01', inFile: 'DOC0001.XML' },
      ]);
    });

    test('a ZIP whose files all name the profile’s person is stored as matched', async () => {
      const u = await buildUser(t, { displayName: 'Eve Betterhalf', dateOfBirth: '1975-05-01' });
      const c = await buildCase(t.deps, u);
      const zip = makeZip([
        { name: 'a/CCD.XML', data: fixture(CCD) },
        { name: 'b/care-plan.xml', data: fixture('ccda/Documents/Care Plan/Care_Plan.xml') },
      ]);
      const { res, results } = await apiUpload(t, u, c, [{ filename: 'exports.zip', content: zip }]);
      assert.equal(res.statusCode, 201, res.body.slice(0, 300));
      assert.equal(
        safeJson(await api(t.app, u.apiToken).get(`/api/v1/documents/${results[0]!.documentId}`)).patientCheck.status,
        'matched',
      );
    });

    test('a ZIP with one file of the right person and one of someone else is a mismatch about that one', async () => {
      const u = await buildUser(t, { displayName: 'Eve Betterhalf', dateOfBirth: '1975-05-01' });
      const c = await buildCase(t.deps, u);
      const zip = makeZip([
        { name: 'mine.xml', data: fixture(CCD) },
        { name: 'dad.json', data: fixture(SYNTHEA) },
      ]);
      const { res, error } = await apiUpload(t, u, c, [{ filename: 'family.zip', content: zip }]);
      assert.equal(res.statusCode, 409);
      assert.deepEqual(
        error!.files.map((f: { name: string; inFile: string }) => [f.name, f.inFile]),
        [['Lucien408 Bosco882', 'dad.json']],
      );
    });

    test('a ZIP holding a portal file naming nobody, or one that cannot be read, is refused and names that file', async () => {
      const u = await buildUser(t, { displayName: 'Eve Betterhalf', dateOfBirth: '1975-05-01' });
      const c = await buildCase(t.deps, u);
      const none = await apiUpload(
        t,
        u,
        c,
        [{ filename: 'a.zip', content: makeZip([{ name: 'export/conditions.json', data: bundle(condition) }]) }],
        { confirmPatient: true },
      );
      assert.equal(none.res.statusCode, 422);
      assert.equal(none.error!.code, 'patient_none');
      assert.equal(none.results[0]!.entry, 'conditions.json');
      assert.match(
        none.error!.message,
        /A health record file in this ZIP file \(conditions\.json\) does not say whose record it is/,
      );
      const broken = Buffer.from(fixture(CCD).toString('utf8').slice(0, 5000));
      const bad = await apiUpload(t, u, c, [
        { filename: 'b.zip', content: makeZip([{ name: 'CCD.XML', data: broken }]) },
      ]);
      assert.equal(bad.res.statusCode, 422);
      assert.equal(bad.error!.code, 'zip_record_unreadable');
      assert.match(bad.error!.message, /\(CCD\.XML\) could not be read/);
      await nothingStored(u, c);
    });

    test('a ZIP with more health record files than any portal export is refused, not half-checked', async () => {
      const u = await buildUser(t, { displayName: 'Eve Betterhalf' });
      const c = await buildCase(t.deps, u);
      const many = makeZip(Array.from({ length: 501 }, (_, i) => ({ name: `r/${i}.json`, data: Buffer.from('{}') })));
      const { res, error } = await apiUpload(t, u, c, [{ filename: 'many.zip', content: many }]);
      assert.equal(res.statusCode, 413);
      assert.equal(error!.code, 'zip_too_many_records');
      await nothingStored(u, c);
    });

    test('a ZIP with no portal file in it is stored as before, not checked', async () => {
      const u = await buildUser(t, { displayName: 'Eve Betterhalf' });
      const c = await buildCase(t.deps, u);
      const { res, results } = await apiUpload(t, u, c, [
        {
          filename: 'notes.zip',
          content: makeZip([
            { name: 'notes.txt', data: Buffer.from('hello') },
            { name: 'data.json', data: Buffer.from('{"a":1}') },
          ]),
        },
      ]);
      assert.equal(res.statusCode, 201);
      assert.equal(
        safeJson(await api(t.app, u.apiToken).get(`/api/v1/documents/${results[0]!.documentId}`)).patientCheck.status,
        'not_checked',
      );
    });
  });

  describe('the page, without JavaScript', () => {
    let u: BuiltUser;
    let c: string;
    before(async () => {
      u = await buildUser(t, { displayName: 'Rosa Diaz', dateOfBirth: '1948-03-09' });
      c = await buildCase(t.deps, u);
    });

    test('shows the file’s name and date of birth beside the profile’s, and a form to confirm this exact file', async () => {
      const content = fixture(CCD);
      const res = await pageUpload(t, u, c, [{ name: 'files', filename: 'my-portal-export.xml', content }]);
      assert.equal(res.statusCode, 409);
      const text = pageText(res.body);
      assert.match(text, /This file may be someone else’s record/);
      assert.match(text, /Name Eve Betterhalf Not the same Rosa Diaz/);
      assert.match(text, /Date of birth May 1, 1975 Not the same March 9, 1948/);
      assert.match(text, /Nothing from this file was added/);
      assert.match(res.body, new RegExp(`name="confirmPatient" value="${sha(content)}"`));
      assert.match(text, /This is the right person, import anyway/);
      // The profile's own person may be fixed instead.
      assert.match(res.body, new RegExp(`href="/patients/${u.patientId}/edit"`));
      await nothingStored(u, c);
    });

    test('choosing the same file again with the confirmation imports it', async () => {
      const content = fixture(CCD);
      const res = await pageUpload(t, u, c, [
        { name: 'confirmPatient', value: sha(content) },
        { name: 'files', filename: 'my-portal-export.xml', content },
      ]);
      assert.equal(res.statusCode, 200, pageText(res.body).slice(0, 300));
      assert.match(pageText(res.body), /Added\. \d+ health items were read from it\./);
      const docs = safeJson(await api(t.app, u.apiToken).get(`/api/v1/cases/${c}/documents`)).documents;
      assert.equal(docs.length, 1);
      assert.equal(docs[0].patientCheck.status, 'confirmed');
      assert.equal(docs[0].patientCheck.confirmedBy, u.userId);
    });

    test('a confirmation is for that file only: another file naming someone else still stops', async () => {
      const res = await pageUpload(t, u, c, [
        { name: 'confirmPatient', value: sha(fixture(CCD)) },
        { name: 'files', filename: 'synthea.json', content: fixture(SYNTHEA) },
      ]);
      assert.equal(res.statusCode, 409);
      assert.match(pageText(res.body), /Name Lucien408 Bosco882 Not the same Rosa Diaz/);
    });

    test('with JavaScript the same address answers JSON with both identities', async () => {
      const res = await pageUpload(t, u, c, [{ name: 'files', filename: 'synthea.json', content: fixture(SYNTHEA) }], {
        accept: 'application/json',
      });
      assert.equal(res.statusCode, 409);
      const body = safeJson(res);
      assert.equal(body.error.code, 'patient_mismatch');
      assert.deepEqual(body.results[0].patient.profile, { name: 'Rosa Diaz', birthDate: '1948-03-09' });
      assert.equal(body.results[0].patient.fingerprint, sha(fixture(SYNTHEA)));
    });

    test('several people or nobody: a plain message, nothing to confirm', async () => {
      const res = await pageUpload(t, u, c, [{ name: 'files', filename: 'none.json', content: bundle(condition) }]);
      assert.equal(res.statusCode, 422);
      const text = pageText(res.body);
      assert.match(text, /does not say whose record it is/);
      assert.doesNotMatch(res.body, /name="confirmPatient"/);
    });
  });

  describe('older imports: checked once at start, held out until reviewed', () => {
    let u: BuiltUser;
    let c: string;
    let eveId: string;
    let lucienId: string;
    let mineId: string;
    let pdfId: string;

    /** Makes documents look as they did before this check existed. */
    const makeOlder = (ids: string[]) =>
      t.deps.db
        .updateTable('documents')
        .set({ patient_check: null, patient_named: null, patient_checked_by: null, patient_checked_at: null })
        .where('id', 'in', ids)
        .execute();
    const status = async (id: string) =>
      (await t.deps.db.selectFrom('documents').select('patient_check').where('id', '=', id).executeTakeFirstOrThrow())
        .patient_check;

    before(async () => {
      u = await buildUser(t, { displayName: 'Isabella Jones', dateOfBirth: '2005-05-01' });
      c = await buildCase(t.deps, u);
      const up = await apiUpload(
        t,
        u,
        c,
        [
          { filename: 'eve.xml', content: fixture(CCD) },
          { filename: 'lucien.json', content: fixture(SYNTHEA) },
          { filename: 'mine.xml', content: fixture('ccda/Documents/Procedure Note/Procedure_Note.xml') },
          { filename: 'letter.pdf', content: await makePdf(['A letter']) },
        ],
        { confirmPatient: true },
      );
      [eveId, lucienId, mineId, pdfId] = up.results.map((r) => r.documentId!) as [string, string, string, string];
      await makeOlder([eveId, lucienId, mineId, pdfId]);
    });

    test('the check holds the files naming someone else, matches the right person’s, and leaves other files alone', async () => {
      const report = await checkOlderImports(t.deps, t.deps.blobs, {
        maxUploadBytes: t.config.maxUploadBytes,
        ...DEFAULT_LIMITS,
      });
      assert.deepEqual(report, { checked: 3, matched: 1, held: 2, notChecked: 0 });
      assert.equal(await status(eveId), 'mismatch');
      assert.equal(await status(lucienId), 'mismatch');
      assert.equal(await status(mineId), 'matched');
      assert.equal(await status(pdfId), null, 'a PDF names nobody: nothing to check');
      const named = await t.deps.db
        .selectFrom('documents')
        .select('patient_named')
        .where('id', '=', eveId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(named.patient_named!), [{ name: 'Eve Betterhalf', birthDate: '1975-05-01' }]);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select(['action', 'actor_type', 'object_id'])
        .where('action', '=', 'document.patient_check')
        .where('patient_id', '=', u.patientId)
        .execute();
      assert.deepEqual(
        audit.map((a) => a.actor_type),
        ['system', 'system', 'system'],
      );
      // Once only: a second run finds nothing to do.
      assert.deepEqual(
        await checkOlderImports(t.deps, t.deps.blobs, { maxUploadBytes: t.config.maxUploadBytes, ...DEFAULT_LIMITS }),
        { checked: 0, matched: 0, held: 0, notChecked: 0 },
      );
    });

    test('held files are left out of the documents list, packet, FHIR export, tests done, timeline and search', async () => {
      const client = api(t.app, u.apiToken);
      const docs = safeJson(await client.get(`/api/v1/cases/${c}/documents`))
        .documents.map((d: { id: string }) => d.id)
        .sort();
      assert.deepEqual(docs, [mineId, pdfId].sort());
      const review = safeJson(await client.get(`/api/v1/cases/${c}/documents?review=true`)).documents;
      assert.deepEqual(review.map((d: { id: string }) => d.id).sort(), [eveId, lucienId].sort());
      assert.ok(review.every((d: { patientCheck: { status: string } }) => d.patientCheck.status === 'mismatch'));
      // The packet refuses a held file by id, as it does any file not in the case.
      assert.equal((await client.get(`/api/v1/cases/${c}/packet?documentIds=${eveId}`)).statusCode, 404);
      const packetPage = pageText((await u.agent.get(`/cases/${c}/packet`)).body);
      assert.doesNotMatch(packetPage, /lucien|eve\.xml|Summarization of Episode/i);
      const packet = pageText((await u.agent.get(`/cases/${c}/packet`)).body);
      assert.doesNotMatch(packet, /Patient Chart Summary|\.xml|\.json|\.zip/i, 'nothing offered for the packet');
      const fhir = safeJson(await client.get(`/api/v1/cases/${c}/fhir`));
      const refs = JSON.stringify(fhir);
      assert.ok(!refs.includes(eveId) && !refs.includes(lucienId), 'no DocumentReference for a held file');
      assert.ok(!/Penicillin/i.test(refs), 'no allergy read from Eve’s file');
      assert.ok(!/Furosemide/i.test(refs), 'no medicine read from Lucien’s file');
      const tests = JSON.stringify(safeJson(await client.get(`/api/v1/cases/${c}/tests-done`)).tests);
      assert.ok(!tests.includes(eveId) && !tests.includes(lucienId));
      const timeline = safeJson(await client.get(`/api/v1/cases/${c}/timeline`)).items as { documentId: string }[];
      assert.ok(timeline.length > 0 && timeline.every((i) => i.documentId === mineId), 'only the right person’s items');
      assert.deepEqual(safeJson(await client.get(`/api/v1/cases/${c}/records/search?q=penicillin`)).results, []);
    });

    test('the records page lists them for review, with both identities and the two choices', async () => {
      const res = await u.agent.get(`/cases/${c}/records`);
      const text = pageText(res.body);
      assert.match(text, /Files that may be someone else’s record/);
      assert.match(text, /Name Eve Betterhalf Not the same Isabella Jones/);
      assert.match(text, /Date of birth May 1, 1975 Not the same May 1, 2005/);
      assert.match(text, /Name Lucien408 Bosco882 Not the same Isabella Jones/);
      assert.match(res.body, new RegExp(`action="/cases/${c}/records/documents/${eveId}/confirm-patient"`));
      assert.match(res.body, new RegExp(`href="/cases/${c}/records/documents/${lucienId}/remove"`));
      const doc = pageText((await u.agent.get(`/cases/${c}/records/documents/${eveId}`)).body);
      assert.match(doc, /This file names a different person from the profile/);
    });

    test('"This is the right person" brings a file back into the case, audited with who decided', async () => {
      const confirms = () =>
        t.deps.db
          .selectFrom('audit_log')
          .select(['actor_type', 'actor_id'])
          .where('action', '=', 'document.patient_confirm')
          .where('object_id', '=', eveId)
          .orderBy('seq')
          .execute();
      const before = (await confirms()).length;
      const res = await u.agent.post(`/cases/${c}/records/documents/${eveId}/confirm-patient`);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/cases/${c}/records/documents/${eveId}`);
      assert.equal(await status(eveId), 'confirmed');
      const page = pageText((await u.agent.get(`/cases/${c}/records/documents/${eveId}`)).body);
      assert.match(page, /Saved\. This file is part of the case\./);
      assert.match(page, /Isabella Jones said this is the right person on November 27, 2026\./);
      const audit = await confirms();
      assert.equal(audit.length, before + 1);
      assert.deepEqual(audit.at(-1), { actor_type: 'user', actor_id: u.userId });
      const client = api(t.app, u.apiToken);
      assert.ok(
        safeJson(await client.get(`/api/v1/cases/${c}/documents`)).documents.some(
          (d: { id: string }) => d.id === eveId,
        ),
      );
      assert.ok(
        /Penicillin/i.test(JSON.stringify(safeJson(await client.get(`/api/v1/cases/${c}/fhir`)))),
        'its items are exported now',
      );
      // Confirming again changes nothing and writes nothing.
      await u.agent.post(`/cases/${c}/records/documents/${eveId}/confirm-patient`);
      assert.equal((await confirms()).length, before + 1);
    });

    test('"Remove from this case" uses the usual flow: the file moves to removed files, off the review list', async () => {
      const res = await u.agent.post(`/cases/${c}/records/documents/${lucienId}/remove`);
      assert.equal(res.statusCode, 303);
      const client = api(t.app, u.apiToken);
      assert.deepEqual(safeJson(await client.get(`/api/v1/cases/${c}/documents?review=true`)).documents, []);
      assert.deepEqual(
        safeJson(await client.get(`/api/v1/cases/${c}/documents?removed=true`)).documents.map(
          (d: { id: string }) => d.id,
        ),
        [lucienId],
      );
      assert.doesNotMatch(
        pageText((await u.agent.get(`/cases/${c}/records`)).body),
        /Files that may be someone else’s record/,
      );
    });

    test('strangers and removed helpers cannot confirm a held file (404, nothing changes)', async () => {
      const stranger = await buildUser(t);
      const helper = await buildUser(t);
      const membership = await addHelper(t.deps, u.patientId, helper, u.userId);
      await removeHelper(t.deps, membership, u.userId);
      await makeOlder([lucienId]);
      await u.agent.post(`/cases/${c}/records/documents/${lucienId}/restore`);
      await checkOlderImports(t.deps, t.deps.blobs, { maxUploadBytes: t.config.maxUploadBytes, ...DEFAULT_LIMITS });
      assert.equal(await status(lucienId), 'mismatch');
      for (const who of [stranger, helper]) {
        assert.equal(
          (await who.agent.post(`/cases/${c}/records/documents/${lucienId}/confirm-patient`)).statusCode,
          404,
        );
        assert.equal(
          (await api(t.app, who.apiToken).patch(`/api/v1/documents/${lucienId}`, { patientConfirmed: true }))
            .statusCode,
          404,
        );
        assert.equal((await api(t.app, who.apiToken).get(`/api/v1/cases/${c}/documents?review=true`)).statusCode, 404);
      }
      assert.equal(await status(lucienId), 'mismatch');
    });

    test('the API confirms with PATCH { patientConfirmed: true }', async () => {
      assert.equal(await status(lucienId), 'mismatch');
      const res = await api(t.app, u.apiToken).patch(`/api/v1/documents/${lucienId}`, { patientConfirmed: true });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(safeJson(res).patientCheck.status, 'confirmed');
      assert.equal(safeJson(res).patientCheck.confirmedBy, u.userId);
    });

    test('registering the routes does no start-up work: the composition root runs the check (issue 17 item 5)', async () => {
      await makeOlder([mineId]);
      // The app alone, as a test or another entry point might build it, checks nothing.
      // Its close must not close the shared test database.
      const bare = await buildApp(
        { ...t.deps, close: async () => {} },
        { features: [createRecordsFeature()], logger: false },
      );
      try {
        assert.equal(await status(mineId), null);
      } finally {
        await bare.close();
      }
      await startupTasks(t.deps, bare.log);
      assert.equal(await status(mineId), 'matched');
    });

    test('the check runs when the app starts, and logs counts only', async () => {
      await makeOlder([mineId]);
      const lines: string[] = [];
      const sink = new Writable({
        write(chunk, _enc, cb) {
          lines.push(String(chunk));
          cb();
        },
      });
      const second = await createServer(
        t.config,
        { clock: t.clock, mailer: t.mailer },
        { level: 'info', stream: sink },
      );
      try {
        assert.equal(await status(mineId), 'matched');
      } finally {
        await second.app.close();
      }
      const line = lines.find((l) => l.includes('older portal imports checked'));
      assert.ok(line, lines.join(''));
      assert.deepEqual(
        (({ checked, matched, held, notChecked }) => ({ checked, matched, held, notChecked }))(JSON.parse(line)),
        { checked: 1, matched: 1, held: 0, notChecked: 0 },
      );
      const all = lines.join('');
      for (const words of ['Isabella', 'Jones', '2005-05-01', mineId, u.patientId])
        assert.ok(!all.includes(words), `no "${words}" in the log`);
    });
  });

  test('the API description says how a mismatch is answered and confirmed', async () => {
    const doc = safeJson(await api(t.app).get('/api/openapi.json'));
    const upload = doc.paths['/api/v1/cases/{caseId}/documents'].post;
    assert.ok(
      upload.parameters.some((p: { name: string; in: string }) => p.name === 'confirmPatient' && p.in === 'query'),
    );
    assert.ok(upload.responses['409'] && upload.responses['422']);
    assert.match(upload.description, /patient_mismatch/);
    assert.ok(JSON.stringify(upload.responses['409']).includes('fingerprint'));
    const patch = doc.paths['/api/v1/documents/{documentId}'].patch;
    assert.ok(JSON.stringify(patch).includes('patientConfirmed'));
  });
});
