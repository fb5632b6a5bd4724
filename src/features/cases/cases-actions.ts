import { type ActionResult, ok, refuse } from '../../platform/actions.ts';
import { listAccessiblePatientIds, requirePatientAccess } from '../../platform/auth/access-store.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { CaseScope, UserScope } from '../../platform/http/case-route.ts';
import { issuesToFields } from '../../platform/http/context.ts';
import type { Task } from '../../platform/tasks/tasks.ts';
import type { FormValues } from '../../platform/ui/page-context.ts';
import { mergeOntoLatest } from '../../platform/versions.ts';
import {
  type CaseEditInput,
  type CaseInput,
  type CaseRecord,
  caseEditSchema,
  journeySteps,
  type StepSlug,
  type StepStatus,
} from './cases.ts';
import * as store from './cases-store.ts';
import type { LinkUse, PatientOption, WaitingOpinion } from './cases-views.tsx';

// What a person can do with cases (ADR 0014). Every action runs in the route's one
// transaction; what it reads about a patient is audited there too.

/** How another feature reports the status of its step for a case. */
export type StepStatusProvider = (db: Queryable, caseId: string) => Promise<StepStatus>;
/** Open tasks (any step's) of the given patients: the dashboard's "what is due". */
export type DueTasksProvider = (db: Queryable, patientIds: string[]) => Promise<Task[]>;
/** Doctors' opinions that wait for the person to accept or set aside (opinions feature). */
export type WaitingOpinionsProvider = (db: Queryable, caseId: string) => Promise<WaitingOpinion[]>;
/** The most recent uses of the case's share links, newest first (sharing feature). */
export type LinkUsesProvider = (db: Queryable, caseId: string, limit: number) => Promise<LinkUse[]>;
/** How many doctors' opinions wait on each case, for the dashboard (cases with none left out). */
export type WaitingOpinionCountsProvider = (db: Queryable, caseIds: string[]) => Promise<Map<string, number>>;

export interface CaseProviders {
  steps?: Partial<Record<StepSlug, StepStatusProvider>>;
  dueTasks?: DueTasksProvider;
  waitingOpinions?: WaitingOpinionsProvider;
  waitingOpinionCounts?: WaitingOpinionCountsProvider;
  linkUses?: LinkUsesProvider;
}

/** The form's values for a stored case (what the edit page starts from). */
export function caseFormValues(c: CaseRecord): FormValues {
  return {
    patientId: c.patientId,
    title: c.title,
    diagnosisStatus: c.diagnosisStatus,
    diagnosis: c.diagnosis ?? '',
    symptoms: c.symptoms ?? '',
    proposedTreatment: c.proposedTreatment ?? '',
    doctorName: c.doctorName ?? '',
    doctorSpecialty: c.doctorSpecialty ?? '',
    toldOn: c.toldOn ?? '',
    urgency: c.urgency,
    version: String(c.version),
  };
}

/** Patients the user may open cases for, labelled for a chooser (the user's own profile first). */
export async function patientOptions(s: UserScope): Promise<PatientOption[]> {
  const ids = await listAccessiblePatientIds(s.trx, s.user.userId);
  if (ids.length === 0) return [];
  const rows = await s.trx
    .selectFrom('patients')
    .select(['id', 'display_name', 'self_user_id'])
    .where('id', 'in', ids)
    .orderBy('display_name')
    .execute();
  return rows
    .sort((a, b) => Number(b.self_user_id === s.user.userId) - Number(a.self_user_id === s.user.userId))
    .map((r) => ({
      id: r.id,
      label: r.self_user_id === s.user.userId ? s.t('patients.you', { name: r.display_name }) : r.display_name,
    }));
}

/** Cases of every patient the user may act for; each patient whose cases are listed is an audited look. */
export async function listCases(s: UserScope, opts: { archived: boolean; patientId?: string }): Promise<CaseRecord[]> {
  const cases = await store.listCasesForUser(s.trx, s.user.userId, opts);
  for (const pid of new Set(cases.map((c) => c.patientId)))
    await s.audit({ action: 'case.list', patientId: pid, objectType: 'patient', objectId: pid });
  return cases;
}

/** The dashboard: cases, what is due (open cases only) and doctors' opinions that wait. */
export async function viewDashboard(s: UserScope, p: CaseProviders, q: { archived: boolean; patientId?: string }) {
  const patients = await patientOptions(s);
  // An unknown or foreign patient id in the filter shows everyone, never an error that confirms it exists.
  const filter = patients.find((x) => x.id === q.patientId) ?? null;
  const cases = await listCases(s, { archived: q.archived, patientId: filter?.id });
  const due =
    !q.archived && p.dueTasks ? await p.dueTasks(s.trx, filter ? [filter.id] : patients.map((x) => x.id)) : null;
  for (const pid of new Set((due ?? []).map((x) => x.patientId)))
    await s.audit({ action: 'task.list', patientId: pid, objectType: 'patient', objectId: pid });
  const waiting =
    !q.archived && p.waitingOpinionCounts
      ? await p.waitingOpinionCounts(
          s.trx,
          cases.map((c) => c.id),
        )
      : new Map<string, number>();
  return { patients, filter, cases, due, waiting };
}

/** Starts a case. An unknown patient and someone else's patient give the same field message. */
export async function startCase(s: UserScope, input: CaseInput): Promise<ActionResult<CaseRecord>> {
  const access = await requirePatientAccess(s.trx, s.req.actor, input.patientId, 'edit').catch(() => null);
  if (!access) return refuse({ patientId: 'cases.errors.patientRequired' });
  const id = await store.insertCase(s.trx, s.now, s.user.userId, input);
  await s.audit({ action: 'case.create', patientId: access.patientId, objectType: 'case', objectId: id });
  return ok(await store.getCase(s.trx, id));
}

async function stepStatuses(s: CaseScope, p: CaseProviders): Promise<Partial<Record<StepSlug, StepStatus>>> {
  const out: Partial<Record<StepSlug, StepStatus>> = {};
  for (const [slug, provider] of Object.entries(p.steps ?? {}) as [StepSlug, StepStatusProvider][])
    out[slug] = await provider(s.trx, s.caseId);
  return out;
}

/** The case with the status of each journey step (and, for the page, what waits and who looked). */
export async function viewCase(s: CaseScope, p: CaseProviders, opts: { extras: boolean }) {
  const c = await store.getCase(s.trx, s.caseId);
  const steps = journeySteps(s.caseId, await stepStatuses(s, p));
  const waiting = opts.extras && p.waitingOpinions ? await p.waitingOpinions(s.trx, s.caseId) : [];
  const linkUses = opts.extras && p.linkUses ? await p.linkUses(s.trx, s.caseId, 5) : [];
  await s.record('case.view', 'case', s.caseId);
  return { c, steps, waiting, linkUses };
}

export async function caseForEditing(s: CaseScope): Promise<CaseRecord> {
  const c = await store.getCase(s.trx, s.caseId);
  await s.record('case.view', 'case', s.caseId);
  return c;
}

/** What editing a case came to: saved, or refused because someone saved a newer version. */
export type EditOutcome = { saved: true } | { saved: false; current: CaseRecord };

/**
 * Saves the whole case form, made from version `version`. If someone saved a newer version
 * meanwhile, nothing is written and the newer version comes back to be shown (ADR 0016).
 */
export async function editCase(s: CaseScope, input: CaseEditInput, version: number): Promise<EditOutcome> {
  if (!(await store.updateCase(s.trx, s.caseId, s.now, input, version)))
    return { saved: false, current: await store.getCase(s.trx, s.caseId) };
  await s.record('case.update', 'case', s.caseId);
  return { saved: true };
}

export async function setArchived(s: CaseScope, archived: boolean): Promise<void> {
  await store.setArchived(s.trx, s.caseId, archived, s.now);
  await s.record(archived ? 'case.archive' : 'case.restore', 'case', s.caseId);
}

/**
 * The API's partial change: the given fields merged onto the newest version and checked as
 * a whole. With If-Match (`expected`), the newest version must be the one the caller read.
 */
export async function patchCase(
  s: CaseScope,
  changes: Partial<CaseEditInput>,
  archived: boolean | undefined,
  expected: number | null,
): Promise<ActionResult<CaseRecord>> {
  let problems: ReturnType<typeof issuesToFields> | null = null;
  let current = await mergeOntoLatest(
    () => store.getCase(s.trx, s.caseId),
    async (c) => {
      if (Object.keys(changes).length === 0) return true;
      const merged = caseEditSchema.safeParse({ ...caseFormValues(c), ...changes });
      if (!merged.success) {
        problems = issuesToFields(merged.error.issues);
        return true;
      }
      return store.updateCase(s.trx, s.caseId, s.now, merged.data, c.version);
    },
    expected,
  );
  if (problems) return refuse(problems);
  if (Object.keys(changes).length > 0) await s.record('case.update', 'case', s.caseId);
  if (archived !== undefined && archived !== (current.archivedAt !== null)) {
    await setArchived(s, archived);
    current = await store.getCase(s.trx, s.caseId);
  }
  return ok(current);
}
