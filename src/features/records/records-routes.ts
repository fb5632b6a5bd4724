import { h } from 'preact';
import { requireCaseAccess } from '../../platform/auth/access-store.ts';
import { loadCaseContext } from '../../platform/case-context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { transact } from '../../platform/deps.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { sendPage } from '../../platform/http/context.ts';
import { documentStore } from '../../platform/storage/index.ts';
import { type AnalyseLimits, DEFAULT_LIMITS } from './documents-analyse.ts';
import { countDocuments, knownStorageKeys, listDocuments } from './documents-store.ts';
import { registerDocumentRoutes } from './documents-routes.ts';
import type { UploadService } from './documents-upload.ts';
import { RecordsPage } from './records-views.tsx';

export interface RecordsOptions {
  /** Stored files no row knows are removed at start once older than this (default 1 hour). */
  orphanGraceMs?: number;
  limits?: Partial<Omit<AnalyseLimits, 'maxUploadBytes'>>;
}

/** Step 6's status: started once anything is gathered or asked for; done when the checklist is complete. */
export async function recordsStepStatus(db: Queryable, caseId: string): Promise<'not_started' | 'in_progress' | 'done'> {
  const docs = await countDocuments(db, caseId);
  return docs > 0 ? 'in_progress' : 'not_started';
}

export function createRecordsFeature(opts: RecordsOptions = {}): FeatureRegistrar {
  return async (app, deps, ui) => {
    const store = documentStore(deps);
    await store.init();
    // Crash leftovers: half-written temp files, and whole files whose transaction never committed.
    await store.cleanTemp();
    await store.sweepOrphans((keys) => knownStorageKeys(deps.db, keys), opts.orphanGraceMs ?? 60 * 60 * 1000);

    const svc: UploadService = {
      deps,
      store,
      limits: { maxUploadBytes: deps.config.maxUploadBytes, ...DEFAULT_LIMITS, ...opts.limits },
      idleMs: deps.config.uploadIdleSeconds * 1000,
    };
    const page = ui.page;

    app.get('/cases/:caseId/records', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const data = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        const c = await loadCaseContext(trx, caseId);
        const documents = await listDocuments(trx, caseId);
        await audit({ action: 'records.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return { c, documents };
      });
      return sendPage(reply, h(RecordsPage, { ctx: page(req), ...data }));
    });

    await registerDocumentRoutes(app, deps, ui, svc, { checklistLabelsFor: async () => [] });
  };
}
