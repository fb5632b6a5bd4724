import { SOURCES } from './sources.ts';
import type { SourcedItem } from './types.ts';

// What health plans cover for a second opinion, one fact per item, each with its source.
// Which plan gets which item is decided in features/coverage/coverage.ts. Where the
// references say nothing about a plan (TRICARE, VA, Medicaid fee-for-service, EPO, POS),
// we state no rule for it: the call script asks instead.

export type CoverageTopic =
  | 'general'
  | 'referral'
  | 'priorAuth'
  | 'network'
  | 'cost'
  | 'secondOpinion'
  | 'thirdOpinion'
  | 'tests'
  | 'selfPay'
  | 'financialHelp'
  | 'appeal';

export interface CoverageRule extends SourcedItem {
  topic: CoverageTopic;
}

const REVIEWED = '2026-11-27';

export const COVERAGE_RULES = {
  callFirst: { id: 'coverage.call-first', topic: 'general', text: 'content.coverage.callFirst', source: SOURCES.aarpArticle, reviewed: REVIEWED },
  ppoSimplest: { id: 'coverage.ppo-simplest', topic: 'network', text: 'content.coverage.ppoSimplest', source: SOURCES.aarpArticle, reviewed: REVIEWED },
  managedCare: { id: 'coverage.managed-care', topic: 'priorAuth', text: 'content.coverage.managedCare', source: SOURCES.aarpArticle, reviewed: REVIEWED },
  repeatTests: { id: 'coverage.repeat-tests', topic: 'tests', text: 'content.coverage.repeatTests', source: SOURCES.aarpArticle, reviewed: REVIEWED },

  partBSurgery: {
    id: 'coverage.medicare.part-b-surgery',
    topic: 'secondOpinion',
    text: 'content.coverage.partBSurgery',
    source: SOURCES.medicareSecondOpinion,
    reviewed: REVIEWED,
  },
  partBDiagnostic: {
    id: 'coverage.medicare.part-b-diagnostic',
    topic: 'secondOpinion',
    text: 'content.coverage.partBDiagnostic',
    source: SOURCES.medicareInteractive,
    reviewed: REVIEWED,
  },
  partBThird: {
    id: 'coverage.medicare.part-b-third',
    topic: 'thirdOpinion',
    text: 'content.coverage.partBThird',
    source: SOURCES.medicareSecondOpinion,
    reviewed: REVIEWED,
  },
  partBCost: { id: 'coverage.medicare.part-b-cost', topic: 'cost', text: 'content.coverage.partBCost', source: SOURCES.medicareSecondOpinion, reviewed: REVIEWED },
  partBTests: { id: 'coverage.medicare.part-b-tests', topic: 'tests', text: 'content.coverage.partBTests', source: SOURCES.medicareSecondOpinion, reviewed: REVIEWED },
  partBExcluded: {
    id: 'coverage.medicare.part-b-excluded',
    topic: 'secondOpinion',
    text: 'content.coverage.partBExcluded',
    source: SOURCES.medicareInteractive,
    reviewed: REVIEWED,
  },
  acceptsMedicare: {
    id: 'coverage.accepts-medicare',
    topic: 'network',
    text: 'content.coverage.acceptsMedicare',
    source: SOURCES.nciFindingCare,
    reviewed: REVIEWED,
  },
  acceptsMedicaid: {
    id: 'coverage.accepts-medicaid',
    topic: 'network',
    text: 'content.coverage.acceptsMedicaid',
    source: SOURCES.nciFindingCare,
    reviewed: REVIEWED,
  },

  advantageNetworkOrReferral: {
    id: 'coverage.advantage.network-or-referral',
    topic: 'network',
    text: 'content.coverage.advantageNetworkOrReferral',
    source: SOURCES.medicareAdvantageReferral,
    reviewed: REVIEWED,
  },
  advantageHmo: {
    id: 'coverage.advantage.hmo',
    topic: 'referral',
    text: 'content.coverage.advantageHmo',
    source: SOURCES.medicareAdvantageReferral,
    reviewed: REVIEWED,
  },
  advantagePpo: {
    id: 'coverage.advantage.ppo',
    topic: 'cost',
    text: 'content.coverage.advantagePpo',
    source: SOURCES.medicareAdvantageReferral,
    reviewed: REVIEWED,
  },
  referralIsNotApproval: {
    id: 'coverage.advantage.referral-not-prior-auth',
    topic: 'priorAuth',
    text: 'content.coverage.referralIsNotApproval',
    source: SOURCES.medicareAdvantagePriorAuth,
    reviewed: REVIEWED,
  },

  medicaidNoCost: {
    id: 'coverage.medicaid.managed-care-no-cost',
    topic: 'secondOpinion',
    text: 'content.coverage.medicaidNoCost',
    source: SOURCES.medicaidSecondOpinion,
    reviewed: REVIEWED,
  },
  stateLaw: { id: 'coverage.state-law', topic: 'network', text: 'content.coverage.stateLaw', source: SOURCES.oregonSecondOpinionLaw, reviewed: REVIEWED },
  outsidePlan: { id: 'coverage.outside-plan', topic: 'selfPay', text: 'content.coverage.outsidePlan', source: SOURCES.nciFindingCare, reviewed: REVIEWED },

  selfPayPrice: {
    id: 'coverage.uninsured.self-pay-price',
    topic: 'selfPay',
    text: 'content.coverage.selfPayPrice',
    source: SOURCES.danaFarberSecondOpinion,
    reviewed: REVIEWED,
  },
  financialHelp: {
    id: 'coverage.uninsured.financial-help',
    topic: 'financialHelp',
    text: 'content.coverage.financialHelp',
    source: SOURCES.cmsFinancialAssistance,
    reviewed: REVIEWED,
  },

  appealAsk: { id: 'coverage.appeal.ask', topic: 'appeal', text: 'content.coverage.appealAsk', source: SOURCES.healthcareGovAppeals, reviewed: REVIEWED },
  appealPrivate: {
    id: 'coverage.appeal.private-plans',
    topic: 'appeal',
    text: 'content.coverage.appealPrivate',
    source: SOURCES.healthcareGovAppeals,
    reviewed: REVIEWED,
  },
} as const satisfies Record<string, CoverageRule>;

export type CoverageRuleName = keyof typeof COVERAGE_RULES;

export const COVERAGE_RULE_LIST: CoverageRule[] = Object.values(COVERAGE_RULES);
