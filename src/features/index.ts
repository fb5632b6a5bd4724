import type { FeatureRegistrar } from '../platform/http/app.ts';
import { registerAccounts } from './accounts/accounts-routes.ts';
import { createCasesFeature } from './cases/cases-routes.ts';
import { registerPatients } from './patients/patients-routes.ts';
import { createRecordsFeature, recordsStepStatus } from './records/records-routes.ts';

/**
 * Every feature of the app, in one list: the only place that knows them all. A feature's
 * step on the case page is wired here too, so cases never import another feature.
 */
export function allFeatures(): FeatureRegistrar[] {
  return [registerAccounts, registerPatients, createCasesFeature({ steps: { records: recordsStepStatus } }), createRecordsFeature()];
}
