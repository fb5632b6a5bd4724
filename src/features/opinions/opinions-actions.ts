import { z } from 'zod';
import type { SpecialtyRange } from '../../content/specialists.ts';
import { type CoverageForThird, coverageFactsFor } from '../../content/third-opinion.ts';
import { type ActionResult, ok, refuse } from '../../platform/actions.ts';
import { addDays } from '../../platform/dates.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { CaseScope } from '../../platform/http/case-route.ts';
import { issuesToFields, parseWith } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { ensureTask } from '../../platform/tasks/tasks-store.ts';
import type { FieldErrors, FormValues } from '../../platform/ui/page-context.ts';
import { mergeOntoLatest, staleWrite } from '../../platform/versions.ts';
import type { Icd10Index } from '../codes/icd10.ts';
import { type CodeOracle, type Comparison, compareAll, pairKey } from './comparison.ts';
import { type DecisionInput, type DecisionRecord, unknownFollowed } from './decision.ts';
import { specialistHints } from './guidance.ts';
import {
  type Answer,
  codeFieldErrors,
  codeProblems,
  comparable,
  errorsToForm,
  foreignQuestionRefs,
  makeOpinionSchema,
  notAfterToday,
  type OpinionInput,
  type OpinionPatch,
  type OpinionRecord,
  opinionFromForm,
  type QuestionRef,
  sortOpinions,
  toInput,
  toStored,
} from './opinions.ts';
import * as store from './opinions-store.ts';

// What a person can do with a case's opinions, their comparison and the decision (ADR 0014).
// Each action runs in the route's one transaction: it checks what the route could not (that
// the opinion belongs to this case: 404 otherwise), refuses what the person can fix before
// anything is written, writes through the store and audits in the same transaction.

/** The case's questions, from the questions feature (injected; none until it is installed). */
export type QuestionsProvider = (db: Queryable, caseId: string) => Promise<QuestionRef[]>;
/** The person's plan type, from the coverage feature (injected; null until it is installed or chosen). */
export type CoveragePlanProvider = (db: Queryable, caseId: string) => Promise<string | null>;
/** Every question id of the case, removed ones included (questions feature), for checking what answers point at. */
export type CaseQuestionIdsProvider = (db: Queryable, caseId: string) => Promise<ReadonlySet<string>>;

export interface OpinionsOptions {
  /** The code set. Called inside the request's transaction, so it must never wait on the database. */
  icd10: () => Promise<Icd10Index>;
  questions?: QuestionsProvider;
  /** Defaults to the ids of `questions` (the list as it stands). */
  caseQuestionIds?: CaseQuestionIdsProvider;
  coveragePlan?: CoveragePlanProvider;
}
export type OpinionsProviders = Required<OpinionsOptions>;

export function providersOf(opts: OpinionsOptions): OpinionsProviders {
  const questions: QuestionsProvider = opts.questions ?? (async () => []);
  return {
    icd10: opts.icd10,
    questions,
    caseQuestionIds:
      opts.caseQuestionIds ?? (async (db, caseId) => new Set((await questions(db, caseId)).map((q) => q.id))),
    coveragePlan: opts.coveragePlan ?? (async () => null),
  };
}

const oracleOf = (icd: Icd10Index): CodeOracle => ({ place: (c) => icd.place(c), guess: (t) => icd.guess(t) });
const describer = (icd: Icd10Index) => (code: string) => icd.lookup(code)?.description ?? null;
const firstIdOf = (all: OpinionRecord[]) => sortOpinions(comparable(all))[0]?.id ?? null;

/** Where a problem with a diagnosis code or an answer shows: the API's paths, or a form's fields. */
export interface FieldNames {
  code: (i: number) => string;
  answer: (i: number) => string;
}
const API_FIELDS: FieldNames = { code: (i) => `diagnoses.${i}.code`, answer: (i) => `answers.${i}.questionId` };

// ---------- opinions ----------

/** An opinion with what the pages and the API show beside it. */
export interface OpinionView {
  o: OpinionRecord;
  firstId: string | null;
  /** Its place among the compared opinions (1 is the first), 0 when it is not compared. */
  number: number;
  describe: (code: string) => string | null;
}

async function viewOf(s: CaseScope, p: OpinionsProviders, opinionId: string): Promise<OpinionView> {
  const all = await store.listOpinions(s.trx, s.caseId);
  const o = all.find((x) => x.id === opinionId);
  if (!o) throw notFound();
  const number = comparable(all).findIndex((x) => x.id === o.id) + 1;
  return { o, firstId: firstIdOf(all), number, describe: describer(await p.icd10()) };
}

export async function listCaseOpinions(s: CaseScope, p: OpinionsProviders) {
  const all = await store.listOpinions(s.trx, s.caseId);
  await s.record('opinion.list', 'case', s.caseId);
  return { all, firstId: firstIdOf(all), describe: describer(await p.icd10()) };
}

export async function viewOpinion(s: CaseScope, p: OpinionsProviders, opinionId: string): Promise<OpinionView> {
  const v = await viewOf(s, p, opinionId);
  await s.record('opinion.view', 'opinion', opinionId);
  return v;
}

/** What the opinion form needs: the case's questions, the opinion when editing one, and whether any exists yet. */
export async function opinionForm(s: CaseScope, p: OpinionsProviders, opinionId: string | null) {
  const questions = await p.questions(s.trx, s.caseId);
  if (!opinionId) {
    await s.record('case.view', 'case', s.caseId);
    return { questions, opinion: null, hasAny: (await store.listOpinions(s.trx, s.caseId)).length > 0 };
  }
  const opinion = await store.findOpinion(s.trx, s.caseId, opinionId);
  if (!opinion) throw notFound();
  await s.record('opinion.view', 'opinion', opinion.id);
  return { questions, opinion, hasAny: true };
}

/**
 * Reads a posted opinion form: the schema (with the reader's today), then every code
 * against ICD-10-CM, so the person sees every problem at once. Errors carry form field names.
 */
export async function readOpinionForm(s: CaseScope, p: OpinionsProviders, values: FormValues) {
  const { input, paths } = opinionFromForm(values);
  const parsed = parseWith(
    makeOpinionSchema(() => s.today),
    input,
  );
  const names: FieldNames = {
    code: (i) => paths[`diagnoses.${i}.code`] ?? `diagnoses.${i}.code`,
    // Where an answer's error shows on the form: the answer box it came from.
    answer: (i) => paths[`answers.${i}.answer`] ?? `answers.${i}.questionId`,
  };
  const errors: FieldErrors = {
    ...(parsed.ok ? {} : errorsToForm(parsed.errors, paths)),
    ...codeFieldErrors(codeProblems(input.diagnoses as unknown[], await p.icd10(), s.t), names.code),
  };
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false as const, errors };
  return { ok: true as const, data: parsed.data, names };
}

/**
 * What the person could fix in an opinion before it is saved: a date after today, codes
 * not in ICD-10-CM, answers to questions this case does not have (answers kept from before,
 * `keep`, may stay as they are).
 */
async function opinionProblems(
  s: CaseScope,
  p: OpinionsProviders,
  icd: Icd10Index,
  input: OpinionInput,
  keep: Answer[],
  names: FieldNames,
) {
  const errors: FieldErrors = {
    ...notAfterToday({ givenOn: input.givenOn }, s.today),
    ...codeFieldErrors(codeProblems(input.diagnoses, icd, s.t), names.code),
  };
  if (input.answers.some((a) => a.questionId)) {
    const allowed = new Set(await p.caseQuestionIds(s.trx, s.caseId));
    for (const a of keep) if (a.questionId) allowed.add(a.questionId);
    for (const i of foreignQuestionRefs(input.answers, allowed))
      errors[names.answer(i)] = 'opinions.errors.questionNotInCase';
  }
  return errors;
}

const hasAny = (errors: FieldErrors) => Object.keys(errors).length > 0;

/** Records an opinion the person (or someone helping) writes down: accepted, source 'person'. */
export async function createOpinion(
  s: CaseScope,
  p: OpinionsProviders,
  input: OpinionInput,
  names = API_FIELDS,
): Promise<ActionResult<OpinionView>> {
  const icd = await p.icd10();
  const errors = await opinionProblems(s, p, icd, input, [], names);
  if (hasAny(errors)) return refuse(errors);
  const ids = { caseId: s.caseId, patientId: s.patientId, userId: s.user.userId };
  const id = await store.insertOpinion(s.trx, s.now, ids, toStored(input, describer(icd)), {
    status: 'accepted',
    source: 'person',
  });
  await s.record('opinion.create', 'opinion', id);
  return ok(await viewOf(s, p, id));
}

/** What saving the whole form came to: saved, or someone saved a newer version meanwhile (shown with it). */
export type EditOutcome = { saved: true } | { saved: false; current: OpinionRecord };

/**
 * Saves the whole opinion form, made from version `version` (null: a form from before
 * versions, saved onto the newest). A newer version saved meanwhile: nothing is written.
 */
export async function editOpinion(
  s: CaseScope,
  p: OpinionsProviders,
  opinionId: string,
  input: OpinionInput,
  version: number | null,
  names: FieldNames,
): Promise<ActionResult<EditOutcome>> {
  const current = await store.findOpinion(s.trx, s.caseId, opinionId);
  if (!current) throw notFound();
  const icd = await p.icd10();
  const errors = await opinionProblems(s, p, icd, input, current.answers, names);
  if (hasAny(errors)) return refuse(errors);
  if (
    !(await store.updateOpinion(s.trx, opinionId, s.now, toStored(input, describer(icd)), version ?? current.version))
  ) {
    return ok({ saved: false, current: (await store.findOpinion(s.trx, s.caseId, opinionId))! });
  }
  await s.record('opinion.update', 'opinion', opinionId);
  return ok({ saved: true });
}

const pageStatus = z.enum(['accepted', 'discarded']);

/** Accepts a doctor's opinion, sets one aside or brings it back (`status` as a button posts it). Nothing is deleted. */
export async function setStatus(
  s: CaseScope,
  opinionId: string,
  status: unknown,
): Promise<ActionResult<'accepted' | 'discarded'>> {
  if (!(await store.findOpinion(s.trx, s.caseId, opinionId))) throw notFound();
  const chosen = pageStatus.safeParse(status);
  if (!chosen.success) return refuse({ status: 'errors.chooseOne' });
  await store.setOpinionStatus(s.trx, opinionId, chosen.data, s.now);
  await s.record(chosen.data === 'accepted' ? 'opinion.accept' : 'opinion.discard', 'opinion', opinionId);
  return ok(chosen.data);
}

/**
 * The API's partial change: the fields given merged onto the newest version and checked as
 * a whole; lists given replace the stored lists. With If-Match (`expected`), only that
 * version is changed (412 otherwise). `status` accepts or sets aside, after the fields.
 */
export async function patchOpinion(
  s: CaseScope,
  p: OpinionsProviders,
  opinionId: string,
  patch: OpinionPatch,
  expected: number | null,
): Promise<ActionResult<OpinionView>> {
  const { status, ...changes } = patch;
  const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const read = async () => {
    const o = await store.findOpinion(s.trx, s.caseId, opinionId);
    if (!o) throw notFound();
    return o;
  };
  const before = await read();
  if (status === 'pending' && before.status !== 'pending') return refuse({ status: 'opinions.errors.statusPending' });
  const icd = await p.icd10();
  let errors: FieldErrors = {};
  const schema = makeOpinionSchema(() => s.today);
  const after = await mergeOntoLatest(
    read,
    async (current) => {
      if (Object.keys(given).length === 0) return true;
      const merged = schema.safeParse({ ...toInput(current), ...given });
      errors = merged.success
        ? await opinionProblems(s, p, icd, merged.data, current.answers, API_FIELDS)
        : issuesToFields(merged.error.issues);
      if (!merged.success || hasAny(errors)) return true;
      return store.updateOpinion(s.trx, opinionId, s.now, toStored(merged.data, describer(icd)), current.version);
    },
    expected,
  );
  if (hasAny(errors)) return refuse(errors);
  if (Object.keys(given).length > 0) await s.record('opinion.update', 'opinion', opinionId);
  if (status && status !== after.status && status !== 'pending') {
    // With If-Match, a status change too goes only onto the version read (now raised by the fields saved).
    if (!(await store.setOpinionStatus(s.trx, opinionId, status, s.now, expected === null ? undefined : after.version)))
      throw staleWrite();
    await s.record(status === 'accepted' ? 'opinion.accept' : 'opinion.discard', 'opinion', opinionId);
  }
  return ok(await viewOf(s, p, opinionId));
}

// ---------- the comparison ----------

/** The accepted opinions in order and how they compare, with the person's answers and each pair's version. */
async function loadComparison(s: CaseScope, icd: Icd10Index) {
  const all = await store.listOpinions(s.trx, s.caseId);
  const opinions = comparable(all);
  const { answers, versions } = await store.listOverrides(s.trx, s.caseId);
  return { all, opinions, comparison: compareAll(opinions, oracleOf(icd), answers), versions };
}

export interface ComparisonView {
  opinions: OpinionRecord[];
  comparison: Comparison;
  versions: ReadonlyMap<string, number>;
}
export interface ComparePageView extends ComparisonView {
  questions: QuestionRef[];
  hints: MessageKey[];
  /** The code-range rows the diagnoses fall in, so the page can mark which rows its hints stand for. */
  rows: SpecialtyRange[];
  cancer: boolean;
  coverage: CoverageForThird;
}

/**
 * How the opinions compare: the one reading behind the compare page and the API. The page
 * also gets the case's questions, who might help and what coverage says about a third opinion.
 */
export async function viewComparison(
  s: CaseScope,
  p: OpinionsProviders,
  opts: { page: true },
): Promise<ComparePageView>;
export async function viewComparison(
  s: CaseScope,
  p: OpinionsProviders,
  opts: { page: false },
): Promise<ComparisonView>;
export async function viewComparison(
  s: CaseScope,
  p: OpinionsProviders,
  opts: { page: boolean },
): Promise<ComparisonView | ComparePageView> {
  const icd = await p.icd10();
  const { opinions, comparison, versions } = await loadComparison(s, icd);
  await s.record('comparison.view', 'case', s.caseId);
  if (!opts.page) return { opinions, comparison, versions };
  const questions = await p.questions(s.trx, s.caseId);
  const plan = await p.coveragePlan(s.trx, s.caseId);
  const { hints, rows, cancer } = specialistHints(opinions, comparison.pairs, oracleOf(icd));
  return {
    opinions,
    comparison,
    versions,
    questions,
    hints,
    rows,
    cancer,
    coverage: coverageFactsFor(plan, { medicareRule: comparison.medicareThirdOpinion }),
  };
}

/** The person's answers for a pair: a level, null to go back to the suggestion, absent to leave it. */
export interface PairCorrection extends store.PairAnswers {
  a: string;
  b: string;
}

export type ConfirmOutcome = ({ saved: true } & ComparisonView) | { saved: false; version: number };

/**
 * Confirms or corrects how two of the case's accepted opinions compare. With `expected`
 * (the pair's version the form showed, or If-Match) nothing is written if it moved.
 */
export async function confirmPair(
  s: CaseScope,
  p: OpinionsProviders,
  c: PairCorrection,
  expected: number | null,
): Promise<ActionResult<ConfirmOutcome>> {
  const icd = await p.icd10();
  const ids = new Set(comparable(await store.listOpinions(s.trx, s.caseId)).map((o) => o.id));
  if (!ids.has(c.a) || !ids.has(c.b) || c.a === c.b) return refuse({ a: 'compare.errors.pair' });
  const { a, b, ...answers } = c;
  const set = await store.setPairAnswers(s.trx, s.caseId, [a, b], answers, s.user.userId, s.now, expected);
  if (!set.saved) return ok({ saved: false, version: set.version });
  await s.record('comparison.confirm', 'case', s.caseId);
  const { opinions, comparison, versions } = await loadComparison(s, icd);
  return ok({ saved: true, opinions, comparison, versions });
}

/** The version of a pair's answers, from a comparison's versions. */
export const pairVersionOf = (versions: ReadonlyMap<string, number>, a: string, b: string) =>
  versions.get(pairKey(a, b)) ?? 0;

/** "Get a third opinion": a task on the doctors step, due in a week like its own "find a doctor" task. */
export async function startThirdOpinion(s: CaseScope): Promise<void> {
  const taskId = await ensureTask(s.trx, s.now, s.user.userId, {
    caseId: s.caseId,
    patientId: s.patientId,
    step: 'doctors',
    kind: 'find_third_opinion',
    title: s.t('compare.third.taskTitle'),
    dueOn: addDays(s.today, 7),
  });
  await s.record('task.create', 'task', taskId);
}

// ---------- the decision ----------

export interface DecisionView extends ComparisonView {
  decision: DecisionRecord | null;
  /** The decision's version, also when there is none (0: never decided). */
  version: number;
}

/** The decision with the comparison it rests on; the summary reads the same (audited as `action`). */
export async function viewDecision(
  s: CaseScope,
  p: OpinionsProviders,
  action = 'decision.view',
): Promise<DecisionView> {
  const { opinions, comparison, versions } = await loadComparison(s, await p.icd10());
  const decision = await store.findDecision(s.trx, s.caseId);
  const version = await store.decisionVersion(s.trx, s.caseId);
  await s.record(action, 'case', s.caseId);
  return { opinions, comparison, versions, decision, version };
}

/** The decision alone, for the API. */
export async function decisionState(s: CaseScope) {
  const decision = await store.findDecision(s.trx, s.caseId);
  const version = await store.decisionVersion(s.trx, s.caseId);
  await s.record('decision.view', 'case', s.caseId);
  return { decision, version };
}

export type DecideOutcome =
  | { saved: true; decision: DecisionRecord; version: number }
  | { saved: false; decision: DecisionRecord | null; version: number };

/**
 * Records (or changes) the decision: the case becomes "decided". Every followed opinion must
 * be one of the case's accepted ones (`followedField` names where that error shows). With
 * `expected` (the version the form showed, or If-Match) nothing is written if it moved.
 */
export async function recordDecision(
  s: CaseScope,
  input: DecisionInput,
  expected: number | null,
  followedField = 'followedOpinionIds',
): Promise<ActionResult<DecideOutcome>> {
  const errors: FieldErrors = notAfterToday({ decidedOn: input.decidedOn }, s.today);
  if (unknownFollowed(input.followedOpinionIds, await store.listOpinions(s.trx, s.caseId)).length > 0)
    errors[followedField] = 'decision.errors.followedUnknown';
  if (hasAny(errors)) return refuse(errors);
  const ids = { caseId: s.caseId, patientId: s.patientId, userId: s.user.userId };
  const id = await store.saveDecision(s.trx, ids, s.now, input, expected);
  const decision = await store.findDecision(s.trx, s.caseId);
  const version = await store.decisionVersion(s.trx, s.caseId);
  if (!id || !decision) return ok({ saved: false, decision, version });
  await s.record('decision.record', 'decision', id);
  return ok({ saved: true, decision, version });
}

/** Takes the decision back: kept as withdrawn, the case open again. With If-Match, only that version. */
export async function withdrawDecision(
  s: CaseScope,
  expected: number | null = null,
): Promise<{ withdrawn: boolean; version: number }> {
  const done = await store.withdrawDecision(s.trx, s.caseId, s.now, expected);
  if (done === 'stale') throw staleWrite();
  if (done === 'withdrawn') await s.record('decision.withdraw', 'case', s.caseId);
  return { withdrawn: done === 'withdrawn', version: await store.decisionVersion(s.trx, s.caseId) };
}
