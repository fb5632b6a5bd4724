import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  checkDocumentChoice,
  cleanUserAgent,
  describeBrowser,
  expiryFrom,
  hashToken,
  makeShareSchema,
  newAccessCode,
  newShareToken,
  normaliseCode,
  sameHash,
  shareState,
  TOKEN_PATTERN,
} from '../../src/features/sharing/shares.ts';
import { addHelper, type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildDocument } from '../builders/records.ts';
import { buildShare } from '../builders/sharing.ts';
import { Agent, api } from '../helpers/agent.ts';
import { fieldValue, page, pageText } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// The person's side of share links: making one, the link shown once, expiry, revoking,
// unlocking, the access log, and the rules underneath.

const NOW = new Date('2026-11-27T15:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

describe('share link rules', () => {
  test('a token is 32 random bytes in base64url; only its SHA-256 is kept, compared in constant time', () => {
    const a = newShareToken();
    assert.match(a, TOKEN_PATTERN);
    assert.equal(Buffer.from(a, 'base64url').length, 32);
    assert.notEqual(a, newShareToken());
    assert.equal(hashToken(a), crypto.createHash('sha256').update(a).digest('hex'));
    assert.ok(sameHash(hashToken(a), hashToken(a)));
    assert.ok(!sameHash(hashToken(a), hashToken(`${a}x`)));
    assert.ok(!sameHash('', ''), 'an empty hash never matches');
  });

  test('access codes: 8 characters that are easy to read out; typed kindly', () => {
    for (let i = 0; i < 50; i++) assert.match(newAccessCode(), /^[A-HJ-NP-Z2-9]{8}$/);
    assert.equal(normaliseCode(' abcd-efgh '), 'ABCDEFGH');
  });

  test('the state: revoked, then locked, then expired', () => {
    const base = { expiresAt: new Date(NOW.getTime() + DAY).toISOString(), lockedAt: null, revokedAt: null };
    assert.equal(shareState(base, NOW), 'active');
    assert.equal(shareState(base, new Date(NOW.getTime() + DAY)), 'expired', 'the moment it expires, it is expired');
    assert.equal(shareState({ ...base, lockedAt: 'x' }, NOW), 'locked');
    assert.equal(shareState({ ...base, lockedAt: 'x', revokedAt: 'y' }, NOW), 'revoked');
  });

  test('expiry: 30 days by default, days or a date, at most 90 days, never in the past', () => {
    assert.equal(expiryFrom(NOW, {}).toISOString(), '2026-12-27T15:00:00.000Z');
    assert.equal(expiryFrom(NOW, { expiresInDays: 7 }).toISOString(), '2026-12-04T15:00:00.000Z');
    assert.equal(expiryFrom(NOW, { expiresOn: '2027-01-15' }).toISOString(), '2027-01-15T23:59:59.000Z');
    const schema = makeShareSchema(() => NOW);
    const base = { doctorName: 'Dr. Lopez', documentIds: ['d1'] };
    assert.ok(schema.safeParse({ ...base, expiresInDays: '90' }).success);
    for (const bad of [
      { expiresInDays: '91' },
      { expiresInDays: '0' },
      { expiresInDays: '2.5' },
      { expiresInDays: 'soon' },
      { expiresOn: '2027-02-26' },
      { expiresOn: '2026-11-26' },
      { expiresOn: '2026-02-30' },
    ]) {
      assert.equal(schema.safeParse({ ...base, ...bad }).success, false, JSON.stringify(bad));
    }
    assert.ok(schema.safeParse({ ...base, expiresOn: '2027-02-25' }).success, 'exactly 90 days ahead');
    assert.equal(
      schema.safeParse({ doctorName: 'Dr. Lopez', documentIds: [] }).success,
      false,
      'something must be shared',
    );
    assert.equal(schema.safeParse({ ...base, doctorName: 'x'.repeat(121) }).success, false);
  });

  test('a chosen document must be one of the case’s', () => {
    assert.deepEqual(checkDocumentChoice(['a', 'b', 'a'], ['a', 'b', 'c']), ['a', 'b']);
    assert.equal(checkDocumentChoice(['a', 'zzz'], ['a', 'b']), null);
  });

  test('the browser is named plainly; the user agent kept short and printable', () => {
    assert.equal(
      describeBrowser('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36'),
      'Chrome on Windows',
    );
    assert.equal(
      describeBrowser('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15'),
      'Safari on Mac',
    );
    assert.equal(cleanUserAgent(`evil\u0000${'x'.repeat(400)}`)!.length, 300);
    assert.equal(cleanUserAgent(undefined), null);
  });
});

forEachDialect('share links, the person’s side', (dialect) => {
  let t: TestApp;
  let owner: BuiltUser;
  let stranger: BuiltUser;
  let caseId: string;
  let docA: string;
  let docB: string;
  let foreignDoc: string;

  before(async () => {
    t = await buildTestApp(dialect);
    owner = await buildUser(t, { displayName: 'Rosa Marquez' });
    stranger = await buildUser(t);
    caseId = await buildCase(t.deps, owner);
    docA = await buildDocument(t, owner, caseId, { title: 'Biopsy report' });
    docB = await buildDocument(t, owner, caseId, { title: 'Mammogram report' });
    const strangerCase = await buildCase(t.deps, stranger);
    foreignDoc = await buildDocument(t, stranger, strangerCase, { title: 'Stranger’s record' });
  });
  after(() => t.close());
  beforeEach(() => t.clock.set(NOW));

  const shareCount = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom('shares')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('the person makes a link on the page: shown once with the code and a printable note', async () => {
    const form = await owner.agent.get(`/cases/${caseId}/sharing/new`);
    assert.equal(form.statusCode, 200);
    assert.match(pageText(form.body), /Biopsy report/);
    const posted = await owner.agent.post(`/cases/${caseId}/sharing/new`, {
      doctorName: 'Dr. Maria Lopez',
      doctorPractice: 'Harbor Cancer Center',
      scope: 'packet',
      documentIds: [docA, docB],
      expiresInDays: '14',
      accessCode: '1',
    });
    // Post, redirect, get: the link waits for its one page in a sealed, short-lived cookie.
    assert.equal(posted.statusCode, 303);
    const made = posted.headers.location as string;
    assert.match(made, new RegExp(`^/cases/${caseId}/sharing/[^/]+/made$`));
    const sealed = (
      posted.cookies as {
        name: string;
        value: string;
        path?: string;
        httpOnly?: boolean;
        sameSite?: string;
        maxAge?: number;
      }[]
    ).find((c) => c.name === 'so_share_made');
    assert.ok(sealed, 'the cookie is set');
    assert.deepEqual([sealed.path, sealed.httpOnly, sealed.sameSite, sealed.maxAge], [made, true, 'Strict', 600]);
    assert.ok(!posted.body.includes('/s/'), 'the redirect itself holds no link');
    const res = await owner.agent.get(made);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    const url = /^(http:\/\/localhost:\d+\/s\/([A-Za-z0-9_-]{43}))$/.exec(
      fieldValue(res.body, 'url') ?? page(res.body).one('#share-url')?.getAttribute('value') ?? '',
    );
    assert.ok(url, 'the link is on the page');
    const token = url[2]!;
    const code = /data-access-code[^>]*>\s*([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(res.body);
    assert.ok(code, 'the access code is on the page');
    const text = pageText(res.body);
    assert.match(text, /only time we can show you this link/);
    assert.match(text, /For Dr\. Maria Lopez: how to open the records/);
    assert.match(text, /December 11, 2026/, 'the note says until when');

    const row = await t.deps.db
      .selectFrom('shares')
      .selectAll()
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [row.doctor_name, row.scope, row.expires_at, row.case_id],
      ['Dr. Maria Lopez', 'packet', '2026-12-11T15:00:00.000Z', caseId],
    );
    assert.ok(!JSON.stringify(row).includes(token));
    assert.ok(
      !sealed.value.includes(token) && !sealed.value.includes(code[1]!.replace('-', '')),
      'the cookie is sealed, not plain',
    );
    assert.equal(made, `/cases/${caseId}/sharing/${row.id}/made`);
    assert.ok(!JSON.stringify(row).includes(code[1]!.replace('-', '')));
    const docs = await t.deps.db
      .selectFrom('share_documents')
      .select('document_id')
      .where('share_id', '=', row.id)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      docs.map((d) => d.document_id),
      [docA, docB],
    );
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'share.create')
      .where('object_id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([audit.actor_type, audit.actor_id, audit.patient_id], ['user', owner.userId, owner.patientId]);

    // It cannot be shown again: the sharing page lists the link without it.
    const list = await owner.agent.get(`/cases/${caseId}/sharing`);
    assert.ok(!list.body.includes(token));
    assert.match(pageText(list.body), /Link for Dr\. Maria Lopez/);
    assert.match(pageText(list.body), /Working/);

    // And it works, with the code.
    const doctor = new Agent(t.app);
    assert.match(pageText((await doctor.get(`/s/${token}`)).body), /Type the access code/);
    await doctor.post(`/s/${token}/code`, { code: code[1]! });
    assert.match(pageText((await doctor.get(`/s/${token}`)).body), /Biopsy report/);
  });

  test('reloading the "link made" page makes nothing and shows the link no more', async () => {
    const make = async () => {
      await owner.agent.get(`/cases/${caseId}/sharing/new`);
      const posted = await owner.agent.post(`/cases/${caseId}/sharing/new`, {
        doctorName: 'Dr. Reload',
        documentIds: [docA],
        expiresInDays: '30',
        accessCode: '1',
      });
      assert.equal(posted.statusCode, 303);
      const cookie = (posted.cookies as { name: string; value: string }[]).find((c) => c.name === 'so_share_made')!;
      return { made: posted.headers.location as string, cookie: cookie.value };
    };
    const linkIn = (body: string) => /\/s\/[A-Za-z0-9_-]{43}/.test(body) || /data-access-code/.test(body);
    const before = await shareCount();
    const { made } = await make();
    assert.equal(await shareCount(), before + 1);
    assert.ok(linkIn((await owner.agent.get(made)).body), 'shown the first time');
    assert.ok(!owner.agent.hasCookie('so_share_made'), 'and the cookie is cleared');
    const again = await owner.agent.get(made);
    assert.equal(again.statusCode, 200);
    assert.ok(!linkIn(again.body));
    assert.match(
      pageText(again.body),
      /This link was shown once\. If you did not copy it, turn it off and make a new one\./,
    );
    assert.match(pageText(again.body), /Turn off the link for Dr\. Reload/);
    assert.equal(await shareCount(), before + 1, 'a reload makes no second link');

    // A damaged cookie, a late one, one made by another account, or one for another link: no link shown.
    const second = await make();
    owner.agent.setCookie('so_share_made', second.cookie.slice(0, -2) + (second.cookie.endsWith('AA') ? 'BB' : 'AA'));
    assert.ok(!linkIn((await owner.agent.get(second.made)).body), 'damaged');
    const third = await make();
    t.clock.advance(11 * 60 * 1000);
    assert.ok(!linkIn((await owner.agent.get(third.made)).body), 'after 10 minutes');
    t.clock.set(NOW);
    const fourth = await make();
    const helper = await buildUser(t);
    await addHelper(t.deps, owner.patientId, helper, owner.userId);
    helper.agent.setCookie('so_share_made', fourth.cookie);
    const asHelper = await helper.agent.get(fourth.made);
    assert.equal(asHelper.statusCode, 200);
    assert.ok(!linkIn(asHelper.body), 'another account');
    owner.agent.setCookie('so_share_made', fourth.cookie);
    assert.ok(!linkIn((await owner.agent.get(second.made)).body), 'another link');
    owner.agent.setCookie('so_share_made', fourth.cookie); // the test agent sends cookies to every path
    assert.ok(linkIn((await owner.agent.get(fourth.made)).body), 'the right link, by its maker, in time');

    // Someone without access to the case gets a 404, cookie or not.
    stranger.agent.setCookie('so_share_made', fourth.cookie);
    assert.equal((await stranger.agent.get(fourth.made)).statusCode, 404);
  });

  test('the form refuses bad input in plain words and makes nothing', async () => {
    const before = await shareCount();
    await owner.agent.get(`/cases/${caseId}/sharing/new`);
    for (const [what, body, message] of [
      ['no doctor', { doctorName: '', documentIds: [docA], expiresInDays: '30' }, /Enter the doctor’s name/],
      ['nothing chosen', { doctorName: 'Dr. X', expiresInDays: '30' }, /Tick at least one record/],
      ['too long', { doctorName: 'Dr. X', documentIds: [docA], expiresInDays: '120' }, /from 1 to 90/],
      [
        'another case’s record',
        { doctorName: 'Dr. X', documentIds: [docA, foreignDoc], expiresInDays: '30' },
        /not part of this case/,
      ],
      [
        'date too far',
        {
          doctorName: 'Dr. X',
          documentIds: [docA],
          expiresOn__year: '2027',
          expiresOn__month: '6',
          expiresOn__day: '1',
        },
        /at most 90 days/,
      ],
    ] as const) {
      const res = await owner.agent.post(`/cases/${caseId}/sharing/new`, body as Record<string, string | string[]>);
      assert.equal(res.statusCode, 400, what);
      assert.match(pageText(res.body), message, what);
    }
    assert.equal(await shareCount(), before);
  });

  test('the API: POST returns the link once, GET lists without it, DELETE revokes', async () => {
    const client = api(t.app, owner.apiToken);
    const made = await client.post(`/api/v1/cases/${caseId}/shares`, {
      doctorName: 'Dr. API',
      documentIds: [docA],
      scope: 'documents',
    });
    assert.equal(made.statusCode, 201);
    const body = JSON.parse(made.body);
    assert.match(body.url, /\/s\/[A-Za-z0-9_-]{43}$/);
    assert.equal(body.accessCode, null);
    assert.equal(body.share.state, 'active');
    assert.equal(body.share.expiresAt, '2026-12-27T15:00:00.000Z', '30 days by default');
    const token = body.url.split('/s/')[1];

    const list = await client.get(`/api/v1/cases/${caseId}/shares`);
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes(token));
    assert.ok(JSON.parse(list.body).shares.some((s: { id: string }) => s.id === body.share.id));

    for (const bad of [
      { doctorName: 'Dr. API', documentIds: [docA], expiresInDays: 91 },
      { doctorName: 'Dr. API', documentIds: [foreignDoc] },
      { doctorName: 'Dr. API', documentIds: ['../../etc/passwd'] },
      { doctorName: 'Dr. API', documentIds: [] },
    ]) {
      const before = await shareCount();
      const res = await client.post(`/api/v1/cases/${caseId}/shares`, bad);
      assert.equal(res.statusCode, 400, JSON.stringify(bad));
      assert.ok(JSON.parse(res.body).error.message);
      assert.equal(await shareCount(), before);
    }

    // A stranger cannot revoke it, nor see that it exists.
    assert.equal((await api(t.app, stranger.apiToken).delete(`/api/v1/shares/${body.share.id}`)).statusCode, 404);
    assert.equal((await new Agent(t.app).get(`/s/${token}`)).statusCode, 200);
    assert.equal((await client.delete(`/api/v1/shares/${body.share.id}`)).statusCode, 204);
    assert.equal((await new Agent(t.app).get(`/s/${token}`)).statusCode, 404);
    const after = JSON.parse((await client.get(`/api/v1/cases/${caseId}/shares`)).body);
    assert.equal(after.shares.find((s: { id: string }) => s.id === body.share.id).state, 'revoked');
  });

  test('revoke and unlock on the page; the access log shows every step', async () => {
    const s = await buildShare(t, owner, caseId, { documentIds: [docA], code: true, doctorName: 'Dr. Log' });
    const doctor = new Agent(t.app);
    await doctor.get(s.path);
    for (let i = 0; i < 5; i++) await doctor.post(`/s/${s.token}/code`, { code: 'NOPE' });
    assert.equal((await doctor.get(s.path)).statusCode, 404, 'locked');

    await owner.agent.get(`/cases/${caseId}/sharing`);
    const unlock = await owner.agent.post(`/cases/${caseId}/sharing/${s.shareId}/unlock`);
    assert.equal(unlock.statusCode, 303);
    const again = new Agent(t.app);
    await again.get(s.path);
    assert.equal((await again.post(`/s/${s.token}/code`, { code: s.code! })).statusCode, 303);
    await again.get(`/s/${s.token}/documents/${docA}/download`, {
      'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Version/17.0 Safari/605.1.15',
    });

    const page = await owner.agent.get(`/cases/${caseId}/sharing`);
    const text = pageText(page.body);
    for (const words of [
      /Typed a wrong code/,
      /Link locked/,
      /Typed the right code/,
      /Opened the link/,
      /Saved a record: Biopsy report/,
    ])
      assert.match(text, words);
    assert.match(text, /Safari on Mac/);

    await owner.agent.post(`/cases/${caseId}/sharing/${s.shareId}/revoke`);
    assert.equal((await again.get(s.path)).statusCode, 404);
    assert.match(pageText((await owner.agent.get(`/cases/${caseId}/sharing`)).body), /Turned off/);
    const acts = (
      await t.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('object_id', '=', s.shareId)
        .where('actor_type', '=', 'user')
        .execute()
    ).map((a) => a.action);
    assert.ok(acts.includes('share.unlock') && acts.includes('share.revoke'));
  });

  test('someone else’s link id on this case is a 404 and changes nothing', async () => {
    const strangerCase = await buildCase(t.deps, stranger);
    const theirs = await buildShare(t, stranger, strangerCase, { documentIds: [foreignDoc] });
    await owner.agent.get(`/cases/${caseId}/sharing`);
    assert.equal((await owner.agent.post(`/cases/${caseId}/sharing/${theirs.shareId}/revoke`)).statusCode, 404);
    assert.equal((await new Agent(t.app).get(theirs.path)).statusCode, 200);
  });

  test('the journey step: not started, then in progress, then done when a doctor’s opinion comes back', async () => {
    const fresh = await buildCase(t.deps, owner);
    const step = async () =>
      (
        JSON.parse((await api(t.app, owner.apiToken).get(`/api/v1/cases/${fresh}`)).body).steps as {
          slug: string;
          status: string;
        }[]
      ).find((s) => s.slug === 'sharing')!.status;
    assert.equal(await step(), 'not_started');
    const doc = await buildDocument(t, owner, fresh, { title: 'Note' });
    const s = await buildShare(t, owner, fresh, { documentIds: [doc] });
    assert.equal(await step(), 'in_progress');
    const d = new Agent(t.app);
    await d.get(`${s.path}/opinion`);
    assert.equal((await d.post(`${s.path}/opinion`, { doctorName: 'Dr. Back' })).statusCode, 303);
    assert.equal(await step(), 'done');
  });
});
