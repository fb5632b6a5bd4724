import { SOURCES } from './sources.ts';
import type { SourcedItem } from './types.ts';

// Why people seek a second opinion. The second-opinion check names the ones that apply,
// each with its source. Facts: the seed article ("When should I seek one?") and
// field-research §4 "When to seek one".

export const REASON_IDS = [
  'serious_diagnosis',
  'rare_or_unclear',
  'no_diagnosis',
  'dismissed',
  'feels_wrong',
  'surgery',
  'side_effects',
  'costly',
  'several_options',
  'not_working',
  'unsure',
] as const;
export type ReasonId = (typeof REASON_IDS)[number];

export interface Reason extends SourcedItem {
  id: ReasonId;
  /** A short name for the reason, used as its heading. */
  title: SourcedItem['text'];
}

const reviewed = '2026-11-27';

export const REASONS: readonly Reason[] = [
  {
    id: 'serious_diagnosis',
    title: 'content.reason.serious_diagnosis.title',
    text: 'content.reason.serious_diagnosis.text',
    source: SOURCES.aarpArticle,
    reviewed,
  },
  {
    id: 'rare_or_unclear',
    title: 'content.reason.rare_or_unclear.title',
    text: 'content.reason.rare_or_unclear.text',
    source: SOURCES.clevelandClinicFaq,
    reviewed,
  },
  {
    id: 'no_diagnosis',
    title: 'content.reason.no_diagnosis.title',
    text: 'content.reason.no_diagnosis.text',
    source: SOURCES.aarpArticle,
    reviewed,
  },
  {
    id: 'dismissed',
    title: 'content.reason.dismissed.title',
    text: 'content.reason.dismissed.text',
    source: SOURCES.aarpArticle,
    reviewed,
  },
  {
    id: 'feels_wrong',
    title: 'content.reason.feels_wrong.title',
    text: 'content.reason.feels_wrong.text',
    source: SOURCES.aarpArticle,
    reviewed,
  },
  {
    id: 'surgery',
    title: 'content.reason.surgery.title',
    text: 'content.reason.surgery.text',
    source: SOURCES.medicareBeforeSurgery,
    reviewed,
  },
  {
    id: 'side_effects',
    title: 'content.reason.side_effects.title',
    text: 'content.reason.side_effects.text',
    source: SOURCES.aarpArticle,
    reviewed,
  },
  {
    id: 'costly',
    title: 'content.reason.costly.title',
    text: 'content.reason.costly.text',
    source: SOURCES.aarpArticle,
    reviewed,
  },
  {
    id: 'several_options',
    title: 'content.reason.several_options.title',
    text: 'content.reason.several_options.text',
    source: SOURCES.clevelandClinicFaq,
    reviewed,
  },
  {
    id: 'not_working',
    title: 'content.reason.not_working.title',
    text: 'content.reason.not_working.text',
    source: SOURCES.mskRecordsReview,
    reviewed,
  },
  {
    id: 'unsure',
    title: 'content.reason.unsure.title',
    text: 'content.reason.unsure.text',
    source: SOURCES.aarpArticle,
    reviewed,
  },
];

export function findReason(id: ReasonId): Reason {
  const r = REASONS.find((x) => x.id === id);
  if (!r) throw new Error(`No reason ${id}`);
  return r;
}
