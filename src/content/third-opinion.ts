import { OPINION_SOURCES, SOURCES } from './sources.ts';
import type { SourcedItem } from './types.ts';

// What the comparison page says about studies of second opinions, a third opinion and what
// coverage says about it. Wording ours. Everything about a third opinion is shown only when
// the comparison finds two opinions DIFFERENT (the diagnosis, or the treatment: whether or
// which surgery or procedure), never when one only refines the other
// (docs/decisions/0165-third-opinion-facts-only-when-opinions-differ.md).

const CHECKED = '2026-12-07';
const SHOWN_WHEN_DIFFERENT =
  'compare page, "another opinion is reasonable" box, shown only when two opinions are different (diagnosis or treatment)';

/** The studies the comparison's categories come from (shown on the comparison page). */
export const STUDY_FACTS: SourcedItem[] = [
  {
    id: 'study.meyer',
    text: 'content.study.meyer',
    source: OPINION_SOURCES.meyer2015,
    reviewed: CHECKED,
    trigger: 'compare page, "How we compare", always',
  },
  {
    id: 'study.vanSuch',
    text: 'content.study.vanSuch',
    source: OPINION_SOURCES.vanSuch2017,
    reviewed: CHECKED,
    trigger: 'compare page, "How we compare", always',
  },
  {
    id: 'study.follow',
    text: 'content.study.follow',
    source: OPINION_SOURCES.meyer2015,
    reviewed: CHECKED,
    trigger: 'compare page, "How we compare", always',
  },
  {
    id: 'study.noWinner',
    text: 'content.study.noWinner',
    source: OPINION_SOURCES.singhBothWrong,
    reviewed: CHECKED,
    trigger: 'compare page, "How we compare", always',
  },
];

/** When two opinions are different: another opinion is reasonable (the seed article: "a third or fourth"). */
export const THIRD_OPINION_FACTS: SourcedItem[] = [
  {
    id: 'third.reasonable',
    text: 'content.third.reasonable',
    source: SOURCES.aarpArticle,
    reviewed: CHECKED,
    trigger: SHOWN_WHEN_DIFFERENT,
  },
  {
    id: 'third.bothConditions',
    text: 'content.third.bothConditions',
    source: SOURCES.aarpArticle,
    reviewed: CHECKED,
    trigger: SHOWN_WHEN_DIFFERENT,
  },
  {
    id: 'third.confidence',
    text: 'content.third.confidence',
    source: SOURCES.aarpArticle,
    reviewed: CHECKED,
    trigger: SHOWN_WHEN_DIFFERENT,
  },
  {
    id: 'third.inWriting',
    text: 'content.third.inWriting',
    source: OPINION_SOURCES.reasoningInWriting,
    reviewed: CHECKED,
    trigger: SHOWN_WHEN_DIFFERENT,
  },
];

export const CANCER_CENTER_FACT: SourcedItem = {
  id: 'third.cancerCenter',
  text: 'content.third.cancerCenter',
  source: OPINION_SOURCES.nciCancerCare,
  reviewed: CHECKED,
  trigger: `${SHOWN_WHEN_DIFFERENT}, and a diagnosis is a cancer (C00-C96 or D00-D09)`,
};

const forPlan = (plans: string) => `${SHOWN_WHEN_DIFFERENT}; plan type ${plans}`;
const MEDICARE_THIRD = 'the first and the second opinion differ on the diagnosis, or on surgery or another procedure';

/**
 * What coverage says about a third opinion. Each fact names whom it applies to: Part B's
 * third-opinion rule is Original Medicare's; a Medicare Advantage plan must cover the same
 * (42 CFR 422.101) under its own network and referral rules (42 CFR 422.112); the Medicaid
 * rule (42 CFR 438.206) is for managed care plans and speaks of a second opinion only.
 * No official source we could check says anything about a "confirmatory consultation",
 * so nothing here does either.
 */
export const COVERAGE_FACTS = {
  partBThird: {
    id: 'third.coverage.partBThird',
    text: 'content.thirdCoverage.partBThird',
    source: SOURCES.medicareSecondOpinion,
    reviewed: CHECKED,
    trigger: `${forPlan('Original Medicare, or not known')}, when ${MEDICARE_THIRD}`,
  },
  partBThirdScope: {
    id: 'third.coverage.partBThirdScope',
    text: 'content.thirdCoverage.partBThirdScope',
    source: OPINION_SOURCES.cmsBenefitPolicyCh15,
    reviewed: CHECKED,
    trigger: `${forPlan('Original Medicare')}, when ${MEDICARE_THIRD}`,
  },
  partBNotCosmetic: {
    id: 'third.coverage.partBNotCosmetic',
    text: 'content.thirdCoverage.partBNotCosmetic',
    source: SOURCES.medicareBeforeSurgery,
    reviewed: CHECKED,
    trigger: `${forPlan('Original Medicare')}, when ${MEDICARE_THIRD}`,
  },
  advantageSame: {
    id: 'third.coverage.advantageSame',
    text: 'content.thirdCoverage.advantageSame',
    source: OPINION_SOURCES.maBasicBenefits,
    reviewed: CHECKED,
    trigger: `${forPlan('Medicare Advantage HMO or PPO, or not known')}, when ${MEDICARE_THIRD}`,
  },
  advantageRules: {
    id: 'third.coverage.advantageRules',
    text: 'content.thirdCoverage.advantageRules',
    source: OPINION_SOURCES.maAccessToServices,
    reviewed: CHECKED,
    trigger: forPlan('Medicare Advantage HMO or PPO, or not known'),
  },
  medicaid: {
    id: 'third.coverage.medicaid',
    text: 'content.thirdCoverage.medicaid',
    source: OPINION_SOURCES.medicaidManagedCare,
    reviewed: CHECKED,
    trigger: forPlan('Medicaid managed care, or not known'),
  },
  askFirst: {
    id: 'third.coverage.askFirst',
    text: 'content.thirdCoverage.askFirst',
    source: SOURCES.aarpArticle,
    reviewed: CHECKED,
    trigger: forPlan('any plan except Original Medicare and no plan'),
  },
} satisfies Record<string, SourcedItem>;

export interface CoverageForThird {
  /** The plan type is known, so the facts are the person's own. */
  known: boolean;
  /** The person has no health plan: no plan facts, only a plain word about the price. */
  none: boolean;
  items: SourcedItem[];
}

/**
 * What coverage says about a third opinion, for the person's plan type as the coverage
 * step records it (original_medicare, medicare_advantage_hmo, medicaid_managed_care, ...),
 * otherwise the facts for the common kinds of plan. Called only when two opinions are
 * different. `medicareRule`: the first and the second opinion differ on the diagnosis, or on
 * the treatment where surgery or another procedure is in question: what Medicare's
 * third-opinion rule speaks of (a drug against another drug is not).
 */
export function coverageFactsFor(plan: string | null, opts: { medicareRule: boolean }): CoverageForThird {
  const C = COVERAGE_FACTS;
  const p = (plan ?? '').toLowerCase();
  const medicare = opts.medicareRule;
  if (p === 'uninsured') return { known: true, none: true, items: [] };
  if (!p || p === 'not_sure') {
    return {
      known: false,
      none: false,
      items: [C.askFirst, ...(medicare ? [C.partBThird, C.advantageSame] : []), C.advantageRules, C.medicaid],
    };
  }
  if (p === 'original_medicare')
    return { known: true, none: false, items: medicare ? [C.partBThird, C.partBThirdScope, C.partBNotCosmetic] : [] };
  if (p.startsWith('medicare_advantage'))
    return { known: true, none: false, items: [...(medicare ? [C.advantageSame] : []), C.advantageRules, C.askFirst] };
  // The second-opinion rule (42 CFR 438.206) is for Medicaid managed care, not fee-for-service.
  if (p === 'medicaid_managed_care') return { known: true, none: false, items: [C.medicaid, C.askFirst] };
  return { known: true, none: false, items: [C.askFirst] };
}

export const ALL_OPINION_CONTENT: SourcedItem[] = [
  ...STUDY_FACTS,
  ...THIRD_OPINION_FACTS,
  CANCER_CENTER_FACT,
  ...Object.values(COVERAGE_FACTS),
];
