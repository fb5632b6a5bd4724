import { h } from 'preact';
import { z } from 'zod';
import type { Queryable } from '../../platform/db/database.ts';
import { zipPoint } from '../../platform/geo.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { caseRoutes, page } from '../../platform/http/case-route.ts';
import { invalid } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { loadCancerCenters } from './cancer-centers.ts';
import { cancerCenterFor, directoryQuery, type DirectoryQuery, PAGE_SIZE, queryErrors, rankByDistance } from './directory.ts';
import { DirectoryPage } from './directory-views.tsx';
import { directoryLoaded, providersInBox, taxonomyCodesFor, taxonomyNames } from './directory-store.ts';

// The national specialist directory (the operator's NPPES import). The data is public
// and names no patient, so there is no case and no audit entry here; it still sits behind
// sign-in, because what someone searches for says something about them.

const providerOut = z.object({
  npi: z.string(),
  name: z.string(),
  credential: z.string().nullable(),
  organization: z.string().nullable().describe('Set for organizations (NPPES entity type 2)'),
  kind: z.enum(['person', 'organization']),
  taxonomyCode: z.string(),
  specialty: z.string().nullable().describe('The NUCC name of the primary taxonomy code, when the NUCC file was imported'),
  address: z.string(),
  city: z.string(),
  state: z.string(),
  postalCode: z.string(),
  phone: z.string().nullable(),
  distanceMiles: z.number().describe('From the center of the searched ZIP code to the center of the practice ZIP code'),
  cancerCenter: z
    .object({ name: z.string(), designation: z.enum(['Comprehensive', 'Clinical']), url: z.string() })
    .nullable()
    .describe('Set when this organization is an NCI-designated cancer center (same name, city and state)'),
});

export const directoryOut = z.object({
  directoryLoaded: z.boolean().describe('False until the operator runs `second-opinion import nppes`'),
  near: z.string(),
  radiusMiles: z.number(),
  taxonomyCodes: z.array(z.string()).describe('The taxonomy codes the specialty words matched'),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  results: z.array(providerOut),
});

type SearchOutcome = { errors: Record<string, MessageKey> } | { errors: null; body: z.infer<typeof directoryOut> };

/** `known` is whether a directory was imported, when the caller has already asked. */
async function search(db: Queryable, q: DirectoryQuery, known?: boolean): Promise<SearchOutcome> {
  const errors = queryErrors(q);
  if (errors) return { errors };
  const center = zipPoint(q.near);
  if (!center) return { errors: { near: 'directory.errors.zipUnknown' } };
  const loaded = known ?? (await directoryLoaded(db));
  const codes = loaded ? await taxonomyCodesFor(db, q.specialty) : [];
  const ranked = rankByDistance(await providersInBox(db, codes, center, q.radiusMiles), center, q.radiusMiles, q.page);
  const names = await taxonomyNames(db, [...new Set(ranked.results.map((r) => r.taxonomy_code))]);
  const centers = loadCancerCenters().centers;
  return {
    errors: null,
    body: {
      directoryLoaded: loaded,
      near: q.near,
      radiusMiles: q.radiusMiles,
      taxonomyCodes: codes,
      total: ranked.total,
      page: q.page,
      pageSize: PAGE_SIZE,
      results: ranked.results.map((r) => {
        const kind = r.entity_type === '2' ? ('organization' as const) : ('person' as const);
        const center = cancerCenterFor({ kind, organization: r.organization, city: r.city, state: r.state }, centers);
        return {
        npi: r.npi,
        name: r.name,
        credential: r.credential,
        organization: r.organization,
        kind,
        taxonomyCode: r.taxonomy_code,
        specialty: names.get(r.taxonomy_code) ?? null,
        address: [r.address_line1, r.address_line2].filter(Boolean).join(', '),
        city: r.city,
        state: r.state,
        postalCode: r.postal_code,
        phone: r.phone,
        distanceMiles: r.distanceMiles,
        cancerCenter: center ? { name: center.name, designation: center.designation, url: center.url } : null,
        };
      }),
    },
  };
}

export const registerDirectory: FeatureRegistrar = (app, deps, ui) => {
  const r = caseRoutes(app, deps, ui);

  // The page sits under the case: it starts from the patient's ZIP code, so it reads the
  // case and writes an audit entry like every other case page.
  r.casePage('GET', '/cases/:caseId/doctors/directory', { can: 'view' }, async (s, { query: raw }) => {
    await s.record('doctors.directory.view', 'case', s.caseId);
    const c = s.c;
    const searched = typeof raw.specialty === 'string';
    const text = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string).slice(0, 200) : '');
    const values = { specialty: text('specialty'), near: searched ? text('near') : (c.patientZip ?? '') };
    const parsed = directoryQuery.safeParse({ ...values, radiusMiles: text('radiusMiles') || undefined, page: text('page') || undefined });
    const loaded = await directoryLoaded(s.trx);
    let errors: Record<string, MessageKey> = {};
    let body: z.infer<typeof directoryOut> | null = null;
    if (!parsed.success) {
      errors = {
        ...(queryErrors({ specialty: values.specialty.trim(), near: values.near.trim(), radiusMiles: 25, page: 1 }) ?? {}),
        ...Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message as MessageKey])),
      };
    } else if (searched && loaded) {
      const outcome = await search(s.trx, parsed.data, loaded);
      if (outcome.errors) errors = outcome.errors;
      else body = outcome.body;
    }
    const radiusMiles = parsed.success ? parsed.data.radiusMiles : 25;
    return page(
      (ctx) =>
        h(DirectoryPage, {
          ctx,
          c,
          form: { values: { ...values, radiusMiles: String(radiusMiles) }, errors },
          loaded,
          searched: body !== null,
          radiusMiles,
          page: body?.page ?? 1,
          total: body?.total ?? 0,
          pageSize: PAGE_SIZE,
          hits: body?.results ?? [],
        }),
      Object.keys(errors).length ? 400 : 200,
    );
  });

  // Public data that names no patient: no audit entry, but behind sign-in, because what
  // someone searches for says something about them.
  r.userApi(
    'GET',
    '/api/v1/doctors',
    {
      schema: {
        tags: ['doctors'],
        summary: 'Find specialists near a ZIP code in the national provider directory (NPPES), nearest first',
        description:
          '`specialty` is a taxonomy code (e.g. 207RH0003X) or words matched to the NUCC taxonomy names. `radiusMiles` is 10, 25, 50 or 100. ' +
          `Results come ${PAGE_SIZE} a page. Distances are between ZIP code centers, so they are approximate.`,
        querystring: directoryQuery,
        response: { 200: directoryOut },
      },
    },
    async (s, { query }) => {
      const outcome = await search(s.trx, query);
      if (outcome.errors) throw invalid(outcome.errors);
      return outcome.body;
    },
  );
};
