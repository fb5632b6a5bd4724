import { z } from 'zod';
import { NEXT_STEPS } from '../../content/next-steps.ts';
import { findReason } from '../../content/reasons.ts';
import type { CaseContext } from '../../platform/case-context.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { idParam } from '../../platform/validation.ts';
import {
  type Answers,
  answersSchema,
  assessAnswers,
  isComplete,
  prefillFromCase,
  type QuestionId,
} from './assessment.ts';

// The assessment API's shapes (they also write the OpenAPI document) and its presenter.

const t = translator('en');

export const caseParams = z.object({ caseId: idParam });

const resultOut = z.object({
  level: z.enum(['emergency', 'recommended', 'worth_considering', 'your_choice']),
  emergency: z.boolean(),
  reasons: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      text: z.string(),
      source: z.object({ title: z.string(), url: z.string() }),
      reviewed: z.string(),
    }),
  ),
  askHowLong: z.boolean(),
  fastOpinion: z.boolean(),
  nextSteps: z.array(z.object({ id: z.string(), title: z.string(), text: z.string(), step: z.string() })),
  missing: z.array(z.string()),
});

export const assessmentOut = z.object({
  caseId: z.string(),
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  /** What the case suggests for questions not yet answered (never saved until answered). */
  suggested: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  complete: z.boolean(),
  completedAt: z.string().nullable(),
  /** Given once every question is answered, or at once when there is an emergency. */
  result: resultOut.nullable(),
  version: z.number().int().describe('0 before anything is saved; send it back as If-Match: "<version>"'),
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
    nextSteps: NEXT_STEPS.filter((s) => r.nextSteps.includes(s.id)).map((s) => ({
      id: s.id,
      title: t(s.title),
      text: t(s.text),
      step: s.step,
    })),
  };
}

export function presentAssessment(
  c: CaseContext,
  v: { answers: Partial<Answers>; completedAt: string | null; version: number },
): z.infer<typeof assessmentOut> {
  const { answers } = v;
  const suggested = Object.fromEntries(
    Object.entries(prefillFromCase(c)).filter(([k]) => answers[k as QuestionId] === undefined),
  );
  return {
    caseId: c.id,
    answers: answers as Record<string, string | string[]>,
    suggested: suggested as Record<string, string | string[]>,
    complete: isComplete(answers),
    completedAt: v.completedAt,
    result: isComplete(answers) || answers.emergency === 'yes' ? presentResult(answers) : null,
    version: v.version,
  };
}

/** Each operation's schema: tags, summary, params, body and answers (also the OpenAPI document). */
export const ops = {
  /** GET /api/v1/cases/:caseId/assessment */
  getAssessment: {
    tags: ['assessment'],
    summary: 'The second-opinion check: answers so far, and the result they give. The ETag header holds its version.',
    params: caseParams,
    response: { 200: assessmentOut },
  },
  /** PUT /api/v1/cases/:caseId/assessment */
  putAssessment: {
    tags: ['assessment'],
    summary: 'Answer the second-opinion check (all questions; only "emergency" when it is "yes")',
    description:
      'Replaces the answers. With every question answered the check is complete and the result is final. ' +
      'When emergency is "yes" the result says to get emergency care now, and nothing else is needed. ' +
      'With If-Match: "<version>" (the ETag of GET; "0" before anything is saved) the answers are ' +
      'replaced only if they are still that version: 412 otherwise.',
    params: caseParams,
    body: answersSchema,
    response: { 200: assessmentOut },
  },
};
