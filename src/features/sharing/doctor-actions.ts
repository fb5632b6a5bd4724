import type { Readable } from 'node:stream';
import { loadCaseContext } from '../../platform/case-context.ts';
import { later } from '../../platform/dates.ts';
import { parseWith } from '../../platform/http/context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { FieldErrors, FormValues } from '../../platform/ui/page-context.ts';
import { formVersion } from '../../platform/versions.ts';
import {
  errorsToForm,
  makeOpinionSchema,
  type OpinionRecord,
  opinionFromForm,
  toStored,
} from '../opinions/opinions.ts';
import type { DocumentRecord, DocumentSource } from '../records/documents.ts';
import { doctorFormValues } from './doctor-form.ts';
import type { LinkScope } from './link-route.ts';
import type { PacketFormat } from './packet.ts';
import { loadCover, type PreparedPacket, preparePacket } from './packet-kit.ts';
import { hashToken, newShareToken, normaliseCode, SHARE_LIMITS } from './shares.ts';
import type { SharingOptions } from './shares-kit.ts';
import { clearFailedCodes, insertShareSession, opinionIdForShare, recordFailedCode } from './shares-store.ts';

// What the consulting doctor can do through a link (ADR 0171). Each act runs in the link
// route's one transaction and is recorded there: the link's access log and the patient's
// audit chain (actor 'share'). What the link does not share is simply "not available".

const INLINE_TYPES = new Set(['pdf', 'jpeg', 'png']);

/** The documents this link shares that are still in the case, in the order chosen. */
async function sharedDocuments(s: LinkScope, source: DocumentSource): Promise<DocumentRecord[]> {
  const inCase = new Map((await source.listDocuments(s.trx, s.share.caseId)).map((d) => [d.id, d]));
  return s.share.documentIds.map((id) => inCase.get(id)).filter((d): d is DocumentRecord => !!d);
}

/** This link's own opinion, found by the link, never by an id a form sends. */
async function linkOpinion(s: LinkScope, o: SharingOptions): Promise<OpinionRecord | null> {
  const id = await opinionIdForShare(s.trx, s.share.id);
  return id ? o.opinions.find(s.trx, s.share.caseId, id) : null;
}

/** The link's first page: the cover summary, the shared documents, and the opinion written, if any. */
export async function openLink(s: LinkScope, o: SharingOptions) {
  const cover = await loadCover(s.trx, o.packet, s.share.caseId);
  const opinion = await linkOpinion(s, o);
  const documents = await sharedDocuments(s, o.packet.documents(s.deps));
  await s.record('opened', { action: 'share.open', objectType: 'share', objectId: s.share.id });
  return { cover, documents, opinion };
}

export type CodeOutcome =
  | { ok: true; secret: string; expires: Date }
  | { ok: false; locked: boolean; triesLeft: number };

/**
 * The access code: right, and a code session starts (its secret only in the answer's
 * cookie, its hash stored); wrong, and the count goes up, in one statement, locking the
 * link at the limit.
 */
export async function enterCode(s: LinkScope, typedCode: string): Promise<CodeOutcome> {
  const typed = normaliseCode(typedCode);
  const right = typed !== '' && !!s.codeHash && (await s.deps.passwords.verify(s.codeHash, typed));
  if (right) {
    const secret = newShareToken();
    const expires = later(new Date(s.now), SHARE_LIMITS.sessionMinutes * 60_000);
    await clearFailedCodes(s.trx, s.share.id, s.now);
    await insertShareSession(s.trx, s.share.id, hashToken(secret), s.now, expires.toISOString());
    await s.record('code_ok', { action: 'share.code_ok', objectType: 'share', objectId: s.share.id });
    return { ok: true, secret, expires };
  }
  const result = await recordFailedCode(s.trx, s.share.id, SHARE_LIMITS.maxFailures, s.now);
  await s.record('code_wrong', { action: 'share.code_wrong', objectType: 'share', objectId: s.share.id });
  if (result.locked) await s.record('locked', { action: 'share.locked', objectType: 'share', objectId: s.share.id });
  return { ok: false, locked: result.locked, triesLeft: SHARE_LIMITS.maxFailures - result.failures };
}

/**
 * One shared document to view in the browser (PDF and pictures) or to download; null when
 * the link does not share it. Its stream is opened here, in the transaction, and read after.
 */
export async function openDocument(s: LinkScope, o: SharingOptions, documentId: string, inline: boolean) {
  const source = o.packet.documents(s.deps);
  // Only a document this link shares: a tampered or another case's id is simply not there.
  const d = (await sharedDocuments(s, source)).find((x) => x.id === documentId);
  if (!d) return null;
  const asInline = inline && INLINE_TYPES.has(d.detectedType);
  const { stream } = await source.openDocumentStream(s.trx, d.id);
  await s.record(asInline ? 'viewed_document' : 'downloaded_document', {
    action: asInline ? 'document.view' : 'document.download',
    objectType: 'document',
    objectId: d.id,
  });
  return { d, stream: stream as Readable, asInline };
}

/** The packet of exactly the documents this link shares, never the case's others; null when it shares none. */
export async function preparePacketFor(
  s: LinkScope,
  o: SharingOptions,
  format: PacketFormat,
): Promise<PreparedPacket | null> {
  const ids = (await sharedDocuments(s, o.packet.documents(s.deps))).map((d) => d.id);
  if (ids.length === 0) return null;
  const prepared = await preparePacket(s.trx, s.deps, o.packet, s.share.caseId, ids);
  const action = format === 'zip' ? 'downloaded_packet_zip' : 'downloaded_packet_pdf';
  await s.record(action, { action: 'packet.download', objectType: 'case', objectId: s.share.caseId });
  return prepared;
}

/** What the opinion form needs; opening it (not showing it again with errors) is recorded. */
export async function opinionForm(s: LinkScope, o: SharingOptions, opened: boolean) {
  const c = await loadCaseContext(s.trx, s.share.caseId);
  const questions = await o.questions(s.trx, s.share.caseId);
  const opinion = await linkOpinion(s, o);
  if (opened)
    await s.record('opened_opinion_form', { action: 'share.opinion_form', objectType: 'share', objectId: s.share.id });
  return { c, questions, opinion };
}

export type WriteOutcome =
  | { kind: 'saved' }
  | { kind: 'invalid'; errors: FieldErrors }
  /** The person accepted or set aside the opinion: it is theirs now. */
  | { kind: 'closed' }
  /** Someone changed the opinion since this form was filled from it (ADR 0016). */
  | { kind: 'stale'; current: OpinionRecord };

/**
 * The doctor writes (or changes, while the person has not taken it yet) the opinion, as of
 * today and in writing: the date and the way are not theirs to set. `values` is the form as
 * the doctor's page posts it, cleaned by doctorFormValues.
 */
export async function writeOpinion(s: LinkScope, o: SharingOptions, values: FormValues): Promise<WriteOutcome> {
  const { input, paths } = opinionFromForm(values);
  const parsed = parseWith(
    makeOpinionSchema(() => s.today),
    { ...input, givenOn: s.today, givenHow: 'written_report' },
  );
  const errors: FieldErrors = parsed.ok ? {} : errorsToForm(parsed.errors, paths);
  for (const [i, text] of await o.opinions.codeProblems((input.diagnoses as unknown[]) ?? [])) {
    errors[paths[`diagnoses.${i}.code`] ?? `diagnoses.${i}.code`] = text as MessageKey;
  }
  if (!parsed.ok || Object.keys(errors).length > 0) return { kind: 'invalid', errors };

  const described = new Map<string, string | null>();
  for (const d of parsed.data.diagnoses) if (d.code) described.set(d.code, await o.opinions.describeCode(d.code));
  const stored = toStored(parsed.data, (code) => described.get(code) ?? null);
  const existing = await linkOpinion(s, o);
  if (!existing) {
    const ids = { caseId: s.share.caseId, patientId: s.share.patientId, shareId: s.share.id };
    const id = await o.opinions.insertPending(s.trx, s.now, ids, stored);
    await s.record('wrote_opinion', { action: 'opinion.create', objectType: 'opinion', objectId: id });
    return { kind: 'saved' };
  }
  if (existing.status !== 'pending') return { kind: 'closed' };
  const version = formVersion(values) ?? existing.version;
  if (!(await o.opinions.update(s.trx, existing.id, s.now, stored, version))) {
    const current = (await linkOpinion(s, o))!;
    return current.status === 'pending' ? { kind: 'stale', current } : { kind: 'closed' };
  }
  await s.record('changed_opinion', { action: 'opinion.update', objectType: 'opinion', objectId: existing.id });
  return { kind: 'saved' };
}

/** The posted form, cleaned: the case's questions from the server, only the rows the form has. */
export async function doctorValues(s: LinkScope, o: SharingOptions, posted: FormValues): Promise<FormValues> {
  return doctorFormValues(posted, await o.questions(s.trx, s.share.caseId));
}
