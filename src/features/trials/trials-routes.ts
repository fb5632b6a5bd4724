import { h } from 'preact';
import { zipPoint } from '../../platform/geo.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { afterCommit, type CaseScope, caseRoutes, page, redirect } from '../../platform/http/case-route.ts';
import { formValues, parseWith } from '../../platform/http/context.ts';
import { AppError, invalid } from '../../platform/http/errors.ts';
import { type MessageKey, translator } from '../../platform/i18n/i18n.ts';
import { emptyForm, type FieldErrors } from '../../platform/ui/page-context.ts';
import {
  askSchema,
  askText,
  backToSearch,
  conditionFromDiagnosis,
  DEFAULT_RADIUS,
  summarizeSearch,
  type TrialQuery,
  trialQuery,
} from './trials.ts';
import * as api from './trials-api.ts';
import { searchStudies, TrialsUnavailable } from './trials-client.ts';
import { TrialsPage, type TrialsResult } from './trials-views.tsx';

// Clinical trials for a condition, from ClinicalTrials.gov. A search sends only the
// condition words and a point (the ZIP's centre) to ClinicalTrials.gov, never a name or
// case; the page reads the case only to prefill, and that read is audited.

/** Studies per search: enough to compare, few enough to read. */
const PAGE_SIZE = 20;
/** A slow answer is worse than "try again later" for someone waiting at the screen. */
const TIMEOUT_MS = 10_000;

/**
 * Puts a question on the case's list once (an action of the questions feature, passed in by
 * the composition root so trials never imports it). Runs in the request's transaction and
 * audits the act under the name given.
 */
export type AskDoctorAction = (
  s: CaseScope,
  text: string,
  auditAs: string,
) => Promise<{ status: 'added' | 'already' | 'full' }>;

export interface TrialsFeatureOptions {
  /** For tests: a shorter wait than the real one. */
  timeoutMs?: number;
  /** "Save to ask my doctor"; without it the button is not shown. */
  askDoctor?: AskDoctorAction;
}

const t = translator('en');
const ASK_FLASH: Record<'added' | 'already' | 'full', MessageKey> = {
  added: 'trials.ask.saved',
  already: 'trials.ask.already',
  full: 'trials.ask.full',
};

export function createTrialsFeature(opts: TrialsFeatureOptions = {}): FeatureRegistrar {
  return (app, deps, ui) => {
    const client = { baseUrl: deps.config.clinicalTrialsUrl, timeoutMs: opts.timeoutMs ?? TIMEOUT_MS };

    const search = async (q: TrialQuery) => {
      const near = q.near ? zipPoint(q.near) : null;
      const body = await searchStudies(client, {
        condition: q.condition,
        near,
        radiusMiles: q.radiusMiles,
        pageSize: PAGE_SIZE,
      });
      return summarizeSearch(body, near);
    };

    app.get(
      '/api/v1/trials',
      {
        config: { access: 'user' },
        schema: api.ops.getTrials,
      },
      async (req) => {
        if (!req.query.condition) throw invalid({ condition: 'trials.errors.condition' });
        try {
          return { condition: req.query.condition, ...(await search(req.query)) };
        } catch (e) {
          if (e instanceof TrialsUnavailable) throw new AppError(503, 'unavailable', e.messageKey);
          throw e;
        }
      },
    );

    const r = caseRoutes(app, deps, ui);
    const canAsk = !!opts.askDoctor;

    r.casePage('GET', '/cases/:caseId/trials', { can: 'view' }, async (s, { query }) => {
      await s.record('trials.view', 'case', s.caseId);
      const c = s.c;
      const raw = formValues(query);
      // First visit: the form filled from the case, nothing sent anywhere yet.
      if (raw.condition === undefined) {
        const values = {
          condition: conditionFromDiagnosis(c.diagnosis),
          near: zipPoint(c.patientZip) ? (c.patientZip ?? '').slice(0, 5) : '',
          radiusMiles: String(DEFAULT_RADIUS),
        };
        return page((ctx) => h(TrialsPage, { ctx, c, form: emptyForm(values), result: null, failure: null, canAsk }));
      }
      const values = {
        condition: raw.condition ?? '',
        near: raw.near ?? '',
        radiusMiles: raw.radiusMiles || String(DEFAULT_RADIUS),
      };
      const parsed = parseWith(trialQuery, values);
      const errors: FieldErrors = parsed.ok ? {} : parsed.errors;
      if (parsed.ok && !parsed.data.condition) errors.condition = 'trials.errors.condition';
      if (!parsed.ok || Object.keys(errors).length > 0)
        return page(
          (ctx) => h(TrialsPage, { ctx, c, form: { values, errors }, result: null, failure: null, canAsk }),
          400,
        );
      // ClinicalTrials.gov is asked after the commit: a slow site must not hold the database.
      return afterCommit(async () => {
        let result: TrialsResult | null = null;
        let failure: MessageKey | null = null;
        try {
          result = { condition: parsed.data.condition, ...(await search(parsed.data)) };
        } catch (e) {
          if (!(e instanceof TrialsUnavailable)) throw e;
          failure = e.messageKey;
        }
        return page((ctx) => h(TrialsPage, { ctx, c, form: emptyForm(values), result, failure, canAsk }));
      });
    });

    const askDoctor = opts.askDoctor;
    if (askDoctor) {
      // Access is checked before the form is read: a stranger learns nothing from how their form is judged.
      r.casePage('POST', '/cases/:caseId/trials/ask', { can: 'edit' }, async (s, { form }) => {
        const parsed = askSchema.safeParse(form);
        if (!parsed.success) throw invalid({ nctId: 'trials.errors.trial' }, 'trials.errors.trial');
        const a = parsed.data;
        const text = askText((vars) => t('trials.ask.question', vars), a.nctId, a.title);
        const result = await askDoctor(s, text, 'trials.ask');
        return redirect(backToSearch(s.caseId, a), ASK_FLASH[result.status]);
      });
    }
  };
}
