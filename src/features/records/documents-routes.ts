import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { requireCaseAccess } from '../../platform/auth/access-store.ts';
import { can } from '../../platform/auth/policy.ts';
import type { Deps } from '../../platform/deps.ts';
import type { App, UiKit } from '../../platform/http/app.ts';
import {
  type CaseScope,
  caseRoutes,
  inCase,
  json,
  type Outcome,
  page,
  redirect,
  sendOutcome,
  stream,
} from '../../platform/http/case-route.ts';
import { checkedValues, parseWith } from '../../platform/http/context.ts';
import { emptyForm, type FormState } from '../../platform/ui/page-context.ts';
import { etagOf, formVersion, ifMatchVersion } from '../../platform/versions.ts';
import { contentDisposition, type DocumentRecord, documentMetaSchema, downloadName } from './documents.ts';
import * as act from './documents-actions.ts';
import * as api from './documents-api.ts';
import {
  MAX_FILES_PER_REQUEST,
  receiveUploadRequest,
  refusalStatus,
  type UploadBatch,
  type UploadOutcome,
  type UploadService,
} from './documents-upload.ts';
import {
  DocumentPage,
  documentHref,
  RemoveDocumentPage,
  recordsHref,
  UploadPage,
  UploadResultsPage,
} from './documents-views.tsx';
import { presentDocument, presentUpload, uploadApiSchema } from './records-api.ts';

// Thin adapters over the documents actions (ADR 0014). Uploads are the one exception to
// "the helper opens the transaction first": their bytes must arrive before it (ADR 0150).

const wantsJson = (req: FastifyRequest) => {
  const accept = req.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
};

export async function registerDocumentRoutes(app: App, deps: Deps, ui: UiKit, svc: UploadService): Promise<void> {
  const r = caseRoutes(app, deps, ui);
  const maxBytes = svc.limits.maxUploadBytes;

  // ---------- pages ----------

  const uploadPage = async (s: CaseScope, form: FormState, status = 200) => {
    await act.openUploadForm(s);
    return page((ctx) => h(UploadPage, { ctx, c: s.c, maxBytes, form }), status);
  };

  r.casePage('GET', '/cases/:caseId/records/upload', { can: 'edit' }, (s) => uploadPage(s, emptyForm()));

  const documentPage = async (
    s: CaseScope,
    documentId: string,
    form: FormState | null,
    status = 200,
    stale?: DocumentRecord,
  ) => {
    const data = await act.viewDocument(s, documentId);
    const shown = form ?? emptyForm(act.documentFormValues(data.d));
    return page((ctx) => h(DocumentPage, { ctx, c: s.c, ...data, form: shown, stale }), status);
  };

  r.casePage('GET', '/cases/:caseId/records/documents/:documentId', { can: 'view' }, (s, { params }) =>
    documentPage(s, params.documentId!, null),
  );

  r.casePage('POST', '/cases/:caseId/records/documents/:documentId', { can: 'edit' }, async (s, { params, form }) => {
    const documentId = params.documentId!;
    // Access first (the helper): a stranger learns nothing from validation messages.
    if (form.intent === 'links') {
      await act.linkToChecklist(s, documentId, checkedValues(s.req.body, 'items'));
      return redirect(documentHref(s.caseId, documentId), 'records.documents.linksSaved');
    }
    const parsed = parseWith(documentMetaSchema, form);
    if (!parsed.ok) return documentPage(s, documentId, { values: form, errors: parsed.errors }, 400);
    const saved = await act.describeDocument(s, documentId, parsed.data, formVersion(form));
    if (!saved.ok) {
      // Someone saved first (ADR 0016): 409, their version beside what this person typed,
      // which stays in the form with the newer version, so saving again is a choice.
      const values = { ...form, version: String(saved.current.version ?? 1) };
      return documentPage(s, documentId, { values, errors: {} }, 409, saved.current);
    }
    return redirect(documentHref(s.caseId, documentId), 'records.documents.saved');
  });

  // ---------- taking a document out of the case, and putting it back ----------

  r.casePage('GET', '/cases/:caseId/records/documents/:documentId/remove', { can: 'edit' }, async (s, { params }) => {
    const d = await act.viewForRemoval(s, params.documentId!);
    if (d.removedAt) return redirect(documentHref(s.caseId, d.id));
    return page((ctx) => h(RemoveDocumentPage, { ctx, c: s.c, d }));
  });

  r.casePage('POST', '/cases/:caseId/records/documents/:documentId/remove', { can: 'edit' }, async (s, { params }) => {
    await act.setRemoved(s, params.documentId!, true);
    return redirect(`${recordsHref(s.caseId)}#removed-heading`, 'records.documents.removed');
  });

  r.casePage('POST', '/cases/:caseId/records/documents/:documentId/restore', { can: 'edit' }, async (s, { params }) => {
    await act.setRemoved(s, params.documentId!, false);
    return redirect(documentHref(s.caseId, params.documentId!), 'records.documents.restored');
  });

  // Whose record: an older import held for review (ADR 0146).
  r.casePage(
    'POST',
    '/cases/:caseId/records/documents/:documentId/confirm-patient',
    { can: 'edit' },
    async (s, { params }) => {
      await act.confirmPatient(s, params.documentId!);
      return redirect(documentHref(s.caseId, params.documentId!), 'records.review.confirmed');
    },
  );

  // ---------- the bytes ----------

  // Fastify answers HEAD with the GET handler: a HEAD reads no bytes and is not audited.
  const content = async (s: CaseScope, documentId: string): Promise<Outcome> => {
    const req = s.req;
    const {
      d,
      range,
      stream: bytes,
    } = await act.readContent(s, documentId, {
      range: req.headers.range,
      ifRange: [req.headers['if-range']].flat().join(',') || undefined,
      head: req.method === 'HEAD',
    });
    const headers: Record<string, string> = {
      'Accept-Ranges': 'bytes',
      ETag: act.documentEtag(d),
      // Never run anything from an uploaded file, even if a browser tries to show it.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'X-Content-Type-Options': 'nosniff',
    };
    if (range.kind === 'unsatisfiable') {
      const text = Buffer.from(s.t('records.documents.rangeUnsatisfiable'));
      const h416 = {
        ...headers,
        'Content-Range': `bytes */${d.sizeBytes}`,
        'Content-Type': 'text/plain; charset=utf-8',
      };
      return stream(Readable.from([text]), { ...h416, 'Content-Length': String(text.length) }, 416);
    }
    const part = range.kind === 'part' ? range : null;
    headers['Content-Type'] = d.mediaType;
    headers['Content-Disposition'] = contentDisposition(downloadName(d));
    headers['Content-Length'] = String(part ? part.end - part.start + 1 : d.sizeBytes);
    if (part) headers['Content-Range'] = `bytes ${part.start}-${part.end}/${d.sizeBytes}`;
    // An empty stream, not an empty body: Fastify's HEAD handling keeps our Content-Length
    // for a stream (and would drain a real one, decrypting the whole file for nothing).
    return stream(bytes ?? Readable.from([]), headers, part ? 206 : 200);
  };

  r.casePage(
    'GET',
    '/cases/:caseId/records/documents/:documentId/file',
    { can: 'view', compress: false },
    (s, { params }) => content(s, params.documentId!),
  );

  // ---------- API ----------

  const byDocument = { caseOf: act.caseOfDocument };

  r.caseApi(
    'GET',
    '/api/v1/cases/:caseId/documents',
    {
      can: 'view',
      schema: api.ops.getDocuments,
    },
    async (s, { query }) => {
      const which = query.removed === 'true' ? 'removed' : query.review === 'true' ? 'review' : 'in_case';
      return { documents: (await act.listCaseDocuments(s, which)).map(presentDocument) };
    },
  );

  r.caseApi(
    'GET',
    '/api/v1/documents/:documentId',
    {
      can: 'view',
      ...byDocument,
      schema: api.ops.getDocument,
    },
    async (s, { params }) => {
      const d = await act.readDocument(s, params.documentId);
      return json(presentDocument(d), 200, { ETag: etagOf(d.version ?? 1) });
    },
  );

  r.caseApi(
    'PATCH',
    '/api/v1/documents/:documentId',
    {
      can: 'edit',
      ...byDocument,
      schema: api.ops.patchDocument,
    },
    async (s, { params, body }) => {
      const d = await act.changeDocument(s, params.documentId, body, ifMatchVersion(s.req));
      return json(presentDocument(d), 200, { ETag: etagOf(d.version ?? 1) });
    },
  );

  r.caseApi(
    'GET',
    '/api/v1/documents/:documentId/content',
    {
      can: 'view',
      ...byDocument,
      compress: false,
      schema: api.ops.getContent,
    },
    (s, { params }) => content(s, params.documentId),
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

    /** What the person is told: JSON for the API (and clients that ask for it), else the results page. */
    const answer = (s: CaseScope, outcomes: UploadOutcome[], api: boolean): Promise<Outcome> | Outcome => {
      const refused = outcomes.filter(
        (o): o is Extract<UploadOutcome, { status: 'refused' }> => o.status === 'refused',
      );
      const kept = outcomes.length - refused.length;
      const status = outcomes.length === 0 ? 400 : kept > 0 ? (api ? 201 : 200) : refusalStatus(refused[0]!.reason);
      if (api || wantsJson(s.req))
        return json(presentUpload(s.t, outcomes, svc.limits), status, { 'Cache-Control': 'no-store' });
      if (outcomes.length === 0) return uploadPage(s, { values: {}, errors: { files: 'records.upload.noFiles' } }, 400);
      const canEditProfile = can('editProfile', s.access.membership, s.access.patient);
      return page((ctx) => h(UploadResultsPage, { ctx, c: s.c, outcomes, limits: svc.limits, canEditProfile }), status);
    };

    /**
     * The upload's whole path (ADR 0150): a plain read checks access before a byte is
     * accepted; the files stream into sealed temp files; then ONE transaction, access
     * checked again inside it, records them all and picks the answer. If it does not
     * commit, nothing of the request stays on disk.
     */
    const upload = async (req: FastifyRequest, reply: FastifyReply, api: boolean, confirmAll: boolean) => {
      const caseId = (req.params as { caseId: string }).caseId;
      let batch: UploadBatch | null = null;
      let out: Outcome;
      try {
        await requireCaseAccess(deps.db, req.actor, caseId, 'edit');
        const csrf = api ? undefined : { key: deps.keys.csrfKey, binding: req.csrfBinding };
        batch = await receiveUploadRequest(svc, req, { confirmAll, ...(csrf ? { csrf } : {}) });
        const got = batch;
        out = await inCase(deps, req, ui.page(req).t, caseId, 'edit', async (s) =>
          answer(s, await act.uploadDocuments(s, got), api),
        );
      } catch (err) {
        // Not committed: nothing of the request stays on disk.
        await batch?.undo();
        reply.header('Connection', 'close');
        throw err;
      }
      // Committed: the files belong to their rows now, whatever happens to the answer.
      // Anything refused part-way means the request body was not read to its end.
      if (batch.entries.some((e) => 'refused' in e)) reply.header('Connection', 'close');
      return sendOutcome(reply, ui, deps, req, out);
    };

    // The page form posts multipart, which the platform's CSRF hook cannot read (it runs
    // before the body). csrf: false here and the upload checks the same token as the
    // first field of the form, before it reads a single byte of any file (ADR 0140).
    scope.post('/cases/:caseId/records/upload', { config: { access: 'patient', csrf: false } }, (req, reply) =>
      upload(req, reply, false, false),
    );

    scope.post(
      '/api/v1/cases/:caseId/documents',
      {
        config: { access: 'patient' },
        schema: uploadApiSchema,
      },
      // The query is parsed by uploadApiSchema (the multipart scope is not typed by the zod provider).
      (req, reply) => upload(req, reply, true, (req.query as { confirmPatient?: string }).confirmPatient === 'true'),
    );
  });
}
