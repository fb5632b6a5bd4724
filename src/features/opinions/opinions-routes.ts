import { h } from 'preact';
import { z } from 'zod';
import { unwrap } from '../../platform/actions.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { type CaseRoutes, type CaseScope, caseRoutes, json, page, redirect } from '../../platform/http/case-route.ts';
import type { FieldErrors, FormValues } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import { etagOf, formVersion, ifMatchVersion } from '../../platform/versions.ts';
import { registerCompareRoutes } from './compare-routes.ts';
import { registerDecisionRoutes } from './decision-routes.ts';
import {
  formRows,
  OPINION_STATUSES,
  type OpinionRecord,
  opinionPatchSchema,
  opinionSchema,
  opinionToForm,
  prefillFromCase,
  questionsToForm,
} from './opinions.ts';
import * as act from './opinions-actions.ts';
import { opinionOut, presentOpinion } from './opinions-api.ts';
import { OpinionFormPage, OpinionPage, OpinionsPage } from './opinions-views.tsx';

export type {
  CaseQuestionIdsProvider,
  CoveragePlanProvider,
  OpinionsOptions,
  QuestionsProvider,
} from './opinions-actions.ts';

// Thin adapters over the opinions actions (ADR 0014): steps 8 and 9 of the journey, each
// opinion, the comparison and the decision. The code set, the case's questions and the
// person's plan type come in as providers from the composition root (src/features/index.ts).

export function createOpinionsFeature(opts: act.OpinionsOptions): FeatureRegistrar {
  const p = act.providersOf(opts);
  return (app, deps, ui) => {
    const r = caseRoutes(app, deps, ui);
    registerOpinionRoutes(r, p);
    registerCompareRoutes(r, p);
    registerDecisionRoutes(r, p);
  };
}

const present = (v: act.OpinionView) => presentOpinion(v.o, v.firstId, v.describe);

function registerOpinionRoutes(r: CaseRoutes, p: act.OpinionsProviders): void {
  const list = (s: CaseScope) => `/cases/${s.caseId}/opinions`;

  // ---------- pages ----------

  r.casePage('GET', '/cases/:caseId/opinions', { can: 'view' }, async (s) => {
    const v = await act.listCaseOpinions(s, p);
    return page((ctx) => h(OpinionsPage, { ctx, c: s.c, opinions: v.all, firstId: v.firstId }));
  });

  interface Form {
    values: FormValues;
    errors: FieldErrors;
    /** Blank rows to add ("Add more rows"). */
    more?: number;
    /** What is saved now, when someone saved while this person was typing. */
    stale?: OpinionRecord;
  }

  const formPage = async (s: CaseScope, opinionId: string | null, f: Form | null, status = 200) => {
    const { questions, opinion, hasAny } = await act.opinionForm(s, p, opinionId);
    // A fresh form: the first doctor's opinion starts from what the person wrote on the case.
    const prefilled = !f && !opinion && !hasAny;
    const values =
      f?.values ??
      (opinion ? opinionToForm(opinion, questions) : questionsToForm(questions, prefilled ? prefillFromCase(s.c) : {}));
    const form = { values, errors: f?.errors ?? {} };
    const stale = f?.stale ? opinionToForm(f.stale, questions) : undefined;
    const rows = formRows(values, f?.more ?? 0);
    return page((ctx) => h(OpinionFormPage, { ctx, c: s.c, form, questions, rows, opinion, prefilled, stale }), status);
  };

  r.casePage('GET', '/cases/:caseId/opinions/new', { can: 'edit' }, (s) => formPage(s, null, null));

  r.casePage('POST', '/cases/:caseId/opinions/new', { can: 'edit' }, async (s, { form: values }) => {
    if (values.intent === 'more') return formPage(s, null, { values, errors: {}, more: 2 });
    const read = await act.readOpinionForm(s, p, values);
    if (!read.ok) return formPage(s, null, { values, errors: read.errors }, 400);
    const made = await act.createOpinion(s, p, read.data, read.names);
    if (!made.ok) return formPage(s, null, { values, errors: made.errors }, 400);
    return redirect(`${list(s)}/${made.value.o.id}`, 'opinions.saved');
  });

  r.casePage('GET', '/cases/:caseId/opinions/:opinionId', { can: 'view' }, async (s, { params }) => {
    const v = await act.viewOpinion(s, p, params.opinionId!);
    return page((ctx) =>
      h(OpinionPage, { ctx, c: s.c, o: v.o, isFirst: v.firstId === v.o.id, number: v.number, describe: v.describe }),
    );
  });

  r.casePage('GET', '/cases/:caseId/opinions/:opinionId/edit', { can: 'edit' }, (s, { params }) =>
    formPage(s, params.opinionId!, null),
  );

  r.casePage(
    'POST',
    '/cases/:caseId/opinions/:opinionId/edit',
    { can: 'edit' },
    async (s, { params, form: values }) => {
      const id = params.opinionId!;
      if (values.intent === 'more') return formPage(s, id, { values, errors: {}, more: 2 });
      const read = await act.readOpinionForm(s, p, values);
      if (!read.ok) return formPage(s, id, { values, errors: read.errors }, 400);
      const edited = await act.editOpinion(s, p, id, read.data, formVersion(values), read.names);
      if (!edited.ok) return formPage(s, id, { values, errors: edited.errors }, 400);
      if (!edited.value.saved) {
        // Someone saved meanwhile: show both, keep what this person typed; the next save goes over the newer version.
        const current = edited.value.current;
        return formPage(
          s,
          id,
          { values: { ...values, version: String(current.version) }, errors: {}, stale: current },
          409,
        );
      }
      return redirect(`${list(s)}/${id}`, 'form.saved');
    },
  );

  // Accept a doctor's pending opinion, set one aside, or bring it back. Nothing is deleted.
  r.casePage('POST', '/cases/:caseId/opinions/:opinionId/status', { can: 'edit' }, async (s, { params, form }) => {
    const id = params.opinionId!;
    const status = unwrap(await act.setStatus(s, id, form.status));
    // Back where the person pressed the button: the opinion itself, or the list. A fixed
    // choice, never a posted address, so it cannot send anyone elsewhere.
    const back = form.back === 'opinion' ? `${list(s)}/${id}` : list(s);
    return redirect(back, status === 'accepted' ? 'opinions.acceptedDone' : 'opinions.discardedDone');
  });

  // ---------- JSON API ----------

  const params = z.object({ caseId: idParam });
  const oneParams = z.object({ caseId: idParam, opinionId: idParam });
  const tags = ['opinions'];

  r.caseApi(
    'GET',
    '/api/v1/cases/:caseId/opinions',
    {
      can: 'view',
      schema: {
        tags,
        summary: 'Every opinion recorded for a case, in comparison order (first opinion first)',
        params,
        querystring: z.object({ status: z.enum(OPINION_STATUSES).optional() }),
        response: { 200: z.object({ firstOpinionId: z.string().nullable(), opinions: z.array(opinionOut) }) },
      },
    },
    async (s, { query }) => {
      const v = await act.listCaseOpinions(s, p);
      const wanted = query.status ? v.all.filter((o) => o.status === query.status) : v.all;
      return { firstOpinionId: v.firstId, opinions: wanted.map((o) => presentOpinion(o, v.firstId, v.describe)) };
    },
  );

  r.caseApi(
    'POST',
    '/api/v1/cases/:caseId/opinions',
    {
      can: 'edit',
      schema: {
        tags,
        summary:
          'Record an opinion (a doctor and the date are required; ICD-10-CM codes are checked against the code set)',
        description:
          'Unknown codes are refused (400) with a suggestion in error.fields["diagnoses.N.code"]. Lists (diagnoses, ' +
          'plan, answers) keep their ' +
          'order; the first diagnosis and the first plan item are the main ones for the comparison.',
        params,
        body: opinionSchema,
        response: { 201: opinionOut },
      },
    },
    async (s, { body }) => json(present(unwrap(await act.createOpinion(s, p, body))), 201),
  );

  r.caseApi(
    'GET',
    '/api/v1/cases/:caseId/opinions/:opinionId',
    {
      can: 'view',
      schema: {
        tags,
        summary: 'One opinion. The ETag header holds its version.',
        params: oneParams,
        response: { 200: opinionOut },
      },
    },
    async (s, { params }) => {
      const v = await act.viewOpinion(s, p, params.opinionId);
      return json(present(v), 200, { ETag: etagOf(v.o.version) });
    },
  );

  r.caseApi(
    'PATCH',
    '/api/v1/cases/:caseId/opinions/:opinionId',
    {
      can: 'edit',
      schema: {
        tags,
        summary:
          'Change an opinion (lists given replace the stored lists), or accept / set it aside with status. Fields ' +
          'not sent are kept, ' +
          'even when someone else changed them meanwhile; with If-Match (the ETag from GET), an opinion changed ' +
          'meanwhile is not changed: 412.',
        params: oneParams,
        body: opinionPatchSchema,
        response: { 200: opinionOut },
      },
    },
    async (s, { params, body }) => {
      const v = unwrap(await act.patchOpinion(s, p, params.opinionId, body, ifMatchVersion(s.req)));
      return json(present(v), 200, { ETag: etagOf(v.o.version) });
    },
  );
}
