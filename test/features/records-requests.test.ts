import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { extractText, getDocumentProxy } from 'unpdf';
import {
  buildLetter,
  checkTracking,
  dueDate,
  requestSchema,
  requestStatus,
} from '../../src/features/records/requests.ts';
import { createSession } from '../../src/platform/auth/sessions.ts';
import { COOKIE } from '../../src/platform/http/context.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';
import { listTasksForCase } from '../../src/platform/tasks/tasks-store.ts';
import { type BuiltUser, buildCase, buildPatient, buildUser } from '../builders/index.ts';
import { recordRequest } from '../builders/letters.ts';
import { buildRecordRequest, buildSpecimenRequest } from '../builders/records.ts';
import { Agent, api } from '../helpers/agent.ts';
import { safeJson } from '../helpers/records.ts';

/** A fresh browser session at the test clock's current time. */
async function signIn(t: TestApp, user: BuiltUser): Promise<Agent> {
  const { token } = await createSession(t.deps.db, t.deps.clock, user.userId, t.deps.config.sessionIdleHours);
  const agent = new Agent(t.app);
  agent.setCookie(COOKIE.session, token);
  return agent;
}

import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

describe('records requests: the 30 + 30 day clock (pure)', () => {
  const kind = 'access' as const;
  const cases: [
    string,
    { kind: 'access'; sentOn: string | null; extendedDueOn: string | null; receivedOn: string | null },
    string,
    string,
  ][] = [
    ['not sent', { kind, sentOn: null, extendedDueOn: null, receivedOn: null }, '2026-12-01', 'draft'],
    [
      'sent, within 30 days',
      { kind, sentOn: '2026-11-01', extendedDueOn: null, receivedOn: null },
      '2026-12-01',
      'waiting',
    ],
    ['sent, due today', { kind, sentOn: '2026-11-01', extendedDueOn: null, receivedOn: null }, '2026-12-01', 'waiting'],
    [
      'sent, one day late',
      { kind, sentOn: '2026-11-01', extendedDueOn: null, receivedOn: null },
      '2026-12-02',
      'overdue',
    ],
    [
      'extended, within',
      { kind, sentOn: '2026-11-01', extendedDueOn: '2026-12-31', receivedOn: null },
      '2026-12-20',
      'extended',
    ],
    [
      'extended, late',
      { kind, sentOn: '2026-11-01', extendedDueOn: '2026-12-31', receivedOn: null },
      '2027-01-01',
      'overdue',
    ],
    [
      'received late is still received',
      { kind, sentOn: '2026-11-01', extendedDueOn: null, receivedOn: '2027-02-01' },
      '2027-03-01',
      'received',
    ],
  ];
  for (const [name, r, today, want] of cases) {
    test(name, () => assert.equal(requestStatus(r, today), want));
  }

  test('due 30 days after sending, across month ends and a leap day', () => {
    assert.equal(dueDate({ kind: 'access', sentOn: '2026-11-01', extendedDueOn: null }), '2026-12-01');
    assert.equal(dueDate({ kind: 'access', sentOn: '2028-02-10', extendedDueOn: null }), '2028-03-11');
    assert.equal(dueDate({ kind: 'access', sentOn: null, extendedDueOn: null }), null);
  });

  test('only one extension, only after sending, never after receiving', () => {
    assert.equal(
      checkTracking({ kind: 'access', sentOn: null, extendedDueOn: null, receivedOn: null }, 'extension'),
      'records.requests.errors.notSent',
    );
    assert.equal(
      checkTracking(
        { kind: 'access', sentOn: '2026-11-01', extendedDueOn: '2026-12-31', receivedOn: null },
        'extension',
      ),
      'records.requests.errors.alreadyExtended',
    );
    assert.equal(
      checkTracking(
        { kind: 'access', sentOn: '2026-11-01', extendedDueOn: null, receivedOn: '2026-11-20' },
        'extension',
      ),
      'records.requests.errors.alreadyReceived',
    );
    assert.equal(
      checkTracking({ kind: 'access', sentOn: '2026-11-01', extendedDueOn: null, receivedOn: null }, 'extension'),
      null,
    );
  });

  test('sending to another doctor needs their name and address; something must be asked for', () => {
    const r = requestSchema.safeParse({
      providerName: 'X',
      recordsWanted: [],
      format: 'electronic',
      delivery: 'third_party',
    });
    assert.ok(!r.success);
    const paths = r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`).sort();
    assert.deepEqual(paths, [
      'recipientAddress:records.requests.errors.recipientAddressRequired',
      'recipientName:records.requests.errors.recipientRequired',
      'recordsWanted:records.requests.errors.recordsRequired',
    ]);
  });

  test('a letter for the patient cites the rule, the deadline, cost-based fees and carries a signature line', () => {
    const t = translator('en');
    const letter = buildLetter(
      t,
      { patientName: 'Rosa Diaz', patientDateOfBirth: '1950-04-28' },
      recordRequest({
        providerAddress: '1 Lake St\nChicago, IL',
        // A request written before slides left records letters: the letter leaves them out.
        recordsWanted: ['pathology_slides', 'imaging_files'],
        recordsOther: 'MRI of March 2026',
        dateFrom: '2026-01-01',
      }),
      '2026-11-27',
      (d) => d,
    );
    const all = [
      letter.subject,
      ...letter.paragraphs,
      ...letter.wanted,
      ...letter.afterList,
      ...letter.signatureLines,
      ...letter.to,
    ].join('\n');
    assert.match(all, /45 CFR 164\.524/);
    assert.match(all, /Rosa Diaz/);
    assert.match(all, /1950-04-28/);
    assert.doesNotMatch(all, /slides|blocks/i, 'slides and blocks are specimens, not records');
    assert.match(all, /image files of any scans/);
    assert.match(all, /MRI of March 2026/);
    assert.match(all, /from 2026-01-01 to today/);
    assert.match(all, /send the records to me/);
    assert.match(all, /within 30 days/);
    assert.match(all, /These copies are for me, so any fee must be a reasonable, cost-based fee/);
    assert.match(all, /Signature: _+/);
    assert.deepEqual(letter.to.slice(1), ['Lakeside Hospital', '1 Lake St', 'Chicago, IL']);
  });
});

forEachDialect('records requests: letter, PDF, tracking and tasks', (dialect) => {
  let t: TestApp;
  let owner: BuiltUser;
  let caseId: string;
  before(async () => {
    t = await buildTestApp(dialect);
    owner = await buildUser(t, { displayName: 'Rosa Diaz' });
    caseId = await buildCase(t.deps, owner);
  });
  after(() => t.close());

  test('the form refuses bad input in plain words and keeps what was typed', async () => {
    const page = await owner.agent.get(`/cases/${caseId}/records/requests/new`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Pathology reports/, 'a cancer case offers the cancer checklist');
    const res = await owner.agent.post(`/cases/${caseId}/records/requests/new`, {
      providerName: '',
      recordsOther: 'x',
      format: 'electronic',
      delivery: 'third_party',
      recipientName: 'Dr. Ruiz',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Enter the name of the office, hospital or lab/);
    assert.match(res.body, /Enter where to send the records/);
    assert.match(res.body, /value="Dr\. Ruiz"/);
    const rows = await t.deps.db.selectFrom('record_requests').select('id').execute();
    assert.equal(rows.length, 0);
  });

  test('a request is written, printed and made into a PDF that says the right things', async () => {
    const res = await owner.agent.post(`/cases/${caseId}/records/requests/new`, {
      providerName: 'Lakeside Hospital',
      providerAddress: '1 Lake St\nChicago, IL 60601',
      recordsWanted: ['pathology_reports', 'imaging_files'],
      format: 'electronic',
      delivery: 'third_party',
      recipientName: 'Dr. Ana Ruiz',
      recipientAddress: 'Cancer Center, 2 Main St',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const url = String(res.headers.location);
    const detail = await owner.agent.get(url);
    assert.match(detail.body, /Not sent yet/);
    assert.match(detail.body, /only charge what it costs them/);
    assert.match(detail.body, /Right of access: 30-day deadline/);
    assert.match(
      detail.body,
      /www\.ecfr\.gov\/current\/title-45\/subtitle-A\/subchapter-C\/part-164\/subpart-E\/section-164\.524/,
      'facts show their official source',
    );
    assert.doesNotMatch(detail.body, /hipaatimes|calhospital/, 'no secondary sources where the official text says it');
    const letter = await owner.agent.get(`${url}/letter`);
    assert.equal(letter.statusCode, 200);
    assert.match(letter.body, /45 CFR 164\.524/);
    assert.match(letter.body, /Rosa Diaz/);
    assert.match(letter.body, /Signature:/);
    const pdf = await owner.agent.get(`${url}/letter.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const doc = await getDocumentProxy(new Uint8Array(pdf.rawPayload));
    const { text } = await extractText(doc, { mergePages: true });
    assert.match(text, /45 CFR 164\.524/);
    assert.match(text, /Rosa Diaz/);
    assert.match(text, /Pathology reports/);
    assert.doesNotMatch(text, /tissue blocks/);
    assert.match(text, /electronic health record/);
    assert.match(text, /Dr\. Ana Ruiz/);
    assert.match(text, /Signature/);
  });

  test('sent -> due in 30 days with a task; one extension of 30 days with a reason; received completes the task', async () => {
    const list = safeJson(await api(t.app, owner.apiToken).get(`/api/v1/cases/${caseId}/record-requests`));
    const r = list.requests[0];
    const client = api(t.app, owner.apiToken);
    const sent = safeJson(
      await client.patch(`/api/v1/record-requests/${r.id}`, { action: 'sent', sentOn: '2026-11-20' }),
    );
    assert.equal(sent.status, 'waiting');
    assert.equal(sent.dueOn, '2026-12-20');
    let tasks = await listTasksForCase(t.deps.db, caseId);
    assert.equal(tasks.length, 1);
    assert.deepEqual(
      [tasks[0]!.step, tasks[0]!.kind, tasks[0]!.sourceType, tasks[0]!.sourceId, tasks[0]!.dueOn, tasks[0]!.doneAt],
      ['records', 'records_due', 'record_request', r.id, '2026-12-20', null],
    );
    assert.match(tasks[0]!.title, /Lakeside Hospital/);
    // Asked-for checklist items are now "requested".
    const checklist = await t.deps.db
      .selectFrom('record_checklist_items')
      .select(['item_key', 'status'])
      .where('case_id', '=', caseId)
      .execute();
    assert.deepEqual(checklist.map((c) => `${c.item_key}:${c.status}`).sort(), [
      'imaging_files:requested',
      'pathology_reports:requested',
    ]);

    const noReason = await client.patch(`/api/v1/record-requests/${r.id}`, { action: 'extension', reason: '' });
    assert.equal(noReason.statusCode, 400);
    const ext = safeJson(
      await client.patch(`/api/v1/record-requests/${r.id}`, {
        action: 'extension',
        reason: 'Old records are stored off site',
      }),
    );
    assert.equal(ext.status, 'extended');
    assert.equal(ext.dueOn, '2027-01-19');
    tasks = await listTasksForCase(t.deps.db, caseId);
    assert.equal(tasks.length, 1, 'the same task moves; no second one');
    assert.equal(tasks[0]!.dueOn, '2027-01-19');
    const again = await client.patch(`/api/v1/record-requests/${r.id}`, {
      action: 'extension',
      reason: 'More time please',
    });
    assert.equal(again.statusCode, 400);
    assert.match(safeJson(again).error.message, /only one extension/);

    // Overdue once the extended date passes (the clock moves).
    t.clock.set('2027-01-25T12:00:00Z');
    const late = safeJson(await client.get(`/api/v1/record-requests/${r.id}`));
    assert.equal(late.status, 'overdue');
    const page = await (await signIn(t, owner)).get(`/cases/${caseId}/records/requests/${r.id}`);
    assert.match(page.body, /The deadline has passed/);

    const got = safeJson(
      await client.patch(`/api/v1/record-requests/${r.id}`, { action: 'received', receivedOn: '2026-11-26' }),
    );
    assert.equal(got.status, 'received');
    tasks = await listTasksForCase(t.deps.db, caseId);
    assert.ok(tasks[0]!.doneAt, 'the task is done');
    t.clock.set('2026-11-27T15:00:00.000Z');
    owner.agent = await signIn(t, owner);
  });

  test('tracking through the page form (no JavaScript)', async () => {
    const r = safeJson(
      await api(t.app, owner.apiToken).post(`/api/v1/cases/${caseId}/record-requests`, {
        providerName: 'Hill Clinic',
        recordsWanted: ['visit_notes'],
        format: 'paper',
        delivery: 'me',
      }),
    );
    assert.equal(r.status, 'draft');
    const url = `/cases/${caseId}/records/requests/${r.id}`;
    await owner.agent.get(url);
    const ext = await owner.agent.post(url, { action: 'extension', reason: 'x' });
    assert.equal(ext.statusCode, 400);
    assert.match(ext.body, /Mark the request as sent first/);
    const sent = await owner.agent.post(url, { action: 'sent', sentOn__month: '', sentOn__day: '', sentOn__year: '' });
    assert.equal(sent.statusCode, 303);
    const after = safeJson(await api(t.app, owner.apiToken).get(`/api/v1/record-requests/${r.id}`));
    assert.equal(after.sentOn, '2026-11-27', 'blank means today');
    assert.equal(after.dueOn, '2026-12-27');
  });

  test('a helper acting for a parent writes the letter in the parent’s name', async () => {
    const parentId = await buildPatient(t.deps, owner, { displayName: 'Elena Diaz' });
    const parentCase = await buildCase(
      t.deps,
      { userId: owner.userId, patientId: parentId },
      { diagnosis: 'Heart failure' },
    );
    const r = safeJson(
      await api(t.app, owner.apiToken).post(`/api/v1/cases/${parentCase}/record-requests`, {
        providerName: 'Heart Clinic',
        recordsWanted: ['echo'],
        format: 'electronic',
        delivery: 'me',
      }),
    );
    const letter = await owner.agent.get(`/cases/${parentCase}/records/requests/${r.id}/letter`);
    assert.match(letter.body, /My name is Elena Diaz/);
    assert.match(letter.body, /April 28, 1950/);
    assert.match(letter.body, /If someone signs for me/);
  });

  test('a request of one case is not found under another case’s address, on any page, and is not changed', async () => {
    const other = await buildCase(t.deps, owner, { diagnosis: 'Heart failure' });
    const requestId = await buildRecordRequest(t, owner, caseId);
    const specimenId = await buildSpecimenRequest(t, owner, caseId);
    for (const path of [
      `/cases/${other}/records/requests/${requestId}`,
      `/cases/${other}/records/requests/${requestId}/letter`,
      `/cases/${other}/records/requests/${requestId}/letter.pdf`,
      `/cases/${other}/records/specimens/${specimenId}`,
      `/cases/${other}/records/specimens/${specimenId}/letter`,
      `/cases/${other}/records/specimens/${specimenId}/letter.pdf`,
    ]) {
      assert.equal((await owner.agent.get(path)).statusCode, 404, path);
    }
    const sent = await owner.agent.post(`/cases/${other}/records/requests/${requestId}`, {
      action: 'notes',
      notes: 'x',
    });
    assert.equal(sent.statusCode, 404);
    const asked = await owner.agent.post(`/cases/${other}/records/specimens/${specimenId}`, {
      action: 'notes',
      notes: 'x',
    });
    assert.equal(asked.statusCode, 404);
    const notes = await Promise.all([
      t.deps.db
        .selectFrom('record_requests')
        .select(['notes', 'version'])
        .where('id', '=', requestId)
        .executeTakeFirstOrThrow(),
      t.deps.db
        .selectFrom('specimen_requests')
        .select(['notes', 'version'])
        .where('id', '=', specimenId)
        .executeTakeFirstOrThrow(),
    ]);
    assert.deepEqual(notes, [
      { notes: null, version: 1 },
      { notes: null, version: 1 },
    ]);
  });
});
