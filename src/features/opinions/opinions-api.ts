import { z } from 'zod';
import { isoDate } from '../../platform/clock.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import type { MessageKey, Translate } from '../../platform/i18n/i18n.ts';
import type { FieldErrors } from '../../platform/ui/page-context.ts';
import type { Icd10Index } from '../codes/icd10.ts';
import { normalizeCode } from '../codes/icd10.ts';
import { type CodeOracle, type Comparison, compareAll, DIAGNOSIS_BASES, type PairComparison, TREATMENT_BASES } from './comparison.ts';
import { verdictText } from './explain.ts';
import { comparable, foreignQuestionRefs, type OpinionRecord, type QuestionRef } from './opinions.ts';
import { listOpinions, listOverrides } from './opinions-store.ts';

// What the opinions routes share: the injected providers, and a few helpers.

/** The case's questions, from the questions feature (injected; none until it is installed). */
export type QuestionsProvider = (db: Queryable, caseId: string) => Promise<QuestionRef[]>;
/** The person's plan type, from the coverage feature (injected; null until it is installed or chosen). */
export type CoveragePlanProvider = (db: Queryable, caseId: string) => Promise<string | null>;
/** Every question id of the case, removed ones included (questions feature), for checking what answers point at. */
export type CaseQuestionIdsProvider = (db: Queryable, caseId: string) => Promise<ReadonlySet<string>>;

export interface OpinionsOptions {
  icd10: () => Promise<Icd10Index>;
  questions?: QuestionsProvider;
  /** Defaults to the ids of `questions` (the list as it stands). */
  caseQuestionIds?: CaseQuestionIdsProvider;
  coveragePlan?: CoveragePlanProvider;
}

export interface OpinionsKit {
  deps: Deps;
  icd10: () => Promise<Icd10Index>;
  questions: QuestionsProvider;
  caseQuestionIds: CaseQuestionIdsProvider;
  coveragePlan: CoveragePlanProvider;
  today: () => string;
}

export function makeKit(deps: Deps, opts: OpinionsOptions): OpinionsKit {
  const questions: QuestionsProvider = opts.questions ?? (async () => []);
  return {
    deps,
    icd10: opts.icd10,
    questions,
    caseQuestionIds: opts.caseQuestionIds ?? (async (db, caseId) => new Set((await questions(db, caseId)).map((q) => q.id))),
    coveragePlan: opts.coveragePlan ?? (async () => null),
    today: () => isoDate(deps.clock.now()),
  };
}

export const oracleOf = (icd: Icd10Index): CodeOracle => ({ place: (c) => icd.place(c), guess: (t) => icd.guess(t) });

/** The accepted opinions in order and how they compare, with the person's corrections. */
export async function loadComparison(db: Queryable, caseId: string, icd: Icd10Index): Promise<{ all: OpinionRecord[]; opinions: OpinionRecord[]; comparison: Comparison }> {
  const all = await listOpinions(db, caseId);
  const opinions = comparable(all);
  const comparison = compareAll(opinions, oracleOf(icd), await listOverrides(db, caseId));
  return { all, opinions, comparison };
}

/**
 * A field message that carries values (the unknown code and what we suggest instead).
 * Field errors are catalogue keys; the translator passes text that is not a key through
 * unchanged, so a message translated here travels the same way to the page and the API.
 */
const preTranslated = (text: string) => text as MessageKey;

/**
 * Codes that are not in ICD-10-CM, or that are words typed in the code box, each with
 * what we suggest instead. Keys are the diagnosis's index in the list.
 */
export function codeProblems(raw: unknown[], icd: Icd10Index, t: Translate): Map<number, string> {
  const out = new Map<number, string>();
  raw.forEach((d, i) => {
    const code = d && typeof d === 'object' ? (d as { code?: unknown }).code : undefined;
    if (typeof code !== 'string' || code.trim() === '') return;
    const typed = code.trim().slice(0, 100);
    const norm = normalizeCode(typed);
    if (norm && icd.lookup(norm)) return;
    const suggestions = norm ? icd.suggest(norm, 3) : icd.search(typed, { limit: 3 }).hits;
    const list = suggestions.map((s) => `${s.code} (${s.description})`).join('; ');
    if (!norm) out.set(i, list ? t('opinions.errors.wordsInCode', { typed, suggestions: list }) : t('opinions.errors.codeFormat'));
    else out.set(i, list ? t('opinions.errors.unknownCodeSuggest', { code: norm, suggestions: list }) : t('opinions.errors.unknownCode', { code: norm }));
  });
  return out;
}

/**
 * Answers that name a question this case does not have (see foreignQuestionRefs), as field
 * errors: `answers.N.questionId` for the API, or the form field the answer came from.
 * `keep`: the answers the opinion already holds (their questions stay allowed).
 */
export async function questionRefErrors(
  db: Queryable,
  kit: OpinionsKit,
  caseId: string,
  answers: readonly { questionId?: string | null }[],
  keep: readonly { questionId: string | null }[] = [],
  fieldOf: (i: number) => string = (i) => `answers.${i}.questionId`,
): Promise<FieldErrors> {
  if (!answers.some((a) => a.questionId)) return {};
  const allowed = new Set(await kit.caseQuestionIds(db, caseId));
  for (const a of keep) if (a.questionId) allowed.add(a.questionId);
  const out: FieldErrors = {};
  for (const i of foreignQuestionRefs(answers, allowed)) out[fieldOf(i)] = 'opinions.errors.questionNotInCase';
  return out;
}

export function codeFieldErrors(problems: Map<number, string>, fieldOf: (i: number) => string): FieldErrors {
  const out: FieldErrors = {};
  for (const [i, text] of problems) out[fieldOf(i)] = preTranslated(text);
  return out;
}

// ---------- JSON shapes (OpenAPI) ----------

export const opinionOut = z.object({
  id: z.string(),
  caseId: z.string(),
  seq: z.number().int().describe('Order of entry within the case'),
  status: z.enum(['accepted', 'pending', 'discarded']).describe('pending: written by a doctor through a share link, waiting for the person; discarded: set aside (kept, not compared)'),
  source: z.enum(['person', 'doctor']),
  isFirst: z.boolean().describe('The first opinion: every later one is compared against it'),
  doctorName: z.string(),
  doctorSpecialty: z.string().nullable(),
  doctorNpi: z.string().nullable(),
  doctorPractice: z.string().nullable(),
  givenOn: z.string().describe('YYYY-MM-DD'),
  givenHow: z.enum(['visit', 'video', 'phone', 'written_report']).nullable(),
  diagnoses: z.array(z.object({ text: z.string(), code: z.string().nullable().describe('ICD-10-CM, e.g. "C50.912"'), codeDescription: z.string().nullable() })),
  stageStatus: z.string().nullable(),
  prognosis: z.string().nullable(),
  goal: z.enum(['cure', 'control', 'comfort', 'not_known']).nullable(),
  optionsDiscussed: z.string().nullable(),
  plan: z.array(
    z.object({
      category: z.enum(['surgery', 'radiation', 'systemic_therapy', 'medication', 'watchful_waiting', 'further_tests', 'rehabilitation', 'lifestyle', 'no_treatment', 'other']),
      details: z.string().nullable(),
    }),
  ),
  urgency: z.enum(['right_away', 'within_weeks', 'no_rush', 'not_said']).nullable(),
  furtherTests: z.string().nullable(),
  trials: z.string().nullable(),
  answers: z.array(z.object({ questionId: z.string().nullable(), question: z.string(), answer: z.string().nullable() })),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function presentOpinion(o: OpinionRecord, firstId: string | null, icd: Icd10Index): z.infer<typeof opinionOut> {
  return {
    id: o.id,
    caseId: o.caseId,
    seq: o.seq,
    status: o.status,
    source: o.source,
    isFirst: o.id === firstId,
    doctorName: o.doctorName,
    doctorSpecialty: o.doctorSpecialty,
    doctorNpi: o.doctorNpi,
    doctorPractice: o.doctorPractice,
    givenOn: o.givenOn,
    givenHow: o.givenHow,
    diagnoses: o.diagnoses.map((d) => ({ text: d.text, code: d.code, codeDescription: d.code ? (icd.lookup(d.code)?.description ?? null) : null })),
    stageStatus: o.stageStatus,
    prognosis: o.prognosis,
    goal: o.goal,
    optionsDiscussed: o.optionsDiscussed,
    plan: o.plan,
    urgency: o.urgency,
    furtherTests: o.furtherTests,
    trials: o.trials,
    answers: o.answers,
    notes: o.notes,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

const level = z.enum(['same', 'refined', 'different']);
const agreement = z.enum(['agree', 'differ', 'unknown']);
const impact = z.enum(['none', 'minor', 'moderate', 'major']);

const by = z.enum(['rules', 'confirmed', 'corrected']);
const axisOut = <B extends readonly [string, ...string[]]>(bases: B) =>
  z.object({
    level: level.describe('What is shown: the person’s answer if any, else the rules’ suggestion'),
    suggested: level.describe('The rules’ level: always the one level of basis'),
    basis: z.enum(bases).describe('The rules’ reason'),
    confirmed: level.nullable().describe('The person’s answer, or null'),
    by: by.describe('rules: the suggestion stands; confirmed: the person agreed; corrected: the person chose another level'),
  });

export const verdictOut = z.object({
  headline: z.enum(['agree', 'refines', 'differs']).describe('differs exactly when diagnosis or treatment is different; refines when neither is different and one is refined'),
  differentOn: z.array(z.enum(['diagnosis', 'treatment'])),
  thirdOpinion: z.boolean().describe('The doctors disagree: another opinion is reasonable, and the coverage facts about a third opinion apply'),
  diagnosis: axisOut(DIAGNOSIS_BASES),
  treatment: axisOut(TREATMENT_BASES),
});

export const pairOut = z.object({
  a: z.string().describe('The earlier opinion (id)'),
  b: z.string().describe('The later opinion (id)'),
  vsFirst: z.boolean().describe('a is the first opinion'),
  diagnosis: level.describe('Effective value: the person’s confirmed answer if any, else the suggestion'),
  treatment: level.describe('Effective value, as for diagnosis'),
  goal: agreement.describe('Goal of treatment: agree, differ, or unknown when either is not recorded or "not yet known"'),
  urgency: agreement.describe('How soon to start: agree, differ, or unknown when either did not say'),
  impact: impact.describe('Effective impact: confirmed if any, else suggested'),
  differSignificantly: z.boolean().describe('The doctors disagree: diagnosis or treatment "different" (the same as verdict.thirdOpinion)'),
  suggested: z.object({ diagnosis: level, treatment: level, impact }).describe('What the rules suggest'),
  confirmed: z.object({ diagnosis: level.nullable(), treatment: level.nullable(), impact: impact.nullable() }).describe('What the person confirmed or corrected (null: not yet)'),
  basis: z.object({ diagnosis: z.string(), treatment: z.string() }).describe('Why the suggestion was made, e.g. same_category, words_contained, different_main_category'),
  diagnosisFromCodes: z.boolean().describe('Both main diagnoses had ICD-10-CM codes (otherwise the suggestion came from the words: please confirm)'),
  procedureInvolved: z.boolean().describe('Either plan has surgery or a named procedure'),
  verdict: verdictOut.describe('The one decision for the pair; the page, the printed summary and headline/explanation are read from it'),
  headline: z.string().describe('The verdict’s headline in words'),
  explanation: z.object({ diagnosis: z.string(), treatment: z.string() }).describe('Each axis in words: its level, the reason, and who set it'),
});

export const comparisonOut = z.object({
  caseId: z.string(),
  status: z.enum(['ready', 'needs_more_opinions']),
  missing: z.array(z.enum(['first_opinion', 'another_opinion'])),
  message: z.string().describe('What this means, or what is missing, in plain words'),
  firstOpinionId: z.string().nullable(),
  opinions: z.array(z.object({ id: z.string(), doctorName: z.string(), doctorSpecialty: z.string().nullable(), givenOn: z.string(), isFirst: z.boolean() })),
  pairs: z.array(pairOut).describe('Every pair of accepted opinions in order; pairs with the first opinion come first'),
  anyDifferSignificantly: z.boolean().describe('Some pair disagrees on the diagnosis or the treatment'),
  firstTwoDiffer: z.boolean().describe('The first and the second opinion disagree'),
  medicareThirdOpinion: z.boolean().describe('Medicare’s third-opinion rule applies: the first two differ on the diagnosis, or on the treatment with surgery or another procedure in question'),
  method: z.string(),
});

export function presentComparison(t: Translate, caseId: string, opinions: OpinionRecord[], c: Comparison): z.infer<typeof comparisonOut> {
  const message =
    c.status === 'needs_more_opinions'
      ? c.missing.includes('first_opinion')
        ? t('compare.missing.none')
        : t('compare.missing.another_opinion')
      : c.anyDifferSignificantly
        ? t('compare.api.differ')
        : t('compare.api.agree');
  return {
    caseId,
    status: c.status,
    missing: c.missing,
    message,
    firstOpinionId: c.firstOpinionId,
    opinions: opinions.map((o) => ({ id: o.id, doctorName: o.doctorName, doctorSpecialty: o.doctorSpecialty, givenOn: o.givenOn, isFirst: o.id === c.firstOpinionId })),
    pairs: c.pairs.map((p) => presentPair(t, p)),
    anyDifferSignificantly: c.anyDifferSignificantly,
    firstTwoDiffer: c.firstTwoDiffer,
    medicareThirdOpinion: c.medicareThirdOpinion,
    method: t('compare.api.method'),
  };
}

/** A pair for the API: its fields, and the verdict's own words (the same the page and the summary use). */
function presentPair(t: Translate, p: PairComparison): z.infer<typeof pairOut> {
  const words = verdictText(t, p.verdict);
  return { ...p, headline: words.headline, explanation: { diagnosis: words.diagnosis, treatment: words.treatment } };
}
