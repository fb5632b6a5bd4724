import { words } from '../codes/icd10.ts';
import type { CodePlace } from '../codes/icd10.ts';
import { type Diagnosis, type Goal, MAJOR_CATEGORIES, type PlanCategory, type PlanItem, type Urgency } from './opinions.ts';

// How two opinions differ. Pure: data in, data out; the ICD-10-CM code set comes in as an
// oracle so the rules can be tested with a few rows.
//
// The categories follow the outcome studies of second opinions: diagnosis and treatment
// each "same / refined / different" (Van Such et al. 2017: same, better defined-refined,
// distinctly different; Meyer et al. 2015: confirmed, clarified, changed) and a clinical
// impact level. "Differ significantly" (field-research.md §1, our proposed model) = an axis
// is different, or an axis is refined and the impact is moderate or major.
// See docs/decisions/0161-comparing-opinions.md.

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
  'same_section', // same block of categories (I48 atrial fibrillation vs I50 heart failure)
  'different_section',
  'different_chapter',
  'same_words', // uncoded: the same words once abbreviations are spelled out
  'words_contained', // uncoded: one says all the other says, and more ("breast cancer" / "left breast cancer, stage 2")
  'words_same_code', // one coded, the other's words point to that very code
  'words_same_category', // uncoded: the words point to the same code category
  'words_same_section',
  'words_different_section',
  'words_different_chapter',
  'words_overlap', // uncoded, no code found: some words shared
  'words_unmatched', // uncoded, no code found, nothing shared
  'added_diagnosis', // the shared diagnoses match; one doctor named another condition too
] as const;
export type DiagnosisBasis = (typeof DIAGNOSIS_BASES)[number];

export const TREATMENT_BASES = [
  'both_none',
  'one_none',
  'same_categories',
  'same_categories_other_details',
  'same_main_category',
  'different_main_category',
] as const;
export type TreatmentBasis = (typeof TREATMENT_BASES)[number];

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

export interface PairComparison {
  a: string;
  b: string;
  /** b is a later opinion compared with the first. */
  vsFirst: boolean;
  diagnosis: Level;
  treatment: Level;
  goal: Agreement;
  urgency: Agreement;
  impact: Impact;
  differSignificantly: boolean;
  suggested: { diagnosis: Level; treatment: Level; impact: Impact };
  confirmed: { diagnosis: Level | null; treatment: Level | null; impact: Impact | null };
  basis: { diagnosis: DiagnosisBasis; treatment: TreatmentBasis };
  /** True when both opinions' main diagnoses were coded: the suggestion rests on the code set, not on words. */
  diagnosisFromCodes: boolean;
}

export interface Comparison {
  status: 'ready' | 'needs_more_opinions';
  /** What is missing when there is nothing to compare yet. */
  missing: ('first_opinion' | 'another_opinion')[];
  firstOpinionId: string | null;
  opinionIds: string[];
  pairs: PairComparison[];
  anyDifferSignificantly: boolean;
}

const RANK: Record<Level, number> = { same: 2, refined: 1, different: 0 };

// ---------- diagnosis ----------

interface DxMatch {
  level: Level;
  basis: DiagnosisBasis;
  fromCodes: boolean;
}

const compact = (code: string) => code.replace('.', '').toUpperCase();

function byPlaces(pa: CodePlace, pb: CodePlace, prefix: '' | 'words_'): DxMatch {
  const fromCodes = prefix === '';
  if (pa.category === pb.category) return { level: 'refined', basis: `${prefix}same_category` as DiagnosisBasis, fromCodes };
  if (pa.section && pa.section === pb.section) return { level: 'refined', basis: `${prefix}same_section` as DiagnosisBasis, fromCodes };
  if (pa.chapter && pa.chapter === pb.chapter) return { level: 'different', basis: `${prefix}different_section` as DiagnosisBasis, fromCodes };
  return { level: 'different', basis: `${prefix}different_chapter` as DiagnosisBasis, fromCodes };
}

/** Two coded diagnoses, by where the codes sit in ICD-10-CM. */
export function compareCodes(a: string, b: string, oracle: CodeOracle): DxMatch {
  const ca = compact(a);
  const cb = compact(b);
  if (ca === cb) return { level: 'same', basis: 'same_code', fromCodes: true };
  if (ca.startsWith(cb) || cb.startsWith(ca)) return { level: 'refined', basis: 'ancestor', fromCodes: true };
  const pa = oracle.place(a) ?? { code: a, category: ca.slice(0, 3), section: null, chapter: null };
  const pb = oracle.place(b) ?? { code: b, category: cb.slice(0, 3), section: null, chapter: null };
  return byPlaces(pa, pb, '');
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
const FILLER = new Set(['possible', 'probable', 'likely', 'suspected', 'suspicious', 'confirmed', 'diagnosis', 'diagnosed', 'condition', 'problem', 'congestive', 'known', 'history']);
/** Words too general to show two diagnoses are about the same thing. */
const GENERIC = new Set(['cancer', 'tumor', 'disease', 'disorder', 'syndrome', 'chronic', 'acute', 'left', 'right', 'bilateral', 'stage', 'grade', 'type', 'early', 'late', 'advanced', 'primary', 'secondary', 'mild', 'moderate', 'severe']);

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
const STOPWORDS = new Set(['a', 'an', 'and', 'or', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'as', 'is', 'was', 'be', 'my', 'his', 'her', 'their', 'from', 'due', 'has', 'have', 'had', 'it', 'i', 'ii', 'iii', 'iv']);

const isSubset = (small: string[], big: Set<string>) => small.every((w) => big.has(w));

/** Two diagnoses where at least one is only words: by the words, then by the codes they point to. */
export function compareWords(a: Diagnosis, b: Diagnosis, oracle: CodeOracle): DxMatch {
  const wa = conceptWords(a.text);
  const wb = conceptWords(b.text);
  const sa = new Set(wa);
  const sb = new Set(wb);
  if (wa.length > 0 && wa.length === wb.length && isSubset(wa, sb)) return { level: 'same', basis: 'same_words', fromCodes: false };
  const pa = a.code ? oracle.place(a.code) : oracle.guess(wa.join(' '));
  const pb = b.code ? oracle.place(b.code) : oracle.guess(wb.join(' '));
  // One doctor gave the code, the other's words name exactly that code.
  if (pa && pb && (a.code || b.code) && compact(pa.code) === compact(pb.code)) return { level: 'same', basis: 'words_same_code', fromCodes: false };
  if (wa.length > 0 && wb.length > 0 && (isSubset(wa, sb) || isSubset(wb, sa))) return { level: 'refined', basis: 'words_contained', fromCodes: false };
  if (pa && pb) return byPlaces(pa, pb, 'words_');
  const shared = wa.filter((w) => sb.has(w) && !GENERIC.has(w));
  return shared.length > 0 ? { level: 'refined', basis: 'words_overlap', fromCodes: false } : { level: 'different', basis: 'words_unmatched', fromCodes: false };
}

function compareOne(a: Diagnosis, b: Diagnosis, oracle: CodeOracle): DxMatch {
  return a.code && b.code ? compareCodes(a.code, b.code, oracle) : compareWords(a, b, oracle);
}

/**
 * Lists of diagnoses, compared item by item (each with its best match on the other side).
 * Same when every diagnosis on both sides has an exact match. Refined when all of one
 * side's diagnoses are matched at least "refined" on the other (a closer look, or a
 * condition one doctor added). Different when each side names something the other has
 * nothing close to.
 */
export function compareDiagnoses(a: Diagnosis[], b: Diagnosis[], oracle: CodeOracle): DxMatch {
  if (a.length === 0 && b.length === 0) return { level: 'same', basis: 'both_none', fromCodes: false };
  if (a.length === 0 || b.length === 0) return { level: 'different', basis: 'one_none', fromCodes: false };
  const grid = a.map((da) => b.map((db) => compareOne(da, db, oracle)));
  const best = (list: DxMatch[]) => list.reduce((x, y) => (RANK[y.level] > RANK[x.level] ? y : x));
  const bestA = grid.map((row) => best(row));
  const bestB = b.map((_, j) => best(grid.map((row) => row[j]!)));
  const fromCodes = [...a, ...b].every((d) => d.code);
  const main = grid[0]![0]!;
  if ([...bestA, ...bestB].every((m) => m.level === 'same')) return { level: 'same', basis: main.level === 'same' ? main.basis : bestA[0]!.basis, fromCodes };
  const covered = (list: DxMatch[]) => list.every((m) => m.level !== 'different');
  if (covered(bestA) || covered(bestB)) {
    const refined = [...bestA, ...bestB].find((m) => m.level === 'refined');
    return { level: 'refined', basis: refined ? refined.basis : 'added_diagnosis', fromCodes };
  }
  return { level: 'different', basis: main.level === 'different' ? main.basis : ([...bestA, ...bestB].find((m) => m.level === 'different') ?? main).basis, fromCodes };
}

// ---------- treatment ----------

interface TxMatch {
  level: Level;
  basis: TreatmentBasis;
  /** The difference touches surgery, radiation or systemic therapy. */
  major: boolean;
}

const detailWords = (items: PlanItem[], category: PlanCategory) => {
  const set = new Set<string>();
  for (const it of items) if (it.category === category && it.details) for (const w of words(it.details)) set.add(w);
  return set;
};

/** Both sides describe a category and neither description contains the other. */
function detailsConflict(a: PlanItem[], b: PlanItem[], category: PlanCategory): boolean {
  const da = detailWords(a, category);
  const db = detailWords(b, category);
  if (da.size === 0 || db.size === 0) return false;
  return !isSubset([...da], db) && !isSubset([...db], da);
}

/**
 * Plans: the same categories, in any order, with no clashing details = same; the same
 * categories with other details, or the same main category with other items = refined; a
 * different main category (e.g. surgery vs active surveillance) = different. The main
 * category is the first item.
 */
export function comparePlans(a: PlanItem[], b: PlanItem[]): TxMatch {
  if (a.length === 0 && b.length === 0) return { level: 'same', basis: 'both_none', major: false };
  if (a.length === 0 || b.length === 0) return { level: 'different', basis: 'one_none', major: true };
  const ca = new Set(a.map((p) => p.category));
  const cb = new Set(b.map((p) => p.category));
  const mainA = a[0]!.category;
  const mainB = b[0]!.category;
  const sameSet = ca.size === cb.size && [...ca].every((c) => cb.has(c));
  const conflicts = [...ca].filter((c) => cb.has(c) && detailsConflict(a, b, c));
  if (sameSet) {
    // The same kinds of treatment, whatever order they were written in: the issue's "same
    // categories". Only clashing details make it refined.
    if (conflicts.length === 0) return { level: 'same', basis: 'same_categories', major: false };
    return { level: 'refined', basis: 'same_categories_other_details', major: conflicts.some((c) => MAJOR_CATEGORIES.has(c)) };
  }
  if (mainA === mainB) {
    const onlyOneSide = [...ca].filter((c) => !cb.has(c)).concat([...cb].filter((c) => !ca.has(c)));
    return { level: 'refined', basis: 'same_main_category', major: onlyOneSide.some((c) => MAJOR_CATEGORIES.has(c)) || conflicts.some((c) => MAJOR_CATEGORIES.has(c)) };
  }
  return { level: 'different', basis: 'different_main_category', major: true };
}

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

const IMPACT_RANK: Record<Impact, number> = { none: 0, minor: 1, moderate: 2, major: 3 };

function diagnosisWeight(level: Level, basis: DiagnosisBasis | null): number {
  if (level === 'same') return 0;
  if (level === 'different') return 3;
  // Refined: a closer look at the same condition is minor; a neighbouring condition in the same block is moderate.
  return basis === 'same_section' || basis === 'words_same_section' ? 2 : 1;
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
 * urgency say. The person can correct it.
 */
export function suggestImpact(p: { diagnosis: number; treatment: number; goal: number; urgency: number }): Impact {
  return IMPACTS[Math.max(p.diagnosis, p.treatment, p.goal, p.urgency)]!;
}

export function differsSignificantly(diagnosis: Level, treatment: Level, impact: Impact): boolean {
  if (diagnosis === 'different' || treatment === 'different') return true;
  return (diagnosis === 'refined' || treatment === 'refined') && IMPACT_RANK[impact] >= IMPACT_RANK.moderate;
}

// ---------- a pair, and all of them ----------

export function comparePair(a: ComparableOpinion, b: ComparableOpinion, oracle: CodeOracle, override: Override = {}, vsFirst = false): PairComparison {
  const dx = compareDiagnoses(a.diagnoses, b.diagnoses, oracle);
  const tx = comparePlans(a.plan, b.plan);
  const diagnosis = override.diagnosis ?? dx.level;
  const treatment = override.treatment ?? tx.level;
  // A corrected axis counts at its corrected level; the suggestion's own detail only while it stands.
  const suggestedImpact = suggestImpact({
    diagnosis: diagnosisWeight(diagnosis, diagnosis === dx.level ? dx.basis : null),
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
    differSignificantly: differsSignificantly(diagnosis, treatment, impact),
    suggested: { diagnosis: dx.level, treatment: tx.level, impact: suggestedImpact },
    confirmed: { diagnosis: override.diagnosis ?? null, treatment: override.treatment ?? null, impact: override.impact ?? null },
    basis: { diagnosis: dx.basis, treatment: tx.basis },
    diagnosisFromCodes: dx.fromCodes,
  };
}

/** The key an override is stored under: the two ids in a fixed order, so (a, b) and (b, a) are one pair. */
export const pairKey = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`);

/**
 * Every pair of opinions, in order (opinions already sorted: the first is the first
 * opinion). Pairs with the first come first and carry vsFirst.
 */
export function compareAll(opinions: ComparableOpinion[], oracle: CodeOracle, overrides: ReadonlyMap<string, Override> = new Map()): Comparison {
  const ids = opinions.map((o) => o.id);
  if (opinions.length < 2) {
    return {
      status: 'needs_more_opinions',
      missing: opinions.length === 0 ? ['first_opinion', 'another_opinion'] : ['another_opinion'],
      firstOpinionId: opinions[0]?.id ?? null,
      opinionIds: ids,
      pairs: [],
      anyDifferSignificantly: false,
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
  return { status: 'ready', missing: [], firstOpinionId: ids[0]!, opinionIds: ids, pairs, anyDifferSignificantly: pairs.some((p) => p.differSignificantly) };
}
