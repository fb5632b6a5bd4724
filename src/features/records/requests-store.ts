import { ACCESS_RULES } from '../../content/records.ts';
import { newId } from '../../platform/auth/tokens.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { RecordRequestsTable } from '../../platform/db/schema.ts';
import { addDays } from '../../platform/tasks/tasks.ts';
import { completeTasksFor, ensureTaskDue } from '../../platform/tasks/tasks-store.ts';
import { followUpDate, type RecordRequest, type RequestInput, requestKind, runsLegalClock } from './requests.ts';
import { trackedRows, updateTracked } from './requests-common.ts';

function parseKeys(s: string): string[] {
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function toRecord(r: RecordRequestsTable): RecordRequest {
  return {
    id: r.id,
    caseId: r.case_id,
    patientId: r.patient_id,
    providerName: r.provider_name,
    providerAddress: r.provider_address,
    providerContact: r.provider_contact,
    recordsWanted: parseKeys(r.records_wanted),
    recordsOther: r.records_other,
    dateFrom: r.date_from,
    dateTo: r.date_to,
    format: r.format as RecordRequest['format'],
    delivery: r.delivery as RecordRequest['delivery'],
    recipientName: r.recipient_name,
    recipientAddress: r.recipient_address,
    kind: r.kind === 'authorization' ? 'authorization' : 'access',
    followUpOn: r.follow_up_on,
    sentOn: r.sent_on,
    dueOn: r.due_on,
    extensionReason: r.extension_reason,
    extendedDueOn: r.extended_due_on,
    receivedOn: r.received_on,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version ?? 1,
  };
}

export async function insertRequest(
  db: Queryable,
  now: string,
  userId: string,
  caseId: string,
  patientId: string,
  input: RequestInput,
): Promise<string> {
  const id = newId();
  const thirdParty = input.delivery === 'third_party';
  await db
    .insertInto('record_requests')
    .values({
      id,
      case_id: caseId,
      patient_id: patientId,
      provider_name: input.providerName,
      provider_address: input.providerAddress ?? null,
      provider_contact: input.providerContact ?? null,
      records_wanted: JSON.stringify(input.recordsWanted),
      records_other: input.recordsOther ?? null,
      date_from: input.dateFrom ?? null,
      date_to: input.dateTo ?? null,
      format: input.format,
      delivery: input.delivery,
      recipient_name: thirdParty ? (input.recipientName ?? null) : null,
      recipient_address: thirdParty ? (input.recipientAddress ?? null) : null,
      kind: requestKind(input),
      follow_up_on: null,
      sent_on: null,
      due_on: null,
      extension_reason: null,
      extended_due_on: null,
      received_on: null,
      notes: input.notes ?? null,
      created_by: userId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

const rows = trackedRows('record_requests', toRecord);
export const getRequest = rows.get;
export const listRequests = rows.list;
export const countRequests = rows.count;
export const requestCaseId = rows.caseOf;

const taskFor = (r: RecordRequest, title: string, dueOn: string) => ({
  caseId: r.caseId,
  patientId: r.patientId,
  step: 'records',
  // A legal due date for the right of access; only a reminder for an authorization.
  kind: runsLegalClock(r.kind) ? 'records_due' : 'records_follow_up',
  title,
  dueOn,
  sourceType: 'record_request',
  sourceId: r.id,
});

const update = (db: Queryable, r: RecordRequest, set: Partial<RecordRequestsTable>, now: string) =>
  updateTracked(db, 'record_requests', r, set, now);

/**
 * Sent: a right-of-access request's 30-day clock starts; an authorization gets a reminder
 * date instead. Either way a task with that date appears on the dashboard and calendar.
 */
export async function markSent(
  db: Queryable,
  r: RecordRequest,
  sentOn: string,
  now: string,
  userId: string,
  taskTitle: string,
): Promise<boolean> {
  const legal = runsLegalClock(r.kind);
  const dueOn = legal ? addDays(sentOn, ACCESS_RULES.daysToAct) : followUpDate({ kind: r.kind, sentOn })!;
  const set = legal
    ? { sent_on: sentOn, due_on: dueOn, extended_due_on: null, extension_reason: null }
    : { sent_on: sentOn, due_on: null, follow_up_on: dueOn };
  if (!(await update(db, r, set, now))) return false;
  await ensureTaskDue(db, now, userId, taskFor(r, taskTitle, dueOn));
  return true;
}

/** The one extension the law allows: 30 more days, with the reason they gave in writing. */
export async function recordExtension(
  db: Queryable,
  r: RecordRequest,
  reason: string,
  now: string,
  userId: string,
  taskTitle: string,
): Promise<boolean> {
  const extended = addDays(r.dueOn ?? addDays(r.sentOn!, ACCESS_RULES.daysToAct), ACCESS_RULES.extensionDays);
  if (!(await update(db, r, { extension_reason: reason, extended_due_on: extended }, now))) return false;
  await ensureTaskDue(db, now, userId, taskFor(r, taskTitle, extended));
  return true;
}

export async function markReceived(db: Queryable, r: RecordRequest, receivedOn: string, now: string): Promise<boolean> {
  if (!(await update(db, r, { received_on: receivedOn }, now))) return false;
  await completeTasksFor(db, 'record_request', r.id, now);
  return true;
}

export async function updateNotes(
  db: Queryable,
  r: RecordRequest,
  notes: string | null,
  now: string,
): Promise<boolean> {
  return update(db, r, { notes }, now);
}
