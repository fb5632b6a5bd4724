import { sql } from 'kysely';
import { newId } from '../../platform/auth/tokens.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { OpinionsTable } from '../../platform/db/schema.ts';
import { type Impact, type Level, type Override, pairKey } from './comparison.ts';
import type { DecisionInput, DecisionRecord } from './decision.ts';
import {
  type Answer,
  type Diagnosis,
  type GivenHow,
  type Goal,
  type OpinionRecord,
  type OpinionSource,
  type OpinionStatus,
  type PlanCategory,
  type PlanItem,
  type StoredOpinion,
  sortOpinions,
  type Urgency,
} from './opinions.ts';

// Opinions, their lists, the person's corrections to comparisons, and decisions. Every
// change of a row people edit raises its version in the same statement (ADR 0016).

export type { StoredOpinion } from './opinions.ts';

const bump = sql<number>`version + 1`;
const changed = (r: { numUpdatedRows: bigint } | undefined) => Number(r?.numUpdatedRows ?? 0) > 0;

function columns(o: StoredOpinion) {
  return {
    doctor_name: o.doctorName,
    doctor_specialty: o.doctorSpecialty,
    doctor_npi: o.doctorNpi,
    doctor_practice: o.doctorPractice,
    given_on: o.givenOn,
    given_how: o.givenHow,
    stage_status: o.stageStatus,
    prognosis: o.prognosis,
    goal: o.goal,
    options_discussed: o.optionsDiscussed,
    urgency: o.urgency,
    further_tests: o.furtherTests,
    trials: o.trials,
    notes: o.notes,
  };
}

async function insertChildren(db: Queryable, opinionId: string, o: StoredOpinion): Promise<void> {
  if (o.diagnoses.length) {
    await db
      .insertInto('opinion_diagnoses')
      .values(
        o.diagnoses.map((d, position) => ({
          id: newId(),
          opinion_id: opinionId,
          position,
          text: d.text,
          code: d.code,
        })),
      )
      .execute();
  }
  if (o.plan.length) {
    await db
      .insertInto('opinion_plan_items')
      .values(
        o.plan.map((p, position) => ({
          id: newId(),
          opinion_id: opinionId,
          position,
          category: p.category,
          details: p.details,
        })),
      )
      .execute();
  }
  if (o.answers.length) {
    await db
      .insertInto('opinion_answers')
      .values(
        o.answers.map((a, position) => ({
          id: newId(),
          opinion_id: opinionId,
          position,
          question_id: a.questionId,
          question_text: a.question,
          answer: a.answer,
        })),
      )
      .execute();
  }
}

export async function insertOpinion(
  db: Queryable,
  now: string,
  ids: { caseId: string; patientId: string; userId: string | null; shareId?: string | null },
  o: StoredOpinion,
  how: { status: OpinionStatus; source: OpinionSource },
): Promise<string> {
  const id = newId();
  const last = await db
    .selectFrom('opinions')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('case_id', '=', ids.caseId)
    .executeTakeFirst();
  await db
    .insertInto('opinions')
    .values({
      id,
      case_id: ids.caseId,
      patient_id: ids.patientId,
      seq: Number(last?.seq ?? 0) + 1,
      status: how.status,
      source: how.source,
      share_id: ids.shareId ?? null,
      ...columns(o),
      created_by: ids.userId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await insertChildren(db, id, o);
  return id;
}

/**
 * Replaces the opinion's fields and lists (an edit of what was written down) if it is still
 * at `version`. False when someone saved a newer version meanwhile: then nothing is written.
 * `status`, when given, must also still hold (a doctor may change only a pending opinion).
 */
export async function updateOpinion(
  db: Queryable,
  opinionId: string,
  now: string,
  o: StoredOpinion,
  version: number,
  status?: OpinionStatus,
): Promise<boolean> {
  let q = db
    .updateTable('opinions')
    .set({ ...columns(o), updated_at: now, version: bump })
    .where('id', '=', opinionId)
    .where('version', '=', version);
  if (status) q = q.where('status', '=', status);
  if (!changed(await q.executeTakeFirst())) return false;
  for (const table of ['opinion_diagnoses', 'opinion_plan_items', 'opinion_answers'] as const) {
    await db.deleteFrom(table).where('opinion_id', '=', opinionId).execute();
  }
  await insertChildren(db, opinionId, o);
  return true;
}

/**
 * Accepts an opinion, sets it aside or brings it back. A page's button is the person's
 * choice whatever the opinion says now; with `version` (If-Match), only if it is still that.
 */
export async function setOpinionStatus(
  db: Queryable,
  opinionId: string,
  status: OpinionStatus,
  now: string,
  version?: number,
): Promise<boolean> {
  let q = db.updateTable('opinions').set({ status, updated_at: now, version: bump }).where('id', '=', opinionId);
  if (version !== undefined) q = q.where('version', '=', version);
  return changed(await q.executeTakeFirst());
}

function toRecord(r: OpinionsTable, diagnoses: Diagnosis[], plan: PlanItem[], answers: Answer[]): OpinionRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    seq: Number(r.seq),
    status: r.status as OpinionStatus,
    source: r.source as OpinionSource,
    doctorName: r.doctor_name,
    doctorSpecialty: r.doctor_specialty,
    doctorNpi: r.doctor_npi,
    doctorPractice: r.doctor_practice,
    givenOn: r.given_on,
    givenHow: r.given_how as GivenHow | null,
    diagnoses,
    stageStatus: r.stage_status,
    prognosis: r.prognosis,
    goal: r.goal as Goal | null,
    optionsDiscussed: r.options_discussed,
    plan,
    urgency: r.urgency as Urgency | null,
    furtherTests: r.further_tests,
    trials: r.trials,
    answers,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version ?? 1,
  };
}

async function withChildren(db: Queryable, rows: OpinionsTable[]): Promise<OpinionRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [dx, plan, answers] = await Promise.all([
    db.selectFrom('opinion_diagnoses').selectAll().where('opinion_id', 'in', ids).orderBy('position').execute(),
    db.selectFrom('opinion_plan_items').selectAll().where('opinion_id', 'in', ids).orderBy('position').execute(),
    db.selectFrom('opinion_answers').selectAll().where('opinion_id', 'in', ids).orderBy('position').execute(),
  ]);
  const group = <T extends { opinion_id: string }, U>(list: T[], map: (x: T) => U) => {
    const m = new Map<string, U[]>();
    for (const x of list) {
      const arr = m.get(x.opinion_id) ?? [];
      arr.push(map(x));
      m.set(x.opinion_id, arr);
    }
    return m;
  };
  const dxBy = group(dx, (d) => ({ text: d.text, code: d.code }));
  const planBy = group(plan, (p) => ({ category: p.category as PlanCategory, details: p.details }));
  const ansBy = group(answers, (a) => ({ questionId: a.question_id, question: a.question_text, answer: a.answer }));
  return rows.map((r) => toRecord(r, dxBy.get(r.id) ?? [], planBy.get(r.id) ?? [], ansBy.get(r.id) ?? []));
}

/** Every opinion of a case (any status), in comparison order. */
export async function listOpinions(db: Queryable, caseId: string): Promise<OpinionRecord[]> {
  const rows = await db.selectFrom('opinions').selectAll().where('case_id', '=', caseId).execute();
  return sortOpinions(await withChildren(db, rows));
}

/** One opinion, only if it belongs to this case (a foreign id is the same as an unknown one). */
export async function findOpinion(db: Queryable, caseId: string, opinionId: string): Promise<OpinionRecord | null> {
  const row = await db
    .selectFrom('opinions')
    .selectAll()
    .where('id', '=', opinionId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) return null;
  return (await withChildren(db, [row]))[0]!;
}

// ---------- the person's corrections ----------

export type OverrideAxis = 'diagnosis' | 'treatment' | 'impact';
/** What a pair form or PUT sets: a level per axis, null to go back to the suggestion, absent to leave it. */
export type PairAnswers = Partial<Record<OverrideAxis, string | null>>;

/**
 * The person's answers per pair, and each pair's version: the sum of its rows' versions.
 * Every change of an answer raises one row's version by one, and going back to the
 * suggestion leaves the row with an empty value, so the sum only goes up while the pair
 * holds any answer. When every answer of the pair is back to the suggestion the rows go
 * (ADR 0170).
 */
export async function listOverrides(
  db: Queryable,
  caseId: string,
): Promise<{ answers: Map<string, Override>; versions: Map<string, number> }> {
  const rows = await db.selectFrom('comparison_overrides').selectAll().where('case_id', '=', caseId).execute();
  const answers = new Map<string, Override>();
  const versions = new Map<string, number>();
  for (const r of rows) {
    const key = pairKey(r.opinion_low_id, r.opinion_high_id);
    versions.set(key, (versions.get(key) ?? 0) + Number(r.version ?? 1));
    if (r.value === '') continue;
    const o = answers.get(key) ?? {};
    if (r.axis === 'impact') o.impact = r.value as Impact;
    else if (r.axis === 'diagnosis' || r.axis === 'treatment') o[r.axis] = r.value as Level;
    answers.set(key, o);
  }
  return { answers, versions };
}

async function pairVersion(db: Queryable, caseId: string, low: string, high: string): Promise<number> {
  const r = await db
    .selectFrom('comparison_overrides')
    .select((eb) => eb.fn.sum<string | number | null>('version').as('v'))
    .where('case_id', '=', caseId)
    .where('opinion_low_id', '=', low)
    .where('opinion_high_id', '=', high)
    .executeTakeFirst();
  return Number(r?.v ?? 0);
}

/**
 * Sets (or with null, clears back to the suggestion) the person's answers for a pair, one
 * statement per axis: INSERT ... ON CONFLICT DO UPDATE on the unique index (case, pair,
 * axis), so simultaneous answers for the same pair never collide (ADR 0166; issue 13: 8
 * writers, 6 x 500 when it read first and inserted after). Without `expected` the last
 * answer per axis wins, and axes not given are left as they are.
 *
 * With `expected` (the pair's version the form showed, or If-Match), the pair is locked
 * first, by a write to the first opinion's row that changes nothing, so two saves of the
 * same pair take turns; then the version is compared and nothing is written if it moved.
 * Returns whether it saved, and the pair's version now.
 */
export async function setPairAnswers(
  db: Queryable,
  caseId: string,
  pair: [string, string],
  answers: PairAnswers,
  userId: string,
  now: string,
  expected: number | null,
): Promise<{ saved: boolean; version: number }> {
  const [low, high] = pair[0] < pair[1] ? pair : [pair[1], pair[0]];
  if (expected !== null) {
    await db.updateTable('opinions').set({ version: sql<number>`version` }).where('id', '=', low).execute();
    const version = await pairVersion(db, caseId, low, high);
    if (version !== expected) return { saved: false, version };
  }
  for (const axis of ['diagnosis', 'treatment', 'impact'] as const) {
    const value = answers[axis];
    if (value === undefined) continue;
    if (value === null) {
      await db
        .updateTable('comparison_overrides')
        .set({ value: '', updated_at: now, version: bump })
        .where('case_id', '=', caseId)
        .where('opinion_low_id', '=', low)
        .where('opinion_high_id', '=', high)
        .where('axis', '=', axis)
        .where('value', '<>', '')
        .execute();
      continue;
    }
    await db
      .insertInto('comparison_overrides')
      .values({
        id: newId(),
        case_id: caseId,
        opinion_low_id: low,
        opinion_high_id: high,
        axis,
        value,
        created_by: userId,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['case_id', 'opinion_low_id', 'opinion_high_id', 'axis'])
          .doUpdateSet({ value, updated_at: now, version: sql<number>`comparison_overrides.version + 1` }),
      )
      .execute();
  }
  // Nothing left but the suggestion: the pair holds no answer, so it keeps no rows.
  const left = await db
    .selectFrom('comparison_overrides')
    .select('id')
    .where('case_id', '=', caseId)
    .where('opinion_low_id', '=', low)
    .where('opinion_high_id', '=', high)
    .where('value', '<>', '')
    .executeTakeFirst();
  if (!left) {
    // Only empty rows: an answer another writer saves meanwhile stays (PostgreSQL re-checks the row it waited for).
    await db
      .deleteFrom('comparison_overrides')
      .where('case_id', '=', caseId)
      .where('opinion_low_id', '=', low)
      .where('opinion_high_id', '=', high)
      .where('value', '=', '')
      .execute();
  }
  return { saved: true, version: await pairVersion(db, caseId, low, high) };
}

// ---------- the decision ----------

export async function findDecision(db: Queryable, caseId: string): Promise<DecisionRecord | null> {
  const row = await db
    .selectFrom('decisions')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('withdrawn_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!row) return null;
  const followed = await db
    .selectFrom('decision_opinions')
    .select('opinion_id')
    .where('decision_id', '=', row.id)
    .execute();
  return {
    id: row.id,
    caseId: row.case_id,
    decidedOn: row.decided_on,
    choice: row.choice,
    reasons: row.reasons,
    helpers: row.helpers,
    followedOpinionIds: followed.map((f) => f.opinion_id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version ?? 1,
  };
}

/**
 * The version of the case's decision, whether one stands or not: the highest of all its
 * decisions, those taken back included. Taking one back raises it, and a new decision
 * starts above it, so it only goes up (0: never decided).
 */
export async function decisionVersion(db: Queryable, caseId: string): Promise<number> {
  const r = await db
    .selectFrom('decisions')
    .select((eb) => eb.fn.max<number | string | null>('version').as('v'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return Number(r?.v ?? 0);
}

/**
 * Takes the case's row lock by a write that changes nothing, so two people deciding at
 * once take turns: without it both could find no decision and insert one each.
 */
async function lockCase(db: Queryable, caseId: string): Promise<void> {
  await db.updateTable('cases').set({ version: sql<number>`version` }).where('id', '=', caseId).execute();
}

/** The decision made or taken back changes the case's status: a change of the case, so its version goes up. */
async function setCaseStatus(db: Queryable, caseId: string, status: 'open' | 'decided', now: string): Promise<void> {
  await db.updateTable('cases').set({ status, updated_at: now, version: bump }).where('id', '=', caseId).execute();
}

/**
 * Records (or changes) the decision and marks the case decided, if the decision is still at
 * `expected` (null: whatever it is). The case's status is the cases feature's column; this is
 * the one write to it from here, made in the same transaction so the decision and the status
 * never disagree. Returns the decision's id, or null when someone changed it meanwhile.
 */
export async function saveDecision(
  db: Queryable,
  ids: { caseId: string; patientId: string; userId: string },
  now: string,
  input: DecisionInput,
  expected: number | null,
): Promise<string | null> {
  await lockCase(db, ids.caseId);
  const version = await decisionVersion(db, ids.caseId);
  if (expected !== null && expected !== version) return null;
  const current = await findDecision(db, ids.caseId);
  const values = {
    decided_on: input.decidedOn,
    choice: input.choice,
    reasons: input.reasons ?? null,
    helpers: input.helpers ?? null,
    updated_at: now,
  };
  let id: string;
  if (current) {
    id = current.id;
    await db
      .updateTable('decisions')
      .set({ ...values, version: bump })
      .where('id', '=', id)
      .execute();
    await db.deleteFrom('decision_opinions').where('decision_id', '=', id).execute();
  } else {
    id = newId();
    await db
      .insertInto('decisions')
      .values({
        id,
        case_id: ids.caseId,
        patient_id: ids.patientId,
        ...values,
        created_by: ids.userId,
        created_at: now,
        withdrawn_at: null,
        version: version + 1,
      })
      .execute();
  }
  const followed = [...new Set(input.followedOpinionIds)];
  if (followed.length)
    await db
      .insertInto('decision_opinions')
      .values(followed.map((opinion_id) => ({ decision_id: id, opinion_id })))
      .execute();
  await setCaseStatus(db, ids.caseId, 'decided', now);
  return id;
}

/**
 * Takes the decision back (kept, marked withdrawn) and reopens the case, if it is still at
 * `expected` (null: whatever it is). 'none' when there was none to take back.
 */
export async function withdrawDecision(
  db: Queryable,
  caseId: string,
  now: string,
  expected: number | null = null,
): Promise<'withdrawn' | 'none' | 'stale'> {
  await lockCase(db, caseId);
  if (expected !== null && expected !== (await decisionVersion(db, caseId))) return 'stale';
  const current = await findDecision(db, caseId);
  if (!current) return 'none';
  await db
    .updateTable('decisions')
    .set({ withdrawn_at: now, updated_at: now, version: bump })
    .where('id', '=', current.id)
    .execute();
  await setCaseStatus(db, caseId, 'open', now);
  return 'withdrawn';
}

// ---------- journey steps ----------

async function countByStatus(db: Queryable, caseId: string): Promise<{ accepted: number; pending: number }> {
  const rows = await db
    .selectFrom('opinions')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .where('case_id', '=', caseId)
    .groupBy('status')
    .execute();
  const get = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { accepted: get('accepted'), pending: get('pending') };
}

/** Step 8: done with two opinions to compare; in progress with one, or one waiting to be accepted. */
export async function opinionsStepStatus(
  db: Queryable,
  caseId: string,
): Promise<'not_started' | 'in_progress' | 'done'> {
  const { accepted, pending } = await countByStatus(db, caseId);
  if (accepted >= 2) return 'done';
  return accepted + pending > 0 ? 'in_progress' : 'not_started';
}

/** Doctors' opinions that came in through a share link and wait for the person, oldest first. */
export async function pendingDoctorOpinions(
  db: Queryable,
  caseId: string,
): Promise<{ id: string; doctorName: string; createdAt: string }[]> {
  const rows = await db
    .selectFrom('opinions')
    .select(['id', 'doctor_name', 'created_at'])
    .where('case_id', '=', caseId)
    .where('status', '=', 'pending')
    .where('source', '=', 'doctor')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, doctorName: r.doctor_name, createdAt: r.created_at }));
}

/** How many doctors' opinions wait on each of these cases (cases with none are left out). */
export async function countPendingDoctorOpinions(db: Queryable, caseIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (caseIds.length === 0) return out;
  const rows = await db
    .selectFrom('opinions')
    .select((eb) => ['case_id', eb.fn.countAll<string | number>().as('n')])
    .where('case_id', 'in', caseIds)
    .where('status', '=', 'pending')
    .where('source', '=', 'doctor')
    .groupBy('case_id')
    .execute();
  for (const r of rows) out.set(r.case_id, Number(r.n));
  return out;
}

/** Step 9: done once a decision is recorded; in progress once there is something to compare. */
export async function decisionStepStatus(
  db: Queryable,
  caseId: string,
): Promise<'not_started' | 'in_progress' | 'done'> {
  if (await findDecision(db, caseId)) return 'done';
  const { accepted } = await countByStatus(db, caseId);
  return accepted >= 2 ? 'in_progress' : 'not_started';
}
