import { newId } from '../../platform/auth/tokens.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { SpecimenRequestsTable } from '../../platform/db/schema.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import { completeTasksForExcept, ensureTaskDue } from '../../platform/tasks/tasks-store.ts';
import { trackedRows, updateTracked } from './requests-common.ts';
import {
  type ShipmentDates,
  SPECIMEN_KINDS,
  type SpecimenInput,
  type SpecimenItem,
  type SpecimenRequest,
  specimenTask,
} from './specimens.ts';

// Specimen requests: their table, and the one reminder task each keeps in step with it.

const SOURCE = 'specimen_request';

function parseSpecimens(s: string): SpecimenItem[] {
  try {
    const v = JSON.parse(s) as unknown;
    if (!Array.isArray(v)) return [];
    return v
      .filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null)
      .map((x) => ({
        accession: String(x.accession ?? ''),
        kind: (SPECIMEN_KINDS as readonly string[]).includes(String(x.kind))
          ? (x.kind as SpecimenItem['kind'])
          : 'stained_slides',
        count: typeof x.count === 'number' ? x.count : undefined,
      }));
  } catch {
    return [];
  }
}

function toSpecimenRequest(r: SpecimenRequestsTable): SpecimenRequest {
  return {
    id: r.id,
    caseId: r.case_id,
    patientId: r.patient_id,
    labName: r.lab_name,
    labAddress: r.lab_address,
    labContact: r.lab_contact,
    specimens: parseSpecimens(r.specimens),
    recipientName: r.recipient_name,
    recipientAddress: r.recipient_address,
    recipientContact: r.recipient_contact,
    recipientPhone: r.recipient_phone,
    requestedOn: r.requested_on,
    sentOn: r.sent_on,
    tracking: r.tracking,
    receivedOn: r.received_on,
    returnedOn: r.returned_on,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version ?? 1,
  };
}

export async function insertSpecimenRequest(
  db: Queryable,
  now: string,
  userId: string,
  caseId: string,
  patientId: string,
  input: SpecimenInput,
): Promise<string> {
  const id = newId();
  await db
    .insertInto('specimen_requests')
    .values({
      id,
      case_id: caseId,
      patient_id: patientId,
      lab_name: input.labName,
      lab_address: input.labAddress,
      lab_contact: input.labContact ?? null,
      specimens: JSON.stringify(
        input.specimens.map((s) => ({ accession: s.accession, kind: s.kind, ...(s.count ? { count: s.count } : {}) })),
      ),
      recipient_name: input.recipientName,
      recipient_address: input.recipientAddress,
      recipient_contact: input.recipientContact ?? null,
      recipient_phone: input.recipientPhone ?? null,
      requested_on: null,
      sent_on: null,
      tracking: null,
      received_on: null,
      returned_on: null,
      notes: input.notes ?? null,
      created_by: userId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

const rows = trackedRows('specimen_requests', toSpecimenRequest);
export const getSpecimenRequest = rows.get;
export const listSpecimenRequests = rows.list;
export const countSpecimenRequests = rows.count;
export const specimenRequestCaseId = rows.caseOf;

const update = (db: Queryable, r: SpecimenRequest, set: Partial<SpecimenRequestsTable>, now: string) =>
  updateTracked(db, 'specimen_requests', r, set, now);

/**
 * Writes a step's dates (checked by the caller) and keeps the reminder task in step: one
 * open task at most. Null when someone saved a newer version first (nothing written).
 */
export async function saveShipment(
  db: Queryable,
  r: SpecimenRequest,
  next: ShipmentDates & Pick<SpecimenRequest, 'tracking'>,
  now: string,
  userId: string,
  t: Translate,
): Promise<SpecimenRequest | null> {
  const set = {
    requested_on: next.requestedOn,
    sent_on: next.sentOn,
    received_on: next.receivedOn,
    returned_on: next.returnedOn,
    tracking: next.tracking,
  };
  if (!(await update(db, r, set, now))) return null;
  const updated: SpecimenRequest = { ...r, ...next, updatedAt: now, version: r.version + 1 };
  const task = specimenTask(updated);
  await completeTasksForExcept(db, SOURCE, r.id, task?.kind ?? null, now);
  if (task) {
    await ensureTaskDue(db, now, userId, {
      caseId: r.caseId,
      patientId: r.patientId,
      step: 'records',
      kind: task.kind,
      title: t(task.title, task.vars),
      dueOn: task.dueOn,
      sourceType: SOURCE,
      sourceId: r.id,
    });
  }
  return updated;
}

export async function updateSpecimenNotes(
  db: Queryable,
  r: SpecimenRequest,
  notes: string | null,
  now: string,
): Promise<boolean> {
  return update(db, r, { notes }, now);
}
