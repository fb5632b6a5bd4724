import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type {
  Bundle,
  ClinicalImpression,
  Condition,
  Coverage,
  DocumentReference,
  Practitioner,
} from '@medplum/fhirtypes';
import { countResources, ICD10CM_SYSTEM, NPI_SYSTEM } from '../../src/features/sharing/fhir-export.ts';
import { buildPlan } from '../builders/doctors-tasks.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildOpinion } from '../builders/opinions.ts';
import { Agent, api } from '../helpers/agent.ts';
import { apiUpload, fixture, makePdf } from '../helpers/records.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';
import { bundleProblems, loadFhirDefinitions } from './sharing-fhir-validate.ts';

// GET /api/v1/cases/{caseId}/fhir on a case built the way people build one: a Synthea
// portal export imported through the real upload path, a PDF, an opinion with an ICD-10-CM
// code and an NPI, and coverage. Every resource must pass @medplum/core's validator.

const SYNTHEA = 'fhir/synthea/uscore_bundle_patient_85.json';

forEachDialect('FHIR export of a case', (dialect) => {
  let t: TestApp;
  let owner: BuiltUser;
  let stranger: BuiltUser;
  let caseId: string;
  let otherCaseId: string;
  let bundle: Bundle;
  let res: Awaited<ReturnType<ReturnType<typeof api>['get']>>;

  before(async () => {
    loadFhirDefinitions();
    t = await buildTestApp(dialect);
    owner = await buildUser(t, { displayName: 'Rose Export-Marker' });
    stranger = await buildUser(t);
    caseId = await buildCase(t.deps, owner, { doctorSpecialty: 'Breast surgery' });
    // The Synthea and mCODE patients are not Rose: the uploads say they are hers anyway (ADR 0146).
    const up = await apiUpload(t, owner, caseId, [{ filename: path.basename(SYNTHEA), content: fixture(SYNTHEA) }], {
      confirmPatient: true,
    });
    assert.equal(up.res.statusCode, 201, up.res.body.slice(0, 300));
    assert.ok((up.results[0]!.itemsAdded ?? 0) > 20, 'the Synthea bundle was imported');
    const pdf = await apiUpload(t, owner, caseId, [
      { filename: 'biopsy.pdf', content: await makePdf(['Surgical pathology report']) },
    ]);
    assert.equal(pdf.res.statusCode, 201);
    await buildOpinion(t.deps, owner, caseId, {
      doctorName: 'Dr. Grace Hopper',
      doctorNpi: '1234567893',
      diagnoses: [{ text: 'Breast cancer, left', code: 'C50.912' }],
      stageStatus: 'Stage IIA',
    });
    await buildOpinion(t.deps, owner, caseId, {
      doctorName: 'Dr. Not-Yet-Accepted',
      status: 'pending',
      source: 'doctor',
    });
    await buildPlan(t.deps, owner, caseId, {
      planType: 'medicare_advantage_ppo',
      insurer: 'Acme Health',
      memberId: 'XYZ123456789',
    });
    // Another case of the same patient, with its own import: none of it belongs in this export.
    otherCaseId = await buildCase(t.deps, owner, { diagnosis: 'Other-case-marker' });
    const other = await apiUpload(
      t,
      owner,
      otherCaseId,
      [{ filename: 'mcode.json', content: fixture('fhir/mcode/TrialMatching_Patient01.json') }],
      { confirmPatient: true },
    );
    assert.equal(other.res.statusCode, 201);
    res = await api(t.app, owner.apiToken).get(`/api/v1/cases/${caseId}/fhir`);
    bundle = JSON.parse(res.body) as Bundle;
  });
  after(() => t.close());

  test('answers a FHIR Bundle with the right headers', () => {
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.match(String(res.headers['content-type']), /^application\/fhir\+json/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="case-2026-11-27\.fhir\.json"/);
    assert.equal(bundle.resourceType, 'Bundle');
    assert.equal(bundle.type, 'collection');
  });

  test('every resource passes the FHR R4 validator and every reference resolves in the bundle', () => {
    const problems = bundleProblems(bundle);
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
  });

  test('the entries are exactly what the case holds', async () => {
    const docs = await t.deps.db
      .selectFrom('documents')
      .select(['id'])
      .where('case_id', '=', caseId)
      .where('archived_at', 'is', null)
      .execute();
    const items = await t.deps.db
      .selectFrom('record_items')
      .select(['category'])
      .where(
        'document_id',
        'in',
        docs.map((d) => d.id),
      )
      .execute();
    assert.ok(items.length > 20);
    const byCategory = (c: string) => items.filter((i) => i.category === c).length;
    const counts = countResources(bundle);
    assert.equal(counts.DocumentReference, 2, 'the Synthea file and the PDF');
    // The first doctor's diagnosis, each imported condition, and the accepted opinion's diagnosis.
    assert.equal(counts.Condition, 1 + byCategory('condition') + 1);
    assert.equal(counts.Observation ?? 0, byCategory('lab') + byCategory('vital'));
    assert.equal(counts.MedicationStatement ?? 0, byCategory('medication'));
    assert.equal(counts.Encounter ?? 0, byCategory('encounter'));
    assert.equal(counts.Immunization ?? 0, byCategory('immunization'));
    assert.equal(counts.Procedure ?? 0, byCategory('procedure'));
    assert.equal(counts.ClinicalImpression, 1, 'only the accepted opinion');
    assert.equal(counts.Coverage, 1);
    // The first doctor and the second-opinion doctor.
    assert.equal(counts.Practitioner, 2);
    // Patient, first doctor (+ role), first diagnosis, first proposal, the opinion's doctor (+ role),
    // diagnosis, impression and plan, coverage, the documents, and one resource per item.
    assert.equal(bundle.entry!.length, 1 + 2 + 1 + 1 + 2 + 3 + 1 + docs.length + items.length);
    const text = JSON.stringify(bundle);
    assert.ok(!text.includes('Dr. Not-Yet-Accepted'), 'a pending opinion is not exported');
    assert.ok(!text.includes('Other-case-marker'), 'nothing of the other case');
  });

  test('the opinion carries its ICD-10-CM code and the doctor’s NPI; coverage its member ID', () => {
    const resources = bundle.entry!.map((e) => e.resource!);
    const doctor = resources.find((r): r is Practitioner => r.resourceType === 'Practitioner' && !!r.identifier)!;
    assert.deepEqual(doctor.identifier, [{ system: NPI_SYSTEM, value: '1234567893' }]);
    const dx = resources.find(
      (r): r is Condition => r.resourceType === 'Condition' && r.code?.coding?.[0]?.system === ICD10CM_SYSTEM,
    )!;
    assert.equal(dx.code!.coding![0]!.code, 'C50.912');
    const impression = resources.find((r): r is ClinicalImpression => r.resourceType === 'ClinicalImpression')!;
    assert.deepEqual(impression.finding, [{ itemReference: { reference: `urn:uuid:${dx.id}` } }]);
    const coverage = resources.find((r): r is Coverage => r.resourceType === 'Coverage')!;
    assert.equal(coverage.subscriberId, 'XYZ123456789');
    const pdf = resources.find(
      (r): r is DocumentReference =>
        r.resourceType === 'DocumentReference' && r.content[0]!.attachment.contentType === 'application/pdf',
    )!;
    assert.match(
      pdf.content[0]!.attachment.url!,
      /^http:\/\/localhost:\d+\/api\/v1\/documents\/[0-9a-f-]{36}\/content$/,
    );
  });

  test('the document links in the export open the bytes for the owner', async () => {
    const pdf = bundle
      .entry!.map((e) => e.resource!)
      .find(
        (r): r is DocumentReference =>
          r.resourceType === 'DocumentReference' && r.content[0]!.attachment.contentType === 'application/pdf',
      )!;
    const url = new URL(pdf.content[0]!.attachment.url!);
    const bytes = await api(t.app, owner.apiToken).get(url.pathname);
    assert.equal(bytes.statusCode, 200);
    assert.equal(bytes.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.equal(bytes.rawPayload.length, pdf.content[0]!.attachment.size);
  });

  test('the export is audited', async () => {
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'object_type', 'object_id', 'actor_id'])
      .where('action', '=', 'case.export_fhir')
      .execute();
    assert.deepEqual(rows, [
      { action: 'case.export_fhir', object_type: 'case', object_id: caseId, actor_id: owner.userId },
    ]);
  });

  test('a stranger and a visitor get 404 and learn nothing; nothing is audited for them', async () => {
    for (const client of [api(t.app, stranger.apiToken), api(t.app)]) {
      const r = await client.get(`/api/v1/cases/${caseId}/fhir`);
      assert.equal(r.statusCode, 404);
      assert.ok(!r.body.includes('Export-Marker'));
    }
    const r = await stranger.agent.get(`/cases/${caseId}/export/fhir`);
    assert.equal(r.statusCode, 404);
    assert.ok(!r.body.includes('Export-Marker'));
    // Signed out, the page sends to sign in (issue 18 item 4) and shows nothing.
    const visitor = await new Agent(t.app).get(`/cases/${caseId}/export/fhir`);
    assert.equal(visitor.statusCode, 303);
    assert.equal(visitor.headers.location, `/sign-in?next=${encodeURIComponent(`/cases/${caseId}/export/fhir`)}`);
    assert.ok(!visitor.body.includes('Export-Marker'));
    // An unknown case is the same 404.
    assert.equal(
      (await api(t.app, owner.apiToken).get('/api/v1/cases/00000000-0000-4000-8000-000000000000/fhir')).statusCode,
      404,
    );
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'case.export_fhir')
      .execute();
    assert.equal(rows.length, 1);
  });

  test('the records page links to the download, which works with the browser session', async () => {
    const page = await owner.agent.get(`/cases/${caseId}/records`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`href="/cases/${caseId}/export/fhir"`), 'the link is on the records page');
    const r = await owner.agent.get(`/cases/${caseId}/export/fhir`);
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /^application\/fhir\+json/);
    assert.equal(r.headers['cache-control'], 'no-store');
    const b = JSON.parse(r.body) as Bundle;
    assert.equal(b.entry!.length, bundle.entry!.length);
  });

  test('the API is described in the OpenAPI document', async () => {
    const doc = JSON.parse((await api(t.app).get('/api/openapi.json')).body);
    assert.ok(doc.paths['/api/v1/cases/{caseId}/fhir']?.get, 'documented');
  });
});
