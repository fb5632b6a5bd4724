import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addHelper, type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { fieldValue, page } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// Lost updates (issue 13): two people saving the same case at once must never silently
// overwrite each other. The API answers an ETag and honours If-Match; partial changes
// without If-Match merge onto the newest version; pages show "someone changed this".

forEachDialect('cases: saving at the same time', (dialect) => {
  let t: TestApp;
  let me: BuiltUser;
  before(async () => {
    t = await buildTestApp(dialect);
    me = await buildUser(t);
  });
  after(() => t.close());

  const stored = (caseId: string) =>
    t.deps.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();

  test('the API sends the version as an ETag; a change against an older version gets 412 and changes nothing', async () => {
    const caseId = await buildCase(t.deps, me);
    const client = api(t.app, me.apiToken);
    const read = await client.get(`/api/v1/cases/${caseId}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.headers.etag, '"1"');
    assert.equal(read.json().version, 1);

    const first = await client.patch(`/api/v1/cases/${caseId}`, { doctorName: 'Dr. First' }, { 'if-match': '"1"' });
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers.etag, '"2"');
    const late = await client.patch(`/api/v1/cases/${caseId}`, { doctorName: 'Dr. Late' }, { 'if-match': '"1"' });
    assert.equal(late.statusCode, 412);
    assert.equal(late.json().error.code, 'stale_write');
    assert.match(late.json().error.message, /changed this after you read it/);
    assert.equal((await stored(caseId)).doctor_name, 'Dr. First');
    const junk = await client.patch(`/api/v1/cases/${caseId}`, { doctorName: 'Dr. Junk' }, { 'if-match': 'not-a-tag' });
    assert.equal(junk.statusCode, 412);
    assert.equal((await stored(caseId)).version, 2);
  });

  test('many partial changes at once, each to another field, all land (none lost)', async () => {
    const caseId = await buildCase(t.deps, me, { proposedTreatment: 'Mastectomy' });
    const client = api(t.app, me.apiToken);
    const changes = [
      { doctorName: 'Dr. Ana Ruiz' },
      { doctorSpecialty: 'Breast surgeon' },
      { title: 'Mum and the breast lump' },
      { symptoms: 'A lump found in October' },
      { proposedTreatment: 'Lumpectomy and radiation' },
      { urgency: 'within_weeks' },
    ];
    const results = await Promise.all([...changes, ...changes].map((c) => client.patch(`/api/v1/cases/${caseId}`, c)));
    assert.deepEqual(
      results.map((r) => r.statusCode),
      results.map(() => 200),
    );
    const row = await stored(caseId);
    assert.equal(row.doctor_name, 'Dr. Ana Ruiz');
    assert.equal(row.doctor_specialty, 'Breast surgeon');
    assert.equal(row.title, 'Mum and the breast lump');
    assert.equal(row.symptoms, 'A lump found in October');
    assert.equal(row.proposed_treatment, 'Lumpectomy and radiation');
    assert.equal(row.urgency, 'within_weeks');
    assert.equal(row.version, 1 + results.length, 'every save raised the version once');
  });

  test('on the page: the form carries its version; a save over a newer version shows both and saves nothing', async () => {
    const caseId = await buildCase(t.deps, me, { doctorName: 'Dr. Ada Lovelace' });
    const sister = await buildUser(t);
    await addHelper(t.deps, me.patientId, sister, me.userId);
    const form = await me.agent.get(`/cases/${caseId}/edit`);
    assert.equal(fieldValue(form.body, 'version'), '1');
    const fields = {
      version: '1',
      diagnosisStatus: 'diagnosed',
      diagnosis: 'Ductal carcinoma of the left breast',
      proposedTreatment: 'Mastectomy',
      urgency: 'right_away',
      title: '',
      toldOn__month: '11',
      toldOn__day: '20',
      toldOn__year: '2026',
    };
    // The sister saves first, from the same version.
    const hers = await sister.agent.post(`/cases/${caseId}/edit`, { ...fields, doctorName: 'Dr. Grace Hopper' });
    assert.equal(hers.statusCode, 303);
    // Then this person saves what they typed on the page they opened before.
    const mine = await me.agent.post(`/cases/${caseId}/edit`, { ...fields, doctorName: 'Dr. Barbara Liskov' });
    assert.equal(mine.statusCode, 409);
    assert.match(mine.body, /Someone changed this while you were working on it/);
    assert.match(mine.body, /Dr\. Grace Hopper/, 'what is saved now is shown');
    assert.ok(page(mine.body).has('input[value="Dr. Barbara Liskov"]'), 'what this person typed stays in the form');
    assert.equal(fieldValue(mine.body, 'version'), '2', 'the next save goes over the newer version');
    assert.equal((await stored(caseId)).doctor_name, 'Dr. Grace Hopper', 'nothing saved');
    const again = await me.agent.post(`/cases/${caseId}/edit`, {
      ...fields,
      version: '2',
      doctorName: 'Dr. Barbara Liskov',
    });
    assert.equal(again.statusCode, 303);
    assert.equal((await stored(caseId)).doctor_name, 'Dr. Barbara Liskov');
  });
});
