import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addHelper, type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildOpinion } from '../builders/opinions.ts';
import { api } from '../helpers/agent.ts';
import { fieldValue, page } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// Lost updates (issue 13, ADR 0016/0170): two simultaneous partial edits of the same
// opinion both answered 200 and one was silently lost (27 of 40 rounds across two
// processes on PostgreSQL). Opinions, the person's answers for a pair and the decision
// now carry versions: the API sends ETags and honours If-Match, partial changes merge onto
// the newest version, and pages show "someone changed this" instead of overwriting.

forEachDialect('opinions, comparison answers and decisions: saving at the same time', (dialect) => {
  let t: TestApp;
  let me: BuiltUser;
  let sister: BuiltUser;
  before(async () => {
    t = await buildTestApp(dialect);
    me = await buildUser(t);
    sister = await buildUser(t);
    await addHelper(t.deps, me.patientId, sister, me.userId);
  });
  after(() => t.close());

  const opinionRow = (id: string) =>
    t.deps.db.selectFrom('opinions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  test('an opinion: the API sends its version as an ETag; a change against an older one gets 412 and changes nothing', async () => {
    const caseId = await buildCase(t.deps, me);
    const id = await buildOpinion(t.deps, me, caseId);
    const client = api(t.app, me.apiToken);
    const read = await client.get(`/api/v1/cases/${caseId}/opinions/${id}`);
    assert.equal(read.headers.etag, '"1"');
    assert.equal(read.json().version, 1);
    const first = await client.patch(
      `/api/v1/cases/${caseId}/opinions/${id}`,
      { prognosis: 'Good' },
      { 'if-match': '"1"' },
    );
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.headers.etag, '"2"');
    const late = await client.patch(
      `/api/v1/cases/${caseId}/opinions/${id}`,
      { prognosis: 'Late' },
      { 'if-match': '"1"' },
    );
    assert.equal(late.statusCode, 412);
    assert.equal(late.json().error.code, 'stale_write');
    const statusLate = await client.patch(
      `/api/v1/cases/${caseId}/opinions/${id}`,
      { status: 'discarded' },
      { 'if-match': '"1"' },
    );
    assert.equal(statusLate.statusCode, 412, 'a status change against an older version too');
    const row = await opinionRow(id);
    assert.deepEqual([row.prognosis, row.status, row.version], ['Good', 'accepted', 2]);
  });

  test('many partial changes of one opinion at once, each to another field, all land (the lost-update fault)', async () => {
    const caseId = await buildCase(t.deps, me);
    const id = await buildOpinion(t.deps, me, caseId);
    const client = api(t.app, me.apiToken);
    for (let round = 0; round < 5; round++) {
      const changes = [
        { prognosis: `Prognosis ${round}` },
        { stageStatus: `Stage ${round}` },
        { notes: `Notes ${round}` },
        { trials: `NCT0000000${round}` },
        { furtherTests: `MRI ${round}` },
        { optionsDiscussed: `Options ${round}` },
        { doctorPractice: `Practice ${round}` },
        { doctorSpecialty: `Specialty ${round}` },
      ];
      const results = await Promise.all(changes.map((c) => client.patch(`/api/v1/cases/${caseId}/opinions/${id}`, c)));
      assert.deepEqual(
        results.map((r) => r.statusCode),
        results.map(() => 200),
        results.map((r) => r.body.slice(0, 200)).join('\n'),
      );
      const row = await opinionRow(id);
      assert.deepEqual(
        [
          row.prognosis,
          row.stage_status,
          row.notes,
          row.trials,
          row.further_tests,
          row.options_discussed,
          row.doctor_practice,
          row.doctor_specialty,
        ],
        changes.map((c) => Object.values(c)[0]),
        `round ${round}: no change lost`,
      );
      assert.equal(row.version, 1 + 8 * (round + 1), 'every change raised the version once');
    }
  });

  test('on the page: the opinion form carries its version; a save over a newer one shows both and saves nothing', async () => {
    const caseId = await buildCase(t.deps, me);
    const id = await buildOpinion(t.deps, me, caseId, { doctorName: 'Dr. Ada Lovelace' });
    const form = await me.agent.get(`/cases/${caseId}/opinions/${id}/edit`);
    assert.equal(fieldValue(form.body, 'version'), '1');
    const fields = {
      version: '1',
      givenOn__year: '2026',
      givenOn__month: '11',
      givenOn__day: '20',
      dx0_text: 'Breast cancer, left',
      plan0_category: 'surgery',
    };
    const hers = await sister.agent.post(`/cases/${caseId}/opinions/${id}/edit`, {
      ...fields,
      doctorName: 'Dr. Grace Hopper',
    });
    assert.equal(hers.statusCode, 303, hers.body.slice(0, 300));
    const mine = await me.agent.post(`/cases/${caseId}/opinions/${id}/edit`, {
      ...fields,
      doctorName: 'Dr. Barbara Liskov',
    });
    assert.equal(mine.statusCode, 409);
    assert.match(mine.body, /Someone changed this while you were working on it/);
    assert.match(mine.body, /Dr\. Grace Hopper/, 'what is saved now is shown');
    assert.ok(page(mine.body).has('input[value="Dr. Barbara Liskov"]'), 'what this person typed stays in the form');
    assert.equal(fieldValue(mine.body, 'version'), '2');
    assert.equal((await opinionRow(id)).doctor_name, 'Dr. Grace Hopper', 'nothing saved');
    const again = await me.agent.post(`/cases/${caseId}/opinions/${id}/edit`, {
      ...fields,
      version: '2',
      doctorName: 'Dr. Barbara Liskov',
    });
    assert.equal(again.statusCode, 303);
    assert.equal((await opinionRow(id)).doctor_name, 'Dr. Barbara Liskov');
  });

  test('a pair’s answers: the version travels with the form and the API; older answers are not overwritten', async () => {
    const caseId = await buildCase(t.deps, me);
    const a = await buildOpinion(t.deps, me, caseId, { givenOn: '2026-10-01' });
    const b = await buildOpinion(t.deps, me, caseId, {
      givenOn: '2026-10-15',
      plan: [{ category: 'watchful_waiting', details: null }],
    });
    const client = api(t.app, me.apiToken);
    const pairOf = (body: string) =>
      (JSON.parse(body) as { pairs: { version: number; confirmed: { treatment: string | null } }[] }).pairs[0]!;
    assert.equal(pairOf((await client.get(`/api/v1/cases/${caseId}/comparison`)).body).version, 0);
    const page = await me.agent.get(`/cases/${caseId}/compare`);
    assert.equal(fieldValue(page.body, 'version'), '0');
    // The sister answers first, on the page.
    const hers = await sister.agent.post(`/cases/${caseId}/compare/confirm`, {
      version: '0',
      a,
      b,
      diagnosis: '',
      treatment: 'refined',
      impact: '',
    });
    assert.equal(hers.statusCode, 303);
    // This person's page was made before: nothing of theirs is saved, both answers are shown.
    const mine = await me.agent.post(`/cases/${caseId}/compare/confirm`, {
      version: '0',
      a,
      b,
      diagnosis: '',
      treatment: 'same',
      impact: '',
    });
    assert.equal(mine.statusCode, 409);
    assert.match(mine.body, /Someone changed this while you were working on it/);
    assert.equal(fieldValue(mine.body, 'version'), '1');
    // The API: If-Match with an older version is refused; with the newest it goes through.
    const late = await client.put(
      `/api/v1/cases/${caseId}/comparison`,
      { a, b, treatment: 'different' },
      { 'if-match': '"0"' },
    );
    assert.equal(late.statusCode, 412);
    assert.equal(pairOf((await client.get(`/api/v1/cases/${caseId}/comparison`)).body).confirmed.treatment, 'refined');
    const fresh = await client.put(
      `/api/v1/cases/${caseId}/comparison`,
      { a, b, treatment: 'different' },
      { 'if-match': '"1"' },
    );
    assert.equal(fresh.statusCode, 200, fresh.body);
    assert.equal(fresh.headers.etag, '"2"');
    // Going back to the suggestion still counts as a change: the version goes on up.
    const cleared = await client.put(
      `/api/v1/cases/${caseId}/comparison`,
      { a, b, treatment: null, impact: 'minor' },
      { 'if-match': '"2"' },
    );
    assert.equal(cleared.headers.etag, '"4"');
  });

  test('writers racing on one pair with the version they read: exactly one wins each round', async () => {
    const caseId = await buildCase(t.deps, me);
    const a = await buildOpinion(t.deps, me, caseId, { givenOn: '2026-10-01' });
    const b = await buildOpinion(t.deps, me, caseId, {
      givenOn: '2026-10-15',
      plan: [{ category: 'watchful_waiting', details: null }],
    });
    const client = api(t.app, me.apiToken);
    const levels = ['same', 'refined', 'different'] as const;
    let version = 0;
    for (let round = 0; round < 4; round++) {
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          client.put(
            `/api/v1/cases/${caseId}/comparison`,
            { a, b, treatment: levels[i % 3] },
            { 'if-match': `"${version}"` },
          ),
        ),
      );
      const codes = answers.map((r) => r.statusCode).sort();
      assert.deepEqual(codes, [200, 412, 412, 412, 412, 412], `round ${round}: ${codes.join(',')}`);
      version = Number(String(answers.find((r) => r.statusCode === 200)!.headers.etag).replaceAll('"', ''));
    }
  });

  test('the decision: ETag (0 before any), If-Match, and two first decisions at once make one', async () => {
    const caseId = await buildCase(t.deps, me);
    await buildOpinion(t.deps, me, caseId);
    const client = api(t.app, me.apiToken);
    const read = await client.get(`/api/v1/cases/${caseId}/decision`);
    assert.equal(read.headers.etag, '"0"');
    const body = (choice: string) => ({ decidedOn: '2026-11-20', choice, followedOpinionIds: [] });
    const both = await Promise.all(
      ['Surgery', 'Wait and watch'].map((c) =>
        client.put(`/api/v1/cases/${caseId}/decision`, body(c), { 'if-match': '"0"' }),
      ),
    );
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 412]);
    const rows = await t.deps.db
      .selectFrom('decisions')
      .select(['choice', 'version'])
      .where('case_id', '=', caseId)
      .execute();
    assert.equal(rows.length, 1, 'one decision, not two');
    assert.equal(rows[0]!.version, 1);
    const stale = await client.delete(`/api/v1/cases/${caseId}/decision`, { 'if-match': '"0"' });
    assert.equal(stale.statusCode, 412);
    const taken = await client.delete(`/api/v1/cases/${caseId}/decision`, { 'if-match': '"1"' });
    assert.equal(taken.statusCode, 200);
    assert.equal(taken.headers.etag, '"2"', 'taking it back is a change');
    // A new decision starts above the one taken back, so an old ETag can never match it.
    const again = await client.put(`/api/v1/cases/${caseId}/decision`, body('Radiation'), { 'if-match': '"2"' });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().decision.version, 3);
  });

  test('the decision page: a save over someone else’s newer decision shows both and saves nothing', async () => {
    const caseId = await buildCase(t.deps, me);
    const page = await me.agent.get(`/cases/${caseId}/decision`);
    assert.equal(fieldValue(page.body, 'version'), '0');
    const fields = { version: '0', decidedOn__year: '2026', decidedOn__month: '11', decidedOn__day: '20' };
    assert.equal(
      (await sister.agent.post(`/cases/${caseId}/decision`, { ...fields, choice: 'Have the surgery' })).statusCode,
      303,
    );
    const mine = await me.agent.post(`/cases/${caseId}/decision`, { ...fields, choice: 'Wait three months' });
    assert.equal(mine.statusCode, 409);
    assert.match(mine.body, /Have the surgery/);
    assert.match(mine.body, /Wait three months/);
    const rows = await t.deps.db.selectFrom('decisions').select('choice').where('case_id', '=', caseId).execute();
    assert.deepEqual(rows, [{ choice: 'Have the surgery' }]);
  });
});
