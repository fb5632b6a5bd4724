import { type ActionResult, ok, refuse } from '../../platform/actions.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { CaseScope } from '../../platform/http/case-route.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { PlanRecord } from '../coverage/coverage.ts';
import type { OpinionRecord } from '../opinions/opinions.ts';
import type { DocumentRecord } from '../records/documents.ts';
import type { TimelineItem } from '../records/timeline.ts';
import { caseToFhirBundle } from './fhir-export.ts';
import type { PacketFormat } from './packet.ts';
import { loadCover, type PacketProviders, type PreparedPacket, preparePacket } from './packet-kit.ts';
import {
  checkDocumentChoice,
  expiryErrors,
  expiryFrom,
  hashToken,
  newAccessCode,
  newShareToken,
  type ShareInput,
  type ShareRecord,
} from './shares.ts';
import * as store from './shares-store.ts';

// What a member of the case can do in step 7 (ADR 0014): share links, the records packet,
// the FHIR export. Each action runs in the route's one transaction and audits there. (What
// the consulting doctor can do through a link is doctor-actions.ts.)

const documentsOf = (s: CaseScope, packet: PacketProviders) => packet.documents(s.deps).listDocuments(s.trx, s.caseId);

// ---------- share links ----------

/** The case's links, their access log, the doctors' opinions that wait, and the documents (to name them). */
export async function viewSharing(s: CaseScope, packet: PacketProviders) {
  const shares = await store.listShares(s.trx, s.caseId);
  const log = await store.listAccessLog(s.trx, s.caseId);
  const pending = await store.pendingSharedOpinions(s.trx, s.caseId);
  const documents = await documentsOf(s, packet);
  await s.record('share.list', 'case', s.caseId);
  return { shares, log, pending, documents };
}

/** The documents to choose from on the form for a new link. */
export async function shareForm(s: CaseScope, packet: PacketProviders): Promise<DocumentRecord[]> {
  const documents = await documentsOf(s, packet);
  await s.record('case.view', 'case', s.caseId);
  return documents;
}

export interface Created {
  share: ShareRecord;
  url: string;
  /** The access code as made (no dash), or null. */
  accessCode: string | null;
}

/**
 * Makes a link. The token and the code exist only in this answer, never in the database:
 * only their hashes are stored. Every chosen document must be one of the case's, and a
 * chosen last day must be from today (the reader's) to 90 days ahead.
 */
export async function createShare(
  s: CaseScope,
  packet: PacketProviders,
  input: ShareInput,
): Promise<ActionResult<Created>> {
  const errors = expiryErrors(input, s.today);
  const chosen = checkDocumentChoice(
    input.documentIds,
    (await documentsOf(s, packet)).map((d) => d.id),
  );
  if (!chosen) errors.documentIds = 'sharing.errors.unknownDocument';
  if (!chosen || Object.keys(errors).length > 0) return refuse(errors);
  const token = newShareToken();
  const code = input.accessCode ? newAccessCode() : null;
  const shareId = await store.insertShare(s.trx, s.now, {
    caseId: s.caseId,
    patientId: s.patientId,
    tokenHash: hashToken(token),
    doctorName: input.doctorName,
    doctorEmail: input.doctorEmail ?? null,
    doctorPractice: input.doctorPractice ?? null,
    scope: input.scope,
    expiresAt: expiryFrom(new Date(s.now), input).toISOString(),
    codeHash: code ? await s.deps.passwords.hash(code) : null,
    documentIds: chosen,
    createdBy: s.user.userId,
  });
  await s.record('share.create', 'share', shareId);
  return ok({
    share: (await store.findShare(s.trx, shareId))!,
    url: `${s.deps.config.baseUrl}/s/${token}`,
    accessCode: code,
  });
}

/**
 * Makes a new link in place of one whose address was lost (ADR 0191): the old link is turned
 * off and a new one made for the same doctor, documents, scope and last day, with a new
 * access code if the old one had one. Both in this one transaction and both audited, so a
 * person who closed the page before copying the link gets one back in a single click
 * without the app ever keeping a token it could show again.
 */
export async function replaceShare(s: CaseScope, shareId: string): Promise<ActionResult<Created>> {
  const old = await store.findShare(s.trx, shareId, s.caseId);
  if (!old) throw notFound();
  // A link already off or past its last day has nothing to stand in for: make a new one instead.
  if (old.revokedAt || old.expiresAt <= s.now) return refuse({ share: 'sharing.replace.gone' });
  await store.revokeShare(s.trx, old.id, s.user.userId, s.now);
  await s.record('share.revoke', 'share', old.id);
  const token = newShareToken();
  const code = old.hasCode ? newAccessCode() : null;
  const newId = await store.insertShare(s.trx, s.now, {
    caseId: s.caseId,
    patientId: s.patientId,
    tokenHash: hashToken(token),
    doctorName: old.doctorName,
    doctorEmail: old.doctorEmail,
    doctorPractice: old.doctorPractice,
    scope: old.scope,
    expiresAt: old.expiresAt,
    codeHash: code ? await s.deps.passwords.hash(code) : null,
    documentIds: old.documentIds,
    createdBy: s.user.userId,
  });
  await s.record('share.replace', 'share', newId);
  return ok({
    share: (await store.findShare(s.trx, newId))!,
    url: `${s.deps.config.baseUrl}/s/${token}`,
    accessCode: code,
  });
}

/** One link of this case (a foreign or unknown id is 404), looked at. */
export async function viewShare(s: CaseScope, shareId: string): Promise<ShareRecord> {
  const share = await store.findShare(s.trx, shareId, s.caseId);
  if (!share) throw notFound();
  await s.record('share.view', 'share', shareId);
  return share;
}

/** Revokes a link now (kept, with its log), or unlocks one locked by wrong codes. */
export async function changeShare(s: CaseScope, shareId: string, act: 'revoke' | 'unlock'): Promise<void> {
  if (!(await store.findShare(s.trx, shareId, s.caseId))) throw notFound();
  if (act === 'revoke') await store.revokeShare(s.trx, shareId, s.user.userId, s.now);
  else await store.unlockShare(s.trx, shareId, s.now);
  await s.record(`share.${act}`, 'share', shareId);
}

/** The case a link belongs to, for routes named by the link's id (DELETE /api/v1/shares/:shareId). */
export const caseOfShare = async (db: Queryable, params: Record<string, string>) =>
  (await store.findShare(db, params.shareId ?? ''))?.caseId ?? null;

// ---------- the records packet ----------

export async function viewPacket(s: CaseScope, packet: PacketProviders) {
  const cover = await loadCover(s.trx, packet, s.caseId);
  const documents = await documentsOf(s, packet);
  await s.record('packet.view', 'case', s.caseId);
  return { cover, documents };
}

/**
 * Checks the choice of files and records the packet in the audit log, in the request's
 * transaction, before a single byte of any file is read (the route builds it after).
 */
export async function preparePacketDownload(
  s: CaseScope,
  packet: PacketProviders,
  documentIds: string[],
  format: PacketFormat,
): Promise<PreparedPacket> {
  const prepared = await preparePacket(s.trx, s.deps, packet, s.caseId, documentIds);
  await s.record(`packet.build.${format}`, 'case', s.caseId);
  return prepared;
}

// ---------- the FHIR export ----------

/**
 * Where the export's data comes from: other features' stores, handed in by the
 * composition root (src/features/index.ts) so this feature imports none of them. Each
 * runs inside the export's own transaction.
 */
export interface FhirSources {
  /** The case's documents, archived ones left out. */
  documents(db: Queryable, caseId: string): Promise<DocumentRecord[]>;
  /** The patient's imported items; the export keeps those read from the case's documents. */
  items(db: Queryable, patientId: string): Promise<TimelineItem[]>;
  opinions(db: Queryable, caseId: string): Promise<OpinionRecord[]>;
  coverage(db: Queryable, caseId: string): Promise<PlanRecord | null>;
}

/** The whole case as one FHIR R4 Bundle. */
export async function exportFhir(s: CaseScope, sources: FhirSources) {
  const documents = await sources.documents(s.trx, s.caseId);
  const items = await sources.items(s.trx, s.c.patientId);
  const opinions = await sources.opinions(s.trx, s.caseId);
  const coverage = await sources.coverage(s.trx, s.caseId);
  await s.record('case.export_fhir', 'case', s.caseId);
  return caseToFhirBundle(
    { case: s.c, documents, items, opinions, coverage },
    { baseUrl: s.deps.config.baseUrl, now: s.now, t: s.t },
  );
}
