import { z } from 'zod';
import type { CaseContext } from '../../platform/case-context.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { idParam } from '../../platform/validation.ts';
import { looksLikeCancer } from '../doctors/doctors.ts';
import {
  buildCallScript,
  type CallRecord,
  type CallScript,
  callSchema,
  caseFacts,
  explainCoverage,
  PLAN_TYPES,
  type PlanRecord,
  PRIOR_AUTH_STATUSES,
  planSchema,
  priorAuthSchema,
} from './coverage.ts';

// The coverage API's shapes (they also write the OpenAPI document) and the presenters that
// turn records into them. English text: the API speaks English, like the rest of v1.

const t = translator('en');

export const caseParams = z.object({ caseId: idParam });

const sourceOut = z.object({ title: z.string(), url: z.string() });
const ruleOut = z.object({
  id: z.string(),
  topic: z.string(),
  text: z.string(),
  source: sourceOut,
  reviewed: z.string(),
  matchesCase: z.boolean(),
});
const priorAuthOut = z.object({
  status: z.enum(PRIOR_AUTH_STATUSES),
  number: z.string().nullable(),
  requestedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  appealBy: z.string().nullable(),
  notes: z.string().nullable(),
});
const planOut = z.object({
  planType: z.enum(PLAN_TYPES),
  insurer: z.string().nullable(),
  memberId: z.string().nullable(),
  planPhone: z.string().nullable(),
  priorAuth: priorAuthOut,
  updatedAt: z.string(),
  version: z
    .number()
    .int()
    .describe('Raised by every change; send it back as If-Match: "<version>" to change only this version'),
});
const scriptOut = z.object({
  whom: z.string(),
  opening: z.array(z.string()),
  questions: z.array(z.string()),
  closing: z.array(z.string()),
});
export const coverageOut = z.object({
  plan: planOut.nullable(),
  rules: z.array(ruleOut),
  callScript: scriptOut,
  callCount: z.number(),
  stepStatus: z.enum(['not_started', 'in_progress', 'done']),
});
export const callOut = z.object({
  id: z.string(),
  calledOn: z.string(),
  calledTime: z.string().nullable(),
  organization: z.string().nullable(),
  spokeWith: z.string().nullable(),
  referenceNumber: z.string().nullable(),
  summary: z.string(),
  followUp: z.string().nullable(),
  followUpOn: z.string().nullable(),
  createdAt: z.string(),
});
export const callsOut = z.object({ calls: z.array(callOut) });

export const putCoverageSchema = planSchema.extend({ priorAuth: priorAuthSchema.optional() });

export const presentCall = (c: CallRecord): z.infer<typeof callOut> => ({
  id: c.id,
  calledOn: c.calledOn,
  calledTime: c.calledTime,
  organization: c.organization,
  spokeWith: c.spokeWith,
  referenceNumber: c.referenceNumber,
  summary: c.summary,
  followUp: c.followUp,
  followUpOn: c.followUpOn,
  createdAt: c.createdAt,
});

/** The call script for the case and its plan (any plan type when there is none yet). */
export function scriptFor(c: CaseContext, plan: PlanRecord | null): CallScript {
  return buildCallScript(plan?.planType ?? 'not_sure', {
    ...caseFacts(c),
    patientName: c.patientName,
    insurer: plan?.insurer ?? null,
    memberId: plan?.memberId ?? null,
    about: c.diagnosis ?? c.symptoms ?? (c.title || t('cases.untitledNoDiagnosis')),
    proposedTreatment: c.proposedTreatment,
    cancer: looksLikeCancer(c),
  });
}

const renderScript = (s: CallScript) => {
  const lines = (l: CallScript['opening']) => l.map((x) => t(x.key, x.vars));
  return { whom: t(s.whom), opening: lines(s.opening), questions: lines(s.questions), closing: lines(s.closing) };
};

export function presentCoverage(
  c: CaseContext,
  v: { plan: PlanRecord | null; callCount: number; stepStatus: 'not_started' | 'in_progress' | 'done' },
): z.infer<typeof coverageOut> {
  const { plan } = v;
  return {
    plan: plan
      ? {
          planType: plan.planType,
          insurer: plan.insurer,
          memberId: plan.memberId,
          planPhone: plan.planPhone,
          priorAuth: plan.priorAuth,
          updatedAt: plan.updatedAt,
          version: plan.version,
        }
      : null,
    rules: plan
      ? explainCoverage(plan.planType, caseFacts(c)).map((r) => ({
          id: r.id,
          topic: r.topic,
          text: t(r.text),
          source: r.source,
          reviewed: r.reviewed,
          matchesCase: r.matchesCase,
        }))
      : [],
    callScript: renderScript(scriptFor(c, plan)),
    callCount: v.callCount,
    stepStatus: v.stepStatus,
  };
}

/** Each operation's schema: tags, summary, params, body and answers (also the OpenAPI document). */
export const ops = {
  /** GET /api/v1/cases/:caseId/coverage */
  getCoverage: {
    tags: ['coverage'],
    summary:
      'The case’s health plan, what applies to it (each rule with its source), the call script and prior ' +
      'authorization. The ETag header holds the plan’s version.',
    params: caseParams,
    response: { 200: coverageOut },
  },
  /** PUT /api/v1/cases/:caseId/coverage */
  putCoverage: {
    tags: ['coverage'],
    summary:
      'Set the plan (and, optionally, prior authorization). Without priorAuth, the stored one is kept. ' +
      'With If-Match: "<version>" (the ETag of GET; "0" when there is no plan yet) it saves only over ' +
      'that version: 412 otherwise.',
    params: caseParams,
    body: putCoverageSchema,
    response: { 200: coverageOut },
  },
  /** GET /api/v1/cases/:caseId/coverage/calls */
  getCalls: {
    tags: ['coverage'],
    summary: 'The call log, newest first',
    params: caseParams,
    response: { 200: callsOut },
  },
  /** POST /api/v1/cases/:caseId/coverage/calls */
  postCalls: {
    tags: ['coverage'],
    summary: 'Write down a call. A follow-up date (today or later) adds a task.',
    params: caseParams,
    body: callSchema,
    response: { 201: callOut },
  },
};
