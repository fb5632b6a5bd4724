import { OPINION_SOURCES, SOURCES } from './sources.ts';
import type { SourcedItem } from './types.ts';

// What the comparison page says about studies of second opinions, a third opinion and
// what coverage says about it. Facts from field-research.md §1, §4, §5; wording ours.

const REVIEWED = '2026-11-27';

/** The studies the comparison's categories come from (shown on the comparison page). */
export const STUDY_FACTS: SourcedItem[] = [
  { id: 'study.meyer', text: 'content.study.meyer', source: OPINION_SOURCES.meyer2015, reviewed: REVIEWED },
  { id: 'study.vanSuch', text: 'content.study.vanSuch', source: OPINION_SOURCES.vanSuch2017, reviewed: REVIEWED },
  { id: 'study.follow', text: 'content.study.follow', source: OPINION_SOURCES.meyer2015, reviewed: REVIEWED },
  { id: 'study.noWinner', text: 'content.study.noWinner', source: OPINION_SOURCES.singhBothWrong, reviewed: REVIEWED },
];

/** When opinions differ significantly: another opinion is reasonable, and who might help. */
export const THIRD_OPINION_FACTS: SourcedItem[] = [
  { id: 'third.reasonable', text: 'content.third.reasonable', source: SOURCES.aarpArticle, reviewed: REVIEWED },
  { id: 'third.bothConditions', text: 'content.third.bothConditions', source: SOURCES.aarpArticle, reviewed: REVIEWED },
  { id: 'third.confidence', text: 'content.third.confidence', source: SOURCES.aarpArticle, reviewed: REVIEWED },
  { id: 'third.inWriting', text: 'content.third.inWriting', source: OPINION_SOURCES.reasoningInWriting, reviewed: REVIEWED },
];

export const CANCER_CENTER_FACT: SourcedItem = { id: 'third.cancerCenter', text: 'content.third.cancerCenter', source: OPINION_SOURCES.nciCancerCare, reviewed: REVIEWED };

const COVERAGE = {
  askFirst: { id: 'coverage.askFirst', text: 'content.coverage.askFirst', source: SOURCES.aarpArticle, reviewed: REVIEWED },
  partB: { id: 'coverage.partB', text: 'content.coverage.partB', source: SOURCES.medicareSecondOpinion, reviewed: REVIEWED },
  partBDetail: { id: 'coverage.partBDetail', text: 'content.coverage.partBDetail', source: OPINION_SOURCES.medicareInteractive, reviewed: REVIEWED },
  advantage: { id: 'coverage.advantage', text: 'content.coverage.advantage', source: OPINION_SOURCES.medicareAdvantageReferral, reviewed: REVIEWED },
  medicaid: { id: 'coverage.medicaid', text: 'content.coverage.medicaid', source: OPINION_SOURCES.medicaidManagedCare, reviewed: REVIEWED },
} satisfies Record<string, SourcedItem>;

/**
 * What coverage says about a third opinion, for the person's plan type as the coverage
 * step records it (original_medicare, medicare_advantage_hmo, medicaid_managed_care, ...),
 * otherwise the general facts for the common kinds of plan.
 */
export function coverageFactsFor(plan: string | null): { known: boolean; items: SourcedItem[] } {
  const p = (plan ?? '').toLowerCase();
  if (!p || p === 'not_sure' || p === 'uninsured') {
    return { known: false, items: [COVERAGE.askFirst, COVERAGE.partB, COVERAGE.partBDetail, COVERAGE.advantage, COVERAGE.medicaid] };
  }
  if (p.includes('advantage')) return { known: true, items: [COVERAGE.advantage, COVERAGE.askFirst] };
  if (p.includes('medicare')) return { known: true, items: [COVERAGE.partB, COVERAGE.partBDetail] };
  // The second-opinion rule (42 CFR 438.206) is for Medicaid managed care, not fee-for-service.
  if (p.includes('medicaid') && p.includes('managed')) return { known: true, items: [COVERAGE.medicaid, COVERAGE.askFirst] };
  return { known: true, items: [COVERAGE.askFirst] };
}

export const ALL_OPINION_CONTENT: SourcedItem[] = [...STUDY_FACTS, ...THIRD_OPINION_FACTS, CANCER_CENTER_FACT, ...Object.values(COVERAGE)];
