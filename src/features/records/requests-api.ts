import { z } from 'zod';
import { idParam } from '../../platform/validation.ts';
import {
  dueDate,
  followUpDate,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  type RecordRequest,
  requestSchema,
  requestStatus,
  trackingSchema,
} from './requests.ts';
import {
  SPECIMEN_KINDS,
  SPECIMEN_STATUSES,
  type SpecimenRequest,
  specimenSchema,
  specimenStatus,
  specimenTrackingSchema,
} from './specimens.ts';

// The JSON API of records requests and specimen requests: each operation's schema (which
// also writes the OpenAPI document), the output schemas and the presenters that fill them.

/** What both kinds of tracked letter answer besides their own fields. */
const trackedOut = {
  notes: z.string().nullable(),
  createdAt: z.string(),
  letterPdfUrl: z.string(),
  version: z
    .number()
    .int()
    .describe('Raised by one on every change; also the ETag. Send it in If-Match to change only that version.'),
};

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
  ...trackedOut,
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
  ...trackedOut,
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

const tags = ['records'];
const caseParams = z.object({ caseId: idParam });
const requestParams = z.object({ requestId: idParam });
const specimenParams = z.object({ specimenRequestId: idParam });

export const requestApi = {
  list: {
    tags,
    summary:
      'Records requests of a case: right-of-access requests with their 30-day clocks, ' +
      'and authorizations with their follow-up dates',
    params: caseParams,
    response: { 200: z.object({ requests: z.array(requestOut) }) },
  },
  create: {
    tags,
    summary:
      'Write a records request. Copies for the patient, or electronic copies to someone else: HIPAA right of ' +
      'access (45 CFR 164.524, 30-day clock). Paper copies to someone else: a HIPAA authorization ' +
      '(45 CFR 164.508, no legal clock). Slides and blocks are refused: use specimen-requests',
    params: caseParams,
    body: requestSchema,
    response: { 201: requestOut },
  },
  one: {
    tags,
    summary: 'One records request. The ETag header holds its version.',
    params: requestParams,
    response: { 200: requestOut },
  },
  track: {
    tags,
    summary:
      'Track a request: {action:"sent",sentOn}, {action:"extension",reason} (right of access only; once, ' +
      '+30 days), {action:"received",receivedOn}, {action:"notes",notes}. With If-Match, a request changed ' +
      'meanwhile is not changed: 412.',
    params: requestParams,
    body: trackingSchema,
    response: { 200: requestOut },
  },
  pdf: { tags, summary: 'The request letter as a PDF', params: requestParams, response: {} },
};

export const specimenApi = {
  list: {
    tags,
    summary:
      'Specimen requests of a case (pathology slides and tissue blocks sent between labs), ' +
      'with their shipment steps',
    params: caseParams,
    response: { 200: z.object({ specimenRequests: z.array(specimenOut) }) },
  },
  create: {
    tags,
    summary:
      'Write a specimen request: a letter asking a pathology lab to send named slides or blocks to the ' +
      'consulting pathology department',
    params: caseParams,
    body: specimenSchema,
    response: { 201: specimenOut },
  },
  one: {
    tags,
    summary: 'One specimen request. The ETag header holds its version.',
    params: specimenParams,
    response: { 200: specimenOut },
  },
  track: {
    tags,
    summary:
      'Track the shipment, forward only: {action:"requested"|"sent"|"received"|"returned", on} ("sent" may add ' +
      'tracking); {action:"undo"} takes back the last step; {action:"notes",notes}. With If-Match, a request ' +
      'changed meanwhile is not changed: 412.',
    params: specimenParams,
    body: specimenTrackingSchema,
    response: { 200: specimenOut },
  },
  pdf: { tags, summary: 'The specimen request letter as a PDF', params: specimenParams, response: {} },
};
