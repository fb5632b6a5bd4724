import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildOpinion } from '../builders/opinions.ts';
import { buildDocument } from '../builders/records.ts';
import { buildShare } from '../builders/sharing.ts';
import { Agent } from '../helpers/agent.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// Issue 17: a request touches ONE transaction (the route helper's), for a case member's
// pages (caseRoutes) and for the consulting doctor's link pages (linkRoutes) alike. The
// test counts every transaction the app's database opens while each request runs.

forEachDialect('opinions and sharing: one transaction per request', (dialect) => {
  let t: TestApp;
  let me: BuiltUser;
  let caseId: string;
  let opinionId: string;
  let documentId: string;
  let linkPath: string;
  let count = 0;

  before(async () => {
    t = await buildTestApp(dialect);
    me = await buildUser(t);
    caseId = await buildCase(t.deps, me);
    opinionId = await buildOpinion(t.deps, me, caseId, { givenOn: '2026-10-01' });
    await buildOpinion(t.deps, me, caseId, {
      givenOn: '2026-10-15',
      plan: [{ category: 'watchful_waiting', details: null }],
    });
    documentId = await buildDocument(t, me, caseId, { title: 'Biopsy report' });
    linkPath = (await buildShare(t, me, caseId, { documentIds: [documentId] })).path;
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

  test('the compare page, the decision and the opinion pages', async () => {
    assert.equal(await transactionsOf(() => me.agent.get(`/cases/${caseId}/compare`), 200), 1);
    assert.equal(await transactionsOf(() => me.agent.get(`/cases/${caseId}/decision/summary`), 200), 1);
    assert.equal(await transactionsOf(() => me.agent.get(`/cases/${caseId}/opinions/${opinionId}/edit`), 200), 1);
    const bad = { doctorName: '', givenOn__year: '2026', givenOn__month: '11', givenOn__day: '20' };
    assert.equal(
      await transactionsOf(() => me.agent.post(`/cases/${caseId}/opinions/${opinionId}/edit`, bad), 400),
      1,
      'a form shown again',
    );
  });

  test('sharing, the packet and the FHIR export', async () => {
    assert.equal(await transactionsOf(() => me.agent.get(`/cases/${caseId}/sharing`), 200), 1);
    assert.equal(
      await transactionsOf(
        () => me.agent.get(`/cases/${caseId}/packet/download?format=pdf&documentIds=${documentId}`),
        200,
      ),
      1,
    );
    assert.equal(await transactionsOf(() => me.agent.get(`/cases/${caseId}/export/fhir`), 200), 1);
  });

  test('the doctor’s link: the first page, a document, the opinion written', async () => {
    const doctor = new Agent(t.app);
    assert.equal(await transactionsOf(() => doctor.get(linkPath), 200), 1);
    assert.equal(await transactionsOf(() => doctor.get(`${linkPath}/documents/${documentId}`), 200), 1);
    assert.equal(await transactionsOf(() => doctor.get(`${linkPath}/opinion`), 200), 1);
    const written = { doctorName: 'Dr. Lopez', dx0_text: 'Breast cancer', plan0_category: 'surgery' };
    assert.equal(await transactionsOf(() => doctor.post(`${linkPath}/opinion`, written), 303), 1);
  });
});
