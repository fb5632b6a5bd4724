import { h } from 'preact';
import { z } from 'zod';
import { requireCaseAccess } from '../../platform/auth/access-store.ts';
import { loadCaseContext } from '../../platform/case-context.ts';
import { transact } from '../../platform/deps.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { formValues, parseWith, sendPage, setFlash } from '../../platform/http/context.ts';
import { AppError, invalid } from '../../platform/http/errors.ts';
import { type MessageKey, translator } from '../../platform/i18n/i18n.ts';
import { emptyForm, type FieldErrors } from '../../platform/ui/page-context.ts';
import { searchStudies, TrialsUnavailable } from './trials-client.ts';
import { askSchema, askText, backToSearch, conditionFromDiagnosis, DEFAULT_RADIUS, PHASE_NAMES, summarizeSearch, TRIAL_STATUSES, type TrialQuery, trialQuery, zipPoint } from './trials.ts';
import { TrialsPage, type TrialsResult } from './trials-views.tsx';

// Clinical trials for a condition, from ClinicalTrials.gov. A search sends only the
// condition words and a point (the ZIP's centre) to ClinicalTrials.gov, never a name or
// case; the page reads the case only to prefill, and that read is audited.

/** Studies per search: enough to compare, few enough to read. */
const PAGE_SIZE = 20;
/** A slow answer is worse than "try again later" for someone waiting at the screen. */
const TIMEOUT_MS = 10_000;

const locationOut = z.object({
  facility: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  zip: z.string().nullable(),
  country: z.string().nullable(),
  distanceMiles: z.number().nullable().describe('Miles from the ZIP code in `near`, rounded; null when either place is unknown'),
});
const trialOut = z.object({
  nctId: z.string().describe('The ClinicalTrials.gov id, e.g. "NCT04114136"'),
  title: z.string(),
  status: z.enum(TRIAL_STATUSES),
  phases: z.array(z.enum(PHASE_NAMES)),
  conditions: z.array(z.string()),
  interventions: z.array(z.string()),
  eligibility: z.object({
    minimumAge: z.string().nullable().describe('As ClinicalTrials.gov writes it, e.g. "18 Years"'),
    maximumAge: z.string().nullable(),
    sex: z.enum(['all', 'female', 'male']).nullable(),
    healthyVolunteers: z.boolean().nullable(),
  }),
  locations: z.array(locationOut).describe('Nearest first when `near` is given'),
  contacts: z.array(z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() })),
  sponsor: z.string().nullable(),
  url: z.string().describe('The study page on ClinicalTrials.gov'),
});

/**
 * What adding a question did: added (with its id, for the audit), already there, or the
 * list is full; and whether the case's list had to be made first (audited as the
 * questions feature does).
 */
export type AskResult = ({ status: 'added'; questionId: string } | { status: 'already' } | { status: 'full' }) & { listMade: boolean };

/**
 * Adds a question to the case's list (the questions feature, wired in features/index.ts so
 * trials never imports its store). Runs inside the request's transaction.
 */
export type AskDoctorProvider = (trx: Tx, ids: { caseId: string; patientId: string; userId: string }, text: string, now: string) => Promise<AskResult>;

export interface TrialsFeatureOptions {
  /** For tests: a shorter wait than the real one. */
  timeoutMs?: number;
  /** "Save to ask my doctor"; without it the button is not shown. */
  askDoctor?: AskDoctorProvider;
}

const t = translator('en');
const ASK_FLASH: Record<AskResult['status'], MessageKey> = { added: 'trials.ask.saved', already: 'trials.ask.already', full: 'trials.ask.full' };

export function createTrialsFeature(opts: TrialsFeatureOptions = {}): FeatureRegistrar {
  return (app, deps, ui) => {
    const client = { baseUrl: deps.config.clinicalTrialsUrl, timeoutMs: opts.timeoutMs ?? TIMEOUT_MS };

    const search = async (q: TrialQuery) => {
      const near = q.near ? zipPoint(q.near) : null;
      const body = await searchStudies(client, { condition: q.condition, near, radiusMiles: q.radiusMiles, pageSize: PAGE_SIZE });
      return summarizeSearch(body, near);
    };

    app.get(
      '/api/v1/trials',
      {
        config: { access: 'user' },
        schema: {
          tags: ['trials'],
          summary: 'Clinical trials that are taking people, or will soon, for a condition (from ClinicalTrials.gov)',
          description:
            'Asks ClinicalTrials.gov (API v2) for studies that are recruiting or not yet recruiting. Only the condition words and ' +
            'the centre of the ZIP code are sent. Answers 503 with a plain message when ClinicalTrials.gov cannot be reached. ' +
            'A list of studies is not advice: whether to join one is for the person and their doctor.',
          querystring: trialQuery,
          response: { 200: z.object({ condition: z.string(), total: z.number().int().describe('How many studies matched in all'), trials: z.array(trialOut) }) },
        },
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

    app.get('/cases/:caseId/trials', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const c = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        const ctx = await loadCaseContext(trx, caseId);
        await audit({ action: 'trials.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return ctx;
      });
      const raw = formValues(req.query as Record<string, unknown>);
      // First visit: the form filled from the case, nothing sent anywhere yet.
      if (raw.condition === undefined) {
        const values = { condition: conditionFromDiagnosis(c.diagnosis), near: zipPoint(c.patientZip) ? (c.patientZip ?? '').slice(0, 5) : '', radiusMiles: String(DEFAULT_RADIUS) };
        return sendPage(reply, h(TrialsPage, { ctx: ui.page(req), c, form: emptyForm(values), result: null, failure: null, canAsk: !!opts.askDoctor }));
      }
      const values = { condition: raw.condition ?? '', near: raw.near ?? '', radiusMiles: raw.radiusMiles || String(DEFAULT_RADIUS) };
      const parsed = parseWith(trialQuery, values);
      const errors: FieldErrors = parsed.ok ? {} : parsed.errors;
      if (parsed.ok && !parsed.data.condition) errors.condition = 'trials.errors.condition';
      if (!parsed.ok || Object.keys(errors).length > 0) {
        return sendPage(reply, h(TrialsPage, { ctx: ui.page(req), c, form: { values, errors }, result: null, failure: null, canAsk: !!opts.askDoctor }), 400);
      }
      let result: TrialsResult | null = null;
      let failure: MessageKey | null = null;
      try {
        result = { condition: parsed.data.condition, ...(await search(parsed.data)) };
      } catch (e) {
        if (!(e instanceof TrialsUnavailable)) throw e;
        failure = e.messageKey;
      }
      return sendPage(reply, h(TrialsPage, { ctx: ui.page(req), c, form: emptyForm(values), result, failure, canAsk: !!opts.askDoctor }));
    });

    const askDoctor = opts.askDoctor;
    if (askDoctor) {
      app.post('/cases/:caseId/trials/ask', { config: { access: 'patient' } }, async (req, reply) => {
        const { caseId } = req.params as { caseId: string };
        const back = await transact(deps, req, async ({ trx, audit }) => {
          // Access first: a stranger learns nothing from how their form is judged.
          const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
          const parsed = askSchema.safeParse(formValues(req.body as Record<string, unknown>));
          if (!parsed.success) throw invalid({ nctId: 'trials.errors.trial' }, 'trials.errors.trial');
          const a = parsed.data;
          const userId = req.actor.kind === 'user' ? req.actor.userId : '';
          const text = askText((vars) => t('trials.ask.question', vars), a.nctId, a.title);
          const r = await askDoctor(trx, { caseId, patientId: access.patientId, userId }, text, deps.clock.now().toISOString());
          if (r.listMade) await audit({ action: 'questions.generate', patientId: access.patientId, objectType: 'case', objectId: caseId });
          if (r.status === 'added') await audit({ action: 'trials.ask', patientId: access.patientId, objectType: 'question', objectId: r.questionId });
          setFlash(reply, ASK_FLASH[r.status], deps.config.secureCookies);
          return backToSearch(caseId, a);
        });
        return reply.redirect(back, 303);
      });
    }
  };
}
