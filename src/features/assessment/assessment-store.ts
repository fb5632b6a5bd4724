import type { Queryable } from '../../platform/db/database.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { addDays } from '../../platform/tasks/tasks.ts';
import { ensureTask } from '../../platform/tasks/tasks-store.ts';
import type { CaseSignals } from '../questions/questions.ts';
import { type Answers, assessAnswers, isComplete, storedAnswersSchema } from './assessment.ts';

export interface AssessmentRecord {
  caseId: string;
  answers: Partial<Answers>;
  completedAt: string | null;
  updatedAt: string;
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
  return { caseId, answers: parseAnswers(row.answers), completedAt: row.completed_at, updatedAt: row.updated_at };
}

/**
 * Saves the answers (all of them: the caller merges). `complete` records that the person
 * asked for the result with every question answered; it is never undone by a later change.
 */
export async function saveAssessment(
  db: Queryable,
  ids: { caseId: string; patientId: string; userId: string },
  answers: Partial<Answers>,
  now: string,
  opts: { complete?: boolean } = {},
): Promise<void> {
  const json = JSON.stringify(answers);
  const level = isComplete(answers) || answers.emergency === 'yes' ? assessAnswers(answers).level : null;
  const completedAt = opts.complete ? now : null;
  const existing = await db.selectFrom('assessments').select(['completed_at']).where('case_id', '=', ids.caseId).executeTakeFirst();
  if (existing) {
    await db
      .updateTable('assessments')
      .set({ answers: json, level, updated_by: ids.userId, updated_at: now, completed_at: existing.completed_at ?? completedAt })
      .where('case_id', '=', ids.caseId)
      .execute();
  } else {
    await db
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
      .execute();
  }
}

/** Journey step 2: done once the person asked for the result; in progress once anything is answered. */
export async function assessmentStepStatus(db: Queryable, caseId: string): Promise<'not_started' | 'in_progress' | 'done'> {
  const row = await db.selectFrom('assessments').select(['answers', 'completed_at']).where('case_id', '=', caseId).executeTakeFirst();
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

const en = translator('en');

/**
 * When the check is finished and the doctor wants to start soon (or did not say), the
 * person gets a task: ask how long it is safe to wait. Due tomorrow when the doctor said
 * "right away", else within a week. One open task per case, however often the check is redone.
 */
export async function addAssessmentTasks(db: Queryable, ids: { caseId: string; patientId: string; userId: string }, answers: Partial<Answers>, now: string): Promise<void> {
  const r = assessAnswers(answers);
  if (!r.askHowLong || r.missing.length > 0) return;
  const today = now.slice(0, 10);
  await ensureTask(db, now, ids.userId, {
    caseId: ids.caseId,
    patientId: ids.patientId,
    step: 'assessment',
    kind: 'ask_how_long_to_wait',
    title: en('assessment.task.askHowLong'),
    dueOn: addDays(today, r.fastOpinion ? 1 : 7),
  });
}
