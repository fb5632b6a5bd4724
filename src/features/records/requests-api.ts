import { z } from 'zod';
import { REQUEST_KINDS, REQUEST_STATUSES, type RecordRequest, dueDate, followUpDate, requestStatus } from './requests.ts';
import { SPECIMEN_KINDS, SPECIMEN_STATUSES, type SpecimenRequest, specimenStatus } from './specimens.ts';

// The JSON API's answers for records requests and specimen requests: output schemas (which
// also write the OpenAPI document) and the presenters that fill them.

export const requestOut = z.object({
  id: z.string(),
  caseId: z.string(),
  providerName: z.string(),
  providerAddress: z.string().nullable(),
  providerContact: z.string().nullable(),
  recordsWanted: z.array(z.string()),
  recordsOther: z.string().nullable(),
  dateFrom: z.string().nullable(),
  dateTo: z.string().nullable(),
  format: z.string(),
  delivery: z.string(),
  recipientName: z.string().nullable(),
  recipientAddress: z.string().nullable(),
  /** 'access': HIPAA right of access (30-day clock); 'authorization': paper copies to someone else (no legal clock). */
  kind: z.enum(REQUEST_KINDS),
  status: z.enum(REQUEST_STATUSES),
  sentOn: z.string().nullable(),
  /** The legal due date (right of access only). */
  dueOn: z.string().nullable(),
  /** When to check on an authorization (a reminder, not a legal deadline). */
  followUpOn: z.string().nullable(),
  extensionReason: z.string().nullable(),
  extendedDueOn: z.string().nullable(),
  receivedOn: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  letterPdfUrl: z.string(),
  version: z.number().int().describe('Raised by one on every change; also the ETag. Send it in If-Match to change only that version.'),
});

/** A request as the API shows it; its status depends on the reader's today (ADR 0015). */
export const presentRequest = (r: RecordRequest, today: string) => ({
  id: r.id,
  caseId: r.caseId,
  providerName: r.providerName,
  providerAddress: r.providerAddress,
  providerContact: r.providerContact,
  recordsWanted: r.recordsWanted,
  recordsOther: r.recordsOther,
  dateFrom: r.dateFrom,
  dateTo: r.dateTo,
  format: r.format,
  delivery: r.delivery,
  recipientName: r.recipientName,
  recipientAddress: r.recipientAddress,
  kind: r.kind,
  status: requestStatus(r, today),
  sentOn: r.sentOn,
  dueOn: dueDate(r),
  followUpOn: followUpDate(r),
  extensionReason: r.extensionReason,
  extendedDueOn: r.extendedDueOn,
  receivedOn: r.receivedOn,
  notes: r.notes,
  createdAt: r.createdAt,
  letterPdfUrl: `/api/v1/record-requests/${r.id}/letter.pdf`,
  version: r.version,
});

export const specimenOut = z.object({
  id: z.string(),
  caseId: z.string(),
  labName: z.string(),
  labAddress: z.string(),
  labContact: z.string().nullable(),
  specimens: z.array(z.object({ accession: z.string(), kind: z.enum(SPECIMEN_KINDS), count: z.number().nullable() })),
  recipientName: z.string(),
  recipientAddress: z.string(),
  recipientContact: z.string().nullable(),
  recipientPhone: z.string().nullable(),
  status: z.enum(SPECIMEN_STATUSES),
  requestedOn: z.string().nullable(),
  sentOn: z.string().nullable(),
  tracking: z.string().nullable(),
  receivedOn: z.string().nullable(),
  returnedOn: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  letterPdfUrl: z.string(),
  version: z.number().int().describe('Raised by one on every change; also the ETag. Send it in If-Match to change only that version.'),
});

export const presentSpecimenRequest = (r: SpecimenRequest) => ({
  id: r.id,
  caseId: r.caseId,
  labName: r.labName,
  labAddress: r.labAddress,
  labContact: r.labContact,
  specimens: r.specimens.map((s) => ({ accession: s.accession, kind: s.kind, count: s.count ?? null })),
  recipientName: r.recipientName,
  recipientAddress: r.recipientAddress,
  recipientContact: r.recipientContact,
  recipientPhone: r.recipientPhone,
  status: specimenStatus(r),
  requestedOn: r.requestedOn,
  sentOn: r.sentOn,
  tracking: r.tracking,
  receivedOn: r.receivedOn,
  returnedOn: r.returnedOn,
  notes: r.notes,
  createdAt: r.createdAt,
  letterPdfUrl: `/api/v1/specimen-requests/${r.id}/letter.pdf`,
  version: r.version,
});
