import { z } from 'zod';
import { COVERAGE_RULES, type CoverageRule, type CoverageRuleName } from '../../content/coverage.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { choice, optionalDate, optionalText, requiredText } from '../../platform/validation.ts';
import { optionalTime } from '../tasks/tasks.ts';

// Step 4, checking coverage: the plan types, what applies to each, the call script, the
// call log and prior authorization. Pure: data in, data out.

// ---------- plan types ----------

export const PLAN_TYPES = [
  'original_medicare',
  'medicare_advantage_hmo',
  'medicare_advantage_ppo',
  'private_ppo',
  'private_hmo',
  'private_epo',
  'private_pos',
  'medicaid_ffs',
  'medicaid_managed_care',
  'tricare',
  'va',
  'uninsured',
  'not_sure',
] as const;
export type PlanType = (typeof PLAN_TYPES)[number];

/** Plans grouped as the form shows them, so a long list reads in a few steps. */
export const PLAN_GROUPS: { legend: MessageKey; plans: PlanType[] }[] = [
  {
    legend: 'coverage.group.medicare',
    plans: ['original_medicare', 'medicare_advantage_hmo', 'medicare_advantage_ppo'],
  },
  { legend: 'coverage.group.private', plans: ['private_ppo', 'private_hmo', 'private_epo', 'private_pos'] },
  { legend: 'coverage.group.medicaid', plans: ['medicaid_ffs', 'medicaid_managed_care'] },
  { legend: 'coverage.group.military', plans: ['tricare', 'va'] },
  { legend: 'coverage.group.other', plans: ['uninsured', 'not_sure'] },
];

const PRIVATE: PlanType[] = ['private_ppo', 'private_hmo', 'private_epo', 'private_pos'];
const MEDICARE: PlanType[] = ['original_medicare', 'medicare_advantage_hmo', 'medicare_advantage_ppo'];
const MEDICAID: PlanType[] = ['medicaid_ffs', 'medicaid_managed_care'];

export const isUninsured = (p: PlanType) => p === 'uninsured';

// ---------- facts about the case that change the advice ----------

export interface CaseFacts {
  /** Surgery was proposed: Medicare Part B's second-opinion rule is written for surgery. */
  surgeryProposed: boolean;
  /** The doctor said treatment should start right away. */
  urgent: boolean;
}

const SURGERY_WORDS =
  /\b(surg\w*|operat\w*|\w+ectomy|\w+otomy|\w+plasty|transplant\w*|resection|bypass|replacement|amputat\w*|implant\w*)\b/i;

/** Reads the case's own words for a proposed surgery. A hint for tailoring, never a finding. */
export function looksLikeSurgery(proposedTreatment: string | null | undefined): boolean {
  return !!proposedTreatment && SURGERY_WORDS.test(proposedTreatment);
}

export function caseFacts(c: { proposedTreatment: string | null; urgency: string }): CaseFacts {
  return { surgeryProposed: looksLikeSurgery(c.proposedTreatment), urgent: c.urgency === 'right_away' };
}

// ---------- what applies ----------

export interface AppliedRule extends CoverageRule {
  /** True when the case itself matches the rule (e.g. surgery was proposed): shown first. */
  matchesCase: boolean;
}

// Which facts each plan gets, in the order a person needs them: what to check first, who
// can give the opinion, what it costs, then "if they say no". Each program gets only its
// own rules: a Medicare rule is never shown for a job-based plan, and the other way round
// (test/features/coverage-rules.test.ts holds the table that says which must never show).
const PRIVATE_APPEAL: CoverageRuleName[] = ['appealAsk', 'appealPrivate'];
// A state second-opinion law reaches only insurance sold in the state: the self-funded rule
// (ERISA) always travels with it.
const STATE_RULES: CoverageRuleName[] = ['stateLaw', 'selfFundedPlans'];
const SELF_PAY_ESTIMATE: CoverageRuleName[] = ['goodFaithEstimate', 'goodFaithDispute'];
const ADVANTAGE: CoverageRuleName[] = ['callFirst', 'advantageCoversOriginal', 'advantageNetworkOrReferral'];

const PLAN_RULES: Record<PlanType, CoverageRuleName[]> = {
  original_medicare: [
    'originalNoNetwork',
    'originalNoApproval',
    'partBSurgery',
    'partBProcedures',
    'partBThird',
    'partBCost',
    'partBTests',
    'partBExcluded',
    'acceptsMedicare',
    'medicareAssignment',
    'appealOriginalMedicare',
  ],
  medicare_advantage_hmo: [...ADVANTAGE, 'managedCare', 'repeatTests', 'appealAdvantage'],
  medicare_advantage_ppo: [...ADVANTAGE, 'advantagePpo', 'ppoSimplest', 'repeatTests', 'appealAdvantage'],
  private_ppo: [
    'callFirst',
    'ppoSimplest',
    'ppoOutOfNetwork',
    'repeatTests',
    ...STATE_RULES,
    'outsidePlan',
    ...SELF_PAY_ESTIMATE,
    ...PRIVATE_APPEAL,
  ],
  private_hmo: [
    'callFirst',
    'hmoNetwork',
    'managedCare',
    'repeatTests',
    ...STATE_RULES,
    'outsidePlan',
    ...SELF_PAY_ESTIMATE,
    ...PRIVATE_APPEAL,
  ],
  private_epo: [
    'callFirst',
    'epoNetwork',
    'managedCare',
    'repeatTests',
    ...STATE_RULES,
    'outsidePlan',
    ...SELF_PAY_ESTIMATE,
    ...PRIVATE_APPEAL,
  ],
  private_pos: [
    'callFirst',
    'posReferral',
    'managedCare',
    'repeatTests',
    ...STATE_RULES,
    'outsidePlan',
    ...SELF_PAY_ESTIMATE,
    ...PRIVATE_APPEAL,
  ],
  medicaid_ffs: ['callFirst', 'acceptsMedicaid', 'repeatTests', 'fairHearingMedicaid'],
  medicaid_managed_care: [
    'callFirst',
    'medicaidNoCost',
    'managedCare',
    'acceptsMedicaid',
    'repeatTests',
    'appealMedicaidPlan',
    'fairHearingMedicaidPlan',
  ],
  tricare: ['callFirst', 'repeatTests', 'outsidePlan'],
  va: ['callFirst', 'repeatTests', 'outsidePlan'],
  uninsured: ['selfPayPrice', ...SELF_PAY_ESTIMATE, 'financialHelp'],
  not_sure: ['callFirst', 'ppoSimplest', 'managedCare', 'repeatTests', 'outsidePlan', 'appealAsk'],
};

/**
 * What applies to this plan, each rule with its source. Rules the case itself matches come
 * first (a Medicare second opinion before a proposed surgery, say); otherwise the order
 * above, which goes from "call first" to "if they say no".
 */
export function explainCoverage(plan: PlanType, facts: CaseFacts): AppliedRule[] {
  const rules = PLAN_RULES[plan].map((name) => ({
    ...COVERAGE_RULES[name],
    matchesCase: name === 'partBSurgery' && facts.surgeryProposed,
  }));
  return [...rules.filter((r) => r.matchesCase), ...rules.filter((r) => !r.matchesCase)];
}

/** Rules to show when the plan said no: how to ask again or appeal, with that program's own deadlines. */
export function appealRules(plan: PlanType): CoverageRule[] {
  return PLAN_RULES[plan].filter((n) => COVERAGE_RULES[n].topic === 'appeal').map((n) => COVERAGE_RULES[n]);
}

/**
 * Whether the page tracks an approval (prior authorization) for this plan. Original Medicare
 * does not approve a second-opinion visit ahead of time, and there is no plan to approve
 * anything without insurance; an approval already written down is still shown.
 */
export function tracksPriorAuth(plan: Pick<PlanRecord, 'planType' | 'priorAuth'>): boolean {
  if (plan.planType === 'uninsured') return false;
  if (plan.planType === 'original_medicare') return plan.priorAuth.status !== 'unknown';
  return true;
}

// ---------- the call script ----------

export interface ScriptLine {
  key: MessageKey;
  vars?: Record<string, string>;
}

export interface CallScript {
  /** Whom to call, in words. */
  whom: MessageKey;
  opening: ScriptLine[];
  questions: ScriptLine[];
  closing: ScriptLine[];
}

export interface ScriptFacts extends CaseFacts {
  patientName: string;
  insurer: string | null;
  memberId: string | null;
  /** What the case is about, in the person's words: the diagnosis, or the symptoms. */
  about: string;
  proposedTreatment: string | null;
  cancer: boolean;
}

/**
 * A call script for this plan and case: what to say first, what to ask (in the order a
 * call usually goes), and what to write down before hanging up.
 *
 * Whom it is for depends on the plan. With Original Medicare there is no insurer to ask:
 * Medicare has no network and does not approve the visit first, so the call goes to the
 * office of the doctor who will give the second opinion ("do you accept Medicare
 * assignment?"), and 1-800-MEDICARE answers anything else. Without insurance, the call
 * goes to the billing office. Everyone else calls their plan.
 */
export function buildCallScript(plan: PlanType, f: ScriptFacts): CallScript {
  if (plan === 'original_medicare') return originalMedicareScript(f);
  const opening: ScriptLine[] = [];
  const questions: ScriptLine[] = [];
  const q = (key: MessageKey, vars?: Record<string, string>) => questions.push({ key, vars });

  if (isUninsured(plan)) {
    opening.push({ key: 'coverage.script.openUninsured', vars: { name: f.patientName } });
  } else {
    opening.push({ key: 'coverage.script.open', vars: { name: f.patientName } });
    if (f.memberId) opening.push({ key: 'coverage.script.memberId', vars: { memberId: f.memberId } });
    else opening.push({ key: 'coverage.script.memberIdFromCard' });
  }
  caseLines(opening, f);

  if (isUninsured(plan)) {
    q('coverage.script.q.selfPayPrice');
    q('coverage.script.q.selfPayIncludes');
    q('coverage.script.q.goodFaithEstimate');
    q('coverage.script.q.testsPrice');
    q('coverage.script.q.financialHelp');
    q('coverage.script.q.howToApply');
    q('coverage.script.q.paymentPlan');
  } else {
    q('coverage.script.q.covered');
    if (MEDICARE.includes(plan) && f.surgeryProposed) q('coverage.script.q.medicareSurgery');
    if (plan === 'medicaid_managed_care') q('coverage.script.q.medicaidNoCost');
    if (MEDICAID.includes(plan)) q('coverage.script.q.doctorAccepts');
    if (plan !== 'medicaid_ffs') {
      q('coverage.script.q.referral');
      q('coverage.script.q.priorAuth');
      if (plan.startsWith('medicare_advantage')) q('coverage.script.q.referralAndAuth');
      q('coverage.script.q.network');
      q('coverage.script.q.findDoctors', { about: f.about });
      if (plan === 'medicare_advantage_ppo' || plan === 'private_ppo' || plan === 'private_pos' || plan === 'not_sure')
        q('coverage.script.q.outOfNetworkCost');
      if (plan === 'medicaid_managed_care') q('coverage.script.q.medicaidOutside');
      if (PRIVATE.includes(plan)) {
        q('coverage.script.q.stateRule');
        // A state rule does not reach a self-funded employer plan (ERISA): ask which it is.
        q('coverage.script.q.selfFunded');
      }
    }
    if (f.cancer) q('coverage.script.q.cancerCenter');
    q('coverage.script.q.cost');
    q('coverage.script.q.tests');
    q('coverage.script.q.thirdOpinion');
    if (f.urgent) q('coverage.script.q.fast');
    q('coverage.script.q.inWriting');
  }

  const closing: ScriptLine[] = [
    { key: 'coverage.script.close.name' },
    { key: 'coverage.script.close.reference' },
    { key: 'coverage.script.close.next' },
  ];

  const whom: MessageKey = isUninsured(plan)
    ? 'coverage.script.whom.uninsured'
    : plan === 'medicaid_ffs'
      ? 'coverage.script.whom.medicaidState'
      : 'coverage.script.whom.plan';
  return { whom, opening, questions, closing };
}

/** What the case is about, said the same way on every call. */
function caseLines(opening: ScriptLine[], f: ScriptFacts): void {
  opening.push({ key: 'coverage.script.about', vars: { about: f.about } });
  if (f.proposedTreatment) opening.push({ key: 'coverage.script.proposed', vars: { treatment: f.proposedTreatment } });
  opening.push({ key: 'coverage.script.want' });
  if (f.urgent) opening.push({ key: 'coverage.script.urgent' });
}

/** The call to the second doctor's office, for someone with Original Medicare. */
function originalMedicareScript(f: ScriptFacts): CallScript {
  const opening: ScriptLine[] = [{ key: 'coverage.script.openDoctorOffice', vars: { name: f.patientName } }];
  opening.push(
    f.memberId
      ? { key: 'coverage.script.medicareNumber', vars: { number: f.memberId } }
      : { key: 'coverage.script.medicareNumberFromCard' },
  );
  caseLines(opening, f);
  const questions: ScriptLine[] = [
    { key: 'coverage.script.q.medicareAssignment' },
    { key: 'coverage.script.q.newMedicarePatients' },
  ];
  if (f.urgent) questions.push({ key: 'coverage.script.q.soonest' });
  questions.push({ key: 'coverage.script.q.records' }, { key: 'coverage.script.q.visitCost' });
  return {
    whom: 'coverage.script.whom.medicare',
    opening,
    questions,
    closing: [
      { key: 'coverage.script.close.name' },
      { key: 'coverage.script.close.appointment' },
      { key: 'coverage.script.close.next' },
    ],
  };
}

// ---------- inputs ----------

const hasEnoughDigits = (min: number) => (s: string | undefined) => !s || (s.match(/\d/g)?.length ?? 0) >= min;

/** A phone number as people write it: digits with spaces, dashes, dots, brackets, "ext." */
export const optionalPhone = optionalText(40).refine(hasEnoughDigits(7), 'coverage.errors.phone');

export const planSchema = z.object({
  planType: choice(PLAN_TYPES, 'coverage.errors.planRequired'),
  insurer: optionalText(120),
  // Letters, digits, spaces and dashes: what member ID cards print.
  memberId: optionalText(40).refine((s) => !s || /^[A-Za-z0-9 -]+$/.test(s), 'coverage.errors.memberId'),
  planPhone: optionalPhone,
});
export type PlanInput = z.infer<typeof planSchema>;

export const PRIOR_AUTH_STATUSES = ['unknown', 'not_needed', 'requested', 'approved', 'denied'] as const;
export type PriorAuthStatus = (typeof PRIOR_AUTH_STATUSES)[number];

export const priorAuthSchema = z
  .object({
    status: choice(PRIOR_AUTH_STATUSES, 'coverage.errors.priorAuthStatus'),
    number: optionalText(60),
    requestedOn: optionalDate(),
    expiresOn: optionalDate(),
    appealBy: optionalDate(),
    notes: optionalText(2000),
  })
  // Checked even when other fields are wrong (`when`), so every problem shows at once.
  .refine(
    (v: { status?: unknown; number?: unknown } | undefined) =>
      v?.status !== 'approved' || String(v?.number ?? '').trim() !== '',
    {
      path: ['number'],
      message: 'coverage.errors.approvalNumber',
      when: () => true,
    },
  );
export type PriorAuthInput = z.infer<typeof priorAuthSchema>;

/** What each status keeps: an approval number means nothing on a denial. */
export function normalisePriorAuth(p: PriorAuthInput): PriorAuthInput {
  return {
    status: p.status,
    number: p.status === 'approved' ? p.number : undefined,
    requestedOn:
      p.status === 'requested' || p.status === 'approved' || p.status === 'denied' ? p.requestedOn : undefined,
    expiresOn: p.status === 'approved' ? p.expiresOn : undefined,
    appealBy: p.status === 'denied' ? p.appealBy : undefined,
    notes: p.notes,
  };
}

export const callSchema = z.object({
  calledOn: optionalDate().refine((v) => v !== undefined, 'coverage.errors.calledOn'),
  calledTime: optionalTime,
  organization: optionalText(120),
  spokeWith: optionalText(120),
  referenceNumber: optionalText(80),
  summary: requiredText(4000, 'coverage.errors.summaryRequired'),
  followUp: optionalText(1000),
  followUpOn: optionalDate(),
});
export type CallInput = z.infer<typeof callSchema>;

// ---------- records ----------

export interface PlanRecord {
  caseId: string;
  patientId: string;
  planType: PlanType;
  insurer: string | null;
  memberId: string | null;
  planPhone: string | null;
  priorAuth: {
    status: PriorAuthStatus;
    number: string | null;
    requestedOn: string | null;
    expiresOn: string | null;
    appealBy: string | null;
    notes: string | null;
  };
  updatedAt: string;
  /** Raised by every change (ADR 0016): a form or an If-Match names the version it was made against. */
  version: number;
}

export interface CallRecord {
  id: string;
  caseId: string;
  calledOn: string;
  calledTime: string | null;
  organization: string | null;
  spokeWith: string | null;
  referenceNumber: string | null;
  summary: string;
  followUp: string | null;
  followUpOn: string | null;
  createdAt: string;
}

/** Shows only the end of a member ID on pages that do not need all of it. */
export function maskMemberId(id: string | null): string | null {
  if (!id) return null;
  const compact = id.replace(/\s+/g, '');
  return compact.length <= 4 ? '••••' : `••••${compact.slice(-4)}`;
}

/**
 * The step is done once the plan is known, someone has called and written down the answer,
 * and prior authorization is settled (not needed, or approved). Without insurance there is
 * no authorization to wait for: a logged call (the self-pay price, say) is enough. Original
 * Medicare does not approve a second-opinion visit first, so the call to the doctor's
 * office is enough there too, unless someone wrote down an approval that is still open
 * (asked for, or denied): that one has to be settled like any other.
 */
export function coverageStepStatus(s: {
  plan: Pick<PlanRecord, 'planType' | 'priorAuth'> | null;
  callCount: number;
}): 'not_started' | 'in_progress' | 'done' {
  if (!s.plan) return s.callCount > 0 ? 'in_progress' : 'not_started';
  if (s.callCount === 0) return 'in_progress';
  if (isUninsured(s.plan.planType)) return 'done';
  const pa = s.plan.priorAuth.status;
  if (s.plan.planType === 'original_medicare' && pa === 'unknown') return 'done';
  return pa === 'not_needed' || pa === 'approved' ? 'done' : 'in_progress';
}
