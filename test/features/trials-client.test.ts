import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { summarizeSearch } from '../../src/features/trials/trials.ts';
import { searchStudies, searchUrl, TrialsUnavailable } from '../../src/features/trials/trials-client.ts';
import { type FakeCtGov, startFakeCtGov } from './trials-fake-server.ts';

// The client against a local fake ClinicalTrials.gov: a good answer, a server error, a
// stall, a garbled answer and no server at all each end in a result or one plain error.

describe('trials client', () => {
  let fake: FakeCtGov;
  before(async () => {
    fake = await startFakeCtGov();
  });
  after(() => fake.close());

  const opts = () => ({ baseUrl: fake.url, timeoutMs: 2_000 });
  const q = (condition: string) => ({ condition, near: { lat: 41.92, lon: -87.65 }, radiusMiles: 50, pageSize: 20 });

  const failsWith = async (p: Promise<unknown>, reason: TrialsUnavailable['reason'], key: string) => {
    await assert.rejects(p, (e: unknown) => {
      assert.ok(e instanceof TrialsUnavailable, String(e));
      assert.equal(e.reason, reason);
      assert.equal(e.messageKey, key);
      return true;
    });
  };

  test('asks for recruiting studies for the condition near a point, and reads the page', async () => {
    const body = await searchStudies(opts(), q('melanoma'));
    assert.equal(summarizeSearch(body).total, 480);
    const sent = fake.requests.at(-1)!;
    assert.equal(sent.pathname, '/api/v2/studies');
    assert.equal(sent.searchParams.get('query.cond'), 'melanoma');
    assert.equal(sent.searchParams.get('filter.overallStatus'), 'RECRUITING,NOT_YET_RECRUITING');
    assert.equal(sent.searchParams.get('filter.geo'), 'distance(41.9200,-87.6500,50mi)');
    assert.equal(sent.searchParams.get('pageSize'), '20');
    assert.match(sent.searchParams.get('fields')!, /ContactsLocationsModule/);
  });

  test('without a point, no distance filter is sent', () => {
    const url = new URL(searchUrl('https://clinicaltrials.gov/api/v2/', { ...q('breast cancer'), near: null }));
    assert.equal(url.origin + url.pathname, 'https://clinicaltrials.gov/api/v2/studies');
    assert.equal(url.searchParams.get('filter.geo'), null);
    assert.equal(url.searchParams.get('query.cond'), 'breast cancer');
  });

  test('a server error is "could not reach"', () =>
    failsWith(searchStudies(opts(), q('broken')), 'status', 'trials.errors.unreachable'));

  test('a garbled answer is "could not read"', () =>
    failsWith(searchStudies(opts(), q('garbled')), 'malformed', 'trials.errors.badAnswer'));

  test('an answer that is JSON but not a search page is "could not read"', async () => {
    const server = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"error":"nope"}'),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      await failsWith(
        searchStudies({ baseUrl: `http://127.0.0.1:${port}/api/v2`, timeoutMs: 2_000 }, q('x')),
        'malformed',
        'trials.errors.badAnswer',
      );
    } finally {
      server.close();
    }
  });

  test('a server that never answers is stopped by the timeout', async () => {
    const started = Date.now();
    await failsWith(
      searchStudies({ baseUrl: fake.url, timeoutMs: 300 }, q('slow')),
      'timeout',
      'trials.errors.unreachable',
    );
    assert.ok(Date.now() - started < 2_000, 'gave up soon after the timeout');
  });

  test('no server at all is "could not reach"', async () => {
    // A port that was just free: nothing listens there.
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    await failsWith(
      searchStudies({ baseUrl: `http://127.0.0.1:${port}/api/v2`, timeoutMs: 2_000 }, q('x')),
      'unreachable',
      'trials.errors.unreachable',
    );
  });
});
