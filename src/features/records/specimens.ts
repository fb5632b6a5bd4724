import { z } from 'zod';
import type { CaseContext } from '../../platform/case-context.ts';
import type { MessageKey, Translate } from '../../platform/i18n/i18n.ts';
import { addDays } from '../../platform/tasks/tasks.ts';
import { choice, optionalDate, optionalText, requiredText } from '../../platform/validation.ts';
import { type Letter, patientIdentity, patientSigns } from './requests.ts';

// Specimen requests (ADR 0149): pathology slides and tissue blocks are tissue, not records,
// so the HIPAA right of access and its 30-day clock do not cover them. The patient asks the
// lab that keeps them, by letter, to send named slides and blocks to the pathology
// department giving the second opinion. We track the package like a shipment: requested
// (letter sent), sent (by the lab), received (by the consulting department), returned.
// Pure rules only: the form, the steps, the reminders and the letter's words.

export const SPECIMEN_KINDS = ['stained_slides', 'unstained_slides', 'blocks'] as const;
export type SpecimenKind = (typeof SPECIMEN_KINDS)[number];
/** Rows the page offers for specimens (enough for most cases; the API takes up to MAX_SPECIMENS). */
export const SPECIMEN_FORM_ROWS = 4;
export const MAX_SPECIMENS = 20;

export const specimenKindKey = (k: string) => `records.specimens.kind.${k}` as MessageKey;

const count = z.preprocess(
  (v) => (v === '' || v === null || v === undefined ? undefined : typeof v === 'string' ? Number(v.trim()) : v),
  z
    .number('records.specimens.errors.count')
    .int('records.specimens.errors.count')
    .min(1, 'records.specimens.errors.count')
    .max(500, 'records.specimens.errors.count')
    .optional(),
);

export const specimenItemSchema = z.object({
  accession: requiredText(60, 'records.specimens.errors.accessionRequired'),
  kind: choice(SPECIMEN_KINDS, 'records.specimens.errors.kindRequired'),
  /** How many; none means "all of them". */
  count,
});
export type SpecimenItem = z.infer<typeof specimenItemSchema>;

/** One schema for the page and the API. No lab, no lab address or no receiving address: refused in plain words. */
export const specimenSchema = z.object({
  labName: requiredText(200, 'records.specimens.errors.labRequired'),
  labAddress: requiredText(500, 'records.specimens.errors.labAddressRequired'),
  labContact: optionalText(200),
  specimens: z
    .array(specimenItemSchema, 'records.specimens.errors.specimensRequired')
    .min(1, 'records.specimens.errors.specimensRequired')
    .max(MAX_SPECIMENS, 'errors.tooLong'),
  recipientName: requiredText(200, 'records.specimens.errors.recipientRequired'),
  recipientAddress: requiredText(500, 'records.specimens.errors.recipientAddressRequired'),
  recipientContact: optionalText(200),
  recipientPhone: optionalText(60),
  notes: optionalText(2000),
});
export type SpecimenInput = z.infer<typeof specimenSchema>;

/**
 * The page's flat fields ("specimens.0.accession", ...) as the API's list. Rows left wholly
 * blank are skipped; a half-filled row stays, so the schema names what is missing.
 */
export function specimenRowsFromForm(values: Record<string, string | undefined>): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < SPECIMEN_FORM_ROWS; i++) {
    const row = {
      accession: values[`specimens.${i}.accession`] ?? '',
      kind: values[`specimens.${i}.kind`] ?? '',
      count: values[`specimens.${i}.count`] ?? '',
    };
    if (Object.values(row).every((v) => v.trim() === '')) continue;
    rows.push(row);
  }
  return rows;
}

/**
 * Zod names a row by its place in the list of filled rows; the page names it by its place
 * on the form. Maps "specimens.<n>.field" back to the form row, so the message sits under
 * the right box.
 */
export function specimenRowErrors(
  errors: Record<string, MessageKey>,
  values: Record<string, string | undefined>,
): Record<string, MessageKey> {
  const filled: number[] = [];
  for (let i = 0; i < MAX_SPECIMENS; i++) {
    const keys = ['accession', 'kind', 'count'].map((f) => values[`specimens.${i}.${f}`] ?? '');
    if (keys.some((v) => v.trim() !== '')) filled.push(i);
  }
  const out: Record<string, MessageKey> = {};
  for (const [field, key] of Object.entries(errors)) {
    const m = /^specimens\.(\d+)\.(\w+)$/.exec(field);
    out[m ? `specimens.${filled[Number(m[1])] ?? m[1]}.${m[2]}` : field] = key;
  }
  return out;
}

// ---------- the shipment ----------

export const SHIPMENT_STEPS = ['requested', 'sent', 'received', 'returned'] as const;
export type ShipmentStep = (typeof SHIPMENT_STEPS)[number];
export type SpecimenStatus = 'draft' | ShipmentStep;
export const SPECIMEN_STATUSES = ['draft', ...SHIPMENT_STEPS] as const;

export interface SpecimenRequest {
  id: string;
  caseId: string;
  patientId: string;
  labName: string;
  labAddress: string;
  labContact: string | null;
  specimens: SpecimenItem[];
  recipientName: string;
  recipientAddress: string;
  recipientContact: string | null;
  recipientPhone: string | null;
  requestedOn: string | null;
  sentOn: string | null;
  tracking: string | null;
  receivedOn: string | null;
  returnedOn: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  /** Raised by one on every change (ADR 0016). */
  version: number;
}

export type ShipmentDates = Pick<SpecimenRequest, 'requestedOn' | 'sentOn' | 'receivedOn' | 'returnedOn'>;

const FIELD: Record<ShipmentStep, keyof ShipmentDates> = {
  requested: 'requestedOn',
  sent: 'sentOn',
  received: 'receivedOn',
  returned: 'returnedOn',
};

/** The furthest step with a date; steps may be skipped (a lab that sends at once), never undone by accident. */
export function specimenStatus(r: ShipmentDates): SpecimenStatus {
  for (const step of [...SHIPMENT_STEPS].reverse()) if (r[FIELD[step]]) return step;
  return 'draft';
}

const stepIndex = (s: SpecimenStatus) => (s === 'draft' ? -1 : SHIPMENT_STEPS.indexOf(s));

/** The date of the furthest step done, which a later step may not come before. */
export function lastStepDate(r: ShipmentDates): string | null {
  const s = specimenStatus(r);
  return s === 'draft' ? null : r[FIELD[s]];
}

export const specimenTrackingSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('requested'), on: z.preprocess((v) => v ?? '', optionalDate({ notFuture: true })) }),
  z.object({
    action: z.literal('sent'),
    on: z.preprocess((v) => v ?? '', optionalDate({ notFuture: true })),
    tracking: optionalText(200),
  }),
  z.object({ action: z.literal('received'), on: z.preprocess((v) => v ?? '', optionalDate({ notFuture: true })) }),
  z.object({ action: z.literal('returned'), on: z.preprocess((v) => v ?? '', optionalDate({ notFuture: true })) }),
  /** Takes back the last step, for a step marked by mistake. */
  z.object({ action: z.literal('undo') }),
  z.object({ action: z.literal('notes'), notes: optionalText(2000) }),
]);
export type SpecimenTrackingInput = z.infer<typeof specimenTrackingSchema>;

export type SpecimenTrackingError =
  | 'records.specimens.errors.notForward'
  | 'records.specimens.errors.dateBeforeLast'
  | 'records.specimens.errors.nothingToUndo';

/** Only forward steps, dated no earlier than the last one; undo needs a step to take back. */
export function checkSpecimenStep(
  r: ShipmentDates,
  action: SpecimenTrackingInput['action'],
  on?: string,
): SpecimenTrackingError | null {
  const status = specimenStatus(r);
  if (action === 'notes') return null;
  if (action === 'undo') return status === 'draft' ? 'records.specimens.errors.nothingToUndo' : null;
  if (stepIndex(action) <= stepIndex(status)) return 'records.specimens.errors.notForward';
  const last = lastStepDate(r);
  if (on && last && on < last) return 'records.specimens.errors.dateBeforeLast';
  return null;
}

/** The dates after a step (already checked): a forward step sets its date; undo clears the last one. */
export function applySpecimenStep(
  r: ShipmentDates & Pick<SpecimenRequest, 'tracking'>,
  input: Exclude<SpecimenTrackingInput, { action: 'notes' }>,
  today: string,
): ShipmentDates & Pick<SpecimenRequest, 'tracking'> {
  const next = {
    requestedOn: r.requestedOn,
    sentOn: r.sentOn,
    receivedOn: r.receivedOn,
    returnedOn: r.returnedOn,
    tracking: r.tracking,
  };
  if (input.action === 'undo') {
    const s = specimenStatus(r);
    if (s !== 'draft') next[FIELD[s]] = null;
    if (s === 'sent') next.tracking = null;
    return next;
  }
  next[FIELD[input.action]] = input.on ?? today;
  if (input.action === 'sent') next.tracking = input.tracking ?? null;
  return next;
}

export const specimenStatusKey = (s: SpecimenStatus) => `records.specimens.status.${s}` as MessageKey;

// ---------- reminders ----------

/** Days after the letter goes out before we remind people to check the lab sent the package. Our choice, not a law. */
export const CHECK_SENT_DAYS = 14;
/** Days after the lab sends it before we remind people to check it arrived. Our choice, not a law. */
export const CHECK_RECEIVED_DAYS = 7;

export interface SpecimenTask {
  kind: 'specimens_check_sent' | 'specimens_check_received';
  title: MessageKey;
  vars: Record<string, string>;
  dueOn: string;
}

/** The one open reminder a request needs at its current step, or none once the package arrived. */
export function specimenTask(r: SpecimenRequest): SpecimenTask | null {
  const status = specimenStatus(r);
  if (status === 'requested') {
    return {
      kind: 'specimens_check_sent',
      title: 'records.specimens.task.checkSent',
      vars: { lab: r.labName },
      dueOn: addDays(r.requestedOn!, CHECK_SENT_DAYS),
    };
  }
  if (status === 'sent') {
    return {
      kind: 'specimens_check_received',
      title: 'records.specimens.task.checkReceived',
      vars: { recipient: r.recipientName },
      dueOn: addDays(r.sentOn!, CHECK_RECEIVED_DAYS),
    };
  }
  return null;
}

// ---------- the letter ----------

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ', ');
const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The item as the letter names it: accession number, what, and how many (or all). */
export function specimenLine(t: Translate, s: SpecimenItem): string {
  const what = t(specimenKindKey(s.kind));
  return s.count
    ? t('records.specimens.letter.item', { accession: s.accession, what, count: s.count })
    : t('records.specimens.letter.itemAll', { accession: s.accession, what });
}

/** The letter from the patient to the lab, in the same shape as a records letter (one PDF writer for both). */
export function buildSpecimenLetter(
  t: Translate,
  c: Pick<CaseContext, 'patientName' | 'patientDateOfBirth'>,
  r: SpecimenRequest,
  today: string,
  formatDate: (iso: string) => string,
): Letter {
  const contact = [r.recipientContact, r.recipientPhone].filter(Boolean).join(', ');
  return {
    date: formatDate(today),
    to: [t('records.specimens.letter.toLab'), r.labName, ...lines(r.labAddress)],
    subject: t('records.specimens.letter.subject'),
    greeting: t('records.specimens.letter.greeting'),
    paragraphs: [
      t('records.specimens.letter.opening'),
      patientIdentity(t, c, formatDate),
      t('records.specimens.letter.listIntro'),
    ],
    wanted: r.specimens.map((s) => specimenLine(t, s)),
    afterList: [
      t('records.specimens.letter.sendTo', { name: r.recipientName, address: oneLine(r.recipientAddress) }),
      ...(contact ? [t('records.specimens.letter.contact', { contact })] : []),
      t('records.specimens.letter.report'),
      t('records.specimens.letter.return'),
      t('records.specimens.letter.tellMe'),
      t('records.specimens.letter.fees'),
    ],
    ...patientSigns(t, c),
  };
}
