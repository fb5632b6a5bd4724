// The household's clock decides "today"; pin it so the fixed test clock means the same day everywhere.
process.env.TZ = 'UTC';

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { buildAppointment, buildCandidate } from '../builders/doctors-tasks.ts';
import { type BuiltUser, buildCase, buildPatient, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { checkedValue, fieldValue, pageText } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

forEachDialect('choosing the path and the doctor', (dialect) => {
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
    caseId = await buildCase(t.deps, me, { urgency: 'within_weeks', doctorName: 'Dr. Ada Lovelace' });
  });

  const tasks = (kind: string) =>
    t.deps.db.selectFrom('tasks').selectAll().where('case_id', '=', caseId).where('kind', '=', kind).execute();
  const stepOf = async () => {
    const res = await api(t.app, me.apiToken).get(`/api/v1/cases/${caseId}`);
    return (JSON.parse(res.body) as { steps: { slug: string; status: string }[] }).steps.find(
      (s) => s.slug === 'doctors',
    )!.status;
  };

  test('the page explains both paths with sources, and says no permission is needed', async () => {
    const res = await me.agent.get(`/cases/${caseId}/doctors`);
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(text, /You do not need your doctor’s permission to get a second opinion/);
    assert.match(text, /Ask my own doctor for a referral/);
    assert.match(text, /Find a doctor on my own/);
    assert.match(text, /look at everything again on their own/);
    assert.match(res.body, /href="https:\/\/www\.aarp\.org\//);
    assert.equal(await stepOf(), 'not_started');
  });

  test('choosing no path is refused; the referral path adds a task and opens a letter made from the case', async () => {
    const bad = await me.agent.post(`/cases/${caseId}/doctors/path`, {});
    assert.equal(bad.statusCode, 400);
    assert.match(pageText(bad.body), /Choose which way you want to go\./);
    assert.equal(
      (await t.deps.db.selectFrom('doctor_paths').selectAll().execute()).filter((p) => p.case_id === caseId).length,
      0,
    );

    const res = await me.agent.post(`/cases/${caseId}/doctors/path`, { path: 'referral' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/cases/${caseId}/doctors/referral`);
    const [task] = await tasks('ask_referral');
    assert.equal(task!.title, 'Ask Dr. Ada Lovelace for a referral, and give them the letter');
    assert.equal(task!.due_on, '2026-11-30');
    assert.equal(await stepOf(), 'in_progress');

    const letterPage = await me.agent.get(`/cases/${caseId}/doctors/referral`);
    const letter = fieldValue(letterPage.body, 'letter')!;
    assert.match(letter, /^November 27, 2026/);
    assert.match(letter, /Dear Dr\. Ada Lovelace,/);
    assert.match(letter, /You told me that I have Ductal carcinoma of the left breast\./);
    assert.match(letter, /You suggested Mastectomy\./);
    assert.match(letter, /Sincerely,\nRosa Parks/);
    assert.equal(checkedValue((await me.agent.get(`/cases/${caseId}/doctors`)).body, 'path'), 'referral');
  });

  test('the letter can be edited, printed, marked as given, and reset', async () => {
    const empty = await me.agent.post(`/cases/${caseId}/doctors/referral`, { intent: 'save', letter: '   ' });
    assert.equal(empty.statusCode, 400);
    assert.match(pageText(empty.body), /The letter is empty/);

    const mine = 'Dear Dr. Lovelace,\n\nPlease refer me to Dr. Hopper.\n\nRosa';
    assert.equal(
      (await me.agent.post(`/cases/${caseId}/doctors/referral`, { intent: 'save', letter: mine })).statusCode,
      303,
    );
    assert.equal(fieldValue((await me.agent.get(`/cases/${caseId}/doctors/referral`)).body, 'letter'), mine);

    const print = await me.agent.get(`/cases/${caseId}/doctors/referral/print`);
    assert.equal(print.statusCode, 200);
    assert.match(print.body, /class="so-letter"/);
    assert.match(pageText(print.body), /Please refer me to Dr\. Hopper\./);
    assert.ok(!print.body.includes('<textarea'), 'the print page holds the letter, not the form');

    await me.agent.post(`/cases/${caseId}/doctors/path`, { path: 'referral' });
    const asked = await me.agent.post(`/cases/${caseId}/doctors/referral`, { intent: 'asked' });
    assert.equal(asked.statusCode, 303);
    assert.ok((await tasks('ask_referral'))[0]!.done_at);
    assert.match(
      pageText((await me.agent.get(`/cases/${caseId}/doctors/referral`)).body),
      /You gave or sent it on November 27, 2026\./,
    );

    await me.agent.post(`/cases/${caseId}/doctors/referral`, { intent: 'reset' });
    assert.match(
      fieldValue((await me.agent.get(`/cases/${caseId}/doctors/referral`)).body, 'letter')!,
      /Dear Dr\. Ada Lovelace,/,
    );
  });

  test('on one’s own: where to look, and for a cancer case the NCI centers, filtered by the patient’s state', async () => {
    const mom = await buildPatient(t.deps, me, { displayName: 'Mom' }); // ZIP 60614: Illinois
    const momsCase = await buildCase(
      t.deps,
      { userId: me.userId, patientId: mom },
      { diagnosis: 'Stage 2 breast cancer' },
    );
    const res = await me.agent.get(`/cases/${momsCase}/doctors/find`);
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(text, /patient groups, advocacy groups and support groups/);
    assert.match(text, /people who have the same diagnosis/);
    assert.match(text, /1-800-4-CANCER/);
    assert.match(text, /Showing Illinois, from the ZIP code on the profile\./);
    assert.match(text, /Robert H\. Lurie Comprehensive Cancer Center/);
    assert.ok(!text.includes('MD Anderson'), 'a Texas center is not in the Illinois list');
    assert.match(res.body, /href="https:\/\/www\.cancer\.gov\/research\/infrastructure\/cancer-centers\/find\/[a-z]+"/);

    const texas = pageText((await me.agent.get(`/cases/${momsCase}/doctors/find?state=TX`)).body);
    assert.match(texas, /MD Anderson/);
    assert.ok(!texas.includes('Lurie'));
    const all = pageText((await me.agent.get(`/cases/${momsCase}/doctors/find?state=`)).body);
    assert.match(all, /68 center\(s\) shown\./);
    const unknown = pageText((await me.agent.get(`/cases/${momsCase}/doctors/find?state=ZZ`)).body);
    assert.match(unknown, /68 center\(s\) shown\./, 'a state that is not on the list shows all, never an error');
  });

  test('the center list is hidden for a case that is not about cancer, and shown on request', async () => {
    const heart = await buildCase(t.deps, me, { diagnosis: 'Heart failure', proposedTreatment: 'Valve replacement' });
    const hidden = pageText((await me.agent.get(`/cases/${heart}/doctors/find`)).body);
    assert.match(hidden, /It is hidden because the case does not mention cancer/);
    assert.ok(!hidden.includes('Lurie'));
    assert.ok(!hidden.includes('1-800-4-CANCER'));
    const shown = pageText((await me.agent.get(`/cases/${heart}/doctors/find?centers=1`)).body);
    assert.match(shown, /68 center\(s\) shown\./, 'the person’s own profile has no ZIP code, so every state');
    // A repeated name in the query string arrives as a list: read as not given, never an error.
    const twice = await me.agent.get(`/cases/${heart}/doctors/find?state=IL&state=TX`);
    assert.equal(twice.statusCode, 200);
    assert.match(pageText(twice.body), /It is hidden because the case does not mention cancer/);
  });

  test('a candidate doctor: bad input kept and refused; then added, changed and taken off the list', async () => {
    const bad = await me.agent.post(`/cases/${caseId}/doctors/new`, {
      name: '',
      specialty: 'Oncology',
      phone: '555',
      inNetwork: 'maybe',
      notes: 'From the support group',
    });
    assert.equal(bad.statusCode, 400);
    const text = pageText(bad.body);
    assert.match(text, /Write the doctor’s name\./);
    assert.match(text, /Enter a phone number with at least 7 digits/);
    assert.match(text, /Choose whether the doctor is in the network\./);
    assert.equal(fieldValue(bad.body, 'specialty'), 'Oncology');
    assert.equal(fieldValue(bad.body, 'notes'), 'From the support group');
    assert.equal(
      (await t.deps.db.selectFrom('doctor_candidates').selectAll().where('case_id', '=', caseId).execute()).length,
      0,
    );

    const prefilled = await me.agent.get(
      `/cases/${caseId}/doctors/new?practice=Yale%20Cancer%20Center&address=New%20Haven%2C%20Connecticut`,
    );
    assert.equal(fieldValue(prefilled.body, 'practice'), 'Yale Cancer Center');
    assert.equal(checkedValue(prefilled.body, 'inNetwork'), 'unknown');

    const ok = await me.agent.post(`/cases/${caseId}/doctors/new`, {
      name: 'Dr. Grace Hopper',
      specialty: 'Breast surgery',
      practice: 'Yale Cancer Center',
      phone: '(203) 555-0100',
      address: 'New Haven, Connecticut',
      inNetwork: 'yes',
    });
    assert.equal(ok.statusCode, 303);
    const [row] = await t.deps.db.selectFrom('doctor_candidates').selectAll().where('case_id', '=', caseId).execute();
    assert.equal(row!.source, 'manual');
    assert.equal(row!.npi, null);
    const page = pageText((await me.agent.get(`/cases/${caseId}/doctors`)).body);
    assert.match(page, /Dr\. Grace Hopper/);
    assert.match(page, /Yes, in the network/);
    assert.equal((await tasks('book_appointment'))[0]!.due_on, '2026-12-04');
    assert.equal(await stepOf(), 'in_progress');

    const edit = await me.agent.post(`/cases/${caseId}/doctors/${row!.id}/edit`, {
      name: 'Dr. Grace M. Hopper',
      inNetwork: 'no',
    });
    assert.equal(edit.statusCode, 303);
    assert.match(
      pageText((await me.agent.get(`/cases/${caseId}/doctors`)).body),
      /Dr\. Grace M\. Hopper.*No, outside the network/,
    );

    const removed = await me.agent.post(`/cases/${caseId}/doctors/${row!.id}/remove`);
    assert.equal(removed.statusCode, 303);
    assert.ok(!pageText((await me.agent.get(`/cases/${caseId}/doctors`)).body).includes('Hopper'));
    const kept = await t.deps.db
      .selectFrom('doctor_candidates')
      .select('removed_at')
      .where('id', '=', row!.id)
      .executeTakeFirstOrThrow();
    assert.ok(kept.removed_at, 'taken off the list, not deleted');
    assert.equal((await me.agent.get(`/cases/${caseId}/doctors/${row!.id}/edit`)).statusCode, 404);
  });

  test('an appointment: a past date is refused with the reason; a saved one completes booking, adds a task and goes in the calendar', async () => {
    const doctorId = await buildCandidate(t.deps, me, caseId, {
      name: 'Dr. Grace Hopper',
      address: '1 Elm St, New Haven',
    });
    const form = await me.agent.get(`/cases/${caseId}/doctors/${doctorId}/appointments/new`);
    assert.equal(fieldValue(form.body, 'place'), '1 Elm St, New Haven', 'the doctor’s address is suggested');

    const past = await me.agent.post(`/cases/${caseId}/doctors/${doctorId}/appointments/new`, {
      date__month: '11',
      date__day: '26',
      date__year: '2026',
      time: '9:30 am',
      mode: 'in_person',
      place: '1 Elm St',
      notes: 'Bring the disc',
    });
    assert.equal(past.statusCode, 400);
    assert.match(pageText(past.body), /This date has already passed\. Enter today or a later date\./);
    assert.equal(fieldValue(past.body, 'notes'), 'Bring the disc');
    assert.equal(fieldValue(past.body, 'time'), '9:30 am');

    const noPlace = await me.agent.post(`/cases/${caseId}/doctors/${doctorId}/appointments/new`, {
      date: '2026-12-10',
      time: '25:00',
      mode: 'in_person',
    });
    assert.equal(noPlace.statusCode, 400);
    assert.match(pageText(noPlace.body), /Write the address of the visit\./);
    assert.match(pageText(noPlace.body), /Enter a time like 2:30 PM\./);
    assert.equal(
      (await t.deps.db.selectFrom('doctor_appointments').selectAll().where('case_id', '=', caseId).execute()).length,
      0,
    );

    await me.agent.post(`/cases/${caseId}/doctors/path`, { path: 'own' });
    const ok = await me.agent.post(`/cases/${caseId}/doctors/${doctorId}/appointments/new`, {
      date: '2026-12-10',
      time: '2:15 PM',
      mode: 'video',
      place: '',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal(await stepOf(), 'done');
    const page = pageText((await me.agent.get(`/cases/${caseId}/doctors`)).body);
    assert.match(page, /Coming up December 10, 2026 at 2:15 PM/);
    assert.match(page, /By video/);
    const [prep] = await tasks('prepare_visit');
    assert.equal(prep!.due_on, '2026-12-08');
    assert.match(prep!.title, /Dr\. Grace Hopper/);

    const cal = ICAL.Component.fromString((await me.agent.get(`/cases/${caseId}/calendar.ics`)).body);
    const visit = cal
      .getAllSubcomponents('vevent')
      .map((e) => new ICAL.Event(e))
      .find((e) => e.summary.startsWith('Video visit'))!;
    assert.equal(visit.summary, 'Video visit with Dr. Grace Hopper');
    assert.equal(visit.startDate.toString(), '2026-12-10T14:15:00');
    assert.equal(visit.startDate.isDate, false);
  });

  test('moving a visit into the past is refused; an old visit can still be edited; a cancelled one leaves the calendar', async () => {
    const doctorId = await buildCandidate(t.deps, me, caseId, { name: 'Dr. Grace Hopper' });
    // A visit that has already happened (written down back then).
    const old = await buildAppointment(t.deps, me, caseId, doctorId, {
      date: '2026-11-20',
      time: '10:00',
      mode: 'phone',
      place: undefined,
    });
    const notes = await me.agent.post(`/cases/${caseId}/doctors/appointments/${old}/edit`, {
      date: '2026-11-20',
      time: '10:00',
      mode: 'phone',
      notes: 'She agreed with the plan.',
    });
    assert.equal(notes.statusCode, 303, 'keeping a past date while adding notes is fine');
    assert.match(pageText((await me.agent.get(`/cases/${caseId}/doctors`)).body), /Past November 20, 2026 at 10:00 AM/);

    await me.agent.post(`/cases/${caseId}/doctors/${doctorId}/appointments/new`, {
      date: '2026-12-01',
      time: '10:00',
      mode: 'phone',
    });
    const appt = await t.deps.db
      .selectFrom('doctor_appointments')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('starts_on', '=', '2026-12-01')
      .executeTakeFirstOrThrow();
    const back = await me.agent.post(`/cases/${caseId}/doctors/appointments/${appt.id}/edit`, {
      date: '2026-11-21',
      time: '10:00',
      mode: 'phone',
    });
    assert.equal(back.statusCode, 400);
    assert.match(pageText(back.body), /This date has already passed/);

    await me.agent.post(`/cases/${caseId}/doctors/appointments/${appt.id}/edit`, {
      date: '2026-12-15',
      time: '10:00',
      mode: 'phone',
    });
    assert.equal((await tasks('prepare_visit'))[0]!.due_on, '2026-12-13', 'the getting-ready task follows the visit');
    const cancel = await me.agent.post(`/cases/${caseId}/doctors/appointments/${appt.id}/cancel`);
    assert.equal(cancel.statusCode, 303);
    assert.ok((await tasks('prepare_visit'))[0]!.done_at);
    assert.match(pageText((await me.agent.get(`/cases/${caseId}/doctors`)).body), /Cancelled/);
    const cal = ICAL.Component.fromString((await me.agent.get(`/cases/${caseId}/calendar.ics`)).body);
    const uids = cal.getAllSubcomponents('vevent').map((e) => String(e.getFirstPropertyValue('uid')));
    assert.ok(!uids.includes(`appointment-${appt.id}@second-opinion`), 'the cancelled visit is gone');
    assert.ok(uids.includes(`appointment-${old}@second-opinion`), 'the past visit stays');
    assert.equal((await me.agent.get(`/cases/${caseId}/doctors/appointments/${appt.id}/edit`)).statusCode, 404);
    assert.equal(await stepOf(), 'done', 'the earlier visit still counts');
  });

  describe('the API', () => {
    test('doctors and appointments: add, list, and the same refusals as the pages', async () => {
      const client = api(t.app, me.apiToken);
      const bad = await client.post(`/api/v1/cases/${caseId}/doctors`, { name: '', inNetwork: 'yes' });
      assert.equal(bad.statusCode, 400);
      assert.equal(JSON.parse(bad.body).error.fields.name, 'Write the doctor’s name.');

      const added = await client.post(`/api/v1/cases/${caseId}/doctors`, {
        name: 'Dr. Grace Hopper',
        inNetwork: 'unknown',
        phone: '312-555-0100',
      });
      assert.equal(added.statusCode, 201);
      const doctor = JSON.parse(added.body) as { id: string; source: string };
      assert.equal(doctor.source, 'manual');

      const otherCase = await buildCase(t.deps, me);
      const foreignDoctor = await buildCandidate(t.deps, me, otherCase);
      const wrong = await client.post(`/api/v1/cases/${caseId}/appointments`, {
        doctorId: foreignDoctor,
        date: '2026-12-10',
        time: '10:00',
        mode: 'video',
      });
      assert.equal(wrong.statusCode, 400);
      assert.equal(JSON.parse(wrong.body).error.fields.doctorId, 'Choose a doctor from the list for this case.');
      const past = await client.post(`/api/v1/cases/${caseId}/appointments`, {
        doctorId: doctor.id,
        date: '2026-11-01',
        time: '10:00',
        mode: 'video',
      });
      assert.equal(past.statusCode, 400);
      assert.match(JSON.parse(past.body).error.fields.date, /already passed/);
      assert.equal(
        (await t.deps.db.selectFrom('doctor_appointments').selectAll().where('case_id', '=', caseId).execute()).length,
        0,
      );

      const appt = await client.post(`/api/v1/cases/${caseId}/appointments`, {
        doctorId: doctor.id,
        date: '2026-12-10',
        time: '3 pm',
        mode: 'in_person',
        place: 'Main St 1',
      });
      assert.equal(appt.statusCode, 201);
      assert.equal(JSON.parse(appt.body).time, '15:00');

      const path = await client.put(`/api/v1/cases/${caseId}/doctors/path`, { path: 'own' });
      assert.equal(path.statusCode, 200);
      const all = JSON.parse(path.body) as {
        path: string;
        candidates: unknown[];
        appointments: { doctorName: string }[];
      };
      assert.equal(all.path, 'own');
      assert.equal(all.candidates.length, 1);
      assert.equal(all.appointments[0]!.doctorName, 'Dr. Grace Hopper');
      const listed = JSON.parse((await client.get(`/api/v1/cases/${caseId}/appointments`)).body) as {
        appointments: unknown[];
      };
      assert.equal(listed.appointments.length, 1);
    });
  });
});
