import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { linksStayOnThisComputer } from '../../src/features/sharing/shares.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildDocument } from '../builders/records.ts';
import { Agent } from '../helpers/agent.ts';
import { pageText } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// Issue 18 item 2 (ADR 0191): a link is never shown only once without a way back — one
// click makes a new link in place of the old (the old one off, both audited) and shows it
// with the printable note for the doctor; and before any link is made, the sharing pages
// say when its address only works on this computer.

const LINK = /\/s\/([A-Za-z0-9_-]{43})/;

describe('links that only open on this computer', () => {
  test('localhost, 127.x and ::1 addresses stay here; real addresses do not', () => {
    for (const a of [
      'http://localhost:3000',
      'http://LOCALHOST',
      'http://127.0.0.1:8080',
      'http://127.1.2.3',
      'http://[::1]:3000',
      'http://app.localhost',
    ]) {
      assert.equal(linksStayOnThisComputer(a), true, a);
    }
    for (const a of [
      'https://opinion.example.org',
      'http://192.168.1.20:3000',
      'http://my-nas.local',
      'https://127.example.com',
    ]) {
      assert.equal(linksStayOnThisComputer(a), false, a);
    }
    assert.equal(linksStayOnThisComputer('not a url'), true, 'unknown: warn rather than promise');
  });
});

forEachDialect('a new link in place of a lost one', (dialect) => {
  let t: TestApp;
  let owner: BuiltUser;
  let stranger: BuiltUser;
  let caseId: string;
  let docA: string;

  before(async () => {
    t = await buildTestApp(dialect);
    owner = await buildUser(t, { displayName: 'Olga Owner' });
    stranger = await buildUser(t);
    caseId = await buildCase(t.deps, owner);
    docA = await buildDocument(t, owner, caseId, { title: 'Biopsy report' });
  });
  after(() => t.close());

  async function makeLink(doctorName: string): Promise<{ made: string; url: string; shareId: string }> {
    const posted = await owner.agent.post(`/cases/${caseId}/sharing/new`, {
      doctorName,
      documentIds: [docA],
      expiresInDays: '20',
      accessCode: '1',
    });
    assert.equal(posted.statusCode, 303);
    const made = posted.headers.location as string;
    const shown = await owner.agent.get(made);
    const url = LINK.exec(shown.body)![0];
    return { made, url, shareId: made.split('/')[4]! };
  }

  test('the sharing pages warn before a link is made when its address is localhost', async () => {
    for (const path of [`/cases/${caseId}/sharing`, `/cases/${caseId}/sharing/new`]) {
      const text = pageText((await owner.agent.get(path)).body);
      assert.match(text, /A doctor at another place cannot open links from this app yet/, path);
      assert.match(text, /Links made here start with http:\/\/localhost/, path);
      assert.match(text, /sets BASE_URL/, path);
      assert.match(text, /Links that doctors elsewhere can open/, path);
    }
  });

  test('one click: the old link is off, a new one for the same doctor and records is shown with the note', async () => {
    const first = await makeLink('Dr. Lost Link');
    const reload = await owner.agent.get(first.made);
    assert.ok(!LINK.test(reload.body), 'the link itself is not shown again');
    assert.match(pageText(reload.body), /Make a new link for Dr\. Lost Link in its place/);
    assert.equal((await new Agent(t.app).get(first.url)).statusCode, 200, 'the old link works until replaced');

    const replaced = await owner.agent.post(`/cases/${caseId}/sharing/${first.shareId}/replace`);
    assert.equal(replaced.statusCode, 303);
    const made = replaced.headers.location as string;
    assert.match(made, new RegExp(`^/cases/${caseId}/sharing/[^/]+/made$`));
    assert.notEqual(made, first.made);
    const shown = await owner.agent.get(made);
    const text = pageText(shown.body);
    const url = LINK.exec(shown.body)![0];
    assert.notEqual(url, first.url);
    assert.match(text, /For Dr\. Lost Link: how to open the records/);
    assert.match(shown.body, /data-access-code/, 'a new code, since the old link had one');
    // The printable note for the doctor carries the new link.
    const note = /<section class="so-how-to-open[\s\S]*?<\/section>/.exec(shown.body)![0];
    assert.ok(note.includes(url), 'the note names the new link');

    assert.equal((await new Agent(t.app).get(first.url)).statusCode, 404, 'the old link is off');
    assert.equal((await new Agent(t.app).get(url)).statusCode, 200, 'the new link opens');
    const rows = await t.deps.db
      .selectFrom('shares')
      .select(['id', 'doctor_name', 'expires_at', 'revoked_at'])
      .where('case_id', '=', caseId)
      .where('doctor_name', '=', 'Dr. Lost Link')
      .execute();
    assert.equal(rows.length, 2);
    const [oldRow, newRow] = [rows.find((r) => r.id === first.shareId)!, rows.find((r) => r.id !== first.shareId)!];
    assert.notEqual(oldRow.revoked_at, null);
    assert.equal(newRow.revoked_at, null);
    assert.equal(newRow.expires_at, oldRow.expires_at, 'the same last day');
    const docs = await t.deps.db
      .selectFrom('share_documents')
      .select('document_id')
      .where('share_id', '=', newRow.id)
      .execute();
    assert.deepEqual(
      docs.map((d) => d.document_id),
      [docA],
    );
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', 'in', ['share.revoke', 'share.replace'])
      .execute();
    assert.ok(audit.some((a) => a.action === 'share.revoke' && a.object_id === first.shareId));
    assert.ok(audit.some((a) => a.action === 'share.replace' && a.object_id === newRow.id));
  });

  test('the list of links offers the same button for a live link', async () => {
    await makeLink('Dr. From List');
    const list = pageText((await owner.agent.get(`/cases/${caseId}/sharing`)).body);
    assert.match(list, /Make a new link for Dr\. From List in its place/);
  });

  test('a link already turned off is not replaced: a plain message, nothing made', async () => {
    const first = await makeLink('Dr. Turned Off');
    assert.equal((await owner.agent.post(`/cases/${caseId}/sharing/${first.shareId}/revoke`)).statusCode, 303);
    const count = async () =>
      (await t.deps.db.selectFrom('shares').select('id').where('case_id', '=', caseId).execute()).length;
    const before = await count();
    const res = await owner.agent.post(`/cases/${caseId}/sharing/${first.shareId}/replace`);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/cases/${caseId}/sharing`);
    assert.match(pageText((await owner.agent.get(`/cases/${caseId}/sharing`)).body), /already off or has ended/);
    assert.equal(await count(), before);
  });

  test('strangers get 404 and change nothing; visitors are sent to sign in', async () => {
    const first = await makeLink('Dr. Kept');
    const res = await stranger.agent.post(`/cases/${caseId}/sharing/${first.shareId}/replace`);
    assert.equal(res.statusCode, 404);
    const visitor = await new Agent(t.app).post(`/cases/${caseId}/sharing/${first.shareId}/replace`);
    assert.equal(visitor.statusCode, 303);
    assert.equal(visitor.headers.location, '/sign-in');
    assert.equal((await new Agent(t.app).get(first.url)).statusCode, 200, 'the link still works');
  });
});

forEachDialect('links with a real address', (dialect) => {
  let t: TestApp;
  test('no warning when BASE_URL names an address others can reach', async () => {
    t = await buildTestApp(dialect, { env: { BASE_URL: 'https://opinion.example.org' } });
    try {
      const owner = await buildUser(t);
      const caseId = await buildCase(t.deps, owner);
      const body = (await owner.agent.get(`/cases/${caseId}/sharing/new`)).body;
      assert.equal(body.includes('cannot open links from this app yet'), false);
    } finally {
      await t.close();
    }
  });
});
