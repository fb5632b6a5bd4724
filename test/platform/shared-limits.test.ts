import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { App } from '../../src/platform/http/app.ts';
import { memoryMailer } from '../../src/platform/mail.ts';
import { createServer } from '../../src/server.ts';
import { buildCase, buildUser } from '../builders/index.ts';
import { buildShare } from '../builders/sharing.ts';
import { Agent, api } from '../helpers/agent.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// Issue 14 item 3, ADR 0018: limits hold across app processes. Two app instances are
// opened on the same database (as two processes behind a load balancer would be) and a
// caller alternates between them: the count is one count.

forEachDialect('limits shared by app processes', (dialect) => {
  let t: TestApp;
  let second: App;

  before(async () => {
    t = await buildTestApp(dialect);
    // The same configuration, so the same database and storage, the same clock.
    second = (await createServer(t.config, { clock: t.clock, mailer: memoryMailer() })).app;
  });
  after(async () => {
    await second.close();
    await t.close();
  });

  test('a rate limit counts requests to either instance together, and frees up when its window ends', async () => {
    // POST /api/v1/tokens allows 30 a minute from one address. An empty body is refused
    // (400) by the schema, after the limit has counted it, so no password is hashed.
    const from = { remoteAddress: '203.0.113.50' };
    const callers = [api(t.app, undefined, from), api(second, undefined, from)];
    const remaining: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await callers[i % 2]!.post('/api/v1/tokens', {});
      assert.equal(res.statusCode, 400, `request ${i + 1} is within the limit`);
      remaining.push(Number(res.headers['x-ratelimit-remaining']));
    }
    assert.deepEqual(remaining.slice(0, 4), [29, 28, 27, 26], 'each instance sees the other’s requests');
    for (const caller of callers) {
      const res = await caller.post('/api/v1/tokens', {});
      assert.equal(res.statusCode, 429);
      assert.match(res.json().error.message, /too many|try again/i);
    }
    // Another address and another route have counts of their own.
    const other = await api(second, undefined, { remoteAddress: '198.51.100.60' }).post('/api/v1/tokens', {});
    assert.equal(other.statusCode, 400);
    assert.equal((await callers[0]!.post('/api/v1/accounts', {})).statusCode, 400);
    t.clock.advance(61_000);
    assert.equal((await callers[1]!.post('/api/v1/tokens', {})).statusCode, 400, 'a new window starts');
    // The table holds hashes, never the address.
    const rows = await t.deps.db.selectFrom('rate_limits').selectAll().execute();
    assert.ok(rows.length >= 3);
    assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.bucket) && !r.bucket.includes('203.0.113.50')));
  });

  test('wrong access codes on a share link count together across instances, and lock it', async () => {
    const owner = await buildUser(t);
    const caseId = await buildCase(t.deps, owner);
    const s = await buildShare(t, owner, caseId, { documentIds: [], code: true });
    const doctors = [new Agent(t.app), new Agent(second)];
    for (const d of doctors) await d.get(s.path);
    for (let i = 0; i < 4; i++) {
      const res = await doctors[i % 2]!.post(`${s.path}/code`, { code: `BAD${i}CODE` });
      assert.equal(res.statusCode, 400, `wrong code ${i + 1}`);
    }
    const fifth = await doctors[0]!.post(`${s.path}/code`, { code: 'BAD5CODE' });
    assert.equal(fifth.statusCode, 404, 'the fifth wrong code, wherever it lands, locks the link');
    assert.equal((await doctors[1]!.post(`${s.path}/code`, { code: s.code! })).statusCode, 404);
  });

  test('sign-in failures count together across instances', async () => {
    const u = await buildUser(t);
    const signIns = [new Agent(t.app), new Agent(second)];
    for (let i = 0; i < 5; i++) {
      const res = await signIns[i % 2]!.post('/sign-in', { email: u.email, password: `wrong guess ${i}` });
      assert.equal(res.statusCode, 401);
    }
    for (const a of signIns)
      assert.equal((await a.post('/sign-in', { email: u.email, password: u.password })).statusCode, 429);
    t.clock.advance(16 * 60_000);
  });
});
