import type { Readable } from 'node:stream';
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import type { CaseScope } from '../../platform/http/case-route.ts';
import { checkCsrf } from '../../platform/http/context.ts';
import { AppError, csrfFailed } from '../../platform/http/errors.ts';
import { type BlobStore, BlobWriteError, type PendingBlob } from '../../platform/storage/blob-store.ts';
import { cleanFileName, guessKind, titleFromFileName } from './documents.ts';
import { type AnalyseLimits, type Analysis, analyse, Refused } from './documents-analyse.ts';
import { type Detection, detectType, type RefusalReason } from './documents-detect.ts';
import {
  documentSearchRow,
  findBlob,
  findDocumentByBlob,
  indexSearchRows,
  insertBlob,
  insertDocument,
  insertItems,
  setDocumentRemoved,
} from './documents-store.ts';
import { decideIdentity, type Identity, type IdentityDecision, type ProfileIdentity } from './patient-match.ts';

// One upload request, start to end (ADR 0150):
//   1. a plain read checks access, before a byte of any file is accepted (the route);
//   2. every file streams into a sealed temp file: hash, size and type from its first
//      bytes (detected once), then read back once and understood; nothing in the database;
//   3. ONE transaction (the route helper's, access checked again inside it) decides each
//      file against the profile as it is then, renames the kept ones into place and records
//      blob, document, imported items, search rows and audit entries; if it does not
//      commit, every file of the request is removed again (UploadBatch.undo).
// See platform/storage/blob-store.ts for the crash guarantees.

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
  | {
      status: 'stored' | 'duplicate' | 'linked' | 'restored';
      documentId: string;
      title: string;
      fileName: string;
      itemsAdded: number;
    }
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
    case 'import_too_large':
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
    case 'html':
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

/**
 * Streams one file into the store and decides whether to keep it. Nothing is recorded yet.
 * The type is detected once, from the first bytes as they arrive (the early refusal), and
 * that detection is what the analysis and the document row use.
 */
async function receive(
  u: UploadService,
  stream: Readable,
): Promise<{ pending: PendingBlob; analysis: Analysis } | { refused: RefusalReason; entry?: string }> {
  let pending: PendingBlob;
  const seen: { detection?: Detection; complete?: boolean } = {};
  try {
    pending = await u.store.write(stream, {
      maxBytes: u.limits.maxUploadBytes,
      idleMs: u.idleMs,
      onHead: async (head, complete) => {
        // Refuse early: a 2 GB file of the wrong type is stopped after its first bytes.
        const d = await detectType(head, complete);
        if (!d.ok) throw new Refused(d.reason);
        seen.detection = d;
        seen.complete = complete;
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
    const complete = pending.size <= pending.head.length;
    // Only a file exactly as long as the head window was judged "maybe more to come" while
    // it was the whole file; only then is the same head looked at again, knowing the end.
    const detection =
      seen.detection && seen.complete === complete ? seen.detection : await detectType(pending.head, complete);
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
const profileOf = (c: { patientName: string; patientDateOfBirth: string | null }): ProfileIdentity => ({
  name: c.patientName,
  birthDate: c.patientDateOfBirth,
});

/** What the upload does with the file, given the identity decision and the person's confirmation. */
type Verdict =
  | { go: true; check: { status: 'not_checked' | 'matched' | 'confirmed'; named: Identity[] } }
  | {
      go: false;
      reason: 'patient_mismatch' | 'patient_several' | 'patient_none';
      entry?: string;
      decision: IdentityDecision;
    };

function verdict(d: IdentityDecision, confirmed: boolean): Verdict {
  switch (d.kind) {
    case 'not_checked':
      return { go: true, check: { status: 'not_checked', named: [] } };
    case 'matched':
      return { go: true, check: { status: 'matched', named: d.named } };
    case 'mismatch':
      return confirmed
        ? { go: true, check: { status: 'confirmed', named: d.named } }
        : { go: false, reason: 'patient_mismatch', decision: d };
    case 'several':
      return { go: false, reason: 'patient_several', decision: d, ...(d.source ? { entry: d.source } : {}) };
    case 'none':
      return { go: false, reason: 'patient_none', decision: d, ...(d.source ? { entry: d.source } : {}) };
  }
}

/** Name, date and inner file only (not how it differs): the `file` of a mismatch answer. */
const plainIdentity = (i: Identity): Identity => ({
  name: i.name,
  birthDate: i.birthDate,
  ...(i.inFile ? { inFile: i.inFile } : {}),
});

function stopped(
  v: Extract<Verdict, { go: false }>,
  profile: ProfileIdentity,
  fileName: string,
  sha256: string,
): UploadOutcome {
  const d = v.decision;
  return {
    status: 'refused',
    reason: v.reason,
    fileName,
    ...(v.entry ? { entry: v.entry } : {}),
    ...(d.kind === 'mismatch'
      ? {
          mismatch: {
            file: plainIdentity(d.others[0]!),
            files: d.others,
            profile: { name: profile.name, birthDate: profile.birthDate },
            fingerprint: sha256,
          },
        }
      : {}),
  };
}

/** A file that arrived whole and was understood, waiting for the request's one transaction. */
export interface ReceivedFile {
  fileName: string;
  pending: PendingBlob;
  analysis: Analysis;
  /** The person said "this is the right person" for this exact file (page) or all files (API). */
  confirmed: boolean;
}

/**
 * What one upload request brought: per file in the order sent, either refused while it
 * streamed or received whole. Received files are sealed temp files until `recordUploads`
 * commits them; `undo` removes every file of the batch the database does not know.
 */
export class UploadBatch {
  readonly entries: ({ refused: UploadOutcome & { status: 'refused' } } | { file: ReceivedFile })[] = [];
  /** Files renamed into place by the transaction, removed again if it does not commit. */
  private readonly committed = new Set<string>();
  private readonly settled = new Set<PendingBlob>();

  constructor(private readonly store: BlobStore) {}

  /** Renames a received file into place (its row follows in the same transaction). */
  async commit(p: PendingBlob): Promise<void> {
    await this.store.commit(p);
    this.settled.add(p);
    this.committed.add(p.storageKey);
  }

  /** Throws a received file away (a copy is already stored, or it was stopped). */
  async discard(p: PendingBlob): Promise<void> {
    this.settled.add(p);
    await this.store.discard(p);
  }

  /** A committed file whose row was not written after all (another upload's copy won). */
  async uncommit(p: PendingBlob): Promise<void> {
    this.committed.delete(p.storageKey);
    await this.store.removeStored(p.storageKey);
  }

  /** The transaction failed or was never reached: nothing of this request stays on disk. */
  async undo(): Promise<void> {
    for (const e of this.entries) {
      if (!('file' in e)) continue;
      const p = e.file.pending;
      if (this.committed.has(p.storageKey)) await this.store.removeStored(p.storageKey).catch(() => {});
      else if (!this.settled.has(p)) await this.store.discard(p).catch(() => {});
    }
    this.committed.clear();
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
 * Reads a multipart request file by file into sealed temp files, without touching the
 * database: the caller has checked access with a plain read (ADR 0014) and records the
 * batch afterwards in its one transaction. Stops at the first failure that leaves the
 * request unreadable. If this throws, nothing of the request is left on disk.
 */
export async function receiveUploadRequest(
  u: UploadService,
  req: FastifyRequest,
  opts: UploadRequestOptions = {},
): Promise<UploadBatch> {
  if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', 'records.upload.errors.notMultipart');
  const batch = new UploadBatch(u.store);
  const refuse = (reason: RefusalReason, fileName: string, entry?: string) =>
    batch.entries.push({ refused: { status: 'refused', reason, fileName, ...(entry ? { entry } : {}) } });
  const confirmedFiles = new Set<string>();
  let csrfOk = !opts.csrf;
  // A client that goes quiet between files (no file stream to time out) is cut off here.
  // Only while we wait for the next part: while a file is being checked the request is
  // paused on purpose, and silence then is ours, not the client's.
  let stalled = false;
  let waiting = false;
  let lastData = Date.now();
  const arm = () => {
    lastData = Date.now();
  };
  const idle = setInterval(
    () => {
      if (!waiting || Date.now() - lastData < u.idleMs + 1000) return;
      stalled = true;
      req.raw.destroy();
    },
    Math.max(10, Math.min(1000, Math.floor(u.idleMs / 4))),
  );
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
        if (
          part.fieldname === 'confirmPatient' &&
          csrfOk &&
          typeof part.value === 'string' &&
          FINGERPRINT.test(part.value)
        )
          confirmedFiles.add(part.value);
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
        refuse(stalled ? 'stalled' : got.refused, fileName, stalled ? undefined : got.entry);
        if (FATAL.has(got.refused)) {
          await parts.return?.(undefined);
          break;
        }
        continue;
      }
      batch.entries.push({
        file: { fileName, pending: got.pending, analysis: got.analysis, confirmed: !!opts.confirmAll },
      });
    }
  } catch (err) {
    if (stalled) {
      refuse('stalled', '');
      return finish();
    }
    // More files than one request may carry: the ones before the limit are handled.
    const code = (err as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
      refuse('too_many_files', '');
      return finish();
    }
    if (isCutOff(err)) {
      refuse('cut_off', '');
      return finish();
    }
    await batch.undo();
    throw err;
  } finally {
    clearInterval(idle);
    req.raw.off('data', arm);
  }
  if (!csrfOk) {
    await batch.undo();
    throw csrfFailed();
  }
  return finish();

  // A confirmation may come after its file in the form: applied once the whole request is read.
  function finish(): UploadBatch {
    for (const e of batch.entries)
      if ('file' in e && confirmedFiles.has(e.file.pending.sha256)) e.file.confirmed = true;
    return batch;
  }
}

/**
 * Records one received file in the request's transaction, or recognises it as one the
 * patient already has. A portal file is first checked against the profile as it is in this
 * transaction (ADR 0146): one that names someone else (unless the person confirmed it),
 * several people or nobody is thrown away here, before anything of it is stored, and the
 * stop is audited.
 */
export async function recordUpload(s: CaseScope, batch: UploadBatch, f: ReceivedFile): Promise<UploadOutcome> {
  const { pending, analysis, fileName } = f;
  const { trx, caseId, patientId, now } = s;
  let existing = await findBlob(trx, patientId, pending.sha256);
  if (existing) {
    const same = await findDocumentByBlob(trx, caseId, existing.id);
    if (same?.archived_at) {
      // The same file, taken out of this case before: adding it again means the person
      // wants it back, so it is put back as it was (title, links, items) rather than
      // refused as a duplicate of something they can no longer see.
      await batch.discard(pending);
      await setDocumentRemoved(trx, same.id, now, false);
      await s.record('document.restore', 'document', same.id);
      return { status: 'restored', documentId: same.id, title: same.title, fileName, itemsAdded: 0 };
    }
    if (same) {
      await batch.discard(pending);
      await s.record('document.upload_duplicate', 'document', same.id);
      return { status: 'duplicate', documentId: same.id, title: same.title, fileName, itemsAdded: 0 };
    }
  }
  const profile = profileOf(s.c);
  const v = analysis.patients
    ? verdict(decideIdentity(analysis.patients, profile), f.confirmed)
    : verdict({ kind: 'not_checked' }, f.confirmed);
  if (!v.go) {
    await batch.discard(pending);
    await s.record(
      v.reason === 'patient_mismatch' ? 'document.patient_mismatch' : 'document.patient_unclear',
      'case',
      caseId,
    );
    return stopped(v, profile, fileName, pending.sha256);
  }
  if (!existing) {
    await batch.commit(pending);
    const row = {
      id: pending.id,
      patient_id: patientId,
      sha256: pending.sha256,
      size_bytes: pending.size,
      wrapped_key: pending.wrappedKey,
      storage_key: pending.storageKey,
      created_at: now,
    };
    // Two uploads of the same file at once: the other one's copy won (its row was committed
    // while this insert waited); ours is removed again and theirs is used.
    if (!(await insertBlob(trx, row))) {
      await batch.uncommit(pending);
      existing = await findBlob(trx, patientId, pending.sha256);
      if (!existing) throw new Error('a stored copy of the file was expected');
      const same = await findDocumentByBlob(trx, caseId, existing.id);
      if (same) {
        await s.record('document.upload_duplicate', 'document', same.id);
        return { status: 'duplicate', documentId: same.id, title: same.title, fileName, itemsAdded: 0 };
      }
    }
  } else {
    await batch.discard(pending);
  }
  const title = analysis.suggested.title?.slice(0, 200) || titleFromFileName(fileName);
  const doc = {
    caseId,
    patientId,
    blobId: existing ? existing.id : pending.id,
    title,
    kind: analysis.suggested.kind ?? guessKind(analysis.detectedType),
    documentDate:
      analysis.suggested.date && /^\d{4}-\d{2}-\d{2}$/.test(analysis.suggested.date) ? analysis.suggested.date : null,
    provider: analysis.suggested.provider,
    originalName: fileName,
    mediaType: analysis.mediaType,
    detectedType: analysis.detectedType,
    pageCount: analysis.pageCount,
    textStatus: analysis.textStatus,
    details: analysis.details,
    patientCheck: { ...v.check, by: v.check.status === 'confirmed' ? s.access.userId : null },
  };
  const documentId = await insertDocument(trx, now, s.access.userId, doc);
  const itemRows = analysis.items.length ? await insertItems(trx, now, patientId, documentId, analysis.items) : [];
  await indexSearchRows(trx, s.deps.dialect, [
    documentSearchRow({ id: documentId, ...doc }, analysis.searchText),
    ...itemRows,
  ]);
  await s.record('document.upload', 'document', documentId);
  // "This is the right person": who decided is the entry's actor.
  if (v.check.status === 'confirmed') await s.record('document.patient_confirm', 'document', documentId);
  return { status: existing ? 'linked' : 'stored', documentId, title, fileName, itemsAdded: itemRows.length };
}
