import { SOURCES } from './sources.ts';
import type { SourcedItem } from './types.ts';

// What every result of the second-opinion check says, whatever the answers: asking is
// routine and needs no permission from the doctor. It never says "you need no one's
// permission": some plans (HMO, POS, Medicare Advantage HMO, many Medicaid plans) need a
// referral or an approval before they pay, so that is said right after.
// Facts: the seed article (AARP), Medicare, Meyer 2015 (its numbers as the AARP article quotes them).

const reviewed = '2026-12-07';
const checkAndHome = 'home page, and the second-opinion check (its start page and every result, in "Asking is normal")';

const routine: SourcedItem = {
  id: 'reassure.routine',
  text: 'content.reassure.routine',
  source: SOURCES.aarpArticle,
  reviewed,
  trigger: checkAndHome,
};
const noPermission: SourcedItem = {
  id: 'reassure.noPermission',
  text: 'content.reassure.noPermission',
  source: SOURCES.aarpArticle,
  reviewed,
  trigger: checkAndHome,
};
const planRules: SourcedItem = {
  id: 'reassure.planRules',
  text: 'content.reassure.planRules',
  source: SOURCES.aarpArticle,
  reviewed,
  trigger: `${checkAndHome}, always right after "you do not need your doctor's permission"`,
};

export const REASSURANCE: readonly SourcedItem[] = [
  routine,
  noPermission,
  planRules,
  {
    id: 'reassure.yourChoice',
    text: 'content.reassure.yourChoice',
    source: SOURCES.medicareBeforeSurgery,
    reviewed,
    trigger: 'second-opinion check (its start page and every result, in "Asking is normal")',
  },
];

/** What the home page says about asking: the same facts, in the same order. */
export const HOME_REASSURANCE: readonly SourcedItem[] = [routine, noPermission, planRules];

/** What second opinions change, from the large study the seed article quotes. */
export const STUDY_FINDINGS: readonly SourcedItem[] = [
  {
    id: 'study.changes',
    text: 'content.study.changes',
    source: SOURCES.meyer2015,
    reviewed,
    trigger: 'second-opinion check, start page ("Why people ask") and the end of every result',
  },
];
