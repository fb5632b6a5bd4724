import { SOURCES } from './sources.ts';
import type { SourcedItem } from './types.ts';

// When the doctor wants treatment to start soon: how to ask how long it is safe to wait,
// and how to get a second opinion quickly. Never advice to wait, and no general promise
// that "a few weeks is usually safe": no current official source says that for every kind
// of illness (the NCI page that said it for cancer was retired), so the person asks their
// own doctor. Facts: Medicare's "Get a second opinion before surgery" (emergencies need
// care right away; the timing of surgery that is not an emergency is the person's choice),
// the seed article and the hospitals' second-opinion programs.

const reviewed = '2026-12-07';
const waitTrigger =
  'second-opinion check result, when the doctor wants to start right away, within a few weeks, or did not say';
const fastTrigger =
  'second-opinion check result, only when the doctor wants to start right away ("How to get a second opinion quickly")';

export const WAITING_GUIDANCE: readonly SourcedItem[] = [
  {
    id: 'waiting.depends',
    text: 'content.waiting.depends',
    source: SOURCES.medicareBeforeSurgery,
    reviewed,
    trigger: waitTrigger,
  },
  {
    id: 'waiting.ask',
    text: 'content.waiting.ask',
    source: SOURCES.medicareBeforeSurgery,
    reviewed,
    trigger: waitTrigger,
  },
  {
    id: 'waiting.notSafe',
    text: 'content.waiting.notSafe',
    source: SOURCES.medicareBeforeSurgery,
    reviewed,
    trigger: waitTrigger,
  },
];

export const FAST_OPINION_TIPS: readonly SourcedItem[] = [
  { id: 'fast.askDoctor', text: 'content.fast.askDoctor', source: SOURCES.aarpArticle, reviewed, trigger: fastTrigger },
  {
    id: 'fast.recordsReview',
    text: 'content.fast.recordsReview',
    source: SOURCES.clevelandClinicProcess,
    reviewed,
    trigger: fastTrigger,
  },
  {
    id: 'fast.sendRecords',
    text: 'content.fast.sendRecords',
    source: SOURCES.aarpArticle,
    reviewed,
    trigger: fastTrigger,
  },
];
