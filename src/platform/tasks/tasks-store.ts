import { sql } from 'kysely';
import { newId } from '../auth/tokens.ts';
import type { Queryable } from '../db/database.ts';
import type { TasksTable } from '../db/schema.ts';
import type { Task } from './tasks.ts';

// Shared by every feature: a step adds its tasks here (inside its own transaction, after
// its own access check) and the dashboard and calendar read them back.

/** Every change raises the version by one (ADR 0016). */
const bump = sql<number>`version + 1`;

function toTask(r: TasksTable): Task {
  return {
    id: r.id,
    caseId: r.case_id,
    patientId: r.patient_id,
    step: r.step,
    kind: r.kind,
    title: r.title,
    dueOn: r.due_on,
    doneAt: r.done_at,
    sourceType: r.source_type,
    sourceId: r.source_id,
    createdAt: r.created_at,
    version: r.version ?? 1,
  };
}

export interface NewTask {
  caseId: string;
  patientId: string;
  step: string;
  kind: string;
  title: string;
  dueOn: string | null;
  sourceType?: string | null;
  sourceId?: string | null;
}

export async function addTask(db: Queryable, now: string, userId: string, t: NewTask): Promise<string> {
  const id = newId();
  await db
    .insertInto('tasks')
    .values({
      id,
      case_id: t.caseId,
      patient_id: t.patientId,
      step: t.step,
      kind: t.kind,
      title: t.title,
      due_on: t.dueOn,
      done_at: null,
      source_type: t.sourceType ?? null,
      source_id: t.sourceId ?? null,
      created_by: userId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** Adds a task of this kind for this case unless an open one already exists. */
export async function ensureTask(db: Queryable, now: string, userId: string, t: NewTask): Promise<string> {
  let q = db
    .selectFrom('tasks')
    .select('id')
    .where('case_id', '=', t.caseId)
    .where('kind', '=', t.kind)
    .where('done_at', 'is', null);
  q = t.sourceId ? q.where('source_id', '=', t.sourceId) : q.where('source_id', 'is', null);
  const existing = await q.executeTakeFirst();
  return existing ? existing.id : addTask(db, now, userId, t);
}

/** Marks a task done or not done; with `version`, only if it is still that version (ADR 0016). */
export async function setTaskDone(
  db: Queryable,
  caseId: string,
  taskId: string,
  done: boolean,
  now: string,
  version?: number,
): Promise<boolean> {
  let q = db
    .updateTable('tasks')
    .set({ done_at: done ? now : null, updated_at: now, version: bump })
    .where('id', '=', taskId)
    .where('case_id', '=', caseId);
  if (version !== undefined) q = q.where('version', '=', version);
  return Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
}

/** Marks done every open task that follows from a record (e.g. records received). */
export async function completeTasksFor(
  db: Queryable,
  sourceType: string,
  sourceId: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('tasks')
    .set({ done_at: now, updated_at: now, version: bump })
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .where('done_at', 'is', null)
    .execute();
}

/** Changes a task's due date; with `version`, only if it is still that version (ADR 0016). */
export async function updateTaskDue(
  db: Queryable,
  caseId: string,
  taskId: string,
  dueOn: string | null,
  now: string,
  version?: number,
): Promise<boolean> {
  let q = db
    .updateTable('tasks')
    .set({ due_on: dueOn, updated_at: now, version: bump })
    .where('id', '=', taskId)
    .where('case_id', '=', caseId);
  if (version !== undefined) q = q.where('version', '=', version);
  return Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
}

export async function listTasksForCase(db: Queryable, caseId: string): Promise<Task[]> {
  return (await db.selectFrom('tasks').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute()).map(
    toTask,
  );
}

/** Open tasks across several patients (the dashboard's "what is due"), archived cases left out. */
export async function listOpenTasksForPatients(db: Queryable, patientIds: string[]): Promise<Task[]> {
  if (patientIds.length === 0) return [];
  const rows = await db
    .selectFrom('tasks')
    .innerJoin('cases', 'cases.id', 'tasks.case_id')
    .selectAll('tasks')
    .where('tasks.patient_id', 'in', patientIds)
    .where('tasks.done_at', 'is', null)
    .where('cases.archived_at', 'is', null)
    .execute();
  return rows.map(toTask);
}

/** Marks done the open tasks of one kind on a case (the call was made, the visit booked). */
export async function completeTasksOfKind(db: Queryable, caseId: string, kind: string, now: string): Promise<void> {
  await db
    .updateTable('tasks')
    .set({ done_at: now, updated_at: now, version: bump })
    .where('case_id', '=', caseId)
    .where('kind', '=', kind)
    .where('done_at', 'is', null)
    .execute();
}

export async function getTask(db: Queryable, caseId: string, taskId: string): Promise<Task | null> {
  const r = await db
    .selectFrom('tasks')
    .selectAll()
    .where('id', '=', taskId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return r ? toTask(r) : null;
}

/**
 * Like ensureTask, but keeps the open task's due date in step with the record it follows
 * (an appointment moved, an appeal deadline corrected).
 */
export async function ensureTaskDue(db: Queryable, now: string, userId: string, t: NewTask): Promise<string> {
  let q = db
    .selectFrom('tasks')
    .select(['id', 'due_on'])
    .where('case_id', '=', t.caseId)
    .where('kind', '=', t.kind)
    .where('done_at', 'is', null);
  q = t.sourceId ? q.where('source_id', '=', t.sourceId) : q.where('source_id', 'is', null);
  const existing = await q.executeTakeFirst();
  if (!existing) return addTask(db, now, userId, t);
  if (existing.due_on !== t.dueOn)
    await db
      .updateTable('tasks')
      .set({ due_on: t.dueOn, updated_at: now, version: bump })
      .where('id', '=', existing.id)
      .execute();
  return existing.id;
}

/**
 * Marks done the open tasks that follow from a record, except those of one kind: a record
 * that moves through steps (a shipment) keeps only the reminder for the step it is at.
 */
export async function completeTasksForExcept(
  db: Queryable,
  sourceType: string,
  sourceId: string,
  keepKind: string | null,
  now: string,
): Promise<void> {
  let q = db
    .updateTable('tasks')
    .set({ done_at: now, updated_at: now, version: bump })
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .where('done_at', 'is', null);
  if (keepKind) q = q.where('kind', '!=', keepKind);
  await q.execute();
}
