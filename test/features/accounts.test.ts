import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { main } from '../../src/cli.ts';
import { buildUser } from '../builders/index.ts';
import { Agent, api } from '../helpers/agent.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

forEachDialect('accounts', (dialect) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(dialect);
  });
  after(() => t.close());

  test('the home page says the doctor’s permission is not needed, and that some plans need a referral or approval first, with sources', async () => {
    const res = await new Agent(t.app).get('/');
    assert.equal(res.statusCode, 200);
    const text = res.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const noPermission = text.indexOf('You do not need your doctor’s permission to get a second opinion.');
    const planRules = text.indexOf('But some health plans need a referral or an approval before they pay for the visit.');
    assert.ok(noPermission > 0 && planRules > noPermission, 'the plan rule comes right after the permission one');
    assert.match(text, /HMO and POS plans, Medicare Advantage HMOs and many Medicaid plans often do/);
    assert.doesNotMatch(text, /anyone’s permission|ask anyone/);
    assert.match(res.body, /data-fact="reassure.planRules"[\s\S]*?href="https:\/\/www\.aarp\.org\/health\/conditions-treatments\/info-2019\/getting-second-medical-opinions\.html"/);
  });

  test('sign up creates the account, the person’s own patient profile and a session', async () => {
    const agent = new Agent(t.app);
    await agent.get('/sign-up');
    const res = await agent.post('/sign-up', { displayName: 'Ann Lee', email: ' Ann.Lee@Example.com ', password: 'a long enough passphrase' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/dashboard');
    const cookie = (res.cookies as { name: string; httpOnly?: boolean; sameSite?: string; secure?: boolean }[]).find((c) => c.name === 'so_session')!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.ok(!cookie.secure, 'plain-http installs must still work');
    const dash = await agent.get('/dashboard');
    assert.equal(dash.statusCode, 200);
    assert.match(dash.body, /Welcome! Your account is ready/);
    const user = await t.deps.db.selectFrom('users').selectAll().where('email', '=', 'ann.lee@example.com').executeTakeFirstOrThrow();
    assert.match(user.password_hash, /^\$argon2id\$/);
    const self = await t.deps.db.selectFrom('patients').selectAll().where('self_user_id', '=', user.id).executeTakeFirstOrThrow();
    const membership = await t.deps.db.selectFrom('memberships').selectAll().where('patient_id', '=', self.id).executeTakeFirstOrThrow();
    assert.equal(membership.role, 'owner');
    assert.equal(membership.user_id, user.id);
  });

  test('sign-up mistakes come back in plain words with what was typed kept, and save nothing', async () => {
    const agent = new Agent(t.app);
    const res = await agent.post('/sign-up', { displayName: 'Bo', email: 'not-an-email', password: 'short' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Enter an email address like name@example.com/);
    assert.match(res.body, /at least 12 characters/);
    assert.match(res.body, /href="#email"/);
    assert.match(res.body, /value="not-an-email"/);
    assert.doesNotMatch(res.body, /value="short"/, 'passwords are never echoed back');
    const n = await t.deps.db.selectFrom('users').select((e) => e.fn.countAll<number>().as('n')).where('email', '=', 'not-an-email').executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 0);
    const common = await agent.post('/sign-up', { displayName: 'Bo', email: 'bo@example.com', password: 'password1234' });
    assert.match(common.body, /too easy to guess/);
  });

  test('signing up twice with one email gives a helpful message, not a crash', async () => {
    const u = await buildUser(t);
    const res = await new Agent(t.app).post('/sign-up', { displayName: 'X', email: u.email, password: 'another long passphrase' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /If you already have one, sign in/);
    const apiRes = await api(t.app).post('/api/v1/accounts', { displayName: 'X', email: u.email, password: 'another long passphrase' });
    assert.equal(apiRes.statusCode, 409);
  });

  test('sign in: a wrong password and an unknown email get the same answer', async () => {
    const u = await buildUser(t);
    const wrong = await new Agent(t.app).post('/sign-in', { email: u.email, password: 'not the password at all' });
    const unknown = await new Agent(t.app).post('/sign-in', { email: 'nobody-here@example.com', password: 'not the password at all' });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    const msg = (b: string) => /<div class="usa-alert__text"><p>([^<]+)<\/p>/.exec(b)?.[1];
    assert.equal(msg(wrong.body), msg(unknown.body));
    const ok = await new Agent(t.app).post('/sign-in', { email: u.email, password: u.password, next: '/patients' });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/patients');
    const offsite = await new Agent(t.app).post('/sign-in', { email: u.email, password: u.password, next: 'https://evil.example/' });
    assert.equal(offsite.headers.location, '/dashboard');
  });

  test('sign in is paused after 5 failures for an account, even with the right password', async () => {
    const u = await buildUser(t);
    for (let i = 0; i < 5; i++) {
      assert.equal((await new Agent(t.app).post('/sign-in', { email: u.email, password: `wrong guess number ${i}` })).statusCode, 401);
    }
    const locked = await new Agent(t.app).post('/sign-in', { email: u.email, password: u.password });
    assert.equal(locked.statusCode, 429);
    assert.match(locked.body, /wait 15 minutes/);
    const apiLocked = await api(t.app).post('/api/v1/tokens', { email: u.email, password: u.password });
    assert.equal(apiLocked.statusCode, 429);
    t.clock.advance(16 * 60_000);
    assert.equal((await new Agent(t.app).post('/sign-in', { email: u.email, password: u.password })).statusCode, 303);
  });

  test('sign in is paused for an address that tries many accounts', async () => {
    const limit = t.config.signInLimits.perIp;
    const sprayer = api(t.app, undefined, { remoteAddress: '203.0.113.9' });
    for (let i = 0; i < limit; i++) await sprayer.post('/api/v1/tokens', { email: `spray-${i}@example.com`, password: 'guessing a password' });
    const u = await buildUser(t);
    const res = await sprayer.post('/api/v1/tokens', { email: u.email, password: u.password });
    assert.equal(res.statusCode, 429);
    // Someone else, from another address, is not affected.
    assert.equal((await api(t.app, undefined, { remoteAddress: '198.51.100.7' }).post('/api/v1/tokens', { email: u.email, password: u.password })).statusCode, 201);
    t.clock.advance(16 * 60_000);
  });

  test('sign out ends the session on the server', async () => {
    const u = await buildUser(t);
    assert.equal((await u.agent.get('/dashboard')).statusCode, 200);
    const out = await u.agent.post('/sign-out');
    assert.equal(out.statusCode, 303);
    const replay = new Agent(t.app);
    replay.setCookie('so_session', u.sessionToken);
    const res = await replay.get('/dashboard');
    assert.equal(res.statusCode, 303, 'the old cookie no longer works');
  });

  test('changing the password needs the current one and signs out other devices', async () => {
    const u = await buildUser(t);
    const other = new Agent(t.app);
    await other.post('/sign-in', { email: u.email, password: u.password });
    assert.equal((await other.get('/settings')).statusCode, 200);
    const bad = await u.agent.post('/settings/password', { currentPassword: 'not my password', newPassword: 'a brand new passphrase' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /current password is not right/);
    const ok = await u.agent.post('/settings/password', { currentPassword: u.password, newPassword: 'a brand new passphrase' });
    assert.equal(ok.statusCode, 303);
    assert.equal((await u.agent.get('/settings')).statusCode, 200, 'this device stays signed in');
    assert.equal((await other.get('/settings')).statusCode, 303, 'the other device is signed out');
    assert.equal((await new Agent(t.app).post('/sign-in', { email: u.email, password: 'a brand new passphrase' })).statusCode, 303);
  });

  test('forgotten password without mail: the CLI prints a one-time link valid for an hour', async () => {
    const u = await buildUser(t);
    const out: string[] = [];
    const env = { ...process.env };
    Object.assign(process.env, { DATA_DIR: t.dataDir, BASE_URL: 'http://localhost:3000', LOG_LEVEL: 'silent' });
    if (t.config.database.kind === 'sqlite') process.env.DATABASE_URL = `sqlite:${t.config.database.file}`;
    let link: string | undefined;
    try {
      if (t.config.database.kind === 'sqlite') {
        const code = await main(['reset-password', u.email], (s) => out.push(s), (s) => out.push(s));
        assert.equal(code, 0, out.join('\n'));
        link = /http:\/\/localhost:3000(\/reset-password\/\S+)/.exec(out.join('\n'))?.[1];
        const missing = await main(['reset-password', 'nobody@example.com'], () => {}, (s) => out.push(s));
        assert.equal(missing, 1);
      }
    } finally {
      process.env = env;
    }
    if (!link) {
      // PostgreSQL runs use a private schema the CLI cannot name; make the link the same way it does.
      const { issueResetLink } = await import('../../src/features/accounts/accounts-routes.ts');
      link = new URL(await issueResetLink(t.deps, u.userId)).pathname;
    }
    const agent = new Agent(t.app);
    assert.equal((await agent.get(link)).statusCode, 200);
    const weak = await agent.post(link, { newPassword: 'short' });
    assert.equal(weak.statusCode, 400);
    const ok = await agent.post(link, { newPassword: 'my fresh new passphrase' });
    assert.equal(ok.statusCode, 303);
    assert.equal((await agent.get(link)).statusCode, 404, 'a link works once');
    assert.equal((await new Agent(t.app).post('/sign-in', { email: u.email, password: 'my fresh new passphrase' })).statusCode, 303);
    // Links expire after an hour.
    const { issueResetLink } = await import('../../src/features/accounts/accounts-routes.ts');
    const late = new URL(await issueResetLink(t.deps, u.userId)).pathname;
    t.clock.advance(61 * 60_000);
    assert.equal((await agent.get(late)).statusCode, 404);
  });

  test('with mail set up, the forgot-password form emails the link and says the same for unknown emails', async () => {
    const u = await buildUser(t);
    const before = t.mailer.sent.length;
    const a = await new Agent(t.app).post('/forgot-password', { email: u.email });
    const b = await new Agent(t.app).post('/forgot-password', { email: 'nobody@example.com' });
    assert.equal(a.statusCode, 200);
    assert.equal(b.statusCode, 200);
    assert.match(a.body, /If there is an account with that email/);
    assert.match(b.body, /If there is an account with that email/);
    assert.equal(t.mailer.sent.length, before + 1);
    assert.equal(t.mailer.sent.at(-1)!.to, u.email);
    assert.match(t.mailer.sent.at(-1)!.text, /\/reset-password\//);
  });

  test('API: create an account, get a token, use it, list and revoke tokens', async () => {
    const created = await api(t.app).post('/api/v1/accounts', { displayName: 'Api Person', email: 'api.person@example.com', password: 'api person passphrase' });
    assert.equal(created.statusCode, 201);
    assert.ok(created.json().patientId);
    const bad = await api(t.app).post('/api/v1/accounts', { email: 'x' });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fields.displayName);
    assert.ok(bad.json().error.fields.password);

    const tok = await api(t.app).post('/api/v1/tokens', { email: 'api.person@example.com', password: 'api person passphrase', name: 'laptop' });
    assert.equal(tok.statusCode, 201);
    const { token, id } = tok.json() as { token: string; id: string };
    assert.match(token, /^so_/);
    const stored = await t.deps.db.selectFrom('api_tokens').select('token_hash').where('id', '=', id).executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token, 'only a hash is stored');

    const list = await api(t.app, token).get('/api/v1/tokens');
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().tokens[0].name, 'laptop');
    assert.equal((await api(t.app, token).get('/api/v1/patients')).statusCode, 200);
    // Cookies never authenticate the API, and tokens never authenticate pages.
    assert.equal((await api(t.app).get('/api/v1/patients')).statusCode, 401);
    const page = await t.app.inject({ method: 'GET', url: '/dashboard', headers: { authorization: `Bearer ${token}` } });
    assert.equal(page.statusCode, 303);

    assert.equal((await api(t.app, token).delete(`/api/v1/tokens/${id}`)).statusCode, 204);
    assert.equal((await api(t.app, token).get('/api/v1/patients')).statusCode, 401);
    const wrong = await api(t.app).post('/api/v1/tokens', { email: 'api.person@example.com', password: 'wrong wrong wrong' });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().error.message, 'The email or password is not right. Check them and try again.');
  });

  test('settings: create a token (shown once) and revoke it', async () => {
    const u = await buildUser(t);
    const res = await u.agent.post('/settings/tokens', { name: 'backup script' });
    assert.equal(res.statusCode, 201);
    const token = /<code class="so-token">(so_[^<]+)<\/code>/.exec(res.body)![1]!;
    assert.equal((await api(t.app, token).get('/api/v1/patients')).statusCode, 200);
    const page = await u.agent.get('/settings');
    assert.doesNotMatch(page.body, new RegExp(token), 'the token is never shown again');
    const form = page.body.split('<form').find((f) => f.includes('Stop token backup script'))!;
    const tokenId = /\/settings\/tokens\/([^/]+)\/revoke/.exec(form)![1]!;
    assert.equal((await u.agent.post(`/settings/tokens/${tokenId}/revoke`)).statusCode, 303);
    assert.equal((await api(t.app, token).get('/api/v1/patients')).statusCode, 401);
    const empty = await u.agent.post('/settings/tokens', { name: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Give the token a name/);
  });
  test('a person can set their own time zone; "today" then turns over at their midnight', async () => {
    const u = await buildUser(t);
    // The test clock says 2026-11-27 15:00 UTC: already the 28th in New Zealand.
    const before = await u.agent.get('/settings');
    assert.match(before.body, /Today is November 27, 2026 for you\./);
    assert.match(before.body, /<option value="Pacific\/Auckland">Pacific\/Auckland<\/option>/);
    const bad = await u.agent.post('/settings/time-zone', { timeZone: 'Mars/Olympus_Mons' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Choose a time zone from the list\./);
    const stored = () =>
      t.deps.db.selectFrom('users').select('time_zone').where('id', '=', u.userId).executeTakeFirst();
    assert.equal((await stored())?.time_zone, null, 'a refused zone changes nothing');
    const saved = await u.agent.post('/settings/time-zone', { timeZone: 'Pacific/Auckland' });
    assert.equal(saved.statusCode, 303);
    assert.equal((await stored())?.time_zone, 'Pacific/Auckland');
    const after = await u.agent.get('/settings');
    assert.match(after.body, /Your time zone is saved\./);
    assert.match(after.body, /Today is November 28, 2026 for you\./);
    assert.match(after.body, /<option value="Pacific\/Auckland" selected[^>]*>/);
    // Back to the server's.
    assert.equal((await u.agent.post('/settings/time-zone', { timeZone: '' })).statusCode, 303);
    assert.equal((await stored())?.time_zone, null);
    const visitor = await new Agent(t.app).post('/settings/time-zone', { timeZone: 'UTC' });
    assert.equal(visitor.statusCode, 303, 'a visitor is sent to sign in');
    assert.match(String(visitor.headers.location), /^\/sign-in/);
  });

  test('API: read the account and change its time zone; an unknown zone is a 400 and changes nothing', async () => {
    const u = await buildUser(t);
    const token = (await api(t.app).post('/api/v1/tokens', { email: u.email, password: u.password })).json().token;
    const me = api(t.app, token);
    const first = await me.get('/api/v1/account');
    assert.equal(first.statusCode, 200);
    const expected = { id: u.userId, email: u.email, displayName: u.displayName, timeZone: null, today: '2026-11-27' };
    assert.deepEqual(first.json(), expected);
    const bad = await me.patch('/api/v1/account', { timeZone: 'Mars/Olympus_Mons' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields.timeZone, 'Choose a time zone from the list.');
    const changed = await me.patch('/api/v1/account', { timeZone: 'Pacific/Auckland' });
    assert.equal(changed.statusCode, 200);
    assert.equal(changed.json().timeZone, 'Pacific/Auckland');
    assert.equal(changed.json().today, '2026-11-28');
    assert.equal((await me.patch('/api/v1/account', { timeZone: null })).json().timeZone, null);
    assert.equal((await api(t.app).get('/api/v1/account')).statusCode, 401);
  });

  test('someone else’s token cannot be revoked (page or API): 404, and it keeps working', async () => {
    const owner = await buildUser(t);
    const stranger = await buildUser(t);
    const signIn = (u: { email: string; password: string }) =>
      api(t.app).post('/api/v1/tokens', { email: u.email, password: u.password, name: 'mine' });
    const made = await signIn(owner);
    const { token, id } = made.json() as { token: string; id: string };
    assert.equal((await stranger.agent.post(`/settings/tokens/${id}/revoke`)).statusCode, 404);
    const strangerToken = (await signIn(stranger)).json().token;
    assert.equal((await api(t.app, strangerToken).delete(`/api/v1/tokens/${id}`)).statusCode, 404);
    assert.equal((await api(t.app).delete(`/api/v1/tokens/${id}`)).statusCode, 401);
    assert.equal((await api(t.app, token).get('/api/v1/patients')).statusCode, 200);
    const row = await t.deps.db.selectFrom('api_tokens').select('revoked_at').where('id', '=', id).executeTakeFirst();
    assert.ok(row);
    assert.equal(row.revoked_at, null);
  });

  test('a wrong password through the API is counted even though the answer is an error', async () => {
    const u = await buildUser(t);
    const count = async () =>
      Number(
        (await t.deps.db.selectFrom('sign_in_failures').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirst())?.n,
      );
    const before = await count();
    const caller = api(t.app, undefined, { remoteAddress: '192.0.2.44' });
    const res = await caller.post('/api/v1/tokens', { email: u.email, password: 'not it at all' });
    assert.equal(res.statusCode, 401);
    assert.equal(await count(), before + 1);
  });
});

test('session cookies are Secure when BASE_URL is https', async () => {
  const t = await buildTestApp('sqlite', { env: { BASE_URL: 'https://so.example.org' } });
  try {
    const u = await buildUser(t);
    const res = await new Agent(t.app).post('/sign-in', { email: u.email, password: u.password });
    const cookie = (res.cookies as { name: string; secure?: boolean }[]).find((c) => c.name === 'so_session')!;
    assert.equal(cookie.secure, true);
    assert.match(String(res.headers['strict-transport-security']), /max-age/);
  } finally {
    await t.close();
  }
});
