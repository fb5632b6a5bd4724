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
