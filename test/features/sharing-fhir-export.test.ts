import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import type {
  Bundle,
  CarePlan,
  ClinicalImpression,
  Condition,
  Coverage,
  DocumentReference,
  Practitioner,
  Resource,
} from '@medplum/fhirtypes';
import { bundleResources, fhirToItems } from '../../src/features/records/imports.ts';
import {
  caseToFhirBundle,
  countResources,
  type FhirCaseData,
  ICD10CM_SYSTEM,
  NPI_SYSTEM,
  stableUuid,
} from '../../src/features/sharing/fhir-export.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';
import {
  fhirCase,
  fhirCaseData,
  fhirCoverage,
  fhirDocument,
  fhirItem,
  fhirOpinion,
  itemsFromImport,
} from '../builders/sharing-fhir.ts';
import { FIXTURES } from '../helpers/records.ts';
import { bundleProblems, loadFhirDefinitions, validationErrors } from './sharing-fhir-validate.ts';

// The case as a FHIR R4 Bundle, pure: each mapping, and every resource checked by
// @medplum/core's validator against the R4 StructureDefinitions.

const t = translator('en');
const opts = { baseUrl: 'https://so.example.org', now: '2026-11-27T15:00:00.000Z', t };
const exportOf = (data: FhirCaseData) => caseToFhirBundle(data, opts);
const all = <R extends Resource>(b: Bundle, type: R['resourceType']) =>
  (b.entry ?? []).map((e) => e.resource!).filter((r): r is R => r.resourceType === type);
const one = <R extends Resource>(b: Bundle, type: R['resourceType']) => {
  const list = all<R>(b, type);
  assert.equal(list.length, 1, `one ${type}`);
  return list[0]!;
};

before(() => loadFhirDefinitions());

describe('FHIR export: the validator is live', () => {
  test('a broken resource is rejected', () => {
    assert.deepEqual(validationErrors({ resourceType: 'Patient', id: 'p1', birthDate: '1950-04-28' }), []);
    assert.ok(validationErrors({ resourceType: 'Patient', id: 'p1', birthDate: 'last spring' }).length > 0, 'bad date');
    assert.ok(validationErrors({ resourceType: 'Condition', id: 'c1' } as never).length > 0, 'no subject');
    assert.ok(
      validationErrors({ resourceType: 'Patient', id: 'p1', favouriteColour: 'blue' } as never).length > 0,
      'unknown element',
    );
    // An invariant, not just structure: an allergy needs a clinical status.
    assert.ok(
      validationErrors({ resourceType: 'AllergyIntolerance', id: 'a1', patient: { reference: 'urn:uuid:x' } }).length >
        0,
      'ait-1',
    );
  });

  test('a bundle with a reference that goes nowhere is reported', () => {
    const b = exportOf(fhirCaseData());
    assert.deepEqual(bundleProblems(b), []);
    const broken = structuredClone(b);
    const condition = broken.entry!.find((e) => e.resource?.resourceType === 'Condition')!.resource as Condition;
    condition.subject = { reference: 'urn:uuid:00000000-0000-4000-8000-ffffffffffff' };
    assert.ok(bundleProblems(broken).some((p) => p.includes('does not resolve')));
  });
});

describe('FHIR export: what goes in', () => {
  test('a full case is a valid collection Bundle whose references all resolve', () => {
    const b = exportOf(fhirCaseData());
    assert.equal(b.resourceType, 'Bundle');
    assert.equal(b.type, 'collection');
    assert.equal(b.timestamp, opts.now);
    assert.deepEqual(bundleProblems(b), []);
    assert.deepEqual(countResources(b), {
      Patient: 1,
      // The first doctor (name only) and the second-opinion doctor, each with a role for the specialty.
      Practitioner: 2,
      PractitionerRole: 2,
      // The first doctor's diagnosis, one imported condition, one from the opinion.
      Condition: 3,
      // What the first doctor proposed, and the opinion's plan.
      CarePlan: 2,
      DocumentReference: 1,
      ClinicalImpression: 1,
      Coverage: 1,
    });
  });

  test('the patient: name, birth date and postal code', () => {
    const p = one<import('@medplum/fhirtypes').Patient>(exportOf(fhirCaseData()), 'Patient');
    assert.deepEqual(p.name, [{ text: 'Rose Example' }]);
    assert.equal(p.birthDate, '1950-04-28');
    assert.deepEqual(p.address, [{ postalCode: '60614' }]);
  });

  test('an opinion: ICD-10-CM diagnosis, NPI, impression and plan', () => {
    const data = fhirCaseData();
    const b = exportOf(data);
    const doctor = all<Practitioner>(b, 'Practitioner').find((p) => p.identifier?.length)!;
    assert.deepEqual(doctor.identifier, [{ system: NPI_SYSTEM, value: '1234567893' }]);
    const impression = one<ClinicalImpression>(b, 'ClinicalImpression');
    assert.equal(impression.status, 'completed');
    assert.equal(impression.assessor?.reference, `urn:uuid:${doctor.id}`);
    assert.equal(impression.effectiveDateTime, '2026-11-26');
    assert.deepEqual(impression.prognosisCodeableConcept, [{ text: 'Good with treatment' }]);
    const notes = impression.note!.map((n) => n.text).join('\n');
    assert.match(notes, /Goal of treatment: To cure the disease/);
    assert.match(notes, /Plan: Surgery: Lumpectomy/);
    assert.match(notes, /Question: Is it curable\? Answer: Very likely, yes\./);
    const dx = all<Condition>(b, 'Condition').find((c) => c.code?.coding?.[0]?.system === ICD10CM_SYSTEM)!;
    assert.equal(dx.code!.coding![0]!.code, 'C50.912');
    assert.equal(dx.asserter?.reference, `urn:uuid:${doctor.id}`);
    assert.deepEqual(dx.stage, [{ summary: { text: 'Stage IIA' } }]);
    assert.deepEqual(impression.finding, [{ itemReference: { reference: `urn:uuid:${dx.id}` } }]);
    const plan = all<CarePlan>(b, 'CarePlan').find((p) => p.activity)!;
    assert.deepEqual(
      plan.activity!.map((a) => a.detail?.code?.text),
      ['Surgery', 'Radiation'],
    );
    assert.deepEqual(plan.addresses, [{ reference: `urn:uuid:${dx.id}` }]);
  });

  test('only accepted opinions are exported; one doctor twice is one Practitioner', () => {
    const c = fhirCase();
    const data = fhirCaseData({
      case: { ...c, doctorName: null, doctorSpecialty: null },
      opinions: [
        fhirOpinion(c.id, { status: 'accepted' }),
        fhirOpinion(c.id, { status: 'accepted', givenOn: '2026-11-27' }),
        fhirOpinion(c.id, { status: 'pending', doctorName: 'Dr. Pending', doctorNpi: null }),
        fhirOpinion(c.id, { status: 'discarded', doctorName: 'Dr. Discarded', doctorNpi: null }),
      ],
    });
    const b = exportOf(data);
    assert.equal(all(b, 'ClinicalImpression').length, 2);
    assert.equal(all(b, 'Practitioner').length, 1);
    assert.ok(!JSON.stringify(b).includes('Dr. Pending'));
    assert.ok(!JSON.stringify(b).includes('Dr. Discarded'));
    assert.deepEqual(bundleProblems(b), []);
  });

  test('a document: type, size, link to its bytes, and its SHA-256 as an ni: URI', () => {
    const c = fhirCase();
    const doc = fhirDocument(c.id, { sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' });
    const d = one<DocumentReference>(
      exportOf(fhirCaseData({ case: c, documents: [doc], items: [] })),
      'DocumentReference',
    );
    assert.equal(d.status, 'current');
    assert.deepEqual(d.type, {
      coding: [{ system: 'http://loinc.org', code: '11526-1', display: 'Pathology study' }],
      text: 'Pathology report',
    });
    const a = d.content[0]!.attachment;
    assert.equal(a.url, `https://so.example.org/api/v1/documents/${doc.id}/content`);
    assert.equal(a.contentType, 'application/pdf');
    assert.equal(a.size, 12_345);
    assert.equal(a.title, 'biopsy.pdf');
    assert.equal(a.creation, '2026-11-02');
    // sha256("test"), base64url: what RFC 6920 gives for that digest.
    assert.deepEqual(d.identifier, [
      { system: 'urn:ietf:rfc:3986', value: 'ni:///sha-256;n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg' },
    ]);
    assert.equal(d.author?.[0]?.display, 'Lakeside Hospital');
  });

  test('coverage: plan type, payor, member ID; none when uninsured', () => {
    const c = fhirCase();
    const cov = one<Coverage>(exportOf(fhirCaseData({ case: c })), 'Coverage');
    assert.equal(cov.type?.text, 'Medicare Advantage HMO');
    assert.deepEqual(cov.type?.coding, [{ system: 'https://nahdo.org/sopt', code: '111', display: 'Medicare HMO' }]);
    assert.equal(cov.subscriberId, 'XYZ123456789');
    assert.deepEqual(cov.payor, [{ display: 'Acme Health' }]);
    const medicare = one<Coverage>(
      exportOf(
        fhirCaseData({
          case: c,
          coverage: fhirCoverage(c.id, { planType: 'original_medicare', insurer: null, memberId: null }),
        }),
      ),
      'Coverage',
    );
    assert.deepEqual(medicare.payor, [{ display: 'Medicare' }]);
    assert.equal(medicare.subscriberId, undefined);
    assert.equal(
      all(
        exportOf(fhirCaseData({ case: c, coverage: fhirCoverage(c.id, { planType: 'uninsured', insurer: null }) })),
        'Coverage',
      ).length,
      0,
    );
    assert.equal(all(exportOf(fhirCaseData({ case: c, coverage: null })), 'Coverage').length, 0);
  });

  test('items from documents outside the export are left out, so no reference dangles', () => {
    const c = fhirCase();
    const doc = fhirDocument(c.id);
    const b = exportOf(
      fhirCaseData({
        case: c,
        documents: [doc],
        items: [fhirItem(doc.id), fhirItem('another-document', { display: 'Gout' })],
      }),
    );
    assert.equal(all<Condition>(b, 'Condition').filter((x) => x.code?.text === 'Gout').length, 0);
    assert.deepEqual(bundleProblems(b), []);
  });

  test('records that break FHIR rules are mended, and the note says how', () => {
    const c = fhirCase();
    const doc = fhirDocument(c.id);
    const items = [
      // An end date on a condition still marked active (con-4 forbids abatement here).
      fhirItem(doc.id, { display: 'Asthma', status: 'active', endedOn: '2020-01-01' }),
      // An allergy whose record gives no status (ait-1 needs one).
      fhirItem(doc.id, {
        category: 'allergy',
        display: 'Penicillin',
        status: null,
        value: 'Hives',
        codeSystem: null,
        code: null,
      }),
      // A shot with no date, a code system cut short by the import, and a bad date.
      fhirItem(doc.id, {
        category: 'immunization',
        display: 'Influenza',
        status: null,
        startedOn: null,
        codeSystem: `http://example.org/${'x'.repeat(80)}`,
        code: '140',
      }),
      fhirItem(doc.id, {
        category: 'lab',
        display: 'Glucose',
        status: 'final',
        value: '95 mg/dL',
        startedOn: '2020-13-45',
        codeSystem: 'LOINC',
        code: '2345-7',
      }),
      fhirItem(doc.id, {
        category: 'encounter',
        display: 'Office visit',
        status: 'finished',
        place: 'Lakeside Clinic',
      }),
      fhirItem(doc.id, {
        category: 'medication',
        display: 'Metformin 500 MG',
        status: 'cancelled',
        value: 'Twice a day',
        codeSystem: 'RxNorm',
        code: '861007',
      }),
      fhirItem(doc.id, { category: 'procedure', display: 'Biopsy', status: 'completed', endedOn: '2019-03-02' }),
      fhirItem(doc.id, { category: 'report', display: 'CBC panel', status: 'final', value: 'Normal' }),
      fhirItem(doc.id, {
        category: 'imaging',
        display: 'CT chest',
        status: null,
        value: '2 series, 80 images',
        codeSystem: null,
        code: null,
      }),
      fhirItem(doc.id, {
        category: 'vital',
        display: 'Blood pressure',
        status: 'final',
        value: 'Systolic 120 mm[Hg]; Diastolic 80 mm[Hg]',
      }),
    ];
    const b = exportOf(fhirCaseData({ case: c, documents: [doc], items, opinions: [] }));
    assert.deepEqual(bundleProblems(b), []);
    const asthma = all<Condition>(b, 'Condition').find((x) => x.code?.text === 'Asthma')!;
    assert.equal(asthma.abatementDateTime, undefined);
    assert.deepEqual(asthma.note, [{ text: 'The record also gives an end date: 2020-01-01.' }]);
    assert.deepEqual(asthma.evidence, [{ detail: [{ reference: `urn:uuid:${all(b, 'DocumentReference')[0]!.id}` }] }]);
    const allergy = one<import('@medplum/fhirtypes').AllergyIntolerance>(b, 'AllergyIntolerance');
    assert.equal(allergy.clinicalStatus?.coding?.[0]?.code, 'active');
    assert.equal(allergy.note?.length, 1);
    assert.deepEqual(allergy.reaction, [{ manifestation: [{ text: 'Hives' }] }]);
    const shot = one<import('@medplum/fhirtypes').Immunization>(b, 'Immunization');
    assert.equal(shot.status, 'completed');
    assert.equal(shot.occurrenceString, 'Date not given in the record');
    assert.equal(shot.vaccineCode.coding, undefined, 'a cut-off system is not sent');
    const glucose = all<import('@medplum/fhirtypes').Observation>(b, 'Observation').find(
      (o) => o.code.text === 'Glucose',
    )!;
    assert.equal(glucose.effectiveDateTime, undefined);
    assert.deepEqual(glucose.code.coding, [{ system: 'http://loinc.org', code: '2345-7', display: 'Glucose' }]);
    assert.equal(glucose.valueString, '95 mg/dL');
    assert.equal(one<import('@medplum/fhirtypes').MedicationStatement>(b, 'MedicationStatement').status, 'unknown');
    assert.deepEqual(one<import('@medplum/fhirtypes').Procedure>(b, 'Procedure').performedPeriod, {
      start: '2019-03-01',
      end: '2019-03-02',
    });
  });

  test('a case with no diagnosis yet, no doctor, no documents: still valid', () => {
    const c = fhirCase({
      diagnosisStatus: 'no_diagnosis',
      diagnosis: null,
      doctorName: null,
      doctorSpecialty: null,
      proposedTreatment: null,
      patientDateOfBirth: null,
      patientZip: null,
    });
    const b = exportOf({ case: c, documents: [], items: [], opinions: [], coverage: null });
    assert.deepEqual(countResources(b), { Patient: 1 });
    assert.deepEqual(bundleProblems(b), []);
  });

  test('ids are stable: the same case exported twice keeps each resource’s id', () => {
    const data = fhirCaseData();
    const ids = (b: Bundle) => b.entry!.map((e) => e.resource!.id);
    assert.deepEqual(ids(exportOf(data)), ids(caseToFhirBundle(data, { ...opts, now: '2026-12-01T09:00:00.000Z' })));
    assert.notDeepEqual(ids(exportOf(data)), ids(exportOf({ ...data, case: { ...data.case, id: 'another-case' } })));
    assert.match(stableUuid('a', 'b'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('FHIR export: every example portal export round-trips into valid FHIR', () => {
  const dir = path.join(FIXTURES, 'fhir');
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')).sort();
  test('there are fixtures to test', () => assert.ok(files.length >= 4, files.join(', ')));
  for (const rel of files) {
    test(rel, () => {
      const parsed = bundleResources(JSON.parse(fs.readFileSync(path.join(dir, rel), 'utf8')));
      assert.ok(parsed.ok);
      const { items } = fhirToItems(parsed.ok ? parsed.resources : []);
      const c = fhirCase();
      const doc = fhirDocument(c.id, {
        detectedType: 'fhir',
        mediaType: 'application/fhir+json',
        originalName: path.basename(rel),
        kind: 'other',
      });
      const b = exportOf(fhirCaseData({ case: c, documents: [doc], items: itemsFromImport(doc.id, items) }));
      const problems = bundleProblems(b);
      assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
      // Every item became a resource: the patient, the case's own, and one per item.
      const base = countResources(exportOf(fhirCaseData({ case: c, documents: [doc], items: [] })));
      const baseTotal = Object.values(base).reduce((a, n) => a + n, 0);
      assert.equal(b.entry!.length, baseTotal + items.length);
    });
  }
});
