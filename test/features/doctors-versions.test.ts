// The household's clock decides "today"; pin it so the fixed test clock means the same day everywhere.
process.env.TZ = 'UTC';

import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { buildAppointment, buildCandidate } from '../builders/doctors-tasks.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { fieldValue, pageText } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// A doctor on the list and a visit are records people edit from several phones: a save made
// from an older version is refused with both versions shown, and changes nothing (ADR 0016).

forEachDialect('doctors and visits carry versions', (dialect) => {
  let t: TestApp;
  let me: BuiltUser;
  let caseId: string;

  before(async () => {
    t = await buildTestApp(dialect);
    me = await buildUser(t, { displayName: 'Rosa Parks' });
  });
  after(() => t.close());
  beforeEach(async () => {
    t.clock.set('2026-11-27T15:00:00.000Z');
    caseId = await buildCase(t.deps, me);
  });

  const candidate = (id: string) =>
    t.deps.db.selectFrom('doctor_candidates').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const appointment = (id: string) =>
    t.deps.db.selectFrom('doctor_appointments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  test('a doctor edited from an older version: 409, both shown, nothing saved; saving again wins', async () => {
    const doctorId = await buildCandidate(t.deps, me, caseId, { name: 'Dr. Grace Hopper', specialty: 'Oncology' });
    const form = await me.agent.get(`/cases/${caseId}/doctors/${doctorId}/edit`);
    assert.equal(fieldValue(form.body, 'version'), '1');

    const first = { name: 'Dr. Grace M. Hopper', specialty: 'Oncology', inNetwork: 'yes', version: '1' };
    assert.equal((await me.agent.post(`/cases/${caseId}/doctors/${doctorId}/edit`, first)).statusCode, 303);
    assert.equal((await candidate(doctorId)).version, 2);

    // A second phone still shows version 1.
    const late = { name: 'Dr. G. Hopper', specialty: 'Breast surgery', inNetwork: 'no', version: '1' };
    const stale = await me.agent.post(`/cases/${caseId}/doctors/${doctorId}/edit`, late);
    assert.equal(stale.statusCode, 409);
    const text = pageText(stale.body);
    assert.match(text, /Someone changed this while you were working on it/);
    assert.match(text, /Dr\. Grace M\. Hopper/, 'what is saved now is shown');
    assert.equal(fieldValue(stale.body, 'name'), 'Dr. G. Hopper', 'the form keeps what the person typed');
    assert.equal(fieldValue(stale.body, 'version'), '2', 'and carries the newer version');
    const kept = await candidate(doctorId);
    assert.equal(kept.name, 'Dr. Grace M. Hopper');
    assert.equal(kept.version, 2);

    const again = await me.agent.post(`/cases/${caseId}/doctors/${doctorId}/edit`, { ...late, version: '2' });
    assert.equal(again.statusCode, 303);
    assert.equal((await candidate(doctorId)).name, 'Dr. G. Hopper');
    assert.equal((await candidate(doctorId)).version, 3);

    // Taking the doctor off the list is a change too.
    await me.agent.post(`/cases/${caseId}/doctors/${doctorId}/remove`);
    assert.equal((await candidate(doctorId)).version, 4);
  });

  test('a visit edited from an older version: 409 and nothing saved; the API shows each version', async () => {
    const doctorId = await buildCandidate(t.deps, me, caseId);
    const apptId = await buildAppointment(t.deps, me, caseId, doctorId, { date: '2026-12-10', time: '10:30' });
    const form = await me.agent.get(`/cases/${caseId}/doctors/appointments/${apptId}/edit`);
    assert.equal(fieldValue(form.body, 'version'), '1');

    const moved = { date: '2026-12-12', time: '09:00', mode: 'phone', version: '1' };
    assert.equal((await me.agent.post(`/cases/${caseId}/doctors/appointments/${apptId}/edit`, moved)).statusCode, 303);
    const late = { date: '2026-12-20', time: '14:00', mode: 'video', notes: 'Ask about the scan', version: '1' };
    const stale = await me.agent.post(`/cases/${caseId}/doctors/appointments/${apptId}/edit`, late);
    assert.equal(stale.statusCode, 409);
    assert.match(pageText(stale.body), /Someone changed this while you were working on it/);
    assert.match(pageText(stale.body), /December 12, 2026/, 'the saved date is shown');
    assert.equal(fieldValue(stale.body, 'notes'), 'Ask about the scan');
    assert.equal(fieldValue(stale.body, 'version'), '2');
    const kept = await appointment(apptId);
    assert.equal(kept.starts_on, '2026-12-12');
    assert.equal(kept.version, 2);
    const tasks = await t.deps.db
      .selectFrom('tasks')
      .select('due_on')
      .where('source_id', '=', apptId)
      .where('done_at', 'is', null)
      .execute();
    assert.deepEqual(
      tasks.map((x) => x.due_on),
      ['2026-12-10'],
      'the getting-ready task follows the saved visit, not the refused one',
    );

    const listed = JSON.parse((await api(t.app, me.apiToken).get(`/api/v1/cases/${caseId}/doctors`)).body) as {
      candidates: { id: string; version: number }[];
      appointments: { id: string; version: number }[];
    };
    assert.equal(listed.candidates.find((d) => d.id === doctorId)!.version, 1);
    assert.equal(listed.appointments.find((a) => a.id === apptId)!.version, 2);

    await me.agent.post(`/cases/${caseId}/doctors/appointments/${apptId}/cancel`);
    assert.equal((await appointment(apptId)).version, 3, 'cancelling is a change too');
  });

  test('many phones saving the same doctor and the same visit at once: exactly one of each wins', async () => {
    const doctorId = await buildCandidate(t.deps, me, caseId, { name: 'Dr. Ada Lovelace' });
    const apptId = await buildAppointment(t.deps, me, caseId, doctorId, { date: '2026-12-10', time: '10:30' });
    const names = Array.from({ length: 6 }, (_, i) => `Dr. Ada Lovelace ${i}`);
    const doctorSaves = await Promise.all(
      names.map((name) =>
        me.agent.post(`/cases/${caseId}/doctors/${doctorId}/edit`, { name, inNetwork: 'yes', version: '1' }),
      ),
    );
    const visitSaves = await Promise.all(
      names.map((_, i) =>
        me.agent.post(`/cases/${caseId}/doctors/appointments/${apptId}/edit`, {
          date: `2026-12-1${i}`,
          time: '09:00',
          mode: 'phone',
          version: '1',
        }),
      ),
    );
    for (const saves of [doctorSaves, visitSaves]) {
      const codes = saves.map((r) => r.statusCode).sort();
      assert.deepEqual(codes, [303, 409, 409, 409, 409, 409]);
    }
    const winner = names[doctorSaves.findIndex((r) => r.statusCode === 303)];
    assert.equal((await candidate(doctorId)).name, winner);
    assert.equal((await candidate(doctorId)).version, 2);
    const visit = await appointment(apptId);
    assert.equal(visit.starts_on, `2026-12-1${visitSaves.findIndex((r) => r.statusCode === 303)}`);
    assert.equal(visit.version, 2);
  });

  test('the API: one doctor with its ETag; a change with an old If-Match gets 412; without it, merged', async () => {
    const client = api(t.app, me.apiToken);
    const doctorId = await buildCandidate(t.deps, me, caseId, { name: 'Dr. Ada Lovelace', specialty: 'Oncology' });
    const url = `/api/v1/cases/${caseId}/doctors/${doctorId}`;
    const read = await client.get(url);
    assert.equal(read.statusCode, 200);
    assert.equal(read.headers.etag, '"1"');
    assert.equal(read.json().version, 1);

    const first = await client.patch(url, { phone: '(312) 555-0199' }, { 'if-match': '"1"' });
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers.etag, '"2"');
    assert.equal(first.json().name, 'Dr. Ada Lovelace', 'what was not sent stays');
    const late = await client.patch(url, { name: 'Dr. Late' }, { 'if-match': '"1"' });
    assert.equal(late.statusCode, 412);
    assert.equal(late.json().error.code, 'stale_write');
    assert.equal((await candidate(doctorId)).name, 'Dr. Ada Lovelace');

    const merged = await client.patch(url, { notes: 'Seen by a friend', specialty: '' });
    assert.equal(merged.statusCode, 200);
    assert.equal(merged.json().version, 3);
    assert.equal(merged.json().phone, '(312) 555-0199');
    assert.equal(merged.json().specialty, null, 'a field sent empty is cleared');
    const bad = await client.patch(url, { name: '' });
    assert.equal(bad.statusCode, 400);
    assert.equal((await candidate(doctorId)).version, 3);

    // Another case's doctor is not found through this case.
    const other = await buildCase(t.deps, me);
    assert.equal((await client.get(`/api/v1/cases/${other}/doctors/${doctorId}`)).statusCode, 404);
    assert.equal((await client.patch(`/api/v1/cases/${other}/doctors/${doctorId}`, { notes: 'x' })).statusCode, 404);
  });

  test('the API: a visit change is checked whole (place, past date), moves its task, honours If-Match', async () => {
    const client = api(t.app, me.apiToken);
    const doctorId = await buildCandidate(t.deps, me, caseId, { name: 'Dr. Grace Hopper' });
    const apptId = await buildAppointment(t.deps, me, caseId, doctorId, {
      date: '2026-12-10',
      time: '10:30',
      mode: 'video',
      place: undefined,
    });
    const url = `/api/v1/cases/${caseId}/appointments/${apptId}`;
    const read = await client.get(url);
    assert.equal(read.statusCode, 200);
    assert.equal(read.headers.etag, '"1"');

    const noPlace = await client.patch(url, { mode: 'in_person', place: '' });
    assert.equal(noPlace.statusCode, 400);
    assert.equal(noPlace.json().error.fields.place, 'Write the address of the visit.');
    const past = await client.patch(url, { date: '2026-11-20' });
    assert.equal(past.statusCode, 400);
    assert.match(past.json().error.fields.date, /already passed/);
    assert.equal((await appointment(apptId)).version, 1, 'refusals change nothing');

    const moved = await client.patch(url, { date: '2026-12-15', time: '3 pm' }, { 'if-match': '"1"' });
    assert.equal(moved.statusCode, 200);
    assert.equal(moved.headers.etag, '"2"');
    assert.equal(moved.json().time, '15:00');
    assert.equal(moved.json().mode, 'video');
    const prep = await t.deps.db
      .selectFrom('tasks')
      .select('due_on')
      .where('source_id', '=', apptId)
      .where('done_at', 'is', null)
      .executeTakeFirstOrThrow();
    assert.equal(prep.due_on, '2026-12-13');
    assert.equal((await client.patch(url, { notes: 'late' }, { 'if-match': '"1"' })).statusCode, 412);

    await me.agent.post(`/cases/${caseId}/doctors/appointments/${apptId}/cancel`);
    assert.equal((await client.get(url)).statusCode, 404, 'a cancelled visit can no longer be read or changed here');
    assert.equal((await client.patch(url, { notes: 'x' })).statusCode, 404);
  });

  test('the API takes a doctor off the list and cancels a visit; with an old If-Match neither happens', async () => {
    const client = api(t.app, me.apiToken);
    const doctorId = await buildCandidate(t.deps, me, caseId);
    const apptId = await buildAppointment(t.deps, me, caseId, doctorId);
    const doctorUrl = `/api/v1/cases/${caseId}/doctors/${doctorId}`;
    const visitUrl = `/api/v1/cases/${caseId}/appointments/${apptId}`;
    await client.patch(doctorUrl, { notes: 'changed' });
    await client.patch(visitUrl, { notes: 'changed' });

    assert.equal((await client.delete(doctorUrl, { 'if-match': '"1"' })).statusCode, 412);
    assert.equal((await client.delete(visitUrl, { 'if-match': '"1"' })).statusCode, 412);
    assert.equal((await candidate(doctorId)).removed_at, null);
    assert.equal((await appointment(apptId)).cancelled_at, null);

    assert.equal((await client.delete(visitUrl, { 'if-match': '"2"' })).statusCode, 204);
    assert.ok((await appointment(apptId)).cancelled_at, 'cancelled, kept');
    assert.equal((await client.delete(doctorUrl)).statusCode, 204);
    assert.ok((await candidate(doctorId)).removed_at, 'taken off the list, kept');
    assert.equal((await client.delete(doctorUrl)).statusCode, 404, 'once only');
    assert.equal((await client.delete(visitUrl)).statusCode, 404);
  });

  test('a form from before versions (no version field) still saves onto the newest', async () => {
    const doctorId = await buildCandidate(t.deps, me, caseId, { name: 'Dr. Ada Lovelace' });
    const res = await me.agent.post(`/cases/${caseId}/doctors/${doctorId}/edit`, {
      name: 'Dr. Ada King',
      inNetwork: 'unknown',
    });
    assert.equal(res.statusCode, 303);
    assert.equal((await candidate(doctorId)).name, 'Dr. Ada King');
  });
});
