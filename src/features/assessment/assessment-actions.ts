import { addDays } from '../../platform/dates.ts';
import type { CaseScope } from '../../platform/http/case-route.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { ensureTask } from '../../platform/tasks/tasks-store.ts';
import { staleWrite } from '../../platform/versions.ts';
import { type Answers, assessAnswers, isComplete, type QuestionId } from './assessment.ts';
import * as store from './assessment-store.ts';

// What a person can do with the second-opinion check (ADR 0014), in the route's one
// transaction. The answers are one versioned record (ADR 0016): answering one question
// merges that answer onto the newest saved answers (a family member answering another
// question at the same moment loses nothing), while the API's PUT replaces them all and
// honours If-Match.

const en = translator('en');

export interface AssessmentView {
  answers: Partial<Answers>;
  completedAt: string | null;
  /** 0 while nothing is saved. */
  version: number;
}

const ids = (s: CaseScope) => ({ caseId: s.caseId, patientId: s.patientId, userId: s.user.userId });

async function read(s: CaseScope): Promise<AssessmentView> {
  const r = await store.getAssessment(s.trx, s.caseId);
  return { answers: r?.answers ?? {}, completedAt: r?.completedAt ?? null, version: r?.version ?? 0 };
}

/** The saved answers, with the read audited. */
export async function viewAssessment(s: CaseScope): Promise<AssessmentView> {
  const v = await read(s);
  await s.record('assessment.view', 'case', s.caseId);
  return v;
}

/**
 * Writes answers built from the newest saved ones: read, build, write if still that
 * version, and build again on what someone saved in between. With `expected` (If-Match),
 * only over that version: a stale write otherwise.
 */
async function writeOntoLatest(
  s: CaseScope,
  build: (current: AssessmentView) => { answers: Partial<Answers>; complete: boolean },
  expected: number | null = null,
): Promise<{ answers: Partial<Answers>; complete: boolean }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await read(s);
    if (expected !== null && current.version !== expected) throw staleWrite();
    const next = build(current);
    if (await store.saveAssessment(s.trx, ids(s), next.answers, s.now, current.version, { complete: next.complete }))
      return next;
    if (expected !== null) break;
  }
  throw staleWrite();
}

/** Saves the answer to one question, kept with the others. */
export async function answerQuestion(
  s: CaseScope,
  id: QuestionId,
  value: Answers[QuestionId],
): Promise<Partial<Answers>> {
  const { answers } = await writeOntoLatest(s, (c) => ({
    answers: { ...c.answers, [id]: value } as Partial<Answers>,
    complete: false,
  }));
  await s.record('assessment.update', 'case', s.caseId);
  return answers;
}

/**
 * When the check is finished and the doctor wants to start soon (or did not say), the
 * person gets a task: ask how long it is safe to wait. Due tomorrow when the doctor said
 * "right away", else within a week. One open task per case, however often the check is redone.
 */
async function addAssessmentTasks(s: CaseScope, answers: Partial<Answers>): Promise<void> {
  const r = assessAnswers(answers);
  if (!r.askHowLong || r.missing.length > 0) return;
  await ensureTask(s.trx, s.now, s.user.userId, {
    caseId: s.caseId,
    patientId: s.patientId,
    step: 'assessment',
    kind: 'ask_how_long_to_wait',
    title: en('assessment.task.askHowLong'),
    dueOn: addDays(s.today, r.fastOpinion ? 1 : 7),
  });
}

/**
 * The person asks for the result. Refused with the questions still open; otherwise the
 * check is marked complete (never undone) and its task added.
 */
export async function completeAssessment(s: CaseScope): Promise<{ missing: QuestionId[] }> {
  const current = await read(s);
  const missing = assessAnswers(current.answers).missing;
  if (missing.length > 0) return { missing };
  const { answers } = await writeOntoLatest(s, (c) => ({ answers: c.answers, complete: true }));
  await addAssessmentTasks(s, answers);
  await s.record('assessment.complete', 'case', s.caseId);
  return { missing: [] };
}

/** The API's PUT: all the answers at once; complete when every question is answered. */
export async function replaceAnswers(
  s: CaseScope,
  answers: Partial<Answers>,
  expected: number | null,
): Promise<AssessmentView> {
  const complete = isComplete(answers);
  await writeOntoLatest(s, () => ({ answers, complete }), expected);
  if (complete) await addAssessmentTasks(s, answers);
  await s.record(complete ? 'assessment.complete' : 'assessment.update', 'case', s.caseId);
  return read(s);
}
