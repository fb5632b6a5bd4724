import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { systemClock } from '../../src/platform/clock.ts';
import {
  addDays,
  daysBetween,
  formatCalendarDate,
  formatClockTime,
  formatInstant,
  isCalendarDate,
  isTimeZone,
  latestToday,
  parseTime,
  timeNowIn,
  timeZones,
  todayIn,
} from '../../src/platform/dates.ts';
import { optionalDate } from '../../src/platform/validation.ts';

test('today is the date on the wall clock of the time zone asked for', () => {
  // 03:30 UTC on the 8th is still the evening of the 7th in New York and Los Angeles.
  const now = new Date('2026-12-08T03:30:00Z');
  assert.equal(todayIn(now, 'UTC'), '2026-12-08');
  assert.equal(todayIn(now, 'America/New_York'), '2026-12-07');
  assert.equal(todayIn(now, 'America/Los_Angeles'), '2026-12-07');
  assert.equal(todayIn(now, 'Asia/Tokyo'), '2026-12-08');
  assert.equal(timeNowIn(now, 'America/New_York'), '22:30');
  assert.equal(timeNowIn(new Date('2026-07-01T04:05:00Z'), 'America/Chicago'), '23:05');
});

test('the latest today anywhere is the date at UTC+14, a day ahead of UTC from 10:00 UTC', () => {
  assert.equal(latestToday(new Date('2026-12-08T09:59:00Z')), '2026-12-08');
  assert.equal(latestToday(new Date('2026-12-08T10:00:00Z')), '2026-12-09');
  // Never behind anyone's today.
  for (const zone of ['Pacific/Kiritimati', 'Pacific/Auckland', 'Asia/Tokyo', 'UTC', 'Pacific/Pago_Pago']) {
    assert.ok(latestToday(new Date('2026-12-08T23:30:00Z')) >= todayIn(new Date('2026-12-08T23:30:00Z'), zone), zone);
  }
});

test('only real calendar dates from 1900 on are dates', () => {
  for (const good of ['2026-12-07', '2024-02-29', '1900-01-01']) assert.ok(isCalendarDate(good), good);
  for (const bad of ['2026-02-29', '2026-13-01', '2026-1-1', '1899-12-31', '2026-12-07T00:00:00Z', '', null, 20261207])
    assert.ok(!isCalendarDate(bad), String(bad));
});

test('adding days and counting them agree, across months, leap days and time changes', () => {
  const day = fc
    .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  fc.assert(
    fc.property(day, fc.integer({ min: -4000, max: 4000 }), (d, n) => {
      const moved = addDays(d, n);
      assert.ok(isCalendarDate(moved));
      assert.equal(daysBetween(d, moved), n);
      assert.equal(addDays(moved, -n), d);
    }),
  );
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2026-03-07', 1), '2026-03-08'); // the night the clocks change in the US
});

test('times are read the way people write them', () => {
  assert.equal(parseTime('14:30'), '14:30');
  assert.equal(parseTime('2:30 pm'), '14:30');
  assert.equal(parseTime('2 PM'), '14:00');
  assert.equal(parseTime('12 am'), '00:00');
  assert.equal(parseTime('9.15 a.m.'), '09:15');
  for (const bad of ['14', '25:00', '13 pm', '2:60', 'noon', '']) assert.equal(parseTime(bad), null, bad);
});

test('dates and times are formatted by Intl, in the reader zone', () => {
  assert.equal(formatCalendarDate('2026-12-07', 'en-US'), 'December 7, 2026');
  assert.equal(formatCalendarDate('2026-12-07', 'es-US'), '7 de diciembre de 2026');
  assert.equal(formatClockTime('14:30', 'en-US'), '2:30 PM');
  assert.match(formatInstant('2026-12-08T03:30:00Z', 'en-US', 'America/New_York'), /December 7, 2026.*10:30\sPM EST/);
  assert.equal(formatCalendarDate('not a date', 'en-US'), 'not a date');
});

test('time zone names are checked against the runtime', () => {
  assert.ok(isTimeZone('America/Chicago'));
  assert.ok(isTimeZone('UTC'));
  assert.ok(!isTimeZone('Mars/Olympus_Mons'));
  assert.ok(!isTimeZone(''));
  assert.ok(timeZones().includes('America/New_York'));
});

test('a "not in the future" field goes by the reader’s today if given, else the latest today anywhere', () => {
  const withToday = optionalDate({ notFuture: true, today: () => '2026-12-07' });
  assert.ok(withToday.safeParse('2026-12-07').success);
  assert.ok(!withToday.safeParse('2026-12-08').success);
  assert.ok(!withToday.safeParse('2026-02-30').success, 'not a calendar date');
  const anywhere = optionalDate({ notFuture: true });
  const latest = latestToday(systemClock.now());
  assert.ok(anywhere.safeParse(latest).success, 'today somewhere is never refused');
  assert.ok(!anywhere.safeParse(addDays(latest, 1)).success);
});
