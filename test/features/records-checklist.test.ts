import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CASE_KINDS, CHECKLISTS, checklistFor, checklistLetterKey, isSpecimenItem } from '../../src/content/records.ts';
import {
  statusAfterLink,
  statusAfterRequest,
  suggestCaseKind,
  summarize,
} from '../../src/features/records/checklist.ts';
import { recordsStepStatus } from '../../src/features/records/records-routes.ts';
import { en } from '../../src/platform/i18n/messages/en.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildDocument } from '../builders/records.ts';
import { api } from '../helpers/agent.ts';
import { safeJson } from '../helpers/records.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

describe('records checklist (pure)', () => {
  const suggest: [string, Parameters<typeof suggestCaseKind>[0], string][] = [
    [
      'breast cancer',
      {
        diagnosisStatus: 'diagnosed',
        diagnosis: 'Ductal carcinoma, left breast',
        doctorSpecialty: null,
        proposedTreatment: 'Mastectomy',
      },
      'cancer',
    ],
    [
      'lymphoma',
      {
        diagnosisStatus: 'diagnosed',
        diagnosis: 'Non-Hodgkin lymphoma',
        doctorSpecialty: null,
        proposedTreatment: null,
      },
      'cancer',
    ],
    [
      'heart',
      {
        diagnosisStatus: 'diagnosed',
        diagnosis: 'Aortic valve stenosis',
        doctorSpecialty: 'Cardiologist',
        proposedTreatment: 'Valve replacement',
      },
      'heart',
    ],
    [
      'neuro',
      { diagnosisStatus: 'diagnosed', diagnosis: 'Epilepsy', doctorSpecialty: null, proposedTreatment: null },
      'neuro',
    ],
    [
      'knee',
      {
        diagnosisStatus: 'diagnosed',
        diagnosis: 'Torn meniscus, right knee',
        doctorSpecialty: null,
        proposedTreatment: null,
      },
      'ortho_surgical',
    ],
    [
      'surgery proposed',
      {
        diagnosisStatus: 'diagnosed',
        diagnosis: 'Gallstones',
        doctorSpecialty: null,
        proposedTreatment: 'Surgery to remove the gallbladder',
      },
      'ortho_surgical',
    ],
    [
      'no diagnosis',
      { diagnosisStatus: 'no_diagnosis', diagnosis: null, doctorSpecialty: null, proposedTreatment: null },
      'rare',
    ],
    [
      'other',
      {
        diagnosisStatus: 'diagnosed',
        diagnosis: 'Type 2 diabetes',
        doctorSpecialty: null,
        proposedTreatment: 'Metformin',
      },
      'general',
    ],
  ];
  for (const [name, c, want] of suggest)
    test(`suggests ${want} for ${name}`, () => assert.equal(suggestCaseKind(c), want));

  test('every kind has a sourced list; every item has words in the catalogue', () => {
    for (const k of CASE_KINDS) {
      const list = checklistFor(k);
      assert.ok(list.length >= 6, k);
      assert.equal(new Set(list.map((i) => i.key)).size, list.length, `${k}: no duplicate items`);
      for (const i of list) {
        assert.ok(i.source.url.startsWith('http'), `${k}.${i.key} has a source`);
        assert.ok(en[i.text], `${i.text} in the catalogue`);
        if (i.hint) assert.ok(en[i.hint], `${i.hint} in the catalogue`);
        // Slides and blocks are specimens: a records letter never names them (ADR 0149).
        if (isSpecimenItem(i.key))
          assert.equal(en[checklistLetterKey(i.key)], undefined, `${i.key}: no words for a records letter`);
        else assert.ok(en[checklistLetterKey(i.key)], `${i.key}: words for the request letter`);
      }
    }
    // The cancer list: pathology reports and slides/blocks, images themselves, staging, markers, genetics, operative notes.
    const cancer = CHECKLISTS.cancer.map((i) => i.key);
    for (const k of [
      'pathology_reports',
      'pathology_slides',
      'imaging_files',
      'staging',
      'tumor_markers',
      'genetic_tests',
      'operative_notes',
    ])
      assert.ok(cancer.includes(k), k);
  });

  test('summary: complete only when every item is received or does not apply', () => {
    assert.equal(summarize([]).complete, false);
    assert.deepEqual(summarize([{ status: 'received' }, { status: 'not_applicable' }]), {
      total: 2,
      received: 1,
      requested: 0,
      notApplicable: 1,
      needed: 0,
      complete: true,
    });
    assert.equal(summarize([{ status: 'received' }, { status: 'requested' }]).complete, false);
  });

  test('statuses only move forward on their own', () => {
    assert.equal(statusAfterRequest('needed'), 'requested');
    assert.equal(statusAfterRequest('received'), 'received');
    assert.equal(statusAfterRequest('not_applicable'), 'not_applicable');
    assert.equal(statusAfterLink('requested'), 'received');
    assert.equal(statusAfterLink('not_applicable'), 'not_applicable');
  });
});

forEachDialect('records checklist: pages, links to documents, step status', (dialect) => {
  let t: TestApp;
  let owner: BuiltUser;
  let caseId: string;
  before(async () => {
    t = await buildTestApp(dialect);
    owner = await buildUser(t);
    caseId = await buildCase(t.deps, owner, { diagnosis: 'Aortic valve stenosis', doctorSpecialty: 'Cardiologist' });
  });
  after(() => t.close());

  test('the step starts as not started, and the case page shows the records step', async () => {
    assert.equal(await recordsStepStatus(t.deps.db, caseId), 'not_started');
    const casePage = await owner.agent.get(`/cases/${caseId}`);
    assert.match(casePage.body, new RegExp(`href="/cases/${caseId}/records"`));
  });

  test('choose the kind (suggested from the diagnosis), then mark items; bad values change nothing', async () => {
    const page = await owner.agent.get(`/cases/${caseId}/records/checklist`);
    assert.match(page.body, /value="heart" checked/, 'heart is suggested');
    const none = await owner.agent.post(`/cases/${caseId}/records/checklist`, { intent: 'kind', caseKind: 'nonsense' });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Choose the kind of case/);
    const ok = await owner.agent.post(`/cases/${caseId}/records/checklist`, { intent: 'kind', caseKind: 'heart' });
    assert.equal(ok.statusCode, 303);
    assert.equal(await recordsStepStatus(t.deps.db, caseId), 'in_progress');
    const list = await owner.agent.get(`/cases/${caseId}/records/checklist`);
    assert.match(list.body, /Echocardiogram/);
    assert.match(list.body, /Source:/);
    const bad = await owner.agent.post(`/cases/${caseId}/records/checklist`, {
      intent: 'statuses',
      'status.echo': 'lost',
      'status.ecg': 'received',
    });
    assert.equal(bad.statusCode, 400);
    const rows = await t.deps.db
      .selectFrom('record_checklist_items')
      .selectAll()
      .where('case_id', '=', caseId)
      .execute();
    assert.equal(rows.length, 0, 'nothing saved when any value is bad');
    const good = await owner.agent.post(`/cases/${caseId}/records/checklist`, {
      intent: 'statuses',
      'status.echo': 'requested',
      'status.ecg': 'not_applicable',
    });
    assert.equal(good.statusCode, 303);
    const json = safeJson(await api(t.app, owner.apiToken).get(`/api/v1/cases/${caseId}/records-checklist`));
    assert.equal(json.caseKind, 'heart');
    assert.equal(json.items.find((i: { key: string }) => i.key === 'echo').status, 'requested');
    assert.equal(json.items.find((i: { key: string }) => i.key === 'ecg').status, 'not_applicable');
  });

  test('a document linked to an item marks it received and shows on the checklist', async () => {
    const docId = await buildDocument(t, owner, caseId, { title: 'Echo report 2026', kind: 'imaging' });
    const page = await owner.agent.get(`/cases/${caseId}/records/documents/${docId}`);
    assert.match(page.body, /Which checklist items does this document count for/);
    const res = await owner.agent.post(`/cases/${caseId}/records/documents/${docId}`, {
      intent: 'links',
      items: ['echo', 'not_a_real_item'],
    });
    assert.equal(res.statusCode, 303);
    const json = safeJson(await api(t.app, owner.apiToken).get(`/api/v1/cases/${caseId}/records-checklist`));
    const echo = json.items.find((i: { key: string }) => i.key === 'echo');
    assert.equal(echo.status, 'received');
    assert.deepEqual(echo.documentIds, [docId]);
    const list = await owner.agent.get(`/cases/${caseId}/records/checklist`);
    assert.match(list.body, /Echo report 2026/);
  });

  test('when every item is received or does not apply, the step is done', async () => {
    const json = safeJson(await api(t.app, owner.apiToken).get(`/api/v1/cases/${caseId}/records-checklist`));
    const statuses = Object.fromEntries(json.items.map((i: { key: string }) => [i.key, 'not_applicable']));
    statuses.echo = 'received';
    const put = await api(t.app, owner.apiToken).put(`/api/v1/cases/${caseId}/records-checklist`, { statuses });
    assert.equal(put.statusCode, 200);
    assert.equal(safeJson(put).complete, true);
    assert.equal(await recordsStepStatus(t.deps.db, caseId), 'done');
    const unknown = await api(t.app, owner.apiToken).put(`/api/v1/cases/${caseId}/records-checklist`, {
      statuses: { pathology_slides: 'received' },
    });
    assert.equal(unknown.statusCode, 400, 'an item from another kind of checklist is refused');
    const hub = await owner.agent.get(`/cases/${caseId}/records`);
    assert.match(hub.body, /Every record on the checklist is received or does not apply/);
  });
});
