import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type BuiltUser, buildCase, buildPatient, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { checkedValue, fieldValue, page, pageText } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';
import { type FakeCtGov, startFakeCtGov } from './trials-fake-server.ts';

// The trials page (from the case) and GET /api/v1/trials, on both databases, against the
// fake ClinicalTrials.gov. The page reads the case only to prefill and audits that read;
// only the condition words and the ZIP's centre leave the app.

forEachDialect('trials: the page from the case, and the API', (dialect) => {
  let t: TestApp;
  let fake: FakeCtGov;
  let me: BuiltUser;
  let stranger: BuiltUser;
  let caseId: string;
  let parentId: string;

  before(async () => {
    fake = await startFakeCtGov();
    t = await buildTestApp(dialect, { env: { CLINICALTRIALS_URL: fake.url } });
    me = await buildUser(t, { displayName: 'Grace Hopper' });
    stranger = await buildUser(t);
    // A parent the user helps, who lives in Chicago (ZIP 60614).
    parentId = await buildPatient(t.deps, me);
    caseId = await buildCase(t.deps, me, { patientId: parentId, diagnosis: 'Ductal carcinoma of the left breast' });
  });
  after(async () => {
    await t.close();
    await fake.close();
  });

  const audits = () =>
    t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'patient_id', 'object_id'])
      .where('action', '=', 'trials.view')
      .execute();

  test('the case page links to the trials page', async () => {
    const res = await me.agent.get(`/cases/${caseId}`);
    assert.ok(page(res.body).has(`a[href="/cases/${caseId}/trials"]`));
    assert.match(pageText(res.body), /Clinical trials for this condition/);
  });

  test('first visit: the form is filled from the case, nothing is sent, the read is audited', async () => {
    const before = fake.requests.length;
    const res = await me.agent.get(`/cases/${caseId}/trials`);
    assert.equal(res.statusCode, 200);
    assert.equal(fieldValue(res.body, 'condition'), 'Ductal carcinoma breast');
    assert.equal(fieldValue(res.body, 'near'), '60614');
    assert.equal(checkedValue(res.body, 'radiusMiles'), '100');
    const text = pageText(res.body);
    assert.match(text, /A clinical trial is a research study/);
    assert.match(text, /Joining a trial is your choice/);
    assert.ok(
      page(res.body).has('a[href="https://www.nih.gov/health-information/nih-clinical-research-trials-you/basics"]'),
    );
    assert.equal(fake.requests.length, before, 'no search before the person asks');
    const rows = await audits();
    assert.ok(rows.some((r) => r.object_id === caseId && r.patient_id === parentId));
  });

  test('a patient with no ZIP on file: the ZIP box starts empty', async () => {
    const own = await buildCase(t.deps, me, { diagnosis: 'Stage 2 breast cancer' });
    const res = await me.agent.get(`/cases/${own}/trials`);
    assert.equal(fieldValue(res.body, 'condition'), 'breast cancer');
    assert.equal(fieldValue(res.body, 'near'), '');
  });

  test('a search shows plain summaries with miles from the ZIP and the study link; only the words and a point are sent', async () => {
    const res = await me.agent.get(`/cases/${caseId}/trials?condition=breast+cancer&near=60614&radiusMiles=50`);
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(text, /We found 57 studies\. Here are the first 5\./);
    assert.match(text, /A Study of Toca 511/);
    assert.match(text, /Stopped early/);
    assert.match(text, /Phase 1/);
    assert.match(text, /Ages 18 years to 75 years/);
    assert.match(
      text,
      /Sarah Cannon Research Institute — Denver, Colorado, 80218 — United States \(\d{3} miles away\)/,
    );
    assert.match(text, /And 37 more places\./);
    assert.ok(page(res.body).has('a[href="https://clinicaltrials.gov/study/NCT02576665"]'));
    assert.match(text, /Phase 1: tests if a treatment is safe/);
    assert.ok(page(res.body).has('a[href="https://clinicaltrials.gov/study-basics/glossary"]'));
    // The form keeps what was asked.
    assert.equal(fieldValue(res.body, 'condition'), 'breast cancer');
    assert.equal(checkedValue(res.body, 'radiusMiles'), '50');
    const sent = fake.requests.at(-1)!;
    assert.equal(sent.searchParams.get('query.cond'), 'breast cancer');
    assert.match(sent.searchParams.get('filter.geo')!, /^distance\(41\.\d{4},-87\.\d{4},50mi\)$/);
    assert.ok(!sent.href.includes('Grace') && !sent.href.includes(caseId), 'no name or case id leaves the app');
  });

  test('ClinicalTrials.gov down or garbled: a plain message on the page, the form still there', async () => {
    const down = await me.agent.get(`/cases/${caseId}/trials?condition=broken&near=&radiusMiles=100`);
    assert.equal(down.statusCode, 200);
    assert.match(pageText(down.body), /We could not reach ClinicalTrials\.gov\. Try again later\./);
    assert.equal(fieldValue(down.body, 'condition'), 'broken');
    const garbled = await me.agent.get(`/cases/${caseId}/trials?condition=garbled`);
    assert.match(pageText(garbled.body), /ClinicalTrials\.gov sent an answer we could not read/);
  });

  test('no studies found says so plainly', async () => {
    const res = await me.agent.get(`/cases/${caseId}/trials?condition=nothing+at+all`);
    assert.match(pageText(res.body), /We found no studies that are taking people for “nothing at all” here/);
  });

  test('bad input: a clear message on the field, nothing sent', async () => {
    const before = fake.requests.length;
    const zip = await me.agent.get(`/cases/${caseId}/trials?condition=breast+cancer&near=606&radiusMiles=100`);
    assert.equal(zip.statusCode, 400);
    assert.match(pageText(zip.body), /Type a ZIP code with five numbers, like 60614\./);
    assert.equal(fieldValue(zip.body, 'near'), '606');
    const empty = await me.agent.get(`/cases/${caseId}/trials?condition=++&near=60614`);
    assert.equal(empty.statusCode, 400);
    assert.match(pageText(empty.body), /Type the condition to look for\./);
    const radius = await me.agent.get(`/cases/${caseId}/trials?condition=x&radiusMiles=7`);
    assert.equal(radius.statusCode, 400);
    assert.equal(fake.requests.length, before);
  });

  test('a stranger gets 404 and nothing is sent', async () => {
    const before = fake.requests.length;
    const res = await stranger.agent.get(`/cases/${caseId}/trials?condition=breast+cancer`);
    assert.equal(res.statusCode, 404);
    assert.doesNotMatch(res.body, /Ductal carcinoma/);
    assert.equal(fake.requests.length, before);
  });

  test('"Save to ask my doctor" adds the trial to the questions list once, audited, and comes back to the search', async () => {
    const page = await me.agent.get(`/cases/${caseId}/trials?condition=breast+cancer&near=60614&radiusMiles=50`);
    assert.match(pageText(page.body), /Save to ask my doctor/);
    const questions = () =>
      t.deps.db
        .selectFrom('case_questions')
        .select(['id', 'text'])
        .where('case_id', '=', caseId)
        .where('removed_at', 'is', null)
        .orderBy('position')
        .execute();
    const before = (await questions()).length;
    const fields = {
      nctId: 'NCT02576665',
      title: 'A Study of Toca 511',
      condition: 'breast cancer',
      near: '60614',
      radiusMiles: '50',
    };
    const res = await me.agent.post(`/cases/${caseId}/trials/ask`, fields);
    assert.equal(res.statusCode, 303);
    assert.equal(
      res.headers.location,
      `/cases/${caseId}/trials?condition=breast+cancer&near=60614&radiusMiles=50#trial-NCT02576665`,
    );
    const after1 = await questions();
    // The list was made from the question bank first (as opening it would), then the trial added last.
    assert.equal(before, 0);
    assert.ok(after1.length > 1);
    assert.equal(after1.filter((q) => q.text !== null).length, 1);
    const added = after1.find((q) => q.text === 'Could I join the clinical trial NCT02576665: “A Study of Toca 511”?');
    assert.ok(added, JSON.stringify(after1.map((q) => q.text)));
    const back = await me.agent.get(res.headers.location as string);
    assert.match(pageText(back.body), /We added a question about this trial to your list for the doctor\./);
    const list = await me.agent.get(`/cases/${caseId}/questions`);
    assert.match(pageText(list.body), /Could I join the clinical trial NCT02576665/);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['patient_id', 'object_id'])
      .where('action', '=', 'trials.ask')
      .execute();
    assert.deepEqual(audit, [{ patient_id: parentId, object_id: added.id }]);

    const positions = await t.deps.db
      .selectFrom('case_questions')
      .select(['id', 'position'])
      .where('case_id', '=', caseId)
      .orderBy('position', 'desc')
      .execute();
    assert.equal(positions[0]!.id, added.id, 'the trial is last on the list');
    assert.equal(new Set(positions.map((p) => p.position)).size, positions.length, 'no two questions share a place');
    const generated = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'questions.generate')
      .where('object_id', '=', caseId)
      .execute();
    assert.equal(generated.length, 1);

    // Twice is still once.
    const again = await me.agent.post(`/cases/${caseId}/trials/ask`, fields);
    assert.equal(again.statusCode, 303);
    assert.equal((await questions()).length, after1.length);
    assert.match(pageText((await me.agent.get(again.headers.location as string)).body), /already on your list/);
  });

  test('"Save to ask my doctor": a bad trial id changes nothing; a stranger gets 404 and changes nothing', async () => {
    const count = async () =>
      (await t.deps.db.selectFrom('case_questions').select('id').where('case_id', '=', caseId).execute()).length;
    const before = await count();
    const bad = await me.agent.post(`/cases/${caseId}/trials/ask`, { nctId: 'javascript:alert(1)', title: 'x' });
    assert.equal(bad.statusCode, 400);
    assert.match(pageText(bad.body), /We could not tell which trial this is/);
    const stranger404 = await stranger.agent.post(`/cases/${caseId}/trials/ask`, {
      nctId: 'NCT02576665',
      title: 'A Study of Toca 511',
    });
    assert.equal(stranger404.statusCode, 404);
    assert.equal(await count(), before);
  });

  test('API: summaries as JSON; missing words 400; service down 503 with the plain message; visitors 401', async () => {
    const ok = await api(t.app, me.apiToken).get('/api/v1/trials?condition=melanoma&near=60614&radiusMiles=25');
    assert.equal(ok.statusCode, 200, ok.body);
    const body = ok.json() as {
      condition: string;
      total: number;
      trials: { nctId: string; status: string; url: string }[];
    };
    assert.equal(body.condition, 'melanoma');
    assert.equal(body.total, 480);
    assert.deepEqual(
      body.trials.map((x) => [x.nctId, x.status]),
      [
        ['NCT06970236', 'RECRUITING'],
        ['NCT04114136', 'RECRUITING'],
        ['NCT04318717', 'RECRUITING'],
      ],
    );
    assert.equal(body.trials[0]!.url, 'https://clinicaltrials.gov/study/NCT06970236');
    assert.match(fake.requests.at(-1)!.searchParams.get('filter.geo')!, /,25mi\)$/);

    const missing = await api(t.app, me.apiToken).get('/api/v1/trials');
    assert.equal(missing.statusCode, 400);
    assert.equal(
      (missing.json() as { error: { fields: Record<string, string> } }).error.fields.condition,
      'Type the condition to look for.',
    );
    const badZip = await api(t.app, me.apiToken).get('/api/v1/trials?condition=x&near=abcde');
    assert.equal(badZip.statusCode, 400);

    const down = await api(t.app, me.apiToken).get('/api/v1/trials?condition=broken');
    assert.equal(down.statusCode, 503);
    assert.deepEqual(down.json(), {
      error: { code: 'unavailable', message: 'We could not reach ClinicalTrials.gov. Try again later.' },
    });

    const anon = await api(t.app).get('/api/v1/trials?condition=melanoma');
    assert.equal(anon.statusCode, 401);
  });

  test('the API is in the OpenAPI document', async () => {
    const res = await api(t.app, me.apiToken).get('/api/openapi.json');
    assert.equal(res.statusCode, 200);
    const doc = res.json() as { paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
    const op = doc.paths['/api/v1/trials']?.get;
    assert.ok(op, 'documented');
    assert.deepEqual(op.parameters?.map((p) => p.name).sort(), ['condition', 'near', 'radiusMiles']);
  });
});
