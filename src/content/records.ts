import type { MessageKey } from '../platform/i18n/i18n.ts';
import { SOURCES } from './sources.ts';
import type { Source, SourcedItem } from './types.ts';

// Step 6: what the HIPAA right of access gives a patient, and which records to gather for
// each kind of case. Facts from ../shared/reference/field-research.md §4; wording ours.

const REVIEWED = '2026-11-27';

/** The right of access in plain words, shown beside every records request. */
export const ACCESS_FACTS: SourcedItem[] = [
  { id: 'access.deadline', text: 'content.records.deadline', source: SOURCES.hipaaAccess, reviewed: REVIEWED },
  { id: 'access.format', text: 'content.records.format', source: SOURCES.hipaaAccess, reviewed: REVIEWED },
  { id: 'access.thirdParty', text: 'content.records.thirdParty', source: SOURCES.hipaaAccess, reviewed: REVIEWED },
  { id: 'access.psychotherapy', text: 'content.records.psychotherapy', source: SOURCES.hipaaAccess, reviewed: REVIEWED },
  { id: 'access.cures', text: 'content.records.cures', source: SOURCES.curesAct, reviewed: REVIEWED },
];

/** Fees: cost-based only. Shown as guidance, with the court ruling that narrowed it. */
export const FEE_FACTS: SourcedItem[] = [
  { id: 'fees.costBased', text: 'content.records.feesCostBased', source: SOURCES.hipaaFees, reviewed: REVIEWED },
  { id: 'fees.flat', text: 'content.records.feesFlat', source: SOURCES.hipaaFees, reviewed: REVIEWED },
  { id: 'fees.court', text: 'content.records.feesCourt', source: SOURCES.hhsCourtOrder, reviewed: REVIEWED },
];

export const FOLLOW_UP_FACT: SourcedItem = {
  id: 'access.enforcement',
  text: 'content.records.enforcement',
  source: SOURCES.hhsEnforcement,
  reviewed: REVIEWED,
};

export const IMAGES_FACT: SourcedItem = { id: 'records.images', text: 'records.imagesFact', source: SOURCES.imagesOnCd, reviewed: REVIEWED };

/** The HIPAA deadline rules, as numbers the tracking uses. */
export const ACCESS_RULES = { daysToAct: 30, extensionDays: 30, extensionsAllowed: 1, source: SOURCES.hipaaAccess } as const;

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

/** Every item key any checklist uses (records requests may name any of them). */
export const ALL_CHECKLIST_KEYS: string[] = [...new Set(Object.values(CHECKLISTS).flatMap((l) => l.map((i) => i.key)))];

export const caseKindKey = (k: string) => `content.caseKind.${k}` as MessageKey;
export const checklistTextKey = (key: string) => `content.checklist.${key}` as MessageKey;
/** The item in the patient's own voice, for the request letter. */
export const checklistLetterKey = (key: string) => `content.checklist.${key}.letter` as MessageKey;
