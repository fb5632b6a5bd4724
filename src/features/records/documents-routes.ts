import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { requireCaseAccess } from '../../platform/auth/access-store.ts';
import { can } from '../../platform/auth/policy.ts';
import { loadCaseContext } from '../../platform/case-context.ts';
import type { Deps } from '../../platform/deps.ts';
import { transact, type Work } from '../../platform/deps.ts';
import type { App, UiKit } from '../../platform/http/app.ts';
import { formValues, issuesToFields, parseWith, sendPage, setFlash, checkedValues } from '../../platform/http/context.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { emptyForm, type FormState, type FormValues } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import { contentDisposition, type DocumentRecord, documentMetaSchema, documentPatchSchema, downloadName, formatBytes, parseRange } from './documents.ts';
import { getDocument, listDocuments, listRemovedDocuments, listReviewDocuments, setDocumentRemoved, setPatientCheck, updateDocumentMeta } from './documents-store.ts';
import { checklistFor, checklistTextKey } from '../../content/records.ts';
import { getChecklistKind, listLinks, setDocumentLinks } from './checklist-store.ts';
import { MAX_FILES_PER_REQUEST, receiveUploadRequest, refusalStatus, type UploadOutcome, type UploadService } from './documents-upload.ts';
import { DocumentPage, outcomeMessage, refusalMessage, RemoveDocumentPage, UploadPage, UploadResultsPage, recordsHref, documentHref } from './documents-views.tsx';
import { openDocumentStream } from './documents-provider.ts';

const t = translator('en');

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

const outcomeOut = z.object({
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

const errorOut = z.object({
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

function presentOutcome(o: UploadOutcome, maxBytes: number) {
  if (o.status === 'refused') {
    return {
      fileName: o.fileName,
      status: o.status,
      reason: o.reason,
      ...(o.entry ? { entry: o.entry } : {}),
      ...(o.mismatch ? { patient: o.mismatch } : {}),
      message: refusalMessage(t, o, maxBytes),
    };
  }
  return {
    fileName: o.fileName,
    status: o.status,
    documentId: o.documentId,
    title: o.title,
    itemsAdded: o.itemsAdded,
    message: outcomeMessage(t, o, maxBytes),
  };
}

function toFormValues(d: DocumentRecord): FormValues {
  return { title: d.title, kind: d.kind, documentDate: d.documentDate ?? '', provider: d.provider ?? '' };
}

/** The file's fingerprint names this exact content, for If-Range. */
const etag = (d: DocumentRecord) => `"${d.sha256}"`;

const wantsJson = (req: FastifyRequest) => {
  const accept = req.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
};

export async function registerDocumentRoutes(
  app: App,
  deps: Deps,
  ui: UiKit,
  svc: UploadService,
): Promise<void> {
  const { clock, config } = deps;
  const page = ui.page;
  const maxBytes = svc.limits.maxUploadBytes;

  /** A document, only if it belongs to a case this person may see; anything else is the same 404. */
  async function loadDocument(w: { trx: import('../../platform/db/database.ts').Tx }, req: FastifyRequest, documentId: string, action: 'view' | 'edit', caseId?: string) {
    const d = await getDocument(w.trx, documentId);
    if (!d || (caseId !== undefined && d.caseId !== caseId)) throw notFound();
    const access = await requireCaseAccess(w.trx, req.actor, d.caseId, action);
    return { d, access };
  }

  // ---------- pages ----------

  const uploadPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, form: FormState, status = 200) => {
    const c = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      await audit({ action: 'records.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
      return loadCaseContext(trx, caseId);
    });
    return sendPage(reply, h(UploadPage, { ctx: page(req), c, maxBytes, form }), status);
  };

  app.get('/cases/:caseId/records/upload', { config: { access: 'patient' } }, async (req, reply) =>
    uploadPage(req, reply, (req.params as { caseId: string }).caseId, emptyForm()),
  );

  const documentPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, documentId: string, form: FormState | null, status = 200) => {
    const data = await transact(deps, req, async (w) => {
      const { d, access } = await loadDocument(w, req, documentId, 'view', caseId);
      const c = await loadCaseContext(w.trx, caseId);
      const kind = await getChecklistKind(w.trx, caseId);
      const checklist = kind ? checklistFor(kind).map((i) => ({ value: i.key, label: t(checklistTextKey(i.key)) })) : null;
      const linked = (await listLinks(w.trx, caseId)).filter((l) => l.documentId === d.id).map((l) => l.itemKey);
      await w.audit({ action: 'document.view', patientId: access.patientId, objectType: 'document', objectId: d.id });
      return { d, c, checklist, linked };
    });
    return sendPage(reply, h(DocumentPage, { ctx: page(req), ...data, form: form ?? emptyForm(toFormValues(data.d)) }), status);
  };

  app.get('/cases/:caseId/records/documents/:documentId', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, documentId } = req.params as { caseId: string; documentId: string };
    return documentPage(req, reply, caseId, documentId, null);
  });

  app.post('/cases/:caseId/records/documents/:documentId', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, documentId } = req.params as { caseId: string; documentId: string };
    // Access first: a stranger learns nothing from validation messages.
    await transact(deps, req, (w) => loadDocument(w, req, documentId, 'edit', caseId));
    const values = formValues(req.body as Record<string, unknown>);
    if (values.intent === 'links') {
      const keys = checkedValues(req.body, 'items');
      await transact(deps, req, async (w) => {
        const { access } = await loadDocument(w, req, documentId, 'edit', caseId);
        const kind = await getChecklistKind(w.trx, caseId);
        const allowed = new Set(kind ? checklistFor(kind).map((i) => i.key) : []);
        await setDocumentLinks(w.trx, caseId, documentId, keys.filter((k) => allowed.has(k)), access.userId, clock.now().toISOString());
        await w.audit({ action: 'document.link', patientId: access.patientId, objectType: 'document', objectId: documentId });
      });
      setFlash(reply, 'records.documents.linksSaved', config.secureCookies);
      return reply.redirect(`/cases/${caseId}/records/documents/${documentId}`, 303);
    }
    const parsed = parseWith(documentMetaSchema, values);
    if (!parsed.ok) return documentPage(req, reply, caseId, documentId, { values, errors: parsed.errors }, 400);
    await transact(deps, req, async (w) => {
      const { access } = await loadDocument(w, req, documentId, 'edit', caseId);
      await updateDocumentMeta(w.trx, deps.dialect, documentId, clock.now().toISOString(), parsed.data);
      await w.audit({ action: 'document.update', patientId: access.patientId, objectType: 'document', objectId: documentId });
    });
    setFlash(reply, 'records.documents.saved', config.secureCookies);
    return reply.redirect(`/cases/${caseId}/records/documents/${documentId}`, 303);
  });

  // ---------- taking a document out of the case, and putting it back ----------

  const removePage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, documentId: string) => {
    const data = await transact(deps, req, async (w) => {
      const { d, access } = await loadDocument(w, req, documentId, 'edit', caseId);
      await w.audit({ action: 'document.view', patientId: access.patientId, objectType: 'document', objectId: d.id });
      return { d, c: await loadCaseContext(w.trx, caseId) };
    });
    if (data.d.removedAt) return reply.redirect(documentHref(caseId, documentId), 303);
    return sendPage(reply, h(RemoveDocumentPage, { ctx: page(req), ...data }));
  };

  app.get('/cases/:caseId/records/documents/:documentId/remove', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, documentId } = req.params as { caseId: string; documentId: string };
    return removePage(req, reply, caseId, documentId);
  });

  /** Sets or clears the removal; true if anything changed. Audited only when it does. */
  async function setRemoved(w: Work, req: FastifyRequest, documentId: string, removed: boolean, caseId?: string) {
    const { d, access } = await loadDocument(w, req, documentId, 'edit', caseId);
    if (!!d.removedAt === removed) return { d, changed: false };
    await setDocumentRemoved(w.trx, d.id, clock.now().toISOString(), removed);
    await w.audit({ action: removed ? 'document.remove' : 'document.restore', patientId: access.patientId, objectType: 'document', objectId: d.id });
    return { d, changed: true };
  }

  app.post('/cases/:caseId/records/documents/:documentId/remove', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, documentId } = req.params as { caseId: string; documentId: string };
    await transact(deps, req, (w) => setRemoved(w, req, documentId, true, caseId));
    setFlash(reply, 'records.documents.removed', config.secureCookies);
    return reply.redirect(`${recordsHref(caseId)}#removed-heading`, 303);
  });

  // ---------- whose record: an older import held for review (ADR 0146) ----------

  /**
   * "This is the right person" for an older import that names someone else: it joins the
   * case again. Recorded in the audit log with who decided (the entry's actor); nothing
   * changes, and nothing is audited, for a document that is not held.
   */
  async function confirmPatient(w: Work, req: FastifyRequest, documentId: string, caseId?: string) {
    const { d, access } = await loadDocument(w, req, documentId, 'edit', caseId);
    if (d.patientCheck?.status !== 'mismatch') return { d, changed: false };
    await setPatientCheck(w.trx, d.id, { status: 'confirmed', by: access.userId, at: clock.now().toISOString() });
    await w.audit({ action: 'document.patient_confirm', patientId: access.patientId, objectType: 'document', objectId: d.id });
    return { d, changed: true };
  }

  app.post('/cases/:caseId/records/documents/:documentId/confirm-patient', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, documentId } = req.params as { caseId: string; documentId: string };
    await transact(deps, req, (w) => confirmPatient(w, req, documentId, caseId));
    setFlash(reply, 'records.review.confirmed', config.secureCookies);
    return reply.redirect(documentHref(caseId, documentId), 303);
  });

  app.post('/cases/:caseId/records/documents/:documentId/restore', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, documentId } = req.params as { caseId: string; documentId: string };
    await transact(deps, req, (w) => setRemoved(w, req, documentId, false, caseId));
    setFlash(reply, 'records.documents.restored', config.secureCookies);
    return reply.redirect(documentHref(caseId, documentId), 303);
  });

  const sendContent = async (req: FastifyRequest, reply: FastifyReply, documentId: string, caseId?: string) => {
    // Fastify answers HEAD with this GET handler: a HEAD reads no bytes, so it is not a
    // download and writes no audit entry (access is still checked).
    const head = req.method === 'HEAD';
    const { d, range } = await transact(deps, req, async (w) => {
      const { d, access } = await loadDocument(w, req, documentId, 'view', caseId);
      const range = parseRange(req.headers.range, d.sizeBytes);
      // A stale If-Range (the file is not the one the client started on) gets the whole file.
      const stale = req.headers['if-range'] !== undefined && req.headers['if-range'] !== etag(d);
      const wanted = stale ? ({ kind: 'whole' } as const) : range;
      // Every read is audited. A part that does not start at byte 0 is logged as
      // document.read_part, so the log tells a resumed or partial read apart from a new
      // download; a client could otherwise read a whole file in parts with no download entry.
      if (!head && wanted.kind !== 'unsatisfiable') {
        const action = wanted.kind === 'part' && wanted.start > 0 ? 'document.read_part' : 'document.download';
        await w.audit({ action, patientId: access.patientId, objectType: 'document', objectId: d.id });
      }
      return { d, range: wanted };
    });
    reply
      .header('Accept-Ranges', 'bytes')
      .header('ETag', etag(d))
      .header('Cache-Control', 'no-store')
      // Never run anything from an uploaded file, even if a browser tries to show it.
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('X-Content-Type-Options', 'nosniff');
    if (range.kind === 'unsatisfiable') {
      return reply.code(416).header('Content-Range', `bytes */${d.sizeBytes}`).type('text/plain; charset=utf-8').send(t('records.documents.rangeUnsatisfiable'));
    }
    reply.header('Content-Type', d.mediaType).header('Content-Disposition', contentDisposition(downloadName(d)));
    const part = range.kind === 'part' ? range : null;
    const length = part ? part.end - part.start + 1 : d.sizeBytes;
    if (part) reply.code(206).header('Content-Range', `bytes ${part.start}-${part.end}/${d.sizeBytes}`);
    reply.header('Content-Length', String(length));
    // An empty stream, not an empty body: Fastify's HEAD handling keeps our Content-Length
    // for a stream (and would drain a real one, decrypting the whole file for nothing).
    if (head) return reply.send(Readable.from([]));
    const { stream } = await openDocumentStream(deps, deps.db, d.id, part ?? undefined);
    return reply.send(stream);
  };

  app.get('/cases/:caseId/records/documents/:documentId/file', { config: { access: 'patient' }, compress: false }, async (req, reply) => {
    const { caseId, documentId } = req.params as { caseId: string; documentId: string };
    return sendContent(req, reply, documentId, caseId);
  });

  // ---------- API ----------

  app.get(
    '/api/v1/cases/:caseId/documents',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['records'],
        summary:
          'Documents of a case, newest first; `?removed=true` lists the ones taken out of the case instead (they can be put back); `?review=true` lists older imports held out of the case because they name someone else, until someone confirms or removes them',
        params: z.object({ caseId: idParam }),
        querystring: z.object({ removed: z.enum(['true', 'false']).default('false'), review: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ documents: z.array(documentOut) }) },
      },
    },
    async (req) => {
      const { caseId } = req.params;
      const documents = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        const list =
          req.query.removed === 'true'
            ? await listRemovedDocuments(trx, caseId)
            : req.query.review === 'true'
              ? await listReviewDocuments(trx, caseId)
              : await listDocuments(trx, caseId);
        await audit({ action: 'document.list', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return list;
      });
      return { documents: documents.map(presentDocument) };
    },
  );

  app.get(
    '/api/v1/documents/:documentId',
    {
      config: { access: 'patient' },
      schema: { tags: ['records'], summary: 'One document’s details', params: z.object({ documentId: idParam }), response: { 200: documentOut } },
    },
    async (req) => {
      const d = await transact(deps, req, async (w) => {
        const { d, access } = await loadDocument(w, req, req.params.documentId, 'view');
        await w.audit({ action: 'document.view', patientId: access.patientId, objectType: 'document', objectId: d.id });
        return d;
      });
      return presentDocument(d);
    },
  );

  app.patch(
    '/api/v1/documents/:documentId',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['records'],
        summary:
          'Change a document’s title, kind, date or provider; `removed: true` takes it out of the case (kept, left out of lists, the packet, search and share links) and `removed: false` puts it back; `patientConfirmed: true` says an older import held because it names someone else (`patientCheck.status` `mismatch`) is the right person’s, which brings it back into the case and is audited',
        params: z.object({ documentId: idParam }),
        body: documentPatchSchema,
        response: { 200: documentOut },
      },
    },
    async (req) => {
      const d = await transact(deps, req, async (w) => {
        const { d, access } = await loadDocument(w, req, req.params.documentId, 'edit');
        const { removed, patientConfirmed, ...meta } = req.body;
        if (Object.keys(meta).length > 0) {
          const merged = documentMetaSchema.safeParse({ ...toFormValues(d), ...meta });
          if (!merged.success) throw invalid(issuesToFields(merged.error.issues));
          await updateDocumentMeta(w.trx, deps.dialect, d.id, clock.now().toISOString(), merged.data);
          await w.audit({ action: 'document.update', patientId: access.patientId, objectType: 'document', objectId: d.id });
        }
        if (removed !== undefined) await setRemoved(w, req, d.id, removed);
        if (patientConfirmed) await confirmPatient(w, req, d.id);
        return (await getDocument(w.trx, d.id))!;
      });
      return presentDocument(d);
    },
  );

  app.get(
    '/api/v1/documents/:documentId/content',
    {
      config: { access: 'patient' },
      compress: false,
      schema: { tags: ['records'], summary: 'The document’s bytes, decrypted as they stream', params: z.object({ documentId: idParam }) },
    },
    async (req, reply) => sendContent(req, reply, req.params.documentId),
  );

  // ---------- uploads: multipart, only in this scope ----------

  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: {
        // One byte over the limit is enough to know; the store counts exactly.
        fileSize: maxBytes + 1,
        files: MAX_FILES_PER_REQUEST,
        fields: 20,
        fieldSize: 64 * 1024,
        parts: 80,
        headerPairs: 100,
      },
    });

    const answer = async (req: FastifyRequest, reply: FastifyReply, caseId: string, outcomes: UploadOutcome[], api: boolean) => {
      const refused = outcomes.filter((o): o is Extract<UploadOutcome, { status: 'refused' }> => o.status === 'refused');
      const kept = outcomes.length - refused.length;
      // Anything refused part-way means the request body was not read to its end.
      if (refused.length) reply.header('Connection', 'close');
      const status = outcomes.length === 0 ? 400 : kept > 0 ? (api ? 201 : 200) : refusalStatus(refused[0]!.reason);
      if (api || wantsJson(req)) {
        const body: Record<string, unknown> = { results: outcomes.map((o) => presentOutcome(o, maxBytes)) };
        if (kept === 0) {
          const first = refused[0];
          // A file naming someone else: both identities inside the error (ADR 0146).
          const m = first?.mismatch;
          body.error = first
            ? {
                code: first.reason,
                message: refusalMessage(t, first, maxBytes),
                ...(m ? { file: m.file, profile: m.profile, files: m.files, fingerprint: m.fingerprint } : {}),
              }
            : { code: 'invalid', message: t('records.upload.noFiles') };
        }
        return reply.code(status).header('Cache-Control', 'no-store').send(body);
      }
      if (outcomes.length === 0) return uploadPage(req, reply, caseId, { values: {}, errors: { files: 'records.upload.noFiles' } }, 400);
      const { c, canEditProfile } = await transact(deps, req, async ({ trx }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        return { c: await loadCaseContext(trx, caseId), canEditProfile: can('editProfile', access.membership, access.patient) };
      });
      return sendPage(reply, h(UploadResultsPage, { ctx: page(req), c, outcomes, maxBytes, canEditProfile }), status);
    };

    // The page form posts multipart, which the platform's CSRF hook cannot read (it runs
    // before the body). csrf: false here and the handler checks the same token as the
    // first field of the form, before it reads a single byte of any file (ADR 0140).
    scope.post('/cases/:caseId/records/upload', { config: { access: 'patient', csrf: false } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const access = await transact(deps, req, ({ trx }) => requireCaseAccess(trx, req.actor, caseId, 'edit'));
      try {
        const outcomes = await receiveUploadRequest(svc, req, caseId, access.patientId, { csrf: { key: deps.keys.csrfKey, binding: req.csrfBinding } });
        return await answer(req, reply, caseId, outcomes, false);
      } catch (err) {
        reply.header('Connection', 'close');
        throw err;
      }
    });

    scope.post(
      '/api/v1/cases/:caseId/documents',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['records'],
          summary:
            'Upload one or more files (multipart/form-data, any field name). Each is typed from its content, encrypted, and checked; identical files are stored once per patient.',
          description: [
            'A portal export (C-CDA or FHIR, also inside a ZIP) names its patient. Before anything from it is stored, that name and date of birth are compared with the profile of the case’s patient (case, accents, hyphens, middle names, initials and name order do not matter; the dates must be equal when both are known).',
            '',
            '- A file that names someone else is not stored. When no file of the request was kept the answer is **409** with `error.code` `patient_mismatch` and both identities in the error: `{ "error": { "code": "patient_mismatch", "message": "...", "file": { "name", "birthDate" }, "profile": { "name", "birthDate" }, "files": [...], "fingerprint": "<sha256>" } }`. Each such file’s result carries the same under `patient`.',
            '- Send it again with `?confirmPatient=true` to say it is the right person: it is imported, and the decision is written to the audit log with who made it.',
            '- A file naming several different people (`patient_several`) or nobody (`patient_none`), or a ZIP holding a portal file that cannot be read (`zip_record_unreadable`), is refused with **422**; confirming does not change that.',
          ].join('\n'),
          params: z.object({ caseId: idParam }),
          querystring: z.object({
            confirmPatient: z.enum(['true', 'false']).default('false').describe('true: the files name the right person even where the name or date of birth differ from the profile'),
          }),
          response: { 201: z.object({ results: z.array(outcomeOut) }), 400: errorOut, 408: errorOut, 409: errorOut, 413: errorOut, 415: errorOut, 422: errorOut },
        },
      },
      async (req, reply) => {
        const { caseId } = req.params as { caseId: string };
        // Parsed by the schema above (the multipart scope is not typed by the zod provider).
        const confirmAll = (req.query as { confirmPatient?: string }).confirmPatient === 'true';
        const access = await transact(deps, req, ({ trx }) => requireCaseAccess(trx, req.actor, caseId, 'edit'));
        try {
          const outcomes = await receiveUploadRequest(svc, req, caseId, access.patientId, { confirmAll });
          return await answer(req, reply, caseId, outcomes, true);
        } catch (err) {
          reply.header('Connection', 'close');
          throw err;
        }
      },
    );
  });
}
