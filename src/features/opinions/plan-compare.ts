import { words } from '../codes/icd10.ts';
import { MAJOR_CATEGORIES, type PlanCategory, type PlanItem } from './opinions.ts';

// How two treatment plans compare. Pure. A plan is the person's list of items (kind of
// treatment + free-text details, the main treatment first). Each item is read as a "step":
// its kind and the treatment words in its details (drug and procedure names), with
// describing words (side, approach, dose, schedule) kept apart.
//
// The rules (docs/decisions/0163-comparison-labels-from-one-decision.md):
// - different: the main treatment is another kind (surgery vs active surveillance), or the
//   same kind but another treatment (mastectomy vs lumpectomy, metoprolol vs diltiazem), or
//   one plan has surgery or another procedure and the other has none, or both have one but
//   a different one (whether or which surgery or procedure);
// - refined: the same main treatment, and one plan adds or removes a drug, a procedure, a
//   step or a detail (letrozole vs letrozole and palbociclib), or the details partly differ,
//   or the same parts are listed in another order;
// - same: the same steps with the same treatments (side, approach or dose may be given by
//   one and not the other, but never given differently by both).

export const TREATMENT_BASES = [
  'both_none',
  'one_none',
  'same_plan',
  'same_parts_other_order',
  'adds_to_plan',
  'other_details',
  'different_main_category',
  'different_main_treatment',
  'surgery_vs_none',
  'different_procedure',
] as const;
export type TreatmentBasis = (typeof TREATMENT_BASES)[number];

type Level = 'same' | 'refined' | 'different';

/** Each basis has exactly one level: the label can never say more or less than its reason. */
export const TREATMENT_BASIS_LEVEL: Readonly<Record<TreatmentBasis, Level>> = {
  both_none: 'same',
  one_none: 'different',
  same_plan: 'same',
  same_parts_other_order: 'refined',
  adds_to_plan: 'refined',
  other_details: 'refined',
  different_main_category: 'different',
  different_main_treatment: 'different',
  surgery_vs_none: 'different',
  different_procedure: 'different',
};

export interface TxMatch {
  level: Level;
  basis: TreatmentBasis;
  /** The difference touches surgery, radiation or systemic therapy (weighs on the suggested impact). */
  major: boolean;
}

const match = (basis: TreatmentBasis, major: boolean): TxMatch => ({
  level: TREATMENT_BASIS_LEVEL[basis],
  basis,
  major,
});

// ---------- reading the details ----------

/** Several words for one treatment, reduced to one token (phrases first, longest first). */
const TX_CONCEPTS: [string, string][] = [
  ['chemo', 'chemotherapy'],
  ['radiotherapy', 'radiation'],
  ['radiation therapy', 'radiation'],
  ['radiation treatment', 'radiation'],
  ['external beam radiation', 'radiation'],
  ['xrt', 'radiation'],
  ['partial mastectomy', 'lumpectomy'],
  ['segmental mastectomy', 'lumpectomy'],
  ['breast conserving surgery', 'lumpectomy'],
  ['breast conserving', 'lumpectomy'],
  ['wide local excision', 'lumpectomy'],
  ['take out the lump', 'lumpectomy'],
  ['remove the lump', 'lumpectomy'],
  ['removal of the lump', 'lumpectomy'],
  ['lump removal', 'lumpectomy'],
  ['remove the breast', 'mastectomy'],
  ['remove the prostate', 'prostatectomy'],
  ['prostate removal', 'prostatectomy'],
  ['hormone therapy', 'hormonetherapy'],
  ['hormonal therapy', 'hormonetherapy'],
  ['endocrine therapy', 'hormonetherapy'],
  ['hormone treatment', 'hormonetherapy'],
  ['hormone blocker', 'hormonetherapy'],
  ['targeted therapy', 'targetedtherapy'],
  ['watchful waiting', 'surveillance'],
  ['active surveillance', 'surveillance'],
  ['watch and wait', 'surveillance'],
  ['wait and see', 'surveillance'],
  ['monitoring', 'surveillance'],
  ['bypass surgery', 'bypass'],
  ['heart bypass', 'bypass'],
  ['coronary bypass', 'bypass'],
  ['cabg', 'bypass'],
  ['angioplasty', 'stent'],
  ['stenting', 'stent'],
  ['pci', 'stent'],
];
const CONCEPT_MAP = new Map(TX_CONCEPTS.map(([from, to]) => [words(from, true).join(' '), to]));
const MAX_PHRASE = 4;

/** Words that name the kind of thing, or the act, not which treatment: they are read from the category. */
const GENERIC = new Set(
  [
    'surgery',
    'surgical',
    'surgeon',
    'operation',
    'operate',
    'operative',
    'procedure',
    'treatment',
    'treat',
    'therapy',
    'medicine',
    'medication',
    'drug',
    'pill',
    'tablet',
    'plan',
    'option',
    'recommend',
    'recommended',
    'advised',
    'suggested',
    'start',
    'starting',
    'begin',
    'continue',
    'continued',
    'take',
    'taking',
    'use',
    'using',
    'get',
    'getting',
    'have',
    'do',
    'course',
    'cycle',
    'session',
    'dose',
    'then',
    'first',
    'followed',
    'follow',
    'after',
    'before',
    'plus',
    'also',
    'later',
    'next',
    'now',
    'soon',
    'possibly',
    'maybe',
    'consider',
    'considered',
    'if',
    'need',
    'needed',
    'more',
    'other',
    'another',
    'new',
    'current',
    'keep',
    'stay',
    'go',
    'until',
    'while',
    'out',
    'up',
    'same',
    'this',
    'that',
    'these',
    'those',
    'some',
    'any',
    'all',
    'each',
    'every',
    'so',
    'but',
    'will',
    'would',
    'should',
    'could',
    'can',
    'may',
    'might',
    'doctor',
    'dr',
    'you',
    'your',
    'we',
    'he',
    'she',
    'they',
    'time',
    'again',
    'only',
    'just',
    'very',
    'into',
    'about',
    'over',
    'under',
    'per',
  ].map((w) => words(w, true)[0] ?? w),
);
/** Words that describe how, where or how much, not what: the side, the approach, the dose, the schedule. */
const MODIFIERS = new Set(
  [
    'left',
    'right',
    'bilateral',
    'both',
    'side',
    'sided',
    'laparoscopic',
    'laparoscopy',
    'laparoscopically',
    'robotic',
    'robot',
    'assisted',
    'open',
    'minimally',
    'invasive',
    'keyhole',
    'daily',
    'weekly',
    'monthly',
    'yearly',
    'once',
    'twice',
    'day',
    'week',
    'month',
    'year',
    'hour',
    'mg',
    'milligram',
    'gram',
    'ml',
    'mcg',
    'microgram',
    'gy',
    'gray',
    'unit',
    'x',
    'times',
    'one',
    'two',
    'three',
    'four',
    'five',
    'six',
    'seven',
    'eight',
    'nine',
    'ten',
    'twelve',
    'low',
    'high',
    'short',
    'long',
    'morning',
    'evening',
    'night',
    'oral',
    'mouth',
    'iv',
    'intravenous',
    'shot',
    'injection',
    'injected',
  ].map((w) => words(w, true)[0] ?? w),
);
/** Procedures by name: surgery or another invasive procedure, whatever kind the person chose for the item. */
const PROCEDURE_SUFFIX = /(ectomy|otomy|ostomy|plasty|pexy|rrhaphy)$/;
const PROCEDURE_WORDS = new Set([
  'resection',
  'resect',
  'excision',
  'excise',
  'transplant',
  'transplantation',
  'bypass',
  'amputation',
  'stent',
  'ablation',
  'implant',
  'replacement',
  'repair',
  'reconstruction',
  'fusion',
  'pacemaker',
  'defibrillator',
  'tavr',
  'tavi',
  'whipple',
  'embolization',
  'cryoablation',
  'cryotherapy',
]);

/** A number, alone or with its unit: "25", "50mg", "2x". */
const DOSE = /^\d+(?:\.\d+)?(?:mg|mcg|g|ml|iu|units?|x|cm|mm|gy)?$/;

export const isProcedureWord = (w: string) => PROCEDURE_SUFFIX.test(w) || PROCEDURE_WORDS.has(w);

interface Step {
  category: PlanCategory;
  /** Which treatment: drug and procedure names, and any word we do not know to be only a description. */
  terms: Set<string>;
  /** How, where, how much. */
  mods: Set<string>;
}

/** The words of one item's details, sorted into treatment words and describing words. */
export function readDetails(details: string | null): { terms: Set<string>; mods: Set<string> } {
  const terms = new Set<string>();
  const mods = new Set<string>();
  if (!details) return { terms, mods };
  const raw = words(details, true);
  for (let i = 0; i < raw.length; ) {
    let done = false;
    for (let n = Math.min(MAX_PHRASE, raw.length - i); n >= 1; n--) {
      const to = CONCEPT_MAP.get(raw.slice(i, i + n).join(' '));
      if (!to) continue;
      terms.add(to);
      i += n;
      done = true;
      break;
    }
    if (done) continue;
    const w = raw[i++]!;
    if (DOSE.test(w) || MODIFIERS.has(w)) mods.add(w);
    else if (!GENERIC.has(w) && !STOP.has(w) && w.length > 1) terms.add(w);
  }
  return { terms, mods };
}
const STOP = new Set([
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
  'without',
  'as',
  'is',
  'was',
  'be',
  'it',
  'no',
  'not',
  'my',
  'his',
  'her',
  'their',
  'from',
  'due',
  'has',
  'had',
]);

function toSteps(plan: PlanItem[]): Step[] {
  return plan.map((p) => ({ category: p.category, ...readDetails(p.details) }));
}

const intersects = (a: Set<string>, b: Set<string>) => [...a].some((x) => b.has(x));
const subset = (a: Set<string>, b: Set<string>) => [...a].every((x) => b.has(x));
const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && subset(a, b);

/**
 * "Medication" and "systemic therapy" are both medicines; people file the same drug under
 * either. When both plans name the same drug under the two kinds, the medication step is
 * read as systemic therapy, so the box chosen does not make the plans differ.
 */
function alignDrugKinds(a: Step[], b: Step[]): void {
  const relabel = (mine: Step[], theirs: Step[]) => {
    for (const s of mine) {
      if (s.category !== 'medication') continue;
      if (theirs.some((o) => o.category === 'systemic_therapy' && intersects(s.terms, o.terms)))
        s.category = 'systemic_therapy';
    }
  };
  relabel(a, b);
  relabel(b, a);
}

/** The plan as one set of tokens: each kind of treatment, and each treatment word under its kind. */
function tokens(steps: Step[]): Set<string> {
  const out = new Set<string>();
  for (const s of steps) {
    out.add(s.category);
    for (const t of s.terms) out.add(`${s.category}:${t}`);
  }
  return out;
}

/** Surgery or a named procedure anywhere in the plan, and the procedure words named. */
function procedures(steps: Step[]): { any: boolean; names: Set<string> } {
  const names = new Set<string>();
  let any = false;
  for (const s of steps) {
    if (s.category === 'surgery') {
      any = true;
      for (const t of s.terms) names.add(t);
    }
    for (const t of s.terms) {
      if (isProcedureWord(t)) {
        any = true;
        names.add(t);
      }
    }
  }
  return { any, names };
}

const MAJOR_TOKEN = (t: string) => {
  const [category, term] = t.split(':') as [PlanCategory, string | undefined];
  return MAJOR_CATEGORIES.has(category) || (term !== undefined && isProcedureWord(term));
};

/** Either plan has surgery or a named procedure (what Medicare's third-opinion rule is about). */
export function involvesProcedure(a: PlanItem[], b: PlanItem[]): boolean {
  return procedures(toSteps(a)).any || procedures(toSteps(b)).any;
}

/** Two plans, compared by the rules above. Symmetric: which plan came first never matters. */
export function comparePlans(a: PlanItem[], b: PlanItem[]): TxMatch {
  if (a.length === 0 && b.length === 0) return match('both_none', false);
  if (a.length === 0 || b.length === 0) return match('one_none', true);
  const sa = toSteps(a);
  const sb = toSteps(b);
  alignDrugKinds(sa, sb);
  const ta = tokens(sa);
  const tb = tokens(sb);
  const ma = sa[0]!;
  const mb = sb[0]!;
  const diff = [...ta].filter((x) => !tb.has(x)).concat([...tb].filter((x) => !ta.has(x)));
  const major = diff.some(MAJOR_TOKEN);

  if (sameSet(ta, tb)) {
    // The same treatments. Listed in another order, the doctors may mean another sequence.
    if (ma.category !== mb.category || !sameSet(ma.terms, mb.terms))
      return match(
        'same_parts_other_order',
        sa.some((s) => MAJOR_CATEGORIES.has(s.category)),
      );
    // Both describe a step, differently (left vs right, 5 weeks vs 3 weeks): details differ.
    // A step clashes when every step of the other plan that names the same treatment describes it otherwise.
    const clashes = (x: Step[], y: Step[]) =>
      x.some((s) => {
        const peers = y.filter((o) => o.category === s.category && sameSet(o.terms, s.terms));
        return s.mods.size > 0 && peers.length > 0 && peers.every((o) => o.mods.size > 0 && !sameSet(o.mods, s.mods));
      });
    const clash = clashes(sa, sb) || clashes(sb, sa);
    return clash
      ? match(
          'other_details',
          sa.some((s) => MAJOR_CATEGORIES.has(s.category) && s.mods.size > 0),
        )
      : match('same_plan', false);
  }
  if (ma.category !== mb.category) return match('different_main_category', true);
  const pa = procedures(sa);
  const pb = procedures(sb);
  if (pa.any !== pb.any) return match('surgery_vs_none', true);
  if (ma.terms.size > 0 && mb.terms.size > 0 && !intersects(ma.terms, mb.terms))
    return match('different_main_treatment', true);
  if (pa.names.size > 0 && pb.names.size > 0 && !intersects(pa.names, pb.names))
    return match('different_procedure', true);
  if (subset(ta, tb) || subset(tb, ta)) return match('adds_to_plan', major);
  return match('other_details', major);
}

/** For tests and the ADR: the steps as read. */
export const readPlan = (plan: PlanItem[]) =>
  toSteps(plan).map((s) => ({ category: s.category, terms: [...s.terms], mods: [...s.mods] }));
