import { z } from 'zod';
import { parseTime, timeNowIn, todayIn } from '../../platform/dates.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { addDays, type DueState, dueState, type Task } from '../../platform/tasks/tasks.ts';
import type { FieldErrors } from '../../platform/ui/page-context.ts';
import { optionalDate, requiredText } from '../../platform/validation.ts';

// Tasks and dates across the journey: the person's own tasks, how a due date reads in
// words, and the date and time rules the steps share (coverage calls, appointments).

// ---------- days and times ----------

// Days and times themselves live in platform/dates.ts (ADR 0015); these names stay for
// the steps that still call them.
/** Today's date on the server's wall clock. Routes use the scope's `today` (the reader's zone). */
export const localToday = (now: Date): string => todayIn(now);
/** The wall-clock time now, HH:MM (24-hour), on the server's clock. */
export const localTimeNow = (now: Date): string => timeNowIn(now);
export { parseTime };

/** An optional time of day; "" means not given. Normalised to HH:MM. */
export const optionalTime = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : (v ?? undefined)),
  z
    .string()
    .transform((s, ctx) => {
      const t = parseTime(s);
      if (!t) {
        ctx.addIssue({ code: 'custom', message: 'tasks.errors.time' });
        return z.NEVER;
      }
      return t;
    })
    .optional(),
);

/** A required time of day, normalised to HH:MM. */
export const requiredTime = (requiredKey: MessageKey) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string(requiredKey)
      .min(1, requiredKey)
      .transform((s, ctx) => {
        const t = parseTime(s);
        if (!t) {
          ctx.addIssue({ code: 'custom', message: 'tasks.errors.time' });
          return z.NEVER;
        }
        return t;
      }),
  );

/**
 * Dates that must not be in the past: an appointment, a follow-up, a due date. Only a
 * date that is new or changed is checked, so an old appointment can still be edited
 * (its notes, say) after the day has gone by.
 *
 * @param dates - field name → the date entered (YYYY-MM-DD) or undefined
 * @param today - today's date, YYYY-MM-DD
 * @param before - field name → the value stored before this change, if any
 */
export function pastDateErrors(
  dates: Record<string, string | null | undefined>,
  today: string,
  before: Record<string, string | null | undefined> = {},
): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, value] of Object.entries(dates)) {
    if (!value || value === before[field]) continue;
    if (value < today) errors[field] = 'tasks.errors.dateInPast';
  }
  return errors;
}

/** Dates of things that already happened (a call, a request sent) must not be in the future. */
export function futureDateErrors(dates: Record<string, string | null | undefined>, today: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, value] of Object.entries(dates)) if (value && value > today) errors[field] = 'errors.dateInFuture';
  return errors;
}

// ---------- the person's own tasks ----------

export const newTaskSchema = z.object({
  title: requiredText(200, 'tasks.errors.titleRequired'),
  dueOn: optionalDate(),
});
export type NewTaskInput = z.infer<typeof newTaskSchema>;

export const taskDueSchema = z.object({ dueOn: optionalDate() });

/** For the API: change a task's due date (null clears it) or mark it done or not done. */
export const taskPatchSchema = z
  .object({
    done: z.boolean().optional(),
    dueOn: z.union([z.null(), optionalDate()]).optional(),
  })
  .refine((v) => v.done !== undefined || v.dueOn !== undefined, { message: 'tasks.errors.nothingToChange' });

// ---------- how a due date reads ----------

export interface DueWords {
  state: DueState;
  key: MessageKey;
  vars: Record<string, string | number>;
}

function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / 86_400_000);
}

/**
 * A due date in words, never in colour alone: "Overdue: was due November 20 (7 days ago)",
 * "Due today", "Due tomorrow", "Due in 3 days", "Due December 20", "No due date", "Done".
 * `date` is left for the view to format in the reader's language.
 */
export function describeDue(task: Pick<Task, 'dueOn' | 'doneAt'>, today: string): DueWords {
  const state = dueState(task, today);
  const date = task.dueOn ?? '';
  switch (state) {
    case 'done':
      return { state, key: 'tasks.due.done', vars: {} };
    case 'no_date':
      return { state, key: 'tasks.due.noDate', vars: {} };
    case 'overdue': {
      const days = daysBetween(date, today);
      return { state, key: days === 1 ? 'tasks.due.overdueOne' : 'tasks.due.overdue', vars: { date, days } };
    }
    case 'due_today':
      return { state, key: 'tasks.due.today', vars: { date } };
    case 'due_soon': {
      const days = daysBetween(today, date);
      return { state, key: days === 1 ? 'tasks.due.tomorrow' : 'tasks.due.inDays', vars: { date, days } };
    }
    default:
      return { state, key: 'tasks.due.later', vars: { date } };
  }
}

/** Where a task's step lives in the case, when the step is one of the journey's. */
export function stepHref(caseId: string, step: string, known: readonly string[]): string | null {
  if (!known.includes(step) || step === 'start') return null;
  return `/cases/${caseId}/${step}`;
}

/** The due date a step gives a task it creates: sooner when the doctor said treatment is urgent. */
export function dueIn(today: string, days: number, urgency?: string): string {
  return addDays(today, urgency === 'right_away' ? Math.min(days, 1) : days);
}
