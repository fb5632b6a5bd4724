import { SOURCES } from './sources.ts';
import type { SourcedItem } from './types.ts';

// The two paths to a second opinion (through one's own doctor, or on one's own) and where
// to find names. Wording is ours; facts are the sources'.

const CHECKED = '2026-12-07';
const doctorsPage = 'doctors step, main page';
const findPage = 'doctors step, "Find a doctor" page ("Where to look")';

export const PATH_GUIDANCE = {
  noPermission: {
    id: 'paths.no-permission',
    text: 'content.paths.noPermission',
    source: SOURCES.aarpArticle,
    reviewed: CHECKED,
    trigger: `${doctorsPage}, at the top`,
  },
  referralEasier: {
    id: 'paths.referral-easier',
    text: 'content.paths.referralEasier',
    source: SOURCES.aarpArticle,
    reviewed: CHECKED,
    trigger: `${doctorsPage}, "through your doctor" path`,
  },
  independentReview: {
    id: 'paths.independent-review',
    text: 'content.paths.independentReview',
    source: SOURCES.aarpArticle,
    reviewed: CHECKED,
    trigger: `${doctorsPage}, "through your doctor" path; and the referral letter page`,
  },
  blankSlate: {
    id: 'paths.blank-slate',
    text: 'content.paths.blankSlate',
    source: SOURCES.aarpArticle,
    reviewed: CHECKED,
    trigger: `${doctorsPage}, "on your own" path`,
  },
  primaryCare: {
    id: 'paths.primary-care',
    text: 'content.paths.primaryCare',
    source: SOURCES.nciFindingCare,
    reviewed: CHECKED,
    trigger: findPage,
  },
  groups: {
    id: 'paths.groups',
    text: 'content.paths.groups',
    source: SOURCES.aarpArticle,
    reviewed: CHECKED,
    trigger: `${doctorsPage}, "on your own" path; and ${findPage}`,
  },
  sameDiagnosis: {
    id: 'paths.same-diagnosis',
    text: 'content.paths.sameDiagnosis',
    source: SOURCES.aarpArticle,
    reviewed: CHECKED,
    trigger: findPage,
  },
  teachingHospitals: {
    id: 'paths.teaching-hospitals',
    text: 'content.paths.teachingHospitals',
    source: SOURCES.mgbOnlineSecondOpinion,
    reviewed: CHECKED,
    trigger: findPage,
  },
  cancerCenters: {
    id: 'paths.cancer-centers',
    text: 'content.paths.cancerCenters',
    source: SOURCES.nciCancerCenters,
    reviewed: CHECKED,
    trigger:
      'doctors step, "Find a doctor" page, NCI-designated cancer centers section (shown for a cancer case, or when asked for)',
  },
  cancerHelpLine: {
    id: 'paths.cancer-help-line',
    text: 'content.paths.cancerHelpLine',
    source: SOURCES.nciFindingCare,
    reviewed: CHECKED,
    trigger: `${findPage}, only when the case reads as cancer`,
  },
  checkPlan: {
    id: 'paths.check-plan',
    text: 'content.paths.checkPlan',
    source: SOURCES.nciFindingCare,
    reviewed: CHECKED,
    trigger: `${doctorsPage} (saved doctors) and ${findPage}`,
  },
} as const satisfies Record<string, SourcedItem>;

export const PATH_GUIDANCE_LIST: SourcedItem[] = Object.values(PATH_GUIDANCE);
