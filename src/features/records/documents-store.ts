import { sql } from 'kysely';
import { newId } from '../../platform/auth/tokens.ts';
import type { Dialect, Queryable } from '../../platform/db/database.ts';
import type { DocumentsTable, RecordBlobsTable } from '../../platform/db/schema.ts';
import {
  type DetectedType,
  type DocumentDetails,
  type DocumentKind,
  type DocumentMetaInput,
  type DocumentRecord,
  PATIENT_CHECKS,
  type PatientCheckStatus,
  type TextStatus,
} from './documents.ts';
import { inCase } from './documents-filter.ts';
import { type ImportedItem, itemDedupeKey } from './imports.ts';
import type { Identity } from './patient-match.ts';
import { indexSearchRows, readSearchBody, reindexSearchRow, type SearchRow } from './search-store.ts';

/** Every change of a document raises its version by one (ADR 0016). */
const bump = sql<number>`version + 1`;

type Row = DocumentsTable & { size_bytes: number; sha256: string; checked_by_name: string | null };

function parseDetails(s: string | null): DocumentDetails {
  if (!s) return {};
  try {
    return JSON.parse(s) as DocumentDetails;
  } catch {
    return {};
  }
}

function parseNamed(s: string | null): Identity[] {
  if (!s) return [];
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? (v as Identity[]) : [];
  } catch {
    return [];
  }
}

const checkStatus = (s: string | null): PatientCheckStatus =>
  (PATIENT_CHECKS as readonly string[]).includes(s ?? '') ? (s as PatientCheckStatus) : 'not_checked';

function toRecord(r: Row): DocumentRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    patientId: r.patient_id,
    blobId: r.blob_id,
    title: r.title,
    kind: r.kind as DocumentKind,
    documentDate: r.document_date,
    provider: r.provider,
    originalName: r.original_name,
    mediaType: r.media_type,
    detectedType: r.detected_type as DetectedType,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    pageCount: r.page_count === null ? null : Number(r.page_count),
    textStatus: r.text_status as TextStatus,
    details: parseDetails(r.details),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    removedAt: r.archived_at,
    version: Number(r.version ?? 1),
    patientCheck: {
      status: checkStatus(r.patient_check),
      named: parseNamed(r.patient_named),
      checkedBy: r.patient_checked_by,
      checkedByName: r.checked_by_name,
      checkedAt: r.patient_checked_at,
    },
  };
}

const base = (db: Queryable) =>
  db
    .selectFrom('documents as d')
    .innerJoin('record_blobs as b', 'b.id', 'd.blob_id')
    .leftJoin('users as cu', 'cu.id', 'd.patient_checked_by')
    .selectAll('d')
    .select(['b.size_bytes', 'b.sha256', 'cu.display_name as checked_by_name']);

export async function getDocument(db: Queryable, documentId: string): Promise<DocumentRecord | null> {
  const r = await base(db).where('d.id', '=', documentId).executeTakeFirst();
  return r ? toRecord(r) : null;
}

export async function getDocuments(db: Queryable, ids: string[]): Promise<DocumentRecord[]> {
  if (ids.length === 0) return [];
  return (await base(db).where('d.id', 'in', ids).execute()).map(toRecord);
}

/** Documents of a case, newest first. */
export async function listDocuments(db: Queryable, caseId: string): Promise<DocumentRecord[]> {
  const rows = await base(db)
    .where('d.case_id', '=', caseId)
    .where((eb) => inCase(eb, 'd'))
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id')
    .execute();
  return rows.map(toRecord);
}

/** Every document of a patient, across cases (the tests-done list, the timeline). */
export async function listPatientDocuments(db: Queryable, patientId: string): Promise<DocumentRecord[]> {
  const rows = await base(db)
    .where('d.patient_id', '=', patientId)
    .where((eb) => inCase(eb, 'd'))
    .orderBy('d.created_at', 'desc')
    .execute();
  return rows.map(toRecord);
}

/** Older imports of a case that name someone else and wait for a person's review (ADR 0146). */
export async function listReviewDocuments(db: Queryable, caseId: string): Promise<DocumentRecord[]> {
  const rows = await base(db)
    .where('d.case_id', '=', caseId)
    .where('d.archived_at', 'is', null)
    .where('d.patient_check', '=', 'mismatch')
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();
  return rows.map(toRecord);
}

/** Sets whose record a document is: the start-up check, or a person's "this is the right person". */
export async function setPatientCheck(
  db: Queryable,
  documentId: string,
  check: { status: PatientCheckStatus; named?: Identity[]; by: string | null; at: string },
): Promise<void> {
  await db
    .updateTable('documents')
    .set({
      patient_check: check.status,
      ...(check.named ? { patient_named: JSON.stringify(check.named) } : {}),
      patient_checked_by: check.by,
      patient_checked_at: check.at,
      version: bump,
    })
    .where('id', '=', documentId)
    .execute();
}

/** Portal files added before the check existed (patient_check is null), a page at a time by id. */
export async function listUncheckedImports(db: Queryable, afterId: string, limit: number) {
  return db
    .selectFrom('documents as d')
    .innerJoin('record_blobs as b', 'b.id', 'd.blob_id')
    .innerJoin('patients as p', 'p.id', 'd.patient_id')
    .select([
      'd.id',
      'd.patient_id',
      'd.detected_type',
      'b.id as blob_id',
      'b.size_bytes',
      'b.wrapped_key',
      'b.storage_key',
      'p.display_name',
      'p.date_of_birth',
    ])
    .where('d.patient_check', 'is', null)
    .where('d.detected_type', 'in', ['ccda', 'fhir', 'zip'])
    .where('d.id', '>', afterId)
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

/** Documents taken out of a case (kept, and can be put back), most recently removed first. */
export async function listRemovedDocuments(db: Queryable, caseId: string): Promise<DocumentRecord[]> {
  const rows = await base(db)
    .where('d.case_id', '=', caseId)
    .where('d.archived_at', 'is not', null)
    .orderBy('d.archived_at', 'desc')
    .orderBy('d.id')
    .execute();
  return rows.map(toRecord);
}

/**
 * Takes a document out of its case, or puts it back. Nothing is deleted: the file, its
 * words in the search index and the items read from it stay, and every read of them
 * leaves removed documents out (listDocuments, listItems, searchPatient).
 */
export async function setDocumentRemoved(
  db: Queryable,
  documentId: string,
  now: string,
  removed: boolean,
): Promise<void> {
  await db
    .updateTable('documents')
    .set({ archived_at: removed ? now : null, updated_at: now, version: bump })
    .where('id', '=', documentId)
    .execute();
}

export async function countDocuments(db: Queryable, caseId: string): Promise<number> {
  const r = await db
    .selectFrom('documents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', '=', caseId)
    .where((eb) => inCase(eb, 'documents'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findBlob(
  db: Queryable,
  patientId: string,
  sha256: string,
): Promise<RecordBlobsTable | undefined> {
  return db
    .selectFrom('record_blobs')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

export async function getBlobRow(db: Queryable, blobId: string): Promise<RecordBlobsTable | undefined> {
  return db.selectFrom('record_blobs').selectAll().where('id', '=', blobId).executeTakeFirst();
}

/**
 * Records a stored file; false when this patient already has a row for the same content
 * (another upload of the same file committed first). Never fails on that, so the request's
 * one transaction goes on (on PostgreSQL a failed statement would abort it).
 */
export async function insertBlob(db: Queryable, row: RecordBlobsTable): Promise<boolean> {
  const r = await db
    .insertInto('record_blobs')
    .values(row)
    .onConflict((oc) => oc.columns(['patient_id', 'sha256']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findDocumentByBlob(
  db: Queryable,
  caseId: string,
  blobId: string,
): Promise<{ id: string; title: string; archived_at: string | null } | undefined> {
  return db
    .selectFrom('documents')
    .select(['id', 'title', 'archived_at'])
    .where('case_id', '=', caseId)
    .where('blob_id', '=', blobId)
    .executeTakeFirst();
}

export interface NewDocument {
  caseId: string;
  patientId: string;
  blobId: string;
  title: string;
  kind: DocumentKind;
  documentDate: string | null;
  provider: string | null;
  originalName: string;
  mediaType: string;
  detectedType: DetectedType;
  pageCount: number | null;
  textStatus: TextStatus;
  details: DocumentDetails;
  /** Whose record it is, decided before it was stored (default: a file that names nobody). */
  patientCheck?: { status: Exclude<PatientCheckStatus, 'mismatch'>; named: Identity[]; by: string | null };
}

export async function insertDocument(db: Queryable, now: string, userId: string, d: NewDocument): Promise<string> {
  const id = newId();
  const check = d.patientCheck ?? { status: 'not_checked', named: [], by: null };
  await db
    .insertInto('documents')
    .values({
      id,
      case_id: d.caseId,
      patient_id: d.patientId,
      blob_id: d.blobId,
      title: d.title,
      kind: d.kind,
      document_date: d.documentDate,
      provider: d.provider,
      original_name: d.originalName,
      media_type: d.mediaType,
      detected_type: d.detectedType,
      page_count: d.pageCount,
      text_status: d.textStatus,
      details: Object.keys(d.details).length ? JSON.stringify(d.details) : null,
      uploaded_by: userId,
      created_at: now,
      updated_at: now,
      archived_at: null,
      patient_check: check.status,
      patient_named: check.named.length ? JSON.stringify(check.named) : null,
      patient_checked_by: check.by,
      patient_checked_at: now,
    })
    .execute();
  return id;
}

/** The file's words go in body; its names (title, file name, provider) in the weighted title column. */
export function documentSearchRow(
  d: { id: string; patientId: string; title: string; originalName: string; provider: string | null },
  body: string,
): SearchRow {
  return {
    id: `doc:${d.id}`,
    patientId: d.patientId,
    sourceType: 'document',
    sourceId: d.id,
    title: [d.title, d.originalName, d.provider ?? ''].filter(Boolean).join(' '),
    body,
  };
}

/**
 * Title, kind, date and provider, if the document is still at `version` (ADR 0016): false
 * when someone changed it since, and then nothing is written. The search row follows.
 */
export async function updateDocumentMeta(
  db: Queryable,
  dialect: Dialect,
  documentId: string,
  now: string,
  input: DocumentMetaInput,
  version: number,
): Promise<boolean> {
  const r = await db
    .updateTable('documents')
    .set({
      title: input.title,
      kind: input.kind,
      document_date: input.documentDate ?? null,
      provider: input.provider ?? null,
      updated_at: now,
      version: bump,
    })
    .where('id', '=', documentId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  const d = await getDocument(db, documentId);
  if (!d) return true;
  const body = (await readSearchBody(db, `doc:${documentId}`)) ?? '';
  await reindexSearchRow(db, dialect, documentSearchRow(d, body));
  return true;
}

/**
 * Adds imported items for a patient; ones already known (same fact from another export)
 * are skipped. Returns the rows actually added, for the search index.
 */
export async function insertItems(
  db: Queryable,
  now: string,
  patientId: string,
  documentId: string,
  items: ImportedItem[],
): Promise<SearchRow[]> {
  const seen = new Set<string>();
  const rows = [];
  for (const i of items) {
    const key = itemDedupeKey(i);
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({
      id: newId(),
      patient_id: patientId,
      document_id: documentId,
      category: i.category,
      code_system: i.codeSystem,
      code: i.code,
      display: i.display,
      value_text: i.value,
      status: i.status,
      started_on: i.startedOn,
      ended_on: i.endedOn,
      place: i.place,
      dedupe_key: key,
      created_at: now,
    });
  }
  const added: SearchRow[] = [];
  for (let k = 0; k < rows.length; k += 100) {
    const batch = rows.slice(k, k + 100);
    const inserted = await db
      .insertInto('record_items')
      .values(batch)
      .onConflict((oc) => oc.columns(['patient_id', 'dedupe_key']).doNothing())
      .returning(['id'])
      .execute();
    const ids = new Set(inserted.map((r) => r.id));
    for (const r of batch) {
      if (!ids.has(r.id)) continue;
      added.push({
        id: `item:${r.id}`,
        patientId,
        sourceType: 'item',
        sourceId: r.id,
        title: r.display,
        body: [r.category, r.value_text ?? '', r.place ?? '', r.code ?? ''].filter(Boolean).join(' '),
      });
    }
  }
  return added;
}

export { indexSearchRows };
