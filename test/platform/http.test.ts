import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { Agent, api } from '../helpers/agent.ts';
import { page as html } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

forEachDialect('the web platform', (dialect) => {
  let t: TestApp;
  let user: BuiltUser;
  const logLines: string[] = [];

  before(async () => {
    const sink = new Writable({
      write(chunk, _enc, cb) {
        logLines.push(String(chunk));
        cb();
      },
    });
    t = await buildTestApp(dialect, { logger: { level: 'info', stream: sink } });
    user = await buildUser(t);
  });
  after(() => t.close());

  test('GET /healthz checks the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok', database: dialect });
  });

  test('pages carry a strict content security policy and no inline script', async () => {
    const res = await new Agent(t.app).get('/');
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    // Every <script> has a src: nothing inline that the policy would block.
    const scripts = [...res.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length >= 2);
    for (const [, attrs, body] of scripts) {
      assert.match(attrs!, /src="/);
      assert.equal(body!.trim(), '');
    }
  });

  test('unknown pages get the plain 404 page; unknown API paths get JSON', async () => {
    // Signed out, an unknown address answers like any other page: sign in first (issue 18 item 4).
    const visitor = await new Agent(t.app).get('/nothing-here');
    assert.equal(visitor.statusCode, 303);
    assert.equal(visitor.headers.location, '/sign-in?next=%2Fnothing-here');
    const page = await user.agent.get('/nothing-here');
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /Page not found/);
    assert.match(page.body, /usa-skipnav/);
    const json = await api(t.app).get('/api/v1/nothing-here');
    assert.equal(json.statusCode, 404);
    assert.deepEqual(json.json(), { error: { code: 'not_found', message: 'We could not find that page.' } });
  });

  test('a form posted without its CSRF token is refused with a page that explains how to retry, and changes nothing', async () => {
    const before = await t.deps.db
      .selectFrom('cases')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await user.agent.post(
      '/cases/new',
      { patientId: user.patientId, diagnosisStatus: 'no_diagnosis', symptoms: 'x', urgency: 'no_rush' },
      { csrf: false },
    );
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Please try that again/);
    assert.match(res.body, /Reload the page/);
    const wrong = await user.agent.post('/cases/new', { patientId: user.patientId }, { csrf: 'forged-token' });
    assert.equal(wrong.statusCode, 403);
    const afterCount = await t.deps.db
      .selectFrom('cases')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
  });

  test('a CSRF token from one visitor does not work for another', async () => {
    const other = await buildUser(t);
    const token = await other.agent.csrfToken();
    const res = await user.agent.post('/cases/new', { patientId: user.patientId }, { csrf: token });
    assert.equal(res.statusCode, 403);
  });

  test('oversized bodies get 413 with a clear message', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    const res = await api(t.app, user.apiToken).post('/api/v1/cases', { patientId: user.patientId, symptoms: big });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, 'too_large');
    assert.match(res.json().error.message, /too large/);
  });

  test('broken JSON gets a 400 in the error shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: '{"patientId": ',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.apiToken}` },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(typeof res.json().error.message, 'string');
  });

  test('the OpenAPI document describes the API from the same schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> };
    assert.match(doc.openapi, /^3\./);
    for (const p of [
      '/api/v1/accounts',
      '/api/v1/tokens',
      '/api/v1/patients',
      '/api/v1/cases',
      '/api/v1/cases/{caseId}',
      '/api/v1/audit',
    ]) {
      assert.ok(doc.paths[p], `missing ${p}`);
    }
    assert.ok(doc.paths['/api/v1/cases']!.post!.requestBody, 'POST /cases documents its body');
    assert.ok(!Object.keys(doc.paths).some((p) => !p.startsWith('/api/v1')), 'pages are not in the API document');
  });

  test('assets are served compressed, versioned and cached', async () => {
    const page = await new Agent(t.app).get('/');
    const cssUrl = html(page.body)
      .all('link[rel="stylesheet"]')
      .map((l) => l.getAttribute('href') ?? '')
      .find((h) => h.startsWith('/assets/uswds/css/uswds.min.css?v='))!;
    const res = await t.app.inject({ method: 'GET', url: cssUrl, headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-encoding'], 'br');
    assert.match(String(res.headers['cache-control']), /immutable/);
    const font = await t.app.inject({
      method: 'GET',
      url: '/assets/uswds/fonts/source-sans-pro/sourcesanspro-regular-webfont.woff2',
    });
    assert.equal(font.statusCode, 200);
    const escaping = await t.app.inject({ method: 'GET', url: '/assets/uswds/../../package.json' });
    assert.equal(escaping.statusCode, 404);
  });

  test('the text size choice is kept in a cookie and applied to every page', async () => {
    const agent = new Agent(t.app);
    await agent.get('/');
    const res = await agent.post('/settings/text-size', { size: 'xlarge', returnTo: '/sign-in' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/sign-in');
    const page = await agent.get('/sign-in');
    assert.equal(html(page.body).doc.documentElement.getAttribute('class'), 'so-text-xlarge');
    assert.equal(html(page.body).doc.documentElement.getAttribute('lang'), 'en');
    const evil = await agent.post('/settings/text-size', { size: 'large', returnTo: '//evil.example' });
    assert.equal(evil.headers.location, '/');
  });

  test('request logs hold the route pattern, never ids in URLs, query text or bodies', async () => {
    const caseId = await buildCase(t.deps, user, { diagnosis: 'Secret-diagnosis-words' });
    await user.agent.get(`/cases/${caseId}?q=breast+cancer+left`);
    await user.agent.post(`/cases/${caseId}/edit`, {
      diagnosisStatus: 'diagnosed',
      diagnosis: 'Another-secret-diagnosis',
      urgency: 'no_rush',
    });
    await api(t.app).post('/api/v1/tokens', { email: user.email, password: 'wrong password here' });
    const all = logLines.join('');
    assert.match(all, /"route":"\/cases\/:caseId"/);
    for (const secret of [
      caseId,
      'breast',
      'Secret-diagnosis',
      'Another-secret',
      user.email,
      user.sessionToken,
      'wrong password',
    ]) {
      assert.ok(!all.includes(secret), `log contains ${secret}`);
    }
  });
});

test('when the database is gone: a plain 500 page with no details, JSON for the API, 503 from /healthz', async () => {
  const t = await buildTestApp('sqlite');
  try {
    const user = await buildUser(t);
    await t.deps.db.destroy();
    const page = await user.agent.get('/dashboard');
    assert.equal(page.statusCode, 500);
    assert.match(page.body, /Something went wrong/);
    assert.doesNotMatch(page.body, /sqlite|kysely|at .*\.ts/i, 'no internals in the page');
    assert.ok(page.headers['x-request-id']);
    const json = await api(t.app, user.apiToken).get('/api/v1/cases');
    assert.equal(json.statusCode, 500);
    assert.deepEqual(json.json(), {
      error: { code: 'server_error', message: 'Something went wrong on our side. Nothing you did caused it.' },
    });
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(health.statusCode, 503);
  } finally {
    await t.app.close().catch(() => {});
    fs.rmSync(t.dataDir, { recursive: true, force: true });
  }
});
