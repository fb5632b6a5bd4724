import { SOURCES } from './sources.ts';
import type { SourcedItem } from './types.ts';

/**
 * What the case page says when the doctor wants treatment to start soon. Never advice to
 * wait, and no "a few weeks is usually safe": no current official source says that for
 * every illness, so the person asks their own doctor how long is safe.
 */
export const URGENCY_NOTES: SourcedItem[] = [
  {
    id: 'urgency.emergency',
    text: 'content.urgency.emergency',
    source: SOURCES.medicareBeforeSurgery,
    reviewed: '2026-12-07',
    trigger: 'case page, when the doctor wants treatment to start right away (first line of the warning box)',
  },
  {
    id: 'urgency.ask-how-long',
    text: 'content.urgency.askHowLong',
    source: SOURCES.medicareBeforeSurgery,
    reviewed: '2026-12-07',
    trigger: 'case page, when the doctor wants treatment to start right away',
  },
  {
    id: 'urgency.routine',
    text: 'content.urgency.routine',
    source: SOURCES.aarpArticle,
    reviewed: '2026-12-07',
    trigger: 'case page, when the doctor wants treatment to start right away (last line of the warning box)',
  },
];
