import { todayIn } from './dates.ts';

/** The time, from one place, so tests can set it. */
export interface Clock {
  now(): Date;
}

/** The one place the app reads the machine's clock (ADR 0015). */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where it is put; for tests. */
export function fixedClock(start: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start);
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d);
    },
    advance: (ms) => {
      t = new Date(t.getTime() + ms);
    },
  };
}

/**
 * @deprecated Use the request scope's `today` (the reader's date, ADR 0015). Kept only
 * while the records pages still call it; it is the server's date, from platform/dates.ts.
 */
export const isoDate = (d: Date): string => todayIn(d);
