import { h } from 'preact';
import type { z } from 'zod';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { type CaseScope, caseRoutes, json, page, redirect } from '../../platform/http/case-route.ts';
import { parseWith } from '../../platform/http/context.ts';
import { emptyForm, type FieldErrors, type FormState } from '../../platform/ui/page-context.ts';
import { etagOf, ifMatchVersion } from '../../platform/versions.ts';
import {
  type Answers,
  answerSchema,
  assessAnswers,
  nextUnanswered,
  prefillFromCase,
  QUESTION_IDS,
  type QuestionId,
  questionAfter,
  questionBefore,
} from './assessment.ts';
import * as act from './assessment-actions.ts';
import * as api from './assessment-api.ts';
import { presentAssessment } from './assessment-api.ts';
import {
  AssessmentIntroPage,
  AssessmentQuestionPage,
  AssessmentResultPage,
  AssessmentReviewPage,
  assessmentBase,
  questionHref,
} from './assessment-views.tsx';

// Thin adapters (ADR 0014): each route parses its input, calls the assessment actions in
// the route's one transaction, and renders the outcome.

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

const returnToOf = (v: unknown): 'review' | null => (v === 'review' ? 'review' : null);

export function createAssessmentFeature(opts: { linkedSteps?: readonly string[] } = {}): FeatureRegistrar {
  const linkedSteps = opts.linkedSteps ?? [];

  return (app, deps, ui) => {
    const r = caseRoutes(app, deps, ui);
    const base = (s: CaseScope) => assessmentBase(s.caseId);

    r.casePage('GET', '/cases/:caseId/assessment', { can: 'view' }, async (s) => {
      const { answers, completedAt } = await act.viewAssessment(s);
      return page((ctx) => h(AssessmentIntroPage, { ctx, c: s.c, answers, completed: completedAt !== null }));
    });

    // ---------- one page per question ----------

    const questionPage = (
      s: CaseScope,
      id: QuestionId,
      form: FormState,
      prefilled: boolean,
      returnTo: 'review' | null,
      status = 200,
    ) => {
      const before = questionBefore(id);
      const backHref = returnTo ? `${base(s)}/review` : before ? questionHref(s.caseId, before) : base(s);
      return page((ctx) => h(AssessmentQuestionPage, { ctx, c: s.c, id, form, prefilled, backHref, returnTo }), status);
    };

    for (const id of QUESTION_IDS) {
      r.casePage('GET', `/cases/:caseId/assessment/${id}`, { can: 'edit' }, async (s, { query }) => {
        const { answers } = await act.viewAssessment(s);
        const saved = answers[id];
        const suggested = saved === undefined ? prefillFromCase(s.c)[id] : undefined;
        const form = emptyForm({ [id]: toFormValue(saved ?? suggested) });
        return questionPage(s, id, form, suggested !== undefined, returnToOf(query.returnTo));
      });

      // The raw body, not the flattened form: a checkbox group posts a list.
      r.casePage('POST', `/cases/:caseId/assessment/${id}`, { can: 'edit' }, async (s) => {
        const body = s.req.body as Record<string, unknown> | undefined;
        const returnTo = returnToOf(body?.returnTo);
        const posted = postedValue(body, id);
        const parsed = parseWith(answerSchema(id) as z.ZodType<Answers[QuestionId]>, posted);
        if (!parsed.ok) {
          await act.viewAssessment(s);
          const value = Array.isArray(posted) ? posted.join(',') : posted;
          // The schema's message is about the whole answer; show it on this question.
          const message = Object.values(parsed.errors)[0] ?? `assessment.errors.${id}`;
          return questionPage(
            s,
            id,
            { values: { [id]: value }, errors: { [id]: message } as FieldErrors },
            false,
            returnTo,
            400,
          );
        }
        const answers = await act.answerQuestion(s, id, parsed.data);
        // An emergency goes straight to "get care now"; nothing else is asked first.
        if (id === 'emergency' && answers.emergency === 'yes') return redirect(`${base(s)}/result`);
        if (returnTo === 'review') return redirect(`${base(s)}/review`);
        const next = questionAfter(id);
        return redirect(next ? questionHref(s.caseId, next) : `${base(s)}/review`);
      });
    }

    // ---------- review and result ----------

    const reviewPage = async (s: CaseScope, errors: FieldErrors, status = 200) => {
      const { answers } = await act.viewAssessment(s);
      return page((ctx) => h(AssessmentReviewPage, { ctx, c: s.c, answers, form: { values: {}, errors } }), status);
    };

    r.casePage('GET', '/cases/:caseId/assessment/review', { can: 'edit' }, (s) => reviewPage(s, {}));

    r.casePage('POST', '/cases/:caseId/assessment/review', { can: 'edit' }, async (s) => {
      const { missing } = await act.completeAssessment(s);
      if (missing.length > 0) {
        return reviewPage(
          s,
          Object.fromEntries(missing.map((id) => [id, 'assessment.errors.missing'])) as FieldErrors,
          400,
        );
      }
      return redirect(`${base(s)}/result`, 'assessment.done');
    });

    r.casePage('GET', '/cases/:caseId/assessment/result', { can: 'view' }, async (s) => {
      const { answers, completedAt } = await act.viewAssessment(s);
      const result = assessAnswers(answers);
      // A result from half the answers would mislead; an emergency needs no more answers.
      if (!result.emergency && (completedAt === null || result.missing.length > 0)) {
        const next = nextUnanswered(answers);
        return redirect(next ? questionHref(s.caseId, next) : `${base(s)}/review`);
      }
      const nextQuestion = nextUnanswered(answers);
      return page((ctx) => h(AssessmentResultPage, { ctx, c: s.c, result, linkedSteps, nextQuestion }));
    });

    // ---------- JSON API ----------

    const answer = (s: CaseScope, v: act.AssessmentView) =>
      json(presentAssessment(s.c, v), 200, { ETag: etagOf(v.version) });

    r.caseApi(
      'GET',
      '/api/v1/cases/:caseId/assessment',
      {
        can: 'view',
        schema: api.ops.getAssessment,
      },
      async (s) => answer(s, await act.viewAssessment(s)),
    );

    r.caseApi(
      'PUT',
      '/api/v1/cases/:caseId/assessment',
      {
        can: 'edit',
        schema: api.ops.putAssessment,
      },
      async (s, { body }) => {
        const answers = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Partial<Answers>;
        return answer(s, await act.replaceAnswers(s, answers, ifMatchVersion(s.req)));
      },
    );
  };
}
