import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type BuiltUser, buildUser } from '../builders/index.ts';
import { Agent, api } from '../helpers/agent.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// Issue 17: an account request touches at most ONE transaction, opened by the route helper
// (account-route.ts or caseRoutes); password hashing happens before it. The test counts
// every transaction the app's database opens while each request runs.

forEachDialect('accounts: one transaction per request', (dialect) => {
  let t: TestApp;
  let me: BuiltUser;
  let count = 0;

  before(async () => {
    t = await buildTestApp(dialect);
    me = await buildUser(t);
    // transact() opens its transaction through one of these two, depending on the dialect.
    const db = t.deps.db as unknown as Record<'transaction' | 'connection', (...a: unknown[]) => unknown>;
    for (const name of ['transaction', 'connection'] as const) {
      const real = db[name]!.bind(db);
      db[name] = (...a: unknown[]) => {
        count++;
        return real(...a);
      };
    }
  });
  after(() => t.close());

  const transactionsOf = async (request: () => Promise<{ statusCode: number; body: string }>, status: number) => {
    count = 0;
    const res = await request();
    assert.equal(res.statusCode, status, res.body.slice(0, 300));
    return count;
  };

  test('signing up, in and out', async () => {
    const visitor = new Agent(t.app);
    await visitor.csrfToken();
    const fields = { displayName: 'Noor Haddad', email: 'noor@example.com', password: 'a long enough passphrase' };
    assert.equal(await transactionsOf(() => visitor.post('/sign-up', fields), 303), 1);
    await visitor.csrfToken();
    assert.equal(await transactionsOf(() => visitor.post('/sign-out'), 303), 1);
    await visitor.csrfToken();
    const signIn = { email: 'noor@example.com', password: 'a long enough passphrase' };
    assert.equal(await transactionsOf(() => visitor.post('/sign-in', signIn), 303), 1);
    const wrong = new Agent(t.app);
    await wrong.csrfToken();
    const bad = { email: 'noor@example.com', password: 'not the right one' };
    assert.equal(await transactionsOf(() => wrong.post('/sign-in', bad), 401), 1, 'a failure is recorded in one');
    assert.equal(await transactionsOf(() => wrong.post('/sign-in', { email: 'x' }), 400), 0, 'a form with mistakes');
  });

  test('settings: the page, the password, the time zone and tokens', async () => {
    await me.agent.csrfToken();
    assert.equal(await transactionsOf(() => me.agent.get('/settings'), 200), 1);
    const change = { currentPassword: me.password, newPassword: 'a brand new passphrase' };
    assert.equal(await transactionsOf(() => me.agent.post('/settings/password', change), 303), 1);
    me.password = change.newPassword;
    await me.agent.csrfToken();
    assert.equal(await transactionsOf(() => me.agent.post('/settings/time-zone', { timeZone: 'Asia/Tokyo' }), 303), 1);
    await me.agent.csrfToken();
    assert.equal(await transactionsOf(() => me.agent.post('/settings/tokens', { name: 'laptop' }), 201), 1);
  });

  test('the API: an account, a token, the token list', async () => {
    const body = { displayName: 'Api Person', email: 'api.one@example.com', password: 'api person passphrase' };
    assert.equal(await transactionsOf(() => api(t.app).post('/api/v1/accounts', body), 201), 1);
    let token = '';
    assert.equal(
      await transactionsOf(async () => {
        const res = await api(t.app).post('/api/v1/tokens', { email: body.email, password: body.password });
        token = res.json().token;
        return res;
      }, 201),
      1,
    );
    assert.equal(await transactionsOf(() => api(t.app, token).get('/api/v1/tokens'), 200), 1);
  });
});
