import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { PATH_GUIDANCE_LIST } from '../../src/content/paths.ts';
import { loadCancerCenters } from '../../src/features/doctors/cancer-centers.ts';
import {
  type AppointmentRecord,
  appointmentSchema,
  centerStates,
  doctorsStepStatus,
  draftReferralLetter,
  filterCenters,
  looksLikeCancer,
  prepareDueOn,
  sortAppointments,
} from '../../src/features/doctors/doctors.ts';
import { buildCalendar } from '../../src/features/tasks/calendar.ts';
import {
  describeDue,
  dueIn,
  futureDateErrors,
  localToday,
  parseTime,
  pastDateErrors,
  stepHref,
} from '../../src/features/tasks/tasks.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';
import { en } from '../../src/platform/i18n/messages/en.ts';

describe('times and dates', () => {
  const times: [string, string | null][] = [
    ['14:30', '14:30'],
    ['9:05', '09:05'],
    ['2:30 pm', '14:30'],
    ['2:30PM', '14:30'],
    ['2:30 p.m.', '14:30'],
    ['2 pm', '14:00'],
    ['12:15 am', '00:15'],
    ['12 pm', '12:00'],
    ['9.15 am', '09:15'],
    ['00:00', '00:00'],
    ['23:59', '23:59'],
    ['24:00', null],
    ['13:00 pm', null],
    ['0 am', null],
    ['9:60', null],
    ['14', null],
    ['noon', null],
    ['', null],
  ];
  for (const [input, expected] of times)
    test(`time "${input}" → ${expected}`, () => assert.equal(parseTime(input), expected));

  test('any HH:MM a browser sends reads back as itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const s = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        return parseTime(s) === s;
      }),
    );
  });

  test('dates in the past are refused only when new or changed', () => {
    assert.deepEqual(pastDateErrors({ a: '2026-11-26', b: '2026-11-27', c: undefined, d: null }, '2026-11-27'), {
      a: 'tasks.errors.dateInPast',
    });
    assert.deepEqual(pastDateErrors({ a: '2026-11-01' }, '2026-11-27', { a: '2026-11-01' }), {});
    assert.deepEqual(pastDateErrors({ a: '2026-11-02' }, '2026-11-27', { a: '2026-11-01' }), {
      a: 'tasks.errors.dateInPast',
    });
    assert.deepEqual(futureDateErrors({ a: '2026-11-28', b: '2026-11-27' }, '2026-11-27'), {
      a: 'errors.dateInFuture',
    });
  });

  test('today follows the server’s clock, not UTC', () => {
    const d = new Date(2026, 10, 27, 23, 30); // 11:30 pm local time, whatever the zone
    assert.equal(localToday(d), '2026-11-27');
  });

  test('tasks a step adds come sooner when the doctor said it is urgent', () => {
    assert.equal(dueIn('2026-11-27', 7), '2026-12-04');
    assert.equal(dueIn('2026-11-27', 7, 'right_away'), '2026-11-28');
    assert.equal(dueIn('2026-12-30', 3), '2027-01-02');
  });
});

describe('a due date in words', () => {
  const today = '2026-11-27';
  const table: [string | null, string | null, string, Record<string, string | number>][] = [
    ['2026-11-20', null, 'tasks.due.overdue', { date: '2026-11-20', days: 7 }],
    ['2026-11-26', null, 'tasks.due.overdueOne', { date: '2026-11-26', days: 1 }],
    ['2026-11-27', null, 'tasks.due.today', { date: '2026-11-27' }],
    ['2026-11-28', null, 'tasks.due.tomorrow', { date: '2026-11-28', days: 1 }],
    ['2026-12-04', null, 'tasks.due.inDays', { date: '2026-12-04', days: 7 }],
    ['2026-12-05', null, 'tasks.due.later', { date: '2026-12-05' }],
    [null, null, 'tasks.due.noDate', {}],
    ['2026-11-01', '2026-11-02T00:00:00Z', 'tasks.due.done', {}],
  ];
  for (const [dueOn, doneAt, key, vars] of table) {
    test(`${dueOn ?? 'no date'}${doneAt ? ' (done)' : ''} → ${key}`, () => {
      const d = describeDue({ dueOn, doneAt }, today);
      assert.equal(d.key, key);
      assert.deepEqual(d.vars, vars);
      assert.ok(d.key in en);
    });
  }

  test('a task links to its step when the step is one of the journey’s', () => {
    const steps = ['start', 'coverage', 'records'];
    assert.equal(stepHref('c1', 'records', steps), '/cases/c1/records');
    assert.equal(stepHref('c1', 'custom', steps), null);
    assert.equal(stepHref('c1', 'start', steps), null);
  });
});

describe('the calendar file', () => {
  test('a parser reads back every event, with escaping and folding done right', () => {
    const long =
      'Bring: the imaging disc; the pathology slides, the insurance card, and the list of questions — ' +
      'x'.repeat(120);
    const ics = buildCalendar(
      [
        {
          kind: 'timed',
          uid: 'a@x',
          title: 'Appointment with Dr. O’Neil, MD; room 3',
          date: '2026-12-10',
          time: '09:05',
          minutes: 45,
          location: '1 Elm St, Suite 2',
          description: long,
        },
        { kind: 'all_day', uid: 'b@x', title: 'Due: Records, from City Hospital', date: '2026-12-31' },
      ],
      { name: 'Second opinion: Mom', stamp: new Date('2026-11-27T15:00:00Z') },
    );
    // The ics package folds long lines at 75 characters (RFC 5545 asks for octets, as a SHOULD;
    // parsers read both). What matters is that long text is folded and comes back whole.
    assert.ok(
      ics.split('\r\n').every((line) => [...line].length <= 75),
      'long lines are folded',
    );
    const cal = ICAL.Component.fromString(ics);
    assert.equal(cal.getFirstPropertyValue('x-wr-calname'), 'Second opinion: Mom');
    const [visit, due] = cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    assert.equal(visit!.summary, 'Appointment with Dr. O’Neil, MD; room 3');
    assert.equal(visit!.location, '1 Elm St, Suite 2');
    assert.equal(visit!.description, long);
    assert.equal(visit!.startDate.toString(), '2026-12-10T09:05:00');
    assert.equal(visit!.startDate.zone?.tzid, 'floating', 'the clock time of the visit, in no time zone');
    assert.equal(visit!.endDate.toString(), '2026-12-10T09:50:00');
    assert.equal(due!.summary, 'Due: Records, from City Hospital');
    assert.equal(due!.startDate.toString(), '2026-12-31');
    assert.equal(due!.endDate.toString(), '2027-01-01');
  });
});

describe('choosing the path and the doctor', () => {
  const cancer: [string, boolean][] = [
    ['Stage 2 breast cancer', true],
    ['Ductal carcinoma in situ', true],
    ['Non-Hodgkin lymphoma', true],
    ['Chronic lymphocytic leukemia', true],
    ['Multiple myeloma', true],
    ['Glioblastoma', true],
    ['Osteosarcoma', true],
    ['Melanoma on the back', true],
    ['Heart failure', false],
    ['Knee osteoarthritis', false],
    ['Type 2 diabetes', false],
  ];
  for (const [diagnosis, expected] of cancer)
    test(`"${diagnosis}" ${expected ? 'is' : 'is not'} read as cancer`, () =>
      assert.equal(looksLikeCancer({ diagnosis }), expected));

  test('the specialty or treatment can also say it', () => {
    assert.equal(looksLikeCancer({ diagnosis: null, doctorSpecialty: 'Oncology' }), true);
    assert.equal(looksLikeCancer({ diagnosis: 'A lump', proposedTreatment: 'Remove the tumor' }), true);
  });

  const steps: [Parameters<typeof doctorsStepStatus>[0], string][] = [
    [{ pathChosen: false, candidates: 0, activeAppointments: 0 }, 'not_started'],
    [{ pathChosen: true, candidates: 0, activeAppointments: 0 }, 'in_progress'],
    [{ pathChosen: false, candidates: 2, activeAppointments: 0 }, 'in_progress'],
    [{ pathChosen: false, candidates: 1, activeAppointments: 1 }, 'done'],
  ];
  for (const [input, expected] of steps)
    test(`step ${JSON.stringify(input)} → ${expected}`, () => assert.equal(doctorsStepStatus(input), expected));

  test('appointments: upcoming soonest first, then past (latest first), then cancelled', () => {
    const a = (id: string, date: string, time: string, cancelled = false): AppointmentRecord => ({
      id,
      caseId: 'c',
      candidateId: 'd',
      doctorName: 'D',
      date,
      time,
      mode: 'video',
      place: null,
      notes: null,
      cancelledAt: cancelled ? 'x' : null,
      createdAt: 'x',
      version: 1,
    });
    const sorted = sortAppointments(
      [
        a('past1', '2026-11-01', '09:00'),
        a('x', '2026-12-01', '09:00', true),
        a('late', '2026-12-10', '08:00'),
        a('soon', '2026-11-27', '16:00'),
        a('past2', '2026-11-20', '09:00'),
      ],
      '2026-11-27',
    );
    assert.deepEqual(
      sorted.map((x) => x.id),
      ['soon', 'late', 'past2', 'past1', 'x'],
    );
  });

  test('getting ready is due two days before the visit, never in the past', () => {
    assert.equal(prepareDueOn('2026-12-10', '2026-11-27'), '2026-12-08');
    assert.equal(prepareDueOn('2026-11-28', '2026-11-27'), '2026-11-27');
    assert.equal(prepareDueOn('2027-01-01', '2026-11-27'), '2026-12-30');
  });

  test('a visit in person needs a place; by video it does not', () => {
    assert.equal(appointmentSchema.safeParse({ date: '2026-12-10', time: '9 am', mode: 'video' }).success, true);
    const r = appointmentSchema.safeParse({ date: '2026-12-10', time: 'later', mode: 'in_person', place: '  ' });
    assert.deepEqual(r.error!.issues.map((i) => i.path.join('.')).sort(), ['place', 'time']);
  });

  test('the referral letter is made from the case, for diagnosis or symptoms', () => {
    const t = translator('en');
    const withDx = draftReferralLetter(
      {
        patientName: 'Rosa',
        doctorName: 'Dr. Lee',
        diagnosis: 'breast cancer',
        symptoms: null,
        proposedTreatment: 'surgery',
        date: 'November 27, 2026',
      },
      t,
    );
    assert.match(
      withDx,
      /^November 27, 2026\n\nDear Dr\. Lee,\n\n.*You told me that I have breast cancer\. You suggested surgery\./s,
    );
    assert.match(withDx, /Sincerely,\nRosa\n\nSignature:/);
    const noDx = draftReferralLetter(
      {
        patientName: 'Rosa',
        doctorName: null,
        diagnosis: null,
        symptoms: 'pain when walking',
        proposedTreatment: null,
        date: 'd',
      },
      t,
    );
    assert.match(noDx, /Dear Doctor,/);
    assert.match(noDx, /I still have these problems: pain when walking\./);
    assert.ok(!noDx.includes('You suggested'));
  });

  test('the shipped cancer-center list loads, and filters by state', () => {
    const list = loadCancerCenters();
    assert.equal(list.centers.length, 68);
    assert.equal(list.retrievedOn, '2026-09-14');
    assert.ok(list.centers.every((c) => c.url.startsWith('https://www.cancer.gov/') && /^[A-Z]{2}$/.test(c.stateCode)));
    assert.equal(list.centers.filter((c) => c.pediatricOnly).length, 1);
    const states = centerStates(list.centers);
    assert.equal(states.length, 36);
    assert.equal(states[0]!.name, 'Alabama');
    const ny = filterCenters(list.centers, 'NY');
    assert.ok(ny.length >= 3 && ny.every((c) => c.stateCode === 'NY'));
    assert.equal(filterCenters(list.centers, null).length, 68);
    assert.equal(filterCenters(list.centers, 'WY').length, 0);
  });

  test('every piece of path guidance has a source and a review date', () => {
    for (const item of PATH_GUIDANCE_LIST) {
      assert.match(item.source.url, /^https?:\/\//, item.id);
      assert.match(item.reviewed, /^\d{4}-\d{2}-\d{2}$/, item.id);
      assert.ok(en[item.text].length > 20, item.id);
    }
  });
});
