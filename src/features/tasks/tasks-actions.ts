import { type ActionResult, ok, refuse } from '../../platform/actions.ts';
import type { CaseScope } from '../../platform/http/case-route.ts';
import { notFound } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import type { Task } from '../../platform/tasks/tasks.ts';
import * as store from '../../platform/tasks/tasks-store.ts';
import { staleWrite } from '../../platform/versions.ts';
import { buildCalendar, type CalendarEvent, type CalendarSource } from './calendar.ts';
import { type NewTaskInput, pastDateErrors } from './tasks.ts';

// What a person can do with a case's tasks and its calendar (ADR 0014).

const t = translator('en');

/** Today on the reader's wall clock (ADR 0015). */
export const todayFor = (s: Pick<CaseScope, 'today'>) => s.today;

export async function listTasks(s: CaseScope): Promise<Task[]> {
  const all = await store.listTasksForCase(s.trx, s.caseId);
  await s.record('task.list', 'case', s.caseId);
  return all;
}

/** Adds the person's own task; a due date must be today or later. */
export async function addOwnTask(s: CaseScope, input: NewTaskInput): Promise<ActionResult<Task>> {
  const errors = pastDateErrors({ dueOn: input.dueOn }, todayFor(s));
  if (Object.keys(errors).length > 0) return refuse(errors);
  const id = await store.addTask(s.trx, s.now, s.user.userId, {
    caseId: s.caseId,
    patientId: s.patientId,
    step: 'custom',
    kind: 'custom',
    title: input.title,
    dueOn: input.dueOn ?? null,
  });
  await s.record('task.create', 'task', id);
  return ok((await store.getTask(s.trx, s.caseId, id))!);
}

export async function taskOf(s: CaseScope, taskId: string, audit: boolean): Promise<Task> {
  const task = await store.getTask(s.trx, s.caseId, taskId);
  if (!task) throw notFound();
  if (audit) await s.record('task.view', 'task', taskId);
  return task;
}

export async function markDone(s: CaseScope, taskId: string, done: boolean): Promise<void> {
  if (!(await store.setTaskDone(s.trx, s.caseId, taskId, done, s.now))) throw notFound();
  await s.record(done ? 'task.done' : 'task.reopen', 'task', taskId);
}

/** What changing a due date came to: saved, refused (a past date), or someone changed the task meanwhile. */
export type DueOutcome =
  | { ok: true }
  | { ok: false; errors: Record<string, never> | ReturnType<typeof pastDateErrors>; current?: Task };

/**
 * Changes a due date, made from version `version` of the task. A past date is refused
 * unless it is the one already there (an old task keeps its date).
 */
export async function changeDue(
  s: CaseScope,
  taskId: string,
  dueOn: string | null,
  version: number | null,
): Promise<DueOutcome> {
  const task = await taskOf(s, taskId, false);
  const errors = pastDateErrors({ dueOn }, todayFor(s), { dueOn: task.dueOn });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (!(await store.updateTaskDue(s.trx, s.caseId, taskId, dueOn, s.now, version ?? task.version)))
    return { ok: false, errors: {}, current: await taskOf(s, taskId, false) };
  await s.record('task.update', 'task', taskId);
  return { ok: true };
}

/** The API's change: due date and done, onto the version the caller read when it says which (If-Match). */
export async function patchTask(
  s: CaseScope,
  taskId: string,
  patch: { done?: boolean; dueOn?: string | null },
  expected: number | null,
): Promise<ActionResult<Task>> {
  const current = await taskOf(s, taskId, false);
  if (expected !== null && expected !== current.version) throw staleWrite();
  let version = current.version;
  if (patch.dueOn !== undefined) {
    const errors = pastDateErrors({ dueOn: patch.dueOn }, todayFor(s), { dueOn: current.dueOn });
    if (Object.keys(errors).length > 0) return refuse(errors);
    if (!(await store.updateTaskDue(s.trx, s.caseId, taskId, patch.dueOn ?? null, s.now, version))) throw staleWrite();
    version++;
  }
  if (patch.done !== undefined && patch.done !== !!current.doneAt) {
    if (!(await store.setTaskDone(s.trx, s.caseId, taskId, patch.done, s.now, version))) throw staleWrite();
  }
  await s.record('task.update', 'task', taskId);
  return ok(await taskOf(s, taskId, false));
}

/** The case's open due dates and other steps' dated things (appointments) as one .ics file. */
export async function exportCalendar(
  s: CaseScope,
  sources: CalendarSource[],
  baseUrl: string,
): Promise<{ body: string; fileName: string }> {
  await s.record('calendar.export', 'case', s.caseId);
  const caseUrl = `${baseUrl.replace(/\/$/, '')}/cases/${s.caseId}/tasks`;
  const tasks = (await store.listTasksForCase(s.trx, s.caseId)).filter((task) => !task.doneAt && task.dueOn);
  const events: CalendarEvent[] = tasks.map((task) => ({
    kind: 'all_day',
    uid: `task-${task.id}@second-opinion`,
    title: t('tasks.calendar.due', { title: task.title }),
    date: task.dueOn!,
    description: t('tasks.calendar.dueDescription', { name: s.c.patientName, url: caseUrl }),
  }));
  for (const source of sources) events.push(...(await source(s.trx, s.caseId)));
  const body = buildCalendar(events, {
    name: t('tasks.calendar.name', { case: s.c.title || t('cases.untitledNoDiagnosis') }),
    stamp: new Date(s.now),
  });
  return { body, fileName: `second-opinion-${s.caseId.slice(0, 8)}.ics` };
}
