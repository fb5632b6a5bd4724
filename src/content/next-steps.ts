import { SOURCES } from './sources.ts';
import type { SourcedItem } from './types.ts';

// What to do after deciding to seek a second opinion, in journey order. Each step links
// to the journey step that helps with it. Facts: the seed article ("How do I make it
// happen?", "Who pays for it?", "How do I prepare?").

export const NEXT_STEP_IDS = ['questions', 'coverage', 'doctors', 'records'] as const;
export type NextStepId = (typeof NEXT_STEP_IDS)[number];

export interface NextStep extends SourcedItem {
  id: NextStepId;
  title: SourcedItem['text'];
  /** The journey step (its slug) that helps with this. */
  step: 'questions' | 'coverage' | 'doctors' | 'records';
}

const reviewed = '2026-12-07';
const trigger = (step: string) => `second-opinion check result ("What to do next"), always; links to the ${step} step`;

export const NEXT_STEPS: readonly NextStep[] = [
  {
    id: 'questions',
    step: 'questions',
    title: 'content.next.questions.title',
    text: 'content.next.questions.text',
    source: SOURCES.aarpArticle,
    reviewed,
    trigger: trigger('questions'),
  },
  {
    id: 'coverage',
    step: 'coverage',
    title: 'content.next.coverage.title',
    text: 'content.next.coverage.text',
    source: SOURCES.aarpArticle,
    reviewed,
    trigger: trigger('coverage'),
  },
  {
    id: 'doctors',
    step: 'doctors',
    title: 'content.next.doctors.title',
    text: 'content.next.doctors.text',
    source: SOURCES.aarpArticle,
    reviewed,
    trigger: trigger('doctors'),
  },
  {
    id: 'records',
    step: 'records',
    title: 'content.next.records.title',
    text: 'content.next.records.text',
    source: SOURCES.aarpArticle,
    reviewed,
    trigger: trigger('records'),
  },
];
