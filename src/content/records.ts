import type { MessageKey } from '../platform/i18n/i18n.ts';
import { SOURCES } from './sources.ts';
import type { Source, SourcedItem } from './types.ts';

// Step 6: what the HIPAA right of access gives a patient, what an authorization is, what
// labs must keep, and which records to gather for each kind of case. Every fact here was
// checked against the official text on the date in `reviewed` (issue 10); wording ours.

const REVIEWED = '2026-11-27';
/** Checked against eCFR, HHS and the Ciox Health v. Azar order for issue 10, items 2 and 3. */
const CHECKED = '2026-12-07';
const ON_REQUESTS = 'records request form and each records request page';

/** Slides and blocks are tissue, not records: a records letter never asks for them. */
export const NOT_RECORDS_FACT: SourcedItem = {
  id: 'access.specimensNotRecords',
  text: 'content.records.specimensNotRecords',
  source: SOURCES.ecfr164501,
  reviewed: CHECKED,
  trigger: 'records request form; specimen request form and page; records checklist, item "pathology slides and tissue blocks"',
};

/** The right of access in plain words, shown beside every records request. */
export const ACCESS_FACTS: SourcedItem[] = [
  { id: 'access.deadline', text: 'content.records.deadline', source: SOURCES.ecfr164524, reviewed: CHECKED, trigger: ON_REQUESTS },
  { id: 'access.format', text: 'content.records.format', source: SOURCES.ecfr164524, reviewed: CHECKED, trigger: ON_REQUESTS },
  { id: 'access.thirdParty', text: 'content.records.thirdParty', source: SOURCES.cioxRuling, reviewed: CHECKED, trigger: ON_REQUESTS },
  { id: 'access.signed', text: 'content.records.signed', source: SOURCES.hhsAccessGuidance, reviewed: CHECKED, trigger: ON_REQUESTS },
  { id: 'access.authorization', text: 'content.records.authorization', source: SOURCES.ecfr164508, reviewed: CHECKED, trigger: ON_REQUESTS },
  { id: 'access.paperToYou', text: 'content.records.paperToYou', source: SOURCES.ecfr164524, reviewed: CHECKED, trigger: ON_REQUESTS },
  { id: 'access.psychotherapy', text: 'content.records.psychotherapy', source: SOURCES.ecfr164524, reviewed: CHECKED, trigger: ON_REQUESTS },
  NOT_RECORDS_FACT,
  { id: 'access.cures', text: 'content.records.cures', source: SOURCES.curesAct, reviewed: REVIEWED, trigger: ON_REQUESTS },
];

/** Fees: the patient-rate limit is for copies given to the patient (Ciox Health v. Azar). */
export const FEE_FACTS: SourcedItem[] = [
  { id: 'fees.costBased', text: 'content.records.feesCostBased', source: SOURCES.ecfr164524, reviewed: CHECKED, trigger: ON_REQUESTS },
  { id: 'fees.flat', text: 'content.records.feesFlat', source: SOURCES.hhsFlatFee, reviewed: CHECKED, trigger: ON_REQUESTS },
  { id: 'fees.thirdParty', text: 'content.records.feesThirdParty', source: SOURCES.hhsCourtOrder, reviewed: CHECKED, trigger: ON_REQUESTS },
];

/** What an authorization must say to be valid (45 CFR 164.508(c)); shown with authorization requests. */
export const AUTHORIZATION_FACTS: SourcedItem[] = [
  {
    id: 'authorization.noClock',
    text: 'content.records.authorizationNoClock',
    source: SOURCES.ecfr164508,
    reviewed: CHECKED,
    trigger: 'records request page and letter, when paper copies go to someone else (an authorization)',
  },
  {
    id: 'authorization.revoke',
    text: 'content.records.authorizationRevoke',
    source: SOURCES.ecfr164508,
    reviewed: CHECKED,
    trigger: 'records request page, when paper copies go to someone else (an authorization)',
  },
];

export const FOLLOW_UP_FACT: SourcedItem = {
  id: 'access.enforcement',
  text: 'content.records.enforcement',
  source: SOURCES.hhsEnforcement,
  reviewed: REVIEWED,
  trigger: 'records request form; records request page for a right-of-access request',
};

export const IMAGES_FACT: SourcedItem = { id: 'records.images', text: 'records.imagesFact', source: SOURCES.imagesOnCd, reviewed: REVIEWED, trigger: 'records page (step 6), always' };

/** The HIPAA deadline rules, as numbers the tracking uses (45 CFR 164.524(b)(2)). */
export const ACCESS_RULES = { daysToAct: 30, extensionDays: 30, extensionsAllowed: 1, source: SOURCES.ecfr164524 } as const;

/**
 * How long CLIA-certified labs must keep slides and blocks at the least (42 CFR
 * 493.1105(a)(7)), so people ask before they may be discarded. Shown on specimen pages.
 */
const ON_SPECIMENS = 'specimen request form and each specimen request page';
export const SPECIMEN_FACTS: SourcedItem[] = [
  NOT_RECORDS_FACT,
  { id: 'specimens.histology', text: 'content.specimens.histology', source: SOURCES.ecfr4931105, reviewed: CHECKED, trigger: ON_SPECIMENS },
  { id: 'specimens.cytology', text: 'content.specimens.cytology', source: SOURCES.ecfr4931105, reviewed: CHECKED, trigger: ON_SPECIMENS },
  { id: 'specimens.blocks', text: 'content.specimens.blocks', source: SOURCES.ecfr4931105, reviewed: CHECKED, trigger: ON_SPECIMENS },
  { id: 'specimens.longer', text: 'content.specimens.longer', source: SOURCES.ecfr4931105, reviewed: CHECKED, trigger: ON_SPECIMENS },
];

/** The retention periods as numbers (years from the date of examination), for tests and the ADR. */
export const CLIA_RETENTION_YEARS = { histopathologySlides: 10, cytologySlides: 5, blocks: 2, source: SOURCES.ecfr4931105 } as const;

// ---------- the records checklist ----------

export const CASE_KINDS = ['cancer', 'heart', 'neuro', 'ortho_surgical', 'rare', 'general'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export interface ChecklistItem {
  key: string;
  text: MessageKey;
  hint?: MessageKey;
  source: Source;
  reviewed: string;
}

const item = (key: string, source: Source, hint = true): ChecklistItem => ({
  key,
  text: `content.checklist.${key}` as MessageKey,
  hint: hint ? (`content.checklist.${key}.hint` as MessageKey) : undefined,
  source,
  reviewed: REVIEWED,
});

// Records every second opinion needs: the notes, the results, and the images themselves.
const COMMON: ChecklistItem[] = [
  item('visit_notes', SOURCES.aarpArticle),
  item('test_results', SOURCES.aarpArticle),
  item('imaging_reports', SOURCES.imagesOnCd),
  item('imaging_files', SOURCES.imagesOnCd),
  item('medication_list', SOURCES.aarpArticle),
  item('treatment_plan', SOURCES.aarpArticle),
];

export const CHECKLISTS: Record<CaseKind, ChecklistItem[]> = {
  cancer: [
    item('pathology_reports', SOURCES.mskccRecordsReview),
    item('pathology_slides', SOURCES.imagesOnCd),
    ...COMMON,
    item('staging', SOURCES.mskccRecordsReview),
    item('tumor_markers', SOURCES.mskccRecordsReview),
    item('genetic_tests', SOURCES.mskccRecordsReview),
    item('operative_notes', SOURCES.mskccRecordsReview),
    item('treatment_history', SOURCES.mskccRecordsReview),
  ],
  heart: [
    ...COMMON,
    item('ecg', SOURCES.aarpArticle),
    item('echo', SOURCES.aarpArticle),
    item('stress_test', SOURCES.aarpArticle),
    item('cardiac_cath', SOURCES.imagesOnCd),
    item('discharge_summaries', SOURCES.aarpArticle),
  ],
  neuro: [...COMMON, item('eeg_emg', SOURCES.aarpArticle), item('neuropsych', SOURCES.aarpArticle), item('discharge_summaries', SOURCES.aarpArticle)],
  ortho_surgical: [
    ...COMMON,
    item('surgeon_recommendation', SOURCES.aarpArticle),
    item('operative_notes', SOURCES.aarpArticle),
    item('therapy_notes', SOURCES.aarpArticle),
  ],
  rare: [
    ...COMMON,
    item('specialist_notes', SOURCES.aarpArticle),
    item('genetic_tests', SOURCES.aarpArticle),
    item('symptom_diary', SOURCES.aarpArticle),
    item('family_history', SOURCES.aarpArticle),
  ],
  general: [...COMMON, item('discharge_summaries', SOURCES.aarpArticle)],
};

export function checklistFor(kind: CaseKind): ChecklistItem[] {
  return CHECKLISTS[kind];
}

/** Every item key any checklist uses. */
export const ALL_CHECKLIST_KEYS: string[] = [...new Set(Object.values(CHECKLISTS).flatMap((l) => l.map((i) => i.key)))];

/** Checklist items that are specimens, not records: asked for with a specimen request. */
export const SPECIMEN_CHECKLIST_KEYS: readonly string[] = ['pathology_slides'];
export const isSpecimenItem = (key: string) => SPECIMEN_CHECKLIST_KEYS.includes(key);

/** The items a records request letter may name (every checklist item that is a record). */
export const REQUESTABLE_KEYS: string[] = ALL_CHECKLIST_KEYS.filter((k) => !isSpecimenItem(k));

export const caseKindKey = (k: string) => `content.caseKind.${k}` as MessageKey;
export const checklistTextKey = (key: string) => `content.checklist.${key}` as MessageKey;
/** The item in the patient's own voice, for the request letter. */
export const checklistLetterKey = (key: string) => `content.checklist.${key}.letter` as MessageKey;
