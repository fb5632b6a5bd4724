import { h } from 'preact';
import { unwrap } from '../../platform/actions.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { type CaseScope, caseRoutes, file, json, page, redirect } from '../../platform/http/case-route.ts';
import { parseWith } from '../../platform/http/context.ts';
import { dueState, sortByUrgency, type Task } from '../../platform/tasks/tasks.ts';
import { listOpenTasksForPatients } from '../../platform/tasks/tasks-store.ts';
import { emptyForm, type FormState } from '../../platform/ui/page-context.ts';
import { etagOf, formVersion, ifMatchVersion } from '../../platform/versions.ts';
import type { CalendarSource } from './calendar.ts';
import { newTaskSchema, taskDueSchema } from './tasks.ts';
import * as act from './tasks-actions.ts';
import * as api from './tasks-api.ts';
import { TaskEditPage, TasksPage } from './tasks-views.tsx';

// Thin adapters over the tasks actions (ADR 0014).

const present = (task: Task, today: string) => ({
  id: task.id,
  caseId: task.caseId,
  step: task.step,
  kind: task.kind,
  title: task.title,
  dueOn: task.dueOn,
  dueState: dueState(task, today),
  doneAt: task.doneAt,
  createdAt: task.createdAt,
  version: task.version,
});

/** Open tasks of the patients a user acts for: the dashboard's "what is due", wired in features/index.ts. */
export const openTasksForPatients = (db: Queryable, patientIds: string[]): Promise<Task[]> =>
  listOpenTasksForPatients(db, patientIds);

/**
 * The per-case task list (any step's tasks, and the person's own), and the case's calendar
 * file. Other features add their dated things to the calendar through `calendarSources`.
 */
export function createTasksFeature(opts: { calendarSources?: CalendarSource[] } = {}): FeatureRegistrar {
  const sources = opts.calendarSources ?? [];

  return (app, deps, ui) => {
    const r = caseRoutes(app, deps, ui);
    const calendar = async (s: CaseScope) => {
      const cal = await act.exportCalendar(s, sources, deps.config.baseUrl);
      return file(cal.body, 'text/calendar; charset=utf-8', cal.fileName);
    };

    // ---------- pages ----------

    const listPage = async (s: CaseScope, form: FormState | null, status = 200) => {
      const all = await act.listTasks(s);
      const today = act.todayFor(s);
      const open = sortByUrgency(
        all.filter((x) => !x.doneAt),
        today,
      );
      const done = all.filter((x) => x.doneAt).sort((a, b) => (b.doneAt ?? '').localeCompare(a.doneAt ?? ''));
      return page((ctx) => h(TasksPage, { ctx, c: s.c, open, done, today, form: form ?? emptyForm() }), status);
    };

    r.casePage('GET', '/cases/:caseId/tasks', { can: 'view' }, (s) => listPage(s, null));

    r.casePage('POST', '/cases/:caseId/tasks', { can: 'edit' }, async (s, { form: values }) => {
      const parsed = parseWith(newTaskSchema, values);
      if (!parsed.ok) return listPage(s, { values, errors: parsed.errors }, 400);
      const added = await act.addOwnTask(s, parsed.data);
      if (!added.ok) return listPage(s, { values, errors: added.errors }, 400);
      return redirect(`/cases/${s.caseId}/tasks`, 'tasks.added');
    });

    r.casePage('POST', '/cases/:caseId/tasks/:taskId/done', { can: 'edit' }, async (s, { params, form }) => {
      const done = form.done !== '0';
      await act.markDone(s, params.taskId!, done);
      return redirect(`/cases/${s.caseId}/tasks`, done ? 'tasks.doneSaved' : 'tasks.notDoneSaved');
    });

    const editPage = async (s: CaseScope, taskId: string, form: FormState | null, status = 200, stale?: Task) => {
      const task = await act.taskOf(s, taskId, true);
      return page(
        (ctx) =>
          h(TaskEditPage, {
            ctx,
            c: s.c,
            task,
            stale,
            form: form ?? emptyForm({ dueOn: task.dueOn ?? '', version: String(task.version) }),
          }),
        status,
      );
    };

    r.casePage('GET', '/cases/:caseId/tasks/:taskId/edit', { can: 'edit' }, (s, { params }) =>
      editPage(s, params.taskId!, null),
    );

    r.casePage('POST', '/cases/:caseId/tasks/:taskId/edit', { can: 'edit' }, async (s, { params, form: values }) => {
      const taskId = params.taskId!;
      const parsed = parseWith(taskDueSchema, values);
      if (!parsed.ok) return editPage(s, taskId, { values, errors: parsed.errors }, 400);
      const changed = await act.changeDue(s, taskId, parsed.data.dueOn ?? null, formVersion(values));
      if (!changed.ok && changed.current)
        return editPage(
          s,
          taskId,
          { values: { ...values, version: String(changed.current.version) }, errors: {} },
          409,
          changed.current,
        );
      if (!changed.ok) return editPage(s, taskId, { values, errors: changed.errors }, 400);
      return redirect(`/cases/${s.caseId}/tasks`, 'tasks.edit.saved');
    });

    r.casePage('GET', '/cases/:caseId/calendar.ics', { can: 'view' }, calendar);

    // ---------- JSON API ----------

    r.caseApi(
      'GET',
      '/api/v1/cases/:caseId/tasks',
      {
        can: 'view',
        schema: api.ops.getTasks,
      },
      async (s) => {
        const today = act.todayFor(s);
        return { tasks: sortByUrgency(await act.listTasks(s), today).map((x) => present(x, today)) };
      },
    );

    r.caseApi(
      'POST',
      '/api/v1/cases/:caseId/tasks',
      {
        can: 'edit',
        schema: api.ops.postTasks,
      },
      async (s, { body }) => json(present(unwrap(await act.addOwnTask(s, body)), act.todayFor(s)), 201),
    );

    r.caseApi(
      'PATCH',
      '/api/v1/cases/:caseId/tasks/:taskId',
      {
        can: 'edit',
        schema: api.ops.patchTask,
      },
      async (s, { params, body }) => {
        const task = unwrap(await act.patchTask(s, params.taskId, body, ifMatchVersion(s.req)));
        return json(present(task, act.todayFor(s)), 200, { ETag: etagOf(task.version) });
      },
    );

    r.caseApi(
      'GET',
      '/api/v1/cases/:caseId/calendar.ics',
      {
        can: 'view',
        schema: api.ops.getCalendarIcs,
      },
      calendar,
    );
  };
}
