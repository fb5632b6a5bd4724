import { z } from 'zod';
import { systemClock } from './clock.ts';
import { isCalendarDate, latestToday } from './dates.ts';

// Building blocks for input schemas. Messages are catalogue keys, so the same schema
// gives plain-words errors on a page and in the API.

/** Trims; "" means "not given". */
export const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : (v ?? undefined)),
    z.string().max(max, 'errors.tooLong').optional(),
  );

export const requiredText = (max: number, requiredKey = 'errors.required') =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string(requiredKey).min(1, requiredKey).max(max, 'errors.tooLong'),
  );

/** One of a fixed set; "" counts as not chosen. */
export const choice = <T extends readonly [string, ...string[]]>(values: T, requiredKey = 'errors.chooseOne') =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values, requiredKey));

export const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(values, 'errors.chooseOne').optional());

/**
 * YYYY-MM-DD that exists on the calendar; "" means not given. With notFuture, a date after
 * today is refused: today as `opts.today` says (the reader's, from the request scope), or,
 * for schemas made once at start that cannot know who asks, the latest today anywhere
 * (ADR 0017), so nobody's real today is refused.
 */
export const optionalDate = (opts: { notFuture?: boolean; today?: () => string } = {}) =>
  z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z
      .string()
      .refine(isCalendarDate, 'errors.date')
      .refine((s) => !opts.notFuture || s <= (opts.today?.() ?? latestToday(systemClock.now())), 'errors.dateInFuture')
      .optional(),
  );

export const zipCode = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : (v ?? undefined)),
  z
    .string()
    .regex(/^\d{5}(-\d{4})?$/, 'errors.zip')
    .optional(),
);

export const email = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.string('errors.emailRequired').min(1, 'errors.emailRequired').max(254, 'errors.tooLong').email('errors.email'),
);

/** An id in a URL. Loose on purpose: a bad one must look exactly like an unknown one (404). */
export const idParam = z.string().min(1).max(100);

// ---------- input safety (ADR 0012) ----------

// C0 control characters other than tab, line feed and carriage return, and DEL. Nobody
// types them; PostgreSQL cannot store NUL at all, so one reaching a query was a 500.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
// Bidirectional embeddings, overrides and isolates: they can make "exe.pdf" read as
// "fdp.exe" or reorder words in a name. Removing them never changes what a text says.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/** Text as it may be stored and shown: no control characters, no bidi overrides, no lone surrogates. */
export function cleanText(s: string): string {
  return wellFormed(s.replace(CONTROL_ALL, '').replace(BIDI, ''));
}

// A lone half of a surrogate pair cannot be written as UTF-8; both databases would store
// a replacement character anyway, so it becomes one here, where it is seen.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const wellFormed = (s: string): string => s.replace(LONE_SURROGATE, '\ufffd');

/** Only the bidi overrides removed: for names and titles that come from files rather than forms. */
export const withoutBidiControls = (s: string): string => s.replace(BIDI, '');

export const hasControlCharacters = (s: string): boolean => CONTROL.test(s);

/** Deeper than any form or API body we accept; deeper nesting is junk and is refused before it is walked. */
export const MAX_INPUT_DEPTH = 32;

export interface InputCheck<T> {
  value: T;
  /** Where a string held a control character (dotted paths, as in field errors). */
  controlAt: string[];
  tooDeep: boolean;
}

// Secrets are hashed or compared, never shown, so they cannot deceive: a password keeps
// every character it was made with, or an old one would stop working.
const SECRET_KEY = /password|secret|token|_csrf/i;

/**
 * Walks a parsed body, query or params object. Returns a copy in which every string has its
 * bidi overrides removed (and, with `strip`, its control characters too), and the paths of
 * strings that held control characters, so the caller can refuse them instead.
 */
export function checkInput<T>(input: T, opts: { strip: boolean }): InputCheck<T> {
  const controlAt: string[] = [];
  let tooDeep = false;
  const walk = (v: unknown, path: string[], secret: boolean): unknown => {
    if (typeof v === 'string') {
      if (CONTROL.test(v)) controlAt.push(path.join('.') || '_form');
      if (secret) return opts.strip ? v.replace(CONTROL_ALL, '') : v;
      return opts.strip ? cleanText(v) : wellFormed(v.replace(BIDI, ''));
    }
    if (v === null || typeof v !== 'object') return v;
    if (path.length >= MAX_INPUT_DEPTH) {
      tooDeep = true;
      return v;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, String(i)], secret));
    if (Buffer.isBuffer(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v)) {
      if (CONTROL.test(k)) controlAt.push([...path, k].join('.'));
      // defineProperty: a key named "__proto__" stays a plain key, never a prototype.
      const value = walk(item, [...path, k], secret || SECRET_KEY.test(k));
      Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  const value = walk(input, [], false) as T;
  return { value, controlAt, tooDeep };
}
