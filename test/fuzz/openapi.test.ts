import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type { BuiltUser } from '../builders/index.ts';
import { forEachDialect, type TestApp } from '../helpers/test-app.ts';
import { type FuzzRequest, type KnownIds, type Operation, operationsOf, requestsFor } from './openapi-requests.ts';
import { buildFuzzWorld, type FuzzWorld } from './world.ts';

// Issue 13 item 2 (ADR 0013): every operation in the app's OpenAPI document, fed ordinary
// and hostile requests by a real user on a real case, never answers 5xx, and every refusal
// has the documented error shape. `npm test` runs a fixed seed and a small count per
// operation; `npm run fuzz` runs more (FUZZ_RUNS) and can take another seed (FUZZ_SEED).

const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const SEED = Number(process.env.FUZZ_SEED ?? 20261208);

// Writes that remove things run last, so the others find their rows.
const order = (op: Operation) => (op.method === 'DELETE' ? 1 : 0);

forEachDialect('every API operation under fuzzing', (dialect) => {
  let t: TestApp;
  let user: BuiltUser;
  let ids: KnownIds;
  let operations: Operation[];
  let world: FuzzWorld;
  const statuses = new Map<string, number[]>();

  before(async () => {
    world = await buildFuzzWorld(dialect);
    ({ t, user, ids } = world);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    operations = operationsOf(doc).sort((x, y) => order(x) - order(y));
  });
  after(() => world.close());

  async function send(key: string, req: FuzzRequest): Promise<void> {
    const one = () =>
      t.app.inject({
        method: req.method as 'GET',
        url: req.url,
        headers: req.headers,
        ...(req.payload !== undefined ? { payload: req.payload } : {}),
      });
    const answers = await Promise.all(Array.from({ length: req.repeat }, one));
    for (const res of answers) {
      statuses.set(key, [...(statuses.get(key) ?? []), res.statusCode]);
      if (res.statusCode >= 500) throw new Error(`answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      const json = String(res.headers['content-type']).startsWith('application/json');
      // A HEAD answer has the headers of the GET and no body to check.
      if (res.statusCode >= 400 && json && req.method !== 'HEAD') {
        const body = res.json() as { error?: { code?: unknown; message?: unknown } };
        assert.equal(
          typeof body.error?.code,
          'string',
          `a ${res.statusCode} without an error code: ${res.body.slice(0, 300)}`,
        );
        assert.equal(
          typeof body.error?.message,
          'string',
          `a ${res.statusCode} without a message: ${res.body.slice(0, 300)}`,
        );
      }
    }
  }

  test('the OpenAPI document lists the operations the fuzz covers', () => {
    assert.ok(operations.length >= 60, `only ${operations.length} operations`);
    assert.ok(operations.some((op) => op.path === '/api/v1/accounts' && op.method === 'POST'));
  });

  test(`each operation, ${RUNS} requests (seed ${SEED}): no 5xx and the documented error shape`, async (ctx) => {
    for (const [i, op] of operations.entries()) {
      await ctx.test(`${op.method} ${op.path}`, async () => {
        await fc.assert(
          fc.asyncProperty(requestsFor(op, ids, user.apiToken), (req) => send(`${op.method} ${op.path}`, req)),
          { seed: SEED + i, numRuns: RUNS, includeErrorInReport: true },
        );
      });
    }
  });

  test('requests got past sign-in and validation: real work was done, not only refusals', (ctx) => {
    const all = [...statuses.values()].flat();
    assert.ok(all.length >= operations.length * RUNS, `${all.length} answers`);
    const open = new Set(operations.filter((op) => op.open).map((op) => `${op.method} ${op.path}`));
    const signedIn = [...statuses.entries()].filter(([key]) => !open.has(key)).flatMap(([, s]) => s);
    assert.equal(signedIn.filter((s) => s === 401).length, 0, 'the token stayed valid: every request was signed in');
    const reached = [...statuses.entries()].filter(([, s]) => s.some((c) => c >= 200 && c < 300)).length;
    const tally = [2, 3, 4].map((c) => `${c}xx: ${all.filter((s) => Math.floor(s / 100) === c).length}`);
    ctx.diagnostic(
      `${all.length} answers (${tally.join(', ')}); ${reached} of ${operations.length} operations answered 2xx`,
    );
    // With the usual count, most operations do real work; a tiny FUZZ_RUNS lowers the bar with it.
    assert.ok(
      reached >= (operations.length / 2) * Math.min(1, RUNS / 5),
      `only ${reached} of ${operations.length} operations answered 2xx at least once (${tally.join(', ')})`,
    );
  });
});
