import { newId } from '../../platform/auth/tokens.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { OpinionsTable } from '../../platform/db/schema.ts';
import { type Impact, type Level, type Override, pairKey } from './comparison.ts';
import type { DecisionInput, DecisionRecord } from './decision.ts';
import {
  type Answer,
  type Diagnosis,
  type Goal,
  type GivenHow,
  type OpinionRecord,
  type OpinionSource,
  type OpinionStatus,
  type PlanCategory,
  type PlanItem,
  sortOpinions,
  type Urgency,
} from './opinions.ts';

// Opinions, their lists, the person's corrections to comparisons, and decisions.

export type StoredOpinion = Omit<OpinionRecord, 'id' | 'caseId' | 'seq' | 'status' | 'source' | 'createdAt' | 'updatedAt'>;

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
      .values(o.diagnoses.map((d, position) => ({ id: newId(), opinion_id: opinionId, position, text: d.text, code: d.code })))
      .execute();
  }
  if (o.plan.length) {
    await db
      .insertInto('opinion_plan_items')
      .values(o.plan.map((p, position) => ({ id: newId(), opinion_id: opinionId, position, category: p.category, details: p.details })))
      .execute();
  }
  if (o.answers.length) {
    await db
      .insertInto('opinion_answers')
      .values(
        o.answers.map((a, position) => ({ id: newId(), opinion_id: opinionId, position, question_id: a.questionId, question_text: a.question, answer: a.answer })),
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
  const last = await db.selectFrom('opinions').select((eb) => eb.fn.max('seq').as('seq')).where('case_id', '=', ids.caseId).executeTakeFirst();
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

/** Replaces the opinion's fields and lists (an edit of what was written down). */
export async function updateOpinion(db: Queryable, opinionId: string, now: string, o: StoredOpinion): Promise<void> {
  await db.updateTable('opinions').set({ ...columns(o), updated_at: now }).where('id', '=', opinionId).execute();
  for (const table of ['opinion_diagnoses', 'opinion_plan_items', 'opinion_answers'] as const) {
    await db.deleteFrom(table).where('opinion_id', '=', opinionId).execute();
  }
  await insertChildren(db, opinionId, o);
}

export async function setOpinionStatus(db: Queryable, opinionId: string, status: OpinionStatus, now: string): Promise<void> {
  await db.updateTable('opinions').set({ status, updated_at: now }).where('id', '=', opinionId).execute();
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
  const row = await db.selectFrom('opinions').selectAll().where('id', '=', opinionId).where('case_id', '=', caseId).executeTakeFirst();
  if (!row) return null;
  return (await withChildren(db, [row]))[0]!;
}

// ---------- the person's corrections ----------

export type OverrideAxis = 'diagnosis' | 'treatment' | 'impact';

export async function listOverrides(db: Queryable, caseId: string): Promise<Map<string, Override>> {
  const rows = await db.selectFrom('comparison_overrides').selectAll().where('case_id', '=', caseId).execute();
  const out = new Map<string, Override>();
  for (const r of rows) {
    const key = pairKey(r.opinion_low_id, r.opinion_high_id);
    const o = out.get(key) ?? {};
    if (r.axis === 'impact') o.impact = r.value as Impact;
    else if (r.axis === 'diagnosis' || r.axis === 'treatment') o[r.axis] = r.value as Level;
    out.set(key, o);
  }
  return out;
}

/**
 * Sets (or with null, clears back to the suggestion) the person's answer for one axis of a
 * pair. One statement each way, so simultaneous answers for the same pair never collide:
 * the unique index (case, pair, axis) turns a second insert into an update of the same row
 * (INSERT ... ON CONFLICT DO UPDATE, on SQLite and PostgreSQL alike), and the last answer
 * wins. Checking first and inserting after left a gap in which another writer's insert made
 * this one fail (issue 13: 8 writers, 6 x 500).
 */
export async function setOverride(
  db: Queryable,
  caseId: string,
  pair: [string, string],
  axis: OverrideAxis,
  value: string | null,
  userId: string,
  now: string,
): Promise<void> {
  const [low, high] = pair[0] < pair[1] ? pair : [pair[1], pair[0]];
  if (value === null) {
    await db
      .deleteFrom('comparison_overrides')
      .where('case_id', '=', caseId)
      .where('opinion_low_id', '=', low)
      .where('opinion_high_id', '=', high)
      .where('axis', '=', axis)
      .execute();
    return;
  }
  await db
    .insertInto('comparison_overrides')
    .values({ id: newId(), case_id: caseId, opinion_low_id: low, opinion_high_id: high, axis, value, created_by: userId, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['case_id', 'opinion_low_id', 'opinion_high_id', 'axis']).doUpdateSet({ value, updated_at: now }))
    .execute();
}

// ---------- the decision ----------

export async function findDecision(db: Queryable, caseId: string): Promise<DecisionRecord | null> {
  const row = await db.selectFrom('decisions').selectAll().where('case_id', '=', caseId).where('withdrawn_at', 'is', null).orderBy('created_at', 'desc').executeTakeFirst();
  if (!row) return null;
  const followed = await db.selectFrom('decision_opinions').select('opinion_id').where('decision_id', '=', row.id).execute();
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
  };
}

/**
 * Records (or changes) the decision and marks the case decided. The case's status is the
 * cases feature's column; this is the one write to it from here, made in the same
 * transaction so the decision and the status never disagree.
 */
export async function saveDecision(
  db: Queryable,
  ids: { caseId: string; patientId: string; userId: string },
  now: string,
  input: DecisionInput,
): Promise<string> {
  const current = await findDecision(db, ids.caseId);
  const values = { decided_on: input.decidedOn, choice: input.choice, reasons: input.reasons ?? null, helpers: input.helpers ?? null, updated_at: now };
  let id: string;
  if (current) {
    id = current.id;
    await db.updateTable('decisions').set(values).where('id', '=', id).execute();
    await db.deleteFrom('decision_opinions').where('decision_id', '=', id).execute();
  } else {
    id = newId();
    await db
      .insertInto('decisions')
      .values({ id, case_id: ids.caseId, patient_id: ids.patientId, ...values, created_by: ids.userId, created_at: now, withdrawn_at: null })
      .execute();
  }
  const followed = [...new Set(input.followedOpinionIds)];
  if (followed.length) await db.insertInto('decision_opinions').values(followed.map((opinion_id) => ({ decision_id: id, opinion_id }))).execute();
  await db.updateTable('cases').set({ status: 'decided', updated_at: now }).where('id', '=', ids.caseId).execute();
  return id;
}

/** Takes the decision back (kept, marked withdrawn) and reopens the case. */
export async function withdrawDecision(db: Queryable, caseId: string, now: string): Promise<boolean> {
  const current = await findDecision(db, caseId);
  if (!current) return false;
  await db.updateTable('decisions').set({ withdrawn_at: now, updated_at: now }).where('id', '=', current.id).execute();
  await db.updateTable('cases').set({ status: 'open', updated_at: now }).where('id', '=', caseId).execute();
  return true;
}

// ---------- journey steps ----------

async function countByStatus(db: Queryable, caseId: string): Promise<{ accepted: number; pending: number }> {
  const rows = await db.selectFrom('opinions').select(['status', (eb) => eb.fn.countAll().as('n')]).where('case_id', '=', caseId).groupBy('status').execute();
  const get = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { accepted: get('accepted'), pending: get('pending') };
}

/** Step 8: done with two opinions to compare; in progress with one, or one waiting to be accepted. */
export async function opinionsStepStatus(db: Queryable, caseId: string): Promise<'not_started' | 'in_progress' | 'done'> {
  const { accepted, pending } = await countByStatus(db, caseId);
  if (accepted >= 2) return 'done';
  return accepted + pending > 0 ? 'in_progress' : 'not_started';
}

/** Doctors' opinions that came in through a share link and wait for the person, oldest first. */
export async function pendingDoctorOpinions(db: Queryable, caseId: string): Promise<{ id: string; doctorName: string; createdAt: string }[]> {
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
export async function decisionStepStatus(db: Queryable, caseId: string): Promise<'not_started' | 'in_progress' | 'done'> {
  if (await findDecision(db, caseId)) return 'done';
  const { accepted } = await countByStatus(db, caseId);
  return accepted >= 2 ? 'in_progress' : 'not_started';
}
