import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/database.ts';
import type { CaseSignals } from '../questions/questions.ts';
import { type Answers, assessAnswers, isComplete, storedAnswersSchema } from './assessment.ts';

export interface AssessmentRecord {
  caseId: string;
  answers: Partial<Answers>;
  completedAt: string | null;
  updatedAt: string;
  /** Raised by every change (ADR 0016). */
  version: number;
}

function parseAnswers(json: string): Partial<Answers> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    raw = {};
  }
  // Anything no longer valid (a question changed since) is dropped, never shown wrongly.
  const parsed = storedAnswersSchema.safeParse(raw);
  if (!parsed.success) return {};
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as Partial<Answers>;
}

export async function getAssessment(db: Queryable, caseId: string): Promise<AssessmentRecord | null> {
  const row = await db.selectFrom('assessments').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  if (!row) return null;
  return {
    caseId,
    answers: parseAnswers(row.answers),
    completedAt: row.completed_at,
    updatedAt: row.updated_at,
    version: row.version ?? 1,
  };
}

/**
 * Saves the answers (all of them: the caller merges) onto version `expected` of the row
 * (0: there is none yet). False, with nothing written, when the row is no longer that
 * version (ADR 0016). `complete` records that the person asked for the result with every
 * question answered; it is never undone by a later change.
 */
export async function saveAssessment(
  db: Queryable,
  ids: { caseId: string; patientId: string; userId: string },
  answers: Partial<Answers>,
  now: string,
  expected: number,
  opts: { complete?: boolean } = {},
): Promise<boolean> {
  const json = JSON.stringify(answers);
  const level = isComplete(answers) || answers.emergency === 'yes' ? assessAnswers(answers).level : null;
  const completedAt = opts.complete ? now : null;
  if (expected > 0) {
    const r = await db
      .updateTable('assessments')
      .set({
        answers: json,
        level,
        updated_by: ids.userId,
        updated_at: now,
        completed_at: sql`coalesce(completed_at, ${completedAt})`,
        version: sql`version + 1`,
      })
      .where('case_id', '=', ids.caseId)
      .where('version', '=', expected)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
  const r = await db
    .insertInto('assessments')
    .values({
      case_id: ids.caseId,
      patient_id: ids.patientId,
      answers: json,
      level,
      completed_at: completedAt,
      created_by: ids.userId,
      created_at: now,
      updated_by: ids.userId,
      updated_at: now,
    })
    // Someone else's first answers, saved meanwhile, win: nothing is written.
    .onConflict((oc) => oc.column('case_id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Journey step 2: done once the person asked for the result; in progress once anything is answered. */
export async function assessmentStepStatus(
  db: Queryable,
  caseId: string,
): Promise<'not_started' | 'in_progress' | 'done'> {
  const row = await db
    .selectFrom('assessments')
    .select(['answers', 'completed_at'])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) return 'not_started';
  if (row.completed_at) return 'done';
  return Object.keys(parseAnswers(row.answers)).length > 0 ? 'in_progress' : 'not_started';
}

/** What the check learned that helps other steps choose (the questions list). Given to them by the composition root. */
export async function getAssessmentSignals(db: Queryable, caseId: string): Promise<CaseSignals> {
  const a = await getAssessment(db, caseId);
  if (!a) return {};
  return { treatment: a.answers.treatment, working: a.answers.working, urgency: a.answers.urgency };
}
