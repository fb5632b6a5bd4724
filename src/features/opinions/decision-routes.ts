import { h } from 'preact';
import { z } from 'zod';
import { unwrap } from '../../platform/actions.ts';
import { formatCalendarDate } from '../../platform/dates.ts';
import {
  afterCommit,
  type CaseRoutes,
  type CaseScope,
  file,
  json,
  page,
  redirect,
} from '../../platform/http/case-route.ts';
import { parseWith } from '../../platform/http/context.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import { formatDate } from '../../platform/ui/components.tsx';
import type { FieldErrors, FormValues } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import { etagOf, formVersion, ifMatchVersion, staleWrite } from '../../platform/versions.ts';
import { buildSummary, type DecisionRecord, decisionSchema, makeDecisionSchema } from './decision.ts';
import { DecisionPage, SummaryPage } from './decision-views.tsx';
import * as act from './opinions-actions.ts';
import { decisionStateOut } from './opinions-api.ts';
import { renderSummaryPdf } from './summary-pdf.ts';

// Thin adapters (ADR 0014): the decision, the summary for family (page and PDF), and the API.

export function decisionToForm(d: DecisionRecord | null, version: number): FormValues {
  const v: FormValues = { version: String(version) };
  if (!d) return v;
  Object.assign(v, { decidedOn: d.decidedOn, choice: d.choice, reasons: d.reasons ?? '', helpers: d.helpers ?? '' });
  for (const id of d.followedOpinionIds) v[`followed_${id}`] = 'yes';
  return v;
}

/** Checkboxes are posted as followed_<opinionId>=yes (one field each, so none is lost). */
function followedFromForm(values: FormValues): string[] {
  return Object.keys(values)
    .filter((k) => k.startsWith('followed_') && values[k])
    .map((k) => k.slice('followed_'.length));
}

interface Form {
  values: FormValues;
  errors: FieldErrors;
  /** What is saved now (null: no decision stands), when someone saved while this person was typing. */
  stale?: DecisionRecord | null;
}

export function registerDecisionRoutes(r: CaseRoutes, p: act.OpinionsProviders): void {
  const here = (s: CaseScope) => `/cases/${s.caseId}/decision`;

  /** 'show': the decision as recorded (the form if there is none); 'change': the form filled in with it. */
  const decisionPage = async (s: CaseScope, f: Form | 'show' | 'change', status = 200) => {
    const v = await act.viewDecision(s, p);
    const form = typeof f === 'object' ? f : { values: decisionToForm(v.decision, v.version), errors: {} };
    const stale = typeof f === 'object' && f.stale !== undefined ? decisionToForm(f.stale, v.version) : undefined;
    const editing = f !== 'show' || !v.decision;
    return page(
      (ctx) =>
        h(DecisionPage, {
          ctx,
          c: s.c,
          opinions: v.opinions,
          comparison: v.comparison,
          decision: v.decision,
          form,
          editing,
          stale,
        }),
      status,
    );
  };

  r.casePage('GET', '/cases/:caseId/decision', { can: 'view' }, (s, { query }) =>
    decisionPage(s, query.change === '1' ? 'change' : 'show'),
  );

  r.casePage('POST', '/cases/:caseId/decision', { can: 'edit' }, async (s, { form: values }) => {
    if (values.intent === 'reopen') {
      await act.withdrawDecision(s);
      return redirect(here(s), 'decision.reopened');
    }
    const parsed = parseWith(
      makeDecisionSchema(() => s.today),
      { ...values, followedOpinionIds: followedFromForm(values) },
    );
    if (!parsed.ok) return decisionPage(s, { values, errors: parsed.errors }, 400);
    const done = await act.recordDecision(s, parsed.data, formVersion(values), 'followed');
    if (!done.ok) return decisionPage(s, { values, errors: done.errors }, 400);
    if (!done.value.saved) {
      // Someone decided or changed it meanwhile: show both, keep what this person typed on the newer version.
      return decisionPage(
        s,
        { values: { ...values, version: String(done.value.version) }, errors: {}, stale: done.value.decision },
        409,
      );
    }
    return redirect(here(s), 'decision.saved');
  });

  const summaryOf = (s: CaseScope, v: act.DecisionView, t: Translate, formatDay: (iso: string) => string) =>
    buildSummary(
      t,
      formatDay,
      { ...s.c, title: s.c.title || t('cases.untitledNoDiagnosis') },
      v.opinions,
      v.comparison,
      v.decision,
    );

  r.casePage('GET', '/cases/:caseId/decision/summary', { can: 'view' }, async (s) => {
    const v = await act.viewDecision(s, p, 'decision.summary');
    return page((ctx) => h(SummaryPage, { ctx, c: s.c, doc: summaryOf(s, v, ctx.t, (iso) => formatDate(ctx, iso)) }));
  });

  r.casePage('GET', '/cases/:caseId/decision/summary.pdf', { can: 'view' }, async (s) => {
    const v = await act.viewDecision(s, p, 'decision.summary_pdf');
    const doc = summaryOf(s, v, s.t, (iso) => formatCalendarDate(iso, 'en-US'));
    // Laying out the pages needs nothing from the database: after the commit.
    return afterCommit(async () =>
      file(
        await renderSummaryPdf(doc, { createdOn: new Date(s.now) }),
        'application/pdf',
        'second-opinion-summary.pdf',
      ),
    );
  });

  // ---------- JSON API ----------

  const params = z.object({ caseId: idParam });
  const tags = ['opinions'];
  const answer = (caseStatus: 'open' | 'decided', decision: DecisionRecord | null, version: number) =>
    json({ caseStatus, decision }, 200, { ETag: etagOf(version) });

  r.caseApi(
    'GET',
    '/api/v1/cases/:caseId/decision',
    {
      can: 'view',
      schema: {
        tags,
        summary: 'The decision recorded for a case, if any. The ETag header holds its version.',
        params,
        response: { 200: decisionStateOut },
      },
    },
    async (s) => {
      const v = await act.decisionState(s);
      return answer(s.c.status, v.decision, v.version);
    },
  );

  r.caseApi(
    'PUT',
    '/api/v1/cases/:caseId/decision',
    {
      can: 'edit',
      schema: {
        tags,
        summary:
          'Record (or change) the decision: what, why, which opinions were followed, who helped, when. The case ' +
          'becomes "decided". ' +
          'With If-Match (the ETag from GET), a decision made or changed meanwhile is not changed: 412.',
        params,
        body: decisionSchema,
        response: { 200: decisionStateOut },
      },
    },
    async (s, { body }) => {
      const done = unwrap(await act.recordDecision(s, body, ifMatchVersion(s.req)));
      if (!done.saved) throw staleWrite();
      return answer('decided', done.decision, done.version);
    },
  );

  r.caseApi(
    'DELETE',
    '/api/v1/cases/:caseId/decision',
    {
      can: 'edit',
      schema: {
        tags,
        summary:
          'Take the decision back: it is kept as withdrawn and the case is open again. With If-Match, only that ' +
          'version: 412 otherwise.',
        params,
        response: { 200: decisionStateOut },
      },
    },
    async (s) => {
      const { withdrawn, version } = await act.withdrawDecision(s, ifMatchVersion(s.req));
      return answer(withdrawn ? 'open' : s.c.status, null, version);
    },
  );
}
