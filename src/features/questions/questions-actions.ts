import { QUESTION_BANK } from '../../content/question-bank.ts';
import { type ActionResult, ok, refuse } from '../../platform/actions.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { CaseScope } from '../../platform/http/case-route.ts';
import { notFound } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import type { FieldErrors, FormValues } from '../../platform/ui/page-context.ts';
import {
  ANSWER_MAX,
  answerField,
  answerSchema,
  type CaseSignals,
  caseTraits,
  MAX_DOCTORS,
  MAX_QUESTIONS,
  moveOne,
  moveTo,
  type QuestionFormInput,
  type QuestionRecord,
  questionText,
  suggestedQuestions,
} from './questions.ts';
import * as store from './questions-store.ts';

// What a person can do with a case's questions. Each action runs inside the caller's one
// transaction (the route's scope): it checks, then writes, then audits. A refusal the
// person can fix (a full list, a too-long answer) is returned before anything is written,
// so a page can show the form again in the same transaction; "no such question" throws 404.

export type CaseSignalsProvider = (db: Queryable, caseId: string) => Promise<CaseSignals>;

const en = translator('en');
const ids = (s: CaseScope): store.CaseIds => ({ caseId: s.caseId, patientId: s.patientId, userId: s.user.userId });

/**
 * Every questions request starts here: the case's list, made from the question bank the
 * first time anyone opens it. On a GET that first list is committed 'relaxed' (ADR 0007)
 * on purpose: it holds nothing the person typed, and a lost list is made again next visit.
 */
export async function openQuestionList(s: CaseScope, signals: CaseSignalsProvider) {
  const traits = caseTraits(s.c, await signals(s.trx, s.caseId));
  if (await store.ensureQuestionList(s.trx, ids(s), suggestedQuestions(traits), s.now))
    await s.record('questions.generate', 'case', s.caseId);
  return traits;
}

/** A question of this case in the wanted state (on the list, or removed); anything else is "not found". */
async function questionOf(s: CaseScope, questionId: string, removed: boolean): Promise<QuestionRecord> {
  const q = await store.findQuestion(s.trx, s.caseId, questionId);
  if (!q || (q.removedAt !== null) !== removed) throw notFound();
  return q;
}

const listIsFull = async (s: CaseScope) => (await store.countActiveQuestions(s.trx, s.caseId)) >= MAX_QUESTIONS;

export async function addOwnQuestion(s: CaseScope, input: QuestionFormInput): Promise<ActionResult<string>> {
  if (await listIsFull(s)) return refuse({ text: 'questions.errors.tooMany' });
  const id = await store.addOwnQuestion(s.trx, ids(s), input, s.now);
  await s.record('questions.add', 'question', id);
  return ok(id);
}

export async function addBankQuestion(s: CaseScope, bankId: string, important: boolean): Promise<ActionResult<string>> {
  if (!QUESTION_BANK.some((q) => q.id === bankId)) return refuse({ _form: 'questions.errors.unknownBank' });
  if (await listIsFull(s)) return refuse({ text: 'questions.errors.tooMany' });
  const id = await store.addBankQuestion(s.trx, ids(s), bankId, important, s.now);
  await s.record('questions.add', 'question', id);
  return ok(id);
}

/** Moves a question one place up or down, or to a position (1 = first). */
export async function moveQuestion(
  s: CaseScope,
  questionId: string,
  where: 'up' | 'down' | number,
): Promise<QuestionRecord> {
  const q = await questionOf(s, questionId, false);
  const active = await store.listQuestions(s.trx, s.caseId);
  const order = active.map((x) => x.id);
  await store.saveOrder(
    s.trx,
    s.caseId,
    typeof where === 'number' ? moveTo(order, q.id, where) : moveOne(order, q.id, where),
    active,
    s.now,
  );
  await s.record('questions.reorder', 'question', q.id);
  return q;
}

/**
 * Changes a question's words and whether it matters most. Unchanged words stay the
 * suggested question's own, so its source still applies.
 */
export async function changeQuestion(
  s: CaseScope,
  questionId: string,
  change: { text?: string; important?: boolean },
): Promise<QuestionRecord> {
  const q = await questionOf(s, questionId, false);
  const sameAsBank =
    change.text !== undefined && q.bankId !== null && q.customText === null && change.text === questionText(q, en);
  await store.updateQuestion(
    s.trx,
    s.caseId,
    q.id,
    { text: change.text === undefined || sameAsBank ? undefined : change.text, important: change.important },
    s.now,
  );
  await s.record('questions.update', 'question', q.id);
  return q;
}

/**
 * Takes a question off the list; it is kept with its answers. Removing a removed one does
 * nothing, unless the caller says it must be on the list (then it is "not found").
 */
export async function removeQuestion(
  s: CaseScope,
  questionId: string,
  opts: { mustBeOnList?: boolean } = {},
): Promise<void> {
  const q = await store.findQuestion(s.trx, s.caseId, questionId);
  if (!q || (opts.mustBeOnList && q.removedAt)) throw notFound();
  if (q.removedAt) return;
  await store.removeQuestion(s.trx, s.caseId, q.id, s.user.userId, s.now);
  await s.record('questions.remove', 'question', q.id);
}

export async function restoreQuestion(s: CaseScope, questionId: string): Promise<ActionResult<string>> {
  const q = await questionOf(s, questionId, true);
  if (await listIsFull(s)) return refuse({ text: 'questions.errors.tooMany' });
  await store.restoreQuestion(s.trx, s.caseId, q.id, s.now);
  await s.record('questions.restore', 'question', q.id);
  return ok(q.id);
}

/** The API's one change call: put back, change, move, take off, in that order. */
export async function patchQuestion(
  s: CaseScope,
  questionId: string,
  patch: { text?: string; important?: boolean; position?: number; removed?: boolean },
): Promise<ActionResult<QuestionRecord>> {
  let q = await store.findQuestion(s.trx, s.caseId, questionId);
  if (!q) throw notFound();
  if (patch.removed === false && q.removedAt) {
    const restored = await restoreQuestion(s, q.id);
    if (!restored.ok) return refuse({ removed: 'questions.errors.tooMany' });
    q = (await store.findQuestion(s.trx, s.caseId, questionId))!;
  }
  const changes = patch.text !== undefined || patch.important !== undefined || patch.position !== undefined;
  if (changes && q.removedAt) return refuse({ removed: 'questions.errors.notFound' });
  if (patch.text !== undefined || patch.important !== undefined)
    await changeQuestion(s, q.id, { text: patch.text, important: patch.important });
  if (patch.position !== undefined) await moveQuestion(s, q.id, patch.position);
  if (patch.removed === true) await removeQuestion(s, q.id);
  return ok((await store.findQuestion(s.trx, s.caseId, questionId))!);
}

export async function setListReady(s: CaseScope, ready: boolean): Promise<{ ready: boolean; readyAt: string | null }> {
  await store.setListReady(s.trx, s.caseId, ready, s.now);
  await s.record(ready ? 'questions.ready' : 'questions.notReady', 'case', s.caseId);
  const state = await store.getListState(s.trx, s.caseId);
  return { ready: !!state?.readyAt, readyAt: state?.readyAt ?? null };
}

export async function addAnsweringDoctor(s: CaseScope, name: string): Promise<ActionResult<string>> {
  if ((await store.listDoctors(s.trx, s.caseId)).length >= MAX_DOCTORS)
    return refuse({ name: 'questions.errors.tooManyDoctors' });
  const id = await store.addDoctor(s.trx, ids(s), name, s.now);
  await s.record('questions.doctor.add', 'question_doctor', id);
  return ok(id);
}

export async function answeringDoctor(s: CaseScope, doctorId: string): Promise<store.DoctorRecord> {
  const doctor = await store.findDoctor(s.trx, s.caseId, doctorId);
  if (!doctor) throw notFound();
  return doctor;
}

/**
 * Saves one doctor's answers from the answers form (a field per question). Every answer is
 * checked first: one that is too long means nothing is saved.
 */
export async function saveDoctorAnswers(s: CaseScope, doctorId: string, form: FormValues): Promise<ActionResult<void>> {
  const doctor = await answeringDoctor(s, doctorId);
  const active = await store.listQuestions(s.trx, s.caseId);
  const errors: FieldErrors = {};
  const parsed = new Map<string, string>();
  for (const q of active) {
    const field = answerField(q.id);
    if (form[field] === undefined) continue;
    const r = answerSchema.safeParse({ answer: form[field] });
    if (r.success) parsed.set(q.id, r.data.answer);
    else errors[field] = (form[field] ?? '').length > ANSWER_MAX ? 'errors.tooLong' : 'questions.errors.answer';
  }
  if (Object.keys(errors).length > 0) return refuse(errors);
  for (const [questionId, answer] of parsed)
    await store.saveAnswer(s.trx, ids(s), questionId, doctor.id, answer, s.now);
  await s.record('questions.answers.save', 'question_doctor', doctor.id);
  return ok(undefined);
}

/** One doctor's answer to one question ("" clears it). */
export async function saveAnswer(s: CaseScope, questionId: string, doctorId: string, answer: string): Promise<void> {
  const q = await store.findQuestion(s.trx, s.caseId, questionId);
  const doctor = await store.findDoctor(s.trx, s.caseId, doctorId);
  if (!q || !doctor) throw notFound();
  await store.saveAnswer(s.trx, ids(s), q.id, doctor.id, answer, s.now);
  await s.record('questions.answers.save', 'question_doctor', doctor.id);
}

/** Everything the list page and the API's list show. Audited as a view. */
export async function viewQuestionList(s: CaseScope, signals: CaseSignalsProvider) {
  const traits = await openQuestionList(s, signals);
  const [active, removed, doctors, answers, state] = [
    await store.listQuestions(s.trx, s.caseId),
    await store.listQuestions(s.trx, s.caseId, { removed: true }),
    await store.listDoctors(s.trx, s.caseId),
    await store.listAnswers(s.trx, s.caseId),
    await store.getListState(s.trx, s.caseId),
  ];
  await s.record('questions.view', 'case', s.caseId);
  const onList = new Set(active.map((q) => q.bankId).filter(Boolean));
  const fits = new Set(suggestedQuestions(traits).map((q) => q.id));
  const open = QUESTION_BANK.filter((q) => !onList.has(q.id));
  return {
    active,
    removed,
    doctors,
    answers,
    readyAt: state?.readyAt ?? null,
    // Bank questions not on the list: the ones that fit this case first.
    suggested: open.filter((q) => fits.has(q.id)),
    other: open.filter((q) => !fits.has(q.id)),
  };
}

export type QuestionListView = Awaited<ReturnType<typeof viewQuestionList>>;

/** The questions on the list, for the printed sheet and the PDF (audited as `action`). */
export async function questionsForSheet(
  s: CaseScope,
  signals: CaseSignalsProvider,
  action: 'questions.print' | 'questions.pdf',
): Promise<QuestionRecord[]> {
  await openQuestionList(s, signals);
  const active = await store.listQuestions(s.trx, s.caseId);
  await s.record(action, 'case', s.caseId);
  return active;
}

/**
 * What adding a question from another step did: added (with its id), already on the list,
 * or the list is full.
 */
export type AskResult = { status: 'added'; questionId: string } | { status: 'already' } | { status: 'full' };

/**
 * Puts a question on the case's list once: the same words twice are one question. Other
 * steps call this ("Save to ask my doctor" on a clinical trial). The list is made from the
 * question bank first, as opening the questions page would, so the new question lands
 * after the suggested ones and not among them.
 */
export async function addQuestionOnce(
  s: CaseScope,
  signals: CaseSignalsProvider,
  text: string,
  auditAs = 'questions.add',
): Promise<AskResult> {
  await openQuestionList(s, signals);
  const existing = await store.listQuestions(s.trx, s.caseId);
  if (existing.some((q) => questionText(q, en) === text)) return { status: 'already' };
  if (existing.length >= MAX_QUESTIONS) return { status: 'full' };
  const id = await store.addOwnQuestion(s.trx, ids(s), { text, important: false }, s.now);
  await s.record(auditAs, 'question', id);
  return { status: 'added', questionId: id };
}
