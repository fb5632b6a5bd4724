import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { extractText, getDocumentProxy } from 'unpdf';
import { CLIA_RETENTION_YEARS, SPECIMEN_FACTS } from '../../src/content/records.ts';
import { SOURCES } from '../../src/content/sources.ts';
import {
  applySpecimenStep,
  buildSpecimenLetter,
  checkSpecimenStep,
  specimenRowsFromForm,
  specimenSchema,
  specimenStatus,
  specimenTask,
} from '../../src/features/records/specimens.ts';
import { offeredSteps } from '../../src/features/records/specimens-views.tsx';
import { translator } from '../../src/platform/i18n/i18n.ts';
import { listTasksForCase } from '../../src/platform/tasks/tasks-store.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { specimenRequest } from '../builders/letters.ts';
import { api } from '../helpers/agent.ts';
import { safeJson } from '../helpers/records.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// Issue 10, item 3: slides and blocks are specimens, asked for from the lab with their own
// letter and tracked as a shipment: requested, sent, received, returned.

const t = translator('en');
const none = { requestedOn: null, sentOn: null, receivedOn: null, returnedOn: null, tracking: null };

describe('the shipment: forward steps only, with a way back for a mistake (pure)', () => {
  test('status is the furthest step with a date', () => {
    assert.equal(specimenStatus(none), 'draft');
    assert.equal(specimenStatus({ ...none, requestedOn: '2026-11-01' }), 'requested');
    assert.equal(specimenStatus({ ...none, requestedOn: '2026-11-01', sentOn: '2026-11-05' }), 'sent');
    assert.equal(
      specimenStatus({ ...none, requestedOn: '2026-11-01', receivedOn: '2026-11-09' }),
      'received',
      'a skipped step does not hold it back',
    );
    assert.equal(
      specimenStatus({
        requestedOn: '2026-11-01',
        sentOn: '2026-11-05',
        receivedOn: '2026-11-09',
        returnedOn: '2026-12-20',
      }),
      'returned',
    );
  });

  test('a step already done, or an earlier one, is refused; later steps may be skipped to', () => {
    const requested = { ...none, requestedOn: '2026-11-01' };
    assert.equal(checkSpecimenStep(requested, 'requested', '2026-11-02'), 'records.specimens.errors.notForward');
    assert.equal(
      checkSpecimenStep({ ...requested, sentOn: '2026-11-05' }, 'requested', '2026-11-06'),
      'records.specimens.errors.notForward',
    );
    assert.equal(checkSpecimenStep(requested, 'sent', '2026-11-05'), null);
    assert.equal(checkSpecimenStep(requested, 'received', '2026-11-09'), null, 'the lab may send without saying');
    assert.equal(checkSpecimenStep(none, 'returned', '2026-11-09'), null);
  });

  test('a step cannot be dated before the last one', () => {
    const sent = { ...none, requestedOn: '2026-11-01', sentOn: '2026-11-05' };
    assert.equal(checkSpecimenStep(sent, 'received', '2026-11-04'), 'records.specimens.errors.dateBeforeLast');
    assert.equal(checkSpecimenStep(sent, 'received', '2026-11-05'), null, 'the same day is fine');
  });

  test('undo takes back only the last step (and its tracking number); nothing to undo on a draft', () => {
    assert.equal(checkSpecimenStep(none, 'undo'), 'records.specimens.errors.nothingToUndo');
    const sent = { ...none, requestedOn: '2026-11-01', sentOn: '2026-11-05', tracking: '1Z999' };
    assert.equal(checkSpecimenStep(sent, 'undo'), null);
    assert.deepEqual(applySpecimenStep(sent, { action: 'undo' }, '2026-11-10'), { ...none, requestedOn: '2026-11-01' });
    const skipped = { ...none, requestedOn: '2026-11-01', receivedOn: '2026-11-09' };
    assert.deepEqual(applySpecimenStep(skipped, { action: 'undo' }, '2026-11-10'), {
      ...none,
      requestedOn: '2026-11-01',
    });
  });

  test('a step sets its date, or today when none is given', () => {
    assert.deepEqual(applySpecimenStep(none, { action: 'requested', on: undefined }, '2026-11-10'), {
      ...none,
      requestedOn: '2026-11-10',
    });
    assert.deepEqual(
      applySpecimenStep(
        { ...none, requestedOn: '2026-11-01' },
        { action: 'sent', on: '2026-11-03', tracking: '1Z999' },
        '2026-11-10',
      ),
      {
        ...none,
        requestedOn: '2026-11-01',
        sentOn: '2026-11-03',
        tracking: '1Z999',
      },
    );
  });

  test('one reminder at a time: check the lab sent it (14 days), then that it arrived (7 days), then none', () => {
    assert.equal(specimenTask(specimenRequest()), null);
    const a = specimenTask(specimenRequest({ requestedOn: '2026-11-01' }))!;
    assert.deepEqual(
      [a.kind, a.dueOn, t(a.title, a.vars)],
      ['specimens_check_sent', '2026-11-15', 'Check that Lakeside Pathology sent the slides or blocks'],
    );
    const b = specimenTask(specimenRequest({ requestedOn: '2026-11-01', sentOn: '2026-11-05' }))!;
    assert.deepEqual([b.kind, b.dueOn], ['specimens_check_received', '2026-11-12']);
    assert.match(t(b.title, b.vars), /University Cancer Center, Pathology got the slides or blocks/);
    assert.equal(specimenTask(specimenRequest({ requestedOn: '2026-11-01', receivedOn: '2026-11-09' })), null);
  });

  test('the page offers the next step, and "it arrived" while waiting for the lab', () => {
    assert.deepEqual(offeredSteps('draft'), ['requested']);
    assert.deepEqual(offeredSteps('requested'), ['sent', 'received']);
    assert.deepEqual(offeredSteps('sent'), ['received']);
    assert.deepEqual(offeredSteps('received'), ['returned']);
    assert.deepEqual(offeredSteps('returned'), []);
  });
});

describe('the specimen request form and letter (pure)', () => {
  test('no lab, no lab address, no receiving address, no specimen: each gets its own plain message', () => {
    const r = specimenSchema.safeParse({
      labName: ' ',
      labAddress: '',
      specimens: [],
      recipientName: 'X',
      recipientAddress: '',
    });
    assert.ok(!r.success);
    const issues = Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), t(i.message as never)]));
    assert.match(issues.labName!, /name of the lab/);
    assert.match(issues.labAddress!, /lab’s mailing address/);
    assert.match(issues.recipientAddress!, /where the lab should send/);
    assert.match(issues.specimens!, /at least one accession number/);
  });

  test('a row needs its accession number and what to send; how many is a number or blank for all', () => {
    const r = specimenSchema.safeParse({
      labName: 'Lab',
      labAddress: '1 St',
      recipientName: 'Dept',
      recipientAddress: '2 St',
      specimens: [
        { accession: '', kind: 'blocks' },
        { accession: 'A-1', kind: '' },
        { accession: 'A-2', kind: 'blocks', count: 'three' },
      ],
    });
    assert.ok(!r.success);
    assert.deepEqual(r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`).sort(), [
      'specimens.0.accession:records.specimens.errors.accessionRequired',
      'specimens.1.kind:records.specimens.errors.kindRequired',
      'specimens.2.count:records.specimens.errors.count',
    ]);
  });

  test('the page’s rows become the API’s list; wholly blank rows are skipped', () => {
    const rows = specimenRowsFromForm({
      'specimens.0.accession': 'S26-1',
      'specimens.0.kind': 'blocks',
      'specimens.1.accession': '',
      'specimens.1.kind': '',
      'specimens.2.accession': 'S26-2',
      'specimens.2.kind': 'stained_slides',
      'specimens.2.count': '4',
    });
    assert.deepEqual(rows, [
      { accession: 'S26-1', kind: 'blocks', count: '' },
      { accession: 'S26-2', kind: 'stained_slides', count: '4' },
    ]);
    const parsed = specimenSchema.parse({
      labName: 'L',
      labAddress: 'A',
      recipientName: 'R',
      recipientAddress: 'B',
      specimens: rows,
    });
    assert.deepEqual(parsed.specimens, [
      { accession: 'S26-1', kind: 'blocks', count: undefined },
      { accession: 'S26-2', kind: 'stained_slides', count: 4 },
    ]);
  });

  test('the letter names each accession, what and how many, where to send, and the patient signs', () => {
    const l = buildSpecimenLetter(
      t,
      { patientName: 'Rosa Diaz', patientDateOfBirth: '1950-04-28' },
      specimenRequest(),
      '2026-12-07',
      (d) => d,
    );
    assert.deepEqual(l.to, ['Attention: Pathology Department', 'Lakeside Pathology', '1 Lake St', 'Chicago, IL 60601']);
    assert.deepEqual(l.wanted, [
      'Accession number S26-1234: Stained glass slides. Number: 3',
      'Accession number S26-1234: Tissue blocks (paraffin blocks). Number: all of them',
    ]);
    const text = [l.subject, ...l.paragraphs, ...l.afterList, ...l.signatureLines].join('\n');
    assert.match(text, /My name is Rosa Diaz\. My date of birth is 1950-04-28\./);
    assert.match(text, /send them to University Cancer Center, Pathology, 2 Main St, Boston, MA 02115\./);
    assert.match(text, /The contact there is Pat Lee, 617-555-0100\./);
    assert.match(text, /Signature: _+/);
    assert.doesNotMatch(text, /164\.524|30 days/, 'no HIPAA right-of-access claim for tissue');
  });
});

describe('how long labs keep slides and blocks (sourced, CLIA)', () => {
  test('the periods of 42 CFR 493.1105(a)(7), who they bind, and that they are minimums', () => {
    assert.deepEqual(
      { ...CLIA_RETENTION_YEARS, source: undefined },
      { histopathologySlides: 10, cytologySlides: 5, blocks: 2, source: undefined },
    );
    const byId = Object.fromEntries(SPECIMEN_FACTS.map((f) => [f.id, t(f.text)]));
    assert.match(byId['specimens.histology']!, /CLIA.*at least 10 years/);
    assert.match(byId['specimens.cytology']!, /cytology slides.*at least 5 years/);
    assert.match(byId['specimens.blocks']!, /tissue blocks for only 2 years/);
    assert.match(byId['specimens.longer']!, /state law or the lab’s own rules may keep them longer/);
    for (const f of SPECIMEN_FACTS.filter((x) => x.id.startsWith('specimens.'))) {
      assert.equal(f.source, SOURCES.ecfr4931105);
      assert.equal(f.reviewed, '2026-12-07');
      assert.ok(f.trigger);
    }
  });
});

forEachDialect('specimen requests: pages, API, letter, shipment and tasks', (dialect) => {
  let tapp: TestApp;
  let owner: BuiltUser;
  let caseId: string;
  before(async () => {
    tapp = await buildTestApp(dialect);
    owner = await buildUser(tapp, { displayName: 'Rosa Diaz' });
    caseId = await buildCase(tapp.deps, owner);
  });
  after(() => tapp.close());

  const count = async () => (await tapp.deps.db.selectFrom('specimen_requests').select('id').execute()).length;

  test('the form refuses a missing lab, lab address or receiving address in plain words, keeps what was typed, and stores nothing', async () => {
    const page = await owner.agent.get(`/cases/${caseId}/records/specimens/new`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /at least 10 years/, 'the retention facts are on the form');
    const res = await owner.agent.post(`/cases/${caseId}/records/specimens/new`, {
      labName: '',
      labAddress: '',
      'specimens.0.accession': '',
      'specimens.0.kind': 'stained_slides',
      'specimens.1.accession': 'S26-77',
      'specimens.1.kind': '',
      recipientName: 'University Cancer Center',
      recipientAddress: '',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Enter the name of the lab that has the slides or blocks/);
    assert.match(res.body, /Enter the lab’s mailing address/);
    assert.match(res.body, /Enter where the lab should send the slides or blocks/);
    assert.match(res.body, /href="#specimens\.0\.accession"/, 'the message links to the right row');
    assert.match(res.body, /href="#specimens\.1\.kind"/, 'the second row keeps its place on the page');
    assert.match(res.body, /value="University Cancer Center"/);
    assert.match(res.body, /value="S26-77"/);
    assert.equal(await count(), 0);

    const api400 = await api(tapp.app, owner.apiToken).post(`/api/v1/cases/${caseId}/specimen-requests`, {
      labName: 'Lab',
      specimens: [{ accession: 'A', kind: 'blocks' }],
      recipientName: 'Dept',
    });
    assert.equal(api400.statusCode, 400);
    const err = safeJson(api400).error;
    assert.ok(err.fields.labAddress && err.fields.recipientAddress, JSON.stringify(err));
    assert.equal(await count(), 0);
  });

  test('written on the page without JavaScript, printed, made into a PDF that says the right things', async () => {
    const res = await owner.agent.post(`/cases/${caseId}/records/specimens/new`, {
      labName: 'Lakeside Pathology',
      labAddress: '1 Lake St\nChicago, IL 60601',
      'specimens.0.accession': 'S26-1234',
      'specimens.0.kind': 'stained_slides',
      'specimens.0.count': '3',
      'specimens.2.accession': 'S26-1234',
      'specimens.2.kind': 'blocks',
      recipientName: 'University Cancer Center, Pathology',
      recipientAddress: '2 Main St\nBoston, MA 02115',
      recipientContact: 'Pat Lee',
      recipientPhone: '617-555-0100',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const url = String(res.headers.location);
    const detail = await owner.agent.get(url);
    assert.match(detail.body, /Letter not sent yet/);
    assert.match(detail.body, /Accession number S26-1234: Tissue blocks \(paraffin blocks\)\. Number: all of them/);
    assert.match(detail.body, /section-493\.1105/);
    const letter = await owner.agent.get(`${url}/letter`);
    assert.equal(letter.statusCode, 200);
    assert.match(letter.body, /Please send my pathology slides and tissue blocks for a second opinion/);
    const pdf = await owner.agent.get(`${url}/letter.pdf`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true });
    for (const want of [
      'Lakeside Pathology',
      'S26-1234',
      'Stained glass slides',
      'Number: 3',
      'University Cancer Center, Pathology',
      'Pat Lee',
      '617-555-0100',
      'Rosa Diaz',
      'Signature',
    ]) {
      assert.ok(text.includes(want), `PDF has "${want}"`);
    }

    // Tracking through the page's forms.
    const id = url.split('/').pop()!;
    const sent = await owner.agent.post(url, {
      action: 'requested',
      requestedOn__month: '11',
      requestedOn__day: '20',
      requestedOn__year: '2026',
    });
    assert.equal(sent.statusCode, 303);
    const again = await owner.agent.post(url, {
      action: 'requested',
      requestedOn__month: '11',
      requestedOn__day: '21',
      requestedOn__year: '2026',
    });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /That step is already done/);
    const early = await owner.agent.post(url, {
      action: 'received',
      receivedOn__month: '11',
      receivedOn__day: '19',
      receivedOn__year: '2026',
    });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /before the date of the last step/);
    const r = safeJson(await api(tapp.app, owner.apiToken).get(`/api/v1/specimen-requests/${id}`));
    assert.deepEqual(
      [r.status, r.requestedOn, r.receivedOn],
      ['requested', '2026-11-20', null],
      'refused steps changed nothing',
    );
  });

  test('the API: steps forward with reminder tasks, undo for a mistake, the checklist follows, every act audited with ids only', async () => {
    const client = api(tapp.app, owner.apiToken);
    const created = await client.post(`/api/v1/cases/${caseId}/specimen-requests`, {
      labName: 'Hill Lab',
      labAddress: '5 Hill Rd',
      specimens: [{ accession: 'H-9', kind: 'unstained_slides', count: 10 }],
      recipientName: 'Mercy Pathology',
      recipientAddress: '9 Elm St',
    });
    assert.equal(created.statusCode, 201);
    const r = safeJson(created);
    assert.deepEqual([r.status, r.specimens], ['draft', [{ accession: 'H-9', kind: 'unstained_slides', count: 10 }]]);
    const tasksOf = async () =>
      (await listTasksForCase(tapp.deps.db, caseId))
        .filter((x) => x.sourceId === r.id)
        .map((x) => [x.kind, x.dueOn, x.doneAt === null])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

    const step = (body: Record<string, unknown>) => client.patch(`/api/v1/specimen-requests/${r.id}`, body);
    assert.equal(safeJson(await step({ action: 'requested', on: '2026-11-10' })).status, 'requested');
    assert.deepEqual(await tasksOf(), [['specimens_check_sent', '2026-11-24', true]]);
    const checklist = async () =>
      (
        await tapp.deps.db
          .selectFrom('record_checklist_items')
          .select('status')
          .where('case_id', '=', caseId)
          .where('item_key', '=', 'pathology_slides')
          .executeTakeFirst()
      )?.status;
    assert.equal(await checklist(), 'requested');

    const sent = safeJson(await step({ action: 'sent', on: '2026-11-12', tracking: '1Z999' }));
    assert.deepEqual([sent.status, sent.tracking], ['sent', '1Z999']);
    assert.deepEqual(await tasksOf(), [
      ['specimens_check_received', '2026-11-19', true],
      ['specimens_check_sent', '2026-11-24', false],
    ]);

    // Marked sent by mistake: undo, and the reminder goes back to "check the lab sent it".
    const undone = safeJson(await step({ action: 'undo' }));
    assert.deepEqual([undone.status, undone.sentOn, undone.tracking], ['requested', null, null]);
    const open = (await tasksOf()).filter((x) => x[2]);
    assert.deepEqual(open, [['specimens_check_sent', '2026-11-24', true]]);

    const back = await step({ action: 'requested', on: '2026-11-11' });
    assert.equal(back.statusCode, 400);
    assert.match(safeJson(back).error.message, /already done/);

    const received = safeJson(await step({ action: 'received', on: '2026-11-18' }));
    assert.equal(received.status, 'received');
    assert.deepEqual(
      (await tasksOf()).filter((x) => x[2]),
      [],
      'no reminder once it arrived',
    );
    assert.equal(await checklist(), 'received');
    assert.equal(safeJson(await step({ action: 'returned', on: '2026-12-01' })).status, 'returned');
    assert.equal((await step({ action: 'returned', on: '2026-12-02' })).statusCode, 400);

    const list = safeJson(await client.get(`/api/v1/cases/${caseId}/specimen-requests`));
    assert.ok(list.specimenRequests.some((x: { id: string }) => x.id === r.id));
    const audit = await tapp.deps.db
      .selectFrom('audit_log')
      .select(['action', 'object_type', 'object_id'])
      .where('object_id', '=', r.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      [
        'specimen_request.create',
        'specimen_request.requested',
        'specimen_request.sent',
        'specimen_request.undo',
        'specimen_request.received',
        'specimen_request.returned',
      ],
    );
    const everything = JSON.stringify(await tapp.deps.db.selectFrom('audit_log').selectAll().execute());
    assert.ok(!/Hill Lab|Mercy Pathology|H-9/.test(everything), 'audit entries hold ids, never names');
  });

  test('the records page lists specimen requests and the checklist item leads to one', async () => {
    const hub = await owner.agent.get(`/cases/${caseId}/records`);
    assert.match(hub.body, /Pathology slides and tissue blocks/);
    assert.match(hub.body, /Slides and blocks from Hill Lab/);
    await owner.agent.post(`/cases/${caseId}/records/checklist`, { intent: 'kind', caseKind: 'cancer' });
    const checklist = await owner.agent.get(`/cases/${caseId}/records/checklist`);
    assert.match(checklist.body, new RegExp(`href="/cases/${caseId}/records/specimens/new"`));
  });
});
