import { h } from 'preact';
import { z } from 'zod';
import { unwrap } from '../../platform/actions.ts';
import { type CaseRoutes, type CaseScope, json, page, redirect } from '../../platform/http/case-route.ts';
import { invalid } from '../../platform/http/errors.ts';
import { idParam } from '../../platform/validation.ts';
import { etagOf, formVersion, ifMatchVersion, staleWrite } from '../../platform/versions.ts';
import { ComparePage, type StalePair } from './compare-views.tsx';
import { IMPACTS, LEVELS } from './comparison.ts';
import * as act from './opinions-actions.ts';
import { COMPARISON_METHOD, comparisonOut, presentComparison } from './opinions-api.ts';

// Thin adapters (ADR 0014): the compare page and GET /comparison read the same action;
// the pair form and PUT /comparison write through the same action.

/** The person's answer for a pair: a level, or null / "" to go back to our suggestion. */
const answer = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' ? null : v), z.enum(values, 'errors.chooseOne').nullable().optional());
const correctionSchema = z.object({
  a: idParam,
  b: idParam,
  diagnosis: answer(LEVELS),
  treatment: answer(LEVELS),
  impact: answer(IMPACTS),
});

export function registerCompareRoutes(r: CaseRoutes, p: act.OpinionsProviders): void {
  const comparePage = async (s: CaseScope, status = 200, stale?: StalePair) => {
    const v = await act.viewComparison(s, p, { page: true });
    return page((ctx) => h(ComparePage, { ctx, c: s.c, ...v, stale }), status);
  };

  r.casePage('GET', '/cases/:caseId/compare', { can: 'view' }, (s) => comparePage(s));

  r.casePage('POST', '/cases/:caseId/compare/confirm', { can: 'edit' }, async (s, { form }) => {
    const parsed = correctionSchema.safeParse(form);
    if (!parsed.success) throw invalid({ _form: 'errors.invalid' });
    const done = unwrap(await act.confirmPair(s, p, parsed.data, formVersion(form)));
    if (!done.saved) {
      // Someone answered for this pair meanwhile: show both, keep this person's choices on the newer version.
      const typed = { diagnosis: form.diagnosis ?? '', treatment: form.treatment ?? '', impact: form.impact ?? '' };
      return comparePage(s, 409, { a: parsed.data.a, b: parsed.data.b, typed, version: done.version });
    }
    return redirect(`/cases/${s.caseId}/compare#pair-${parsed.data.a}-${parsed.data.b}`, 'compare.confirmedDone');
  });

  // "Get a third opinion": a task on the doctors step, then on to finding the doctor.
  r.casePage('POST', '/cases/:caseId/compare/third-opinion', { can: 'edit' }, async (s) => {
    await act.startThirdOpinion(s);
    return redirect(`/cases/${s.caseId}/doctors`, 'compare.third.started');
  });

  // ---------- JSON API ----------

  const params = z.object({ caseId: idParam });

  r.caseApi(
    'GET',
    '/api/v1/cases/:caseId/comparison',
    {
      can: 'view',
      schema: {
        tags: ['opinions'],
        summary: 'How the opinions compare: each later opinion against the first, and every pair',
        description: COMPARISON_METHOD,
        params,
        response: { 200: comparisonOut },
      },
    },
    async (s) => {
      const v = await act.viewComparison(s, p, { page: false });
      return presentComparison(s.t, s.caseId, v.opinions, v.comparison, v.versions);
    },
  );

  r.caseApi(
    'PUT',
    '/api/v1/cases/:caseId/comparison',
    {
      can: 'edit',
      schema: {
        tags: ['opinions'],
        summary:
          'Confirm or correct how two opinions compare (diagnosis, treatment, impact); null goes back to the ' +
          'suggestion. With If-Match ' +
          '(the pair’s version), answers changed meanwhile are not changed: 412. The ETag is the pair’s version ' +
          'after the change.',
        params,
        body: correctionSchema,
        response: { 200: comparisonOut },
      },
    },
    async (s, { body }) => {
      const done = unwrap(await act.confirmPair(s, p, body, ifMatchVersion(s.req)));
      if (!done.saved) throw staleWrite();
      const etag = etagOf(act.pairVersionOf(done.versions, body.a, body.b));
      return json(presentComparison(s.t, s.caseId, done.opinions, done.comparison, done.versions), 200, { ETag: etag });
    },
  );
}
