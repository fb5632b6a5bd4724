import { z } from 'zod';
import { ACCESS_RULES, ALL_CHECKLIST_KEYS, checklistLetterKey, isSpecimenItem } from '../../content/records.ts';
import type { CaseContext } from '../../platform/case-context.ts';
import type { MessageKey, Translate } from '../../platform/i18n/i18n.ts';
import { addDays } from '../../platform/tasks/tasks.ts';
import { choice, optionalDate, optionalText, requiredText } from '../../platform/validation.ts';

// Records requests: pure rules for the form, the clock, and the letter's words (ADR 0148).
// Two kinds, from what the person asks for:
// - 'access': the HIPAA right of access (45 CFR 164.524). Copies for the patient, in any
//   form, or an electronic copy of what the office keeps in its electronic health record
//   sent straight to someone else (the third-party directive, as narrowed by Ciox Health v.
//   Azar, D.D.C. 2020). A 30-day clock with one 30-day extension.
// - 'authorization': paper copies sent to someone else. Outside the right of access since
//   that ruling, so the letter is a HIPAA authorization (45 CFR 164.508): no legal clock,
//   only a reminder to follow up.
// Slides and tissue blocks are not records: a specimen request asks for them (specimens.ts).

export const FORMATS = ['electronic', 'paper'] as const;
export const DELIVERIES = ['me', 'third_party'] as const;
export const REQUEST_KINDS = ['access', 'authorization'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Which kind of request a letter is, from the form and the delivery asked for. */
export function requestKind(r: {
  format: (typeof FORMATS)[number];
  delivery: (typeof DELIVERIES)[number];
}): RequestKind {
  return r.delivery === 'third_party' && r.format === 'paper' ? 'authorization' : 'access';
}

/** Only the right of access runs a legal clock; an authorization gets a reminder instead. */
export const runsLegalClock = (kind: RequestKind) => kind === 'access';

/** Days after sending an authorization before we remind people to check on it. Our choice, not a law. */
export const FOLLOW_UP_DAYS = 21;

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
    if (v.recordsWanted.some(isSpecimenItem)) {
      ctx.addIssue({ code: 'custom', path: ['recordsWanted'], message: 'records.requests.errors.specimenNotRecord' });
    }
    if (v.recordsWanted.length === 0 && !v.recordsOther) {
      ctx.addIssue({ code: 'custom', path: ['recordsWanted'], message: 'records.requests.errors.recordsRequired' });
    }
    if (v.delivery === 'third_party' && !v.recipientName) {
      ctx.addIssue({ code: 'custom', path: ['recipientName'], message: 'records.requests.errors.recipientRequired' });
    }
    if (v.delivery === 'third_party' && !v.recipientAddress) {
      ctx.addIssue({
        code: 'custom',
        path: ['recipientAddress'],
        message: 'records.requests.errors.recipientAddressRequired',
      });
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
  z.object({
    action: z.literal('received'),
    receivedOn: z.preprocess((v) => v ?? '', optionalDate({ notFuture: true })),
  }),
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
  kind: RequestKind;
  /** Authorizations only: when we remind people to check on it. */
  followUpOn: string | null;
  sentOn: string | null;
  dueOn: string | null;
  extensionReason: string | null;
  extendedDueOn: string | null;
  receivedOn: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  /** Raised by one on every change (ADR 0016). */
  version: number;
}

export type RequestStatus = 'draft' | 'waiting' | 'extended' | 'overdue' | 'follow_up' | 'received';
export const REQUEST_STATUSES = [
  'draft',
  'waiting',
  'extended',
  'overdue',
  'follow_up',
  'received',
] as const satisfies readonly RequestStatus[];

type ClockFields = Pick<RecordRequest, 'kind' | 'sentOn' | 'extendedDueOn'>;

/**
 * The legal due date of a right-of-access request: 30 days after sending, or 30 more after
 * the one allowed extension. An authorization has none.
 */
export function dueDate(r: ClockFields): string | null {
  if (!runsLegalClock(r.kind) || !r.sentOn) return null;
  return r.extendedDueOn ?? addDays(r.sentOn, ACCESS_RULES.daysToAct);
}

/** When to remind people to check on an authorization (not a legal deadline). */
export function followUpDate(r: Pick<RecordRequest, 'kind' | 'sentOn'>): string | null {
  if (runsLegalClock(r.kind) || !r.sentOn) return null;
  return addDays(r.sentOn, FOLLOW_UP_DAYS);
}

export function requestStatus(r: ClockFields & Pick<RecordRequest, 'receivedOn'>, today: string): RequestStatus {
  if (r.receivedOn) return 'received';
  if (!r.sentOn) return 'draft';
  if (!runsLegalClock(r.kind)) return followUpDate(r)! < today ? 'follow_up' : 'waiting';
  const due = dueDate(r)!;
  if (due < today) return 'overdue';
  return r.extendedDueOn ? 'extended' : 'waiting';
}

export type TrackingError =
  | 'records.requests.errors.notSent'
  | 'records.requests.errors.alreadyExtended'
  | 'records.requests.errors.alreadyReceived'
  | 'records.requests.errors.noClock';

/** Which tracking steps are allowed now; the law allows one extension only, and only where it sets a clock. */
export function checkTracking(
  r: Pick<RecordRequest, 'kind' | 'sentOn' | 'extendedDueOn' | 'receivedOn'>,
  action: TrackingInput['action'],
): TrackingError | null {
  if (action === 'extension') {
    if (!runsLegalClock(r.kind)) return 'records.requests.errors.noClock';
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

/**
 * The request letter's words, from the case and the request. Used by the printable page and
 * the PDF. Each kind claims only what the law gives it: a right-of-access request for the
 * patient, an electronic third-party directive, or a HIPAA authorization for paper copies
 * sent to someone else (with the elements 45 CFR 164.508(c) requires).
 */
export function buildLetter(
  t: Translate,
  c: Pick<CaseContext, 'patientName' | 'patientDateOfBirth'>,
  r: RecordRequest,
  today: string,
  formatDate: (iso: string) => string,
): Letter {
  // Slides and blocks never go in a records letter, even on a request written before they left it.
  const wanted = [
    ...r.recordsWanted.filter((k) => !isSpecimenItem(k)).map((k) => t(checklistLetterKey(k))),
    ...(r.recordsOther ? [r.recordsOther] : []),
  ];
  const range =
    r.dateFrom && r.dateTo
      ? t('records.letter.rangeBoth', { from: formatDate(r.dateFrom), to: formatDate(r.dateTo) })
      : r.dateFrom
        ? t('records.letter.rangeFrom', { from: formatDate(r.dateFrom) })
        : r.dateTo
          ? t('records.letter.rangeTo', { to: formatDate(r.dateTo) })
          : t('records.letter.rangeAll');
  const recipient = { name: r.recipientName ?? '', address: (r.recipientAddress ?? '').replace(/\s*\n\s*/g, ', ') };
  const identity = patientIdentity(t, c, formatDate);
  const wantedIntro = t('records.letter.wantedIntro', { range });
  const format = r.format === 'electronic' ? t('records.letter.formatElectronic') : t('records.letter.formatPaper');

  let subject: string;
  let paragraphs: string[];
  let afterList: string[];
  if (r.kind === 'authorization') {
    subject = t('records.letter.subjectAuthorization');
    paragraphs = [t('records.letter.openingAuthorization', { provider: r.providerName }), identity, wantedIntro];
    afterList = [
      format,
      t('records.letter.authorizationRecipient', recipient),
      t('records.letter.authorizationPurpose'),
      t('records.letter.authorizationExpires'),
      t('records.letter.authorizationRevoke'),
      t('records.letter.authorizationCondition'),
      t('records.letter.authorizationRedisclose'),
      t('records.letter.authorizationTiming'),
      t('records.letter.feesThirdParty'),
      t('records.letter.contact'),
    ];
  } else if (r.delivery === 'third_party') {
    subject = t('records.letter.subjectDirective');
    paragraphs = [t('records.letter.openingDirective'), identity, wantedIntro];
    afterList = [
      format,
      t('records.letter.deliveryThirdParty', recipient),
      t('records.letter.directiveEhrOnly'),
      t('records.letter.deadline'),
      t('records.letter.feesThirdParty'),
      t('records.letter.contact'),
    ];
  } else {
    subject = t('records.letter.subject');
    paragraphs = [t('records.letter.opening'), identity, wantedIntro];
    afterList = [
      format,
      t('records.letter.deliveryMe'),
      t('records.letter.deadline'),
      t('records.letter.fees'),
      t('records.letter.cures'),
      t('records.letter.contact'),
    ];
  }
  return {
    date: formatDate(today),
    to: [
      t('records.letter.toRecords'),
      r.providerName,
      ...(r.providerAddress
        ? r.providerAddress
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter(Boolean)
        : []),
    ],
    subject,
    greeting: t('records.letter.greeting'),
    paragraphs,
    wanted,
    afterList,
    ...patientSigns(t, c),
  };
}

/** Who a letter is from, and how the patient (or their representative) signs it: the same on every letter. */
export function patientSigns(
  t: Translate,
  c: Pick<CaseContext, 'patientName'>,
): Pick<Letter, 'from' | 'closing' | 'signatureLines'> {
  return {
    from: [c.patientName, t('records.letter.addressBlank'), t('records.letter.phoneBlank')],
    closing: t('records.letter.closing'),
    signatureLines: [
      t('records.letter.signature'),
      t('records.letter.printedName', { name: c.patientName }),
      t('records.letter.signDate'),
      t('records.letter.representative'),
    ],
  };
}

/** The patient's name and date of birth, as every letter says them. */
export const patientIdentity = (
  t: Translate,
  c: Pick<CaseContext, 'patientName' | 'patientDateOfBirth'>,
  formatDate: (iso: string) => string,
) =>
  t('records.letter.identity', {
    name: c.patientName,
    dob: c.patientDateOfBirth ? formatDate(c.patientDateOfBirth) : t('records.letter.dobBlank'),
  });
