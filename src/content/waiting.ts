import { SOURCES } from './sources.ts';
import type { SourcedItem } from './types.ts';

// When the doctor wants treatment to start soon: how to ask how long it is safe to wait,
// and how to get a second opinion quickly. Never advice to wait: the person asks their
// doctor. Facts: field-research §4 "Don't delay urgent care" (NCI), §2 (turnaround of
// remote second-opinion services) and the seed article.

const reviewed = '2026-11-27';

export const WAITING_GUIDANCE: readonly SourcedItem[] = [
  { id: 'waiting.usually', text: 'content.waiting.usually', source: SOURCES.nciWaiting, reviewed },
  { id: 'waiting.ask', text: 'content.waiting.ask', source: SOURCES.nciWaiting, reviewed },
  { id: 'waiting.notSafe', text: 'content.waiting.notSafe', source: SOURCES.nciWaiting, reviewed },
];

export const FAST_OPINION_TIPS: readonly SourcedItem[] = [
  { id: 'fast.askDoctor', text: 'content.fast.askDoctor', source: SOURCES.aarpArticle, reviewed },
  { id: 'fast.recordsReview', text: 'content.fast.recordsReview', source: SOURCES.danaFarberSecondOpinion, reviewed },
  { id: 'fast.sendRecords', text: 'content.fast.sendRecords', source: SOURCES.aarpArticle, reviewed },
];
