import type { CodePlace } from '../codes/icd10.ts';
import { words } from '../codes/icd10.ts';
import type { Diagnosis, Goal, PlanItem, Urgency } from './opinions.ts';
import {
  comparePlans,
  involvesProcedure,
  TREATMENT_BASES,
  TREATMENT_BASIS_LEVEL,
  type TreatmentBasis,
  type TxMatch,
} from './plan-compare.ts';

// How two opinions differ. Pure: data in, data out; the ICD-10-CM code set comes in as an
// oracle so the rules can be tested with a few rows.
//
// The categories follow the outcome studies of second opinions: diagnosis and treatment
// each "same / refined / different" (Van Such et al. 2017: same, better defined-refined,
// distinctly different; Meyer et al. 2015: confirmed, clarified, changed) and a clinical
// impact level.
//
// Every label comes with its reason (the "basis"), and each basis has exactly one level, so
// a label can never contradict its explanation. The page, the printed summary and the API
// all read one decision object per pair (PairVerdict), built here.
// See docs/decisions/0163-comparison-labels-from-one-decision.md (supersedes 0161).

export { comparePlans, TREATMENT_BASES, type TreatmentBasis };

export const LEVELS = ['same', 'refined', 'different'] as const;
export type Level = (typeof LEVELS)[number];
export const AGREEMENTS = ['agree', 'differ', 'unknown'] as const;
export type Agreement = (typeof AGREEMENTS)[number];
export const IMPACTS = ['none', 'minor', 'moderate', 'major'] as const;
export type Impact = (typeof IMPACTS)[number];

export const DIAGNOSIS_BASES = [
  'both_none', // neither doctor named a diagnosis
  'one_none', // one named a diagnosis, the other did not
  'same_code',
  'ancestor', // one code is a more detailed form of the other (C50.9 -> C50.912)
  'same_category', // same 3-character category (C50.911 vs C50.912)
  'same_section', // same block, another category: different conditions (I48 atrial fibrillation vs I50 heart failure)
  'different_section',
  'different_chapter',
  'same_words', // uncoded: the same words once abbreviations are spelled out
  'words_contained', // uncoded: one says all the other says, and more, and the codes they point to agree
  'words_same_code', // one coded, the other's words point to that very code
  'words_same_category', // uncoded: the words point to the same code, a code under it, or the same category
  'words_same_section', // uncoded: the words point to another category of the same block
  'words_different_section',
  'words_different_chapter',
  'words_overlap', // uncoded, no code found: a specific word shared
  'words_unmatched', // uncoded, no code found, nothing shared
  'added_diagnosis', // the shared diagnoses match; one doctor named another condition too
] as const;
export type DiagnosisBasis = (typeof DIAGNOSIS_BASES)[number];

/**
 * The one level each reason stands for. "Refined" only when one code is the other's
 * ancestor or both share the 3-character category (or, in words, one says what the other
 * says and more, and the codes the words point to agree); a neighbour in the same block
 * is another condition, so "different".
 */
export const DIAGNOSIS_BASIS_LEVEL: Readonly<Record<DiagnosisBasis, Level>> = {
  both_none: 'same',
  one_none: 'different',
  same_code: 'same',
  ancestor: 'refined',
  same_category: 'refined',
  same_section: 'different',
  different_section: 'different',
  different_chapter: 'different',
  same_words: 'same',
  words_contained: 'refined',
  words_same_code: 'same',
  words_same_category: 'refined',
  words_same_section: 'different',
  words_different_section: 'different',
  words_different_chapter: 'different',
  words_overlap: 'refined',
  words_unmatched: 'different',
  added_diagnosis: 'refined',
};
export { TREATMENT_BASIS_LEVEL };

/** What the comparison needs to know about codes. */
export interface CodeOracle {
  place(code: string): CodePlace | null;
  /** The most likely code for words, or null. */
  guess(text: string): CodePlace | null;
}

export interface ComparableOpinion {
  id: string;
  diagnoses: Diagnosis[];
  plan: PlanItem[];
  goal: Goal | null;
  urgency: Urgency | null;
}

export interface Override {
  diagnosis?: Level | null;
  treatment?: Level | null;
  impact?: Impact | null;
}

/** One axis (diagnosis or treatment) of the decision: the level shown, and why. */
export interface AxisVerdict<B extends string> {
  /** What the page, the summary and the API show. */
  level: Level;
  /** What the rules say (always DIAGNOSIS_BASIS_LEVEL / TREATMENT_BASIS_LEVEL of basis). */
  suggested: Level;
  basis: B;
  /** The person's own answer, if any. */
  confirmed: Level | null;
  /** rules: the suggestion stands; confirmed: the person agreed; corrected: the person chose another level. */
  by: 'rules' | 'confirmed' | 'corrected';
}

/**
 * The decision for a pair, in one object. The headline and the explanation are read from
 * it, so they can never disagree: "differs" exactly when an axis is different (and then a
 * third opinion is reasonable), "refines" when no axis is different and one is refined.
 */
export interface PairVerdict {
  headline: 'agree' | 'refines' | 'differs';
  /** Which axes are different (empty unless the headline is "differs"). */
  differentOn: ('diagnosis' | 'treatment')[];
  thirdOpinion: boolean;
  diagnosis: AxisVerdict<DiagnosisBasis>;
  treatment: AxisVerdict<TreatmentBasis>;
}

export interface PairComparison {
  a: string;
  b: string;
  /** a is the first opinion; b is compared with it. */
  vsFirst: boolean;
  diagnosis: Level;
  treatment: Level;
  goal: Agreement;
  urgency: Agreement;
  impact: Impact;
  /** The doctors disagree: the diagnosis or the treatment is "different" (= verdict.thirdOpinion). */
  differSignificantly: boolean;
  suggested: { diagnosis: Level; treatment: Level; impact: Impact };
  confirmed: { diagnosis: Level | null; treatment: Level | null; impact: Impact | null };
  basis: { diagnosis: DiagnosisBasis; treatment: TreatmentBasis };
  /** True when both opinions' diagnoses were coded: the suggestion rests on the code set, not on words. */
  diagnosisFromCodes: boolean;
  /** Either plan has surgery or a named procedure. */
  procedureInvolved: boolean;
  verdict: PairVerdict;
}

export interface Comparison {
  status: 'ready' | 'needs_more_opinions';
  /** What is missing when there is nothing to compare yet. */
  missing: ('first_opinion' | 'another_opinion')[];
  firstOpinionId: string | null;
  opinionIds: string[];
  pairs: PairComparison[];
  /** Some pair disagrees on the diagnosis or the treatment. */
  anyDifferSignificantly: boolean;
  /** The first and the second opinion disagree. */
  firstTwoDiffer: boolean;
  /**
   * Medicare's third-opinion rule applies: the first two opinions are different on the
   * diagnosis, or on the treatment where surgery or another procedure is in question
   * (CMS Benefit Policy Manual ch. 15 §30.C: the need for surgery or other major procedure).
   */
  medicareThirdOpinion: boolean;
}

const RANK: Record<Level, number> = { same: 2, refined: 1, different: 0 };

// ---------- diagnosis ----------

interface DxMatch {
  level: Level;
  basis: DiagnosisBasis;
  fromCodes: boolean;
}

const dxMatch = (basis: DiagnosisBasis, fromCodes: boolean): DxMatch => ({
  level: DIAGNOSIS_BASIS_LEVEL[basis],
  basis,
  fromCodes,
});

const compact = (code: string) => code.replace('.', '').toUpperCase();

type Relation = 'same_code' | 'ancestor' | 'same_category' | 'same_section' | 'different_section' | 'different_chapter';

/** Where two codes sit relative to each other in ICD-10-CM's hierarchy. */
export function relation(pa: CodePlace, pb: CodePlace): Relation {
  const ca = compact(pa.code);
  const cb = compact(pb.code);
  if (ca === cb) return 'same_code';
  // Subcategories extend their parent's code: C50 > C50.9 > C50.91 > C50.912.
  if (ca.startsWith(cb) || cb.startsWith(ca)) return 'ancestor';
  if (pa.category === pb.category) return 'same_category';
  if (pa.section && pa.section === pb.section) return 'same_section';
  if (pa.chapter && pa.chapter === pb.chapter) return 'different_section';
  return 'different_chapter';
}

const placeOrBare = (code: string, oracle: CodeOracle): CodePlace =>
  oracle.place(code) ?? { code, category: compact(code).slice(0, 3), section: null, chapter: null };

/** Two coded diagnoses, by where the codes sit in ICD-10-CM. */
export function compareCodes(a: string, b: string, oracle: CodeOracle): DxMatch {
  return dxMatch(relation(placeOrBare(a, oracle), placeOrBare(b, oracle)), true);
}

/**
 * Plain words people and doctors use for the same thing, reduced to one form so that
 * "a-fib" and "atrial fibrillation", or "carcinoma" and "cancer", compare as equal.
 */
const CONCEPTS: [string, string][] = [
  ['malignant neoplasm', 'cancer'],
  ['malignant tumor', 'cancer'],
  ['malignant tumour', 'cancer'],
  ['malignancy', 'cancer'],
  ['carcinoma', 'cancer'],
  ['adenocarcinoma', 'cancer adeno'],
  ['tumour', 'tumor'],
  ['neoplasm', 'tumor'],
  ['mass', 'tumor'],
  ['growth', 'tumor'],
  ['a fib', 'atrial fibrillation'],
  ['afib', 'atrial fibrillation'],
  ['af', 'atrial fibrillation'],
  ['chf', 'heart failure'],
  ['hf', 'heart failure'],
  ['mi', 'myocardial infarction'],
  ['heart attack', 'myocardial infarction'],
  ['htn', 'hypertension'],
  ['high blood pressure', 'hypertension'],
  ['copd', 'chronic obstructive lung disease'],
  ['cad', 'coronary artery disease'],
  ['ckd', 'chronic kidney disease'],
  ['cva', 'stroke'],
  ['cerebral infarction', 'stroke'],
  ['tia', 'transient ischemic attack'],
  ['dvt', 'deep vein thrombosis'],
  ['pe', 'pulmonary embolism'],
  ['gerd', 'reflux'],
  ['dcis', 'ductal cancer situ'],
  ['nsclc', 'non small cell lung cancer'],
  ['renal', 'kidney'],
  ['cardiac', 'heart'],
  ['pulmonary', 'lung'],
  ['hepatic', 'liver'],
  ['mammary', 'breast'],
];
const CONCEPT_MAP = new Map(CONCEPTS.map(([from, to]) => [words(from, true).join(' '), words(to, true)]));
/** Words that do not change what the diagnosis is. */
const FILLER = new Set([
  'possible',
  'probable',
  'likely',
  'suspected',
  'suspicious',
  'confirmed',
  'diagnosis',
  'diagnosed',
  'condition',
  'problem',
  'congestive',
  'known',
  'history',
]);
/** Words too general to show two diagnoses are about the same thing. */
const GENERIC = new Set([
  'cancer',
  'tumor',
  'disease',
  'disorder',
  'syndrome',
  'chronic',
  'acute',
  'left',
  'right',
  'bilateral',
  'stage',
  'grade',
  'type',
  'early',
  'late',
  'advanced',
  'primary',
  'secondary',
  'mild',
  'moderate',
  'severe',
]);

/** The diagnosis as a set of concept words: "Ductal carcinoma, left breast" -> {ductal, cancer, left, breast}. */
export function conceptWords(text: string): string[] {
  const raw = words(text, true);
  const out: string[] = [];
  for (let i = 0; i < raw.length; ) {
    let done = false;
    for (let n = Math.min(3, raw.length - i); n >= 1; n--) {
      const to = CONCEPT_MAP.get(raw.slice(i, i + n).join(' '));
      if (!to) continue;
      out.push(...to);
      i += n;
      done = true;
      break;
    }
    if (done) continue;
    const w = raw[i++]!;
    if (!FILLER.has(w) && !STOPWORDS.has(w)) out.push(w);
  }
  return [...new Set(out)];
}
const STOPWORDS = new Set([
  'a',
  'an',
  'and',
  'or',
  'the',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'by',
  'with',
  'as',
  'is',
  'was',
  'be',
  'my',
  'his',
  'her',
  'their',
  'from',
  'due',
  'has',
  'have',
  'had',
  'it',
  'i',
  'ii',
  'iii',
  'iv',
]);

const isSubset = (small: string[], big: Set<string>) => small.every((w) => big.has(w));

/**
 * Two diagnoses where at least one is only words: the same logic as for codes, applied to
 * the codes the words point to. The same words (short forms spelled out) are the same;
 * otherwise "refined" needs the codes to be the same, one under the other or in one
 * category; another category is "different", whatever words they share. Only when no code
 * can be found for one side do the words decide alone.
 */
export function compareWords(a: Diagnosis, b: Diagnosis, oracle: CodeOracle): DxMatch {
  const wa = conceptWords(a.text);
  const wb = conceptWords(b.text);
  const sa = new Set(wa);
  const sb = new Set(wb);
  const sameWords = wa.length === wb.length && isSubset(wa, sb);
  // Words that say nothing we can read ("the", "?") are the same only when written the same.
  if (sameWords && (wa.length > 0 || a.text.trim().toLowerCase() === b.text.trim().toLowerCase()))
    return dxMatch('same_words', false);
  const pa = a.code ? oracle.place(a.code) : oracle.guess(wa.join(' '));
  const pb = b.code ? oracle.place(b.code) : oracle.guess(wb.join(' '));
  const contained = wa.length > 0 && wb.length > 0 && (isSubset(wa, sb) || isSubset(wb, sa));
  if (pa && pb) {
    const rel = relation(pa, pb);
    // One doctor gave the code, the other's words name exactly that code.
    if (rel === 'same_code' && (a.code || b.code)) return dxMatch('words_same_code', false);
    if (rel === 'same_code' || rel === 'ancestor' || rel === 'same_category')
      return dxMatch(contained ? 'words_contained' : 'words_same_category', false);
    return dxMatch(
      rel === 'same_section'
        ? 'words_same_section'
        : rel === 'different_section'
          ? 'words_different_section'
          : 'words_different_chapter',
      false,
    );
  }
  if (contained) return dxMatch('words_contained', false);
  const shared = wa.filter((w) => sb.has(w) && !GENERIC.has(w));
  return dxMatch(shared.length > 0 ? 'words_overlap' : 'words_unmatched', false);
}

function compareOne(a: Diagnosis, b: Diagnosis, oracle: CodeOracle): DxMatch {
  return a.code && b.code ? compareCodes(a.code, b.code, oracle) : compareWords(a, b, oracle);
}

/**
 * Lists of diagnoses, compared item by item (each with its best match on the other side).
 * Same when every diagnosis on both sides has an exact match. Refined when all of one
 * side's diagnoses are matched at least "refined" on the other (a closer look, or a
 * condition one doctor added). Different when each side names something the other has
 * nothing close to. The basis returned always has the level returned.
 */
export function compareDiagnoses(a: Diagnosis[], b: Diagnosis[], oracle: CodeOracle): DxMatch {
  if (a.length === 0 && b.length === 0) return dxMatch('both_none', false);
  if (a.length === 0 || b.length === 0) return dxMatch('one_none', false);
  const grid = a.map((da) => b.map((db) => compareOne(da, db, oracle)));
  const best = (list: DxMatch[]) => list.reduce((x, y) => (RANK[y.level] > RANK[x.level] ? y : x));
  const bestA = grid.map((row) => best(row));
  const bestB = b.map((_, j) => best(grid.map((row) => row[j]!)));
  const all = [...bestA, ...bestB];
  const fromCodes = [...a, ...b].every((d) => d.code);
  const main = grid[0]![0]!;
  const pick = (level: Level, fallback: DiagnosisBasis): DiagnosisBasis =>
    main.level === level ? main.basis : (all.find((m) => m.level === level)?.basis ?? fallback);
  if (all.every((m) => m.level === 'same')) return dxMatch(pick('same', 'same_code'), fromCodes);
  const covered = (list: DxMatch[]) => list.every((m) => m.level !== 'different');
  if (covered(bestA) || covered(bestB)) return dxMatch(pick('refined', 'added_diagnosis'), fromCodes);
  return dxMatch(pick('different', 'different_chapter'), fromCodes);
}

export type { TxMatch };

// ---------- goal, urgency, impact ----------

export function compareGoals(a: Goal | null, b: Goal | null): Agreement {
  if (!a || !b || a === 'not_known' || b === 'not_known') return 'unknown';
  return a === b ? 'agree' : 'differ';
}

const URGENCY_ORDER: Partial<Record<Urgency, number>> = { right_away: 0, within_weeks: 1, no_rush: 2 };

export function compareUrgency(a: Urgency | null, b: Urgency | null): Agreement {
  const ra = a ? URGENCY_ORDER[a] : undefined;
  const rb = b ? URGENCY_ORDER[b] : undefined;
  if (ra === undefined || rb === undefined) return 'unknown';
  return ra === rb ? 'agree' : 'differ';
}

function diagnosisWeight(level: Level): number {
  return level === 'same' ? 0 : level === 'refined' ? 1 : 3;
}

function treatmentWeight(level: Level, major: boolean | null): number {
  if (level === 'same') return 0;
  if (level === 'different') return 3;
  return major ? 2 : 1;
}

function goalWeight(a: Goal | null, b: Goal | null): number {
  if (compareGoals(a, b) !== 'differ') return 0;
  return a === 'comfort' || b === 'comfort' ? 3 : 2;
}

function urgencyWeight(a: Urgency | null, b: Urgency | null): number {
  if (compareUrgency(a, b) !== 'differ') return 0;
  return Math.abs(URGENCY_ORDER[a!]! - URGENCY_ORDER[b!]!);
}

/**
 * Our suggestion of the clinical impact (the studies had physicians rate it; the lower two
 * levels are our assumption): the largest of what the diagnosis, the plan, the goal and the
 * urgency say. The person can correct it. It informs; it does not decide whether the
 * doctors disagree.
 */
export function suggestImpact(p: { diagnosis: number; treatment: number; goal: number; urgency: number }): Impact {
  return IMPACTS[Math.max(p.diagnosis, p.treatment, p.goal, p.urgency)]!;
}

/**
 * The doctors disagree when the diagnosis or the treatment is different: the test the
 * outcome studies and Medicare's third-opinion rule use. A refinement is not a
 * disagreement, however much it matters.
 */
export function differsSignificantly(diagnosis: Level, treatment: Level): boolean {
  return diagnosis === 'different' || treatment === 'different';
}

function axis<B extends string>(suggested: Level, basis: B, confirmed: Level | null | undefined): AxisVerdict<B> {
  const mine = confirmed ?? null;
  return {
    level: mine ?? suggested,
    suggested,
    basis,
    confirmed: mine,
    by: mine === null ? 'rules' : mine === suggested ? 'confirmed' : 'corrected',
  };
}

/** The decision for a pair, from the rules' two matches and the person's answers. */
export function decide(
  dx: { basis: DiagnosisBasis },
  tx: { basis: TreatmentBasis },
  override: Override = {},
): PairVerdict {
  const diagnosis = axis(DIAGNOSIS_BASIS_LEVEL[dx.basis], dx.basis, override.diagnosis);
  const treatment = axis(TREATMENT_BASIS_LEVEL[tx.basis], tx.basis, override.treatment);
  const differentOn = (['diagnosis', 'treatment'] as const).filter(
    (k) => (k === 'diagnosis' ? diagnosis : treatment).level === 'different',
  );
  const headline =
    differentOn.length > 0
      ? 'differs'
      : diagnosis.level === 'refined' || treatment.level === 'refined'
        ? 'refines'
        : 'agree';
  return { headline, differentOn, thirdOpinion: differentOn.length > 0, diagnosis, treatment };
}

// ---------- a pair, and all of them ----------

export function comparePair(
  a: ComparableOpinion,
  b: ComparableOpinion,
  oracle: CodeOracle,
  override: Override = {},
  vsFirst = false,
): PairComparison {
  const dx = compareDiagnoses(a.diagnoses, b.diagnoses, oracle);
  const tx = comparePlans(a.plan, b.plan);
  const verdict = decide(dx, tx, override);
  const diagnosis = verdict.diagnosis.level;
  const treatment = verdict.treatment.level;
  // A corrected axis counts at its corrected level; the suggestion's own detail only while it stands.
  const suggestedImpact = suggestImpact({
    diagnosis: diagnosisWeight(diagnosis),
    treatment: treatmentWeight(treatment, treatment === tx.level ? tx.major : null),
    goal: goalWeight(a.goal, b.goal),
    urgency: urgencyWeight(a.urgency, b.urgency),
  });
  const impact = override.impact ?? suggestedImpact;
  return {
    a: a.id,
    b: b.id,
    vsFirst,
    diagnosis,
    treatment,
    goal: compareGoals(a.goal, b.goal),
    urgency: compareUrgency(a.urgency, b.urgency),
    impact,
    differSignificantly: verdict.thirdOpinion,
    suggested: {
      diagnosis: verdict.diagnosis.suggested,
      treatment: verdict.treatment.suggested,
      impact: suggestedImpact,
    },
    confirmed: {
      diagnosis: verdict.diagnosis.confirmed,
      treatment: verdict.treatment.confirmed,
      impact: override.impact ?? null,
    },
    basis: { diagnosis: dx.basis, treatment: tx.basis },
    diagnosisFromCodes: dx.fromCodes,
    procedureInvolved: involvesProcedure(a.plan, b.plan),
    verdict,
  };
}

/** Medicare's third-opinion rule for a pair: different diagnosis, or different treatment with surgery or a procedure in question. */
export function medicareRuleApplies(p: Pick<PairComparison, 'verdict' | 'procedureInvolved'>): boolean {
  return (
    p.verdict.diagnosis.level === 'different' || (p.verdict.treatment.level === 'different' && p.procedureInvolved)
  );
}

/** The key an override is stored under: the two ids in a fixed order, so (a, b) and (b, a) are one pair. */
export const pairKey = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`);

/**
 * Every pair of opinions, in order (opinions already sorted: the first is the first
 * opinion). Pairs with the first come first and carry vsFirst.
 */
export function compareAll(
  opinions: ComparableOpinion[],
  oracle: CodeOracle,
  overrides: ReadonlyMap<string, Override> = new Map(),
): Comparison {
  const ids = opinions.map((o) => o.id);
  if (opinions.length < 2) {
    return {
      status: 'needs_more_opinions',
      missing: opinions.length === 0 ? ['first_opinion', 'another_opinion'] : ['another_opinion'],
      firstOpinionId: opinions[0]?.id ?? null,
      opinionIds: ids,
      pairs: [],
      anyDifferSignificantly: false,
      firstTwoDiffer: false,
      medicareThirdOpinion: false,
    };
  }
  const pairs: PairComparison[] = [];
  for (let i = 0; i < opinions.length; i++) {
    for (let j = i + 1; j < opinions.length; j++) {
      const a = opinions[i]!;
      const b = opinions[j]!;
      pairs.push(comparePair(a, b, oracle, overrides.get(pairKey(a.id, b.id)) ?? {}, i === 0));
    }
  }
  return {
    status: 'ready',
    missing: [],
    firstOpinionId: ids[0]!,
    opinionIds: ids,
    pairs,
    anyDifferSignificantly: pairs.some((p) => p.verdict.thirdOpinion),
    // The first pair is always the first opinion against the second.
    firstTwoDiffer: pairs[0]!.verdict.thirdOpinion,
    medicareThirdOpinion: medicareRuleApplies(pairs[0]!),
  };
}
