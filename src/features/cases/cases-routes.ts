import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { listAccessiblePatientIds, requireCaseAccess, requirePatientAccess } from '../../platform/auth/access-store.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { transact, type Work } from '../../platform/deps.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { formValues, issuesToFields, parseWith, requireUser, sendPage, setFlash } from '../../platform/http/context.ts';
import { invalid } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { emptyForm, type FormState, type FormValues } from '../../platform/ui/page-context.ts';
import type { Task } from '../../platform/tasks/tasks.ts';
import { idParam } from '../../platform/validation.ts';
import { localToday } from '../tasks/tasks.ts';
import {
  type CaseRecord,
  caseDisplayTitle,
  caseEditSchema,
  casePatchSchema,
  caseSchema,
  journeySteps,
  type StepSlug,
  type StepStatus,
} from './cases.ts';
import { getCase, insertCase, listCasesForUser, setArchived, updateCase } from './cases-store.ts';
import { CasePage, DashboardPage, EditCasePage, type LinkUse, NewCasePage, type PatientOption, type WaitingOpinion } from './cases-views.tsx';

/** How another feature reports the status of its step for a case. */
export type StepStatusProvider = (db: Queryable, caseId: string) => Promise<StepStatus>;

/** Open tasks (any step's) of the given patients: the dashboard's "what is due". */
export type DueTasksProvider = (db: Queryable, patientIds: string[]) => Promise<Task[]>;

/** Doctors' opinions that wait for the person to accept or set aside (opinions feature). */
export type WaitingOpinionsProvider = (db: Queryable, caseId: string) => Promise<WaitingOpinion[]>;

/** The most recent uses of the case's share links, newest first (sharing feature). */
export type LinkUsesProvider = (db: Queryable, caseId: string, limit: number) => Promise<LinkUse[]>;

/** How many doctors' opinions wait on each case, for the dashboard (cases with none left out). */
export type WaitingOpinionCountsProvider = (db: Queryable, caseIds: string[]) => Promise<Map<string, number>>;

const caseOut = z.object({
  id: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  title: z.string(),
  displayTitle: z.string(),
  diagnosisStatus: z.enum(['diagnosed', 'no_diagnosis']),
  diagnosis: z.string().nullable(),
  symptoms: z.string().nullable(),
  proposedTreatment: z.string().nullable(),
  doctorName: z.string().nullable(),
  doctorSpecialty: z.string().nullable(),
  toldOn: z.string().nullable(),
  urgency: z.string(),
  status: z.enum(['open', 'decided']),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
});
const stepOut = z.object({ n: z.number(), slug: z.string(), status: z.string(), href: z.string() });

const t = translator('en');
const present = (c: CaseRecord) => ({ ...c, displayTitle: caseDisplayTitle(c, t) });

function toFormValues(c: CaseRecord): FormValues {
  return {
    patientId: c.patientId,
    title: c.title,
    diagnosisStatus: c.diagnosisStatus,
    diagnosis: c.diagnosis ?? '',
    symptoms: c.symptoms ?? '',
    proposedTreatment: c.proposedTreatment ?? '',
    doctorName: c.doctorName ?? '',
    doctorSpecialty: c.doctorSpecialty ?? '',
    toldOn: c.toldOn ?? '',
    urgency: c.urgency,
  };
}

export function createCasesFeature(
  opts: { steps?: Partial<Record<StepSlug, StepStatusProvider>>; dueTasks?: DueTasksProvider; waitingOpinions?: WaitingOpinionsProvider; waitingOpinionCounts?: WaitingOpinionCountsProvider; linkUses?: LinkUsesProvider } = {},
): FeatureRegistrar {
  const providers = opts.steps ?? {};
  const dueTasks = opts.dueTasks;
  const waitingOpinions = opts.waitingOpinions;
  const waitingOpinionCounts = opts.waitingOpinionCounts;
  const linkUses = opts.linkUses;

  async function stepStatuses(db: Queryable, caseId: string): Promise<Partial<Record<StepSlug, StepStatus>>> {
    const out: Partial<Record<StepSlug, StepStatus>> = {};
    for (const [slug, provider] of Object.entries(providers) as [StepSlug, StepStatusProvider][]) out[slug] = await provider(db, caseId);
    return out;
  }

  return (app, deps, ui) => {
    const { clock, config } = deps;
    const page = ui.page;

    /** Patients the user may open cases for, labelled for a chooser. */
    async function patientOptions(w: Work, userId: string): Promise<PatientOption[]> {
      const ids = await listAccessiblePatientIds(w.trx, userId);
      if (ids.length === 0) return [];
      const rows = await w.trx.selectFrom('patients').select(['id', 'display_name', 'self_user_id']).where('id', 'in', ids).orderBy('display_name').execute();
      return rows
        .sort((a, b) => Number(b.self_user_id === userId) - Number(a.self_user_id === userId))
        .map((r) => ({ id: r.id, label: r.self_user_id === userId ? t('patients.you', { name: r.display_name }) : r.display_name }));
    }

    // ---------- pages ----------

    app.get('/dashboard', { config: { access: 'user' } }, async (req, reply) => {
      const user = requireUser(req);
      const q = req.query as Record<string, string | undefined>;
      const archived = q.archived === '1';
      const data = await transact(deps, req, async (w) => {
        const patients = await patientOptions(w, user.userId);
        // An unknown or foreign patient id in the filter shows everyone, never an error that confirms it exists.
        const filter = patients.find((p) => p.id === q.patientId) ?? null;
        const cases = await listCasesForUser(w.trx, user.userId, { archived, patientId: filter?.id });
        for (const pid of new Set(cases.map((c) => c.patientId))) {
          await w.audit({ action: 'case.list', patientId: pid, objectType: 'patient', objectId: pid });
        }
        // What is due, across everyone the user acts for (or the one chosen), for open cases only.
        const due = !archived && dueTasks ? await dueTasks(w.trx, filter ? [filter.id] : patients.map((p) => p.id)) : null;
        for (const pid of new Set((due ?? []).map((x) => x.patientId))) {
          await w.audit({ action: 'task.list', patientId: pid, objectType: 'patient', objectId: pid });
        }
        const waiting = !archived && waitingOpinionCounts ? await waitingOpinionCounts(w.trx, cases.map((c) => c.id)) : new Map<string, number>();
        return { patients, filter, cases, due, waiting };
      });
      return sendPage(
        reply,
        h(DashboardPage, {
          ctx: page(req),
          cases: data.cases,
          patients: data.patients,
          filterPatient: data.filter,
          archived,
          due: data.due,
          waiting: data.waiting,
          today: localToday(clock.now()),
        }),
      );
    });

    const newCasePage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
      const user = requireUser(req);
      const patients = await transact(deps, req, (w) => patientOptions(w, user.userId));
      if (patients.length === 1 && !form.values.patientId) form.values.patientId = patients[0]!.id;
      return sendPage(reply, h(NewCasePage, { ctx: page(req), form, patients }), status);
    };

    app.get('/cases/new', { config: { access: 'user' } }, async (req, reply) => {
      const q = req.query as Record<string, string | undefined>;
      return newCasePage(req, reply, emptyForm({ patientId: q.patientId ?? '' }));
    });

    app.post('/cases/new', { config: { access: 'user' } }, async (req, reply) => {
      const user = requireUser(req);
      const values = formValues(req.body as Record<string, unknown>);
      const parsed = parseWith(caseSchema, values);
      if (!parsed.ok) return newCasePage(req, reply, { values, errors: parsed.errors }, 400);
      const caseId = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requirePatientAccess(trx, req.actor, parsed.data.patientId, 'edit').catch(() => null);
        if (!access) return null;
        const id = await insertCase(trx, clock.now().toISOString(), user.userId, parsed.data);
        await audit({ action: 'case.create', patientId: parsed.data.patientId, objectType: 'case', objectId: id });
        return id;
      });
      if (!caseId) return newCasePage(req, reply, { values, errors: { patientId: 'cases.errors.patientRequired' } }, 400);
      setFlash(reply, 'cases.new.done', config.secureCookies);
      return reply.redirect(`/cases/${caseId}`, 303);
    });

    app.get('/cases/:caseId', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const data = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        const c = await getCase(trx, caseId);
        const steps = journeySteps(caseId, await stepStatuses(trx, caseId));
        const waiting = waitingOpinions ? await waitingOpinions(trx, caseId) : [];
        const uses = linkUses ? await linkUses(trx, caseId, 5) : [];
        await audit({ action: 'case.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return { c, steps, waiting, linkUses: uses };
      });
      return sendPage(reply, h(CasePage, { ctx: page(req), ...data }));
    });

    const editPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, form: FormState | null, status = 200) => {
      const c = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const rec = await getCase(trx, caseId);
        await audit({ action: 'case.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return rec;
      });
      return sendPage(reply, h(EditCasePage, { ctx: page(req), c, form: form ?? emptyForm(toFormValues(c)) }), status);
    };

    app.get('/cases/:caseId/edit', { config: { access: 'patient' } }, async (req, reply) =>
      editPage(req, reply, (req.params as { caseId: string }).caseId, null),
    );

    app.post('/cases/:caseId/edit', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const values = formValues(req.body as Record<string, unknown>);
      const parsed = parseWith(caseEditSchema, values);
      if (!parsed.ok) return editPage(req, reply, caseId, { values, errors: parsed.errors }, 400);
      await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        await updateCase(trx, caseId, clock.now().toISOString(), parsed.data);
        await audit({ action: 'case.update', patientId: access.patientId, objectType: 'case', objectId: caseId });
      });
      setFlash(reply, 'form.saved', config.secureCookies);
      return reply.redirect(`/cases/${caseId}`, 303);
    });

    for (const [path, archived] of [
      ['archive', true],
      ['restore', false],
    ] as const) {
      app.post(`/cases/:caseId/${path}`, { config: { access: 'patient' } }, async (req, reply) => {
        const { caseId } = req.params as { caseId: string };
        await transact(deps, req, async ({ trx, audit }) => {
          const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
          await setArchived(trx, caseId, archived, clock.now().toISOString());
          await audit({ action: archived ? 'case.archive' : 'case.restore', patientId: access.patientId, objectType: 'case', objectId: caseId });
        });
        setFlash(reply, archived ? 'cases.archivedDone' : 'cases.restoredDone', config.secureCookies);
        return reply.redirect(archived ? '/dashboard' : `/cases/${caseId}`, 303);
      });
    }

    // ---------- JSON API ----------

    app.get(
      '/api/v1/cases',
      {
        config: { access: 'user' },
        schema: {
          tags: ['cases'],
          summary: 'Cases of every patient you may act for',
          querystring: z.object({ patientId: idParam.optional(), archived: z.enum(['true', 'false']).default('false') }),
          response: { 200: z.object({ cases: z.array(caseOut) }) },
        },
      },
      async (req) => {
        const user = requireUser(req);
        const cases = await transact(deps, req, async ({ trx, audit }) => {
          const list = await listCasesForUser(trx, user.userId, { archived: req.query.archived === 'true', patientId: req.query.patientId });
          for (const pid of new Set(list.map((c) => c.patientId))) await audit({ action: 'case.list', patientId: pid, objectType: 'patient', objectId: pid });
          return list;
        });
        return { cases: cases.map(present) };
      },
    );

    app.post(
      '/api/v1/cases',
      { config: { access: 'user' }, schema: { tags: ['cases'], summary: 'Start a case', body: caseSchema, response: { 201: caseOut } } },
      async (req, reply) => {
        const user = requireUser(req);
        const c = await transact(deps, req, async ({ trx, audit }) => {
          // An unknown patient and someone else's patient give the same field error.
          const access = await requirePatientAccess(trx, req.actor, req.body.patientId, 'edit').catch(() => null);
          if (!access) throw invalid({ patientId: 'cases.errors.patientRequired' });
          const id = await insertCase(trx, clock.now().toISOString(), user.userId, req.body);
          await audit({ action: 'case.create', patientId: access.patientId, objectType: 'case', objectId: id });
          return getCase(trx, id);
        });
        return reply.code(201).send(present(c));
      },
    );

    app.get(
      '/api/v1/cases/:caseId',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['cases'],
          summary: 'One case, with the status of each journey step',
          params: z.object({ caseId: idParam }),
          response: { 200: caseOut.extend({ steps: z.array(stepOut) }) },
        },
      },
      async (req) => {
        const { caseId } = req.params;
        return transact(deps, req, async ({ trx, audit }) => {
          const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
          const c = await getCase(trx, caseId);
          const steps = journeySteps(caseId, await stepStatuses(trx, caseId));
          await audit({ action: 'case.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
          return { ...present(c), steps: steps.map((s) => ({ n: s.n, slug: s.slug, status: s.status, href: s.href })) };
        });
      },
    );

    app.patch(
      '/api/v1/cases/:caseId',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['cases'],
          summary: 'Change a case, or archive it (archived: true) — cases are never deleted',
          params: z.object({ caseId: idParam }),
          body: casePatchSchema,
          response: { 200: caseOut },
        },
      },
      async (req) => {
        const { caseId } = req.params;
        const { archived, ...changes } = req.body;
        const c = await transact(deps, req, async ({ trx, audit }) => {
          const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
          const current = await getCase(trx, caseId);
          const now = clock.now().toISOString();
          if (Object.keys(changes).length > 0) {
            const merged = caseEditSchema.safeParse({ ...toFormValues(current), ...changes });
            if (!merged.success) throw invalid(issuesToFields(merged.error.issues));
            await updateCase(trx, caseId, now, merged.data);
            await audit({ action: 'case.update', patientId: access.patientId, objectType: 'case', objectId: caseId });
          }
          if (archived !== undefined && archived !== (current.archivedAt !== null)) {
            await setArchived(trx, caseId, archived, now);
            await audit({ action: archived ? 'case.archive' : 'case.restore', patientId: access.patientId, objectType: 'case', objectId: caseId });
          }
          return getCase(trx, caseId);
        });
        return present(c);
      },
    );

  };
}
