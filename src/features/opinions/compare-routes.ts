import { h } from 'preact';
import { z } from 'zod';
import { coverageFactsFor } from '../../content/third-opinion.ts';
import { requireCaseAccess } from '../../platform/auth/access-store.ts';
import { loadCaseContext } from '../../platform/case-context.ts';
import { transact } from '../../platform/deps.ts';
import type { App, UiKit } from '../../platform/http/app.ts';
import { formValues, requireUser, sendPage, setFlash } from '../../platform/http/context.ts';
import { invalid } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { addDays } from '../../platform/tasks/tasks.ts';
import { ensureTask } from '../../platform/tasks/tasks-store.ts';
import { idParam } from '../../platform/validation.ts';
import { IMPACTS, LEVELS } from './comparison.ts';
import { ComparePage } from './compare-views.tsx';
import { specialistHints } from './guidance.ts';
import { comparisonOut, loadComparison, type OpinionsKit, oracleOf, presentComparison } from './opinions-kit.ts';
import { type OverrideAxis, setOverride } from './opinions-store.ts';

const t = translator('en');

/** The person's answer for a pair: a level, or null / "" to go back to our suggestion. */
const correction = {
  a: idParam,
  b: idParam,
  diagnosis: z.preprocess((v) => (v === '' ? null : v), z.enum(LEVELS, 'errors.chooseOne').nullable().optional()),
  treatment: z.preprocess((v) => (v === '' ? null : v), z.enum(LEVELS, 'errors.chooseOne').nullable().optional()),
  impact: z.preprocess((v) => (v === '' ? null : v), z.enum(IMPACTS, 'errors.chooseOne').nullable().optional()),
};
const correctionSchema = z.object(correction);

export function registerCompareRoutes(app: App, kit: OpinionsKit, ui: UiKit): void {
  const { deps } = kit;
  const { clock, config } = deps;

  app.get('/cases/:caseId/compare', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const icd = await kit.icd10();
    const data = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
      const c = await loadCaseContext(trx, caseId);
      const { opinions, comparison } = await loadComparison(trx, caseId, icd);
      const questions = await kit.questions(trx, caseId);
      const plan = await kit.coveragePlan(trx, caseId);
      await audit({ action: 'comparison.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
      return { c, opinions, comparison, questions, plan };
    });
    const hints = specialistHints(data.opinions, data.comparison.pairs, oracleOf(icd));
    return sendPage(
      reply,
      h(ComparePage, {
        ctx: ui.page(req),
        c: data.c,
        opinions: data.opinions,
        comparison: data.comparison,
        questions: data.questions,
        hints: hints.hints,
        rows: hints.rows,
        cancer: hints.cancer,
        coverage: coverageFactsFor(data.plan, { medicareRule: data.comparison.medicareThirdOpinion }),
      }),
    );
  });

  app.post('/cases/:caseId/compare/confirm', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const user = requireUser(req);
    const values = formValues(req.body as Record<string, unknown>);
    const parsed = correctionSchema.safeParse(values);
    const icd = await kit.icd10();
    await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      if (!parsed.success) throw invalid({ _form: 'errors.invalid' });
      const { opinions } = await loadComparison(trx, caseId, icd);
      const ids = new Set(opinions.map((o) => o.id));
      if (!ids.has(parsed.data.a) || !ids.has(parsed.data.b) || parsed.data.a === parsed.data.b) throw invalid({ a: 'compare.errors.pair' });
      const now = clock.now().toISOString();
      for (const axis of ['diagnosis', 'treatment', 'impact'] as OverrideAxis[]) {
        if (parsed.data[axis] === undefined) continue;
        await setOverride(trx, caseId, [parsed.data.a, parsed.data.b], axis, parsed.data[axis] ?? null, user.userId, now);
      }
      await audit({ action: 'comparison.confirm', patientId: access.patientId, objectType: 'case', objectId: caseId });
    });
    setFlash(reply, 'compare.confirmedDone', config.secureCookies);
    return reply.redirect(`/cases/${caseId}/compare#pair-${parsed.success ? `${parsed.data.a}-${parsed.data.b}` : ''}`, 303);
  });

  // "Get a third opinion": a task on the doctors step, then on to finding the doctor.
  app.post('/cases/:caseId/compare/third-opinion', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const user = requireUser(req);
    await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const taskId = await ensureTask(trx, clock.now().toISOString(), user.userId, {
        caseId,
        patientId: access.patientId,
        step: 'doctors',
        kind: 'find_third_opinion',
        title: t('compare.third.taskTitle'),
        // A week, like the doctors step's own "find a doctor" task.
        dueOn: addDays(kit.today(), 7),
      });
      await audit({ action: 'task.create', patientId: access.patientId, objectType: 'task', objectId: taskId });
    });
    setFlash(reply, 'compare.third.started', config.secureCookies);
    return reply.redirect(`/cases/${caseId}/doctors`, 303);
  });

  // ---------- JSON API ----------

  const params = z.object({ caseId: idParam });

  app.get(
    '/api/v1/cases/:caseId/comparison',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['opinions'],
        summary: 'How the opinions compare: each later opinion against the first, and every pair',
        description:
          'Categories follow Meyer et al. 2015 (Am J Med) and Van Such et al. 2017 (J Eval Clin Pract). For each pair of accepted opinions: ' +
          'diagnosis and treatment are same | refined | different; goal and urgency are agree | differ | unknown; impact is none | minor | moderate | major. ' +
          'Diagnosis from codes when both are coded: same code = same; one code an ancestor of the other in the ICD-10-CM hierarchy, or the same ' +
          '3-character category = refined; anything else (same block, other block, other chapter) = different. Uncoded diagnoses: the same words ' +
          '(abbreviations spelled out) = same; otherwise the same rules applied to the codes the words point to; such suggestions have ' +
          'diagnosisFromCodes=false and should be confirmed. Treatment from the plan items (the first is the main treatment): the same treatments = same; ' +
          'the same main treatment with a drug, procedure, step or detail added or removed, or other details = refined; another main treatment ' +
          '(kind, or the same kind but another one), or whether or which surgery or procedure = different. Each basis has exactly one level. ' +
          'verdict is the one decision for the pair: headline (agree | refines | differs), the axes that differ, thirdOpinion (true exactly when ' +
          'diagnosis or treatment is different), and per axis the level, the rules’ suggestion, the basis, the person’s answer and who set it; ' +
          'headline and explanation are its words. differSignificantly equals verdict.thirdOpinion. Each pair carries the rules’ suggestion, the ' +
          'person’s confirmation (PUT) and the effective values. With fewer than two accepted opinions the answer is 200 with status ' +
          '"needs_more_opinions" and what is missing.',
        params,
        response: { 200: comparisonOut },
      },
    },
    async (req) => {
      const { caseId } = req.params;
      const icd = await kit.icd10();
      return transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        const { opinions, comparison } = await loadComparison(trx, caseId, icd);
        await audit({ action: 'comparison.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return presentComparison(t, caseId, opinions, comparison);
      });
    },
  );

  app.put(
    '/api/v1/cases/:caseId/comparison',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['opinions'],
        summary: 'Confirm or correct how two opinions compare (diagnosis, treatment, impact); null goes back to the suggestion',
        params,
        body: correctionSchema,
        response: { 200: comparisonOut },
      },
    },
    async (req) => {
      const { caseId } = req.params;
      const user = requireUser(req);
      const icd = await kit.icd10();
      return transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const before = await loadComparison(trx, caseId, icd);
        const ids = new Set(before.opinions.map((o) => o.id));
        const body = req.body;
        if (!ids.has(body.a) || !ids.has(body.b) || body.a === body.b) throw invalid({ a: 'compare.errors.pair' });
        const now = clock.now().toISOString();
        for (const axis of ['diagnosis', 'treatment', 'impact'] as OverrideAxis[]) {
          if (body[axis] === undefined) continue;
          await setOverride(trx, caseId, [body.a, body.b], axis, body[axis] ?? null, user.userId, now);
        }
        await audit({ action: 'comparison.confirm', patientId: access.patientId, objectType: 'case', objectId: caseId });
        const after = await loadComparison(trx, caseId, icd);
        return presentComparison(t, caseId, after.opinions, after.comparison);
      });
    },
  );
}
