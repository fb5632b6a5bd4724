import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import { prettyLine } from '../../src/platform/logging.ts';
import { loggerOptions } from '../../src/server.ts';
import { buildCase, buildUser } from '../builders/index.ts';
import { apiUpload } from '../helpers/records.ts';
import { type S3TestServer, startS3Server } from '../helpers/s3-server.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

forEachDialect('health: live, ready (database, storage, added checks), draining', (dialect) => {
  let srv: S3TestServer;
  let t: TestApp;

  before(async () => {
    srv = await startS3Server();
    t = await buildTestApp(dialect, { env: srv.env('health') });
  });
  after(async () => {
    await t.close();
    await srv.close().catch(() => {});
  });

  test('live and ready answer 200 with each check named, not cached', async () => {
    const live = await t.app.inject({ method: 'GET', url: '/health/live' });
    assert.equal(live.statusCode, 200);
    assert.deepEqual(live.json(), { status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    assert.equal(ready.statusCode, 200, ready.body);
    assert.deepEqual(ready.json(), { status: 'ready', checks: { database: 'ok', storage: 'ok' } });
    assert.equal(ready.headers['cache-control'], 'no-store');
  });

  test('a failing added check (a queue, say) makes ready 503 and says which', async () => {
    let queueUp = false;
    t.deps.health.add({
      name: 'queue',
      check: async () => {
        if (!queueUp) throw Object.assign(new Error('secret detail'), { code: 'ECONNREFUSED' });
      },
    });
    const down = await t.app.inject({ method: 'GET', url: '/health/ready' });
    assert.equal(down.statusCode, 503);
    assert.deepEqual(down.json().checks, { database: 'ok', storage: 'ok', queue: 'failed: Error ECONNREFUSED' });
    assert.ok(!down.body.includes('secret detail'), 'error messages are not passed on');
    queueUp = true;
    assert.equal((await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200);
  });

  test('while shutting down, ready is 503 and live stays 200', async () => {
    t.deps.health.draining = true;
    try {
      const r = await t.app.inject({ method: 'GET', url: '/health/ready' });
      assert.equal(r.statusCode, 503);
      assert.equal(r.json().status, 'shutting down');
      assert.equal((await t.app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200);
    } finally {
      t.deps.health.draining = false;
    }
  });

  test('object storage gone: ready is 503 naming storage, live still 200; /metrics is off by default', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 404);
    await srv.close();
    const r = await t.app.inject({ method: 'GET', url: '/health/ready' });
    assert.equal(r.statusCode, 503);
    assert.equal(r.json().checks.database, 'ok');
    assert.match(r.json().checks.storage, /^failed: /);
    assert.equal((await t.app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200);
  });
});

forEachDialect('metrics: requests by route pattern and status, latency, upload bytes', (dialect) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(dialect, { env: { METRICS: 'true' } });
  });
  after(() => t.close());

  test('counts by route pattern (never the URL or an id), histogram, upload bytes', async () => {
    const owner = await buildUser(t);
    const caseId = await buildCase(t.deps, owner);
    const content = Buffer.from('Blood pressure log, morning and evening.\n'.repeat(300));
    const { results } = await apiUpload(t, owner, caseId, [{ filename: 'notes.txt', content }]);
    assert.equal(results[0]!.status, 'stored', JSON.stringify(results));
    await t.app.inject({ method: 'GET', url: `/cases/${caseId}?q=Zebra-marker` });
    await t.app.inject({ method: 'GET', url: '/no-such-page' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    const m = res.body;
    assert.match(
      m,
      /second_opinion_http_requests_total\{method="POST",route="\/api\/v1\/cases\/:caseId\/documents",status="201"\} 1/,
    );
    assert.match(m, /second_opinion_http_requests_total\{method="GET",route="\/cases\/:caseId",status="\d{3}"\} 1/);
    assert.match(m, /second_opinion_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
    assert.match(
      m,
      /second_opinion_http_request_duration_seconds_bucket\{le="0.1",method="POST",route="\/api\/v1\/cases/,
    );
    assert.match(m, new RegExp(`second_opinion_upload_bytes_total ${content.length}\n`));
    assert.match(m, /second_opinion_uploads_total\{result="stored"\} 1/);
    assert.match(m, /second_opinion_process_resident_memory_bytes \d+/);
    assert.ok(!m.includes(caseId), 'no id in any label');
    assert.ok(!m.includes('Zebra'), 'no query string');
    assert.ok(!m.includes('/health/'), 'health probes are not counted');
  });

  test('a gauge added by another part (a queue depth) is read at scrape time', async () => {
    let depth = 3;
    t.deps.metrics.gauge('second_opinion_jobs_waiting', 'Jobs waiting.', () => depth);
    assert.match((await t.app.inject({ method: 'GET', url: '/metrics' })).body, /second_opinion_jobs_waiting 3/);
    depth = 7;
    assert.match((await t.app.inject({ method: 'GET', url: '/metrics' })).body, /second_opinion_jobs_waiting 7/);
  });
});

test('logs: readable lines on a terminal, JSON otherwise', () => {
  const line = JSON.stringify({
    level: 30,
    time: Date.UTC(2026, 11, 7, 14, 3, 7, 412),
    pid: 1,
    hostname: 'h',
    reqId: 'x',
    msg: 'request',
    method: 'GET',
    route: '/cases/:caseId',
    status: 200,
    ms: 12,
  });
  assert.equal(prettyLine(line, false), '14:03:07.412 INFO  request method=GET route=/cases/:caseId status=200 ms=12');
  assert.match(prettyLine(line, true), /\x1b\[32mINFO \x1b\[0m request/);
  assert.equal(prettyLine('not json', false), 'not json');
  const err = JSON.stringify({
    level: 50,
    time: 0,
    msg: 'request failed',
    err: { type: 'Error', stack: 'Error: x\n    at f' },
  });
  assert.match(prettyLine(err, false), /ERROR request failed \n {4}Error: x\n {8}at f/);
  const tty = Object.assign(new PassThrough(), { isTTY: true });
  assert.ok('stream' in loggerOptions('info', tty as never), 'a terminal gets the readable stream');
  const pipe = Object.assign(new PassThrough(), { isTTY: false });
  assert.ok(!('stream' in loggerOptions('info', pipe as never)), 'a pipe or file gets JSON');
  assert.ok((loggerOptions('info', pipe as never).redact as string[]).includes('req.headers.cookie'));
});
