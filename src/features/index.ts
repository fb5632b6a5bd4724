import type { FastifyBaseLogger } from 'fastify';
import { loadCaseContext } from '../platform/case-context.ts';
import type { Queryable } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import type { FeatureRegistrar } from '../platform/http/app.ts';
import { translator } from '../platform/i18n/i18n.ts';
import { registerJobRoutes } from '../platform/jobs/job-routes.tsx';
import { registerAccounts } from './accounts/accounts-routes.ts';
import { createAssessmentFeature } from './assessment/assessment-routes.ts';
import { assessmentStepStatus, getAssessmentSignals } from './assessment/assessment-store.ts';
import type { LinkUsesProvider } from './cases/cases-routes.ts';
import { createCasesFeature } from './cases/cases-routes.ts';
import { createCodesFeature } from './codes/codes-routes.ts';
import { createIcd10Source } from './codes/icd10-data.ts';
import { registerCoverage } from './coverage/coverage-routes.ts';
import { coverageStepStatusFor, getPlan } from './coverage/coverage-store.ts';
import { registerDirectory } from './doctors/directory-routes.ts';
import { appointmentEvents, registerDoctors } from './doctors/doctors-routes.ts';
import { doctorsStepStatusFor } from './doctors/doctors-store.ts';
import { codeProblems } from './opinions/opinions.ts';
import { createOpinionsFeature } from './opinions/opinions-routes.ts';
import {
  countPendingDoctorOpinions,
  decisionStepStatus,
  findOpinion,
  insertOpinion,
  listOpinions,
  opinionsStepStatus,
  pendingDoctorOpinions,
  updateOpinion,
} from './opinions/opinions-store.ts';
import { registerPatients } from './patients/patients-routes.ts';
import { questionText } from './questions/questions.ts';
import { addQuestionOnce } from './questions/questions-actions.ts';
import { createQuestionsFeature } from './questions/questions-routes.ts';
import { listQuestions, questionsStepStatus } from './questions/questions-store.ts';
import { analyseLimits } from './records/documents-analyse.ts';
import { createDocumentSource } from './records/documents-provider.ts';
import { getDocuments, listDocuments, listPatientDocuments } from './records/documents-store.ts';
import { registerImportJob } from './records/imports-job.ts';
import { checkOlderImports } from './records/imports-recheck.ts';
import { createRecordsFeature, recordsStepStatus } from './records/records-routes.ts';
import { testsAlreadyDone } from './records/timeline.ts';
import { listItems } from './records/timeline-store.ts';
import { createFhirFeature } from './sharing/fhir-routes.ts';
import type { PacketProviders } from './sharing/packet-kit.ts';
import { createPacketFeature } from './sharing/packet-routes.ts';
import { accessActionKey, describeBrowser } from './sharing/shares.ts';
import { createSharingFeature } from './sharing/shares-routes.ts';
import { listAccessLog, listShares, sharingStepStatus } from './sharing/shares-store.ts';
import { createTasksFeature, openTasksForPatients } from './tasks/tasks-routes.ts';
import { createTrialsFeature } from './trials/trials-routes.ts';

/** Registers a feature's background job handlers on deps.jobs (ADR 0022). */
export type JobRegistrar = (deps: Deps) => void;

/** Every feature's background jobs: `serve` and `worker` register the same ones. */
export function allJobs(): JobRegistrar[] {
  return [registerImportJob];
}

/**
 * Every feature of the app, in one list: the only place that knows them all. A feature's
 * step on the case page is wired here too, so cases never import another feature.
 */
export function allFeatures(): FeatureRegistrar[] {
  const t = translator('en');
  // One ICD-10-CM source per app: the codes feature ties it to the app's database, where
  // an operator may have imported a newer year (ADR 0168); every feature reads it.
  const icd10 = createIcd10Source();
  const loadIcd10 = () => icd10.get();
  // For features that read the code set inside a request's transaction: never waits on the database.
  const heldIcd10 = () => icd10.inTransaction();
  const caseQuestions = async (db: Queryable, caseId: string) =>
    (await listQuestions(db, caseId)).map((q) => ({ id: q.id, text: questionText(q, t) }));
  const steps = {
    assessment: assessmentStepStatus,
    questions: questionsStepStatus,
    coverage: coverageStepStatusFor,
    doctors: doctorsStepStatusFor,
    records: recordsStepStatus,
    sharing: sharingStepStatus,
    opinions: opinionsStepStatus,
    decision: decisionStepStatus,
  };
  // The records packet's data (records and questions features); share links use the same.
  const packetProviders: PacketProviders = {
    documents: createDocumentSource,
    cover: async (db, caseId) => {
      const { patientId } = await loadCaseContext(db, caseId);
      const items = await listItems(db, patientId);
      return {
        medications: items.filter((i) => i.category === 'medication'),
        allergies: items.filter((i) => i.category === 'allergy'),
        testsDone: testsAlreadyDone(items, await listPatientDocuments(db, patientId)),
        questions: (await listQuestions(db, caseId)).map((q) => ({ text: questionText(q, t), important: q.important })),
      };
    },
  };
  // The latest uses of a case's share links, named for the case page: the link's doctor and
  // the record looked at come from the sharing and records features.
  const linkUses: LinkUsesProvider = async (db, caseId, limit) => {
    const log = await listAccessLog(db, caseId, limit);
    if (log.length === 0) return [];
    const doctors = new Map((await listShares(db, caseId)).map((s) => [s.id, s.doctorName]));
    const ids = [...new Set(log.map((e) => e.objectId).filter((id): id is string => !!id))];
    // Only records still in the case are named, as on the sharing page.
    const titles = new Map((await getDocuments(db, ids)).filter((d) => !d.removedAt).map((d) => [d.id, d.title]));
    return log.map((e) => ({
      at: e.at,
      doctorName: doctors.get(e.shareId) ?? '',
      what: accessActionKey(e.action),
      objectTitle: e.objectId ? (titles.get(e.objectId) ?? null) : null,
      ip: e.ip,
      browser: describeBrowser(e.userAgent),
    }));
  };
  return [
    registerAccounts,
    registerPatients,
    // Doctors' opinions sent through a share link, so the case page can say they wait, and
    // who used the case's links lately.
    createCasesFeature({
      steps,
      dueTasks: openTasksForPatients,
      waitingOpinions: pendingDoctorOpinions,
      waitingOpinionCounts: countPendingDoctorOpinions,
      linkUses,
    }),
    // The check links its "next steps" only to steps that have pages.
    createAssessmentFeature({ linkedSteps: Object.keys(steps) }),
    // The questions list is tailored with what the check learned (surgery, cost, side effects).
    createQuestionsFeature({ caseSignals: getAssessmentSignals }),
    registerCoverage,
    registerDoctors,
    registerDirectory,
    createTasksFeature({ calendarSources: [appointmentEvents] }),
    createRecordsFeature(),
    createCodesFeature({ icd10: loadIcd10, source: icd10 }),
    createOpinionsFeature({
      icd10: heldIcd10,
      // The case's questions (questions feature), so each opinion can hold the doctor's answers.
      questions: caseQuestions,
      // Every question id of the case, removed ones too: an answer may point only at these.
      caseQuestionIds: async (db, caseId) =>
        new Set(
          [...(await listQuestions(db, caseId)), ...(await listQuestions(db, caseId, { removed: true }))].map(
            (q) => q.id,
          ),
        ),
      // The plan type the person chose on the coverage step, for what coverage says about a third opinion.
      coveragePlan: async (db, caseId) => (await getPlan(db, caseId))?.planType ?? null,
    }),
    // The case as one FHIR R4 Bundle, from the records, opinions and coverage features' stores.
    createFhirFeature({
      documents: listDocuments,
      // Well past the timeline's default page: an export must not cut a long record short.
      items: (db, patientId) => listItems(db, patientId, { limit: 100_000 }),
      opinions: listOpinions,
      coverage: getPlan,
    }),
    createPacketFeature(packetProviders),
    // "Save to ask my doctor" puts the trial on the case's questions list (questions feature).
    createTrialsFeature({ askDoctor: (s, text, auditAs) => addQuestionOnce(s, getAssessmentSignals, text, auditAs) }),
    createSharingFeature({
      packet: packetProviders,
      // The case's questions, shown to the consulting doctor and answered on their form.
      questions: caseQuestions,
      // The doctor's opinion lands in the opinions feature as pending, source 'doctor'.
      opinions: {
        find: findOpinion,
        insertPending: (db, now, ids, o) =>
          insertOpinion(db, now, { ...ids, userId: null }, o, { status: 'pending', source: 'doctor' }),
        // Only while it waits for the person: once accepted or set aside, it is theirs.
        update: (db, opinionId, now, o, version) => updateOpinion(db, opinionId, now, o, version, 'pending'),
        codeProblems: async (diagnoses) => codeProblems(diagnoses, await heldIcd10(), t),
        describeCode: async (code) => (await heldIcd10()).lookup(code)?.description ?? null,
      },
    }),
    // The status of background work a person started (platform/jobs, ADR 0022).
    registerJobRoutes(),
  ];
}

/**
 * Work features need done once at start, after the start-up checks and sweeps and before
 * the app answers anyone; createServer runs it. Logs counts only, never names.
 */
export async function startupTasks(deps: Deps, log: FastifyBaseLogger): Promise<void> {
  // Portal files imported before whose-record checking existed (ADR 0146).
  const older = await checkOlderImports(deps, deps.blobs, analyseLimits(deps.config));
  if (older.checked > 0) log.info({ ...older }, 'older portal imports checked against the patient profile');
}
