import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { CASE_KINDS, checklistFor } from '../../content/records.ts';
import { requireCaseAccess } from '../../platform/auth/access-store.ts';
import { loadCaseContext } from '../../platform/case-context.ts';
import { isoDate } from '../../platform/clock.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { transact } from '../../platform/deps.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { formValues, parseWith, sendPage, setFlash } from '../../platform/http/context.ts';
import { invalid } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { emptyForm, type FieldErrors, type FormState } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import { checklistPutSchema, ITEM_STATUSES, type ItemStatus, kindSchema, suggestCaseKind, summarize } from './checklist.ts';
import { getChecklistKind, loadChecklist, setChecklistKind, setStatus } from './checklist-store.ts';
import { type AnalyseLimits, DEFAULT_LIMITS } from './documents-analyse.ts';
import { countDocuments, getDocuments, listDocuments, listPatientDocuments, listRemovedDocuments, listReviewDocuments } from './documents-store.ts';
import { registerDocumentRoutes } from './documents-routes.ts';
import type { UploadService } from './documents-upload.ts';
import { checkOlderImports } from './imports-recheck.ts';
import { documentHref } from './documents-views.tsx';
import { categoryKey, ITEM_CATEGORIES } from './imports.ts';
import { countRequests, listRequests } from './requests-store.ts';
import { registerRequestRoutes } from './requests-routes.ts';
import { countSpecimenRequests, listSpecimenRequests } from './specimens-store.ts';
import { registerSpecimenRoutes } from './specimens-routes.ts';
import { ChecklistPage, RecordsPage, type SearchResultView, SearchPage, TestsDonePage, TimelinePage } from './records-views.tsx';
import { markTerms, searchPatient, searchTerms } from './search-store.ts';
import { testsAlreadyDone } from './timeline.ts';
import { countItems, getItems, listItems } from './timeline-store.ts';

export interface RecordsOptions {
  limits?: Partial<Omit<AnalyseLimits, 'maxUploadBytes'>>;
}

const t = translator('en');
const TIMELINE_PAGE = 300;

/**
 * Step 6's status: not started until something is gathered, asked for or a checklist is
 * chosen; done when every checklist item is received or does not apply.
 */
export async function recordsStepStatus(db: Queryable, caseId: string): Promise<'not_started' | 'in_progress' | 'done'> {
  const kind = await getChecklistKind(db, caseId);
  if (kind) return summarize(await loadChecklist(db, caseId, kind)).complete ? 'done' : 'in_progress';
  const started = (await countDocuments(db, caseId)) + (await countRequests(db, caseId)) + (await countSpecimenRequests(db, caseId));
  return started > 0 ? 'in_progress' : 'not_started';
}

const itemOut = z.object({
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

export function createRecordsFeature(opts: RecordsOptions = {}): FeatureRegistrar {
  return async (app, deps, ui) => {
    const { clock, config } = deps;
    // The store and its start-up sweeps come from the composition root (createDeps, createServer).
    const store = deps.blobs;

    const svc: UploadService = {
      deps,
      store,
      limits: { maxUploadBytes: config.maxUploadBytes, ...DEFAULT_LIMITS, ...opts.limits },
      idleMs: config.uploadIdleSeconds * 1000,
    };
    // Portal files imported before whose-record checking existed: checked once, before the
    // app answers anyone (ADR 0146). Counts only in the log.
    const older = await checkOlderImports(deps, store, svc.limits);
    if (older.checked > 0) app.log.info({ ...older }, 'older portal imports checked against the patient profile');
    const page = ui.page;
    const today = () => isoDate(clock.now());

    /** Access, case context and one audit entry for a read-only records page. */
    const readPage = <T>(req: FastifyRequest, caseId: string, fn: (trx: Tx, patientId: string) => Promise<T>) =>
      transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        const c = await loadCaseContext(trx, caseId);
        const data = await fn(trx, access.patientId);
        await audit({ action: 'records.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return { c, data };
      });

    // ---------- the step's page ----------

    app.get('/cases/:caseId/records', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const { c, data } = await readPage(req, caseId, async (trx, patientId) => {
        const kind = await getChecklistKind(trx, caseId);
        const counts = await countItems(trx, patientId);
        return {
          documents: await listDocuments(trx, caseId),
          removed: await listRemovedDocuments(trx, caseId),
          review: await listReviewDocuments(trx, caseId),
          requests: await listRequests(trx, caseId),
          specimenRequests: await listSpecimenRequests(trx, caseId),
          checklist: kind ? summarize(await loadChecklist(trx, caseId, kind)) : null,
          itemCount: Object.values(counts).reduce((a, b) => a + b, 0),
        };
      });
      return sendPage(reply, h(RecordsPage, { ctx: page(req), c, ...data, today: today() }));
    });

    // ---------- checklist ----------

    const checklistPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, forms: { kind?: FormState; statuses?: FormState }, status = 200) => {
      const { c, data } = await readPage(req, caseId, async (trx) => {
        const kind = await getChecklistKind(trx, caseId);
        return { kind, rows: kind ? await loadChecklist(trx, caseId, kind) : [] };
      });
      return sendPage(
        reply,
        h(ChecklistPage, {
          ctx: page(req),
          c,
          kind: data.kind,
          suggested: suggestCaseKind(c),
          rows: data.rows,
          kindForm: forms.kind ?? emptyForm(),
          statusForm: forms.statuses ?? null,
        }),
        status,
      );
    };

    app.get('/cases/:caseId/records/checklist', { config: { access: 'patient' } }, async (req, reply) =>
      checklistPage(req, reply, (req.params as { caseId: string }).caseId, {}),
    );

    /** Statuses from form fields "status.<key>" or an API map; only keys of this case's checklist. */
    function readStatuses(kind: (typeof CASE_KINDS)[number], input: Record<string, string | undefined>): { ok: true; statuses: Map<string, ItemStatus> } | { ok: false; errors: FieldErrors } {
      const keys = new Set(checklistFor(kind).map((i) => i.key));
      const statuses = new Map<string, ItemStatus>();
      const errors: FieldErrors = {};
      for (const [k, v] of Object.entries(input)) {
        if (v === undefined || v === '') continue;
        if (!keys.has(k)) errors[`status.${k}`] = 'records.checklist.errors.unknownItem';
        else if (!(ITEM_STATUSES as readonly string[]).includes(v)) errors[`status.${k}`] = 'errors.chooseOne';
        else statuses.set(k, v as ItemStatus);
      }
      return Object.keys(errors).length ? { ok: false, errors } : { ok: true, statuses };
    }

    app.post('/cases/:caseId/records/checklist', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      await transact(deps, req, ({ trx }) => requireCaseAccess(trx, req.actor, caseId, 'edit'));
      const values = formValues(req.body as Record<string, unknown>);
      if (values.intent === 'kind') {
        const parsed = parseWith(kindSchema, values);
        if (!parsed.ok) return checklistPage(req, reply, caseId, { kind: { values, errors: parsed.errors } }, 400);
        await transact(deps, req, async ({ trx, audit }) => {
          const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
          await setChecklistKind(trx, caseId, parsed.data.caseKind, clock.now().toISOString());
          await audit({ action: 'records.checklist_kind', patientId: access.patientId, objectType: 'case', objectId: caseId });
        });
        setFlash(reply, 'records.checklist.kindSaved', config.secureCookies);
        return reply.redirect(`/cases/${caseId}/records/checklist`, 303);
      }
      const input = Object.fromEntries(Object.entries(values).filter(([k]) => k.startsWith('status.')).map(([k, v]) => [k.slice('status.'.length), v]));
      const result = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const kind = await getChecklistKind(trx, caseId);
        if (!kind) return { ok: false as const, errors: { caseKind: 'records.checklist.errors.kindRequired' } as FieldErrors };
        const r = readStatuses(kind, input);
        if (!r.ok) return r;
        const now = clock.now().toISOString();
        for (const [k, s] of r.statuses) await setStatus(trx, caseId, k, s, access.userId, now);
        await audit({ action: 'records.checklist_update', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return { ok: true as const };
      });
      if (!result.ok) return checklistPage(req, reply, caseId, { statuses: { values, errors: result.errors } }, 400);
      setFlash(reply, 'records.checklist.saved', config.secureCookies);
      return reply.redirect(`/cases/${caseId}/records/checklist`, 303);
    });

    const checklistOut = z.object({
      caseKind: z.enum(CASE_KINDS).nullable(),
      suggestedKind: z.enum(CASE_KINDS),
      complete: z.boolean(),
      items: z.array(z.object({ key: z.string(), text: z.string(), status: z.enum(ITEM_STATUSES), documentIds: z.array(z.string()), source: z.object({ title: z.string(), url: z.string() }) })),
    });

    const checklistJson = async (trx: Tx, caseId: string) => {
      const c = await loadCaseContext(trx, caseId);
      const kind = await getChecklistKind(trx, caseId);
      const rows = kind ? await loadChecklist(trx, caseId, kind) : [];
      return {
        caseKind: kind,
        suggestedKind: suggestCaseKind(c),
        complete: summarize(rows).complete,
        items: rows.map((r) => ({ key: r.item.key, text: t(r.item.text), status: r.status, documentIds: r.documents.map((d) => d.id), source: r.item.source })),
      };
    };

    app.get(
      '/api/v1/cases/:caseId/records-checklist',
      {
        config: { access: 'patient' },
        schema: { tags: ['records'], summary: 'The records checklist of a case', params: z.object({ caseId: idParam }), response: { 200: checklistOut } },
      },
      async (req) =>
        transact(deps, req, async ({ trx, audit }) => {
          const access = await requireCaseAccess(trx, req.actor, req.params.caseId, 'view');
          await audit({ action: 'records.view', patientId: access.patientId, objectType: 'case', objectId: req.params.caseId });
          return checklistJson(trx, req.params.caseId);
        }),
    );

    app.put(
      '/api/v1/cases/:caseId/records-checklist',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['records'],
          summary: 'Choose the kind of case and set item statuses (needed, requested, received, not_applicable)',
          params: z.object({ caseId: idParam }),
          body: checklistPutSchema,
          response: { 200: checklistOut },
        },
      },
      async (req) =>
        transact(deps, req, async ({ trx, audit }) => {
          const { caseId } = req.params;
          const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
          const now = clock.now().toISOString();
          if (req.body.caseKind) await setChecklistKind(trx, caseId, req.body.caseKind, now);
          if (req.body.statuses) {
            const kind = await getChecklistKind(trx, caseId);
            if (!kind) throw invalid({ caseKind: 'records.checklist.errors.kindRequired' });
            const r = readStatuses(kind, req.body.statuses);
            if (!r.ok) throw invalid(r.errors);
            for (const [k, s] of r.statuses) await setStatus(trx, caseId, k, s, access.userId, now);
          }
          await audit({ action: 'records.checklist_update', patientId: access.patientId, objectType: 'case', objectId: caseId });
          return checklistJson(trx, caseId);
        }),
    );

    // ---------- timeline ----------

    const docTitles = async (trx: Tx, patientId: string) =>
      new Map((await listPatientDocuments(trx, patientId)).map((d) => [d.id, { title: d.title, caseId: d.caseId }]));

    app.get('/cases/:caseId/records/timeline', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const q = req.query as Record<string, string | undefined>;
      const category = (ITEM_CATEGORIES as readonly string[]).includes(q.category ?? '') ? q.category! : '';
      const pageNo = Math.max(0, Math.min(1000, Number.parseInt(q.page ?? '0', 10) || 0));
      const { c, data } = await readPage(req, caseId, async (trx, patientId) => {
        const items = await listItems(trx, patientId, { category: category || undefined, limit: TIMELINE_PAGE + 1, offset: pageNo * TIMELINE_PAGE });
        return { items, titles: await docTitles(trx, patientId) };
      });
      const more = data.items.length > TIMELINE_PAGE ? `/cases/${caseId}/records/timeline?${new URLSearchParams({ ...(category ? { category } : {}), page: String(pageNo + 1) })}` : null;
      return sendPage(reply, h(TimelinePage, { ctx: page(req), c, items: data.items.slice(0, TIMELINE_PAGE), category, docTitles: data.titles, more }));
    });

    app.get(
      '/api/v1/cases/:caseId/timeline',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['records'],
          summary: 'Structured items imported for this case’s patient, newest first',
          params: z.object({ caseId: idParam }),
          querystring: z.object({ category: z.enum(ITEM_CATEGORIES).optional(), limit: z.coerce.number().int().min(1).max(5000).default(500), offset: z.coerce.number().int().min(0).default(0) }),
          response: { 200: z.object({ items: z.array(itemOut) }) },
        },
      },
      async (req) => {
        const { data } = await readPage(req, req.params.caseId, (trx, patientId) =>
          listItems(trx, patientId, { category: req.query.category, limit: req.query.limit, offset: req.query.offset }),
        );
        return { items: data };
      },
    );

    // ---------- tests already done ----------

    const loadTests = async (trx: Tx, patientId: string) => testsAlreadyDone(await listItems(trx, patientId), await listPatientDocuments(trx, patientId));

    app.get('/cases/:caseId/records/tests-done', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const { c, data } = await readPage(req, caseId, (trx, patientId) => loadTests(trx, patientId));
      return sendPage(reply, h(TestsDonePage, { ctx: page(req), c, tests: data }));
    });

    app.get(
      '/api/v1/cases/:caseId/tests-done',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['records'],
          summary: 'Tests, scans and procedures already done (from imports and uploaded reports), newest first',
          params: z.object({ caseId: idParam }),
          response: {
            200: z.object({
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
            }),
          },
        },
      },
      async (req) => {
        const { data } = await readPage(req, req.params.caseId, (trx, patientId) => loadTests(trx, patientId));
        return { tests: data.map(({ caseId: _c, ...rest }) => rest) };
      },
    );

    // ---------- search ----------

    async function runSearch(trx: Tx, patientId: string, q: string): Promise<SearchResultView[]> {
      const hits = await searchPatient(trx, deps.dialect, patientId, q);
      const items = await getItems(
        trx,
        hits.filter((h) => h.sourceType === 'item').map((h) => h.sourceId),
      );
      const docs = new Map(
        (await getDocuments(
          trx,
          hits.filter((h) => h.sourceType === 'document').map((h) => h.sourceId),
        )).map((d) => [d.id, d]),
      );
      const out: SearchResultView[] = [];
      for (const hit of hits) {
        if (hit.sourceType === 'document') {
          const d = docs.get(hit.sourceId);
          if (!d || d.patientId !== patientId) continue;
          out.push({ hit: { ...hit, title: d.title }, href: documentHref(d.caseId, d.id), label: t('records.search.document'), date: d.documentDate });
        } else {
          const i = items.get(hit.sourceId);
          if (!i) continue;
          out.push({ hit: { ...hit, title: i.display, snippet: i.value ? markTerms(t('records.timeline.value', { value: i.value }), searchTerms(q)) : '' }, href: null, label: t(categoryKey(i.category)), date: i.startedOn });
        }
      }
      return out;
    }

    app.get('/cases/:caseId/records/search', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const q = String((req.query as Record<string, unknown>).q ?? '').slice(0, 200);
      const { c, data } = await readPage(req, caseId, (trx, patientId) => (q.trim() ? runSearch(trx, patientId, q) : Promise.resolve(null)));
      return sendPage(reply, h(SearchPage, { ctx: page(req), c, q, results: data }));
    });

    app.get(
      '/api/v1/cases/:caseId/records/search',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['records'],
          summary: 'Search document text and imported items of this case’s patient',
          params: z.object({ caseId: idParam }),
          querystring: z.object({ q: z.string().max(200).default('') }),
          response: {
            200: z.object({
              results: z.array(
                z.object({ type: z.enum(['document', 'item']), id: z.string(), title: z.string(), snippet: z.string(), date: z.string().nullable(), href: z.string().nullable() }),
              ),
            }),
          },
        },
      },
      async (req) => {
        const { data } = await readPage(req, req.params.caseId, (trx, patientId) => (req.query.q.trim() ? runSearch(trx, patientId, req.query.q) : Promise.resolve([])));
        return {
          results: data.map((r) => ({
            type: r.hit.sourceType,
            id: r.hit.sourceId,
            title: r.hit.title,
            snippet: r.hit.snippet.replace(/[\u0002\u0003]/g, ''),
            date: r.date,
            href: r.href,
          })),
        };
      },
    );

    await registerDocumentRoutes(app, deps, ui, svc);
    registerRequestRoutes(app, deps, ui);
    registerSpecimenRoutes(app, deps, ui);
  };
}
