import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { NEXT_STEPS } from '../../content/next-steps.ts';
import { findReason } from '../../content/reasons.ts';
import { requireCaseAccess } from '../../platform/auth/access-store.ts';
import { type CaseContext, loadCaseContext } from '../../platform/case-context.ts';
import { transact } from '../../platform/deps.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { parseWith, requireUser, sendPage, setFlash } from '../../platform/http/context.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { emptyForm, type FieldErrors, type FormState } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import {
  type Answers,
  answerSchema,
  answersSchema,
  assessAnswers,
  isComplete,
  nextUnanswered,
  prefillFromCase,
  QUESTION_IDS,
  type QuestionId,
  questionAfter,
  questionBefore,
} from './assessment.ts';
import { addAssessmentTasks, getAssessment, saveAssessment } from './assessment-store.ts';
import { AssessmentIntroPage, AssessmentQuestionPage, AssessmentResultPage, AssessmentReviewPage, assessmentBase, questionHref } from './assessment-views.tsx';

const t = translator('en');

const resultOut = z.object({
  level: z.enum(['emergency', 'recommended', 'worth_considering', 'your_choice']),
  emergency: z.boolean(),
  reasons: z.array(z.object({ id: z.string(), title: z.string(), text: z.string(), source: z.object({ title: z.string(), url: z.string() }), reviewed: z.string() })),
  askHowLong: z.boolean(),
  fastOpinion: z.boolean(),
  nextSteps: z.array(z.object({ id: z.string(), title: z.string(), text: z.string(), step: z.string() })),
  missing: z.array(z.string()),
});

const assessmentOut = z.object({
  caseId: z.string(),
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  /** What the case suggests for questions not yet answered (never saved until answered). */
  suggested: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  complete: z.boolean(),
  completedAt: z.string().nullable(),
  /** Given once every question is answered, or at once when there is an emergency. */
  result: resultOut.nullable(),
});

/** The result in words, for the API: every reason carries its source. */
function presentResult(answers: Partial<Answers>) {
  const r = assessAnswers(answers);
  return {
    ...r,
    reasons: r.reasons.map((id) => {
      const item = findReason(id);
      return { id, title: t(item.title), text: t(item.text), source: item.source, reviewed: item.reviewed };
    }),
    nextSteps: NEXT_STEPS.filter((s) => r.nextSteps.includes(s.id)).map((s) => ({ id: s.id, title: t(s.title), text: t(s.text), step: s.step })),
  };
}

/** Answers as a page form holds them: multiple choices joined with commas. */
function toFormValue(v: Answers[QuestionId] | undefined): string | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(',') : v;
}

/** The raw posted value of one question: a checkbox group arrives as one string or a list. */
function postedValue(body: unknown, id: QuestionId): string | string[] | undefined {
  const v = (body as Record<string, unknown> | null | undefined)?.[id];
  if (Array.isArray(v)) return v.map(String);
  return v === undefined || v === null ? undefined : String(v);
}

export function createAssessmentFeature(opts: { linkedSteps?: readonly string[] } = {}): FeatureRegistrar {
  const linkedSteps = opts.linkedSteps ?? [];

  return (app, deps, ui) => {
    const { clock, config } = deps;
    const page = ui.page;

    /** Loads the case and the saved answers for a page, with the read audited. */
    const load = (req: FastifyRequest, caseId: string, action: 'view' | 'edit') =>
      transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, action);
        const c = await loadCaseContext(trx, caseId);
        const record = await getAssessment(trx, caseId);
        await audit({ action: 'assessment.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return { c, answers: record?.answers ?? {}, completedAt: record?.completedAt ?? null };
      });

    app.get('/cases/:caseId/assessment', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const { c, answers, completedAt } = await load(req, caseId, 'view');
      return sendPage(reply, h(AssessmentIntroPage, { ctx: page(req), c, answers, completed: completedAt !== null }));
    });

    // ---------- one page per question ----------

    const questionPage = (req: FastifyRequest, reply: FastifyReply, c: CaseContext, id: QuestionId, form: FormState, prefilled: boolean, returnTo: 'review' | null, status = 200) => {
      const before = questionBefore(id);
      const backHref = returnTo ? `${assessmentBase(c.id)}/review` : before ? questionHref(c.id, before) : assessmentBase(c.id);
      return sendPage(reply, h(AssessmentQuestionPage, { ctx: page(req), c, id, form, prefilled, backHref, returnTo }), status);
    };

    const returnToOf = (v: unknown): 'review' | null => (v === 'review' ? 'review' : null);

    for (const id of QUESTION_IDS) {
      app.get(`/cases/:caseId/assessment/${id}`, { config: { access: 'patient' } }, async (req, reply) => {
        const { caseId } = req.params as { caseId: string };
        const { c, answers } = await load(req, caseId, 'edit');
        const saved = answers[id];
        const suggested = saved === undefined ? prefillFromCase(c)[id] : undefined;
        const value = toFormValue(saved ?? suggested);
        return questionPage(req, reply, c, id, emptyForm({ [id]: value }), suggested !== undefined, returnToOf((req.query as Record<string, unknown>).returnTo));
      });

      app.post(`/cases/:caseId/assessment/${id}`, { config: { access: 'patient' } }, async (req, reply) => {
        const { caseId } = req.params as { caseId: string };
        const body = req.body as Record<string, unknown> | undefined;
        const returnTo = returnToOf(body?.returnTo);
        const posted = postedValue(body, id);
        const parsed = parseWith(answerSchema(id) as z.ZodType<Answers[QuestionId]>, posted);
        if (!parsed.ok) {
          const { c } = await load(req, caseId, 'edit');
          const value = Array.isArray(posted) ? posted.join(',') : posted;
          // The schema's message is about the whole answer; show it on this question.
          const message = Object.values(parsed.errors)[0] ?? `assessment.errors.${id}`;
          return questionPage(req, reply, c, id, { values: { [id]: value }, errors: { [id]: message } as FieldErrors }, false, returnTo, 400);
        }
        const answers = await transact(deps, req, async ({ trx, audit }) => {
          const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
          const current = (await getAssessment(trx, caseId))?.answers ?? {};
          const merged = { ...current, [id]: parsed.data } as Partial<Answers>;
          await saveAssessment(trx, { caseId, patientId: access.patientId, userId: requireUser(req).userId }, merged, clock.now().toISOString());
          await audit({ action: 'assessment.update', patientId: access.patientId, objectType: 'case', objectId: caseId });
          return merged;
        });
        // An emergency goes straight to "get care now"; nothing else is asked first.
        if (id === 'emergency' && answers.emergency === 'yes') return reply.redirect(`${assessmentBase(caseId)}/result`, 303);
        if (returnTo === 'review') return reply.redirect(`${assessmentBase(caseId)}/review`, 303);
        const next = questionAfter(id);
        return reply.redirect(next ? questionHref(caseId, next) : `${assessmentBase(caseId)}/review`, 303);
      });
    }

    // ---------- review and result ----------

    const reviewPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, errors: FieldErrors, status = 200) => {
      const { c, answers } = await load(req, caseId, 'edit');
      return sendPage(reply, h(AssessmentReviewPage, { ctx: page(req), c, answers, form: { values: {}, errors } }), status);
    };

    app.get('/cases/:caseId/assessment/review', { config: { access: 'patient' } }, async (req, reply) =>
      reviewPage(req, reply, (req.params as { caseId: string }).caseId, {}),
    );

    app.post('/cases/:caseId/assessment/review', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const missing = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const answers = (await getAssessment(trx, caseId))?.answers ?? {};
        const open = assessAnswers(answers).missing;
        if (open.length > 0) return open;
        const ids = { caseId, patientId: access.patientId, userId: requireUser(req).userId };
        await saveAssessment(trx, ids, answers, clock.now().toISOString(), { complete: true });
        await addAssessmentTasks(trx, ids, answers, clock.now().toISOString());
        await audit({ action: 'assessment.complete', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return [];
      });
      if (missing.length > 0) {
        return reviewPage(req, reply, caseId, Object.fromEntries(missing.map((id) => [id, 'assessment.errors.missing'])) as FieldErrors, 400);
      }
      setFlash(reply, 'assessment.done', config.secureCookies);
      return reply.redirect(`${assessmentBase(caseId)}/result`, 303);
    });

    app.get('/cases/:caseId/assessment/result', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const { c, answers, completedAt } = await load(req, caseId, 'view');
      const result = assessAnswers(answers);
      // A result from half the answers would mislead; an emergency needs no more answers.
      if (!result.emergency && (completedAt === null || result.missing.length > 0)) {
        const next = nextUnanswered(answers);
        return reply.redirect(next ? questionHref(caseId, next) : `${assessmentBase(caseId)}/review`, 303);
      }
      return sendPage(reply, h(AssessmentResultPage, { ctx: page(req), c, result, linkedSteps, nextQuestion: nextUnanswered(answers) }));
    });

    // ---------- JSON API ----------

    const present = (c: CaseContext, answers: Partial<Answers>, completedAt: string | null) => {
      const suggested = Object.fromEntries(Object.entries(prefillFromCase(c)).filter(([k]) => answers[k as QuestionId] === undefined));
      return {
        caseId: c.id,
        answers: answers as Record<string, string | string[]>,
        suggested: suggested as Record<string, string | string[]>,
        complete: isComplete(answers),
        completedAt,
        result: isComplete(answers) || answers.emergency === 'yes' ? presentResult(answers) : null,
      };
    };

    app.get(
      '/api/v1/cases/:caseId/assessment',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['assessment'],
          summary: 'The second-opinion check: answers so far, and the result they give',
          params: z.object({ caseId: idParam }),
          response: { 200: assessmentOut },
        },
      },
      async (req) => {
        const { c, answers, completedAt } = await load(req, req.params.caseId, 'view');
        return present(c, answers, completedAt);
      },
    );

    app.put(
      '/api/v1/cases/:caseId/assessment',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['assessment'],
          summary: 'Answer the second-opinion check (all questions; only "emergency" when it is "yes")',
          description:
            'Replaces the answers. With every question answered the check is complete and the result is final. ' +
            'When emergency is "yes" the result says to get emergency care now, and nothing else is needed.',
          params: z.object({ caseId: idParam }),
          body: answersSchema,
          response: { 200: assessmentOut },
        },
      },
      async (req) => {
        const { caseId } = req.params;
        const answers = Object.fromEntries(Object.entries(req.body).filter(([, v]) => v !== undefined)) as Partial<Answers>;
        return transact(deps, req, async ({ trx, audit }) => {
          const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
          const complete = isComplete(answers);
          const ids = { caseId, patientId: access.patientId, userId: requireUser(req).userId };
          await saveAssessment(trx, ids, answers, clock.now().toISOString(), { complete });
          if (complete) await addAssessmentTasks(trx, ids, answers, clock.now().toISOString());
          await audit({ action: complete ? 'assessment.complete' : 'assessment.update', patientId: access.patientId, objectType: 'case', objectId: caseId });
          const c = await loadCaseContext(trx, caseId);
          const saved = await getAssessment(trx, caseId);
          return present(c, saved?.answers ?? {}, saved?.completedAt ?? null);
        });
      },
    );
  };
}
