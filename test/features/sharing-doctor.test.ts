import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { addOwnQuestion } from '../../src/features/questions/questions-store.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildDocument } from '../builders/records.ts';
import { buildShare } from '../builders/sharing.ts';
import { Agent } from '../helpers/agent.ts';
import { pageText } from '../helpers/html.ts';
import { apiUpload, makePdf } from '../helpers/records.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// The consulting doctor's side of a share link: what the link opens, what it refuses,
// the access code and its lock, and the opinion the doctor writes.

const DAY = 24 * 60 * 60 * 1000;

function assertLinkHeaders(res: LightMyRequestResponse, what: string) {
  assert.equal(res.headers['referrer-policy'], 'no-referrer', `${what}: Referrer-Policy`);
  assert.equal(res.headers['cache-control'], 'no-store', `${what}: Cache-Control`);
  assert.match(String(res.headers['x-robots-tag']), /noindex/, `${what}: X-Robots-Tag`);
}

/** The page minus what differs per visitor (the CSRF token, the request id), to compare pages. */
const stable = (html: string) =>
  html.replace(/name="_csrf" value="[^"]+"/g, '').replace(/\/s\/[A-Za-z0-9_-]{10,}/g, '/s/TOKEN');

forEachDialect('the consulting doctor’s link', (dialect) => {
  let t: TestApp;
  let owner: BuiltUser;
  let other: BuiltUser;
  let caseId: string;
  let otherCaseId: string;
  let pdfId: string;
  let noteId: string;
  let secretId: string;
  let otherDocId: string;

  before(async () => {
    t = await buildTestApp(dialect);
    owner = await buildUser(t, { displayName: 'Rosa Marquez' });
    other = await buildUser(t);
    caseId = await buildCase(t.deps, owner, { diagnosis: 'Ductal carcinoma of the left breast' });
    otherCaseId = await buildCase(t.deps, other, { diagnosis: 'Other person’s diagnosis' });
    const up = await apiUpload(t, owner, caseId, [
      { filename: 'pathology.pdf', content: await makePdf(['Pathology report', 'Invasive ductal carcinoma']) },
    ]);
    pdfId = up.results[0]!.documentId!;
    noteId = await buildDocument(t, owner, caseId, { title: 'Clinic note from October' });
    secretId = await buildDocument(t, owner, caseId, { title: 'Therapist letter not shared' });
    otherDocId = await buildDocument(t, other, otherCaseId, { title: 'Another patient’s scan' });
    await addOwnQuestion(
      t.deps.db,
      { caseId, patientId: owner.patientId, userId: owner.userId },
      { text: 'Is surgery my only choice?', important: true },
      t.deps.clock.now().toISOString(),
    );
  });
  after(() => t.close());
  beforeEach(() => t.clock.set('2026-11-27T15:00:00.000Z'));

  const share = (opts: Partial<Parameters<typeof buildShare>[3]> = {}) =>
    buildShare(t, owner, caseId, { documentIds: [pdfId, noteId], ...opts });
  const doctor = () => new Agent(t.app);
  const log = async (shareId: string) =>
    (
      await t.deps.db
        .selectFrom('share_access_log')
        .select(['action', 'object_id', 'ip', 'user_agent'])
        .where('share_id', '=', shareId)
        .orderBy('audit_seq')
        .execute()
    ).map((r) => r.action);
  const audits = (shareId: string) =>
    t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_type', '=', 'share')
      .where('actor_id', '=', shareId)
      .orderBy('seq')
      .execute();

  test('the link opens a read-only page: the cover, the shared records, the questions; nothing else', async () => {
    const s = await share();
    const res = await doctor().get(s.path, { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0) Chrome/130.0' });
    assert.equal(res.statusCode, 200);
    assertLinkHeaders(res, 'view page');
    const text = pageText(res.body);
    assert.match(text, /Records of Rosa Marquez/);
    assert.match(text, /Ductal carcinoma of the left breast/);
    assert.match(text, /Clinic note from October/);
    assert.match(text, /Is surgery my only choice\?/);
    assert.doesNotMatch(text, /Therapist letter not shared/, 'a record the link does not share is not listed');
    assert.doesNotMatch(res.body, /href="\/cases\//, 'no way into the patient’s account');
    assert.doesNotMatch(res.body, /href="\/dashboard"|Sign out/);
    // Logged for the person, and in the patient's audit chain as the link.
    const rows = await t.deps.db.selectFrom('share_access_log').selectAll().where('share_id', '=', s.shareId).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.action, 'opened');
    assert.match(rows[0]!.user_agent ?? '', /Chrome/);
    assert.ok(rows[0]!.ip);
    const a = await audits(s.shareId);
    assert.deepEqual(
      a.map((x) => [x.action, x.patient_id, x.via]),
      [['share.open', owner.patientId, 'link']],
    );
  });

  test('an unknown, expired, revoked or locked link shows the same page, 404, with the link headers', async () => {
    const unknown = await doctor().get(`/s/${'A'.repeat(43)}`);
    const garbage = await doctor().get('/s/not-a-token');
    const expired = await share({ days: 1 });
    const revoked = await share();
    const locked = await share({ code: true });
    await t.deps.db
      .updateTable('shares')
      .set({ revoked_at: '2026-11-27T15:00:00.000Z' })
      .where('id', '=', revoked.shareId)
      .execute();
    await t.deps.db
      .updateTable('shares')
      .set({ locked_at: '2026-11-27T15:00:00.000Z' })
      .where('id', '=', locked.shareId)
      .execute();
    t.clock.advance(2 * DAY);
    const pages = [
      unknown,
      garbage,
      await doctor().get(expired.path),
      await doctor().get(revoked.path),
      await doctor().get(locked.path),
    ];
    for (const [i, p] of pages.entries()) {
      assert.equal(p.statusCode, 404, `page ${i}`);
      assertLinkHeaders(p, `unavailable ${i}`);
      assert.match(pageText(p.body), /This link is not available/);
    }
    const first = stable(pages[0]!.body);
    for (const p of pages.slice(1)) assert.equal(stable(p.body), first, 'no difference in the text');
    // And none of them leaves anything in the log (a dead link is not "opened").
    assert.deepEqual(await log(expired.shareId), []);
    assert.deepEqual(await log(revoked.shareId), []);
  });

  test('the case page shows who used its links lately, newest first, with the record looked at', async () => {
    const s = await share({ doctorName: 'Dr. Katherine Johnson' });
    const d = doctor();
    await d.get(s.path, { 'user-agent': 'Mozilla/5.0 (Macintosh) Firefox/130.0' });
    t.clock.set('2026-11-27T15:05:00.000Z');
    assert.equal(
      (await d.get(`${s.path}/documents/${pdfId}`, { 'user-agent': 'Mozilla/5.0 (Macintosh) Firefox/130.0' }))
        .statusCode,
      200,
    );
    const text = pageText((await owner.agent.get(`/cases/${caseId}`)).body);
    const section = text.slice(text.indexOf('Who used your share links lately'));
    assert.ok(text.includes('Who used your share links lately'), 'the case page has the section');
    const looked = section.indexOf('Dr. Katherine Johnson. Looked at a record: pathology');
    const opened = section.indexOf('Dr. Katherine Johnson. Opened the link');
    assert.ok(looked >= 0 && opened > looked, `newest first, with the record: ${section.slice(0, 600)}`);
    assert.match(section, /Firefox/);
    assert.match(section, /See every use of your links/);
    // A case whose links were never used has no such section.
    assert.doesNotMatch(pageText((await other.agent.get(`/cases/${otherCaseId}`)).body), /Who used your share links/);
  });

  test('the database never holds the token: only its SHA-256', async () => {
    const s = await share();
    const row = await t.deps.db.selectFrom('shares').selectAll().where('id', '=', s.shareId).executeTakeFirstOrThrow();
    assert.equal(row.token_hash.length, 64);
    assert.ok(!JSON.stringify(row).includes(s.token));
    assert.equal((await doctor().get(s.path)).statusCode, 200);
    const all =
      JSON.stringify(await t.deps.db.selectFrom('share_access_log').selectAll().execute()) +
      JSON.stringify(await t.deps.db.selectFrom('audit_log').selectAll().execute());
    assert.ok(!all.includes(s.token));
  });

  test('an access code: asked first, wrong codes counted, a right code opens a short HttpOnly Strict session', async () => {
    const s = await share({ code: true });
    const d = doctor();
    const first = await d.get(s.path);
    assert.equal(first.statusCode, 200);
    assertLinkHeaders(first, 'code page');
    assert.match(pageText(first.body), /Type the access code/);
    assert.doesNotMatch(pageText(first.body), /Clinic note from October/, 'nothing shown before the code');
    // Documents and the form wait for the code too.
    assert.equal((await d.get(`${s.path}/documents/${noteId}/download`)).statusCode, 303);
    assert.equal((await d.get(`${s.path}/opinion`)).statusCode, 303);

    const wrong = await d.post(`${s.path}/code`, { code: 'WRONG123' });
    assert.equal(wrong.statusCode, 400);
    assert.match(pageText(wrong.body), /That code is not right/);
    assert.match(pageText(wrong.body), /Tries left before the link locks: 4/);

    const right = await d.post(`${s.path}/code`, { code: `${s.code!.slice(0, 4).toLowerCase()}-${s.code!.slice(4)}` });
    assert.equal(right.statusCode, 303);
    const cookie = (
      right.cookies as { name: string; value: string; httpOnly?: boolean; sameSite?: string; path?: string }[]
    ).find((c) => c.name === 'so_share')!;
    assert.ok(cookie.httpOnly);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, s.path);
    const session = await t.deps.db
      .selectFrom('share_sessions')
      .selectAll()
      .where('share_id', '=', s.shareId)
      .executeTakeFirstOrThrow();
    assert.notEqual(session.token_hash, cookie.value, 'the cookie is stored hashed');
    assert.ok(!JSON.stringify(session).includes(cookie.value));
    const shareRow = await t.deps.db
      .selectFrom('shares')
      .select(['code_hash', 'failed_attempts'])
      .where('id', '=', s.shareId)
      .executeTakeFirstOrThrow();
    assert.ok(!shareRow.code_hash!.includes(s.code!) && shareRow.code_hash!.startsWith('$argon2id$'));
    assert.equal(Number(shareRow.failed_attempts), 0, 'a right code clears the count');

    const view = await d.get(s.path);
    assert.match(pageText(view.body), /Clinic note from October/);

    // The session is short: after it ends the code is asked again.
    t.clock.advance(61 * 60 * 1000);
    assert.match(pageText((await d.get(s.path)).body), /Type the access code/);
    assert.deepEqual(await log(s.shareId), ['code_wrong', 'code_ok', 'opened']);
  });

  test('five wrong codes lock the link, even against the right code; the person can see it', async () => {
    const s = await share({ code: true });
    const d = doctor();
    await d.get(s.path);
    for (let i = 0; i < 4; i++) assert.equal((await d.post(`${s.path}/code`, { code: `BAD${i}CODE` })).statusCode, 400);
    const fifth = await d.post(`${s.path}/code`, { code: 'BAD5CODE' });
    assert.equal(fifth.statusCode, 404);
    assert.match(pageText(fifth.body), /This link is not available/);
    const afterLock = await doctor().post(`${s.path}/code`, { code: s.code! });
    assert.equal(afterLock.statusCode, 404, 'the right code does not open a locked link');
    const row = await t.deps.db
      .selectFrom('shares')
      .select(['locked_at', 'failed_attempts'])
      .where('id', '=', s.shareId)
      .executeTakeFirstOrThrow();
    assert.ok(row.locked_at);
    assert.equal(Number(row.failed_attempts), 5);
    assert.deepEqual(await log(s.shareId), [
      'code_wrong',
      'code_wrong',
      'code_wrong',
      'code_wrong',
      'code_wrong',
      'locked',
    ]);
    const a = await audits(s.shareId);
    assert.equal(a.filter((x) => x.action === 'share.code_wrong').length, 5);
    assert.equal(a.filter((x) => x.action === 'share.locked').length, 1);
    const page = await owner.agent.get(`/cases/${caseId}/sharing`);
    assert.match(pageText(page.body), /Locked/);
    assert.match(pageText(page.body), /typed a wrong code 5 times/);
  });

  test('ended code sessions are deleted when a new one is made; live ones stay', async () => {
    const sessionsOf = async (shareId: string) =>
      (await t.deps.db.selectFrom('share_sessions').select('expires_at').where('share_id', '=', shareId).execute())
        .length;
    const a = await share({ code: true });
    const b = await share({ code: true });
    const c = await share({ code: true });
    const open = async (x: typeof a) => {
      const d = doctor();
      await d.get(x.path);
      assert.equal((await d.post(`${x.path}/code`, { code: x.code! })).statusCode, 303);
    };
    await open(a);
    t.clock.advance(30 * 60 * 1000);
    await open(b);
    assert.deepEqual([await sessionsOf(a.shareId), await sessionsOf(b.shareId)], [1, 1], 'both still live');
    t.clock.advance(31 * 60 * 1000); // a's has ended, b's has not
    await open(c);
    assert.deepEqual(
      [await sessionsOf(a.shareId), await sessionsOf(b.shareId), await sessionsOf(c.shareId)],
      [0, 1, 1],
    );
  });

  test('a code session of one link opens nothing on another', async () => {
    const a = await share({ code: true });
    const b = await share({ code: true });
    const d = doctor();
    await d.get(a.path);
    await d.post(`${a.path}/code`, { code: a.code! });
    assert.equal(
      (await t.deps.db.selectFrom('share_sessions').select('token_hash').where('share_id', '=', a.shareId).execute())
        .length,
      1,
    );
    assert.ok(d.hasCookie('so_share'));
    assert.match(pageText((await d.get(a.path)).body), /Clinic note from October/);
    // The test agent sends every cookie it holds whatever its path, as a tampering browser would: A's session on B's link.
    const res = await d.get(b.path);
    assert.match(pageText(res.body), /Type the access code/);
    assert.doesNotMatch(pageText(res.body), /Clinic note from October/);
    assert.equal((await d.get(`${b.path}/documents/${noteId}/download`)).statusCode, 303);
  });

  test('documents: only those the link shares; another case’s or a tampered id is the same 404', async () => {
    const s = await share({ documentIds: [pdfId, noteId] });
    const otherShare = await buildShare(t, other, otherCaseId, { documentIds: [otherDocId] });
    const d = doctor();
    const view = await d.get(`${s.path}/documents/${pdfId}`);
    assert.equal(view.statusCode, 200);
    assert.equal(view.headers['content-type'], 'application/pdf');
    assert.match(String(view.headers['content-disposition']), /^inline;/);
    assert.equal(view.headers['x-content-type-options'], 'nosniff');
    assertLinkHeaders(view, 'inline document');
    assert.ok(view.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')));
    const dl = await d.get(`${s.path}/documents/${noteId}/download`);
    assert.equal(dl.statusCode, 200);
    assert.match(String(dl.headers['content-disposition']), /^attachment;/);
    // A text note is never shown inline, even on the view address.
    assert.match(String((await d.get(`${s.path}/documents/${noteId}`)).headers['content-disposition']), /^attachment;/);

    for (const [what, url] of [
      ['same case, not shared', `${s.path}/documents/${secretId}`],
      ['another case', `${s.path}/documents/${otherDocId}`],
      ['another case, download', `${s.path}/documents/${otherDocId}/download`],
      ['made-up id', `${s.path}/documents/00000000-0000-0000-0000-000000000000`],
      ['this case’s document through the other case’s link', `${otherShare.path}/documents/${pdfId}`],
    ] as const) {
      const res = await d.get(url);
      assert.equal(res.statusCode, 404, what);
      assert.match(pageText(res.body), /This link is not available/, what);
      assertLinkHeaders(res, what);
    }
    assert.deepEqual(await log(s.shareId), ['viewed_document', 'downloaded_document', 'downloaded_document']);
    const logged = await t.deps.db
      .selectFrom('share_access_log')
      .select('object_id')
      .where('share_id', '=', s.shareId)
      .execute();
    assert.deepEqual(logged.map((l) => l.object_id).sort(), [pdfId, noteId, noteId].sort());
    const a = await audits(s.shareId);
    assert.deepEqual(
      a.map((x) => [x.action, x.object_id]),
      [
        ['document.view', pdfId],
        ['document.download', noteId],
        ['document.download', noteId],
      ],
    );
  });

  test('the packet comes from the shared documents only; a documents-only link has no packet', async () => {
    const s = await share({ documentIds: [pdfId] });
    const pdf = await doctor().get(`${s.path}/packet?format=pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assertLinkHeaders(pdf, 'packet');
    const zip = await doctor().get(`${s.path}/packet?format=zip`);
    assert.equal(zip.statusCode, 200);
    assert.equal(zip.headers['content-type'], 'application/zip');
    assert.ok(!zip.rawPayload.includes(Buffer.from('Clinic note from October')), 'an unshared note is not in the ZIP');
    assert.deepEqual(await log(s.shareId), ['downloaded_packet_pdf', 'downloaded_packet_zip']);
    assert.equal((await doctor().get(`${s.path}/packet?format=exe`)).statusCode, 404);
    const docsOnly = await share({ scope: 'documents' });
    assert.equal((await doctor().get(`${docsOnly.path}/packet?format=pdf`)).statusCode, 404);
  });

  const validOpinion = {
    doctorName: 'Dr. Grace Hopper',
    doctorSpecialty: 'Medical oncology',
    doctorNpi: '1234567893',
    doctorPractice: 'Harbor Cancer Center, 555-0100',
    dx0_text: 'Invasive ductal carcinoma, left breast',
    dx0_code: 'C50.912',
    stageStatus: 'Stage IIA',
    prognosis: 'Good with treatment',
    goal: 'cure',
    optionsDiscussed: 'Lumpectomy with radiation, or mastectomy',
    plan0_category: 'surgery',
    plan0_details: 'Lumpectomy',
    plan1_category: 'radiation',
    furtherTests: 'Genetic testing',
    trials: 'None nearby',
    cq0_answer: 'No. Breast-conserving surgery is an option for you.',
  };

  const opinionsOf = (shareId: string) =>
    t.deps.db.selectFrom('opinions').selectAll().where('share_id', '=', shareId).execute();

  test('the doctor writes an opinion: it lands as pending, from the doctor, tied to the link', async () => {
    const s = await share();
    const d = doctor();
    const form = await d.get(`${s.path}/opinion`);
    assert.equal(form.statusCode, 200);
    assertLinkHeaders(form, 'opinion form');
    assert.match(pageText(form.body), /Is surgery my only choice\?/);
    const res = await d.post(`${s.path}/opinion`, validOpinion);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, s.path);
    const [o] = await opinionsOf(s.shareId);
    assert.ok(o);
    assert.deepEqual(
      [o.status, o.source, o.case_id, o.created_by, o.doctor_npi, o.given_how, o.given_on],
      ['pending', 'doctor', caseId, null, '1234567893', 'written_report', '2026-11-27'],
    );
    const dx = await t.deps.db
      .selectFrom('opinion_diagnoses')
      .select(['text', 'code'])
      .where('opinion_id', '=', o.id)
      .execute();
    assert.deepEqual(dx, [{ text: 'Invasive ductal carcinoma, left breast', code: 'C50.912' }]);
    const answers = await t.deps.db
      .selectFrom('opinion_answers')
      .select(['question_text', 'answer'])
      .where('opinion_id', '=', o.id)
      .execute();
    assert.deepEqual(answers, [
      { question_text: 'Is surgery my only choice?', answer: 'No. Breast-conserving surgery is an option for you.' },
    ]);
    assert.deepEqual(await log(s.shareId), ['opened_opinion_form', 'wrote_opinion']);
    const a = await audits(s.shareId);
    assert.deepEqual(a.map((x) => [x.action, x.object_id]).at(-1), ['opinion.create', o.id]);
    // The person sees it waiting, on the sharing page and the opinions page.
    assert.match(
      pageText((await owner.agent.get(`/cases/${caseId}/sharing`)).body),
      /Dr\. Grace Hopper wrote an opinion/,
    );
    assert.match(
      pageText((await owner.agent.get(`/cases/${caseId}/opinions/${o.id}`)).body),
      /Waiting for you to accept it/,
    );
  });

  test('bad input is refused in plain words and changes nothing', async () => {
    const s = await share();
    const d = doctor();
    await d.get(`${s.path}/opinion`);
    for (const [what, body, message] of [
      ['bad NPI', { ...validOpinion, doctorNpi: '1234567890' }, /NPI/],
      ['unknown code', { ...validOpinion, dx0_code: 'C99.999' }, /C99\.999/],
      ['no name', { ...validOpinion, doctorName: '' }, /name/i],
      ['too long', { ...validOpinion, prognosis: 'x'.repeat(4001) }, /too long|shorter/i],
      ['bad goal', { ...validOpinion, goal: 'immortality' }, /choose/i],
    ] as const) {
      const res = await d.post(`${s.path}/opinion`, body as Record<string, string>);
      assert.equal(res.statusCode, 400, what);
      assert.match(pageText(res.body), message, what);
      assertLinkHeaders(res, what);
    }
    assert.equal((await opinionsOf(s.shareId)).length, 0);
  });

  test('the doctor may revise their own pending opinion, and nothing else', async () => {
    const a = await share();
    const b = await share({ doctorName: 'Dr. B' });
    const da = doctor();
    const db = doctor();
    await da.get(`${a.path}/opinion`);
    await da.post(`${a.path}/opinion`, validOpinion);
    const [mine] = await opinionsOf(a.shareId);
    // A revision through the same link changes the same opinion.
    await da.post(`${a.path}/opinion`, { ...validOpinion, stageStatus: 'Stage IIB' });
    let rows = await opinionsOf(a.shareId);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.id, mine!.id);
    assert.equal(rows[0]!.stage_status, 'Stage IIB');
    // Another link's doctor, even sending A's opinion id, only ever makes their own.
    await db.get(`${b.path}/opinion`);
    await db.post(`${b.path}/opinion`, {
      ...validOpinion,
      opinionId: mine!.id,
      id: mine!.id,
      doctorName: 'Dr. B',
      stageStatus: 'changed by B',
    });
    rows = await opinionsOf(a.shareId);
    assert.equal(rows[0]!.stage_status, 'Stage IIB');
    assert.equal((await opinionsOf(b.shareId)).length, 1);
    // The person's own opinions are out of reach: one written by the person stays as it was.
    const personOpinions = await t.deps.db
      .selectFrom('opinions')
      .select('id')
      .where('case_id', '=', caseId)
      .where('source', '=', 'person')
      .execute();
    assert.equal(personOpinions.length, 0);

    // Once the person accepts it, the link can no longer change it.
    const page = await owner.agent.get(`/cases/${caseId}/opinions/${mine!.id}`);
    assert.equal(page.statusCode, 200);
    const accepted = await owner.agent.post(`/cases/${caseId}/opinions/${mine!.id}/status`, { status: 'accepted' });
    assert.equal(accepted.statusCode, 303);
    const late = await da.post(`${a.path}/opinion`, { ...validOpinion, stageStatus: 'changed after acceptance' });
    assert.equal(late.statusCode, 409);
    assert.match(pageText(late.body), /cannot be changed here/);
    rows = await opinionsOf(a.shareId);
    assert.deepEqual([rows.length, rows[0]!.status, rows[0]!.stage_status], [1, 'accepted', 'Stage IIB']);
    assert.match(pageText((await da.get(a.path)).body), /The patient has your opinion now/);
  });

  test('the form needs the CSRF token like every form', async () => {
    const s = await share();
    const res = await doctor().post(`${s.path}/opinion`, validOpinion, { csrf: false });
    assert.equal(res.statusCode, 403);
    assert.equal((await opinionsOf(s.shareId)).length, 0);
  });

  test('a revoked link stops at once, code session or not', async () => {
    const s = await share({ code: true });
    const d = doctor();
    await d.get(s.path);
    await d.post(`${s.path}/code`, { code: s.code! });
    assert.equal((await d.get(s.path)).statusCode, 200);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/shares/${s.shareId}`,
      headers: { authorization: `Bearer ${owner.apiToken}` },
    });
    assert.equal(del.statusCode, 204);
    for (const url of [s.path, `${s.path}/documents/${pdfId}`, `${s.path}/opinion`, `${s.path}/packet?format=pdf`]) {
      assert.equal((await d.get(url)).statusCode, 404, url);
    }
    assert.equal(
      (await t.deps.db.selectFrom('share_sessions').select('id').where('share_id', '=', s.shareId).execute()).length,
      0,
    );
  });
});
