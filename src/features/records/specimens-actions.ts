import { SPECIMEN_CHECKLIST_KEYS } from '../../content/records.ts';
import type { CaseScope } from '../../platform/http/case-route.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { statusAfterLink } from './checklist.ts';
import { getStatuses, markItemsRequested, setStatus } from './checklist-store.ts';
import { type StepResult, saveStep } from './requests-common.ts';
import {
  applySpecimenStep,
  checkSpecimenStep,
  type SpecimenInput,
  type SpecimenRequest,
  type SpecimenTrackingInput,
} from './specimens.ts';
import * as store from './specimens-store.ts';

// What a person can do with a case's specimen requests (ADR 0014, 0149): write one, read
// them, print the letter, and track the package step by step. Every act is audited with ids.

export async function newSpecimenForm(s: CaseScope): Promise<void> {
  await s.record('records.view', 'case', s.caseId);
}

export async function createSpecimenRequest(s: CaseScope, input: SpecimenInput): Promise<SpecimenRequest> {
  const id = await store.insertSpecimenRequest(s.trx, s.now, s.user.userId, s.caseId, s.patientId, input);
  await s.record('specimen_request.create', 'specimen_request', id);
  return (await store.getSpecimenRequest(s.trx, id))!;
}

export async function listCaseSpecimenRequests(s: CaseScope): Promise<SpecimenRequest[]> {
  await s.record('specimen_request.list', 'case', s.caseId);
  return store.listSpecimenRequests(s.trx, s.caseId);
}

/** One specimen request of this case (404 otherwise), audited as read or as its letter printed. */
export async function specimenRequestOf(
  s: CaseScope,
  id: string,
  audit: 'view' | 'letter' | null = 'view',
): Promise<SpecimenRequest> {
  const r = await store.getSpecimenRequest(s.trx, id);
  if (!r || r.caseId !== s.caseId) throw notFound();
  if (audit) await s.record(`specimen_request.${audit}`, 'specimen_request', r.id);
  return r;
}

export const SPECIMEN_DONE: Record<SpecimenTrackingInput['action'], MessageKey> = {
  requested: 'records.specimens.track.requestedDone',
  sent: 'records.specimens.track.sentDone',
  received: 'records.specimens.track.receivedDone',
  returned: 'records.specimens.track.returnedDone',
  undo: 'records.specimens.track.undoDone',
  notes: 'form.saved',
};

/**
 * One tracking step, made from version `expected` when the caller says which. Forward only
 * (undo takes back the last step); a step the rules refuse is answered under `action` and
 * changes nothing. The records checklist follows the package forward, never back.
 */
export async function trackSpecimenRequest(
  s: CaseScope,
  id: string,
  input: SpecimenTrackingInput,
  expected: number | null,
  onStale: 'answer' | 'throw',
): Promise<StepResult<SpecimenRequest>> {
  const res = await saveStep(
    () => specimenRequestOf(s, id, null),
    async (r) => {
      if (input.action === 'notes') return store.updateSpecimenNotes(s.trx, r, input.notes ?? null, s.now);
      const on = input.action === 'undo' ? undefined : (input.on ?? s.today);
      const problem = checkSpecimenStep(r, input.action, on);
      if (problem) return { action: problem };
      if (!(await store.saveShipment(s.trx, r, applySpecimenStep(r, input, s.today), s.now, s.user.userId, s.t)))
        return false;
      await followOnChecklist(s, input.action);
      return true;
    },
    expected,
    onStale,
  );
  if (res.ok) await s.record(`specimen_request.${input.action}`, 'specimen_request', id);
  return res;
}

/** Asked for, then received: the checklist's slides and blocks items move with the package. */
async function followOnChecklist(s: CaseScope, action: SpecimenTrackingInput['action']): Promise<void> {
  if (action === 'requested')
    await markItemsRequested(s.trx, s.caseId, [...SPECIMEN_CHECKLIST_KEYS], s.user.userId, s.now);
  if (action !== 'received') return;
  const current = await getStatuses(s.trx, s.caseId);
  for (const key of SPECIMEN_CHECKLIST_KEYS) {
    const before = current.get(key) ?? 'needed';
    const after = statusAfterLink(before);
    if (after !== before) await setStatus(s.trx, s.caseId, key, after, s.user.userId, s.now);
  }
}
