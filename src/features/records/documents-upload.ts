import type { Readable } from 'node:stream';
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { requireCaseAccess } from '../../platform/auth/access-store.ts';
import { loadCaseContext } from '../../platform/case-context.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import { type Deps, transact } from '../../platform/deps.ts';
import { checkCsrf } from '../../platform/http/context.ts';
import { AppError, csrfFailed } from '../../platform/http/errors.ts';
import { type BlobStore, BlobWriteError, type PendingBlob } from '../../platform/storage/blob-store.ts';
import { type AnalyseLimits, type Analysis, analyse, Refused } from './documents-analyse.ts';
import { detectType, type RefusalReason } from './documents-detect.ts';
import { cleanFileName, guessKind, titleFromFileName } from './documents.ts';
import { decideIdentity, type Identity, type IdentityDecision, type ProfileIdentity } from './patient-match.ts';
import {
  documentSearchRow,
  findBlob,
  findDocumentByBlob,
  setDocumentRemoved,
  indexSearchRows,
  insertBlob,
  insertDocument,
  insertItems,
} from './documents-store.ts';

// One upload, start to end: stream -> sealed temp file (hash, size, type from the first
// bytes) -> read back and understood -> refused (file discarded) or committed (renamed
// into place) -> ONE transaction records blob, document, imported items, search rows
// and the audit entry. See platform/storage/blob-store.ts for the crash guarantees.

export interface UploadService {
  deps: Deps;
  store: BlobStore;
  limits: AnalyseLimits;
  /** A client that sends nothing for this long is cut off (ms). */
  idleMs: number;
}

/** Why a portal file was not imported: it names someone other than the case's patient. */
export interface PatientMismatch {
  /** The first person it names who is not the profile's person. */
  file: Identity;
  /** Everyone it names who is not (a ZIP may hold files of several people), and how they differ. */
  files: (Identity & { differs: { name: boolean; birthDate: boolean } })[];
  /** The profile's name and date of birth. */
  profile: Identity;
  /** The file's SHA-256: "import anyway" on the page confirms this exact file. */
  fingerprint: string;
}

export type UploadOutcome =
  | { status: 'stored' | 'duplicate' | 'linked' | 'restored'; documentId: string; title: string; fileName: string; itemsAdded: number }
  | {
      status: 'refused';
      reason: RefusalReason;
      fileName: string;
      /** For a file inside a ZIP that decided the refusal: its name. */
      entry?: string;
      mismatch?: PatientMismatch;
    };

/** Reasons after which the rest of the request cannot be read any more. */
const FATAL: ReadonlySet<RefusalReason> = new Set(['too_large', 'too_many_files', 'stalled', 'cut_off']);

/** How many files one request may carry (the page form posts them all at once). */
export const MAX_FILES_PER_REQUEST = 50;

/** HTTP status for a refusal. */
export function refusalStatus(reason: RefusalReason): number {
  switch (reason) {
    case 'too_large':
    case 'too_many_files':
    case 'zip_too_big':
    case 'zip_too_many':
      return 413;
    case 'stalled':
      return 408;
    case 'patient_mismatch':
      return 409;
    case 'patient_several':
    case 'patient_none':
    case 'zip_record_unreadable':
      return 422;
    case 'zip_too_many_records':
      return 413;
    case 'not_allowed':
    case 'xml_not_ccda':
    case 'json_not_fhir':
    case 'text_encoding':
      return 415;
    default:
      return 400;
  }
}

function isCutOff(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e?.code === 'FST_MP_PREMATURE_CLOSE' ||
    e?.code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    e?.code === 'ECONNRESET' ||
    /terminated early|Unexpected end|aborted|Premature close/i.test(String(e?.message))
  );
}

/** Streams one file into the store and decides whether to keep it. Nothing is recorded yet. */
async function receive(u: UploadService, stream: Readable): Promise<{ pending: PendingBlob; analysis: Analysis } | { refused: RefusalReason; entry?: string }> {
  let pending: PendingBlob;
  try {
    pending = await u.store.write(stream, {
      maxBytes: u.limits.maxUploadBytes,
      idleMs: u.idleMs,
      onHead: async (head, complete) => {
        // Refuse early: a 2 GB file of the wrong type is stopped after its first bytes.
        const d = await detectType(head, complete);
        if (!d.ok) throw new Refused(d.reason);
      },
    });
  } catch (err) {
    // Drain what is left of this part so the form's later fields can still be read.
    if (!stream.destroyed) stream.resume();
    if (err instanceof BlobWriteError) {
      if (err.reason === 'too_large') return { refused: 'too_large' };
      if (err.reason === 'idle') return { refused: 'stalled' };
      if (err.detail instanceof Refused) return { refused: err.detail.reason };
    }
    if (isCutOff(err)) return { refused: 'cut_off' };
    throw err;
  }
  try {
    const detection = await detectType(pending.head, pending.size <= pending.head.length);
    if (!detection.ok) {
      await u.store.discard(pending);
      return { refused: detection.reason };
    }
    const analysis = await analyse(u.store, pending.handle, pending.size, detection, u.limits);
    return { pending, analysis };
  } catch (err) {
    await u.store.discard(pending);
    if (err instanceof Refused) return { refused: err.reason, ...(err.entry ? { entry: err.entry } : {}) };
    throw err;
  }
}

/** The profile's name and date of birth: what a portal file's patient is compared with. */
const profileOf = (c: { patientName: string; patientDateOfBirth: string | null }): ProfileIdentity => ({ name: c.patientName, birthDate: c.patientDateOfBirth });

/** What the upload does with the file, given the identity decision and the person's confirmation. */
type Verdict =
  | { go: true; check: { status: 'not_checked' | 'matched' | 'confirmed'; named: Identity[] } }
  | { go: false; reason: 'patient_mismatch' | 'patient_several' | 'patient_none'; entry?: string; decision: IdentityDecision };

function verdict(d: IdentityDecision, confirmed: boolean): Verdict {
  switch (d.kind) {
    case 'not_checked':
      return { go: true, check: { status: 'not_checked', named: [] } };
    case 'matched':
      return { go: true, check: { status: 'matched', named: d.named } };
    case 'mismatch':
      return confirmed ? { go: true, check: { status: 'confirmed', named: d.named } } : { go: false, reason: 'patient_mismatch', decision: d };
    case 'several':
      return { go: false, reason: 'patient_several', decision: d, ...(d.source ? { entry: d.source } : {}) };
    case 'none':
      return { go: false, reason: 'patient_none', decision: d, ...(d.source ? { entry: d.source } : {}) };
  }
}

/** The profile changed between the check and the commit, and the file no longer passes. */
class IdentityChanged extends Error {
  override name = 'IdentityChanged';
  constructor(readonly stop: Extract<Verdict, { go: false }>, readonly profile: ProfileIdentity) {
    super('identity changed');
  }
}

/** Name, date and inner file only (not how it differs): the `file` of a mismatch answer. */
const plainIdentity = (i: Identity): Identity => ({ name: i.name, birthDate: i.birthDate, ...(i.inFile ? { inFile: i.inFile } : {}) });

function stopped(v: Extract<Verdict, { go: false }>, profile: ProfileIdentity, fileName: string, sha256: string): UploadOutcome {
  const d = v.decision;
  return {
    status: 'refused',
    reason: v.reason,
    fileName,
    ...(v.entry ? { entry: v.entry } : {}),
    ...(d.kind === 'mismatch'
      ? { mismatch: { file: plainIdentity(d.others[0]!), files: d.others, profile: { name: profile.name, birthDate: profile.birthDate }, fingerprint: sha256 } }
      : {}),
  };
}

/**
 * Commits the file and records it, or recognises it as one the patient already has. A
 * portal file is first checked against the profile (ADR 0146): one that names someone
 * else (unless the person confirmed it), several people or nobody is discarded here, before
 * anything of it is stored, and the stop is audited.
 */
async function record(
  u: UploadService,
  req: FastifyRequest,
  caseId: string,
  patientId: string,
  fileName: string,
  pending: PendingBlob,
  analysis: Analysis,
  confirmed: boolean,
): Promise<UploadOutcome> {
  const { deps, store } = u;
  if (analysis.patients) {
    const pre = await transact(deps, req, async ({ trx, audit }) => {
      await requireCaseAccess(trx, req.actor, caseId, 'edit');
      // The same file already in this case is answered as before (duplicate, or put back).
      const known = await findBlob(trx, patientId, pending.sha256);
      if (known && (await findDocumentByBlob(trx, caseId, known.id))) return null;
      const profile = profileOf(await loadCaseContext(trx, caseId));
      const v = verdict(decideIdentity(analysis.patients, profile), confirmed);
      if (!v.go) {
        await audit({ action: v.reason === 'patient_mismatch' ? 'document.patient_mismatch' : 'document.patient_unclear', patientId, objectType: 'case', objectId: caseId });
      }
      return { v, profile };
    });
    if (pre && !pre.v.go) {
      await store.discard(pending);
      return stopped(pre.v, pre.profile, fileName, pending.sha256);
    }
  }
  for (let attempt = 0; ; attempt++) {
    const existing = await findBlob(deps.db, patientId, pending.sha256);
    if (existing) await store.discard(pending);
    else await store.commit(pending);
    try {
      return await transact(deps, req, async ({ trx, audit }) => {
        // Membership may have been removed while the file was on its way.
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const now = deps.clock.now().toISOString();
        const userId = access.userId;
        if (existing) {
          const same = await findDocumentByBlob(trx, caseId, existing.id);
          if (same?.archived_at) {
            // The same file, taken out of this case before: adding it again means the person
            // wants it back, so it is put back as it was (title, links, items) rather than
            // refused as a duplicate of something they can no longer see.
            await setDocumentRemoved(trx, same.id, now, false);
            await audit({ action: 'document.restore', patientId, objectType: 'document', objectId: same.id });
            return { status: 'restored', documentId: same.id, title: same.title, fileName, itemsAdded: 0 } as const;
          }
          if (same) {
            await audit({ action: 'document.upload_duplicate', patientId, objectType: 'document', objectId: same.id });
            return { status: 'duplicate', documentId: same.id, title: same.title, fileName, itemsAdded: 0 } as const;
          }
        }
        // Decided again inside the transaction, against the profile as it is now.
        const profile = analysis.patients ? profileOf(await loadCaseContext(trx, caseId)) : null;
        const v = profile ? verdict(decideIdentity(analysis.patients, profile), confirmed) : verdict({ kind: 'not_checked' }, confirmed);
        if (!v.go) throw new IdentityChanged(v, profile!);
        const blobId = existing ? existing.id : pending.id;
        if (!existing) {
          await insertBlob(trx, {
            id: pending.id,
            patient_id: patientId,
            sha256: pending.sha256,
            size_bytes: pending.size,
            wrapped_key: pending.wrappedKey,
            storage_key: pending.storageKey,
            created_at: now,
          });
        }
        const title = analysis.suggested.title?.slice(0, 200) || titleFromFileName(fileName);
        const doc = {
          caseId,
          patientId,
          blobId,
          title,
          kind: analysis.suggested.kind ?? guessKind(analysis.detectedType),
          documentDate: analysis.suggested.date && /^\d{4}-\d{2}-\d{2}$/.test(analysis.suggested.date) ? analysis.suggested.date : null,
          provider: analysis.suggested.provider,
          originalName: fileName,
          mediaType: analysis.mediaType,
          detectedType: analysis.detectedType,
          pageCount: analysis.pageCount,
          textStatus: analysis.textStatus,
          details: analysis.details,
          patientCheck: { ...v.check, by: v.check.status === 'confirmed' ? userId : null },
        };
        const documentId = await insertDocument(trx, now, userId, doc);
        const itemRows = analysis.items.length ? await insertItems(trx, now, patientId, documentId, analysis.items) : [];
        await indexSearchRows(trx, deps.dialect, [documentSearchRow({ id: documentId, ...doc }, analysis.searchText), ...itemRows]);
        await audit({ action: 'document.upload', patientId, objectType: 'document', objectId: documentId });
        // "This is the right person": who decided is the entry's actor.
        if (v.check.status === 'confirmed') await audit({ action: 'document.patient_confirm', patientId, objectType: 'document', objectId: documentId });
        return { status: existing ? 'linked' : 'stored', documentId, title, fileName, itemsAdded: itemRows.length } as const;
      });
    } catch (err) {
      // The transaction did not commit: a renamed file must not stay behind.
      if (!existing) await store.removeStored(pending.storageKey);
      if (err instanceof IdentityChanged) return stopped(err.stop, err.profile, fileName, pending.sha256);
      // Two uploads of the same file at once: the other one won; use its copy.
      if (!existing && isUniqueViolation(err) && attempt === 0) continue;
      throw err;
    }
  }
}

export interface UploadRequestOptions {
  /** Page forms: the first part must be the CSRF field (multipart bodies are not parsed before the handler). */
  csrf?: { key: Buffer; binding: string };
  /** The API's ?confirmPatient=true: every file of the request is the right person's. */
  confirmAll?: boolean;
}

/** A page form's confirmation names the exact file it is for, by its SHA-256. */
const FINGERPRINT = /^[0-9a-f]{64}$/;

/**
 * Reads a multipart request file by file. The caller has already checked access. Returns
 * one outcome per file; stops at the first failure that leaves the request unreadable.
 */
export async function receiveUploadRequest(u: UploadService, req: FastifyRequest, caseId: string, patientId: string, opts: UploadRequestOptions = {}): Promise<UploadOutcome[]> {
  if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', 'records.upload.errors.notMultipart');
  const outcomes: UploadOutcome[] = [];
  const confirmedFiles = new Set<string>();
  let csrfOk = !opts.csrf;
  // A client that goes quiet between files (no file stream to time out) is cut off here.
  // Only while we wait for the next part: while a file is being checked or recorded the
  // request is paused on purpose, and silence then is ours, not the client's.
  let stalled = false;
  let waiting = false;
  let lastData = Date.now();
  const arm = () => {
    lastData = Date.now();
  };
  const idle = setInterval(() => {
    if (!waiting || Date.now() - lastData < u.idleMs + 1000) return;
    stalled = true;
    req.raw.destroy();
  }, Math.max(10, Math.min(1000, Math.floor(u.idleMs / 4))));
  req.raw.on('data', arm);
  const parts = req.parts()[Symbol.asyncIterator]();
  const nextPart = async () => {
    lastData = Date.now();
    waiting = true;
    try {
      return await parts.next();
    } finally {
      waiting = false;
    }
  };
  try {
    for (let step = await nextPart(); !step.done; step = await nextPart()) {
      const part = step.value;
      if (part.type === 'field') {
        if (part.fieldname === '_csrf' && !csrfOk && opts.csrf) {
          if (!checkCsrf(opts.csrf.key, opts.csrf.binding, part.value)) throw csrfFailed();
          csrfOk = true;
        }
        // "This is the right person, import anyway", for the file with this fingerprint.
        if (part.fieldname === 'confirmPatient' && csrfOk && typeof part.value === 'string' && FINGERPRINT.test(part.value)) confirmedFiles.add(part.value);
        continue;
      }
      if (!csrfOk) {
        part.file.resume();
        throw csrfFailed();
      }
      const fileName = cleanFileName(part.filename);
      if (!part.filename) {
        // An empty file input still sends a part with no name and no bytes.
        part.file.resume();
        continue;
      }
      const got = await receive(u, part.file);
      if ('refused' in got) {
        outcomes.push({ status: 'refused', reason: stalled ? 'stalled' : got.refused, fileName, ...(got.entry && !stalled ? { entry: got.entry } : {}) });
        if (FATAL.has(got.refused)) {
          await parts.return?.(undefined);
          break;
        }
        continue;
      }
      const confirmed = !!opts.confirmAll || confirmedFiles.has(got.pending.sha256);
      outcomes.push(await record(u, req, caseId, patientId, fileName, got.pending, got.analysis, confirmed));
    }
  } catch (err) {
    if (stalled) return [...outcomes, { status: 'refused', reason: 'stalled', fileName: '' }];
    // More files than one request may carry: the ones before the limit are handled.
    if ((err as { code?: string }).code === 'FST_FILES_LIMIT' || (err as { code?: string }).code === 'FST_PARTS_LIMIT') {
      return [...outcomes, { status: 'refused', reason: 'too_many_files', fileName: '' }];
    }
    if (isCutOff(err)) return [...outcomes, { status: 'refused', reason: 'cut_off', fileName: '' }];
    throw err;
  } finally {
    clearInterval(idle);
    req.raw.off('data', arm);
  }
  if (!csrfOk) throw csrfFailed();
  return outcomes;
}
