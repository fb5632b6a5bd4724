import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { requireCaseAccess } from '../../platform/auth/access-store.ts';
import { loadCaseContext } from '../../platform/case-context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { transact, type Work } from '../../platform/deps.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { formValues, parseWith, requireUser, sendPage, setFlash } from '../../platform/http/context.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { dueState, sortByUrgency, type Task } from '../../platform/tasks/tasks.ts';
import { addTask, getTask, listOpenTasksForPatients, listTasksForCase, setTaskDone, updateTaskDue } from '../../platform/tasks/tasks-store.ts';
import { emptyForm, type FormState } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import { buildCalendar, type CalendarEvent, type CalendarSource } from './calendar.ts';
import { localToday, newTaskSchema, pastDateErrors, taskDueSchema, taskPatchSchema } from './tasks.ts';
import { TaskEditPage, TasksPage } from './tasks-views.tsx';

const t = translator('en');

const taskOut = z.object({
  id: z.string(),
  caseId: z.string(),
  step: z.string(),
  kind: z.string(),
  title: z.string(),
  dueOn: z.string().nullable(),
  dueState: z.enum(['done', 'overdue', 'due_today', 'due_soon', 'later', 'no_date']),
  doneAt: z.string().nullable(),
  createdAt: z.string(),
});

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
});

/** Open tasks of the patients a user acts for: the dashboard's "what is due", wired in features/index.ts. */
export const openTasksForPatients = (db: Queryable, patientIds: string[]): Promise<Task[]> => listOpenTasksForPatients(db, patientIds);

/**
 * The per-case task list (any step's tasks, and the person's own), and the case's calendar
 * file. Other features add their dated things to the calendar through `calendarSources`.
 */
export function createTasksFeature(opts: { calendarSources?: CalendarSource[] } = {}): FeatureRegistrar {
  const sources = opts.calendarSources ?? [];

  return (app, deps, ui) => {
    const { clock, config } = deps;
    const today = () => localToday(clock.now());

    async function caseCalendar(w: Work, caseId: string): Promise<{ body: string; filename: string }> {
      const c = await loadCaseContext(w.trx, caseId);
      const caseUrl = `${config.baseUrl.replace(/\/$/, '')}/cases/${caseId}/tasks`;
      const tasks = (await listTasksForCase(w.trx, caseId)).filter((task) => !task.doneAt && task.dueOn);
      const events: CalendarEvent[] = tasks.map((task) => ({
        kind: 'all_day',
        uid: `task-${task.id}@second-opinion`,
        title: t('tasks.calendar.due', { title: task.title }),
        date: task.dueOn!,
        description: t('tasks.calendar.dueDescription', { name: c.patientName, url: caseUrl }),
      }));
      for (const source of sources) events.push(...(await source(w.trx, caseId)));
      const body = buildCalendar(events, { name: t('tasks.calendar.name', { case: c.title || t('cases.untitledNoDiagnosis') }), stamp: clock.now() });
      return { body, filename: `second-opinion-${caseId.slice(0, 8)}.ics` };
    }

    const sendCalendar = (reply: FastifyReply, cal: { body: string; filename: string }) =>
      reply
        .header('Cache-Control', 'no-store')
        .header('Content-Disposition', `attachment; filename="${cal.filename}"`)
        .type('text/calendar; charset=utf-8')
        .send(cal.body);

    // ---------- pages ----------

    const listPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, form: FormState | null, status = 200) => {
      const data = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        const c = await loadCaseContext(trx, caseId);
        const all = await listTasksForCase(trx, caseId);
        await audit({ action: 'task.list', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return { c, all };
      });
      const day = today();
      const open = sortByUrgency(
        data.all.filter((x) => !x.doneAt),
        day,
      );
      const done = data.all.filter((x) => x.doneAt).sort((a, b) => (b.doneAt ?? '').localeCompare(a.doneAt ?? ''));
      return sendPage(reply, h(TasksPage, { ctx: ui.page(req), c: data.c, open, done, today: day, form: form ?? emptyForm() }), status);
    };

    app.get('/cases/:caseId/tasks', { config: { access: 'patient' } }, async (req, reply) => listPage(req, reply, (req.params as { caseId: string }).caseId, null));

    app.post('/cases/:caseId/tasks', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const user = requireUser(req);
      const values = formValues(req.body as Record<string, unknown>);
      const parsed = parseWith(newTaskSchema, values);
      const errors = parsed.ok ? pastDateErrors({ dueOn: parsed.data.dueOn }, today()) : parsed.errors;
      if (!parsed.ok || Object.keys(errors).length > 0) return listPage(req, reply, caseId, { values, errors }, 400);
      await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const id = await addTask(trx, clock.now().toISOString(), user.userId, {
          caseId,
          patientId: access.patientId,
          step: 'custom',
          kind: 'custom',
          title: parsed.data.title,
          dueOn: parsed.data.dueOn ?? null,
        });
        await audit({ action: 'task.create', patientId: access.patientId, objectType: 'task', objectId: id });
      });
      setFlash(reply, 'tasks.added', config.secureCookies);
      return reply.redirect(`/cases/${caseId}/tasks`, 303);
    });

    app.post('/cases/:caseId/tasks/:taskId/done', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId, taskId } = req.params as { caseId: string; taskId: string };
      const done = formValues(req.body as Record<string, unknown>).done !== '0';
      await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        if (!(await setTaskDone(trx, caseId, taskId, done, clock.now().toISOString()))) throw notFound();
        await audit({ action: done ? 'task.done' : 'task.reopen', patientId: access.patientId, objectType: 'task', objectId: taskId });
      });
      setFlash(reply, done ? 'tasks.doneSaved' : 'tasks.notDoneSaved', config.secureCookies);
      return reply.redirect(`/cases/${caseId}/tasks`, 303);
    });

    const editPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, taskId: string, form: FormState | null, status = 200) => {
      const data = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const task = await getTask(trx, caseId, taskId);
        if (!task) throw notFound();
        const c = await loadCaseContext(trx, caseId);
        await audit({ action: 'task.view', patientId: access.patientId, objectType: 'task', objectId: taskId });
        return { c, task };
      });
      return sendPage(reply, h(TaskEditPage, { ctx: ui.page(req), c: data.c, task: data.task, form: form ?? emptyForm({ dueOn: data.task.dueOn ?? '' }) }), status);
    };

    app.get('/cases/:caseId/tasks/:taskId/edit', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId, taskId } = req.params as { caseId: string; taskId: string };
      return editPage(req, reply, caseId, taskId, null);
    });

    app.post('/cases/:caseId/tasks/:taskId/edit', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId, taskId } = req.params as { caseId: string; taskId: string };
      const values = formValues(req.body as Record<string, unknown>);
      const parsed = parseWith(taskDueSchema, values);
      if (!parsed.ok) return editPage(req, reply, caseId, taskId, { values, errors: parsed.errors }, 400);
      const bad = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const task = await getTask(trx, caseId, taskId);
        if (!task) throw notFound();
        const errors = pastDateErrors({ dueOn: parsed.data.dueOn }, today(), { dueOn: task.dueOn });
        if (Object.keys(errors).length > 0) return errors;
        await updateTaskDue(trx, caseId, taskId, parsed.data.dueOn ?? null, clock.now().toISOString());
        await audit({ action: 'task.update', patientId: access.patientId, objectType: 'task', objectId: taskId });
        return null;
      });
      if (bad) return editPage(req, reply, caseId, taskId, { values, errors: bad }, 400);
      setFlash(reply, 'tasks.edit.saved', config.secureCookies);
      return reply.redirect(`/cases/${caseId}/tasks`, 303);
    });

    app.get('/cases/:caseId/calendar.ics', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const cal = await transact(deps, req, async (w) => {
        const access = await requireCaseAccess(w.trx, req.actor, caseId, 'view');
        await w.audit({ action: 'calendar.export', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return caseCalendar(w, caseId);
      });
      return sendCalendar(reply, cal);
    });

    // ---------- JSON API ----------

    const caseParams = z.object({ caseId: idParam });

    app.get(
      '/api/v1/cases/:caseId/tasks',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['tasks'],
          summary: 'Every task of a case (from any step, and the person’s own), most pressing first',
          params: caseParams,
          response: { 200: z.object({ tasks: z.array(taskOut) }) },
        },
      },
      async (req) => {
        const { caseId } = req.params;
        const list = await transact(deps, req, async ({ trx, audit }) => {
          const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
          await audit({ action: 'task.list', patientId: access.patientId, objectType: 'case', objectId: caseId });
          return listTasksForCase(trx, caseId);
        });
        const day = today();
        return { tasks: sortByUrgency(list, day).map((x) => present(x, day)) };
      },
    );

    app.post(
      '/api/v1/cases/:caseId/tasks',
      {
        config: { access: 'patient' },
        schema: { tags: ['tasks'], summary: 'Add your own task, with an optional due date (today or later)', params: caseParams, body: newTaskSchema, response: { 201: taskOut } },
      },
      async (req, reply) => {
        const { caseId } = req.params;
        const user = requireUser(req);
        const task = await transact(deps, req, async ({ trx, audit }) => {
          const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
          const errors = pastDateErrors({ dueOn: req.body.dueOn }, today());
          if (Object.keys(errors).length > 0) throw invalid(errors);
          const id = await addTask(trx, clock.now().toISOString(), user.userId, {
            caseId,
            patientId: access.patientId,
            step: 'custom',
            kind: 'custom',
            title: req.body.title,
            dueOn: req.body.dueOn ?? null,
          });
          await audit({ action: 'task.create', patientId: access.patientId, objectType: 'task', objectId: id });
          return (await getTask(trx, caseId, id))!;
        });
        return reply.code(201).send(present(task, today()));
      },
    );

    app.patch(
      '/api/v1/cases/:caseId/tasks/:taskId',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['tasks'],
          summary: 'Mark a task done or not done, or change its due date (null clears it)',
          params: z.object({ caseId: idParam, taskId: idParam }),
          body: taskPatchSchema,
          response: { 200: taskOut },
        },
      },
      async (req) => {
        const { caseId, taskId } = req.params;
        const task = await transact(deps, req, async ({ trx, audit }) => {
          const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
          const current = await getTask(trx, caseId, taskId);
          if (!current) throw notFound();
          const now = clock.now().toISOString();
          if (req.body.dueOn !== undefined) {
            const errors = pastDateErrors({ dueOn: req.body.dueOn }, today(), { dueOn: current.dueOn });
            if (Object.keys(errors).length > 0) throw invalid(errors);
            await updateTaskDue(trx, caseId, taskId, req.body.dueOn ?? null, now);
          }
          if (req.body.done !== undefined && req.body.done !== !!current.doneAt) await setTaskDone(trx, caseId, taskId, req.body.done, now);
          await audit({ action: 'task.update', patientId: access.patientId, objectType: 'task', objectId: taskId });
          return (await getTask(trx, caseId, taskId))!;
        });
        return present(task, today());
      },
    );

    app.get(
      '/api/v1/cases/:caseId/calendar.ics',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['tasks'],
          summary: 'The case’s appointments and open due dates as an iCalendar (.ics) file (text/calendar)',
          params: caseParams,
        },
      },
      async (req, reply) => {
        const { caseId } = req.params;
        const cal = await transact(deps, req, async (w) => {
          const access = await requireCaseAccess(w.trx, req.actor, caseId, 'view');
          await w.audit({ action: 'calendar.export', patientId: access.patientId, objectType: 'case', objectId: caseId });
          return caseCalendar(w, caseId);
        });
        return sendCalendar(reply, cal);
      },
    );
  };
}
