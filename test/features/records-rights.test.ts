import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { extractText, getDocumentProxy } from 'unpdf';
import { ACCESS_FACTS, ACCESS_RULES, FEE_FACTS, REQUESTABLE_KEYS } from '../../src/content/records.ts';
import { SOURCES } from '../../src/content/sources.ts';
import {
  buildLetter,
  checkTracking,
  dueDate,
  FOLLOW_UP_DAYS,
  followUpDate,
  type RecordRequest,
  requestKind,
  requestSchema,
  requestStatus,
  runsLegalClock,
} from '../../src/features/records/requests.ts';
import * as rightsMigration from '../../src/platform/db/migrations/2026_12_07_1100_records_rights.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';
import { listTasksForCase } from '../../src/platform/tasks/tasks-store.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { recordRequest } from '../builders/letters.ts';
import { buildRecordRequest } from '../builders/records.ts';
import { api } from '../helpers/agent.ts';
import { safeJson } from '../helpers/records.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// Issue 10, item 2: a records request claims only the rights people have. Copies for the
// patient and electronic copies sent to someone else are the right of access (30-day
// clock); paper copies sent to someone else are a HIPAA authorization (no clock, a reminder).

const t = translator('en');

const request = recordRequest;

const letterText = (r: RecordRequest) => {
  const l = buildLetter(t, { patientName: 'Rosa Diaz', patientDateOfBirth: '1950-04-28' }, r, '2026-12-07', (d) => d);
  return [l.subject, ...l.paragraphs, ...l.wanted, ...l.afterList, ...l.signatureLines].join('\n');
};

describe('which requests run the 30-day clock (pure)', () => {
  const table: [string, 'electronic' | 'paper', 'me' | 'third_party', 'access' | 'authorization'][] = [
    ['electronic copies for the patient', 'electronic', 'me', 'access'],
    ['paper copies for the patient', 'paper', 'me', 'access'],
    ['electronic copies sent to another doctor (the third-party directive)', 'electronic', 'third_party', 'access'],
    [
      'paper copies sent to another doctor (an authorization since Ciox Health v. Azar)',
      'paper',
      'third_party',
      'authorization',
    ],
  ];
  for (const [name, format, delivery, kind] of table) {
    test(name, () => {
      assert.equal(requestKind({ format, delivery }), kind);
      assert.equal(runsLegalClock(kind), kind === 'access');
    });
  }

  test('an authorization has no legal due date, only a reminder 21 days after sending', () => {
    const sent = { kind: 'authorization' as const, sentOn: '2026-11-01', extendedDueOn: null };
    assert.equal(dueDate(sent), null);
    assert.equal(FOLLOW_UP_DAYS, 21);
    assert.equal(followUpDate(sent), '2026-11-22');
    assert.equal(
      followUpDate({ kind: 'access', sentOn: '2026-11-01' }),
      null,
      'the right of access has a due date instead',
    );
    assert.equal(dueDate({ kind: 'access', sentOn: '2026-11-01', extendedDueOn: null }), '2026-12-01');
    assert.equal(ACCESS_RULES.daysToAct, 30);
  });

  test('an authorization is never "overdue": waiting, then time to check, then received', () => {
    const base = { kind: 'authorization' as const, extendedDueOn: null };
    assert.equal(requestStatus({ ...base, sentOn: null, receivedOn: null }, '2026-11-02'), 'draft');
    assert.equal(requestStatus({ ...base, sentOn: '2026-11-01', receivedOn: null }, '2026-11-22'), 'waiting');
    assert.equal(requestStatus({ ...base, sentOn: '2026-11-01', receivedOn: null }, '2026-11-23'), 'follow_up');
    assert.equal(requestStatus({ ...base, sentOn: '2026-11-01', receivedOn: null }, '2027-06-01'), 'follow_up');
    assert.equal(requestStatus({ ...base, sentOn: '2026-11-01', receivedOn: '2026-11-30' }, '2027-06-01'), 'received');
  });

  test('no extension for an authorization: the law sets no clock to extend', () => {
    assert.equal(
      checkTracking(
        { kind: 'authorization', sentOn: '2026-11-01', extendedDueOn: null, receivedOn: null },
        'extension',
      ),
      'records.requests.errors.noClock',
    );
    assert.equal(
      checkTracking({ kind: 'authorization', sentOn: '2026-11-01', extendedDueOn: null, receivedOn: null }, 'received'),
      null,
    );
  });

  test('slides and blocks are refused in a records request, in plain words', () => {
    assert.ok(!REQUESTABLE_KEYS.includes('pathology_slides'));
    assert.ok(REQUESTABLE_KEYS.includes('pathology_reports'));
    const r = requestSchema.safeParse({
      providerName: 'X',
      recordsWanted: ['pathology_slides'],
      format: 'electronic',
      delivery: 'me',
    });
    assert.ok(!r.success);
    assert.deepEqual(
      r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`),
      ['recordsWanted:records.requests.errors.specimenNotRecord'],
    );
    assert.match(t('records.requests.errors.specimenNotRecord'), /specimen request/);
  });
});

describe('the letter claims only the right that applies (pure)', () => {
  test('copies for the patient: the right of access, its clock, and the patient-rate fee', () => {
    const text = letterText(request({ format: 'paper', delivery: 'me' }));
    assert.match(text, /45 CFR 164\.524/);
    assert.match(text, /within 30 days/);
    assert.match(text, /These copies are for me, so any fee must be a reasonable, cost-based fee/);
    assert.doesNotMatch(text, /164\.508|authoriz/i);
  });

  test('electronic copies to another doctor: the directive, limited to the electronic health record, with no patient-rate claim', () => {
    const text = letterText(
      request({ delivery: 'third_party', recipientName: 'Dr. Ana Ruiz', recipientAddress: 'Cancer Center\n2 Main St' }),
    );
    assert.match(text, /45 CFR 164\.524/);
    assert.match(text, /electronic copy straight to Dr\. Ana Ruiz, Cancer Center, 2 Main St/);
    assert.match(text, /covers the records you keep in an electronic health record/);
    assert.match(text, /records in your electronic health record \(45 CFR 164\.524\)/);
    assert.match(text, /written, signed request/);
    assert.match(text, /within 30 days/);
    assert.match(text, /fee for sending copies to someone else, please tell me the amount/);
    assert.doesNotMatch(
      text,
      /cost-based/,
      'the patient-rate fee limit does not apply to a directive (Ciox Health v. Azar)',
    );
  });

  test('paper copies to another doctor: a HIPAA authorization with every element 45 CFR 164.508(c) asks for, and no 30-day claim', () => {
    const l = buildLetter(
      t,
      { patientName: 'Rosa Diaz', patientDateOfBirth: '1950-04-28' },
      request({
        kind: 'authorization',
        format: 'paper',
        delivery: 'third_party',
        recipientName: 'Dr. Ana Ruiz',
        recipientAddress: 'Cancer Center\n2 Main St',
      }),
      '2026-12-07',
      (d) => d,
    );
    const text = [l.subject, ...l.paragraphs, ...l.wanted, ...l.afterList, ...l.signatureLines].join('\n');
    assert.match(l.subject, /This is my HIPAA authorization \(45 CFR 164\.508\)/);
    assert.match(text, /I allow Lakeside Hospital to send copies/, 'who may disclose');
    assert.ok(l.wanted.length === 2 && /Pathology reports/.test(l.wanted.join(' ')), 'what, described specifically');
    assert.match(text, /Who may receive them: Dr\. Ana Ruiz, Cancer Center, 2 Main St\./, 'to whom');
    assert.match(text, /at my request, for a second medical opinion/, 'purpose');
    assert.match(text, /ends one year after the date I sign it/, 'expiration');
    assert.match(text, /take back this authorization at any time by writing/, 'right to revoke');
    assert.match(
      text,
      /may not make my treatment, payment, health plan enrollment or benefits depend/,
      'no conditioning',
    );
    assert.match(text, /may share them again\. Then federal privacy law may no longer protect them/, 'redisclosure');
    assert.match(text, /Signature: _+/);
    assert.match(
      text,
      /If someone signs for me: their name, and how they are allowed to act for me/,
      'a representative states their authority',
    );
    assert.doesNotMatch(text, /30 days|164\.524|cost-based/, 'no right-of-access deadline or fee claim');
  });
});

describe('facts come from official sources', () => {
  test('no secondary source where the official text says it, and the ruling and HHS guidance are cited', () => {
    const urls = [...ACCESS_FACTS, ...FEE_FACTS].map((f) => f.source.url);
    assert.ok(
      urls.every((u) =>
        /^https:\/\/(www\.ecfr\.gov|www\.hhs\.gov|ecf\.dcd\.uscourts\.gov|www\.opennotes\.org)\//.test(u),
      ),
      urls.join('\n'),
    );
    assert.ok(urls.includes(SOURCES.cioxRuling.url));
    assert.ok(urls.includes(SOURCES.hhsAccessGuidance.url));
    assert.ok(urls.includes(SOURCES.hhsCourtOrder.url));
    assert.ok(!JSON.stringify(SOURCES).match(/hipaatimes|calhospital/));
  });
});

forEachDialect('authorization requests through the API and pages', (dialect) => {
  let tapp: TestApp;
  let owner: BuiltUser;
  let caseId: string;
  before(async () => {
    tapp = await buildTestApp(dialect);
    owner = await buildUser(tapp, { displayName: 'Rosa Diaz' });
    caseId = await buildCase(tapp.deps, owner);
  });
  after(() => tapp.close());

  test('paper to another doctor: an authorization, a reminder task and no extension; its letter and PDF say so', async () => {
    const client = api(tapp.app, owner.apiToken);
    const r = safeJson(
      await client.post(`/api/v1/cases/${caseId}/record-requests`, {
        providerName: 'Hill Clinic',
        recordsWanted: ['visit_notes'],
        format: 'paper',
        delivery: 'third_party',
        recipientName: 'Dr. Ana Ruiz',
        recipientAddress: '2 Main St',
      }),
    );
    assert.deepEqual([r.kind, r.status, r.dueOn, r.followUpOn], ['authorization', 'draft', null, null]);
    const sent = safeJson(
      await client.patch(`/api/v1/record-requests/${r.id}`, { action: 'sent', sentOn: '2026-11-20' }),
    );
    assert.deepEqual([sent.status, sent.dueOn, sent.followUpOn], ['waiting', null, '2026-12-11']);
    const tasks = (await listTasksForCase(tapp.deps.db, caseId)).filter((x) => x.sourceId === r.id);
    assert.deepEqual(
      tasks.map((x) => [x.kind, x.dueOn, x.title, x.doneAt]),
      [['records_follow_up', '2026-12-11', 'Check on the records from Hill Clinic', null]],
    );
    const ext = await client.patch(`/api/v1/record-requests/${r.id}`, {
      action: 'extension',
      reason: 'They asked for more time',
    });
    assert.equal(ext.statusCode, 400);
    assert.match(safeJson(ext).error.message, /No legal deadline applies/);
    assert.equal(safeJson(await client.get(`/api/v1/record-requests/${r.id}`)).extendedDueOn, null, 'nothing changed');

    const page = await owner.agent.get(`/cases/${caseId}/records/requests/${r.id}`);
    assert.match(page.body, /Authorization: no legal deadline/);
    assert.match(page.body, /Check on it by/);
    assert.doesNotMatch(page.body, /Add 30 days/, 'no extension form');
    assert.match(page.body, /section-164\.508/);
    const pdf = await owner.agent.get(`/cases/${caseId}/records/requests/${r.id}/letter.pdf`);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true });
    assert.match(text, /45 CFR 164\.508/);
    assert.match(text, /ends one year after the date I sign it/);
    assert.doesNotMatch(text, /30 days/);

    tapp.clock.set('2026-12-12T12:00:00Z');
    assert.equal(safeJson(await client.get(`/api/v1/record-requests/${r.id}`)).status, 'follow_up');
    tapp.clock.set('2026-11-27T15:00:00.000Z');
  });

  test('the form explains the two kinds and sends people with slides to a specimen request', async () => {
    const page = await owner.agent.get(`/cases/${caseId}/records/requests/new`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Paper copies sent to another doctor need an authorization/);
    assert.doesNotMatch(page.body, /value="pathology_slides"/, 'slides are not offered as a record');
    assert.match(page.body, new RegExp(`href="/cases/${caseId}/records/specimens/new"`));
    const refused = await owner.agent.post(`/cases/${caseId}/records/requests/new`, {
      providerName: 'X',
      recordsWanted: 'pathology_slides',
      format: 'electronic',
      delivery: 'me',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Slides and tissue blocks are not records/);
  });

  test('the migration turns old paper-to-doctor requests into authorizations and takes slides out of letters', async () => {
    const db = tapp.deps.db;
    const now = '2026-11-27T15:00:00.000Z';
    // Requests as the old code wrote them: a sent paper-to-doctor request with a 30-day task,
    // and a right-of-access request that named the slides.
    const paper = await buildRecordRequest(tapp, owner, caseId, {
      format: 'paper',
      delivery: 'third_party',
      recipientName: 'Dr. Ruiz',
      recipientAddress: '2 Main St',
    });
    const withSlides = await buildRecordRequest(tapp, owner, caseId, { providerName: 'Lab Co' });
    await db
      .updateTable('record_requests')
      .set({ kind: 'access', sent_on: '2026-11-01', due_on: '2026-12-01' })
      .where('id', '=', paper)
      .execute();
    await db
      .updateTable('record_requests')
      .set({ records_wanted: JSON.stringify(['pathology_reports', 'pathology_slides']) })
      .where('id', '=', withSlides)
      .execute();
    await db
      .insertInto('tasks')
      .values({
        id: `task-${paper}`,
        case_id: caseId,
        patient_id: owner.patientId,
        step: 'records',
        kind: 'records_due',
        title: 'Records due from Lakeside Hospital',
        due_on: '2026-12-01',
        done_at: null,
        source_type: 'record_request',
        source_id: paper,
        created_by: owner.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();

    await rightsMigration.down(db);
    await rightsMigration.up(db);

    const rows = await db
      .selectFrom('record_requests')
      .select(['id', 'kind', 'follow_up_on', 'due_on', 'records_wanted'])
      .where('id', 'in', [paper, withSlides])
      .execute();
    const byId = new Map(rows.map((x) => [x.id, x]));
    assert.equal(byId.get(paper)!.kind, 'authorization');
    assert.equal(byId.get(paper)!.follow_up_on, '2026-11-22');
    assert.equal(byId.get(paper)!.due_on, '2026-12-01', 'old dates are kept, not lost');
    assert.equal(byId.get(withSlides)!.kind, 'access');
    assert.deepEqual(JSON.parse(byId.get(withSlides)!.records_wanted), ['pathology_reports']);
    const task = await db
      .selectFrom('tasks')
      .select(['kind', 'due_on', 'title'])
      .where('id', '=', `task-${paper}`)
      .executeTakeFirstOrThrow();
    assert.deepEqual(task, {
      kind: 'records_follow_up',
      due_on: '2026-11-22',
      title: 'Check on the records from Lakeside Hospital',
    });

    // And the migrated request works: status, no extension, its letter.
    const client = api(tapp.app, owner.apiToken);
    const r = safeJson(await client.get(`/api/v1/record-requests/${paper}`));
    assert.deepEqual([r.kind, r.dueOn, r.followUpOn, r.status], ['authorization', null, '2026-11-22', 'follow_up']);
    const letter = await owner.agent.get(`/cases/${caseId}/records/requests/${withSlides}/letter`);
    assert.equal(letter.statusCode, 200);
    assert.doesNotMatch(letter.body, /tissue blocks/);
  });
});
