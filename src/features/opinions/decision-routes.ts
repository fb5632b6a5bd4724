import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { requireCaseAccess } from '../../platform/auth/access-store.ts';
import { loadCaseContext } from '../../platform/case-context.ts';
import { transact } from '../../platform/deps.ts';
import type { App, UiKit } from '../../platform/http/app.ts';
import { formValues, parseWith, requireUser, sendPage, setFlash } from '../../platform/http/context.ts';
import { invalid } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { formatDate } from '../../platform/ui/components.tsx';
import type { FieldErrors, FormValues } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import { buildSummary, type DecisionRecord, makeDecisionSchema, unknownFollowed } from './decision.ts';
import { DecisionPage, SummaryPage } from './decision-views.tsx';
import { loadComparison, type OpinionsKit } from './opinions-kit.ts';
import { findDecision, saveDecision, withdrawDecision } from './opinions-store.ts';
import { renderSummaryPdf } from './summary-pdf.ts';

const t = translator('en');

const decisionOut = z.object({
  id: z.string(),
  caseId: z.string(),
  decidedOn: z.string(),
  choice: z.string(),
  reasons: z.string().nullable(),
  helpers: z.string().nullable(),
  followedOpinionIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

function decisionToForm(d: DecisionRecord | null): FormValues {
  if (!d) return {};
  const v: FormValues = { decidedOn: d.decidedOn, choice: d.choice, reasons: d.reasons ?? '', helpers: d.helpers ?? '' };
  for (const id of d.followedOpinionIds) v[`followed_${id}`] = 'yes';
  return v;
}

/** Checkboxes are posted as followed_<opinionId>=yes (one field each, so none is lost). */
function followedFromForm(values: FormValues): string[] {
  return Object.keys(values)
    .filter((k) => k.startsWith('followed_') && values[k])
    .map((k) => k.slice('followed_'.length));
}

export function registerDecisionRoutes(app: App, kit: OpinionsKit, ui: UiKit): void {
  const { deps } = kit;
  const { clock, config } = deps;
  const schema = makeDecisionSchema(kit.today);

  const decisionPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, form: { values: FormValues; errors: FieldErrors } | null, status = 200) => {
    const icd = await kit.icd10();
    const data = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
      const c = await loadCaseContext(trx, caseId);
      const { opinions, comparison } = await loadComparison(trx, caseId, icd);
      const decision = await findDecision(trx, caseId);
      await audit({ action: 'decision.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
      return { c, opinions, comparison, decision };
    });
    const f = form ?? { values: decisionToForm(data.decision), errors: {} };
    return sendPage(reply, h(DecisionPage, { ctx: ui.page(req), ...data, form: f, editing: form !== null || !data.decision }), status);
  };

  app.get('/cases/:caseId/decision', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const q = req.query as { change?: string };
    if (q.change === '1') {
      // "Change the decision": the form, filled in with what was recorded.
      const d = await transact(deps, req, async ({ trx }) => {
        await requireCaseAccess(trx, req.actor, caseId, 'edit');
        return findDecision(trx, caseId);
      });
      return decisionPage(req, reply, caseId, { values: decisionToForm(d), errors: {} });
    }
    return decisionPage(req, reply, caseId, null);
  });

  app.post('/cases/:caseId/decision', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const user = requireUser(req);
    const values = formValues(req.body as Record<string, unknown>);
    if (values.intent === 'reopen') {
      await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        if (await withdrawDecision(trx, caseId, clock.now().toISOString())) {
          await audit({ action: 'decision.withdraw', patientId: access.patientId, objectType: 'case', objectId: caseId });
        }
      });
      setFlash(reply, 'decision.reopened', config.secureCookies);
      return reply.redirect(`/cases/${caseId}/decision`, 303);
    }
    const parsed = parseWith(schema, { ...values, followedOpinionIds: followedFromForm(values) });
    if (!parsed.ok) return decisionPage(req, reply, caseId, { values, errors: parsed.errors }, 400);
    const icd = await kit.icd10();
    const saved = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const { all } = await loadComparison(trx, caseId, icd);
      if (unknownFollowed(parsed.data.followedOpinionIds, all).length > 0) return false;
      const id = await saveDecision(trx, { caseId, patientId: access.patientId, userId: user.userId }, clock.now().toISOString(), parsed.data);
      await audit({ action: 'decision.record', patientId: access.patientId, objectType: 'decision', objectId: id });
      return true;
    });
    if (!saved) return decisionPage(req, reply, caseId, { values, errors: { followed: 'decision.errors.followedUnknown' } }, 400);
    setFlash(reply, 'decision.saved', config.secureCookies);
    return reply.redirect(`/cases/${caseId}/decision`, 303);
  });

  /** Everything the summary needs, read and audited in one transaction. */
  const loadSummary = async (req: FastifyRequest, caseId: string, action: string) => {
    const icd = await kit.icd10();
    return transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
      const c = await loadCaseContext(trx, caseId);
      const { opinions, comparison } = await loadComparison(trx, caseId, icd);
      const decision = await findDecision(trx, caseId);
      await audit({ action, patientId: access.patientId, objectType: 'case', objectId: caseId });
      return { c, opinions, comparison, decision };
    });
  };

  app.get('/cases/:caseId/decision/summary', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const data = await loadSummary(req, caseId, 'decision.summary');
    const ctx = ui.page(req);
    const doc = buildSummary(ctx.t, (iso) => formatDate(ctx, iso), { ...data.c, title: data.c.title || t('cases.untitledNoDiagnosis') }, data.opinions, data.comparison, data.decision);
    return sendPage(reply, h(SummaryPage, { ctx, c: data.c, doc }));
  });

  app.get('/cases/:caseId/decision/summary.pdf', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const data = await loadSummary(req, caseId, 'decision.summary_pdf');
    const ctx = ui.page(req);
    const doc = buildSummary(ctx.t, (iso) => formatDate(ctx, iso), { ...data.c, title: data.c.title || t('cases.untitledNoDiagnosis') }, data.opinions, data.comparison, data.decision);
    const bytes = await renderSummaryPdf(doc, { createdOn: clock.now() });
    reply.header('Cache-Control', 'no-store');
    reply.header('Content-Disposition', 'attachment; filename="second-opinion-summary.pdf"');
    return reply.type('application/pdf').send(Buffer.from(bytes));
  });

  // ---------- JSON API ----------

  const params = z.object({ caseId: idParam });
  const out = z.object({ caseStatus: z.enum(['open', 'decided']), decision: decisionOut.nullable() });

  app.get(
    '/api/v1/cases/:caseId/decision',
    { config: { access: 'patient' }, schema: { tags: ['opinions'], summary: 'The decision recorded for a case, if any', params, response: { 200: out } } },
    async (req) => {
      const { caseId } = req.params;
      return transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        const c = await loadCaseContext(trx, caseId);
        const decision = await findDecision(trx, caseId);
        await audit({ action: 'decision.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return { caseStatus: c.status, decision };
      });
    },
  );

  app.put(
    '/api/v1/cases/:caseId/decision',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['opinions'],
        summary: 'Record (or change) the decision: what, why, which opinions were followed, who helped, when. The case becomes "decided".',
        params,
        body: schema,
        response: { 200: out },
      },
    },
    async (req) => {
      const { caseId } = req.params;
      const user = requireUser(req);
      const icd = await kit.icd10();
      return transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const { all } = await loadComparison(trx, caseId, icd);
        if (unknownFollowed(req.body.followedOpinionIds, all).length > 0) throw invalid({ followedOpinionIds: 'decision.errors.followedUnknown' });
        const id = await saveDecision(trx, { caseId, patientId: access.patientId, userId: user.userId }, clock.now().toISOString(), req.body);
        await audit({ action: 'decision.record', patientId: access.patientId, objectType: 'decision', objectId: id });
        return { caseStatus: 'decided' as const, decision: await findDecision(trx, caseId) };
      });
    },
  );

  app.delete(
    '/api/v1/cases/:caseId/decision',
    {
      config: { access: 'patient' },
      schema: { tags: ['opinions'], summary: 'Take the decision back: it is kept as withdrawn and the case is open again', params, response: { 200: out } },
    },
    async (req) => {
      const { caseId } = req.params;
      return transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        if (await withdrawDecision(trx, caseId, clock.now().toISOString())) {
          await audit({ action: 'decision.withdraw', patientId: access.patientId, objectType: 'case', objectId: caseId });
        }
        const c = await loadCaseContext(trx, caseId);
        return { caseStatus: c.status, decision: null };
      });
    },
  );
}
