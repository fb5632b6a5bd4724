/** Tasks with due dates: pure rules. Every step can add tasks; the dashboard shows them all. */

import { addDays } from '../dates.ts';

export interface Task {
  id: string;
  caseId: string;
  patientId: string;
  step: string;
  kind: string;
  title: string;
  dueOn: string | null;
  doneAt: string | null;
  sourceType: string | null;
  sourceId: string | null;
  createdAt: string;
  /** Raised by one on every change (ADR 0016). */
  version: number;
}

export type DueState = 'done' | 'overdue' | 'due_today' | 'due_soon' | 'later' | 'no_date';

/** How pressing a task is on a given day (YYYY-MM-DD). "Soon" is within the next 7 days. */
export function dueState(task: Pick<Task, 'dueOn' | 'doneAt'>, today: string): DueState {
  if (task.doneAt) return 'done';
  if (!task.dueOn) return 'no_date';
  if (task.dueOn < today) return 'overdue';
  if (task.dueOn === today) return 'due_today';
  return task.dueOn <= addDays(today, 7) ? 'due_soon' : 'later';
}

/** Calendar arithmetic lives in platform/dates.ts (ADR 0015); re-exported for older imports. */
export { addDays } from '../dates.ts';

const ORDER: Record<DueState, number> = { overdue: 0, due_today: 1, due_soon: 2, later: 3, no_date: 4, done: 5 };

/** Most pressing first: overdue, today, this week, later, undated, then done. */
export function sortByUrgency(tasks: Task[], today: string): Task[] {
  return [...tasks].sort(
    (a, b) =>
      ORDER[dueState(a, today)] - ORDER[dueState(b, today)] ||
      (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') ||
      a.createdAt.localeCompare(b.createdAt),
  );
}
