import { SOURCES } from './sources.ts';
import type { SourcedItem } from './types.ts';

/** What we say when the doctor wants treatment to start soon. Never advice to wait. */
export const URGENCY_NOTES: SourcedItem[] = [
  {
    id: 'urgency.emergency',
    text: 'content.urgency.emergency',
    source: SOURCES.nciWaiting,
    reviewed: '2026-11-27',
  },
  {
    id: 'urgency.ask-how-long',
    text: 'content.urgency.askHowLong',
    source: SOURCES.nciWaiting,
    reviewed: '2026-11-27',
  },
  {
    id: 'urgency.routine',
    text: 'content.urgency.routine',
    source: SOURCES.aarpArticle,
    reviewed: '2026-11-27',
  },
];
