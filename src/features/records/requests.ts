import { z } from 'zod';
import { ACCESS_RULES, ALL_CHECKLIST_KEYS, checklistLetterKey } from '../../content/records.ts';
import type { CaseContext } from '../../platform/case-context.ts';
import type { MessageKey, Translate } from '../../platform/i18n/i18n.ts';
import { addDays } from '../../platform/tasks/tasks.ts';
import { choice, optionalDate, optionalText, requiredText } from '../../platform/validation.ts';

// Records requests under the HIPAA right of access (45 CFR 164.524): pure rules for the
// form, the 30 + 30 day clock, and the letter's words.

export const FORMATS = ['electronic', 'paper'] as const;
export const DELIVERIES = ['me', 'third_party'] as const;

/** Checkbox values come as a string or a list; the API sends a list. */
const keyList = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(ALL_CHECKLIST_KEYS as [string, ...string[]], 'errors.chooseOne')).max(40),
);

export const requestSchema = z
  .object({
    providerName: requiredText(200, 'records.requests.errors.providerRequired'),
    providerAddress: optionalText(500),
    providerContact: optionalText(200),
    recordsWanted: keyList,
    recordsOther: optionalText(1000),
    dateFrom: optionalDate({ notFuture: true }),
    dateTo: optionalDate(),
    format: choice(FORMATS, 'records.requests.errors.formatRequired'),
    delivery: choice(DELIVERIES, 'records.requests.errors.deliveryRequired'),
    recipientName: optionalText(200),
    recipientAddress: optionalText(500),
    notes: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.recordsWanted.length === 0 && !v.recordsOther) {
      ctx.addIssue({ code: 'custom', path: ['recordsWanted'], message: 'records.requests.errors.recordsRequired' });
    }
    if (v.delivery === 'third_party' && !v.recipientName) {
      ctx.addIssue({ code: 'custom', path: ['recipientName'], message: 'records.requests.errors.recipientRequired' });
    }
    if (v.delivery === 'third_party' && !v.recipientAddress) {
      ctx.addIssue({ code: 'custom', path: ['recipientAddress'], message: 'records.requests.errors.recipientAddressRequired' });
    }
    if (v.dateFrom && v.dateTo && v.dateTo < v.dateFrom) {
      ctx.addIssue({ code: 'custom', path: ['dateTo'], message: 'records.requests.errors.dateOrder' });
    }
  });
export type RequestInput = z.infer<typeof requestSchema>;

/** Tracking: what happened to a request since it was written. */
export const trackingSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('sent'), sentOn: z.preprocess((v) => v ?? '', optionalDate({ notFuture: true })) }),
  z.object({ action: z.literal('extension'), reason: requiredText(1000, 'records.requests.errors.reasonRequired') }),
  z.object({ action: z.literal('received'), receivedOn: z.preprocess((v) => v ?? '', optionalDate({ notFuture: true })) }),
  z.object({ action: z.literal('notes'), notes: optionalText(2000) }),
]);
export type TrackingInput = z.infer<typeof trackingSchema>;

export interface RecordRequest {
  id: string;
  caseId: string;
  patientId: string;
  providerName: string;
  providerAddress: string | null;
  providerContact: string | null;
  recordsWanted: string[];
  recordsOther: string | null;
  dateFrom: string | null;
  dateTo: string | null;
  format: (typeof FORMATS)[number];
  delivery: (typeof DELIVERIES)[number];
  recipientName: string | null;
  recipientAddress: string | null;
  sentOn: string | null;
  dueOn: string | null;
  extensionReason: string | null;
  extendedDueOn: string | null;
  receivedOn: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

export type RequestStatus = 'draft' | 'waiting' | 'extended' | 'overdue' | 'received';

/** When the records are due: 30 days after sending, or 30 more after the one allowed extension. */
export function dueDate(r: Pick<RecordRequest, 'sentOn' | 'extendedDueOn'>): string | null {
  if (!r.sentOn) return null;
  return r.extendedDueOn ?? addDays(r.sentOn, ACCESS_RULES.daysToAct);
}

export function requestStatus(r: Pick<RecordRequest, 'sentOn' | 'extendedDueOn' | 'receivedOn'>, today: string): RequestStatus {
  if (r.receivedOn) return 'received';
  if (!r.sentOn) return 'draft';
  const due = dueDate(r)!;
  if (due < today) return 'overdue';
  return r.extendedDueOn ? 'extended' : 'waiting';
}

export type TrackingError = 'records.requests.errors.notSent' | 'records.requests.errors.alreadyExtended' | 'records.requests.errors.alreadyReceived';

/** Which tracking steps are allowed now; the law allows one extension only. */
export function checkTracking(r: Pick<RecordRequest, 'sentOn' | 'extendedDueOn' | 'receivedOn'>, action: TrackingInput['action']): TrackingError | null {
  if (action === 'extension') {
    if (!r.sentOn) return 'records.requests.errors.notSent';
    if (r.receivedOn) return 'records.requests.errors.alreadyReceived';
    if (r.extendedDueOn) return 'records.requests.errors.alreadyExtended';
  }
  if (action === 'received' && r.receivedOn) return 'records.requests.errors.alreadyReceived';
  return null;
}

export const statusKey = (s: RequestStatus) => `records.requests.status.${s}` as MessageKey;

// ---------- the letter ----------

export interface Letter {
  date: string;
  to: string[];
  from: string[];
  subject: string;
  greeting: string;
  paragraphs: string[];
  wanted: string[];
  afterList: string[];
  closing: string;
  signatureLines: string[];
}

/** The request letter's words, from the case and the request. Used by the printable page and the PDF. */
export function buildLetter(t: Translate, c: Pick<CaseContext, 'patientName' | 'patientDateOfBirth'>, r: RecordRequest, today: string, formatDate: (iso: string) => string): Letter {
  const wanted = [...r.recordsWanted.map((k) => t(checklistLetterKey(k))), ...(r.recordsOther ? [r.recordsOther] : [])];
  const range =
    r.dateFrom && r.dateTo
      ? t('records.letter.rangeBoth', { from: formatDate(r.dateFrom), to: formatDate(r.dateTo) })
      : r.dateFrom
        ? t('records.letter.rangeFrom', { from: formatDate(r.dateFrom) })
        : r.dateTo
          ? t('records.letter.rangeTo', { to: formatDate(r.dateTo) })
          : t('records.letter.rangeAll');
  const paragraphs = [
    t('records.letter.opening'),
    t('records.letter.identity', { name: c.patientName, dob: c.patientDateOfBirth ? formatDate(c.patientDateOfBirth) : t('records.letter.dobBlank') }),
    t('records.letter.wantedIntro', { range }),
  ];
  const afterList = [
    r.format === 'electronic' ? t('records.letter.formatElectronic') : t('records.letter.formatPaper'),
    r.delivery === 'third_party'
      ? t('records.letter.deliveryThirdParty', { name: r.recipientName ?? '', address: (r.recipientAddress ?? '').replace(/\s*\n\s*/g, ', ') })
      : t('records.letter.deliveryMe'),
    t('records.letter.deadline'),
    t('records.letter.fees'),
    t('records.letter.cures'),
    t('records.letter.contact'),
  ];
  return {
    date: formatDate(today),
    to: [t('records.letter.toRecords'), r.providerName, ...(r.providerAddress ? r.providerAddress.split(/\r?\n/).map((l) => l.trim()).filter(Boolean) : [])],
    from: [c.patientName, t('records.letter.addressBlank'), t('records.letter.phoneBlank')],
    subject: t('records.letter.subject'),
    greeting: t('records.letter.greeting'),
    paragraphs,
    wanted,
    afterList,
    closing: t('records.letter.closing'),
    signatureLines: [
      t('records.letter.signature'),
      t('records.letter.printedName', { name: c.patientName }),
      t('records.letter.signDate'),
      t('records.letter.representative'),
    ],
  };
}
