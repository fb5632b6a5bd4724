import { h } from 'preact';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { sendPage } from '../../platform/http/context.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import * as api from './codes-api.ts';
import { codeQuery, presentCode, presentSearch, searchCodes } from './codes-api.ts';
import { CodeSearchPage } from './codes-views.tsx';
import type { Icd10Index } from './icd10.ts';
import { normalizeCode } from './icd10.ts';
import type { Icd10Source } from './icd10-data.ts';

// ICD-10-CM lookup. The code set is public reference data, but the search sits behind
// sign-in like everything else: what someone searches for says something about them.
// No audit entries: nothing here reads or writes a person's data. These routes are not
// caseRoutes and open no transaction (ADR 0123): they read no one's data, and the code
// set's source may look at the database for a newer year, which inside a transaction on
// SQLite would wait on the connection that transaction holds.

export function createCodesFeature(opts: { icd10: () => Promise<Icd10Index>; source?: Icd10Source }): FeatureRegistrar {
  return (app, deps, ui) => {
    // The app's own database may hold a newer year loaded with `import icd10cm`.
    opts.source?.attach(deps.db, deps.clock);
    // A listening server loads the code set right away, so the first person to search does
    // not wait for it; in-process tests (app.inject) never listen and load only if they search.
    app.addHook('onListen', async () => {
      void opts.icd10().catch(() => {});
    });

    app.get(
      '/api/v1/codes/icd10',
      {
        config: { access: 'user' },
        schema: api.ops.getIcd10,
      },
      async (req) => {
        if (!req.query.q) throw invalid({ q: 'codes.errors.query' });
        return presentSearch(searchCodes(await opts.icd10(), req.query.q, req.query.limit));
      },
    );

    app.get(
      '/api/v1/codes/icd10/:code',
      {
        config: { access: 'user' },
        schema: api.ops.getIcd102,
      },
      async (req) => {
        const norm = normalizeCode(req.params.code);
        if (!norm) throw invalid({ code: 'codes.errors.code' });
        const index = await opts.icd10();
        const info = index.lookup(norm);
        if (!info) throw notFound();
        return presentCode(index, info);
      },
    );

    // For the autocomplete on the opinion form: same answer, read with the page's session
    // cookie (the /api paths take bearer tokens only).
    app.get('/codes/icd10/suggest', { config: { access: 'user' } }, async (req, reply) => {
      const parsed = codeQuery.safeParse(req.query);
      reply.header('Cache-Control', 'no-store');
      if (!parsed.success || !parsed.data.q) return { query: '', total: 0, results: [] };
      const view = searchCodes(await opts.icd10(), parsed.data.q, Math.min(parsed.data.limit, 12));
      return { query: view.query, year: view.year, total: view.total, results: view.results };
    });

    app.get('/codes/icd10', { config: { access: 'user' } }, async (req, reply) => {
      const parsed = codeQuery.safeParse(req.query);
      const raw = (req.query as { q?: unknown }).q;
      const q = typeof raw === 'string' ? raw.slice(0, 200) : '';
      const index = await opts.icd10();
      const result = parsed.success && parsed.data.q ? searchCodes(index, parsed.data.q, 25) : null;
      return sendPage(reply, h(CodeSearchPage, { ctx: ui.page(req), q, result, year: index.year }));
    });
  };
}
