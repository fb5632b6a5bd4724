import type { FeatureRegistrar } from '../platform/http/app.ts';
import { registerAccounts } from './accounts/accounts-routes.ts';
import { createAssessmentFeature } from './assessment/assessment-routes.ts';
import { assessmentStepStatus, getAssessmentSignals } from './assessment/assessment-store.ts';
import { createCasesFeature } from './cases/cases-routes.ts';
import { registerCoverage } from './coverage/coverage-routes.ts';
import { coverageStepStatusFor } from './coverage/coverage-store.ts';
import { appointmentEvents, registerDoctors } from './doctors/doctors-routes.ts';
import { doctorsStepStatusFor } from './doctors/doctors-store.ts';
import { registerPatients } from './patients/patients-routes.ts';
import { createQuestionsFeature } from './questions/questions-routes.ts';
import { questionsStepStatus } from './questions/questions-store.ts';
import { createRecordsFeature, recordsStepStatus } from './records/records-routes.ts';
import { createTasksFeature, openTasksForPatients } from './tasks/tasks-routes.ts';

/**
 * Every feature of the app, in one list: the only place that knows them all. A feature's
 * step on the case page is wired here too, so cases never import another feature.
 */
export function allFeatures(): FeatureRegistrar[] {
  const steps = {
    assessment: assessmentStepStatus,
    questions: questionsStepStatus,
    coverage: coverageStepStatusFor,
    doctors: doctorsStepStatusFor,
    records: recordsStepStatus,
  };
  return [
    registerAccounts,
    registerPatients,
    createCasesFeature({ steps, dueTasks: openTasksForPatients }),
    // The check links its "next steps" only to steps that have pages.
    createAssessmentFeature({ linkedSteps: Object.keys(steps) }),
    // The questions list is tailored with what the check learned (surgery, cost, side effects).
    createQuestionsFeature({ caseSignals: getAssessmentSignals }),
    registerCoverage,
    registerDoctors,
    createTasksFeature({ calendarSources: [appointmentEvents] }),
    createRecordsFeature(),
  ];
}
