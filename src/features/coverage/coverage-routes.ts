import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { type CaseAccess, requireCaseAccess } from '../../platform/auth/access-store.ts';
import { type CaseContext, loadCaseContext } from '../../platform/case-context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { transact } from '../../platform/deps.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { formValues, parseWith, requireUser, sendPage, setFlash } from '../../platform/http/context.ts';
import { invalid } from '../../platform/http/errors.ts';
import { type MessageKey, translator } from '../../platform/i18n/i18n.ts';
import { addDays } from '../../platform/tasks/tasks.ts';
import { addTask, completeTasksOfKind, ensureTask, ensureTaskDue } from '../../platform/tasks/tasks-store.ts';
import { emptyForm, type FieldErrors, type FormState, type FormValues } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import { looksLikeCancer } from '../doctors/doctors.ts';
import { dueIn, futureDateErrors, localTimeNow, localToday, pastDateErrors } from '../tasks/tasks.ts';
import {
  appealRules,
  type CallInput,
  type CallRecord,
  type CallScript,
  callSchema,
  caseFacts,
  coverageStepStatus,
  explainCoverage,
  normalisePriorAuth,
  type PlanInput,
  type PlanRecord,
  planSchema,
  PLAN_TYPES,
  PRIOR_AUTH_STATUSES,
  type PriorAuthInput,
  priorAuthSchema,
  buildCallScript,
} from './coverage.ts';
import { countCalls, getCall, getPlan, insertCall, listCalls, savePlan, savePriorAuth } from './coverage-store.ts';
import { CallPage, CoveragePage, PlanPage, PriorAuthPage, ScriptPage } from './coverage-views.tsx';

const t = translator('en');

// ---------- API shapes ----------

const sourceOut = z.object({ title: z.string(), url: z.string() });
const ruleOut = z.object({ id: z.string(), topic: z.string(), text: z.string(), source: sourceOut, reviewed: z.string(), matchesCase: z.boolean() });
const priorAuthOut = z.object({
  status: z.enum(PRIOR_AUTH_STATUSES),
  number: z.string().nullable(),
  requestedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  appealBy: z.string().nullable(),
  notes: z.string().nullable(),
});
const planOut = z.object({
  planType: z.enum(PLAN_TYPES),
  insurer: z.string().nullable(),
  memberId: z.string().nullable(),
  planPhone: z.string().nullable(),
  priorAuth: priorAuthOut,
  updatedAt: z.string(),
});
const scriptOut = z.object({ whom: z.string(), opening: z.array(z.string()), questions: z.array(z.string()), closing: z.array(z.string()) });
const coverageOut = z.object({
  plan: planOut.nullable(),
  rules: z.array(ruleOut),
  callScript: scriptOut,
  callCount: z.number(),
  stepStatus: z.enum(['not_started', 'in_progress', 'done']),
});
const callOut = z.object({
  id: z.string(),
  calledOn: z.string(),
  calledTime: z.string().nullable(),
  organization: z.string().nullable(),
  spokeWith: z.string().nullable(),
  referenceNumber: z.string().nullable(),
  summary: z.string(),
  followUp: z.string().nullable(),
  followUpOn: z.string().nullable(),
  createdAt: z.string(),
});

const putCoverageSchema = planSchema.extend({ priorAuth: priorAuthSchema.optional() });

const presentCall = (c: CallRecord) => ({
  id: c.id,
  calledOn: c.calledOn,
  calledTime: c.calledTime,
  organization: c.organization,
  spokeWith: c.spokeWith,
  referenceNumber: c.referenceNumber,
  summary: c.summary,
  followUp: c.followUp,
  followUpOn: c.followUpOn,
  createdAt: c.createdAt,
});

function scriptFor(c: CaseContext, plan: PlanRecord | null): CallScript {
  return buildCallScript(plan?.planType ?? 'not_sure', {
    ...caseFacts(c),
    patientName: c.patientName,
    insurer: plan?.insurer ?? null,
    memberId: plan?.memberId ?? null,
    about: c.diagnosis ?? c.symptoms ?? (c.title || t('cases.untitledNoDiagnosis')),
    proposedTreatment: c.proposedTreatment,
    cancer: looksLikeCancer(c),
  });
}

const renderScript = (s: CallScript) => {
  const lines = (l: CallScript['opening']) => l.map((x) => t(x.key, x.vars));
  return { whom: t(s.whom), opening: lines(s.opening), questions: lines(s.questions), closing: lines(s.closing) };
};

function planFormValues(plan: PlanRecord | null): FormValues {
  return { planType: plan?.planType ?? '', insurer: plan?.insurer ?? '', memberId: plan?.memberId ?? '', planPhone: plan?.planPhone ?? '' };
}

function priorAuthFormValues(plan: PlanRecord): FormValues {
  const p = plan.priorAuth;
  return { status: p.status, number: p.number ?? '', requestedOn: p.requestedOn ?? '', expiresOn: p.expiresOn ?? '', appealBy: p.appealBy ?? '', notes: p.notes ?? '' };
}

const hasErrors = (e: FieldErrors) => Object.keys(e).length > 0;

export const registerCoverage: FeatureRegistrar = (app, deps, ui) => {
  const { clock, config } = deps;
  const today = () => localToday(clock.now());
  const nowIso = () => clock.now().toISOString();

  // ---------- what each write also does to the task list ----------

  /** A new plan (or a different kind of plan) means a call to make. */
  async function afterPlanSaved(trx: Tx, access: CaseAccess, userId: string, c: CaseContext, before: PlanRecord | null, input: PlanInput): Promise<void> {
    if (before && before.planType === input.planType) return;
    const title =
      input.planType === 'uninsured'
        ? t('coverage.task.callBilling')
        : input.planType === 'original_medicare'
          ? t('coverage.task.callMedicare')
          : input.insurer
            ? t('coverage.task.callPlan', { insurer: input.insurer })
            : t('coverage.task.callPlanGeneric');
    await ensureTask(trx, nowIso(), userId, { caseId: c.id, patientId: access.patientId, step: 'coverage', kind: 'call_plan', title, dueOn: dueIn(today(), 3, c.urgency) });
  }

  /** Prior authorization drives three tasks: check on a request, appeal a denial, use an approval before it ends. */
  async function afterPriorAuthSaved(trx: Tx, access: CaseAccess, userId: string, c: CaseContext, p: PriorAuthInput): Promise<void> {
    const now = nowIso();
    const day = today();
    const base = { caseId: c.id, patientId: access.patientId, step: 'coverage' };
    if (p.status === 'requested') {
      const from = p.requestedOn ?? day;
      const due = addDays(from, c.urgency === 'right_away' ? 2 : 7);
      await ensureTaskDue(trx, now, userId, { ...base, kind: 'prior_auth_check', title: t('coverage.task.checkPriorAuth'), dueOn: due < day ? day : due });
    } else await completeTasksOfKind(trx, c.id, 'prior_auth_check', now);
    if (p.status === 'denied') {
      await ensureTaskDue(trx, now, userId, { ...base, kind: 'prior_auth_appeal', title: t('coverage.task.appeal'), dueOn: p.appealBy ?? null });
    } else await completeTasksOfKind(trx, c.id, 'prior_auth_appeal', now);
    if (p.status === 'approved' && p.expiresOn && p.expiresOn >= day) {
      await ensureTaskDue(trx, now, userId, { ...base, kind: 'prior_auth_ends', title: t('coverage.task.priorAuthEnds'), dueOn: p.expiresOn });
    } else await completeTasksOfKind(trx, c.id, 'prior_auth_ends', now);
  }

  function priorAuthDateErrors(p: PriorAuthInput, before: PlanRecord | null): FieldErrors {
    return { ...futureDateErrors({ requestedOn: p.requestedOn }, today()), ...pastDateErrors({ appealBy: p.appealBy }, today(), { appealBy: before?.priorAuth.appealBy }) };
  }

  function callDateErrors(input: CallInput): FieldErrors {
    return { ...futureDateErrors({ calledOn: input.calledOn }, today()), ...pastDateErrors({ followUpOn: input.followUpOn }, today()) };
  }

  /** Saves a call and what follows from it, in the caller's transaction. */
  async function saveCall(trx: Tx, access: CaseAccess, userId: string, input: CallInput & { calledOn: string }): Promise<string> {
    const now = nowIso();
    const id = await insertCall(trx, { caseId: access.caseId, patientId: access.patientId }, userId, now, input);
    // Someone called: the "call the plan" task is done, whatever they were told.
    await completeTasksOfKind(trx, access.caseId, 'call_plan', now);
    if (input.followUpOn) {
      const date = new Date(`${input.calledOn}T12:00:00Z`).toLocaleDateString('en-US', { month: 'long', day: 'numeric', timeZone: 'UTC' });
      await addTask(trx, now, userId, {
        caseId: access.caseId,
        patientId: access.patientId,
        step: 'coverage',
        kind: 'call_follow_up',
        title: input.followUp ? t('coverage.task.followUp', { date, what: input.followUp.slice(0, 120) }) : t('coverage.task.followUpGeneric', { date }),
        dueOn: input.followUpOn,
        sourceType: 'coverage_call',
        sourceId: id,
      });
    }
    return id;
  }

  // ---------- pages ----------

  app.get('/cases/:caseId/coverage', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const data = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
      const c = await loadCaseContext(trx, caseId);
      const plan = await getPlan(trx, caseId);
      const calls = await listCalls(trx, caseId);
      await audit({ action: 'coverage.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
      return { c, plan, calls };
    });
    const { c, plan } = data;
    return sendPage(
      reply,
      h(CoveragePage, {
        ctx: ui.page(req),
        c,
        plan,
        rules: plan ? explainCoverage(plan.planType, caseFacts(c)) : [],
        appeal: plan ? appealRules(plan.planType) : [],
        calls: data.calls,
        today: today(),
        clearDraft: req.flash === 'coverage.calls.saved' || req.flash === 'coverage.calls.savedWithTask',
      }),
    );
  });

  /** The case and its plan, read for one page (audited as that page's view). */
  const caseAndPlan = (req: FastifyRequest, caseId: string, level: 'view' | 'edit', action: string) =>
    transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, level);
      const c = await loadCaseContext(trx, caseId);
      const plan = await getPlan(trx, caseId);
      await audit({ action, patientId: access.patientId, objectType: 'case', objectId: caseId });
      return { c, plan };
    });

  const planPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, form: FormState | null, status = 200) => {
    const data = await caseAndPlan(req, caseId, 'edit', 'coverage.view');
    return sendPage(reply, h(PlanPage, { ctx: ui.page(req), c: data.c, form: form ?? emptyForm(planFormValues(data.plan)) }), status);
  };

  app.get('/cases/:caseId/coverage/plan', { config: { access: 'patient' } }, async (req, reply) => planPage(req, reply, (req.params as { caseId: string }).caseId, null));

  app.post('/cases/:caseId/coverage/plan', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const user = requireUser(req);
    const values = formValues(req.body as Record<string, unknown>);
    const parsed = parseWith(planSchema, values);
    if (!parsed.ok) return planPage(req, reply, caseId, { values, errors: parsed.errors }, 400);
    await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const c = await loadCaseContext(trx, caseId);
      const before = await getPlan(trx, caseId);
      await savePlan(trx, { caseId, patientId: access.patientId }, user.userId, nowIso(), parsed.data);
      await afterPlanSaved(trx, access, user.userId, c, before, parsed.data);
      await audit({ action: 'coverage.plan.save', patientId: access.patientId, objectType: 'case', objectId: caseId });
    });
    setFlash(reply, 'coverage.plan.saved', config.secureCookies);
    return reply.redirect(`/cases/${caseId}/coverage`, 303);
  });

  app.get('/cases/:caseId/coverage/script', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const data = await caseAndPlan(req, caseId, 'view', 'coverage.script.view');
    // With Original Medicare the call goes to the second doctor's office, not to a plan's
    // member line: a plan phone left from an earlier plan type would send people astray.
    const phone = data.plan && data.plan.planType !== 'original_medicare' ? data.plan.planPhone : null;
    return sendPage(reply, h(ScriptPage, { ctx: ui.page(req), c: data.c, script: scriptFor(data.c, data.plan), phone }));
  });

  const callPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, form: FormState | null, status = 200) => {
    const data = await caseAndPlan(req, caseId, 'edit', 'coverage.view');
    const now = clock.now();
    const fresh = emptyForm({ calledOn: localToday(now), calledTime: localTimeNow(now), organization: data.plan?.insurer ?? '' });
    return sendPage(reply, h(CallPage, { ctx: ui.page(req), c: data.c, form: form ?? fresh }), status);
  };

  app.get('/cases/:caseId/coverage/calls/new', { config: { access: 'patient' } }, async (req, reply) => callPage(req, reply, (req.params as { caseId: string }).caseId, null));

  app.post('/cases/:caseId/coverage/calls/new', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const user = requireUser(req);
    const values = formValues(req.body as Record<string, unknown>);
    const parsed = parseWith(callSchema, values);
    // Whatever is wrong, the page comes back with everything typed, so no call is lost.
    const errors = parsed.ok ? callDateErrors(parsed.data) : parsed.errors;
    if (!parsed.ok || hasErrors(errors)) return callPage(req, reply, caseId, { values, errors }, 400);
    const input = parsed.data as CallInput & { calledOn: string };
    await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const id = await saveCall(trx, access, user.userId, input);
      await audit({ action: 'coverage.call.create', patientId: access.patientId, objectType: 'coverage_call', objectId: id });
    });
    setFlash(reply, input.followUpOn ? 'coverage.calls.savedWithTask' : 'coverage.calls.saved', config.secureCookies);
    return reply.redirect(`/cases/${caseId}/coverage#calls-heading`, 303);
  });

  const priorAuthPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, form: FormState | null, status = 200) => {
    const data = await caseAndPlan(req, caseId, 'edit', 'coverage.view');
    // Approval is a question about a plan: without one, the plan comes first.
    if (!data.plan) return reply.redirect(`/cases/${caseId}/coverage/plan`, 303);
    return sendPage(reply, h(PriorAuthPage, { ctx: ui.page(req), c: data.c, form: form ?? emptyForm(priorAuthFormValues(data.plan)) }), status);
  };

  app.get('/cases/:caseId/coverage/prior-auth', { config: { access: 'patient' } }, async (req, reply) =>
    priorAuthPage(req, reply, (req.params as { caseId: string }).caseId, null),
  );

  app.post('/cases/:caseId/coverage/prior-auth', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const user = requireUser(req);
    const values = formValues(req.body as Record<string, unknown>);
    const parsed = parseWith(priorAuthSchema, values);
    if (!parsed.ok) return priorAuthPage(req, reply, caseId, { values, errors: parsed.errors }, 400);
    const input = normalisePriorAuth(parsed.data);
    const errors = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const c = await loadCaseContext(trx, caseId);
      const before = await getPlan(trx, caseId);
      if (!before) return null;
      const bad = priorAuthDateErrors(input, before);
      if (hasErrors(bad)) return bad;
      await savePriorAuth(trx, caseId, nowIso(), input);
      await afterPriorAuthSaved(trx, access, user.userId, c, input);
      await audit({ action: 'coverage.prior_auth.save', patientId: access.patientId, objectType: 'case', objectId: caseId });
      return {};
    });
    if (errors === null) return reply.redirect(`/cases/${caseId}/coverage/plan`, 303);
    if (hasErrors(errors)) return priorAuthPage(req, reply, caseId, { values, errors }, 400);
    setFlash(reply, 'coverage.priorAuth.saved', config.secureCookies);
    return reply.redirect(`/cases/${caseId}/coverage#pa-heading`, 303);
  });

  // ---------- JSON API ----------

  const caseParams = z.object({ caseId: idParam });

  async function coverageBody(trx: Tx, caseId: string) {
    const c = await loadCaseContext(trx, caseId);
    const plan = await getPlan(trx, caseId);
    const callCount = await countCalls(trx, caseId);
    return {
      plan: plan ? { planType: plan.planType, insurer: plan.insurer, memberId: plan.memberId, planPhone: plan.planPhone, priorAuth: plan.priorAuth, updatedAt: plan.updatedAt } : null,
      rules: plan ? explainCoverage(plan.planType, caseFacts(c)).map((r) => ({ id: r.id, topic: r.topic, text: t(r.text), source: r.source, reviewed: r.reviewed, matchesCase: r.matchesCase })) : [],
      callScript: renderScript(scriptFor(c, plan)),
      callCount,
      stepStatus: coverageStepStatus({ plan, callCount }),
    };
  }

  app.get(
    '/api/v1/cases/:caseId/coverage',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['coverage'],
        summary: 'The case’s health plan, what applies to it (each rule with its source), the call script and prior authorization',
        params: caseParams,
        response: { 200: coverageOut },
      },
    },
    async (req) => {
      const { caseId } = req.params;
      return transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        await audit({ action: 'coverage.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return coverageBody(trx, caseId);
      });
    },
  );

  app.put(
    '/api/v1/cases/:caseId/coverage',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['coverage'],
        summary: 'Set the plan (and, optionally, prior authorization). Without priorAuth, the stored one is kept.',
        params: caseParams,
        body: putCoverageSchema,
        response: { 200: coverageOut },
      },
    },
    async (req) => {
      const { caseId } = req.params;
      const user = requireUser(req);
      const { priorAuth, ...planInput } = req.body;
      return transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const c = await loadCaseContext(trx, caseId);
        const before = await getPlan(trx, caseId);
        const pa = priorAuth ? normalisePriorAuth(priorAuth) : null;
        if (pa) {
          const bad = priorAuthDateErrors(pa, before);
          if (hasErrors(bad)) throw invalid(Object.fromEntries(Object.entries(bad).map(([k, v]) => [`priorAuth.${k}`, v])) as Record<string, MessageKey>);
        }
        await savePlan(trx, { caseId, patientId: access.patientId }, user.userId, nowIso(), planInput);
        await afterPlanSaved(trx, access, user.userId, c, before, planInput);
        await audit({ action: 'coverage.plan.save', patientId: access.patientId, objectType: 'case', objectId: caseId });
        if (pa) {
          await savePriorAuth(trx, caseId, nowIso(), pa);
          await afterPriorAuthSaved(trx, access, user.userId, c, pa);
          await audit({ action: 'coverage.prior_auth.save', patientId: access.patientId, objectType: 'case', objectId: caseId });
        }
        return coverageBody(trx, caseId);
      });
    },
  );

  app.get(
    '/api/v1/cases/:caseId/coverage/calls',
    {
      config: { access: 'patient' },
      schema: { tags: ['coverage'], summary: 'The call log, newest first', params: caseParams, response: { 200: z.object({ calls: z.array(callOut) }) } },
    },
    async (req) => {
      const { caseId } = req.params;
      const calls = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        await audit({ action: 'coverage.calls.list', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return listCalls(trx, caseId);
      });
      return { calls: calls.map(presentCall) };
    },
  );

  app.post(
    '/api/v1/cases/:caseId/coverage/calls',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['coverage'],
        summary: 'Write down a call. A follow-up date (today or later) adds a task.',
        params: caseParams,
        body: callSchema,
        response: { 201: callOut },
      },
    },
    async (req, reply) => {
      const { caseId } = req.params;
      const user = requireUser(req);
      const input = req.body as CallInput & { calledOn: string };
      const call = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const bad = callDateErrors(input);
        if (hasErrors(bad)) throw invalid(bad);
        const id = await saveCall(trx, access, user.userId, input);
        await audit({ action: 'coverage.call.create', patientId: access.patientId, objectType: 'coverage_call', objectId: id });
        return (await getCall(trx, caseId, id))!;
      });
      return reply.code(201).send(presentCall(call));
    },
  );
};
