import { h } from 'preact';
import { unwrap } from '../../platform/actions.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { type CaseScope, caseRoutes, json, page, redirect } from '../../platform/http/case-route.ts';
import { parseWith } from '../../platform/http/context.ts';
import { emptyForm, type FormState, type FormValues } from '../../platform/ui/page-context.ts';
import { etagOf, formVersion, ifMatchVersion, staleWrite } from '../../platform/versions.ts';
import {
  appealRules,
  type CallInput,
  callSchema,
  caseFacts,
  explainCoverage,
  type PlanRecord,
  planSchema,
  priorAuthSchema,
} from './coverage.ts';
import * as act from './coverage-actions.ts';
import * as api from './coverage-api.ts';
import { presentCall, presentCoverage, scriptFor } from './coverage-api.ts';
import { CallPage, CoveragePage, PlanPage, PriorAuthPage, ScriptPage } from './coverage-views.tsx';

// Thin adapters (ADR 0014): each route parses its input, calls the coverage actions in the
// route's one transaction, and renders the outcome. The plan's forms carry its version
// (ADR 0016); a save over a newer version shows both, with the person's words kept.

function planFormValues(plan: PlanRecord | null): FormValues {
  return {
    planType: plan?.planType ?? '',
    insurer: plan?.insurer ?? '',
    memberId: plan?.memberId ?? '',
    planPhone: plan?.planPhone ?? '',
    version: String(plan?.version ?? 0),
  };
}

function priorAuthFormValues(plan: PlanRecord): FormValues {
  const p = plan.priorAuth;
  return {
    status: p.status,
    number: p.number ?? '',
    requestedOn: p.requestedOn ?? '',
    expiresOn: p.expiresOn ?? '',
    appealBy: p.appealBy ?? '',
    notes: p.notes ?? '',
    version: String(plan.version),
  };
}

/** A form refused because someone saved first: what they typed, on the newer version, beside what is saved. */
type Form = FormState & { stale?: FormValues };

/** The typed values again, now against the version that is saved, so a second save is a choice. */
const onNewer = (values: FormValues, plan: PlanRecord | null): FormValues => ({
  ...values,
  version: String(plan?.version ?? 0),
});

export const registerCoverage: FeatureRegistrar = (app, deps, ui) => {
  const r = caseRoutes(app, deps, ui);
  const base = (s: CaseScope) => `/cases/${s.caseId}/coverage`;

  // ---------- pages ----------

  r.casePage('GET', '/cases/:caseId/coverage', { can: 'view' }, async (s) => {
    const { plan, calls } = await act.viewCoverage(s);
    const flash = s.req.flash;
    return page((ctx) =>
      h(CoveragePage, {
        ctx,
        c: s.c,
        plan,
        rules: plan ? explainCoverage(plan.planType, caseFacts(s.c)) : [],
        appeal: plan ? appealRules(plan.planType) : [],
        calls,
        today: s.today,
        clearDraft: flash === 'coverage.calls.saved' || flash === 'coverage.calls.savedWithTask',
      }),
    );
  });

  const planPage = async (s: CaseScope, form: Form | null, status = 200) => {
    const plan = await act.readPlan(s, 'coverage.view');
    return page(
      (ctx) => h(PlanPage, { ctx, c: s.c, form: form ?? emptyForm(planFormValues(plan)), stale: form?.stale }),
      status,
    );
  };

  r.casePage('GET', '/cases/:caseId/coverage/plan', { can: 'edit' }, (s) => planPage(s, null));

  r.casePage('POST', '/cases/:caseId/coverage/plan', { can: 'edit' }, async (s, { form: values }) => {
    const parsed = parseWith(planSchema, values);
    if (!parsed.ok) return planPage(s, { values, errors: parsed.errors }, 400);
    const done = await act.savePlan(s, parsed.data, formVersion(values));
    if (!done.saved) {
      const stale = planFormValues(done.plan);
      return planPage(s, { values: onNewer(values, done.plan), errors: {}, stale }, 409);
    }
    return redirect(base(s), 'coverage.plan.saved');
  });

  r.casePage('GET', '/cases/:caseId/coverage/script', { can: 'view' }, async (s) => {
    const plan = await act.readPlan(s, 'coverage.script.view');
    // With Original Medicare the call goes to the second doctor's office, not to a plan's
    // member line: a plan phone left from an earlier plan type would send people astray.
    const phone = plan && plan.planType !== 'original_medicare' ? plan.planPhone : null;
    return page((ctx) => h(ScriptPage, { ctx, c: s.c, script: scriptFor(s.c, plan), phone }));
  });

  const callPage = async (s: CaseScope, form: FormState | null, status = 200) => {
    const plan = await act.readPlan(s, 'coverage.view');
    const fresh = emptyForm(act.newCallDefaults(s, plan));
    return page((ctx) => h(CallPage, { ctx, c: s.c, form: form ?? fresh }), status);
  };

  r.casePage('GET', '/cases/:caseId/coverage/calls/new', { can: 'edit' }, (s) => callPage(s, null));

  r.casePage('POST', '/cases/:caseId/coverage/calls/new', { can: 'edit' }, async (s, { form: values }) => {
    // Whatever is wrong, the page comes back with everything typed, so no call is lost.
    const parsed = parseWith(callSchema, values);
    if (!parsed.ok) return callPage(s, { values, errors: parsed.errors }, 400);
    const input = parsed.data as CallInput & { calledOn: string };
    const done = await act.recordCall(s, input);
    if (!done.ok) return callPage(s, { values, errors: done.errors }, 400);
    return redirect(
      `${base(s)}#calls-heading`,
      input.followUpOn ? 'coverage.calls.savedWithTask' : 'coverage.calls.saved',
    );
  });

  const priorAuthPage = async (s: CaseScope, form: Form | null, status = 200) => {
    const plan = await act.readPlan(s, 'coverage.view');
    // Approval is a question about a plan: without one, the plan comes first.
    if (!plan) return redirect(`${base(s)}/plan`);
    const shown = form ?? emptyForm(priorAuthFormValues(plan));
    return page((ctx) => h(PriorAuthPage, { ctx, c: s.c, form: shown, stale: form?.stale }), status);
  };

  r.casePage('GET', '/cases/:caseId/coverage/prior-auth', { can: 'edit' }, (s) => priorAuthPage(s, null));

  r.casePage('POST', '/cases/:caseId/coverage/prior-auth', { can: 'edit' }, async (s, { form: values }) => {
    const parsed = parseWith(priorAuthSchema, values);
    if (!parsed.ok) return priorAuthPage(s, { values, errors: parsed.errors }, 400);
    const done = await act.savePriorAuth(s, parsed.data, formVersion(values));
    if (done === null) return redirect(`${base(s)}/plan`);
    if (!done.ok) return priorAuthPage(s, { values, errors: done.errors }, 400);
    if (!done.value.saved) {
      const plan = done.value.plan!;
      return priorAuthPage(s, { values: onNewer(values, plan), errors: {}, stale: priorAuthFormValues(plan) }, 409);
    }
    return redirect(`${base(s)}#pa-heading`, 'coverage.priorAuth.saved');
  });

  // ---------- JSON API ----------

  const coverageAnswer = async (s: CaseScope) => {
    const v = await act.coverageSummary(s);
    return json(presentCoverage(s.c, v), 200, v.plan ? { ETag: etagOf(v.plan.version) } : undefined);
  };

  r.caseApi(
    'GET',
    '/api/v1/cases/:caseId/coverage',
    {
      can: 'view',
      schema: api.ops.getCoverage,
    },
    async (s) => {
      await s.record('coverage.view', 'case', s.caseId);
      return coverageAnswer(s);
    },
  );

  r.caseApi(
    'PUT',
    '/api/v1/cases/:caseId/coverage',
    {
      can: 'edit',
      schema: api.ops.putCoverage,
    },
    async (s, { body }) => {
      const { priorAuth, ...plan } = body;
      const done = unwrap(await act.setCoverage(s, plan, priorAuth, ifMatchVersion(s.req)));
      if (!done.saved) throw staleWrite();
      return coverageAnswer(s);
    },
  );

  r.caseApi(
    'GET',
    '/api/v1/cases/:caseId/coverage/calls',
    {
      can: 'view',
      schema: api.ops.getCalls,
    },
    async (s) => ({ calls: (await act.listCalls(s)).map(presentCall) }),
  );

  r.caseApi(
    'POST',
    '/api/v1/cases/:caseId/coverage/calls',
    {
      can: 'edit',
      schema: api.ops.postCalls,
    },
    async (s, { body }) =>
      json(presentCall(unwrap(await act.recordCall(s, body as CallInput & { calledOn: string }))), 201),
  );
};
