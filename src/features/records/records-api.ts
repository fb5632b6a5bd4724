import { z } from 'zod';
import { CASE_KINDS } from '../../content/records.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import { idParam } from '../../platform/validation.ts';
import { checklistPutSchema, ITEM_STATUSES } from './checklist.ts';
import type { DocumentRecord } from './documents.ts';
import type { UploadOutcome } from './documents-upload.ts';
import { outcomeMessage, refusalMessage, type UploadLimits } from './documents-views.tsx';
import { ITEM_CATEGORIES } from './imports.ts';

// The records API's output: zod schemas (they also write the OpenAPI document) and the
// presenters that turn domain records into them. Routes stay adapters (issue 17).

const identityOut = z.object({
  name: z.string(),
  birthDate: z.string().nullable(),
  /** For a file inside a ZIP: that file's name. */
  inFile: z.string().optional(),
});

export const documentOut = z.object({
  id: z.string(),
  caseId: z.string(),
  patientId: z.string(),
  title: z.string(),
  kind: z.string(),
  documentDate: z.string().nullable(),
  provider: z.string().nullable(),
  originalName: z.string(),
  mediaType: z.string(),
  detectedType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  pageCount: z.number().nullable(),
  textStatus: z.string(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Taken out of the case: kept, left out of lists, the packet and new share links. */
  removed: z.boolean(),
  removedAt: z.string().nullable(),
  /**
   * Whose record the file is (ADR 0146): what it says about its patient, and the outcome of
   * comparing that with the profile. `mismatch` (an older import naming someone else) is
   * held out of the case until confirmed with PATCH `{ "patientConfirmed": true }` or removed.
   */
  patientCheck: z.object({
    status: z.enum(['not_checked', 'matched', 'confirmed', 'mismatch']),
    named: z.array(identityOut),
    confirmedBy: z.string().nullable(),
    checkedAt: z.string().nullable(),
  }),
  contentUrl: z.string(),
  version: z
    .number()
    .int()
    .describe('Raised by one on every change; also the ETag. Send it in If-Match to change only that version.'),
});

export const presentDocument = (d: DocumentRecord) => ({
  id: d.id,
  caseId: d.caseId,
  patientId: d.patientId,
  title: d.title,
  kind: d.kind,
  documentDate: d.documentDate,
  provider: d.provider,
  originalName: d.originalName,
  mediaType: d.mediaType,
  detectedType: d.detectedType,
  sizeBytes: d.sizeBytes,
  sha256: d.sha256,
  pageCount: d.pageCount,
  textStatus: d.textStatus,
  details: d.details as Record<string, unknown>,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
  removed: !!d.removedAt,
  removedAt: d.removedAt ?? null,
  patientCheck: {
    status: d.patientCheck?.status ?? 'not_checked',
    named: d.patientCheck?.named ?? [],
    confirmedBy: d.patientCheck?.status === 'confirmed' ? d.patientCheck.checkedBy : null,
    checkedAt: d.patientCheck?.checkedAt ?? null,
  },
  contentUrl: `/api/v1/documents/${d.id}/content`,
  version: d.version ?? 1,
});

/** Both identities when a portal file names someone else (ADR 0146). */
const mismatchOut = z.object({
  /** The first person the file names who is not the profile's person. */
  file: identityOut,
  /** Everyone it names who is not (a ZIP may hold files of several people). */
  files: z.array(identityOut.extend({ differs: z.object({ name: z.boolean(), birthDate: z.boolean() }) })),
  profile: identityOut,
  /** The file's SHA-256. */
  fingerprint: z.string(),
});

export const outcomeOut = z.object({
  fileName: z.string(),
  status: z.enum(['stored', 'duplicate', 'linked', 'restored', 'refused']),
  documentId: z.string().optional(),
  title: z.string().optional(),
  itemsAdded: z.number().optional(),
  reason: z.string().optional(),
  /** For a refusal decided by a file inside a ZIP: that file's name. */
  entry: z.string().optional(),
  /** reason `patient_mismatch`: who the file names, and who the profile is. */
  patient: mismatchOut.optional(),
  message: z.string(),
});

export const uploadErrorOut = z.object({
  results: z.array(outcomeOut).optional(),
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    file: identityOut.optional(),
    profile: identityOut.optional(),
    files: mismatchOut.shape.files.optional(),
    fingerprint: z.string().optional(),
  }),
});

function presentOutcome(t: Translate, o: UploadOutcome, limits: UploadLimits) {
  if (o.status === 'refused') {
    return {
      fileName: o.fileName,
      status: o.status,
      reason: o.reason,
      ...(o.entry ? { entry: o.entry } : {}),
      ...(o.mismatch ? { patient: o.mismatch } : {}),
      message: refusalMessage(t, o, limits),
    };
  }
  return {
    fileName: o.fileName,
    status: o.status,
    documentId: o.documentId,
    title: o.title,
    itemsAdded: o.itemsAdded,
    message: outcomeMessage(t, o, limits),
  };
}

/**
 * The JSON answer to an upload: every file's result, and when nothing was kept the first
 * refusal as the error (a file naming someone else carries both identities, ADR 0146).
 */
export function presentUpload(t: Translate, outcomes: UploadOutcome[], limits: UploadLimits) {
  const body: Record<string, unknown> = { results: outcomes.map((o) => presentOutcome(t, o, limits)) };
  if (outcomes.some((o) => o.status !== 'refused')) return body;
  const first = outcomes.find((o): o is Extract<UploadOutcome, { status: 'refused' }> => o.status === 'refused');
  const m = first?.mismatch;
  body.error = first
    ? {
        code: first.reason,
        message: refusalMessage(t, first, limits),
        ...(m ? { file: m.file, profile: m.profile, files: m.files, fingerprint: m.fingerprint } : {}),
      }
    : { code: 'invalid', message: t('records.upload.noFiles') };
  return body;
}

export const itemOut = z.object({
  id: z.string(),
  documentId: z.string(),
  category: z.string(),
  display: z.string(),
  value: z.string().nullable(),
  status: z.string().nullable(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  place: z.string().nullable(),
  codeSystem: z.string().nullable(),
  code: z.string().nullable(),
});

export const checklistOut = z.object({
  caseKind: z.enum(CASE_KINDS).nullable(),
  suggestedKind: z.enum(CASE_KINDS),
  complete: z.boolean(),
  items: z.array(
    z.object({
      key: z.string(),
      text: z.string(),
      status: z.enum(ITEM_STATUSES),
      documentIds: z.array(z.string()),
      source: z.object({ title: z.string(), url: z.string() }),
    }),
  ),
});

export const testsDoneOut = z.object({
  tests: z.array(
    z.object({
      what: z.string(),
      kind: z.string(),
      lastOn: z.string().nullable(),
      firstOn: z.string().nullable(),
      times: z.number(),
      where: z.string().nullable(),
      documentId: z.string().nullable(),
    }),
  ),
});

export const searchOut = z.object({
  results: z.array(
    z.object({
      type: z.enum(['document', 'item']),
      id: z.string(),
      title: z.string(),
      snippet: z.string(),
      date: z.string().nullable(),
      href: z.string().nullable(),
    }),
  ),
});

/** The upload operation's OpenAPI description: what a portal file's identity check answers (ADR 0146). */
export const uploadApiSchema = {
  tags: ['records'],
  summary:
    'Upload one or more files (multipart/form-data, any field name). Each is typed from its content, ' +
    'encrypted, and checked; identical files are stored once per patient.',
  description: [
    'A portal export (C-CDA or FHIR, also inside a ZIP) names its patient. Before anything from it is ' +
      'stored, that name and date of birth are compared with the profile of the case’s patient (case, ' +
      'accents, hyphens, middle names, initials and name order do not matter; the dates must be equal when ' +
      'both are known).',
    '',
    '- A file that names someone else is not stored. When no file of the request was kept the answer is ' +
      '**409** with `error.code` `patient_mismatch` and both identities in the error: `{ "error": { "code":' +
      ' "patient_mismatch", "message": "...", "file": { "name", "birthDate" }, "profile": { "name", ' +
      '"birthDate" }, "files": [...], "fingerprint": "<sha256>" } }`. Each such file’s result carries the ' +
      'same under `patient`.',
    '- Send it again with `?confirmPatient=true` to say it is the right person: it is imported, and the ' +
      'decision is written to the audit log with who made it.',
    '- A file naming several different people (`patient_several`) or nobody (`patient_none`), or a ZIP ' +
      'holding a portal file that cannot be read (`zip_record_unreadable`), is refused with **422**; ' +
      'confirming does not change that.',
  ].join('\n'),
  params: z.object({ caseId: idParam }),
  querystring: z.object({
    confirmPatient: z
      .enum(['true', 'false'])
      .default('false')
      .describe('true: the files name the right person even where the name or date of birth differ from the profile'),
  }),
  response: {
    201: z.object({ results: z.array(outcomeOut) }),
    400: uploadErrorOut,
    408: uploadErrorOut,
    409: uploadErrorOut,
    413: uploadErrorOut,
    415: uploadErrorOut,
    422: uploadErrorOut,
  },
};

const caseParams = z.object({ caseId: idParam });

/** Each operation's schema: tags, summary, params, body and answers (also the OpenAPI document). */
export const ops = {
  /** GET /api/v1/cases/:caseId/records-checklist */
  getRecordsChecklist: {
    tags: ['records'],
    summary: 'The records checklist of a case',
    params: caseParams,
    response: { 200: checklistOut },
  },
  /** PUT /api/v1/cases/:caseId/records-checklist */
  putRecordsChecklist: {
    tags: ['records'],
    summary: 'Choose the kind of case and set item statuses (needed, requested, received, not_applicable)',
    params: caseParams,
    body: checklistPutSchema,
    response: { 200: checklistOut },
  },
  /** GET /api/v1/cases/:caseId/timeline */
  getTimeline: {
    tags: ['records'],
    summary: 'Structured items imported for this case’s patient, newest first',
    params: caseParams,
    querystring: z.object({
      category: z.enum(ITEM_CATEGORIES).optional(),
      limit: z.coerce.number().int().min(1).max(5000).default(500),
      offset: z.coerce.number().int().min(0).default(0),
    }),
    response: { 200: z.object({ items: z.array(itemOut) }) },
  },
  /** GET /api/v1/cases/:caseId/tests-done */
  getTestsDone: {
    tags: ['records'],
    summary: 'Tests, scans and procedures already done (from imports and uploaded reports), newest first',
    params: caseParams,
    response: { 200: testsDoneOut },
  },
  /** GET /api/v1/cases/:caseId/records/search */
  getSearch: {
    tags: ['records'],
    summary: 'Search document text and imported items of this case’s patient',
    params: caseParams,
    querystring: z.object({ q: z.string().max(200).default('') }),
    response: { 200: searchOut },
  },
};
