import type { FeatureRegistrar } from '../platform/http/app.ts';
import { registerAccounts } from './accounts/accounts-routes.ts';
import { createCasesFeature } from './cases/cases-routes.ts';
import { createCodesFeature } from './codes/codes-routes.ts';
import { loadIcd10 } from './codes/icd10-data.ts';
import { createOpinionsFeature } from './opinions/opinions-routes.ts';
import { decisionStepStatus, opinionsStepStatus } from './opinions/opinions-store.ts';
import { registerPatients } from './patients/patients-routes.ts';

/**
 * Every feature of the app, in one list: the only place that knows them all. A feature's
 * step on the case page is wired here too, so cases never import another feature.
 */
export function allFeatures(): FeatureRegistrar[] {
  return [
    registerAccounts,
    registerPatients,
    createCasesFeature({ steps: { opinions: opinionsStepStatus, decision: decisionStepStatus } }),
    createCodesFeature({ icd10: loadIcd10 }),
    createOpinionsFeature({
      icd10: loadIcd10,
      // The questions feature supplies these when it lands: (db, caseId) => [{ id, text }].
      questions: async () => [],
      // The coverage feature supplies the plan type when it lands.
      coveragePlan: async () => null,
    }),
  ];
}
