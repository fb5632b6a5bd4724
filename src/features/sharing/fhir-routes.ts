import { z } from 'zod';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { type CaseScope, caseRoutes, file } from '../../platform/http/case-route.ts';
import { idParam } from '../../platform/validation.ts';
import * as act from './sharing-actions.ts';

export type { FhirSources } from './sharing-actions.ts';

export const FHIR_CONTENT_TYPE = 'application/fhir+json; charset=utf-8';
export const fhirPageHref = (caseId: string) => `/cases/${caseId}/export/fhir`;

/** The whole case as one FHIR R4 Bundle, through the API (token) and from a page link (session). */
export function createFhirFeature(sources: act.FhirSources): FeatureRegistrar {
  return (app, deps, ui) => {
    const r = caseRoutes(app, deps, ui);
    const send = async (s: CaseScope) => {
      const bundle = await act.exportFhir(s, sources);
      // A string is sent as it is: the route's schema documents the shape, it does not re-serialize it.
      // Health data: no cache, shared or private, may keep a copy (file() says so).
      return file(JSON.stringify(bundle), FHIR_CONTENT_TYPE, `case-${(bundle.timestamp ?? '').slice(0, 10)}.fhir.json`);
    };

    r.caseApi(
      'GET',
      '/api/v1/cases/:caseId/fhir',
      {
        can: 'view',
        schema: {
          tags: ['sharing'],
          summary: 'The case as a FHIR R4 Bundle (type collection), served as application/fhir+json',
          description:
            'Patient, the first doctor’s diagnosis and proposal, the documents as DocumentReference, items imported ' +
            'from portal exports, ' +
            'each accepted opinion as ClinicalImpression with Condition (ICD-10-CM), Practitioner (NPI) and ' +
            'CarePlan, and Coverage. ' +
            'Every reference resolves inside the bundle (urn:uuid).',
          params: z.object({ caseId: idParam }),
          produces: ['application/fhir+json'],
          response: {
            200: z
              .object({
                resourceType: z.literal('Bundle'),
                type: z.literal('collection'),
                timestamp: z.string(),
                entry: z.array(
                  z.object({
                    fullUrl: z.string(),
                    resource: z.object({ resourceType: z.string(), id: z.string() }).loose(),
                  }),
                ),
              })
              .loose(),
          },
        },
      },
      send,
    );

    r.casePage('GET', '/cases/:caseId/export/fhir', { can: 'view' }, send);
  };
}
