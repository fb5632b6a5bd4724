import { z } from 'zod';
import zipcodes from 'zipcodes';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { invalid } from '../../platform/http/errors.ts';
import { directoryQuery, PAGE_SIZE, queryErrors, rankByDistance } from './directory.ts';
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

export const registerDirectory: FeatureRegistrar = (app, deps) => {
  app.get(
    '/api/v1/doctors',
    {
      config: { access: 'user' },
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
    async (req) => {
      const q = req.query;
      const errors = queryErrors(q);
      if (errors) throw invalid(errors);
      const centroid = zipcodes.lookup(q.near);
      if (!centroid) throw invalid({ near: 'directory.errors.zipUnknown' });
      const center = { lat: centroid.latitude, lon: centroid.longitude };
      const loaded = await directoryLoaded(deps.db);
      const codes = loaded ? await taxonomyCodesFor(deps.db, q.specialty) : [];
      const ranked = rankByDistance(await providersInBox(deps.db, codes, center, q.radiusMiles), center, q.radiusMiles, q.page);
      const names = await taxonomyNames(deps.db, [...new Set(ranked.results.map((r) => r.taxonomy_code))]);
      return {
        directoryLoaded: loaded,
        near: q.near,
        radiusMiles: q.radiusMiles,
        taxonomyCodes: codes,
        total: ranked.total,
        page: q.page,
        pageSize: PAGE_SIZE,
        results: ranked.results.map((r) => ({
          npi: r.npi,
          name: r.name,
          credential: r.credential,
          organization: r.organization,
          kind: r.entity_type === '2' ? ('organization' as const) : ('person' as const),
          taxonomyCode: r.taxonomy_code,
          specialty: names.get(r.taxonomy_code) ?? null,
          address: [r.address_line1, r.address_line2].filter(Boolean).join(', '),
          city: r.city,
          state: r.state,
          postalCode: r.postal_code,
          phone: r.phone,
          distanceMiles: r.distanceMiles,
        })),
      };
    },
  );
};
