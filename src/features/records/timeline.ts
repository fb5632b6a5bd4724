import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { DocumentRecord } from './documents.ts';
import type { ItemCategory } from './imports.ts';

// The health timeline and the list of tests already done: pure views over imported items
// and documents.

export interface TimelineItem {
  id: string;
  documentId: string;
  category: ItemCategory;
  display: string;
  value: string | null;
  status: string | null;
  startedOn: string | null;
  endedOn: string | null;
  place: string | null;
  codeSystem: string | null;
  code: string | null;
}

/** Items grouped by year, newest first; undated items last. */
export function groupByYear(items: TimelineItem[]): { year: string | null; items: TimelineItem[] }[] {
  const groups = new Map<string | null, TimelineItem[]>();
  for (const i of items) {
    const y = i.startedOn ? i.startedOn.slice(0, 4) : null;
    const g = groups.get(y);
    if (g) g.push(i);
    else groups.set(y, [i]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : b.localeCompare(a)))
    .map(([year, list]) => ({ year, items: list }));
}

export interface TestDone {
  what: string;
  kind: 'lab' | 'procedure' | 'imaging' | 'report' | 'pathology';
  /** The latest date it was done. */
  lastOn: string | null;
  firstOn: string | null;
  times: number;
  where: string | null;
  /** A document to open, when the test came from an uploaded file. */
  documentId: string | null;
  caseId: string | null;
}

export const testKindKey = (k: TestDone['kind']) => `records.testsDone.kind.${k}` as MessageKey;

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * What has already been done, to show the second-opinion doctor and to avoid repeating
 * tests needlessly: lab tests grouped by name (how many times, first and last), each
 * procedure and imaging study, and uploaded imaging, pathology and lab reports.
 */
export function testsAlreadyDone(items: TimelineItem[], documents: DocumentRecord[]): TestDone[] {
  const out: TestDone[] = [];
  const labs = new Map<string, TestDone>();
  for (const i of items) {
    if (i.category === 'lab') {
      const key = norm(i.display);
      const seen = labs.get(key);
      if (seen) {
        seen.times++;
        if (i.startedOn && (!seen.lastOn || i.startedOn > seen.lastOn)) seen.lastOn = i.startedOn;
        if (i.startedOn && (!seen.firstOn || i.startedOn < seen.firstOn)) seen.firstOn = i.startedOn;
        seen.where ??= i.place;
      } else {
        labs.set(key, {
          what: i.display,
          kind: 'lab',
          lastOn: i.startedOn,
          firstOn: i.startedOn,
          times: 1,
          where: i.place,
          documentId: null,
          caseId: null,
        });
      }
    } else if (i.category === 'procedure' || i.category === 'imaging' || i.category === 'report') {
      out.push({
        what: i.display,
        kind: i.category === 'report' ? 'report' : i.category,
        lastOn: i.startedOn,
        firstOn: i.startedOn,
        times: 1,
        where: i.place,
        documentId: null,
        caseId: null,
      });
    }
  }
  out.push(...labs.values());
  for (const d of documents) {
    const kind: TestDone['kind'] | null =
      d.kind === 'imaging' || d.detectedType === 'dicom' || d.detectedType === 'imaging_study'
        ? 'imaging'
        : d.kind === 'pathology'
          ? 'pathology'
          : d.kind === 'lab'
            ? 'lab'
            : null;
    if (!kind) continue;
    const date = d.documentDate ?? d.details.imaging?.studyDate ?? null;
    out.push({
      what: d.title,
      kind,
      lastOn: date,
      firstOn: date,
      times: 1,
      where: d.provider ?? d.details.imaging?.institution ?? null,
      documentId: d.id,
      caseId: d.caseId,
    });
  }
  return out.sort((a, b) => (b.lastOn ?? '').localeCompare(a.lastOn ?? '') || a.what.localeCompare(b.what));
}
