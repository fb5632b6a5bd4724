import { SOURCES } from './sources.ts';
import type { SourcedItem } from './types.ts';

// What health plans cover for a second opinion, one fact per item, each with its source.
// Which plan gets which item is decided in features/coverage/coverage.ts. Where the
// references say nothing about a plan (TRICARE, VA), we state no rule for it: the call
// script asks instead. Each program's facts cite that program's own rules: Medicare's from
// medicare.gov, cms.gov and 42 CFR 422, Medicaid's from 42 CFR 431 and 438, job-based and
// Marketplace plans' from HealthCare.gov (docs/decisions/0122).

export type CoverageTopic =
  | 'general'
  | 'referral'
  | 'priorAuth'
  | 'network'
  | 'cost'
  | 'secondOpinion'
  | 'thirdOpinion'
  | 'tests'
  | 'stateLaw'
  | 'selfPay'
  | 'financialHelp'
  | 'appeal';

export interface CoverageRule extends SourcedItem {
  topic: CoverageTopic;
  trigger: string;
}

/** Checked against the source on this day (issue 10, items 4 and 5). */
const CHECKED = '2026-12-07';

const onPage = (plans: string) => `coverage page ("What applies to this plan"), plan type ${plans}`;

export const COVERAGE_RULES = {
  // ---------- any plan with a company or agency behind it ----------
  callFirst: {
    id: 'coverage.call-first',
    topic: 'general',
    text: 'content.coverage.callFirst',
    source: SOURCES.aarpArticle,
    reviewed: CHECKED,
    trigger: onPage(
      'Medicare Advantage, job-based or Marketplace, Medicaid, TRICARE, VA or "not sure" (never Original Medicare or no insurance)',
    ),
  },
  ppoSimplest: {
    id: 'coverage.ppo-simplest',
    topic: 'network',
    text: 'content.coverage.ppoSimplest',
    source: SOURCES.aarpArticle,
    reviewed: CHECKED,
    trigger: onPage('PPO, Medicare Advantage PPO or "not sure"'),
  },
  managedCare: {
    id: 'coverage.managed-care',
    topic: 'priorAuth',
    text: 'content.coverage.managedCare',
    source: SOURCES.aarpArticle,
    reviewed: CHECKED,
    trigger: onPage('HMO, EPO, POS, Medicare Advantage HMO, Medicaid through a health plan or "not sure"'),
  },
  repeatTests: {
    id: 'coverage.repeat-tests',
    topic: 'tests',
    text: 'content.coverage.repeatTests',
    source: SOURCES.aarpArticle,
    reviewed: CHECKED,
    trigger: onPage('any plan except Original Medicare and no insurance'),
  },
  outsidePlan: {
    id: 'coverage.outside-plan',
    topic: 'selfPay',
    text: 'content.coverage.outsidePlan',
    source: SOURCES.nciFindingCare,
    reviewed: CHECKED,
    trigger: onPage('job-based or Marketplace plans, TRICARE, VA or "not sure"'),
  },

  // ---------- job-based and Marketplace plans (HealthCare.gov) ----------
  ppoOutOfNetwork: {
    id: 'coverage.private.ppo-out-of-network',
    topic: 'network',
    text: 'content.coverage.ppoOutOfNetwork',
    source: SOURCES.healthcareGovPlanTypes,
    reviewed: CHECKED,
    trigger: onPage('PPO (job-based or Marketplace)'),
  },
  hmoNetwork: {
    id: 'coverage.private.hmo-network',
    topic: 'network',
    text: 'content.coverage.hmoNetwork',
    source: SOURCES.healthcareGovPlanTypes,
    reviewed: CHECKED,
    trigger: onPage('HMO (job-based or Marketplace)'),
  },
  epoNetwork: {
    id: 'coverage.private.epo-network',
    topic: 'network',
    text: 'content.coverage.epoNetwork',
    source: SOURCES.healthcareGovPlanTypes,
    reviewed: CHECKED,
    trigger: onPage('EPO (job-based or Marketplace)'),
  },
  posReferral: {
    id: 'coverage.private.pos-referral',
    topic: 'referral',
    text: 'content.coverage.posReferral',
    source: SOURCES.healthcareGovPlanTypes,
    reviewed: CHECKED,
    trigger: onPage('POS (job-based or Marketplace)'),
  },
  stateLaw: {
    id: 'coverage.state-law',
    topic: 'stateLaw',
    text: 'content.coverage.stateLaw',
    source: SOURCES.erisaSelfInsured,
    reviewed: CHECKED,
    appliesTo: 'plans bought from an insurance company (state-regulated); never self-funded employer plans',
    trigger: onPage('PPO, HMO, EPO or POS (job-based or Marketplace); always next to the self-funded plan rule'),
  },
  selfFundedPlans: {
    id: 'coverage.state-law.self-funded',
    topic: 'stateLaw',
    text: 'content.coverage.selfFundedPlans',
    source: SOURCES.erisaSelfInsured,
    reviewed: CHECKED,
    trigger: onPage('PPO, HMO, EPO or POS (job-based or Marketplace), wherever a state rule is shown'),
  },
  appealAsk: {
    id: 'coverage.appeal.ask',
    topic: 'appeal',
    text: 'content.coverage.appealAsk',
    source: SOURCES.healthcareGovAppeals,
    reviewed: CHECKED,
    trigger: onPage('job-based or Marketplace plans or "not sure"; also in the "plan said no" box after a denial'),
  },
  appealPrivate: {
    id: 'coverage.appeal.private-plans',
    topic: 'appeal',
    text: 'content.coverage.appealPrivate',
    source: SOURCES.healthcareGovAppeals,
    reviewed: CHECKED,
    trigger: onPage('PPO, HMO, EPO or POS (job-based or Marketplace); also in the "plan said no" box after a denial'),
  },

  // ---------- Original Medicare ----------
  originalNoNetwork: {
    id: 'coverage.medicare.no-network',
    topic: 'network',
    text: 'content.coverage.originalNoNetwork',
    source: SOURCES.medicareCompareChoices,
    reviewed: CHECKED,
    trigger: onPage('Original Medicare'),
  },
  originalNoApproval: {
    id: 'coverage.medicare.no-prior-auth',
    topic: 'priorAuth',
    text: 'content.coverage.originalNoApproval',
    source: SOURCES.cmsSecondOpinionManual,
    reviewed: CHECKED,
    trigger: onPage('Original Medicare'),
  },
  partBSurgery: {
    id: 'coverage.medicare.part-b-surgery',
    topic: 'secondOpinion',
    text: 'content.coverage.partBSurgery',
    source: SOURCES.medicareSecondOpinion,
    reviewed: CHECKED,
    trigger: onPage(
      'Original Medicare; first, and marked "matches your case", when the proposed treatment reads as surgery',
    ),
  },
  partBProcedures: {
    id: 'coverage.medicare.part-b-procedures',
    topic: 'secondOpinion',
    text: 'content.coverage.partBProcedures',
    source: SOURCES.cmsSecondOpinionManual,
    reviewed: CHECKED,
    trigger: onPage('Original Medicare'),
  },
  partBThird: {
    id: 'coverage.medicare.part-b-third',
    topic: 'thirdOpinion',
    text: 'content.coverage.partBThird',
    source: SOURCES.medicareSecondOpinion,
    reviewed: CHECKED,
    trigger: onPage('Original Medicare'),
  },
  partBCost: {
    id: 'coverage.medicare.part-b-cost',
    topic: 'cost',
    text: 'content.coverage.partBCost',
    source: SOURCES.medicareSecondOpinion,
    reviewed: CHECKED,
    trigger: onPage('Original Medicare'),
  },
  partBTests: {
    id: 'coverage.medicare.part-b-tests',
    topic: 'tests',
    text: 'content.coverage.partBTests',
    source: SOURCES.medicareSecondOpinion,
    reviewed: CHECKED,
    trigger: onPage('Original Medicare'),
  },
  partBExcluded: {
    id: 'coverage.medicare.part-b-excluded',
    topic: 'secondOpinion',
    text: 'content.coverage.partBExcluded',
    source: SOURCES.medicareBeforeSurgery,
    reviewed: CHECKED,
    trigger: onPage('Original Medicare'),
  },
  acceptsMedicare: {
    id: 'coverage.accepts-medicare',
    topic: 'network',
    text: 'content.coverage.acceptsMedicare',
    source: SOURCES.medicareBeforeSurgery,
    reviewed: CHECKED,
    trigger: onPage('Original Medicare'),
  },
  medicareAssignment: {
    id: 'coverage.medicare.assignment',
    topic: 'cost',
    text: 'content.coverage.medicareAssignment',
    source: SOURCES.medicareAssignment,
    reviewed: CHECKED,
    trigger: onPage('Original Medicare'),
  },
  appealOriginalMedicare: {
    id: 'coverage.appeal.original-medicare',
    topic: 'appeal',
    text: 'content.coverage.appealOriginalMedicare',
    source: SOURCES.medicareAppeals,
    reviewed: CHECKED,
    trigger: onPage('Original Medicare'),
  },

  // ---------- Medicare Advantage ----------
  advantageCoversOriginal: {
    id: 'coverage.advantage.covers-original',
    topic: 'secondOpinion',
    text: 'content.coverage.advantageCoversOriginal',
    source: SOURCES.ecfrAdvantageBasicBenefits,
    reviewed: CHECKED,
    trigger: onPage('Medicare Advantage HMO or PPO'),
  },
  advantageNetworkOrReferral: {
    id: 'coverage.advantage.network-or-referral',
    topic: 'network',
    text: 'content.coverage.advantageNetworkOrReferral',
    source: SOURCES.medicareCompareChoices,
    reviewed: CHECKED,
    trigger: onPage('Medicare Advantage HMO or PPO'),
  },
  advantagePpo: {
    id: 'coverage.advantage.ppo',
    topic: 'cost',
    text: 'content.coverage.advantagePpo',
    source: SOURCES.medicareCompareChoices,
    reviewed: CHECKED,
    trigger: onPage('Medicare Advantage PPO'),
  },
  appealAdvantage: {
    id: 'coverage.appeal.medicare-advantage',
    topic: 'appeal',
    text: 'content.coverage.appealAdvantage',
    source: SOURCES.cmsAdvantageReconsideration,
    reviewed: CHECKED,
    trigger: onPage('Medicare Advantage HMO or PPO; also in the "plan said no" box after a denial'),
  },

  // ---------- Medicaid ----------
  acceptsMedicaid: {
    id: 'coverage.accepts-medicaid',
    topic: 'network',
    text: 'content.coverage.acceptsMedicaid',
    source: SOURCES.nciFindingCare,
    reviewed: CHECKED,
    trigger: onPage('Medicaid paid by the state, or Medicaid through a health plan'),
  },
  medicaidNoCost: {
    id: 'coverage.medicaid.managed-care-no-cost',
    topic: 'secondOpinion',
    text: 'content.coverage.medicaidNoCost',
    source: SOURCES.medicaidSecondOpinion,
    reviewed: CHECKED,
    trigger: onPage('Medicaid through a health plan (managed care)'),
  },
  appealMedicaidPlan: {
    id: 'coverage.appeal.medicaid-plan',
    topic: 'appeal',
    text: 'content.coverage.appealMedicaidPlan',
    source: SOURCES.ecfrMedicaidPlanAppeal,
    reviewed: CHECKED,
    trigger: onPage('Medicaid through a health plan; also in the "plan said no" box after a denial'),
  },
  fairHearingMedicaidPlan: {
    id: 'coverage.appeal.medicaid-plan-fair-hearing',
    topic: 'appeal',
    text: 'content.coverage.fairHearingMedicaidPlan',
    source: SOURCES.ecfrMedicaidPlanFairHearing,
    reviewed: CHECKED,
    trigger: onPage('Medicaid through a health plan; also in the "plan said no" box after a denial'),
  },
  fairHearingMedicaid: {
    id: 'coverage.appeal.medicaid-fair-hearing',
    topic: 'appeal',
    text: 'content.coverage.fairHearingMedicaid',
    source: SOURCES.ecfrMedicaidFairHearing,
    reviewed: CHECKED,
    trigger: onPage('Medicaid paid by the state; also in the "plan said no" box after a denial'),
  },

  // ---------- no insurance, or paying yourself ----------
  selfPayPrice: {
    id: 'coverage.uninsured.self-pay-price',
    topic: 'selfPay',
    text: 'content.coverage.selfPayPrice',
    source: SOURCES.danaFarberOnlineConsult,
    reviewed: CHECKED,
    trigger: onPage('no insurance'),
  },
  goodFaithEstimate: {
    id: 'coverage.self-pay.good-faith-estimate',
    topic: 'selfPay',
    text: 'content.coverage.goodFaithEstimate',
    source: SOURCES.ecfrGoodFaithEstimate,
    reviewed: CHECKED,
    trigger: onPage('no insurance, or a job-based or Marketplace plan (for paying yourself outside the plan)'),
  },
  goodFaithDispute: {
    id: 'coverage.self-pay.good-faith-dispute',
    topic: 'selfPay',
    text: 'content.coverage.goodFaithDispute',
    source: SOURCES.ecfrGoodFaithDispute,
    reviewed: CHECKED,
    trigger: onPage('no insurance, or a job-based or Marketplace plan, right after the Good Faith Estimate'),
  },
  financialHelp: {
    id: 'coverage.uninsured.financial-help',
    topic: 'financialHelp',
    text: 'content.coverage.financialHelp',
    source: SOURCES.cfpbFinancialHelp,
    reviewed: CHECKED,
    trigger: onPage('no insurance'),
  },
} as const satisfies Record<string, CoverageRule>;

export type CoverageRuleName = keyof typeof COVERAGE_RULES;

export const COVERAGE_RULE_LIST: CoverageRule[] = Object.values(COVERAGE_RULES);
