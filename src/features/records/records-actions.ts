import { type CaseKind, checklistFor } from '../../content/records.ts';
import { type ActionResult, ok, refuse } from '../../platform/actions.ts';
import type { CaseScope } from '../../platform/http/case-route.ts';
import type { FieldErrors } from '../../platform/ui/page-context.ts';
import { ITEM_STATUSES, type ItemStatus, suggestCaseKind, summarize } from './checklist.ts';
import { getChecklistKind, loadChecklist, setChecklistKind, setStatus } from './checklist-store.ts';
import {
  getDocuments,
  listDocuments,
  listPatientDocuments,
  listRemovedDocuments,
  listReviewDocuments,
} from './documents-store.ts';
import { documentHref } from './documents-views.tsx';
import { categoryKey } from './imports.ts';
import type { SearchResultView } from './records-views.tsx';
import { listRequests } from './requests-store.ts';
import { markTerms, searchPatient, searchTerms } from './search-store.ts';
import { listSpecimenRequests } from './specimens-store.ts';
import { testsAlreadyDone } from './timeline.ts';
import { countItems, getItems, listItems } from './timeline-store.ts';

// What a person can do on the records step's own pages (ADR 0014): look at what was
// gathered, and keep the checklist. Every read of the records is one `records.view` entry.

const viewed = (s: CaseScope) => s.record('records.view', 'case', s.caseId);

/** The step's page: documents (in, taken out, held for review), requests, the checklist. */
export async function recordsOverview(s: CaseScope) {
  const { trx, caseId, patientId } = s;
  const kind = await getChecklistKind(trx, caseId);
  const counts = await countItems(trx, patientId);
  const data = {
    documents: await listDocuments(trx, caseId),
    removed: await listRemovedDocuments(trx, caseId),
    review: await listReviewDocuments(trx, caseId),
    requests: await listRequests(trx, caseId),
    specimenRequests: await listSpecimenRequests(trx, caseId),
    checklist: kind ? summarize(await loadChecklist(trx, caseId, kind)) : null,
    itemCount: Object.values(counts).reduce((a, b) => a + b, 0),
  };
  await viewed(s);
  return data;
}

/** The checklist as it stands: the kind chosen (or null) and each item's row. Not audited. */
export async function checklistState(s: CaseScope) {
  const kind = await getChecklistKind(s.trx, s.caseId);
  const rows = kind ? await loadChecklist(s.trx, s.caseId, kind) : [];
  return { kind, rows, suggested: suggestCaseKind(s.c), complete: summarize(rows).complete };
}

/** The checklist, looked at. */
export async function readChecklist(s: CaseScope) {
  const state = await checklistState(s);
  await viewed(s);
  return state;
}

export async function chooseCaseKind(s: CaseScope, kind: CaseKind): Promise<void> {
  await setChecklistKind(s.trx, s.caseId, kind, s.now);
  await s.record('records.checklist_kind', 'case', s.caseId);
}

/** Statuses from form fields "status.<key>" or an API map; only keys of this case's checklist. */
function readStatuses(
  kind: CaseKind,
  input: Record<string, string | undefined>,
): ActionResult<Map<string, ItemStatus>> {
  const keys = new Set(checklistFor(kind).map((i) => i.key));
  const statuses = new Map<string, ItemStatus>();
  const errors: FieldErrors = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || v === '') continue;
    if (!keys.has(k)) errors[`status.${k}`] = 'records.checklist.errors.unknownItem';
    else if (!(ITEM_STATUSES as readonly string[]).includes(v)) errors[`status.${k}`] = 'errors.chooseOne';
    else statuses.set(k, v as ItemStatus);
  }
  return Object.keys(errors).length ? refuse(errors) : ok(statuses);
}

/**
 * Sets item statuses (and first the kind, when given). Refused, changing nothing, when no
 * kind is chosen or a key or status is unknown.
 */
export async function updateChecklist(
  s: CaseScope,
  input: { caseKind?: CaseKind; statuses?: Record<string, string | undefined> },
): Promise<ActionResult<null>> {
  if (input.caseKind) await setChecklistKind(s.trx, s.caseId, input.caseKind, s.now);
  if (input.statuses) {
    const kind = await getChecklistKind(s.trx, s.caseId);
    if (!kind) return refuse({ caseKind: 'records.checklist.errors.kindRequired' });
    const r = readStatuses(kind, input.statuses);
    if (!r.ok) return r;
    for (const [k, st] of r.value) await setStatus(s.trx, s.caseId, k, st, s.access.userId, s.now);
  }
  await s.record('records.checklist_update', 'case', s.caseId);
  return ok(null);
}

/** Imported items of the case's patient, newest first, a page at a time. */
export async function timeline(s: CaseScope, opts: { category?: string; limit: number; offset: number }) {
  const items = await listItems(s.trx, s.patientId, opts);
  await viewed(s);
  return items;
}

/** Titles (and cases) of the patient's documents, for naming where a timeline item came from. */
export async function documentTitles(s: CaseScope) {
  return new Map(
    (await listPatientDocuments(s.trx, s.patientId)).map((d) => [d.id, { title: d.title, caseId: d.caseId }]),
  );
}

/** Tests, scans and procedures already done, from imports and uploaded reports. */
export async function testsDone(s: CaseScope) {
  const tests = testsAlreadyDone(await listItems(s.trx, s.patientId), await listPatientDocuments(s.trx, s.patientId));
  await viewed(s);
  return tests;
}

/** Document text and imported items of the patient matching q (an empty q searches nothing). */
export async function searchRecords(s: CaseScope, q: string): Promise<SearchResultView[] | null> {
  await viewed(s);
  if (!q.trim()) return null;
  const { trx, patientId } = s;
  const hits = await searchPatient(trx, s.deps.dialect, patientId, q);
  const items = await getItems(
    trx,
    hits.filter((h) => h.sourceType === 'item').map((h) => h.sourceId),
  );
  const ids = hits.filter((h) => h.sourceType === 'document').map((h) => h.sourceId);
  const docs = new Map((await getDocuments(trx, ids)).map((d) => [d.id, d]));
  const out: SearchResultView[] = [];
  for (const hit of hits) {
    if (hit.sourceType === 'document') {
      const d = docs.get(hit.sourceId);
      if (!d || d.patientId !== patientId) continue;
      out.push({
        hit: { ...hit, title: d.title },
        href: documentHref(d.caseId, d.id),
        label: s.t('records.search.document'),
        date: d.documentDate,
      });
    } else {
      const i = items.get(hit.sourceId);
      if (!i) continue;
      const snippet = i.value ? markTerms(s.t('records.timeline.value', { value: i.value }), searchTerms(q)) : '';
      out.push({
        hit: { ...hit, title: i.display, snippet },
        href: null,
        label: s.t(categoryKey(i.category)),
        date: i.startedOn,
      });
    }
  }
  return out;
}
