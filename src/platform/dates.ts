// The one home for calendar dates, clock times and "today" (ADR 0120, as amended by ADR
// 0015). Calendar dates are YYYY-MM-DD text and clock times HH:MM text, stored as the
// person gave them; instants are ISO-8601 UTC text. "Today" is the date on the wall clock
// of the person reading: their own time zone when their account has one, otherwise the
// server's (TZ). Everything here is pure: the instant "now" always comes in from the Clock.

const DAY_MS = 86_400_000;

/** The server's own time zone (TZ), read once: a home install runs in the household's zone. */
export const SERVER_TIME_ZONE: string = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const zoneCheck = new Map<string, boolean>();
/** An IANA time zone name this runtime knows ("America/Chicago"). */
export function isTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 64) return false;
  let known = zoneCheck.get(tz);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      known = true;
    } catch {
      known = false;
    }
    if (zoneCheck.size < 1000) zoneCheck.set(tz, known);
  }
  return known;
}

/** Every time zone this runtime knows, for a settings list. */
export function timeZones(): string[] {
  const list = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return list.includes('UTC') ? list : [...list, 'UTC'];
}

const partsFormat = new Map<string, Intl.DateTimeFormat>();
function wallClock(now: Date, timeZone: string): { day: string; time: string } {
  let f = partsFormat.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partsFormat.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(now).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** Today's calendar date (YYYY-MM-DD) on the wall clock of a time zone (the server's by default). */
export function todayIn(now: Date, timeZone: string = SERVER_TIME_ZONE): string {
  return wallClock(now, timeZone).day;
}

/**
 * Today for the person asking: their account's time zone when they set one, otherwise the
 * server's. (Visitors and doctors on a share link go by the server's.)
 */
export function todayFor(actor: { kind: string; timeZone?: string | null }, now: Date): string {
  return todayIn(
    now,
    actor.kind === 'user' && actor.timeZone && isTimeZone(actor.timeZone) ? actor.timeZone : SERVER_TIME_ZONE,
  );
}

/**
 * The latest calendar date anywhere on Earth right now (UTC+14). For "not in the future"
 * checks that do not know who is asking: a date that is today somewhere is never refused,
 * so a person east of the server is not told their today is in the future.
 */
export function latestToday(now: Date): string {
  return todayIn(now, 'Etc/GMT-14');
}

/** The wall-clock time now (HH:MM, 24-hour) in a time zone (the server's by default). */
export function timeNowIn(now: Date, timeZone: string = SERVER_TIME_ZONE): string {
  return wallClock(now, timeZone).time;
}

/** The calendar date of an instant in UTC; for instants stored as text, never for "today". */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** YYYY-MM-DD that exists on the calendar (no February 30th), from 1900 on. */
export function isCalendarDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && utcDay(d) === s && Number(m[1]) >= 1900;
}

/** The calendar date n days after (or before, for negative n) a calendar date. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return utcDay(d);
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The end of a calendar date in UTC, as an instant: for "valid until this day" limits. */
export function endOfDayUtc(day: string): Date {
  return new Date(`${day}T23:59:59.000Z`);
}

/** An instant plus a number of milliseconds; keeps arithmetic on instants in one place. */
export function later(instant: Date, ms: number): Date {
  return new Date(instant.getTime() + ms);
}

/**
 * Reads a time the way people write it: "14:30" (what a browser's time field sends),
 * "2:30 pm", "2:30PM", "2 pm", "9.15 am". Returns HH:MM (24-hour) or null if it is not a time.
 */
export function parseTime(input: string): string | null {
  const m = /^\s*(\d{1,2})(?:[:.](\d{2}))?\s*([ap])?\.?\s*(m\.?)?\s*$/i.exec(input);
  if (!m) return null;
  let h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3]?.toLowerCase();
  if (m[2] === undefined && !half) return null; // "14" alone is too ambiguous
  if (min > 59) return null;
  if (half) {
    if (h < 1 || h > 12) return null;
    if (half === 'a' && h === 12) h = 0;
    if (half === 'p' && h !== 12) h += 12;
  } else if (h > 23) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

// ---------- formatting, through Intl ----------

const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formats.set(key, f);
  }
  return f;
}

/** "December 7, 2026" for a calendar date (no time zone: the date is the date). */
export function formatCalendarDate(day: string, locale: string): string {
  if (!isCalendarDate(day)) return day;
  return formatter(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** "December 7, 2026 at 2:30 PM EST" for an instant, on the reader's wall clock. */
export function formatInstant(iso: string, locale: string, timeZone: string = SERVER_TIME_ZONE): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatter(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(d);
}

/** "2:30 PM" (US English) or "14:30" for a clock time HH:MM, as the locale writes it. */
export function formatClockTime(hhmm: string, locale: string): string {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return hhmm;
  return formatter(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, 0, 1, Number(m[1]), Number(m[2]))),
  );
}
