import { SOURCES } from './sources.ts';
import type { SourcedItem } from './types.ts';

// What every result of the second-opinion check says, whatever the answers: asking is
// routine and needs no one's permission. Facts: the seed article, Medicare, Meyer 2015.

const reviewed = '2026-11-27';

export const REASSURANCE: readonly SourcedItem[] = [
  { id: 'reassure.routine', text: 'content.reassure.routine', source: SOURCES.aarpArticle, reviewed },
  { id: 'reassure.noPermission', text: 'content.reassure.noPermission', source: SOURCES.aarpArticle, reviewed },
  { id: 'reassure.yourChoice', text: 'content.reassure.yourChoice', source: SOURCES.medicareBeforeSurgery, reviewed },
];

/** What second opinions change, from the large study the seed article quotes. */
export const STUDY_FINDINGS: readonly SourcedItem[] = [{ id: 'study.changes', text: 'content.study.changes', source: SOURCES.meyer2015, reviewed }];
