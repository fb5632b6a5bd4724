import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildRecordRequest, buildSpecimenRequest } from '../builders/records.ts';
import { api } from '../helpers/agent.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// Issue 17: every records request and specimen request route touches ONE transaction (the
// route helper's), whether it answers a page, a form shown again, a stale save, a PDF or
// JSON. The test counts every transaction the app's database opens while each request runs.

forEachDialect('records and specimen requests: one transaction per request', (dialect) => {
  let t: TestApp;
  let me: BuiltUser;
  let caseId: string;
  let requestId: string;
  let specimenId: string;
  let count = 0;

  before(async () => {
    t = await buildTestApp(dialect);
    me = await buildUser(t);
    caseId = await buildCase(t.deps, me);
    requestId = await buildRecordRequest(t, me, caseId);
    specimenId = await buildSpecimenRequest(t, me, caseId);
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

  test('records request pages: form, refused form, new, page, steps (saved, refused, stale), letter, PDF', async () => {
    const base = `/cases/${caseId}/records/requests`;
    const one = `${base}/${requestId}`;
    const good = { providerName: 'Hill Clinic', recordsWanted: 'visit_notes', format: 'paper', delivery: 'me' };
    const cases: [() => Promise<{ statusCode: number; body: string }>, number][] = [
      [() => me.agent.get(`${base}/new`), 200],
      [() => me.agent.post(`${base}/new`, { ...good, providerName: '' }), 400],
      [() => me.agent.post(`${base}/new`, good), 303],
      [() => me.agent.get(one), 200],
      [
        () =>
          me.agent.post(one, { version: '1', action: 'sent', sentOn__month: '', sentOn__day: '', sentOn__year: '' }),
        303,
      ],
      [() => me.agent.post(one, { action: 'extension', reason: '' }), 400],
      [() => me.agent.post(one, { version: '1', action: 'notes', notes: 'late' }), 409],
      [() => me.agent.get(`${one}/letter`), 200],
      [() => me.agent.get(`${one}/letter.pdf`), 200],
    ];
    for (const [request, status] of cases) assert.equal(await transactionsOf(request, status), 1, String(request));
  });

  test('specimen request pages: form, refused form, page, steps (saved, refused, stale), letter, PDF', async () => {
    const base = `/cases/${caseId}/records/specimens`;
    const one = `${base}/${specimenId}`;
    const cases: [() => Promise<{ statusCode: number; body: string }>, number][] = [
      [() => me.agent.get(`${base}/new`), 200],
      [() => me.agent.post(`${base}/new`, { labName: '', 'specimens.0.kind': 'blocks' }), 400],
      [() => me.agent.get(one), 200],
      [() => me.agent.post(one, { version: '1', action: 'requested' }), 303],
      [() => me.agent.post(one, { action: 'requested' }), 400],
      [() => me.agent.post(one, { version: '1', action: 'notes', notes: 'late' }), 409],
      [() => me.agent.get(`${one}/letter`), 200],
      [() => me.agent.get(`${one}/letter.pdf`), 200],
    ];
    for (const [request, status] of cases) assert.equal(await transactionsOf(request, status), 1, String(request));
  });

  test('the API of both: list, create, read, step, PDF', async () => {
    const client = api(t.app, me.apiToken);
    const cases: [() => Promise<{ statusCode: number; body: string }>, number][] = [
      [() => client.get(`/api/v1/cases/${caseId}/record-requests`), 200],
      [() => client.get(`/api/v1/record-requests/${requestId}`), 200],
      [() => client.patch(`/api/v1/record-requests/${requestId}`, { action: 'notes', notes: 'x' }), 200],
      [() => client.patch(`/api/v1/record-requests/${requestId}`, { action: 'notes' }, { 'if-match': '"1"' }), 412],
      [() => client.get(`/api/v1/record-requests/${requestId}/letter.pdf`), 200],
      [() => client.get(`/api/v1/cases/${caseId}/specimen-requests`), 200],
      [() => client.get(`/api/v1/specimen-requests/${specimenId}`), 200],
      [() => client.patch(`/api/v1/specimen-requests/${specimenId}`, { action: 'sent', on: '2026-11-27' }), 200],
      [() => client.patch(`/api/v1/specimen-requests/${specimenId}`, { action: 'sent', on: '2026-11-27' }), 400],
      [() => client.get(`/api/v1/specimen-requests/${specimenId}/letter.pdf`), 200],
    ];
    for (const [request, status] of cases) assert.equal(await transactionsOf(request, status), 1, String(request));
    const made = () =>
      client.post(`/api/v1/cases/${caseId}/specimen-requests`, {
        labName: 'Lab',
        labAddress: '1 St',
        specimens: [{ accession: 'A-1', kind: 'blocks' }],
        recipientName: 'Dept',
        recipientAddress: '2 St',
      });
    assert.equal(await transactionsOf(made, 201), 1);
  });
});
