import { checklistFor, checklistTextKey, isSpecimenItem } from '../../content/records.ts';
import type { CaseScope } from '../../platform/http/case-route.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { suggestCaseKind } from './checklist.ts';
import { getChecklistKind, getStatuses, markItemsRequested } from './checklist-store.ts';
import {
  checkTracking,
  type RecordRequest,
  type RequestInput,
  runsLegalClock,
  type TrackingInput,
} from './requests.ts';
import { type StepResult, saveStep } from './requests-common.ts';
import * as store from './requests-store.ts';

// What a person can do with a case's records requests (ADR 0014, 0148): write one, read
// them, print the letter, and keep track of what happened. Every act is audited with ids.

/** The form for a new request: the case's checklist items (never slides), and those still needed. */
export async function newRequestForm(
  s: CaseScope,
): Promise<{ choices: { value: string; label: string }[]; needed: string[] }> {
  const kind = (await getChecklistKind(s.trx, s.caseId)) ?? suggestCaseKind(s.c);
  const statuses = await getStatuses(s.trx, s.caseId);
  await s.record('records.view', 'case', s.caseId);
  // Slides and blocks are specimens, asked for with a specimen request, never in this letter.
  const items = checklistFor(kind).filter((i) => !isSpecimenItem(i.key));
  return {
    choices: items.map((i) => ({ value: i.key, label: s.t(checklistTextKey(i.key)) })),
    // By default, ask for what is still needed.
    needed: items.map((i) => i.key).filter((k) => (statuses.get(k) ?? 'needed') === 'needed'),
  };
}

export async function createRequest(s: CaseScope, input: RequestInput): Promise<RecordRequest> {
  const id = await store.insertRequest(s.trx, s.now, s.user.userId, s.caseId, s.patientId, input);
  await s.record('record_request.create', 'record_request', id);
  return (await store.getRequest(s.trx, id))!;
}

export async function listCaseRequests(s: CaseScope): Promise<RecordRequest[]> {
  await s.record('record_request.list', 'case', s.caseId);
  return store.listRequests(s.trx, s.caseId);
}

/** One request of this case (404 otherwise), audited as read or as its letter printed. */
export async function requestOf(
  s: CaseScope,
  id: string,
  audit: 'view' | 'letter' | null = 'view',
): Promise<RecordRequest> {
  const r = await store.getRequest(s.trx, id);
  if (!r || r.caseId !== s.caseId) throw notFound();
  if (audit) await s.record(`record_request.${audit}`, 'record_request', r.id);
  return r;
}

const DONE: Record<TrackingInput['action'], MessageKey> = {
  sent: 'records.requests.track.sentDone',
  extension: 'records.requests.track.extensionDone',
  received: 'records.requests.track.receivedDone',
  notes: 'form.saved',
};

/** The words that say a step was saved: an authorization's "sent" has no 30-day promise. */
export const trackedDone = (r: RecordRequest, action: TrackingInput['action']): MessageKey =>
  action === 'sent' && !runsLegalClock(r.kind) ? 'records.requests.track.sentDoneFollowUp' : DONE[action];

/**
 * One tracking step, made from version `expected` when the caller says which (a page's
 * hidden field, If-Match). A step the law or the state does not allow is refused under
 * `action` and changes nothing; "sent" starts the clock (or the reminder) with its task.
 */
export async function trackRequest(
  s: CaseScope,
  id: string,
  input: TrackingInput,
  expected: number | null,
  onStale: 'answer' | 'throw',
): Promise<StepResult<RecordRequest>> {
  const res = await saveStep(
    () => requestOf(s, id, null),
    async (r) => {
      const problem = checkTracking(r, input.action);
      if (problem) return { action: problem };
      const title = s.t(runsLegalClock(r.kind) ? 'records.requests.taskTitle' : 'records.requests.followUpTaskTitle', {
        provider: r.providerName,
      });
      switch (input.action) {
        case 'sent': {
          if (!(await store.markSent(s.trx, r, input.sentOn ?? s.today, s.now, s.user.userId, title))) return false;
          const asked = r.recordsWanted.filter((k) => !isSpecimenItem(k));
          await markItemsRequested(s.trx, r.caseId, asked, s.user.userId, s.now);
          return true;
        }
        case 'extension':
          return store.recordExtension(s.trx, r, input.reason, s.now, s.user.userId, title);
        case 'received':
          return store.markReceived(s.trx, r, input.receivedOn ?? s.today, s.now);
        case 'notes':
          return store.updateNotes(s.trx, r, input.notes ?? null, s.now);
      }
    },
    expected,
    onStale,
  );
  if (res.ok) await s.record(`record_request.${input.action}`, 'record_request', id);
  return res;
}
