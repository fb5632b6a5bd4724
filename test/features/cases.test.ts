import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addHelper, type BuiltUser, buildCase, buildPatient, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { page as html } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

forEachDialect('cases', (dialect) => {
  let t: TestApp;
  let me: BuiltUser;
  before(async () => {
    t = await buildTestApp(dialect);
    me = await buildUser(t);
  });
  after(() => t.close());

  const caseCount = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom('cases')
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('start a case from what the doctor said; the case page shows the nine steps', async () => {
    const res = await me.agent.post('/cases/new', {
      patientId: me.patientId,
      diagnosisStatus: 'diagnosed',
      diagnosis: 'Lumbar disc herniation',
      proposedTreatment: 'Spinal fusion surgery',
      doctorName: 'Dr. Ruth Kim',
      doctorSpecialty: 'Spine surgeon',
      toldOn__month: '11',
      toldOn__day: '20',
      toldOn__year: '2026',
      urgency: 'within_weeks',
      title: '',
    });
    assert.equal(res.statusCode, 303);
    const caseId = String(res.headers.location).split('/').pop()!;
    const page = await me.agent.get(`/cases/${caseId}`);
    assert.equal(page.statusCode, 200);
    assert.equal(html(page.body).text('h1'), 'Lumbar disc herniation');
    assert.match(page.body, /Spinal fusion surgery/);
    assert.match(page.body, /November 20, 2026/);
    assert.match(page.body, /usa-process-list/);
    for (let n = 1; n <= 9; n++) assert.match(page.body, new RegExp(`>${n}\\. `), `step ${n} shown`);
    assert.doesNotMatch(page.body, /The doctor wants treatment to start soon/, 'no urgency box unless urgent');
  });

  test('an urgent case says first: emergencies need care now, and asks how long it is safe to wait, with sources', async () => {
    const caseId = await buildCase(t.deps, me, { urgency: 'right_away' });
    const page = await me.agent.get(`/cases/${caseId}`);
    assert.match(page.body, /call 911/);
    assert.match(page.body, /How long is it safe to wait/);
    // No promise that a few weeks is safe, and no retired cancer.gov page as its source.
    assert.doesNotMatch(page.body, /few weeks to get a second opinion|cancertopics\/wyntk/);
    assert.ok(
      html(page.body).has(
        '.so-source a[href="https://www.medicare.gov/what-medicare-covers/what-part-b-covers/get-a-second-opinion-before-surgery"]',
      ),
    );
    assert.ok(
      html(page.body).has(
        '.so-source a[href="https://www.aarp.org/health/conditions-treatments/info-2019/getting-second-medical-opinions.html"]',
      ),
    );
  });

  test('bad input: diagnosis needed when diagnosed, symptoms when not, no future dates; values kept; nothing saved', async () => {
    const before = await caseCount();
    const a = await me.agent.post('/cases/new', {
      patientId: me.patientId,
      diagnosisStatus: 'diagnosed',
      diagnosis: '',
      urgency: 'no_rush',
      proposedTreatment: 'Keep me',
    });
    assert.equal(a.statusCode, 400);
    assert.match(a.body, /Write what the doctor called it/);
    assert.match(a.body, />Keep me<\/textarea>/);
    const b = await me.agent.post('/cases/new', {
      patientId: me.patientId,
      diagnosisStatus: 'no_diagnosis',
      urgency: 'no_rush',
    });
    assert.match(b.body, /Describe the symptoms or problems/);
    const c = await me.agent.post('/cases/new', {
      patientId: me.patientId,
      diagnosisStatus: 'no_diagnosis',
      symptoms: 'Tired',
      urgency: 'no_rush',
      toldOn__month: '1',
      toldOn__day: '1',
      toldOn__year: '2027',
    });
    assert.match(c.body, /This date is in the future/);
    const d = await me.agent.post('/cases/new', {
      patientId: me.patientId,
      diagnosisStatus: 'no_diagnosis',
      symptoms: 'Tired',
    });
    assert.match(d.body, /Choose how soon the doctor said to start/);
    const all = await me.agent.post('/cases/new', {
      patientId: me.patientId,
      diagnosisStatus: 'diagnosed',
      diagnosis: '',
    });
    assert.match(all.body, /Write what the doctor called it/, 'every problem is listed at once');
    assert.match(all.body, /Choose how soon the doctor said to start/);
    const e = await me.agent.post('/cases/new', {
      patientId: me.patientId,
      diagnosisStatus: 'no_diagnosis',
      symptoms: 'x'.repeat(2001),
      urgency: 'no_rush',
    });
    assert.match(e.body, /too long/);
    assert.equal(await caseCount(), before);
  });

  test('a case cannot be started for someone I do not help', async () => {
    const stranger = await buildUser(t);
    const before = await caseCount();
    const res = await me.agent.post('/cases/new', {
      patientId: stranger.patientId,
      diagnosisStatus: 'no_diagnosis',
      symptoms: 'x',
      urgency: 'no_rush',
    });
    assert.equal(res.statusCode, 400);
    assert.doesNotMatch(res.body, new RegExp(stranger.displayName));
    const apiRes = await api(t.app, me.apiToken).post('/api/v1/cases', {
      patientId: stranger.patientId,
      diagnosisStatus: 'no_diagnosis',
      symptoms: 'x',
      urgency: 'no_rush',
    });
    assert.equal(apiRes.statusCode, 400);
    assert.equal(await caseCount(), before);
  });

  test('edit, then archive and restore; nothing is ever deleted', async () => {
    const caseId = await buildCase(t.deps, me, { diagnosis: 'Atrial fibrillation' });
    const edit = await me.agent.post(`/cases/${caseId}/edit`, {
      diagnosisStatus: 'no_diagnosis',
      symptoms: 'Racing heart',
      urgency: 'no_rush',
      title: 'Heart rhythm',
    });
    assert.equal(edit.statusCode, 303);
    const row = await t.deps.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(row.diagnosis, null, 'switching to "no diagnosis" clears the old diagnosis');
    assert.equal(row.title, 'Heart rhythm');
    assert.equal((await me.agent.post(`/cases/${caseId}/archive`)).statusCode, 303);
    assert.doesNotMatch((await me.agent.get('/dashboard')).body, /Heart rhythm/);
    assert.match((await me.agent.get('/dashboard?archived=1')).body, /Heart rhythm/);
    assert.equal((await me.agent.get(`/cases/${caseId}`)).statusCode, 200, 'archived cases stay readable');
    assert.equal((await me.agent.post(`/cases/${caseId}/restore`)).statusCode, 303);
    assert.match((await me.agent.get('/dashboard')).body, /Heart rhythm/);
  });

  test('the dashboard lists cases across everyone the user acts for, and can filter to one person', async () => {
    const advocate = await buildUser(t);
    const clientA = await buildPatient(t.deps, advocate, {
      displayName: 'Client Alma',
      role: 'advocate',
      relationship: 'client',
    });
    const clientB = await buildPatient(t.deps, advocate, {
      displayName: 'Client Bert',
      role: 'advocate',
      relationship: 'client',
    });
    await buildCase(t.deps, { userId: advocate.userId, patientId: clientA }, { title: 'Alma kidney' });
    await buildCase(t.deps, { userId: advocate.userId, patientId: clientB }, { title: 'Bert lungs' });
    // A helper on someone else's patient sees that patient's cases too.
    const friend = await buildUser(t, { displayName: 'Friend Fay' });
    await buildCase(t.deps, friend, { title: 'Fay knee' });
    await addHelper(t.deps, friend.patientId, advocate, friend.userId);
    const dash = await advocate.agent.get('/dashboard');
    for (const title of ['Alma kidney', 'Bert lungs', 'Fay knee']) assert.match(dash.body, new RegExp(title));
    const filtered = await advocate.agent.get(`/dashboard?patientId=${clientA}`);
    assert.match(filtered.body, /Alma kidney/);
    assert.doesNotMatch(filtered.body, /Bert lungs/);
    // A foreign patient id in the filter shows everyone's own list, never the foreign cases.
    const foreign = await advocate.agent.get(`/dashboard?patientId=${me.patientId}`);
    assert.equal(foreign.statusCode, 200);
    const apiList = await api(t.app, advocate.apiToken).get('/api/v1/cases');
    assert.equal(apiList.json().cases.length, 3);
  });

  test('API: create, read with steps, patch, archive by PATCH; validation errors are field-level', async () => {
    const created = await api(t.app, me.apiToken).post('/api/v1/cases', {
      patientId: me.patientId,
      diagnosisStatus: 'no_diagnosis',
      symptoms: 'Headaches every morning',
      urgency: 'not_said',
    });
    assert.equal(created.statusCode, 201);
    const c = created.json() as { id: string; displayTitle: string };
    assert.equal(c.displayTitle, 'Symptoms without a diagnosis yet');
    const one = await api(t.app, me.apiToken).get(`/api/v1/cases/${c.id}`);
    assert.equal(one.json().steps.length, 9);
    assert.equal(one.json().steps[0].status, 'done');
    const patched = await api(t.app, me.apiToken).patch(`/api/v1/cases/${c.id}`, {
      diagnosisStatus: 'diagnosed',
      diagnosis: 'Migraine',
    });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.json().diagnosis, 'Migraine');
    const bad = await api(t.app, me.apiToken).patch(`/api/v1/cases/${c.id}`, {
      diagnosis: null,
      diagnosisStatus: 'diagnosed',
      urgency: 'whenever',
    });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fields.urgency);
    const archived = await api(t.app, me.apiToken).patch(`/api/v1/cases/${c.id}`, { archived: true });
    assert.ok(archived.json().archivedAt);
    const missing = await api(t.app, me.apiToken).post('/api/v1/cases', { patientId: me.patientId });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(Object.keys(missing.json().error.fields).sort(), ['diagnosisStatus', 'urgency']);
  });
});
