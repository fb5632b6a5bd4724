import { type ActionResult, ok, refuse } from '../../platform/actions.ts';
import { formatCalendarDate, isTimeZone, SERVER_TIME_ZONE, timeNowIn } from '../../platform/dates.ts';
import type { CaseScope } from '../../platform/http/case-route.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { addDays } from '../../platform/tasks/tasks.ts';
import { addTask, completeTasksOfKind, ensureTask, ensureTaskDue } from '../../platform/tasks/tasks-store.ts';
import type { FieldErrors } from '../../platform/ui/page-context.ts';
import { dueIn, futureDateErrors, pastDateErrors } from '../tasks/tasks.ts';
import {
  type CallInput,
  type CallRecord,
  coverageStepStatus,
  normalisePriorAuth,
  type PlanInput,
  type PlanRecord,
  type PriorAuthInput,
} from './coverage.ts';
import * as store from './coverage-store.ts';

// What a person can do on the coverage step (ADR 0014). Each action runs in the route's one
// transaction: it checks what the person could fix before writing anything (and answers
// `{ ok: false, errors }`), then writes, updates the task list and audits. The plan is a
// versioned record (ADR 0016): a change names the version it was made against, and a save
// over a newer version answers `saved: false` with what is saved now, having changed nothing.

const en = translator('en');

const hasErrors = (e: FieldErrors) => Object.keys(e).length > 0;
const ids = (s: CaseScope) => ({ caseId: s.caseId, patientId: s.patientId });

/** A save of the plan: done, or refused because someone saved a newer version first. */
export interface PlanSave {
  saved: boolean;
  /** The plan as it is now (after the save, or the newer one that stopped it). */
  plan: PlanRecord | null;
}

// ---------- reading ----------

/** The case's plan and its calls, for the step's page (audited as a view). */
export async function viewCoverage(s: CaseScope): Promise<{ plan: PlanRecord | null; calls: CallRecord[] }> {
  const plan = await store.getPlan(s.trx, s.caseId);
  const calls = await store.listCalls(s.trx, s.caseId);
  await s.record('coverage.view', 'case', s.caseId);
  return { plan, calls };
}

/** The case's plan for a form or the call script, with the read audited as `action`. */
export async function readPlan(
  s: CaseScope,
  action: 'coverage.view' | 'coverage.script.view',
): Promise<PlanRecord | null> {
  const plan = await store.getPlan(s.trx, s.caseId);
  await s.record(action, 'case', s.caseId);
  return plan;
}

/** What the API tells about the step: the plan, how many calls, and the step's status. Not audited here. */
export async function coverageSummary(s: CaseScope) {
  const plan = await store.getPlan(s.trx, s.caseId);
  const callCount = await store.countCalls(s.trx, s.caseId);
  return { plan, callCount, stepStatus: coverageStepStatus({ plan, callCount }) };
}

export async function listCalls(s: CaseScope): Promise<CallRecord[]> {
  await s.record('coverage.calls.list', 'case', s.caseId);
  return store.listCalls(s.trx, s.caseId);
}

/** The wall-clock time now for the person (their zone, else the server's), to fill in a new call. */
function timeNowFor(s: CaseScope): string {
  const zone = s.user.timeZone && isTimeZone(s.user.timeZone) ? s.user.timeZone : SERVER_TIME_ZONE;
  return timeNowIn(new Date(s.now), zone);
}

/** A new call starts as "today, now, with the plan's insurer". */
export function newCallDefaults(s: CaseScope, plan: PlanRecord | null) {
  return { calledOn: s.today, calledTime: timeNowFor(s), organization: plan?.insurer ?? '' };
}

// ---------- the plan ----------

/** A new plan (or a different kind of plan) means a call to make. */
async function afterPlanSaved(s: CaseScope, before: PlanRecord | null, input: PlanInput): Promise<void> {
  if (before && before.planType === input.planType) return;
  const title =
    input.planType === 'uninsured'
      ? en('coverage.task.callBilling')
      : input.planType === 'original_medicare'
        ? en('coverage.task.callMedicare')
        : input.insurer
          ? en('coverage.task.callPlan', { insurer: input.insurer })
          : en('coverage.task.callPlanGeneric');
  const dueOn = dueIn(s.today, 3, s.c.urgency);
  await ensureTask(s.trx, s.now, s.user.userId, { ...ids(s), step: 'coverage', kind: 'call_plan', title, dueOn });
}

/**
 * Saves the plan. `expected` is the version the person saw (0: no plan yet; null: no
 * version given, so the newest is replaced). A concurrent save between our read and our
 * write is retried without a version and refused with one.
 */
export async function savePlan(s: CaseScope, input: PlanInput, expected: number | null): Promise<PlanSave> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await store.getPlan(s.trx, s.caseId);
    const current = before?.version ?? 0;
    if (expected !== null && current !== expected) return { saved: false, plan: before };
    if (await store.savePlan(s.trx, ids(s), s.user.userId, s.now, input, current)) {
      await afterPlanSaved(s, before, input);
      await s.record('coverage.plan.save', 'case', s.caseId);
      return { saved: true, plan: await store.getPlan(s.trx, s.caseId) };
    }
    if (expected !== null) break;
  }
  return { saved: false, plan: await store.getPlan(s.trx, s.caseId) };
}

// ---------- prior authorization ----------

/** Prior authorization drives three tasks: check on a request, appeal a denial, use an approval before it ends. */
async function afterPriorAuthSaved(s: CaseScope, p: PriorAuthInput): Promise<void> {
  const { now, today } = s;
  const base = { ...ids(s), step: 'coverage' };
  const userId = s.user.userId;
  if (p.status === 'requested') {
    const due = addDays(p.requestedOn ?? today, s.c.urgency === 'right_away' ? 2 : 7);
    // biome-ignore lint/complexity/useMathMinMax: calendar dates are YYYY-MM-DD text, compared as text
    const dueOn = due < today ? today : due;
    await ensureTaskDue(s.trx, now, userId, {
      ...base,
      kind: 'prior_auth_check',
      title: en('coverage.task.checkPriorAuth'),
      dueOn,
    });
  } else await completeTasksOfKind(s.trx, s.caseId, 'prior_auth_check', now);
  if (p.status === 'denied') {
    const dueOn = p.appealBy ?? null;
    await ensureTaskDue(s.trx, now, userId, {
      ...base,
      kind: 'prior_auth_appeal',
      title: en('coverage.task.appeal'),
      dueOn,
    });
  } else await completeTasksOfKind(s.trx, s.caseId, 'prior_auth_appeal', now);
  if (p.status === 'approved' && p.expiresOn && p.expiresOn >= today) {
    const title = en('coverage.task.priorAuthEnds');
    await ensureTaskDue(s.trx, now, userId, { ...base, kind: 'prior_auth_ends', title, dueOn: p.expiresOn });
  } else await completeTasksOfKind(s.trx, s.caseId, 'prior_auth_ends', now);
}

/** A request cannot be sent tomorrow; an appeal date may not be past unless it is the one already saved. */
export function priorAuthDateErrors(s: CaseScope, p: PriorAuthInput, before: PlanRecord | null): FieldErrors {
  return {
    ...futureDateErrors({ requestedOn: p.requestedOn }, s.today),
    ...pastDateErrors({ appealBy: p.appealBy }, s.today, { appealBy: before?.priorAuth.appealBy }),
  };
}

/**
 * Saves prior authorization onto the plan. Null when there is no plan (approval is a
 * question about a plan: the plan comes first). Refused, with nothing written, for dates
 * that cannot be right; `saved: false` when the plan is no longer version `expected`.
 */
export async function savePriorAuth(
  s: CaseScope,
  input: PriorAuthInput,
  expected: number | null,
): Promise<ActionResult<PlanSave> | null> {
  const p = normalisePriorAuth(input);
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await store.getPlan(s.trx, s.caseId);
    if (!before) return null;
    const bad = priorAuthDateErrors(s, p, before);
    if (hasErrors(bad)) return refuse(bad);
    if (expected !== null && before.version !== expected) return ok({ saved: false, plan: before });
    if (await store.savePriorAuth(s.trx, s.caseId, s.now, p, before.version)) {
      await afterPriorAuthSaved(s, p);
      await s.record('coverage.prior_auth.save', 'case', s.caseId);
      return ok({ saved: true, plan: await store.getPlan(s.trx, s.caseId) });
    }
    if (expected !== null) break;
  }
  return ok({ saved: false, plan: await store.getPlan(s.trx, s.caseId) });
}

/**
 * The API's one write: the plan and, when given, prior authorization, all or nothing.
 * Every problem is found before anything is written (prior authorization's fields are
 * named `priorAuth.<field>`).
 */
export async function setCoverage(
  s: CaseScope,
  plan: PlanInput,
  priorAuth: PriorAuthInput | undefined,
  expected: number | null,
): Promise<ActionResult<PlanSave>> {
  if (priorAuth) {
    const bad = priorAuthDateErrors(s, normalisePriorAuth(priorAuth), await store.getPlan(s.trx, s.caseId));
    if (hasErrors(bad)) return refuse(Object.fromEntries(Object.entries(bad).map(([k, v]) => [`priorAuth.${k}`, v])));
  }
  const saved = await savePlan(s, plan, expected);
  if (!saved.saved || !priorAuth) return ok(saved);
  // The plan was just saved at this version, in this transaction: nobody can be in between.
  const withPa = await savePriorAuth(s, priorAuth, saved.plan!.version);
  return withPa ?? ok(saved);
}

// ---------- the call log ----------

/** A call happened today or earlier; its follow-up is today or later. */
function callDateErrors(s: CaseScope, input: CallInput): FieldErrors {
  return {
    ...futureDateErrors({ calledOn: input.calledOn }, s.today),
    ...pastDateErrors({ followUpOn: input.followUpOn }, s.today),
  };
}

/** Writes a call down; someone called, so "call the plan" is done; a follow-up date becomes a task. */
export async function recordCall(
  s: CaseScope,
  input: CallInput & { calledOn: string },
): Promise<ActionResult<CallRecord>> {
  const bad = callDateErrors(s, input);
  if (hasErrors(bad)) return refuse(bad);
  const id = await store.insertCall(s.trx, ids(s), s.user.userId, s.now, input);
  await completeTasksOfKind(s.trx, s.caseId, 'call_plan', s.now);
  if (input.followUpOn) {
    const date = formatCalendarDate(input.calledOn, 'en-US');
    await addTask(s.trx, s.now, s.user.userId, {
      ...ids(s),
      step: 'coverage',
      kind: 'call_follow_up',
      title: input.followUp
        ? en('coverage.task.followUp', { date, what: input.followUp.slice(0, 120) })
        : en('coverage.task.followUpGeneric', { date }),
      dueOn: input.followUpOn,
      sourceType: 'coverage_call',
      sourceId: id,
    });
  }
  await s.record('coverage.call.create', 'coverage_call', id);
  return ok((await store.getCall(s.trx, s.caseId, id))!);
}
