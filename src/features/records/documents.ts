import type { Readable } from 'node:stream';
import formatDisposition from 'content-disposition';
import rangeParser from 'range-parser';
import { z } from 'zod';
import type { Queryable } from '../../platform/db/database.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { choice, optionalDate, optionalText, requiredText, withoutBidiControls } from '../../platform/validation.ts';
import type { Identity } from './patient-match.ts';

// Documents: pure rules and shapes. The encrypted bytes live in platform/storage; the
// rows in documents-store.ts. Other features (the records packet) use the types and the
// DocumentSource interface below, injected from features/index.ts.

export const DOCUMENT_KINDS = [
  'pathology',
  'imaging',
  'lab',
  'clinic_note',
  'operative_note',
  'letter',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DETECTED_TYPES = [
  'pdf',
  'jpeg',
  'png',
  'tiff',
  'dicom',
  'zip',
  'imaging_study',
  'ccda',
  'fhir',
  'text',
] as const;
export type DetectedType = (typeof DETECTED_TYPES)[number];

/** Whether text could be taken from the file for search. */
export const TEXT_STATUSES = ['extracted', 'unreadable', 'too_large', 'not_applicable'] as const;
export type TextStatus = (typeof TEXT_STATUSES)[number];

/** What was learned from an imaging file or disc. No patient names are kept from it. */
export interface ImagingDetails {
  studies: number;
  series: number;
  images: number;
  studyDate: string | null;
  modalities: string[];
  bodyParts: string[];
  descriptions: string[];
  institution: string | null;
}

export interface DocumentDetails {
  imaging?: ImagingDetails;
  /** For a plain ZIP: how many files it holds. */
  zipEntries?: number;
  /** For imports: how many items were read, and how many parts could not be read. */
  imported?: { items: number; skipped: number; byCategory: Record<string, number> };
}

/**
 * Whose record a document is (ADR 0146). not_checked: the file names nobody we can read
 * (or it was added before the check); matched: it names the profile's person; confirmed: it
 * names someone else and a person said it is the right person anyway; mismatch: an older
 * import naming someone else, held out of the case until someone reviews it.
 */
export const PATIENT_CHECKS = ['not_checked', 'matched', 'confirmed', 'mismatch'] as const;
export type PatientCheckStatus = (typeof PATIENT_CHECKS)[number];

export interface PatientCheck {
  status: PatientCheckStatus;
  /** The people the file names, as it spells them. */
  named: Identity[];
  /** Who said "this is the right person" (a user id), and their name for the page. */
  checkedBy: string | null;
  checkedByName: string | null;
  checkedAt: string | null;
}

export interface DocumentRecord {
  id: string;
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
  sizeBytes: number;
  sha256: string;
  pageCount: number | null;
  textStatus: TextStatus;
  details: DocumentDetails;
  createdAt: string;
  updatedAt: string;
  /**
   * When the person took it out of the case (null: it is in the case). Optional only so
   * that documents built by hand elsewhere need not say; the store always sets it.
   */
  removedAt?: string | null;
  /** Whose record it is. Optional for the same reason as removedAt. */
  patientCheck?: PatientCheck;
  /** Raised by one on every change (ADR 0016). Optional for the same reason as removedAt. */
  version?: number;
}

export const documentMetaSchema = z.object({
  title: requiredText(200, 'records.documents.errors.titleRequired'),
  kind: choice(DOCUMENT_KINDS, 'records.documents.errors.kindRequired'),
  documentDate: optionalDate({ notFuture: true }),
  provider: optionalText(200),
});
export type DocumentMetaInput = z.infer<typeof documentMetaSchema>;
export const documentPatchSchema = documentMetaSchema.partial().extend({
  /** true takes the document out of the case (kept, can be put back); false puts it back. */
  removed: z.boolean().optional(),
  /** true: "this is the right person" for a file held because it names someone else. */
  patientConfirmed: z.literal(true).optional(),
});

export const kindKey = (k: string) => `records.kind.${k}` as MessageKey;
export const typeKey = (t: string) => `records.type.${t}` as MessageKey;
export const textStatusKey = (s: string) => `records.textStatus.${s}` as MessageKey;

/** The name someone gave the file, made safe to show and to use in a download header. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // Bidi overrides too: "\u202Efdp.exe" would show as "exe.pdf" (issue 13).
  // eslint-disable-next-line no-control-regex
  const cleaned = withoutBidiControls(base.replace(/[\u0000-\u001f\u007f"<>|*?]/g, ''))
    .trim()
    .slice(0, 200);
  return cleaned || 'document';
}

/** A first title from the file name: "biopsy_report-2026.pdf" -> "biopsy report 2026". */
export function titleFromFileName(name: string): string {
  const stem = name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const t = stem.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return (t || name).slice(0, 200);
}

/** A first guess at the kind, from what the file is. The person can change it. */
export function guessKind(type: DetectedType, ccdaKind?: DocumentKind): DocumentKind {
  if (type === 'dicom' || type === 'imaging_study') return 'imaging';
  if (type === 'ccda' && ccdaKind) return ccdaKind;
  return 'other';
}

/** The usual file name ending for each kind of content we recognise. */
export const FILE_EXTENSION: Readonly<Record<DetectedType, string>> = {
  pdf: 'pdf',
  jpeg: 'jpg',
  png: 'png',
  tiff: 'tif',
  dicom: 'dcm',
  zip: 'zip',
  imaging_study: 'zip',
  ccda: 'xml',
  fhir: 'json',
  text: 'txt',
};

/** Download name: the original name, with an extension that matches what the file really is. */
export function downloadName(d: Pick<DocumentRecord, 'originalName' | 'detectedType'>): string {
  const want = FILE_EXTENSION[d.detectedType];
  const name = d.originalName;
  const lower = name.toLowerCase();
  if (
    lower.endsWith(`.${want}`) ||
    (want === 'jpg' && lower.endsWith('.jpeg')) ||
    (want === 'tif' && lower.endsWith('.tiff'))
  )
    return name;
  return `${name}.${want}`;
}

/**
 * RFC 6266 / 8187 Content-Disposition (the content-disposition package): the UTF-8 name,
 * and a plain ASCII one for old clients, with quotes and backslashes replaced rather than
 * escaped (some clients read an escaped quote as the end of the name).
 */
export function contentDisposition(name: string, inline = false): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return formatDisposition(name, { type: inline ? 'inline' : 'attachment', fallback: ascii });
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 10 ? Math.round(v) : Math.round(v * 10) / 10} ${units[i]}`;
}

/**
 * What another feature (the records packet, share links) may do with documents. Wired in
 * features/index.ts; the sharing feature never imports the records store. Like every
 * store function, each takes the caller's db or transaction first.
 */
export interface DocumentSource {
  /** Documents of a case, newest first (archived ones left out). */
  listDocuments(db: Queryable, caseId: string): Promise<DocumentRecord[]>;
  getDocument(db: Queryable, documentId: string): Promise<DocumentRecord | null>;
  /** The decrypted bytes, verified chunk by chunk as they stream. */
  openDocumentStream(
    db: Queryable,
    documentId: string,
    range?: { start: number; end: number },
  ): Promise<{ document: DocumentRecord; stream: Readable }>;
}

/** A single byte range to send, inclusive at both ends; or why the whole file is sent instead. */
export type ByteRange = { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

const WHOLE: ByteRange = { kind: 'whole' };

/**
 * Reads a Range header (RFC 9110 14.1.2) for a file of `size` bytes, with range-parser.
 * Only one range is honoured: several would need a multipart answer that no viewer we
 * serve needs, so they get the whole file (which the RFC allows), as do other units and
 * a header that cannot be read. Positions of 16 digits or more (past what a number holds
 * exactly) are not trusted: the whole file.
 */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (!header || /\d{16}/.test(header)) return WHOLE;
  const eq = header.indexOf('=');
  if (eq < 0 || header.slice(0, eq).trim().toLowerCase() !== 'bytes') return WHOLE;
  const r = rangeParser(size, header.trim());
  if (r === -2) return WHOLE;
  if (r !== -1) return r.length === 1 ? { kind: 'part', start: r[0]!.start, end: r[0]!.end } : WHOLE;
  // range-parser's "nothing can be met" also covers two forms the RFC reads otherwise: a
  // range that ends before it starts is invalid, so the header is ignored; a suffix longer
  // than the file ("the last 500 bytes" of 100) is the whole file.
  const [first = '', last = ''] = header
    .slice(eq + 1)
    .split('-')
    .map((x) => x.trim());
  if (first !== '' && last !== '' && Number(last) < Number(first)) return WHOLE;
  if (first === '' && Number(last) > 0 && size > 0) return { kind: 'part', start: 0, end: size - 1 };
  return { kind: 'unsatisfiable' };
}
