import { h } from 'preact';
import { unwrap } from '../../platform/actions.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { type CaseScope, caseRoutes, page, redirect } from '../../platform/http/case-route.ts';
import { parseWith } from '../../platform/http/context.ts';
import { emptyForm, type FormState } from '../../platform/ui/page-context.ts';
import { type ChecklistRow, kindSchema, summarize } from './checklist.ts';
import { getChecklistKind, loadChecklist } from './checklist-store.ts';
import { type AnalyseLimits, analyseLimits } from './documents-analyse.ts';
import { registerDocumentRoutes } from './documents-routes.ts';
import { countDocuments } from './documents-store.ts';
import type { UploadService } from './documents-upload.ts';
import { ITEM_CATEGORIES } from './imports.ts';
import * as act from './records-actions.ts';
import * as api from './records-api.ts';
import { ChecklistPage, RecordsPage, SearchPage, TestsDonePage, TimelinePage } from './records-views.tsx';
import { registerRequestRoutes } from './requests-routes.ts';
import { countRequests } from './requests-store.ts';
import { registerSpecimenRoutes } from './specimens-routes.ts';
import { countSpecimenRequests } from './specimens-store.ts';

// Thin adapters over the records actions (ADR 0014): the step's page, the checklist, the
// timeline, tests already done and search. Documents, requests and specimens have their own files.

export interface RecordsOptions {
  limits?: Partial<Omit<AnalyseLimits, 'maxUploadBytes'>>;
}

const TIMELINE_PAGE = 300;

/**
 * Step 6's status: not started until something is gathered, asked for or a checklist is
 * chosen; done when every checklist item is received or does not apply.
 */
export async function recordsStepStatus(
  db: Queryable,
  caseId: string,
): Promise<'not_started' | 'in_progress' | 'done'> {
  const kind = await getChecklistKind(db, caseId);
  if (kind) return summarize(await loadChecklist(db, caseId, kind)).complete ? 'done' : 'in_progress';
  const started =
    (await countDocuments(db, caseId)) + (await countRequests(db, caseId)) + (await countSpecimenRequests(db, caseId));
  return started > 0 ? 'in_progress' : 'not_started';
}

export function createRecordsFeature(opts: RecordsOptions = {}): FeatureRegistrar {
  return async (app, deps, ui) => {
    const { config } = deps;
    const svc: UploadService = {
      deps,
      // The store and its start-up sweeps come from the composition root (createDeps, createServer).
      store: deps.blobs,
      limits: { ...analyseLimits(config), ...opts.limits },
      idleMs: config.uploadIdleSeconds * 1000,
    };
    const r = caseRoutes(app, deps, ui);

    // ---------- the step's page ----------

    r.casePage('GET', '/cases/:caseId/records', { can: 'view' }, async (s) => {
      const data = await act.recordsOverview(s);
      return page((ctx) => h(RecordsPage, { ctx, c: s.c, ...data, today: s.today }));
    });

    // ---------- checklist ----------

    const checklistPage = async (
      s: CaseScope,
      forms: { kind?: FormState; statuses?: FormState },
      status = 200,
      stale?: ChecklistRow[],
    ) => {
      const { kind, rows, suggested } = await act.readChecklist(s);
      const kindForm = forms.kind ?? emptyForm();
      const statusForm = forms.statuses ?? null;
      return page(
        (ctx) => h(ChecklistPage, { ctx, c: s.c, kind, suggested, rows, kindForm, statusForm, stale }),
        status,
      );
    };

    r.casePage('GET', '/cases/:caseId/records/checklist', { can: 'view' }, (s) => checklistPage(s, {}));

    r.casePage('POST', '/cases/:caseId/records/checklist', { can: 'edit' }, async (s, { form: values }) => {
      if (values.intent === 'kind') {
        const parsed = parseWith(kindSchema, values);
        if (!parsed.ok) return checklistPage(s, { kind: { values, errors: parsed.errors } }, 400);
        await act.chooseCaseKind(s, parsed.data.caseKind);
        return redirect(`/cases/${s.caseId}/records/checklist`, 'records.checklist.kindSaved');
      }
      const statuses = Object.fromEntries(
        Object.entries(values)
          .filter(([k]) => k.startsWith('status.'))
          .map(([k, v]) => [k.slice('status.'.length), v]),
      );
      // The version of each item the page showed (ADR 0016).
      const versions = new Map(
        Object.entries(values)
          .filter(([k, v]) => k.startsWith('version.') && /^\d{1,9}$/.test(v ?? ''))
          .map(([k, v]) => [k.slice('version.'.length), Number(v)]),
      );
      const saved = await act.updateChecklist(s, { statuses }, versions);
      if (!saved.ok && 'stale' in saved) {
        // Someone saved first: 409, both versions, the person's choices kept over the newer versions.
        const newer = Object.fromEntries(saved.stale.map((row) => [`version.${row.item.key}`, String(row.version)]));
        return checklistPage(s, { statuses: { values: { ...values, ...newer }, errors: {} } }, 409, saved.stale);
      }
      if (!saved.ok) return checklistPage(s, { statuses: { values, errors: saved.errors } }, 400);
      return redirect(`/cases/${s.caseId}/records/checklist`, 'records.checklist.saved');
    });

    const checklistJson = (s: CaseScope, state: Awaited<ReturnType<typeof act.checklistState>>) => ({
      caseKind: state.kind,
      suggestedKind: state.suggested,
      complete: state.complete,
      items: state.rows.map((row) => ({
        key: row.item.key,
        text: s.t(row.item.text),
        status: row.status,
        documentIds: row.documents.map((d) => d.id),
        source: row.item.source,
      })),
    });

    r.caseApi(
      'GET',
      '/api/v1/cases/:caseId/records-checklist',
      {
        can: 'view',
        schema: api.ops.getRecordsChecklist,
      },
      async (s) => checklistJson(s, await act.readChecklist(s)),
    );

    r.caseApi(
      'PUT',
      '/api/v1/cases/:caseId/records-checklist',
      {
        can: 'edit',
        schema: api.ops.putRecordsChecklist,
      },
      async (s, { body }) => {
        unwrap(await act.updateChecklist(s, body));
        return checklistJson(s, await act.checklistState(s));
      },
    );

    // ---------- timeline ----------

    r.casePage('GET', '/cases/:caseId/records/timeline', { can: 'view' }, async (s, { query: q }) => {
      const category = (ITEM_CATEGORIES as readonly string[]).includes(q.category ?? '') ? q.category! : '';
      const pageNo = Math.max(0, Math.min(1000, Number.parseInt(q.page ?? '0', 10) || 0));
      const found = await act.timeline(s, {
        category: category || undefined,
        limit: TIMELINE_PAGE + 1,
        offset: pageNo * TIMELINE_PAGE,
      });
      const docTitles = await act.documentTitles(s);
      const next = new URLSearchParams({ ...(category ? { category } : {}), page: String(pageNo + 1) });
      const more = found.length > TIMELINE_PAGE ? `/cases/${s.caseId}/records/timeline?${next}` : null;
      const items = found.slice(0, TIMELINE_PAGE);
      return page((ctx) => h(TimelinePage, { ctx, c: s.c, items, category, docTitles, more }));
    });

    r.caseApi(
      'GET',
      '/api/v1/cases/:caseId/timeline',
      {
        can: 'view',
        schema: api.ops.getTimeline,
      },
      async (s, { query }) => ({ items: await act.timeline(s, query) }),
    );

    // ---------- tests already done ----------

    r.casePage('GET', '/cases/:caseId/records/tests-done', { can: 'view' }, async (s) => {
      const tests = await act.testsDone(s);
      return page((ctx) => h(TestsDonePage, { ctx, c: s.c, tests }));
    });

    r.caseApi(
      'GET',
      '/api/v1/cases/:caseId/tests-done',
      {
        can: 'view',
        schema: api.ops.getTestsDone,
      },
      async (s) => ({ tests: (await act.testsDone(s)).map(({ caseId: _c, ...rest }) => rest) }),
    );

    // ---------- search ----------

    r.casePage('GET', '/cases/:caseId/records/search', { can: 'view' }, async (s, { query }) => {
      const q = String(query.q ?? '').slice(0, 200);
      const results = await act.searchRecords(s, q);
      return page((ctx) => h(SearchPage, { ctx, c: s.c, q, results }));
    });

    r.caseApi(
      'GET',
      '/api/v1/cases/:caseId/records/search',
      {
        can: 'view',
        schema: api.ops.getSearch,
      },
      async (s, { query }) => ({
        results: ((await act.searchRecords(s, query.q)) ?? []).map((x) => ({
          type: x.hit.sourceType,
          id: x.hit.sourceId,
          title: x.hit.title,
          snippet: x.hit.snippet.replace(/[\u0002\u0003]/g, ''),
          date: x.date,
          href: x.href,
        })),
      }),
    );

    await registerDocumentRoutes(app, deps, ui, svc);
    registerRequestRoutes(app, deps, ui);
    registerSpecimenRoutes(app, deps, ui);
  };
}
