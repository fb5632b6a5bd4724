import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { inputFault, loggableError } from '../../src/platform/http/errors.ts';
import { checkInput, cleanText } from '../../src/platform/validation.ts';
import { buildCandidate } from '../builders/doctors-tasks.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { Agent, api } from '../helpers/agent.ts';
import { apiUpload } from '../helpers/records.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// Issue 13 items 2-3 (ADR 0012): what a client sends never reaches the database in a form
// it cannot store, and text cannot be made to read differently from what it is.

const NUL = '\u0000';
const RLO = '\u202e'; // right-to-left override

test('checkInput finds control characters by path, keeps tab and new lines, and drops bidi overrides', () => {
  const r = checkInput({ a: `x${NUL}y`, b: ['ok', `line\tone\r\ntwo${RLO}`], c: { d: '\u0007' } }, { strip: false });
  assert.deepEqual(r.controlAt, ['a', 'c.d']);
  assert.equal((r.value as { b: string[] }).b[1], 'line\tone\r\ntwo');
  const stripped = checkInput({ a: `x${NUL}y`, note: `\u2066left\u2069` }, { strip: true });
  assert.deepEqual(stripped.value, { a: 'xy', note: 'left' });
  assert.equal(cleanText('\ud800x'), '\ufffdx', 'a lone surrogate becomes the replacement character');
});

test('checkInput leaves passwords whole apart from control characters; "__proto__" stays a plain key', () => {
  const r = checkInput(JSON.parse(`{"password":"a${RLO}b","__proto__":{"polluted":true}}`), { strip: true });
  assert.equal((r.value as { password: string }).password, `a${RLO}b`);
  assert.equal(({} as { polluted?: boolean }).polluted, undefined);
  assert.equal(Object.getPrototypeOf(r.value), Object.prototype);
});

test('checkInput refuses nesting deeper than any real body', () => {
  let deep: unknown = 'x';
  for (let i = 0; i < 10_000; i++) deep = [deep];
  assert.equal(checkInput(deep, { strip: false }).tooDeep, true);
  assert.equal(checkInput({ a: [[{ b: 'c' }]] }, { strip: false }).tooDeep, false);
});

test('errors from what was sent map to 4xx; anything else stays a server fault', () => {
  const pg = (code: string) =>
    Object.assign(new Error(`invalid input syntax for type integer: "secret diagnosis"`), { code, severity: 'ERROR' });
  assert.equal(inputFault(pg('22021'))?.status, 400);
  assert.equal(inputFault(pg('22P02'))?.status, 400);
  assert.equal(inputFault(pg('22001'))?.status, 400);
  assert.equal(inputFault(pg('54000'))?.status, 400);
  assert.equal(inputFault(pg('23505'))?.status, 409);
  assert.equal(inputFault(pg('23503'))?.status, 404);
  assert.equal(inputFault(pg('53100')), null, 'disk full is not the client’s doing');
  assert.equal(inputFault(pg('08006')), null, 'a lost connection is not the client’s doing');
  assert.equal(inputFault(new Error('Multipart: Boundary not found'))?.status, 400);
  assert.equal(inputFault(new URIError('URI malformed'))?.status, 400);
  assert.equal(inputFault(new TypeError('x is undefined')), null);
  // A database message can quote the value: the log keeps only its code.
  const logged = JSON.stringify(loggableError(pg('22P02')));
  assert.match(logged, /22P02/);
  assert.doesNotMatch(logged, /secret diagnosis/);
  let parseError: unknown;
  try {
    JSON.parse('{"diagnosis": secret diagnosis}');
  } catch (err) {
    parseError = err;
  }
  assert.doesNotMatch(JSON.stringify(loggableError(parseError)), /secret/);
  assert.match(JSON.stringify(loggableError(new TypeError('x is undefined'))), /x is undefined/);
});

forEachDialect('input safety', (dialect) => {
  let t: TestApp;
  let user: BuiltUser;
  let caseId: string;
  let client: ReturnType<typeof api>;

  before(async () => {
    t = await buildTestApp(dialect);
    user = await buildUser(t);
    caseId = await buildCase(t.deps, user, { title: 'Breast cancer' });
    client = api(t.app, user.apiToken);
  });
  after(() => t.close());

  const count = async (table: 'users' | 'cases' | 'documents') =>
    Number(
      (
        await t.deps.db
          .selectFrom(table)
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('a NUL in an anonymous sign-up is refused with the field named, and no account is made', async () => {
    const before = await count('users');
    const res = await api(t.app).post('/api/v1/accounts', {
      email: 'nul@example.com',
      password: 'long enough password',
      displayName: `Ann${NUL}`,
    });
    assert.equal(res.statusCode, 400);
    const body = res.json();
    assert.equal(body.error.code, 'invalid');
    assert.match(body.error.fields.displayName, /hidden control character/);
    assert.equal(await count('users'), before);
  });

  test('a NUL in a JSON text field or a query string is refused; the record is unchanged', async () => {
    const res = await client.patch(`/api/v1/cases/${caseId}`, { title: `Changed${NUL}` });
    assert.equal(res.statusCode, 400);
    assert.ok(res.json().error.fields.title);
    const row = await t.deps.db.selectFrom('cases').select('title').where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(row.title, 'Breast cancer');
    const q = await client.get('/api/v1/codes/icd10?q=breast%00');
    assert.equal(q.statusCode, 400);
    assert.ok(q.json().error.fields.q);
  });

  test('%00 or a bidi override in an id looks like any unknown id: 404, on the API and on pages', async () => {
    for (const bad of [`${caseId}%00`, '%00', `${caseId}%E2%80%AE`]) {
      const res = await client.get(`/api/v1/cases/${bad}`);
      assert.equal(res.statusCode, 404, bad);
      assert.equal(res.json().error.code, 'not_found');
      assert.equal((await user.agent.get(`/cases/${bad}`)).statusCode, 404, bad);
    }
  });

  test('a path the router cannot decode, or an id longer than it reads, is a 404 in the documented shape', async () => {
    for (const bad of ['%FF%FE', '%', '%zz', 'a'.repeat(5000)]) {
      const res = await client.get(`/api/v1/cases/${bad}/decision`);
      assert.equal(res.statusCode, 404, bad);
      assert.deepEqual(res.json(), { error: { code: 'not_found', message: 'We could not find that page.' } });
      // A fresh visitor: this page is answered before sessions are read, so its form token binds nobody.
      const page = await new Agent(t.app).get(`/cases/${bad}/doctors`);
      assert.equal(page.statusCode, 404, bad);
      assert.match(page.body, /Page not found/);
    }
  });

  test('a page form keeps what the person typed, minus control characters and bidi overrides', async () => {
    const before = await count('cases');
    const res = await user.agent.post('/cases/new', {
      patientId: user.patientId,
      diagnosisStatus: 'no_diagnosis',
      symptoms: `Tired${NUL} since June${RLO}`,
      urgency: 'no_rush',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    assert.equal(await count('cases'), before + 1);
    const row = await t.deps.db
      .selectFrom('cases')
      .select('symptoms')
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .where('patient_id', '=', user.patientId)
      .execute();
    assert.ok(
      row.some((r) => r.symptoms === 'Tired since June'),
      JSON.stringify(row.map((r) => r.symptoms)),
    );
  });

  test('bidi overrides are dropped from titles sent to the API and from uploaded file names', async () => {
    const res = await client.patch(`/api/v1/cases/${caseId}`, { title: `Second look ${RLO}fdp.exe` });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().title, 'Second look fdp.exe');
    const up = await apiUpload(t, user, caseId, [
      { filename: `scan${RLO}txt.exe`, content: Buffer.from('Blood count normal.\n') },
    ]);
    assert.equal(up.results[0]?.status, 'stored', JSON.stringify(up.results));
    const doc = await t.deps.db
      .selectFrom('documents')
      .select('original_name')
      .where('id', '=', up.results[0]!.documentId!)
      .executeTakeFirstOrThrow();
    assert.equal(doc.original_name, 'scantxt.exe');
  });

  test('a multipart request without a boundary is told so with the documented shape, and stores nothing', async () => {
    const before = await count('documents');
    for (const type of [
      'multipart/form-data',
      'multipart/form-data; charset=utf-8',
      'multipart/form-data; boundary=',
    ]) {
      const res = await client.post(`/api/v1/cases/${caseId}/documents`, 'not really multipart', {
        'content-type': type,
      });
      assert.equal(res.statusCode, 400, type);
      assert.deepEqual(Object.keys(res.json().error).sort(), ['code', 'message']);
    }
    assert.equal(await count('documents'), before);
  });

  test('JSON nested deeper than any form is refused with 400, not a crash', async () => {
    const deep = `{"title":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const res = await client.patch(`/api/v1/cases/${caseId}`, deep, { 'content-type': 'application/json' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'invalid');
  });

  test('an appointment without a date: the API document requires the date; the answer is a field error', async () => {
    const doc = (await api(t.app).get('/api/openapi.json')).json();
    const schema = doc.paths['/api/v1/cases/{caseId}/appointments'].post.requestBody.content['application/json'].schema;
    assert.ok(schema.required.includes('date'), JSON.stringify(schema.required));
    const doctorId = await buildCandidate(t.deps, user, caseId);
    const res = await client.post(`/api/v1/cases/${caseId}/appointments`, { doctorId, time: '10:00', mode: 'video' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.fields.date, 'Enter the date of the appointment.');
  });

  test('errors the database itself raises for what was sent map to 4xx on this database', async () => {
    await sql`create temporary table input_probe (id text primary key, v text not null)`.execute(t.deps.db);
    await sql`insert into input_probe (id, v) values ('a', 'x')`.execute(t.deps.db);
    const fault = async (q: ReturnType<typeof sql>) => {
      try {
        await q.execute(t.deps.db);
      } catch (err) {
        return inputFault(err);
      }
      return 'no error';
    };
    assert.equal(
      ((await fault(sql`insert into input_probe (id, v) values ('a', 'y')`)) as { status: number }).status,
      409,
    );
    assert.equal(
      ((await fault(sql`insert into input_probe (id, v) values ('b', ${null})`)) as { status: number }).status,
      400,
    );
    if (dialect === 'postgres') {
      assert.equal(
        ((await fault(sql`insert into input_probe (id, v) values ('c', ${`x${NUL}`})`)) as { status: number }).status,
        400,
      );
      assert.equal(((await fault(sql`select ${'abc'}::int`)) as { status: number }).status, 400);
    }
    await sql`drop table input_probe`.execute(t.deps.db);
  });
});
