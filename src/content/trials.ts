import type { Source, SourcedItem } from './types.ts';

// Clinical-trial search (MISSION: "clinical-trial search for the condition"). We explain
// what a trial is and what its phase means; we never say whether someone should join.
// The words are ours; the facts are from the ClinicalTrials.gov glossary and NIH pages.

const reviewed = '2026-11-28';
const notes = 'clinical trials page (the case\'s "Clinical trials" step), above the results, always';
const phases = 'clinical trials page, "What the phases mean", below the results whenever a search finds trials';

export const TRIAL_SOURCES = {
  glossary: {
    title: 'ClinicalTrials.gov: Glossary of common site terms',
    url: 'https://clinicaltrials.gov/study-basics/glossary',
  },
  nihBasics: {
    title: 'NIH: NIH Clinical Research Trials and You — The Basics',
    url: 'https://www.nih.gov/health-information/nih-clinical-research-trials-you/basics',
  },
  niaPhases: {
    title: 'National Institute on Aging: What Are Clinical Trials and Studies?',
    url: 'https://www.nia.nih.gov/health/clinical-trials-and-studies/what-are-clinical-trials-and-studies',
  },
} as const satisfies Record<string, Source>;

/** What a trial is, that joining is a choice, and who to ask. Shown above every result list. */
export const TRIAL_NOTES: readonly SourcedItem[] = [
  { id: 'trials.research', text: 'content.trials.research', source: TRIAL_SOURCES.nihBasics, reviewed, trigger: notes },
  {
    id: 'trials.voluntary',
    text: 'content.trials.voluntary',
    source: TRIAL_SOURCES.nihBasics,
    reviewed,
    trigger: notes,
  },
  {
    id: 'trials.askDoctor',
    text: 'content.trials.askDoctor',
    source: TRIAL_SOURCES.niaPhases,
    reviewed,
    trigger: notes,
  },
];

/** The phases ClinicalTrials.gov uses, each in one plain line. Keyed by the API's value. */
export const TRIAL_PHASES = {
  EARLY_PHASE1: {
    id: 'trials.phase.early1',
    text: 'content.trials.phase.early1',
    source: TRIAL_SOURCES.glossary,
    reviewed,
    trigger: phases,
  },
  PHASE1: {
    id: 'trials.phase.1',
    text: 'content.trials.phase.1',
    source: TRIAL_SOURCES.glossary,
    reviewed,
    trigger: phases,
  },
  PHASE2: {
    id: 'trials.phase.2',
    text: 'content.trials.phase.2',
    source: TRIAL_SOURCES.glossary,
    reviewed,
    trigger: phases,
  },
  PHASE3: {
    id: 'trials.phase.3',
    text: 'content.trials.phase.3',
    source: TRIAL_SOURCES.glossary,
    reviewed,
    trigger: phases,
  },
  PHASE4: {
    id: 'trials.phase.4',
    text: 'content.trials.phase.4',
    source: TRIAL_SOURCES.glossary,
    reviewed,
    trigger: phases,
  },
  NA: {
    id: 'trials.phase.na',
    text: 'content.trials.phase.na',
    source: TRIAL_SOURCES.glossary,
    reviewed,
    trigger: phases,
  },
} as const satisfies Record<string, SourcedItem>;

export type TrialPhase = keyof typeof TRIAL_PHASES;
