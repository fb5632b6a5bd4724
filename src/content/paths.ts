import { SOURCES } from './sources.ts';
import type { SourcedItem } from './types.ts';

// The two paths to a second opinion (through one's own doctor, or on one's own) and where
// to find names. Wording is ours; facts are the sources'.

const REVIEWED = '2026-11-27';

export const PATH_GUIDANCE = {
  noPermission: { id: 'paths.no-permission', text: 'content.paths.noPermission', source: SOURCES.aarpArticle, reviewed: REVIEWED },
  referralEasier: { id: 'paths.referral-easier', text: 'content.paths.referralEasier', source: SOURCES.aarpArticle, reviewed: REVIEWED },
  independentReview: { id: 'paths.independent-review', text: 'content.paths.independentReview', source: SOURCES.aarpArticle, reviewed: REVIEWED },
  blankSlate: { id: 'paths.blank-slate', text: 'content.paths.blankSlate', source: SOURCES.aarpArticle, reviewed: REVIEWED },
  primaryCare: { id: 'paths.primary-care', text: 'content.paths.primaryCare', source: SOURCES.nciFindingCare, reviewed: REVIEWED },
  groups: { id: 'paths.groups', text: 'content.paths.groups', source: SOURCES.aarpArticle, reviewed: REVIEWED },
  sameDiagnosis: { id: 'paths.same-diagnosis', text: 'content.paths.sameDiagnosis', source: SOURCES.aarpArticle, reviewed: REVIEWED },
  teachingHospitals: { id: 'paths.teaching-hospitals', text: 'content.paths.teachingHospitals', source: SOURCES.mgbOnlineSecondOpinion, reviewed: REVIEWED },
  cancerCenters: { id: 'paths.cancer-centers', text: 'content.paths.cancerCenters', source: SOURCES.nciCancerCenters, reviewed: REVIEWED },
  cancerHelpLine: { id: 'paths.cancer-help-line', text: 'content.paths.cancerHelpLine', source: SOURCES.nciFindingCare, reviewed: REVIEWED },
  checkPlan: { id: 'paths.check-plan', text: 'content.paths.checkPlan', source: SOURCES.nciFindingCare, reviewed: REVIEWED },
} as const satisfies Record<string, SourcedItem>;

export const PATH_GUIDANCE_LIST: SourcedItem[] = Object.values(PATH_GUIDANCE);
