import { h } from 'preact';
import { unwrap } from '../../platform/actions.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { caseRoutes, page } from '../../platform/http/case-route.ts';
import { directoryQuery, PAGE_SIZE } from './directory.ts';
import * as act from './directory-actions.ts';
import { directoryOut } from './directory-api.ts';
import { DirectoryPage } from './directory-views.tsx';

// The national specialist directory (the operator's NPPES import): thin adapters over the
// directory actions (ADR 0014), one transaction per request. The data is public and names
// no patient; it still sits behind sign-in, because what someone searches for says
// something about them.

export const registerDirectory: FeatureRegistrar = (app, deps, ui) => {
  const r = caseRoutes(app, deps, ui);

  r.casePage('GET', '/cases/:caseId/doctors/directory', { can: 'view' }, async (s, { query }) => {
    const d = await act.directoryPage(s, query);
    return page(
      (ctx) =>
        h(DirectoryPage, {
          ctx,
          c: s.c,
          form: { values: d.values, errors: d.errors },
          loaded: d.loaded,
          searched: d.found !== null,
          radiusMiles: d.radiusMiles,
          page: d.found?.page ?? 1,
          total: d.found?.total ?? 0,
          pageSize: PAGE_SIZE,
          hits: d.found?.results ?? [],
        }),
      Object.keys(d.errors).length ? 400 : 200,
    );
  });

  r.userApi(
    'GET',
    '/api/v1/doctors',
    {
      schema: {
        tags: ['doctors'],
        summary: 'Find specialists near a ZIP code in the national provider directory (NPPES), nearest first',
        description:
          '`specialty` is a taxonomy code (e.g. 207RH0003X) or words matched to the NUCC taxonomy names. ' +
          '`radiusMiles` is 10, 25, 50 or 100. ' +
          `Results come ${PAGE_SIZE} a page. Distances are between ZIP code centers, so they are approximate.`,
        querystring: directoryQuery,
        response: { 200: directoryOut },
      },
    },
    async (s, { query }) => unwrap(await act.searchDirectory(s, query)),
  );
};
