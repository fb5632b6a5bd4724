import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { transact, transactionsOpened } from '../../src/platform/deps.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// One request, one transaction (ADR 0014). Under test a second transaction in the same
// request throws, so every route test in the suite also proves its route opens only one.

const fakeRequest = () =>
  ({
    method: 'POST',
    url: '/cases/x/thing',
    routeOptions: { url: '/cases/:caseId/thing' },
    actor: { kind: 'anonymous' },
    ip: '127.0.0.1',
    log: { warn: () => {} },
  }) as unknown as FastifyRequest;

forEachDialect('one transaction per request', (dialect) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(dialect);
  });
  after(() => t?.close());

  test('the first transaction runs; a second one in the same request is refused before it starts', async () => {
    const req = fakeRequest();
    assert.equal(transactionsOpened(req), 0);
    assert.equal(await transact(t.deps, req, async () => 'first'), 'first');
    assert.equal(transactionsOpened(req), 1);
    let ran = false;
    assert.throws(
      () =>
        transact(t.deps, req, async () => {
          ran = true;
        }),
      /POST \/cases\/:caseId\/thing opened a second transaction in one request/,
    );
    assert.equal(ran, false, 'the second transaction never ran');
  });

  test('another request has its own count', async () => {
    await transact(t.deps, fakeRequest(), async () => null);
    await transact(t.deps, fakeRequest(), async () => null);
  });
});
