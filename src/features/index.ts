import type { FeatureRegistrar } from '../platform/http/app.ts';
import { registerAccounts } from './accounts/accounts-routes.ts';
import { createCasesFeature } from './cases/cases-routes.ts';
import { createCodesFeature } from './codes/codes-routes.ts';
import { loadIcd10 } from './codes/icd10-data.ts';
import { createOpinionsFeature } from './opinions/opinions-routes.ts';
import { decisionStepStatus, opinionsStepStatus } from './opinions/opinions-store.ts';
import { registerCoverage } from './coverage/coverage-routes.ts';
import { coverageStepStatusFor, getPlan } from './coverage/coverage-store.ts';
import { appointmentEvents, registerDoctors } from './doctors/doctors-routes.ts';
import { doctorsStepStatusFor } from './doctors/doctors-store.ts';
import { registerPatients } from './patients/patients-routes.ts';
import { createTasksFeature, openTasksForPatients } from './tasks/tasks-routes.ts';

/**
 * Every feature of the app, in one list: the only place that knows them all. A feature's
 * step on the case page is wired here too, so cases never import another feature.
 */
export function allFeatures(): FeatureRegistrar[] {
  return [
    registerAccounts,
    registerPatients,
    createCasesFeature({
      steps: { coverage: coverageStepStatusFor, doctors: doctorsStepStatusFor, opinions: opinionsStepStatus, decision: decisionStepStatus },
      dueTasks: openTasksForPatients,
    }),
    registerCoverage,
    registerDoctors,
    createTasksFeature({ calendarSources: [appointmentEvents] }),
    createCodesFeature({ icd10: loadIcd10 }),
    createOpinionsFeature({
      icd10: loadIcd10,
      // The questions feature supplies these when it lands: (db, caseId) => [{ id, text }].
      questions: async () => [],
      // The plan type the person chose on the coverage step, for what coverage says about a third opinion.
      coveragePlan: async (db, caseId) => (await getPlan(db, caseId))?.planType ?? null,
    }),
  ];
}
