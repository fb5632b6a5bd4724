import type { z } from 'zod';
import { checklistFor, checklistTextKey } from '../../content/records.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { CaseScope } from '../../platform/http/case-route.ts';
import { issuesToFields } from '../../platform/http/context.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import type { FormValues } from '../../platform/ui/page-context.ts';
import { mergeOntoLatest, staleWrite } from '../../platform/versions.ts';
import { getChecklistKind, listLinks, setDocumentLinks } from './checklist-store.ts';
import {
  type ByteRange,
  type DocumentMetaInput,
  type DocumentRecord,
  documentMetaSchema,
  type documentPatchSchema,
  parseRange,
} from './documents.ts';
import { openBlobStream } from './documents-provider.ts';
import {
  getDocument,
  listDocuments,
  listRemovedDocuments,
  listReviewDocuments,
  setDocumentRemoved,
  setPatientCheck,
  updateDocumentMeta,
} from './documents-store.ts';
import { recordUpload, type UploadBatch, type UploadOutcome } from './documents-upload.ts';

// What a person can do with the documents of a case (ADR 0014). Each takes the request's
// scope (its one transaction, who asks, the case) and audits what it reads or changes in
// that transaction. A document of another case is the same 404 as no document at all.

/** The document, only if it belongs to this scope's case. */
export async function documentOf(s: CaseScope, documentId: string): Promise<DocumentRecord> {
  const d = await getDocument(s.trx, documentId);
  if (!d || d.caseId !== s.caseId) throw notFound();
  return d;
}

/** For /api/v1/documents/:documentId: the case the document belongs to (caseRoutes' caseOf). */
export async function caseOfDocument(db: Queryable, params: Record<string, string>): Promise<string | null> {
  const r = await db
    .selectFrom('documents')
    .select('case_id')
    .where('id', '=', params.documentId ?? '')
    .executeTakeFirst();
  return r?.case_id ?? null;
}

/** The form's values for a document's details. */
export const documentFormValues = (d: DocumentRecord): FormValues => ({
  title: d.title,
  kind: d.kind,
  documentDate: d.documentDate ?? '',
  provider: d.provider ?? '',
  version: String(d.version ?? 1),
});

/** The document with its version (the store always reads one). */
const versioned = async (s: CaseScope, documentId: string) => {
  const d = await documentOf(s, documentId);
  return { ...d, version: d.version ?? 1 };
};

/** The upload form: its visit is a look at the case's records. */
export async function openUploadForm(s: CaseScope): Promise<void> {
  await s.record('records.view', 'case', s.caseId);
}

/** One document with what its page shows beside it: the case's checklist and the items it is linked to. */
export async function viewDocument(s: CaseScope, documentId: string) {
  const d = await documentOf(s, documentId);
  const kind = await getChecklistKind(s.trx, s.caseId);
  const checklist = kind
    ? checklistFor(kind).map((i) => ({ value: i.key, label: s.t(checklistTextKey(i.key)) }))
    : null;
  const linked = (await listLinks(s.trx, s.caseId)).filter((l) => l.documentId === d.id).map((l) => l.itemKey);
  await s.record('document.view', 'document', d.id);
  return { d, checklist, linked };
}

/** The document's details for the API (no page around it). */
export async function readDocument(s: CaseScope, documentId: string): Promise<DocumentRecord> {
  const d = await documentOf(s, documentId);
  await s.record('document.view', 'document', d.id);
  return d;
}

/** A look at a document before taking it out of the case. */
export async function viewForRemoval(s: CaseScope, documentId: string): Promise<DocumentRecord> {
  return readDocument(s, documentId);
}

/** Which checklist items this document answers; keys not on the case's checklist are ignored. */
export async function linkToChecklist(s: CaseScope, documentId: string, keys: string[]): Promise<void> {
  const d = await documentOf(s, documentId);
  const kind = await getChecklistKind(s.trx, s.caseId);
  const allowed = new Set(kind ? checklistFor(kind).map((i) => i.key) : []);
  await setDocumentLinks(
    s.trx,
    s.caseId,
    d.id,
    keys.filter((k) => allowed.has(k)),
    s.access.userId,
    s.now,
  );
  await s.record('document.link', 'document', d.id);
}

/**
 * Title, kind, date and provider, made from `version` of the document (the page's hidden
 * field; null: the version read now). Someone saved since: nothing changes, and the saved
 * document comes back to be shown beside what the person typed (ADR 0016).
 */
export async function describeDocument(
  s: CaseScope,
  documentId: string,
  input: DocumentMetaInput,
  version: number | null,
): Promise<{ ok: true } | { ok: false; current: DocumentRecord }> {
  const d = await versioned(s, documentId);
  if (!(await updateDocumentMeta(s.trx, s.deps.dialect, d.id, s.now, input, version ?? d.version))) {
    return { ok: false, current: await documentOf(s, d.id) };
  }
  await s.record('document.update', 'document', d.id);
  return { ok: true };
}

/** Takes the document out of the case, or puts it back; audited only when something changes. */
export async function setRemoved(
  s: CaseScope,
  documentId: string,
  removed: boolean,
): Promise<{ d: DocumentRecord; changed: boolean }> {
  const d = await documentOf(s, documentId);
  if (!!d.removedAt === removed) return { d, changed: false };
  await setDocumentRemoved(s.trx, d.id, s.now, removed);
  await s.record(removed ? 'document.remove' : 'document.restore', 'document', d.id);
  return { d, changed: true };
}

/**
 * "This is the right person" for an older import that names someone else (ADR 0146): it
 * joins the case again. Who decided is the audit entry's actor; nothing changes, and
 * nothing is audited, for a document that is not held.
 */
export async function confirmPatient(
  s: CaseScope,
  documentId: string,
): Promise<{ d: DocumentRecord; changed: boolean }> {
  const d = await documentOf(s, documentId);
  if (d.patientCheck?.status !== 'mismatch') return { d, changed: false };
  await setPatientCheck(s.trx, d.id, { status: 'confirmed', by: s.access.userId, at: s.now });
  await s.record('document.patient_confirm', 'document', d.id);
  return { d, changed: true };
}

/**
 * The API's partial change: details merged onto the newest version (a bad merge is a 400
 * with field messages), then removal and the patient confirmation. With If-Match
 * (`expected`), a document changed since is not changed: 412. Returns it as saved.
 */
export async function changeDocument(
  s: CaseScope,
  documentId: string,
  body: z.infer<typeof documentPatchSchema>,
  expected: number | null,
): Promise<DocumentRecord> {
  const d = await versioned(s, documentId);
  if (expected !== null && d.version !== expected) throw staleWrite();
  const { removed, patientConfirmed, ...meta } = body;
  if (Object.keys(meta).length > 0) {
    const write = async (current: DocumentRecord & { version: number }) => {
      const merged = documentMetaSchema.safeParse({ ...documentFormValues(current), ...meta });
      if (!merged.success) throw invalid(issuesToFields(merged.error.issues));
      return updateDocumentMeta(s.trx, s.deps.dialect, current.id, s.now, merged.data, current.version);
    };
    await mergeOntoLatest(() => versioned(s, d.id), write, expected);
    await s.record('document.update', 'document', d.id);
  }
  if (removed !== undefined) await setRemoved(s, d.id, removed);
  if (patientConfirmed) await confirmPatient(s, d.id);
  return documentOf(s, d.id);
}

export type DocumentList = 'in_case' | 'removed' | 'review';

/** The case's documents: in the case, taken out, or held for review (ADR 0146). */
export async function listCaseDocuments(s: CaseScope, which: DocumentList): Promise<DocumentRecord[]> {
  const list =
    which === 'removed'
      ? await listRemovedDocuments(s.trx, s.caseId)
      : which === 'review'
        ? await listReviewDocuments(s.trx, s.caseId)
        : await listDocuments(s.trx, s.caseId);
  await s.record('document.list', 'case', s.caseId);
  return list;
}

/** Records every file of an upload request in this one transaction, in the order sent. */
export async function uploadDocuments(s: CaseScope, batch: UploadBatch): Promise<UploadOutcome[]> {
  const outcomes: UploadOutcome[] = [];
  for (const e of batch.entries) outcomes.push('refused' in e ? e.refused : await recordUpload(s, batch, e.file));
  return outcomes;
}

/** The file's fingerprint names this exact content, for If-Range. */
export const documentEtag = (d: Pick<DocumentRecord, 'sha256'>) => `"${d.sha256}"`;

export interface ContentRequest {
  range: string | undefined;
  ifRange: string | undefined;
  /** A HEAD reads no bytes: it is not a download, so it writes no audit entry. */
  head: boolean;
}

/**
 * What a download sends: the document, the part of it, and the decrypted bytes opened in
 * this transaction (they flow after the commit). Every read is audited; a part that does
 * not start at byte 0 is `document.read_part`, so the log tells a resumed or partial read
 * from a new download (a client could otherwise read a whole file in parts unseen).
 */
export async function readContent(s: CaseScope, documentId: string, want: ContentRequest) {
  const d = await documentOf(s, documentId);
  // A stale If-Range (the file is not the one the client started on) gets the whole file.
  const stale = want.ifRange !== undefined && want.ifRange !== documentEtag(d);
  const range: ByteRange = stale ? { kind: 'whole' } : parseRange(want.range, d.sizeBytes);
  if (want.head || range.kind === 'unsatisfiable') return { d, range, stream: null };
  await s.record(
    range.kind === 'part' && range.start > 0 ? 'document.read_part' : 'document.download',
    'document',
    d.id,
  );
  const stream = await openBlobStream(s.deps, s.trx, d.id, d.blobId, range.kind === 'part' ? range : undefined);
  return { d, range, stream };
}
