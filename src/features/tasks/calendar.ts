import { createEvents, type DateArray, type EventAttributes } from 'ics';
import type { Queryable } from '../../platform/db/database.ts';

// The case's calendar as an .ics file: appointments at their time, due dates as all-day
// entries. Built with the `ics` package so escaping and line folding follow RFC 5545.

/** Something with a date that belongs in the person's calendar. */
export type CalendarEvent =
  | {
      kind: 'timed';
      uid: string;
      title: string;
      /** Local wall-clock date and time (YYYY-MM-DD, HH:MM): exported as "floating" time. */
      date: string;
      time: string;
      minutes: number;
      location?: string | null;
      description?: string | null;
    }
  | {
      kind: 'all_day';
      uid: string;
      title: string;
      date: string;
      description?: string | null;
    };

/** Supplies a case's events from one feature (appointments, ...). Wired in features/index.ts. */
export type CalendarSource = (db: Queryable, caseId: string) => Promise<CalendarEvent[]>;

function dayParts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

function nextDay(date: string): [number, number, number] {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/**
 * One VCALENDAR holding every event. Appointment times are floating (no time zone): the
 * person typed the clock time of the visit, and a calendar app shows it at that clock
 * time wherever they open it.
 */
export function buildCalendar(events: CalendarEvent[], opts: { name: string; stamp: Date }): string {
  const stamp: DateArray = [
    opts.stamp.getUTCFullYear(),
    opts.stamp.getUTCMonth() + 1,
    opts.stamp.getUTCDate(),
    opts.stamp.getUTCHours(),
    opts.stamp.getUTCMinutes(),
  ];
  const attrs: EventAttributes[] = events.map((e) => {
    const common = {
      uid: e.uid,
      title: e.title,
      description: e.description ?? undefined,
      lastModified: stamp,
    };
    if (e.kind === 'all_day') {
      return { ...common, start: dayParts(e.date), end: nextDay(e.date), transp: 'TRANSPARENT' as const };
    }
    const [h, min] = e.time.split(':').map(Number) as [number, number];
    return {
      ...common,
      start: [...dayParts(e.date), h, min] as DateArray,
      startInputType: 'local' as const,
      startOutputType: 'local' as const,
      duration: { minutes: e.minutes },
      location: e.location ?? undefined,
      busyStatus: 'BUSY' as const,
    };
  });
  // An empty calendar is still a valid file: the person may have nothing dated yet.
  const { error, value } = createEvents(attrs, {
    productId: '-//Second Opinion//Case calendar//EN',
    calName: opts.name,
  });
  if (error || value === null) throw error ?? new Error('The calendar could not be built');
  return value;
}
