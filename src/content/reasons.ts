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

const reviewed = '2026-12-07';
const shown = (answer: string) =>
  `second-opinion check result ("Why a second opinion fits your answers"), when the answers include: ${answer}`;

export const REASONS: readonly Reason[] = [
  {
    id: 'serious_diagnosis',
    title: 'content.reason.serious_diagnosis.title',
    text: 'content.reason.serious_diagnosis.text',
    source: SOURCES.aarpArticle,
    reviewed,
    trigger: shown('the illness is serious or will change my life'),
  },
  {
    id: 'rare_or_unclear',
    title: 'content.reason.rare_or_unclear.title',
    text: 'content.reason.rare_or_unclear.text',
    // The Cleveland Clinic FAQ cited before names neither; MSK's page names both (for cancer
    // and blood disorders, so the report says whom the source speaks of).
    source: SOURCES.mskRecordsReview,
    reviewed,
    appliesTo: 'any illness; the source speaks of cancer and blood disorders',
    trigger: shown('the illness is rare, or the doctor is not sure what it is'),
  },
  {
    id: 'no_diagnosis',
    title: 'content.reason.no_diagnosis.title',
    text: 'content.reason.no_diagnosis.text',
    source: SOURCES.aarpArticle,
    reviewed,
    trigger: shown('no diagnosis yet, but symptoms go on'),
  },
  {
    id: 'dismissed',
    title: 'content.reason.dismissed.title',
    text: 'content.reason.dismissed.text',
    source: SOURCES.aarpArticle,
    reviewed,
    trigger: shown('the doctor brushes off the symptoms'),
  },
  {
    id: 'feels_wrong',
    title: 'content.reason.feels_wrong.title',
    text: 'content.reason.feels_wrong.text',
    source: SOURCES.aarpArticle,
    reviewed,
    trigger: shown('I still feel something is wrong'),
  },
  {
    id: 'surgery',
    title: 'content.reason.surgery.title',
    text: 'content.reason.surgery.text',
    source: SOURCES.medicareBeforeSurgery,
    reviewed,
    trigger: shown('the treatment is surgery or another big procedure'),
  },
  {
    id: 'side_effects',
    title: 'content.reason.side_effects.title',
    text: 'content.reason.side_effects.text',
    source: SOURCES.aarpArticle,
    reviewed,
    trigger: shown('a medicine with serious side effects'),
  },
  {
    id: 'costly',
    title: 'content.reason.costly.title',
    text: 'content.reason.costly.text',
    source: SOURCES.aarpArticle,
    reviewed,
    trigger: shown('a costly treatment insurance may not cover'),
  },
  {
    id: 'several_options',
    title: 'content.reason.several_options.title',
    text: 'content.reason.several_options.text',
    source: SOURCES.clevelandClinicWhySecondOpinion,
    reviewed,
    trigger: shown('the doctor said there is more than one choice'),
  },
  {
    id: 'not_working',
    title: 'content.reason.not_working.title',
    text: 'content.reason.not_working.text',
    source: SOURCES.clevelandClinicWhySecondOpinion,
    reviewed,
    trigger: shown('being treated, but the treatment is not helping'),
  },
  {
    id: 'unsure',
    title: 'content.reason.unsure.title',
    text: 'content.reason.unsure.text',
    source: SOURCES.aarpArticle,
    reviewed,
    trigger: shown('"not sure" to a question about the diagnosis, the doctor or the feeling that something is wrong'),
  },
];

export function findReason(id: ReasonId): Reason {
  const r = REASONS.find((x) => x.id === id);
  if (!r) throw new Error(`No reason ${id}`);
  return r;
}
