import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addHelper, type BuiltUser, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { page } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

const valid = {
  displayName: 'Elena Diaz',
  relationship: 'parent',
  role: 'helper',
  dateOfBirth__month: '3',
  dateOfBirth__day: '9',
  dateOfBirth__year: '1948',
  zip: '60614',
  consentMethod: 'signed_authorization',
  consentNote: '',
};

forEachDialect('patients and consent', (dialect) => {
  let t: TestApp;
  let me: BuiltUser;
  before(async () => {
    t = await buildTestApp(dialect);
    me = await buildUser(t);
  });
  after(() => t.close());

  const count = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom('patients')
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('adding someone I help records how they agreed', async () => {
    const res = await me.agent.post('/patients/new', valid);
    assert.equal(res.statusCode, 303);
    const patientId = String(res.headers.location).split('/').pop()!;
    const page = await me.agent.get(`/patients/${patientId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Elena Diaz/);
    assert.match(page.body, /March 9, 1948/);
    assert.match(page.body, /They signed a written permission/);
    const m = await t.deps.db
      .selectFrom('memberships')
      .selectAll()
      .where('patient_id', '=', patientId)
      .executeTakeFirstOrThrow();
    assert.equal(m.role, 'helper');
    assert.equal(m.relationship, 'parent');
    assert.equal(m.consent_method, 'signed_authorization');
    assert.equal(m.consent_recorded_at, t.clock.now().toISOString());
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('patient_id', '=', patientId)
      .orderBy('seq')
      .execute();
    assert.deepEqual(audit.map((a) => a.action).slice(0, 3), ['patient.create', 'consent.record', 'patient.view']);
  });

  test('consent is required, "another way" needs a note, and bad dates and ZIPs are refused; nothing is saved', async () => {
    const before = await count();
    const res = await me.agent.post('/patients/new', {
      ...valid,
      consentMethod: '',
      dateOfBirth__year: '2030',
      zip: '123',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Choose how they agreed to your help/);
    assert.match(res.body, /This date is in the future/);
    assert.match(res.body, /Enter a 5-digit ZIP code/);
    assert.ok(page(res.body).has('input[value="Elena Diaz"]'), 'typed values are kept');
    const other = await me.agent.post('/patients/new', { ...valid, consentMethod: 'other' });
    assert.match(other.body, /Describe how they agreed/);
    const halfDate = await me.agent.post('/patients/new', { ...valid, dateOfBirth__day: '' });
    assert.match(halfDate.body, /Enter a real date/);
    const feb30 = await me.agent.post('/patients/new', { ...valid, dateOfBirth__month: '2', dateOfBirth__day: '30' });
    assert.match(feb30.body, /Enter a real date/);
    assert.equal(await count(), before);
  });

  test('editing a profile, and only by someone allowed to', async () => {
    const res = await me.agent.post('/patients/new', valid);
    const patientId = String(res.headers.location).split('/').pop()!;
    const edit = await me.agent.post(`/patients/${patientId}/edit`, { displayName: 'Elena M. Diaz', zip: '60615' });
    assert.equal(edit.statusCode, 303);
    const p = await t.deps.db.selectFrom('patients').selectAll().where('id', '=', patientId).executeTakeFirstOrThrow();
    assert.equal(p.display_name, 'Elena M. Diaz');
    assert.equal(p.date_of_birth, null, 'a cleared date is cleared');
    // A helper added later may view but not edit the profile.
    const helper = await buildUser(t);
    await addHelper(t.deps, patientId, helper, me.userId);
    assert.equal((await helper.agent.get(`/patients/${patientId}`)).statusCode, 200);
    assert.equal((await helper.agent.get(`/patients/${patientId}/edit`)).statusCode, 404);
    assert.equal((await helper.agent.post(`/patients/${patientId}/edit`, { displayName: 'Hacked' })).statusCode, 404);
  });

  test('the creator removes a helper; the helper loses access at once; history is kept', async () => {
    const res = await me.agent.post('/patients/new', valid);
    const patientId = String(res.headers.location).split('/').pop()!;
    const helper = await buildUser(t);
    const membershipId = await addHelper(t.deps, patientId, helper, me.userId);
    assert.equal((await helper.agent.get(`/patients/${patientId}`)).statusCode, 200);
    // A helper cannot remove others.
    assert.equal((await helper.agent.post(`/patients/${patientId}/members/${membershipId}/remove`)).statusCode, 404);
    const removed = await me.agent.post(`/patients/${patientId}/members/${membershipId}/remove`);
    assert.equal(removed.statusCode, 303);
    assert.equal((await helper.agent.get(`/patients/${patientId}`)).statusCode, 404);
    const row = await t.deps.db
      .selectFrom('memberships')
      .selectAll()
      .where('id', '=', membershipId)
      .executeTakeFirstOrThrow();
    assert.equal(row.removed_by, me.userId);
    const own = await t.deps.db
      .selectFrom('memberships')
      .select('id')
      .where('patient_id', '=', patientId)
      .where('user_id', '=', me.userId)
      .executeTakeFirstOrThrow();
    assert.equal(
      (await me.agent.post(`/patients/${patientId}/members/${own.id}/remove`)).statusCode,
      404,
      'cannot remove yourself',
    );
  });

  test('"Who has seen my information" lists every access, including the helper’s, newest first', async () => {
    const res = await me.agent.post('/patients/new', valid);
    const patientId = String(res.headers.location).split('/').pop()!;
    const helper = await buildUser(t, { displayName: 'Helper Hannah' });
    await addHelper(t.deps, patientId, helper, me.userId);
    await helper.agent.get(`/patients/${patientId}`);
    const page = await me.agent.get(`/patients/${patientId}/activity`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Helper Hannah/);
    assert.match(page.body, /Looked at this person’s details/);
    assert.match(page.body, /Recorded how this person agreed to help/);
    const apiRes = await api(t.app, me.apiToken).get(`/api/v1/audit?patientId=${patientId}`);
    assert.equal(apiRes.statusCode, 200);
    const entries = apiRes.json().entries as { seq: number; action: string; actorName: string | null }[];
    assert.ok(entries.length >= 4);
    assert.ok(entries[0]!.seq > entries.at(-1)!.seq, 'newest first');
    assert.ok(entries.some((e) => e.actorName === 'Helper Hannah' && e.action === 'patient.view'));
  });

  test('API: list, add (consent required) and read patients', async () => {
    const list = await api(t.app, me.apiToken).get('/api/v1/patients');
    assert.equal(list.statusCode, 200);
    const patients = list.json().patients as { id: string; isSelf: boolean }[];
    assert.ok(patients[0]!.isSelf, 'own profile first');
    const bad = await api(t.app, me.apiToken).post('/api/v1/patients', {
      displayName: 'No Consent',
      relationship: 'friend',
      role: 'helper',
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields.consentMethod, 'Choose how they agreed to your help.');
    const ok = await api(t.app, me.apiToken).post('/api/v1/patients', {
      displayName: 'Client Carl',
      relationship: 'client',
      role: 'advocate',
      consentMethod: 'signed_authorization',
      dateOfBirth: '1952-07-01',
    });
    assert.equal(ok.statusCode, 201);
    const one = await api(t.app, me.apiToken).get(`/api/v1/patients/${ok.json().id}`);
    assert.equal(one.json().role, 'advocate');
    assert.equal(one.json().dateOfBirth, '1952-07-01');
  });
});
