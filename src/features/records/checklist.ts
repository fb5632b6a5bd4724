import { z } from 'zod';
import { CASE_KINDS, type CaseKind, type ChecklistItem } from '../../content/records.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { choice } from '../../platform/validation.ts';

// The records checklist: which records a kind of case needs, and where each one stands.

export const ITEM_STATUSES = ['needed', 'requested', 'received', 'not_applicable'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const itemStatusKey = (s: string) => `records.checklist.status.${s}` as MessageKey;

export const kindSchema = z.object({ caseKind: choice(CASE_KINDS, 'records.checklist.errors.kindRequired') });

export const statusSchema = z.enum(ITEM_STATUSES, 'errors.chooseOne');

/** The API's shape: the kind, and statuses by item key (only keys of that kind's list). */
export const checklistPutSchema = z.object({
  caseKind: z.enum(CASE_KINDS).optional(),
  statuses: z.record(z.string().max(60), statusSchema).optional(),
});

const WORDS: [CaseKind, RegExp][] = [
  [
    'cancer',
    /cancer|carcinoma|tumou?r|lymphoma|leuka?emia|sarcoma|melanoma|myeloma|malignan|oncolog|metasta|neoplasm|glioma|blastoma/i,
  ],
  ['heart', /heart|cardi|coronary|arrhythm|atrial|valve|aort|angina|myocard|stent|bypass|hypertens/i],
  [
    'neuro',
    /brain|neuro|nerve|spine|spinal|seizure|epilep|stroke|multiple sclerosis|parkinson|dementia|alzheimer|migraine|als\b/i,
  ],
  ['ortho_surgical', /knee|hip|shoulder|joint|bone|fracture|orthop|surgery|surgical|replacement|arthro|disc\b|hernia/i],
];

/** A first guess at the kind of case from what the doctor said; the person confirms or changes it. */
export function suggestCaseKind(c: {
  diagnosisStatus: string;
  diagnosis: string | null;
  doctorSpecialty: string | null;
  proposedTreatment: string | null;
}): CaseKind {
  const text = [c.diagnosis, c.doctorSpecialty].filter(Boolean).join(' ');
  for (const [kind, re] of WORDS) if (re.test(text)) return kind;
  if (c.diagnosisStatus === 'no_diagnosis') return 'rare';
  if (c.proposedTreatment && WORDS[3]![1].test(c.proposedTreatment)) return 'ortho_surgical';
  return 'general';
}

export interface ChecklistRow {
  item: ChecklistItem;
  status: ItemStatus;
  documents: { id: string; title: string }[];
  /** The item's version (ADR 0016); 0 while nobody has set its status. */
  version: number;
}

export interface ChecklistSummary {
  total: number;
  received: number;
  requested: number;
  notApplicable: number;
  needed: number;
  /** Every item is received or does not apply. */
  complete: boolean;
}

export function summarize(rows: Pick<ChecklistRow, 'status'>[]): ChecklistSummary {
  const count = (s: ItemStatus) => rows.filter((r) => r.status === s).length;
  const received = count('received');
  const notApplicable = count('not_applicable');
  return {
    total: rows.length,
    received,
    requested: count('requested'),
    notApplicable,
    needed: count('needed'),
    complete: rows.length > 0 && received + notApplicable === rows.length,
  };
}

/** Moving forward never moves back: asking again does not undo "received" or "does not apply". */
export function statusAfterRequest(current: ItemStatus): ItemStatus {
  return current === 'needed' ? 'requested' : current;
}

export function statusAfterLink(current: ItemStatus): ItemStatus {
  return current === 'not_applicable' ? current : 'received';
}
