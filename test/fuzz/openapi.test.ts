import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { createApiToken } from '../../src/platform/auth/sessions.ts';
import { buildCandidate, buildTask } from '../builders/doctors-tasks.ts';
import { buildCase, buildUser, type BuiltUser } from '../builders/index.ts';
import { buildOpinion } from '../builders/opinions.ts';
import { buildQuestionList } from '../builders/questions.ts';
import { buildDocument, buildRecordRequest, buildSpecimenRequest } from '../builders/records.ts';
import { buildShare } from '../builders/sharing.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';
import { type FuzzRequest, type KnownIds, type Operation, operationsOf, requestsFor } from './openapi-requests.ts';

// Issue 13 item 2 (ADR 0013): every operation in the app's OpenAPI document, fed ordinary
// and hostile requests by a real user on a real case, never answers 5xx, and every refusal
// has the documented error shape. `npm test` runs a fixed seed and a small count per
// operation; `npm run fuzz` runs more (FUZZ_RUNS) and can take another seed (FUZZ_SEED).

const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const SEED = Number(process.env.FUZZ_SEED ?? 20261208);

// Writes that remove things run last, so the others find their rows.
const order = (op: Operation) => (op.method === 'DELETE' ? 1 : 0);

forEachDialect('every API operation under fuzzing', (dialect) => {
  let t: TestApp;
  let user: BuiltUser;
  let ids: KnownIds;
  let operations: Operation[];
  let trials: http.Server;
  const statuses = new Map<string, number[]>();

  before(async () => {
    // ClinicalTrials.gov stands in locally: the fuzz tests this app, not someone's network.
    trials = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"studies":[],"totalCount":0}'));
    await new Promise<void>((resolve) => trials.listen(0, '127.0.0.1', resolve));
    const port = (trials.address() as AddressInfo).port;
    t = await buildTestApp(dialect, { env: { CLINICALTRIALS_URL: `http://127.0.0.1:${port}/api/v2` } });
    user = await buildUser(t, { dateOfBirth: '1956-04-28' });
    const caseId = await buildCase(t.deps, user);
    const documentId = await buildDocument(t, user, caseId);
    const opinions = [
      await buildOpinion(t.deps, user, caseId, { givenOn: '2026-10-01' }),
      await buildOpinion(t.deps, user, caseId, { givenOn: '2026-10-15', plan: [{ category: 'watchful_waiting', details: null }] }),
    ];
    const questions = await buildQuestionList(t.deps, user, caseId);
    const doctorId = await buildCandidate(t.deps, user, caseId);
    const taskId = await buildTask(t.deps, user, caseId);
    const requestId = await buildRecordRequest(t, user, caseId);
    const specimenRequestId = await buildSpecimenRequest(t, user, caseId);
    const share = await buildShare(t, user, caseId, { documentIds: [documentId] });
    // A second token of the same user: revoking it must not end the run.
    const { id: tokenId } = await createApiToken(t.deps.db, t.deps.clock, user.userId, 'spare');
    const byParam: Record<string, string[]> = {
      caseId: [caseId],
      patientId: [user.patientId],
      documentId: [documentId],
      opinionId: opinions,
      followedOpinionId: opinions,
      a: opinions,
      b: opinions,
      questionId: [questions.questionId],
      questionDoctorId: [questions.doctorId],
      doctorId: [doctorId],
      taskId: [taskId],
      requestId: [requestId],
      specimenRequestId: [specimenRequestId],
      shareId: [share.shareId],
      tokenId: [tokenId],
      code: ['C50.912', 'C50', 'R10.0'],
    };
    ids = { byParam, any: [...new Set(Object.values(byParam).flat())] };
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    operations = operationsOf(doc).sort((x, y) => order(x) - order(y));
  });
  after(async () => {
    await t.close();
    await new Promise((resolve) => trials.close(resolve));
  });

  async function send(key: string, req: FuzzRequest): Promise<void> {
    const one = () =>
      t.app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, ...(req.payload !== undefined ? { payload: req.payload } : {}) });
    const answers = await Promise.all(Array.from({ length: req.repeat }, one));
    for (const res of answers) {
      statuses.set(key, [...(statuses.get(key) ?? []), res.statusCode]);
      if (res.statusCode >= 500) throw new Error(`answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      if (res.statusCode >= 400 && String(res.headers['content-type']).startsWith('application/json')) {
        const body = res.json() as { error?: { code?: unknown; message?: unknown } };
        assert.equal(typeof body.error?.code, 'string', `a ${res.statusCode} without an error code: ${res.body.slice(0, 300)}`);
        assert.equal(typeof body.error?.message, 'string', `a ${res.statusCode} without a message: ${res.body.slice(0, 300)}`);
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
    assert.equal(all.filter((s) => s === 401).length, 0, 'the token stayed valid, so every request was signed in');
    const reached = [...statuses.entries()].filter(([, s]) => s.some((c) => c >= 200 && c < 300)).length;
    const tally = [2, 3, 4].map((c) => `${c}xx: ${all.filter((s) => Math.floor(s / 100) === c).length}`);
    ctx.diagnostic(`${all.length} answers (${tally.join(', ')}); ${reached} of ${operations.length} operations answered 2xx`);
    // With the usual count, most operations do real work; a tiny FUZZ_RUNS lowers the bar with it.
    assert.ok(reached >= (operations.length / 2) * Math.min(1, RUNS / 5), `only ${reached} of ${operations.length} operations answered 2xx at least once (${tally.join(', ')})`);
  });
});
