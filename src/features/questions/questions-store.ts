import type { BankQuestion } from '../../content/question-bank.ts';
import { newId } from '../../platform/auth/tokens.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { CaseQuestionsTable } from '../../platform/db/schema.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { type QuestionRecord, questionText } from './questions.ts';

export interface CaseIds {
  caseId: string;
  patientId: string;
  userId: string;
}

export interface DoctorRecord {
  id: string;
  name: string;
  createdAt: string;
}

export interface AnswerRecord {
  questionId: string;
  doctorId: string;
  answer: string;
  updatedAt: string;
}

function toRecord(r: CaseQuestionsTable): QuestionRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    bankId: r.bank_id,
    customText: r.text,
    position: Number(r.position),
    important: Number(r.important) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    removedAt: r.removed_at,
  };
}

// ---------- the list ----------

/**
 * Makes the case's list from the question bank the first time anyone opens it, and never
 * again: what the person removes stays removed. Safe when two requests race (the second
 * one's insert of the list row does nothing, and so does the rest).
 */
export async function ensureQuestionList(
  db: Queryable,
  ids: CaseIds,
  suggested: readonly BankQuestion[],
  now: string,
): Promise<boolean> {
  const existing = await db
    .selectFrom('question_lists')
    .select('case_id')
    .where('case_id', '=', ids.caseId)
    .executeTakeFirst();
  if (existing) return false;
  const inserted = await db
    .insertInto('question_lists')
    .values({ case_id: ids.caseId, patient_id: ids.patientId, generated_at: now, ready_at: null, updated_at: now })
    .onConflict((oc) => oc.column('case_id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  if (suggested.length > 0) {
    await db
      .insertInto('case_questions')
      .values(
        suggested.map((q, i) => ({
          id: newId(),
          case_id: ids.caseId,
          patient_id: ids.patientId,
          bank_id: q.id,
          text: null,
          position: i + 1,
          important: 0,
          created_by: ids.userId,
          created_at: now,
          updated_at: now,
          removed_at: null,
          removed_by: null,
        })),
      )
      .execute();
  }
  return true;
}

export async function getListState(
  db: Queryable,
  caseId: string,
): Promise<{ generatedAt: string; readyAt: string | null } | null> {
  const row = await db
    .selectFrom('question_lists')
    .select(['generated_at', 'ready_at'])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return row ? { generatedAt: row.generated_at, readyAt: row.ready_at } : null;
}

export async function setListReady(db: Queryable, caseId: string, ready: boolean, now: string): Promise<void> {
  await db
    .updateTable('question_lists')
    .set({ ready_at: ready ? now : null, updated_at: now })
    .where('case_id', '=', caseId)
    .execute();
}

/** The case's questions in the person's order; removed ones only when asked for. */
export async function listQuestions(
  db: Queryable,
  caseId: string,
  opts: { removed?: boolean } = {},
): Promise<QuestionRecord[]> {
  const rows = await db
    .selectFrom('case_questions')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('removed_at', opts.removed ? 'is not' : 'is', null)
    .orderBy(opts.removed ? 'removed_at' : 'position')
    .orderBy('created_at')
    .execute();
  return rows.map(toRecord);
}

/** One question of this case (removed or not), or null: an id from another case is never found. */
export async function findQuestion(db: Queryable, caseId: string, questionId: string): Promise<QuestionRecord | null> {
  const row = await db
    .selectFrom('case_questions')
    .selectAll()
    .where('id', '=', questionId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

async function nextPosition(db: Queryable, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('case_questions')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function countActiveQuestions(db: Queryable, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('case_questions')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Adds the person's own question at the end of the list. */
export async function addOwnQuestion(
  db: Queryable,
  ids: CaseIds,
  input: { text: string; important: boolean },
  now: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto('case_questions')
    .values({
      id,
      case_id: ids.caseId,
      patient_id: ids.patientId,
      bank_id: null,
      text: input.text,
      position: await nextPosition(db, ids.caseId),
      important: input.important ? 1 : 0,
      created_by: ids.userId,
      created_at: now,
      updated_at: now,
      removed_at: null,
      removed_by: null,
    })
    .execute();
  return id;
}

/** Adds a bank question at the end; one that was removed comes back (with its answers). */
export async function addBankQuestion(
  db: Queryable,
  ids: CaseIds,
  bankId: string,
  important: boolean,
  now: string,
): Promise<string> {
  const existing = await db
    .selectFrom('case_questions')
    .select(['id', 'removed_at'])
    .where('case_id', '=', ids.caseId)
    .where('bank_id', '=', bankId)
    .executeTakeFirst();
  if (existing) {
    if (existing.removed_at) await restoreQuestion(db, ids.caseId, existing.id, now);
    if (important)
      await db
        .updateTable('case_questions')
        .set({ important: 1, updated_at: now })
        .where('id', '=', existing.id)
        .execute();
    return existing.id;
  }
  const id = newId();
  await db
    .insertInto('case_questions')
    .values({
      id,
      case_id: ids.caseId,
      patient_id: ids.patientId,
      bank_id: bankId,
      text: null,
      position: await nextPosition(db, ids.caseId),
      important: important ? 1 : 0,
      created_by: ids.userId,
      created_at: now,
      updated_at: now,
      removed_at: null,
      removed_by: null,
    })
    .execute();
  return id;
}

export async function updateQuestion(
  db: Queryable,
  caseId: string,
  questionId: string,
  changes: { text?: string | null; important?: boolean },
  now: string,
): Promise<void> {
  await db
    .updateTable('case_questions')
    .set({
      ...(changes.text !== undefined ? { text: changes.text } : {}),
      ...(changes.important !== undefined ? { important: changes.important ? 1 : 0 } : {}),
      updated_at: now,
    })
    .where('id', '=', questionId)
    .where('case_id', '=', caseId)
    .execute();
}

/** Takes a question off the list. It is kept (with any answers) and can be put back. */
export async function removeQuestion(
  db: Queryable,
  caseId: string,
  questionId: string,
  userId: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('case_questions')
    .set({ removed_at: now, removed_by: userId, updated_at: now })
    .where('id', '=', questionId)
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
    .execute();
  // Close the gap, so positions stay 1..n (the API speaks in places in the list).
  const active = await listQuestions(db, caseId);
  await saveOrder(
    db,
    caseId,
    active.map((q) => q.id),
    active,
    now,
  );
}

export async function restoreQuestion(db: Queryable, caseId: string, questionId: string, now: string): Promise<void> {
  const position = await nextPosition(db, caseId);
  await db
    .updateTable('case_questions')
    .set({ removed_at: null, removed_by: null, position, updated_at: now })
    .where('id', '=', questionId)
    .where('case_id', '=', caseId)
    .where('removed_at', 'is not', null)
    .execute();
}

/** Writes the order of the active questions: positions 1..n in the order given. */
export async function saveOrder(
  db: Queryable,
  caseId: string,
  orderedIds: readonly string[],
  current: readonly QuestionRecord[],
  now: string,
): Promise<void> {
  const before = new Map(current.map((q) => [q.id, q.position]));
  for (const [i, id] of orderedIds.entries()) {
    if (before.get(id) === i + 1) continue;
    await db
      .updateTable('case_questions')
      .set({ position: i + 1, updated_at: now })
      .where('id', '=', id)
      .where('case_id', '=', caseId)
      .execute();
  }
}

// ---------- doctors and their answers ----------

export async function listDoctors(db: Queryable, caseId: string): Promise<DoctorRecord[]> {
  const rows = await db
    .selectFrom('question_doctors')
    .select(['id', 'name', 'created_at'])
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
}

export async function findDoctor(db: Queryable, caseId: string, doctorId: string): Promise<DoctorRecord | null> {
  const r = await db
    .selectFrom('question_doctors')
    .select(['id', 'name', 'created_at'])
    .where('id', '=', doctorId)
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return r ? { id: r.id, name: r.name, createdAt: r.created_at } : null;
}

export async function addDoctor(db: Queryable, ids: CaseIds, name: string, now: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('question_doctors')
    .values({
      id,
      case_id: ids.caseId,
      patient_id: ids.patientId,
      name,
      created_by: ids.userId,
      created_at: now,
      removed_at: null,
    })
    .execute();
  return id;
}

export async function listAnswers(db: Queryable, caseId: string, doctorId?: string): Promise<AnswerRecord[]> {
  let q = db
    .selectFrom('question_answers as a')
    .innerJoin('question_doctors as d', 'd.id', 'a.doctor_id')
    .select(['a.question_id', 'a.doctor_id', 'a.answer', 'a.updated_at'])
    .where('a.case_id', '=', caseId)
    .where('d.removed_at', 'is', null)
    .where('a.answer', '<>', '');
  if (doctorId) q = q.where('a.doctor_id', '=', doctorId);
  const rows = await q.orderBy('d.created_at').orderBy('d.id').execute();
  return rows.map((r) => ({
    questionId: r.question_id,
    doctorId: r.doctor_id,
    answer: r.answer,
    updatedAt: r.updated_at,
  }));
}

/**
 * Saves one doctor's answer to one question (an empty answer clears it). The caller has
 * checked that both belong to the case.
 */
export async function saveAnswer(
  db: Queryable,
  ids: CaseIds,
  questionId: string,
  doctorId: string,
  answer: string,
  now: string,
): Promise<void> {
  const existing = await db
    .selectFrom('question_answers')
    .select(['id', 'answer'])
    .where('question_id', '=', questionId)
    .where('doctor_id', '=', doctorId)
    .executeTakeFirst();
  if (existing) {
    if (existing.answer === answer) return;
    await db
      .updateTable('question_answers')
      .set({ answer, updated_by: ids.userId, updated_at: now })
      .where('id', '=', existing.id)
      .execute();
    return;
  }
  if (answer === '') return;
  await db
    .insertInto('question_answers')
    .values({
      id: newId(),
      case_id: ids.caseId,
      question_id: questionId,
      doctor_id: doctorId,
      answer,
      created_by: ids.userId,
      created_at: now,
      updated_by: ids.userId,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['question_id', 'doctor_id']).doUpdateSet({ answer, updated_by: ids.userId, updated_at: now }),
    )
    .execute();
}

// ---------- for other steps ----------

/** Journey step 3: in progress once the list exists, done once the person says it is ready. */
export async function questionsStepStatus(
  db: Queryable,
  caseId: string,
): Promise<'not_started' | 'in_progress' | 'done'> {
  const state = await getListState(db, caseId);
  if (!state) return 'not_started';
  return state.readyAt ? 'done' : 'in_progress';
}

const en = translator('en');

/**
 * The case's questions as the person wrote or kept them, in their order: what the
 * opinions step shows next to each doctor's opinion. Empty until the list was made.
 */
export async function listQuestionsForCase(db: Queryable, caseId: string): Promise<{ id: string; text: string }[]> {
  const qs = await listQuestions(db, caseId);
  return qs.map((q) => ({ id: q.id, text: questionText(q, en) }));
}
