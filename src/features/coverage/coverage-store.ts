import { sql } from 'kysely';
import { newId } from '../../platform/auth/tokens.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { CoverageCallsTable, CoveragePlansTable } from '../../platform/db/schema.ts';
import {
  type CallInput,
  type CallRecord,
  coverageStepStatus,
  type PlanInput,
  type PlanRecord,
  type PlanType,
  type PriorAuthInput,
  type PriorAuthStatus,
} from './coverage.ts';

function toPlan(r: CoveragePlansTable): PlanRecord {
  return {
    caseId: r.case_id,
    patientId: r.patient_id,
    planType: r.plan_type as PlanType,
    insurer: r.insurer,
    memberId: r.member_id,
    planPhone: r.plan_phone,
    priorAuth: {
      status: r.prior_auth_status as PriorAuthStatus,
      number: r.prior_auth_number,
      requestedOn: r.prior_auth_requested_on,
      expiresOn: r.prior_auth_expires_on,
      appealBy: r.prior_auth_appeal_by,
      notes: r.prior_auth_notes,
    },
    updatedAt: r.updated_at,
    version: r.version ?? 1,
  };
}

function toCall(r: CoverageCallsTable): CallRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    calledOn: r.called_on,
    calledTime: r.called_time,
    organization: r.organization,
    spokeWith: r.spoke_with,
    referenceNumber: r.reference_number,
    summary: r.summary,
    followUp: r.follow_up,
    followUpOn: r.follow_up_on,
    createdAt: r.created_at,
  };
}

export async function getPlan(db: Queryable, caseId: string): Promise<PlanRecord | null> {
  const r = await db.selectFrom('coverage_plans').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  return r ? toPlan(r) : null;
}

function planColumns(input: PlanInput) {
  // Without insurance there is no insurer or member ID to keep.
  const insured = input.planType !== 'uninsured';
  return {
    plan_type: input.planType,
    insurer: insured ? (input.insurer ?? null) : null,
    member_id: insured ? (input.memberId ?? null) : null,
    plan_phone: insured ? (input.planPhone ?? null) : null,
  };
}

/**
 * Saves the plan; a case has one. Prior authorization is kept as it was. `expected` is the
 * version the change was made against (0: there was no plan yet); it returns false, having
 * changed nothing, when the saved plan is no longer that version (ADR 0016). Without
 * `expected` (test builders) the plan is written whatever is saved.
 */
export async function savePlan(
  db: Queryable,
  c: { caseId: string; patientId: string },
  userId: string,
  now: string,
  input: PlanInput,
  expected?: number,
): Promise<boolean> {
  const cols = planColumns(input);
  const fresh = {
    case_id: c.caseId,
    patient_id: c.patientId,
    ...cols,
    prior_auth_status: 'unknown',
    prior_auth_number: null,
    prior_auth_requested_on: null,
    prior_auth_expires_on: null,
    prior_auth_appeal_by: null,
    prior_auth_notes: null,
    created_by: userId,
    created_at: now,
    updated_at: now,
  };
  if (expected === undefined) {
    await db
      .insertInto('coverage_plans')
      .values(fresh)
      .onConflict((oc) =>
        oc.column('case_id').doUpdateSet({ ...cols, updated_at: now, version: sql`coverage_plans.version + 1` }),
      )
      .execute();
    return true;
  }
  if (expected === 0) {
    // Someone else's first plan, saved meanwhile, wins the conflict: nothing is written.
    const r = await db
      .insertInto('coverage_plans')
      .values(fresh)
      .onConflict((oc) => oc.column('case_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }
  const r = await db
    .updateTable('coverage_plans')
    .set({ ...cols, updated_at: now, version: sql`version + 1` })
    .where('case_id', '=', c.caseId)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Saves prior authorization onto plan version `expected`; false (nothing changed) if it is not that version. */
export async function savePriorAuth(
  db: Queryable,
  caseId: string,
  now: string,
  p: PriorAuthInput,
  expected: number,
): Promise<boolean> {
  const r = await db
    .updateTable('coverage_plans')
    .set({
      prior_auth_status: p.status,
      prior_auth_number: p.number ?? null,
      prior_auth_requested_on: p.requestedOn ?? null,
      prior_auth_expires_on: p.expiresOn ?? null,
      prior_auth_appeal_by: p.appealBy ?? null,
      prior_auth_notes: p.notes ?? null,
      updated_at: now,
      version: sql`version + 1`,
    })
    .where('case_id', '=', caseId)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function insertCall(
  db: Queryable,
  c: { caseId: string; patientId: string },
  userId: string,
  now: string,
  input: CallInput & { calledOn: string },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('coverage_calls')
    .values({
      id,
      case_id: c.caseId,
      patient_id: c.patientId,
      called_on: input.calledOn,
      called_time: input.calledTime ?? null,
      organization: input.organization ?? null,
      spoke_with: input.spokeWith ?? null,
      reference_number: input.referenceNumber ?? null,
      summary: input.summary,
      follow_up: input.followUp ?? null,
      follow_up_on: input.followUpOn ?? null,
      created_by: userId,
      created_at: now,
    })
    .execute();
  return id;
}

/** Newest call first: the last thing someone was told is what matters next. */
export async function listCalls(db: Queryable, caseId: string): Promise<CallRecord[]> {
  const rows = await db
    .selectFrom('coverage_calls')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('called_on', 'desc')
    // NULLs sort differently on SQLite and PostgreSQL; a call with no time sorts last on its day on both.
    .orderBy(sql`coalesce(called_time, '')`, 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toCall);
}

export async function getCall(db: Queryable, caseId: string, callId: string): Promise<CallRecord | null> {
  const r = await db
    .selectFrom('coverage_calls')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('id', '=', callId)
    .executeTakeFirst();
  return r ? toCall(r) : null;
}

export async function countCalls(db: Queryable, caseId: string): Promise<number> {
  const r = await db
    .selectFrom('coverage_calls')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The journey step's status for the case page (a StepStatusProvider, wired in features/index.ts). */
export async function coverageStepStatusFor(
  db: Queryable,
  caseId: string,
): Promise<'not_started' | 'in_progress' | 'done'> {
  return coverageStepStatus({ plan: await getPlan(db, caseId), callCount: await countCalls(db, caseId) });
}
