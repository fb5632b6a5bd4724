import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireCaseAccess } from '../../platform/auth/access-store.ts';
import { loadCaseContext } from '../../platform/case-context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { transact } from '../../platform/deps.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { idParam } from '../../platform/validation.ts';
import type { PlanRecord } from '../coverage/coverage.ts';
import type { OpinionRecord } from '../opinions/opinions.ts';
import { contentDisposition, type DocumentRecord } from '../records/documents.ts';
import type { TimelineItem } from '../records/timeline.ts';
import { caseToFhirBundle } from './fhir-export.ts';

/**
 * Where the export's data comes from: other features' stores, handed in by the
 * composition root (src/features/index.ts) so this feature imports none of them. Each
 * runs inside the export's own transaction.
 */
export interface FhirSources {
  /** The case's documents, archived ones left out. */
  documents(db: Queryable, caseId: string): Promise<DocumentRecord[]>;
  /** The patient's imported items; the export keeps those read from the case's documents. */
  items(db: Queryable, patientId: string): Promise<TimelineItem[]>;
  opinions(db: Queryable, caseId: string): Promise<OpinionRecord[]>;
  coverage(db: Queryable, caseId: string): Promise<PlanRecord | null>;
}

export const FHIR_CONTENT_TYPE = 'application/fhir+json; charset=utf-8';
export const fhirPageHref = (caseId: string) => `/cases/${caseId}/export/fhir`;

const t = translator('en');

/** The whole case as one FHIR R4 Bundle, through the API (token) and from a page link (session). */
export function createFhirFeature(sources: FhirSources): FeatureRegistrar {
  return (app, deps) => {
    const send = async (req: FastifyRequest, reply: FastifyReply, caseId: string) => {
      const bundle = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        const c = await loadCaseContext(trx, caseId);
        const [documents, items, opinions, coverage] = [
          await sources.documents(trx, caseId),
          await sources.items(trx, c.patientId),
          await sources.opinions(trx, caseId),
          await sources.coverage(trx, caseId),
        ];
        await audit({ action: 'case.export_fhir', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return caseToFhirBundle({ case: c, documents, items, opinions, coverage }, { baseUrl: deps.config.baseUrl, now: deps.clock.now().toISOString(), t });
      });
      const day = (bundle.timestamp ?? '').slice(0, 10);
      return (
        reply
          .header('Content-Type', FHIR_CONTENT_TYPE)
          // Health data: no cache, shared or private, may keep a copy.
          .header('Cache-Control', 'no-store')
          .header('Content-Disposition', contentDisposition(`case-${day}.fhir.json`))
          // A string is sent as it is: the route's schema documents the shape, it does not re-serialize it.
          .send(JSON.stringify(bundle))
      );
    };

    app.get(
      '/api/v1/cases/:caseId/fhir',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['sharing'],
          summary: 'The case as a FHIR R4 Bundle (type collection), served as application/fhir+json',
          description:
            'Patient, the first doctor’s diagnosis and proposal, the documents as DocumentReference, items imported from portal exports, each accepted opinion as ClinicalImpression with Condition (ICD-10-CM), Practitioner (NPI) and CarePlan, and Coverage. Every reference resolves inside the bundle (urn:uuid).',
          params: z.object({ caseId: idParam }),
          produces: ['application/fhir+json'],
          response: {
            200: z
              .object({
                resourceType: z.literal('Bundle'),
                type: z.literal('collection'),
                timestamp: z.string(),
                entry: z.array(z.object({ fullUrl: z.string(), resource: z.object({ resourceType: z.string(), id: z.string() }).loose() })),
              })
              .loose(),
          },
        },
      },
      async (req, reply) => send(req, reply, req.params.caseId),
    );

    app.get('/cases/:caseId/export/fhir', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      return send(req, reply, caseId);
    });
  };
}
