// The household's clock decides "today"; pin it so the fixed test clock means the same day everywhere.
process.env.TZ = 'UTC';

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { buildAppointment, buildCandidate, buildTask } from '../builders/doctors-tasks.ts';
import { addHelper, type BuiltUser, buildCase, buildPatient, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { fieldValue, page, pageText } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

function events(ics: string) {
  return ICAL.Component.fromString(ics)
    .getAllSubcomponents('vevent')
    .map((e) => new ICAL.Event(e));
}

forEachDialect('tasks, the dashboard’s “what is due”, and the calendar file', (dialect) => {
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
    caseId = await buildCase(t.deps, me, { title: `Case ${Math.random().toString(36).slice(2, 7)}` });
  });

  const taskRow = (id: string) =>
    t.deps.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  test('the list shows any step’s task, most pressing first, with the due date in words', async () => {
    // What the records step (another feature) adds: step 'records', kind 'records_due'.
    await buildTask(t.deps, me, caseId, {
      title: 'Records from City Hospital are due',
      step: 'records',
      kind: 'records_due',
      dueOn: '2026-12-20',
      sourceType: 'record_request',
      sourceId: 'rr1',
    });
    await buildTask(t.deps, me, caseId, {
      title: 'Call the plan',
      step: 'coverage',
      kind: 'call_plan',
      dueOn: '2026-11-20',
    });
    await buildTask(t.deps, me, caseId, { title: 'Pick up the disc', dueOn: '2026-11-27' });
    await buildTask(t.deps, me, caseId, { title: 'Ask the neighbour', dueOn: null });
    await buildTask(t.deps, me, caseId, {
      title: 'Book the visit',
      step: 'doctors',
      kind: 'book_appointment',
      dueOn: '2026-11-30',
    });

    const res = await me.agent.get(`/cases/${caseId}/tasks`);
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    const order = [
      'Call the plan',
      'Pick up the disc',
      'Book the visit',
      'Records from City Hospital are due',
      'Ask the neighbour',
    ].map((s) => text.indexOf(s));
    assert.ok(order.every((i) => i > 0));
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      'overdue, today, soon, later, undated',
    );
    assert.match(text, /Overdue: was due November 20, 2026 \(7 days ago\)/);
    assert.match(text, /Due today/);
    assert.match(text, /Due in 3 days, November 30, 2026/);
    assert.match(text, /Due December 20, 2026/);
    assert.match(text, /No due date/);
    const links = page(res.body).links();
    assert.ok(
      links.some((l) => l.href === `/cases/${caseId}/records` && l.text.startsWith('Step: 6. Gather your records')),
    );
    assert.ok(
      links.some((l) => l.href === `/cases/${caseId}/coverage` && l.text.startsWith('Step: 4. Check your insurance')),
    );
  });

  test('adding your own task: bad input is refused and kept; a due date in the past is refused with the reason', async () => {
    const empty = await me.agent.post(`/cases/${caseId}/tasks`, {
      title: '  ',
      dueOn__month: '12',
      dueOn__day: '1',
      dueOn__year: '2026',
    });
    assert.equal(empty.statusCode, 400);
    assert.match(pageText(empty.body), /Write what needs doing\./);
    assert.equal(fieldValue(empty.body, 'dueOn__day'), '1');

    const past = await me.agent.post(`/cases/${caseId}/tasks`, {
      title: 'Get the slides',
      dueOn__month: '11',
      dueOn__day: '26',
      dueOn__year: '2026',
    });
    assert.equal(past.statusCode, 400);
    assert.match(pageText(past.body), /This date has already passed\. Enter today or a later date\./);
    assert.equal(fieldValue(past.body, 'title'), 'Get the slides');

    const notADate = await me.agent.post(`/cases/${caseId}/tasks`, {
      title: 'Get the slides',
      dueOn__month: '2',
      dueOn__day: '30',
      dueOn__year: '2027',
    });
    assert.equal(notADate.statusCode, 400);
    assert.match(pageText(notADate.body), /Enter a real date/);
    assert.equal((await t.deps.db.selectFrom('tasks').selectAll().where('case_id', '=', caseId).execute()).length, 0);

    const ok = await me.agent.post(`/cases/${caseId}/tasks`, {
      title: 'Get the slides',
      dueOn__month: '12',
      dueOn__day: '3',
      dueOn__year: '2026',
    });
    assert.equal(ok.statusCode, 303);
    const [row] = await t.deps.db.selectFrom('tasks').selectAll().where('case_id', '=', caseId).execute();
    assert.deepEqual([row!.title, row!.due_on, row!.kind], ['Get the slides', '2026-12-03', 'custom']);
  });

  test('marking done and not done, and changing the date, all without JavaScript', async () => {
    const id = await buildTask(t.deps, me, caseId, { title: 'Fax the form', dueOn: '2026-11-29' });
    assert.equal((await me.agent.post(`/cases/${caseId}/tasks/${id}/done`, { done: '1' })).statusCode, 303);
    assert.ok((await taskRow(id)).done_at);
    const page = pageText((await me.agent.get(`/cases/${caseId}/tasks`)).body);
    assert.match(page, /Marked done\./);
    assert.match(page, /Done Fax the form Done on November 27, 2026/);

    assert.equal((await me.agent.post(`/cases/${caseId}/tasks/${id}/done`, { done: '0' })).statusCode, 303);
    assert.equal((await taskRow(id)).done_at, null);

    const editPage = await me.agent.get(`/cases/${caseId}/tasks/${id}/edit`);
    assert.equal(editPage.statusCode, 200);
    assert.equal(fieldValue(editPage.body, 'dueOn__day'), '29', 'the current date is filled in');
    assert.match(pageText(editPage.body), /Fax the form/);
    const past = await me.agent.post(`/cases/${caseId}/tasks/${id}/edit`, { dueOn: '2026-11-01' });
    assert.equal(past.statusCode, 400);
    assert.match(pageText(past.body), /This date has already passed/);
    assert.equal((await taskRow(id)).due_on, '2026-11-29');
    assert.equal((await me.agent.post(`/cases/${caseId}/tasks/${id}/edit`, { dueOn: '2026-12-24' })).statusCode, 303);
    assert.equal((await taskRow(id)).due_on, '2026-12-24');
    assert.equal((await me.agent.post(`/cases/${caseId}/tasks/${id}/edit`, { dueOn: '' })).statusCode, 303);
    assert.equal((await taskRow(id)).due_on, null, 'the date can be cleared');

    const otherCase = await buildCase(t.deps, me);
    assert.equal(
      (await me.agent.post(`/cases/${otherCase}/tasks/${id}/done`, { done: '1' })).statusCode,
      404,
      'a task is reached through its own case only',
    );
  });

  test('an overdue task keeps its date when edited for something else; the past is only refused when the date changes', async () => {
    const id = await buildTask(t.deps, me, caseId, { dueOn: '2026-11-01' });
    const res = await api(t.app, me.apiToken).patch(`/api/v1/cases/${caseId}/tasks/${id}`, {
      dueOn: '2026-11-01',
      done: true,
    });
    assert.equal(res.statusCode, 200);
    assert.equal(JSON.parse(res.body).dueState, 'done');
  });

  test('the dashboard shows what is due across everyone the user helps, overdue first, in words', async () => {
    const u = await buildUser(t, { displayName: 'Helper Harriet' });
    const mom = await buildPatient(t.deps, u, { displayName: 'Mom Tubman' });
    const momCase = await buildCase(t.deps, { userId: u.userId, patientId: mom }, { title: 'Mom heart' });
    const ownCase = await buildCase(t.deps, u, { title: 'My knee' });
    const archived = await buildCase(t.deps, u, { title: 'Old case' });
    await t.deps.db
      .updateTable('cases')
      .set({ archived_at: '2026-11-01T00:00:00.000Z' })
      .where('id', '=', archived)
      .execute();
    await buildTask(t.deps, u, momCase, {
      title: 'Records are due back',
      step: 'records',
      kind: 'records_due',
      dueOn: '2026-12-01',
    });
    await buildTask(t.deps, u, ownCase, { title: 'Call the plan', dueOn: '2026-11-25' });
    await buildTask(t.deps, u, ownCase, { title: 'Far away task', dueOn: '2027-03-01' });
    await buildTask(t.deps, u, ownCase, { title: 'Done already', dueOn: '2026-11-26' }).then((id) =>
      t.deps.db.updateTable('tasks').set({ done_at: 'x' }).where('id', '=', id).execute(),
    );
    await buildTask(t.deps, u, archived, { title: 'Hidden with its case', dueOn: '2026-11-26' });
    // Someone else's task must never show.
    await buildTask(t.deps, me, caseId, { title: 'Not Harriet’s', dueOn: '2026-11-26' });

    const dash = await u.agent.get('/dashboard');
    assert.equal(dash.statusCode, 200);
    const text = pageText(dash.body);
    const due = text.slice(text.indexOf('What is due'), text.indexOf('Open cases'));
    assert.ok(due.indexOf('Call the plan') < due.indexOf('Records are due back'), 'overdue first');
    assert.match(due, /Overdue: was due November 25, 2026 \(2 days ago\) Call the plan My knee · for Helper Harriet/);
    assert.match(due, /Due in 4 days, December 1, 2026 Records are due back Mom heart · for Mom Tubman/);
    assert.match(due, /1 more task\(s\) are due later or have no date/);
    for (const hidden of ['Far away task', 'Done already', 'Hidden with its case', 'Not Harriet’s'])
      assert.ok(!due.includes(hidden), hidden);

    const onlyMom = pageText((await u.agent.get(`/dashboard?patientId=${mom}`)).body);
    assert.match(onlyMom, /Records are due back/);
    assert.ok(!onlyMom.includes('Call the plan'));

    const archivedView = pageText((await u.agent.get('/dashboard?archived=1')).body);
    assert.ok(!archivedView.includes('What is due'));

    const nothing = await buildUser(t);
    assert.match(pageText((await nothing.agent.get('/dashboard')).body), /Nothing is due in the next 7 days\./);

    // A helper sees the patient's tasks too; once removed, no longer.
    const membership = await addHelper(t.deps, mom, me, u.userId);
    assert.match(pageText((await me.agent.get('/dashboard')).body), /Records are due back/);
    await t.deps.db
      .updateTable('memberships')
      .set({ removed_at: '2026-11-27T00:00:00.000Z' })
      .where('id', '=', membership)
      .execute();
    assert.ok(!pageText((await me.agent.get('/dashboard')).body).includes('Records are due back'));
  });

  test('the calendar file holds appointments at their time and open due dates as all-day entries; a parser reads it', async () => {
    const doctor = await buildCandidate(t.deps, me, caseId, { name: 'Dr. Grace Hopper' });
    await buildAppointment(t.deps, me, caseId, doctor, {
      date: '2026-12-10',
      time: '14:30',
      mode: 'in_person',
      place: '1 Elm St, New Haven, CT',
    });
    await buildTask(t.deps, me, caseId, {
      title: 'Records from City Hospital are due',
      step: 'records',
      kind: 'records_due',
      dueOn: '2026-12-20',
    });
    await buildTask(t.deps, me, caseId, { title: 'Undated', dueOn: null });
    const done = await buildTask(t.deps, me, caseId, { title: 'Finished', dueOn: '2026-12-02' });
    await t.deps.db.updateTable('tasks').set({ done_at: '2026-11-27T10:00:00.000Z' }).where('id', '=', done).execute();

    const page = await me.agent.get(`/cases/${caseId}/calendar.ics`);
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/calendar/);
    assert.match(String(page.headers['content-disposition']), /^attachment; filename="second-opinion-.*\.ics"$/);
    const fromApi = await api(t.app, me.apiToken).get(`/api/v1/cases/${caseId}/calendar.ics`);
    assert.equal(fromApi.statusCode, 200);

    for (const body of [page.body, fromApi.body]) {
      const list = events(body);
      assert.deepEqual(list.map((e) => e.summary).sort(), [
        'Appointment with Dr. Grace Hopper',
        'Due: Records from City Hospital are due',
      ]);
      const visit = list.find((e) => e.summary.startsWith('Appointment'))!;
      assert.equal(visit.startDate.toString(), '2026-12-10T14:30:00');
      assert.equal(visit.endDate.toString(), '2026-12-10T15:30:00');
      assert.equal(visit.location, '1 Elm St, New Haven, CT');
      assert.match(visit.description, /for Rosa Parks/);
      const due = list.find((e) => e.summary.startsWith('Due'))!;
      assert.equal(due.startDate.isDate, true);
      assert.equal(due.startDate.toString(), '2026-12-20');
    }
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'calendar.export')
      .where('object_id', '=', caseId)
      .execute();
    assert.equal(audit.length, 2);

    const empty = await buildCase(t.deps, me);
    assert.deepEqual(
      events((await me.agent.get(`/cases/${empty}/calendar.ics`)).body),
      [],
      'a case with nothing dated gives an empty, valid calendar',
    );
    assert.match(pageText((await me.agent.get(`/cases/${caseId}/tasks`)).body), /Download the calendar file \(\.ics\)/);
  });

  describe('the API', () => {
    test('the OpenAPI document lists the coverage, doctors, tasks and calendar endpoints', async () => {
      const doc = JSON.parse((await api(t.app).get('/api/openapi.json')).body) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const want: [string, string[]][] = [
        ['/api/v1/cases/{caseId}/coverage', ['get', 'put']],
        ['/api/v1/cases/{caseId}/coverage/calls', ['get', 'post']],
        ['/api/v1/cases/{caseId}/doctors', ['get', 'post']],
        ['/api/v1/cases/{caseId}/doctors/path', ['put']],
        ['/api/v1/cases/{caseId}/appointments', ['get', 'post']],
        ['/api/v1/cases/{caseId}/tasks', ['get', 'post']],
        ['/api/v1/cases/{caseId}/tasks/{taskId}', ['patch']],
        ['/api/v1/cases/{caseId}/calendar.ics', ['get']],
      ];
      for (const [path, methods] of want)
        for (const m of methods) assert.ok(doc.paths[path]?.[m], `${m.toUpperCase()} ${path}`);
    });

    test('list, add, change; the same refusals as the page', async () => {
      const client = api(t.app, me.apiToken);
      const past = await client.post(`/api/v1/cases/${caseId}/tasks`, { title: 'x', dueOn: '2026-11-01' });
      assert.equal(past.statusCode, 400);
      assert.match(JSON.parse(past.body).error.fields.dueOn, /already passed/);
      const none = await client.post(`/api/v1/cases/${caseId}/tasks`, { title: '' });
      assert.equal(JSON.parse(none.body).error.fields.title, 'Write what needs doing.');

      const made = await client.post(`/api/v1/cases/${caseId}/tasks`, { title: 'Get the slides', dueOn: '2026-11-28' });
      assert.equal(made.statusCode, 201);
      const task = JSON.parse(made.body) as { id: string; dueState: string; step: string };
      assert.equal(task.dueState, 'due_soon');
      assert.equal(task.step, 'custom');

      const nothing = await client.patch(`/api/v1/cases/${caseId}/tasks/${task.id}`, {});
      assert.equal(nothing.statusCode, 400);
      const moved = await client.patch(`/api/v1/cases/${caseId}/tasks/${task.id}`, { dueOn: '2026-11-26' });
      assert.equal(moved.statusCode, 400);
      const ok = await client.patch(`/api/v1/cases/${caseId}/tasks/${task.id}`, { done: true });
      assert.equal(JSON.parse(ok.body).dueState, 'done');
      const cleared = await client.patch(`/api/v1/cases/${caseId}/tasks/${task.id}`, { done: false, dueOn: null });
      assert.equal(JSON.parse(cleared.body).dueState, 'no_date');

      const otherCase = await buildCase(t.deps, me);
      assert.equal((await client.patch(`/api/v1/cases/${otherCase}/tasks/${task.id}`, { done: true })).statusCode, 404);
      const list = JSON.parse((await client.get(`/api/v1/cases/${caseId}/tasks`)).body) as { tasks: { id: string }[] };
      assert.deepEqual(
        list.tasks.map((x) => x.id),
        [task.id],
      );
    });
  });
});
