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
  trigger:
    'records request form; specimen request form and page; records checklist, item "pathology slides and tissue blocks"',
};

/** The right of access in plain words, shown beside every records request. */
export const ACCESS_FACTS: SourcedItem[] = [
  {
    id: 'access.deadline',
    text: 'content.records.deadline',
    source: SOURCES.ecfr164524,
    reviewed: CHECKED,
    trigger: ON_REQUESTS,
  },
  {
    id: 'access.format',
    text: 'content.records.format',
    source: SOURCES.ecfr164524,
    reviewed: CHECKED,
    trigger: ON_REQUESTS,
  },
  {
    id: 'access.thirdParty',
    text: 'content.records.thirdParty',
    source: SOURCES.cioxRuling,
    reviewed: CHECKED,
    trigger: ON_REQUESTS,
  },
  {
    id: 'access.signed',
    text: 'content.records.signed',
    source: SOURCES.hhsAccessGuidance,
    reviewed: CHECKED,
    trigger: ON_REQUESTS,
  },
  {
    id: 'access.authorization',
    text: 'content.records.authorization',
    source: SOURCES.ecfr164508,
    reviewed: CHECKED,
    trigger: ON_REQUESTS,
  },
  {
    id: 'access.paperToYou',
    text: 'content.records.paperToYou',
    source: SOURCES.ecfr164524,
    reviewed: CHECKED,
    trigger: ON_REQUESTS,
  },
  {
    id: 'access.psychotherapy',
    text: 'content.records.psychotherapy',
    source: SOURCES.ecfr164524,
    reviewed: CHECKED,
    trigger: ON_REQUESTS,
  },
  NOT_RECORDS_FACT,
  {
    id: 'access.cures',
    text: 'content.records.cures',
    source: SOURCES.ecfrInformationBlocking,
    reviewed: CHECKED,
    trigger: ON_REQUESTS,
    appliesTo: 'health care providers, health IT developers and health information networks (45 CFR 171.101)',
  },
];

/** Fees: the patient-rate limit is for copies given to the patient (Ciox Health v. Azar). */
export const FEE_FACTS: SourcedItem[] = [
  {
    id: 'fees.costBased',
    text: 'content.records.feesCostBased',
    source: SOURCES.ecfr164524,
    reviewed: CHECKED,
    trigger: ON_REQUESTS,
  },
  {
    id: 'fees.flat',
    text: 'content.records.feesFlat',
    source: SOURCES.hhsFlatFee,
    reviewed: CHECKED,
    trigger: ON_REQUESTS,
  },
  {
    id: 'fees.thirdParty',
    text: 'content.records.feesThirdParty',
    source: SOURCES.hhsCourtOrder,
    reviewed: CHECKED,
    trigger: ON_REQUESTS,
  },
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

export const IMAGES_FACT: SourcedItem = {
  id: 'records.images',
  text: 'records.imagesFact',
  source: SOURCES.hhsImagesFaq,
  reviewed: CHECKED,
  trigger: 'records page (step 6), always',
};

/** The HIPAA deadline rules, as numbers the tracking uses (45 CFR 164.524(b)(2)). */
export const ACCESS_RULES = {
  daysToAct: 30,
  extensionDays: 30,
  extensionsAllowed: 1,
  source: SOURCES.ecfr164524,
} as const;

/**
 * How long CLIA-certified labs must keep slides and blocks at the least (42 CFR
 * 493.1105(a)(7)), so people ask before they may be discarded. Shown on specimen pages.
 */
const ON_SPECIMENS = 'specimen request form and each specimen request page';
export const SPECIMEN_FACTS: SourcedItem[] = [
  NOT_RECORDS_FACT,
  {
    id: 'specimens.histology',
    text: 'content.specimens.histology',
    source: SOURCES.ecfr4931105,
    reviewed: CHECKED,
    trigger: ON_SPECIMENS,
  },
  {
    id: 'specimens.cytology',
    text: 'content.specimens.cytology',
    source: SOURCES.ecfr4931105,
    reviewed: CHECKED,
    trigger: ON_SPECIMENS,
  },
  {
    id: 'specimens.blocks',
    text: 'content.specimens.blocks',
    source: SOURCES.ecfr4931105,
    reviewed: CHECKED,
    trigger: ON_SPECIMENS,
  },
  {
    id: 'specimens.longer',
    text: 'content.specimens.longer',
    source: SOURCES.ecfr4931105,
    reviewed: CHECKED,
    trigger: ON_SPECIMENS,
  },
];

/** The retention periods as numbers (years from the date of examination), for tests and the ADR. */
export const CLIA_RETENTION_YEARS = {
  histopathologySlides: 10,
  cytologySlides: 5,
  blocks: 2,
  source: SOURCES.ecfr4931105,
} as const;

// ---------- the records checklist ----------

export const CASE_KINDS = ['cancer', 'heart', 'neuro', 'ortho_surgical', 'rare', 'general'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** One record to gather: a sourced item whose text is the checklist line (the hint explains it). */
export interface ChecklistItem extends SourcedItem {
  key: string;
  hint?: MessageKey;
}

/**
 * Where each checklist item's fact comes from, one source per item whatever the kind of case.
 * Checked 2026-12-07: Medicare.gov's "Get a second opinion before surgery" says to have your
 * medical records sent to the second doctor so tests need not be repeated (the notes,
 * results, plans and summaries below); HHS FAQ 2059 says the right of access includes x-rays
 * and other images (replacing a copy of a hospital handout on docslib.org); Cleveland
 * Clinic's MyConsult says its pathologists review the submitted slides. Which records fit
 * which kind of case is our own organisation of "your medical records", not a rule. The
 * person's own notes (symptom diary, family history) rest on the seed article's "research
 * your diagnosis"; no official page we could read lists them.
 */
const ITEM_SOURCES: Record<string, [Source, string]> = {
  visit_notes: [SOURCES.medicareBeforeSurgery, CHECKED],
  test_results: [SOURCES.medicareBeforeSurgery, CHECKED],
  imaging_reports: [SOURCES.hhsImagesFaq, CHECKED],
  imaging_files: [SOURCES.hhsImagesFaq, CHECKED],
  medication_list: [SOURCES.medicareBeforeSurgery, CHECKED],
  treatment_plan: [SOURCES.medicareBeforeSurgery, CHECKED],
  pathology_reports: [SOURCES.medicareBeforeSurgery, CHECKED],
  pathology_slides: [SOURCES.clevelandClinicProcess, CHECKED],
  staging: [SOURCES.medicareBeforeSurgery, CHECKED],
  tumor_markers: [SOURCES.medicareBeforeSurgery, CHECKED],
  genetic_tests: [SOURCES.medicareBeforeSurgery, CHECKED],
  operative_notes: [SOURCES.medicareBeforeSurgery, CHECKED],
  treatment_history: [SOURCES.medicareBeforeSurgery, CHECKED],
  ecg: [SOURCES.medicareBeforeSurgery, CHECKED],
  echo: [SOURCES.hhsImagesFaq, CHECKED],
  stress_test: [SOURCES.medicareBeforeSurgery, CHECKED],
  cardiac_cath: [SOURCES.hhsImagesFaq, CHECKED],
  discharge_summaries: [SOURCES.medicareBeforeSurgery, CHECKED],
  eeg_emg: [SOURCES.medicareBeforeSurgery, CHECKED],
  neuropsych: [SOURCES.medicareBeforeSurgery, CHECKED],
  surgeon_recommendation: [SOURCES.medicareBeforeSurgery, CHECKED],
  therapy_notes: [SOURCES.medicareBeforeSurgery, CHECKED],
  specialist_notes: [SOURCES.medicareBeforeSurgery, CHECKED],
  symptom_diary: [SOURCES.aarpArticle, REVIEWED],
  family_history: [SOURCES.aarpArticle, REVIEWED],
};

const KINDS_OF: Record<string, CaseKind[]> = {};

const item = (key: string): ChecklistItem => {
  const known = ITEM_SOURCES[key];
  if (!known) throw new Error(`No source for checklist item ${key}`);
  const [source, reviewed] = known;
  const shown = 'records checklist page (step 6), for the kind of case chosen there';
  return {
    id: `checklist.${key}`,
    key,
    text: `content.checklist.${key}` as MessageKey,
    hint: `content.checklist.${key}.hint` as MessageKey,
    source,
    reviewed,
    // Filled in below from the lists, so the trigger always names the kinds that show it.
    trigger: shown,
  };
};

// Records every second opinion needs: the notes, the results, and the images themselves.
const COMMON_KEYS = [
  'visit_notes',
  'test_results',
  'imaging_reports',
  'imaging_files',
  'medication_list',
  'treatment_plan',
];

const LISTS: Record<CaseKind, string[]> = {
  cancer: [
    'pathology_reports',
    'pathology_slides',
    ...COMMON_KEYS,
    'staging',
    'tumor_markers',
    'genetic_tests',
    'operative_notes',
    'treatment_history',
  ],
  heart: [...COMMON_KEYS, 'ecg', 'echo', 'stress_test', 'cardiac_cath', 'discharge_summaries'],
  neuro: [...COMMON_KEYS, 'eeg_emg', 'neuropsych', 'discharge_summaries'],
  ortho_surgical: [...COMMON_KEYS, 'surgeon_recommendation', 'operative_notes', 'therapy_notes'],
  rare: [...COMMON_KEYS, 'specialist_notes', 'genetic_tests', 'symptom_diary', 'family_history'],
  general: [...COMMON_KEYS, 'discharge_summaries'],
};

for (const kind of CASE_KINDS) for (const key of LISTS[kind]) (KINDS_OF[key] ??= []).push(kind);

/** Every checklist item, once, each saying which kinds of case list it. */
export const CHECKLIST_ITEMS: Record<string, ChecklistItem> = Object.fromEntries(
  Object.keys(KINDS_OF).map((key) => {
    const it = item(key);
    const kinds = KINDS_OF[key]!;
    const which = kinds.length === CASE_KINDS.length ? 'every kind of case' : `kind of case: ${kinds.join(', ')}`;
    return [key, { ...it, trigger: `${it.trigger}; ${which}` }];
  }),
);

export const CHECKLISTS: Record<CaseKind, ChecklistItem[]> = Object.fromEntries(
  CASE_KINDS.map((kind) => [kind, LISTS[kind].map((key) => CHECKLIST_ITEMS[key]!)]),
) as Record<CaseKind, ChecklistItem[]>;

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
