import {
  knownToVocabulary,
  MAX_PARTS,
  parseParts,
  type QueryPart,
  titleProfile,
  words as titleWords,
} from './icd10-words.ts';

// ICD-10-CM: an in-memory index of the current year's codes (and the retired codes of
// earlier years, for lookups only), searched by words, partial words and code. Pure: the
// rows come in as arrays (icd10-data.ts reads the files), so tests can build an index from
// a handful of rows. See docs/decisions/0160-icd10-search-in-memory.md and 0169.

export interface Icd10Row {
  /** With the dot, as CDC writes it: "C50.912". */
  code: string;
  billable: boolean;
  description: string;
  /** Set for a code an earlier year had and the current year does not (see icd10-releases.ts). */
  retired?: Retirement;
}

/**
 * When a code stopped being used, as far as the years we have can tell: it was listed in
 * FY `lastYear` and no longer in FY `goneBy`. When goneBy is lastYear + 1 the year is
 * exact; otherwise it went away in one of the years between, and we do not know which.
 */
export interface Retirement {
  lastYear: number;
  goneBy: number;
}

export interface CategoryRow {
  /** Three characters, no dot: "C50". */
  category: string;
  description: string;
  /** The section's range as the file writes it: "C50" or "C30-C39". */
  section: string;
  chapter: string;
}

export interface SectionRow {
  range: string;
  chapter: string;
  description: string;
}

export interface ChapterRow {
  chapter: string;
  description: string;
}

export interface Icd10Hit {
  code: string;
  description: string;
  billable: boolean;
}

/** Where a code sits in the classification: what the comparison of opinions needs. */
export interface CodePlace {
  code: string;
  /** Three characters, no dot. */
  category: string;
  section: string | null;
  chapter: string | null;
}

export interface CodeInfo extends CodePlace {
  /**
   * What to show beside the code: its title, and for a retired code also when it stopped
   * being used ("(no longer used since FY2026)"), worded by the index's `describeRetired`.
   */
  description: string;
  /** The official title alone. */
  title: string;
  billable: boolean;
  /** Null for a code of the current year. */
  retired: Retirement | null;
  categoryDescription: string | null;
  sectionDescription: string | null;
  chapterDescription: string | null;
}

export interface SearchResult {
  hits: Icd10Hit[];
  /** How many codes matched in all (the hits are the best of them). */
  total: number;
  /** Typed words that no code title has (nor anything close): left out of the search. */
  ignored?: string[];
  /** No code had every word: these have all but one. */
  partial?: boolean;
}

export interface Icd10Index {
  /** How many codes the current year has (retired codes not counted). */
  readonly size: number;
  /** The ICD-10-CM fiscal year of the current list (FY2027 = codes used from 2026-10-01), if known. */
  readonly year: number | null;
  /** Every year the index knows, oldest first. */
  readonly years: number[];
  /** Codes of earlier years that the current year no longer has: found by lookup, never offered by search. */
  readonly retiredCount: number;
  search(query: string, opts?: SearchOptions): SearchResult;
  /** A code in any common form ("C50.912", "c50912", " C50.9 ") if the code set has it. */
  lookup(code: string): CodeInfo | null;
  /** Category, section and chapter of a code: also for codes newer than the full list, if their category is known. */
  place(code: string): CodePlace | null;
  /** Codes to offer instead of one we do not know. */
  suggest(input: string, limit?: number): Icd10Hit[];
  /** The most likely code for a diagnosis written in words, or null (used to compare uncoded opinions). */
  guess(text: string): CodeInfo | null;
}

// ---------- codes ----------

// A letter and a digit, then a digit or letter; QA0 (new in FY2025) is the one category with a letter second.
const CODE_SHAPE = /^(?:[A-Z][0-9]|QA)[0-9A-Z]([0-9A-Z]{1,4})?$/;

/** "c509" / "C50.9" / " c50.9 " -> "C50.9". Null when it cannot be an ICD-10-CM code at all. */
export function normalizeCode(input: string): string | null {
  const compact = input.trim().toUpperCase().replace(/[\s.]/g, '');
  if (!CODE_SHAPE.test(compact)) return null;
  return compact.length > 3 ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact;
}

const noDot = (code: string) => code.replace('.', '');

/** Looks like the start of a code (letter, digit, ...), so a code search is worth doing. */
function looksLikeCode(q: string): boolean {
  return /^[A-Za-z][0-9][0-9A-Za-z]?\.?[0-9A-Za-z]{0,4}$/.test(q);
}

// ---------- words ----------

// Re-exported: the comparison of opinions reads diagnoses with the same words() as the search.
export { stem, words } from './icd10-words.ts';

/** The query as groups of alternatives, each a list of tokens ("*" marks a prefix): for the benchmark's baseline. */
export function parseQuery(q: string): string[][][] {
  return parseParts(q).map((p) =>
    p.alternatives.map((a) => (a.prefix ? [...a.tokens.slice(0, -1), `${a.tokens.at(-1)}*`] : a.tokens)),
  );
}

// ---------- ranking ----------

/**
 * Conditions people most often seek a second opinion for, or live with (3-character
 * categories). They come first among equally good matches; the list is ours, a plain
 * judgement of what is common, and only orders results.
 */
const COMMON_TIER1 = new Set([
  'C50',
  'C34',
  'C61',
  'C18',
  'C20',
  'C25',
  'C67',
  'C64',
  'C43',
  'C56',
  'C54',
  'C53',
  'C71',
  'C73',
  'C16',
  'C22',
  'C90',
  'C91',
  'C92',
  'C83',
  'C85',
  'C81',
  'I10',
  'I11',
  'I20',
  'I21',
  'I25',
  'I35',
  'I34',
  'I42',
  'I48',
  'I50',
  'I63',
  'I26',
  'I71',
  'I73',
  'I82',
  'E11',
  'E78',
  'E66',
  'E03',
  'E05',
  'J44',
  'J45',
  'J18',
  'J84',
  'N18',
  'N40',
  'N39',
  'K21',
  'K57',
  'K80',
  'K50',
  'K51',
  'K58',
  'M17',
  'M16',
  'M81',
  'M06',
  'M48',
  'M51',
  'G20',
  'G30',
  'G35',
  'G40',
  'G43',
  'G45',
  'G47',
  'G12',
  'F32',
  'F41',
  'F03',
  'D12',
]);
const COMMON_TIER2 = new Set([
  'C44',
  'C15',
  'C19',
  'C23',
  'C32',
  'C45',
  'C49',
  'C55',
  'C62',
  'C65',
  'C66',
  'C68',
  'C69',
  'C72',
  'C77',
  'C78',
  'C79',
  'C80',
  'C82',
  'C84',
  'C88',
  'E10',
  'B20',
  'D05',
  'D06',
  'D07',
  'D09',
  'D10',
  'D11',
  'D13',
  'D22',
  'D25',
  'D32',
  'D33',
  'D35',
  'D37',
  'D38',
  'D39',
  'D40',
  'D41',
  'D43',
  'D44',
  'D46',
  'D47',
  'D48',
  'D49',
  'I05',
  'I06',
  'I07',
  'I08',
  'I09',
  'I12',
  'I13',
  'I27',
  'I31',
  'I33',
  'I36',
  'I37',
  'I38',
  'I44',
  'I45',
  'I47',
  'I49',
  'I51',
  'I61',
  'I65',
  'I66',
  'I67',
  'I69',
  'I70',
  'I72',
  'I74',
  'I80',
  'I83',
  'E04',
  'E06',
  'E07',
  'E21',
  'E27',
  'E55',
  'E87',
  'J43',
  'J47',
  'J96',
  'J98',
  'N17',
  'N20',
  'N28',
  'N60',
  'N63',
  'N64',
  'N80',
  'N81',
  'N83',
  'N95',
  'K25',
  'K26',
  'K29',
  'K35',
  'K40',
  'K43',
  'K52',
  'K56',
  'K59',
  'K62',
  'K63',
  'K70',
  'K74',
  'K76',
  'K81',
  'K85',
  'K86',
  'M05',
  'M15',
  'M19',
  'M23',
  'M25',
  'M32',
  'M35',
  'M41',
  'M43',
  'M47',
  'M50',
  'M53',
  'M75',
  'M79',
  'M80',
  'G25',
  'G31',
  'G44',
  'G56',
  'G61',
  'G62',
  'G70',
  'G89',
  'G93',
  'F01',
  'F02',
  'F20',
  'F31',
  'F33',
  'F43',
  'R07',
  'R10',
  'R51',
  'R53',
  'R55',
  'R06',
  'R42',
  'R19',
  'R63',
  'R91',
  'R92',
  'R93',
  'R97',
]);

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;
const ORDER_SPAN = 1 << 18; // more than the number of codes: keeps file order as the tie-break

/**
 * How a word match is scored (ADR 0169). A billable code comes before a heading; then the
 * fewer title words the person did not ask for (each plain word costs EXTRA_WORD, see
 * wordWeight), the better; a code whose title is just the condition and "unspecified"
 * (the plain code) earns PLAIN, and an "unspecified" code with a few more words earns
 * PLAIN_NEARLY (less than one word, so it only settles a tie); whole words beat word
 * beginnings; common conditions break near-ties. Weights are in tenths of a word.
 */
const BILLABLE = 4000;
const PLAIN = 1000;
const PLAIN_NEARLY = 30;
const EXACT = 100;
/** A part of the query matched only by a word the title says the code does NOT have ("without hematuria"). */
const NEGATED_MATCH = 50; // tenths of a word, added to the extra words
const EXTRA_WORD = 12; // per tenth of a word
const TIER1 = 60;
const TIER2 = 30;
/** A match that lacks one part of the query (relaxed search) ranks below every full match. */
const MISSING_PART = 100_000;
/** In a relaxed search, what each matched part adds per halving of the codes it matches (rarer parts say more). */
const RARITY = 200;
/**
 * A word the plain code of a condition lacks (see search, ADR 0124): what it costs per halving
 * of the codes that have the word (a word few titles use says more). At most two such words.
 */
const LOOSE = 100;
const LOOSE_MAX_MISSING = 2;

// ---------- the index ----------

interface Place {
  section: string;
  chapter: string;
}

export interface BuildOptions {
  year?: number;
  years?: number[];
  /** Words shown after a retired code's title, e.g. "(no longer used since FY2026)". */
  describeRetired?: (r: Retirement) => string;
}

export interface SearchOptions {
  limit?: number;
  /**
   * When no code has every word, show codes that have all but one (default true). The
   * comparison's guess turns it off: it tries shorter wordings itself.
   */
  relaxed?: boolean;
}

export function buildIcd10Index(
  rows: Icd10Row[],
  categories: CategoryRow[] = [],
  sections: SectionRow[] = [],
  chapters: ChapterRow[] = [],
  opts: BuildOptions = {},
): Icd10Index {
  const n = rows.length;
  if (n >= ORDER_SPAN) throw new Error('Too many codes for the ranking key');
  const codes = rows.map((r) => r.code);
  const compact = codes.map(noDot);
  const byCompact = new Map<string, number>();
  compact.forEach((c, i) => byCompact.set(c, i));

  const billable = new Uint8Array(n);
  const retired = new Uint8Array(n);
  /** Everything about a code's score that does not depend on the query. */
  const staticScore = new Int32Array(n);
  /** What the title's words weigh (tenths of a word), to set against the words asked for. */
  const cost = new Uint16Array(n);
  const plain = new Uint8Array(n);
  /** The title leaves a place open ("site unspecified", "unspecified eye"): sibling codes name places. */
  const openPlace = new Uint8Array(n);
  let retiredCount = 0;

  // Inverted index: word -> ids of current codes whose title has it.
  const postingsMap = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    billable[i] = r.billable ? 1 : 0;
    if (r.retired) {
      // Found by lookup (an old record, an earlier opinion), never offered for a new entry.
      retired[i] = 1;
      retiredCount++;
      continue;
    }
    const cat = compact[i]!.slice(0, 3);
    staticScore[i] = (r.billable ? BILLABLE : 0) + (COMMON_TIER1.has(cat) ? TIER1 : COMMON_TIER2.has(cat) ? TIER2 : 0);
    const profile = titleProfile(r.description);
    cost[i] = Math.min(65535, profile.cost);
    plain[i] = profile.unspecified ? 1 : 0;
    openPlace[i] = OPEN_PLACE.test(r.description) ? 1 : 0;
    for (const tw of profile.words) {
      let list = postingsMap.get(tw.word);
      if (!list) postingsMap.set(tw.word, (list = []));
      list.push(posting(i, tw.negated, tw.weight));
    }
  }
  const vocab = [...postingsMap.keys()].sort();
  const offsets = new Uint32Array(vocab.length + 1);
  let total = 0;
  vocab.forEach((w, k) => {
    offsets[k] = total;
    total += postingsMap.get(w)!.length;
  });
  offsets[vocab.length] = total;
  const postings = new Uint32Array(total);
  vocab.forEach((w, k) => postings.set(postingsMap.get(w)!, offsets[k]!));
  postingsMap.clear();

  // Current codes sorted as text, for code-prefix ranges ("C50" -> C50, C50.0, ... C50.929).
  const codeOrder = Uint32Array.from({ length: n }, (_, i) => i)
    .filter((i) => retired[i] === 0)
    .sort((a, b) => (compact[a]! < compact[b]! ? -1 : compact[a]! > compact[b]! ? 1 : 0));
  const nCurrent = codeOrder.length;

  // Where each category sits: the FY2026 file first, else the narrowest section range that holds it.
  const places = new Map<string, Place>();
  const categoryTitles = new Map<string, string>();
  for (const c of categories) {
    places.set(c.category, { section: c.section, chapter: c.chapter });
    categoryTitles.set(c.category, c.description);
  }
  const sectionTitles = new Map(sections.map((s) => [s.range, s.description]));
  const chapterTitles = new Map(chapters.map((c) => [c.chapter, c.description]));
  const ranges = sections.map((s) => {
    const [from, to] = s.range.split('-');
    return { from: from!, to: to ?? from!, range: s.range, chapter: s.chapter };
  });
  // A chapter's range is in its title: "Diseases of the digestive system (K00-K95)".
  const chapterRanges = chapters.flatMap((c) => {
    const m = /\(([A-Z][0-9A-Z]{2})-([A-Z][0-9A-Z]{2})\)\s*$/.exec(c.description);
    return m ? [{ from: m[1]!, to: m[2]!, chapter: c.chapter }] : [];
  });
  const placeOfCategory = (cat: string): Place | { section: null; chapter: string } | null => {
    const known = places.get(cat);
    if (known) return known;
    let best: (typeof ranges)[number] | null = null;
    for (const r of ranges) {
      if (r.from <= cat && cat <= r.to && (!best || rangeWidth(r) < rangeWidth(best))) best = r;
    }
    if (best) return { section: best.range, chapter: best.chapter };
    // A category newer than the sections file (K6A, QA1 in FY2027): its chapter still shows in the letters.
    const ch = chapterRanges.find((r) => r.from <= cat && cat <= `${r.to}~`);
    return ch ? { section: null, chapter: ch.chapter } : null;
  };

  const info = (i: number): CodeInfo => {
    const code = codes[i]!;
    const category = compact[i]!.slice(0, 3);
    const p = placeOfCategory(category);
    const title = rows[i]!.description;
    const retirement = rows[i]!.retired ?? null;
    return {
      code,
      description: retirement && opts.describeRetired ? `${title} ${opts.describeRetired(retirement)}` : title,
      title,
      retired: retirement,
      billable: billable[i] === 1,
      category,
      categoryDescription:
        categoryTitles.get(category) ?? (byCompact.has(category) ? rows[byCompact.get(category)!]!.description : null),
      section: p?.section ?? null,
      sectionDescription: p?.section ? (sectionTitles.get(p.section) ?? null) : null,
      chapter: p?.chapter ?? null,
      chapterDescription: p ? (chapterTitles.get(p.chapter) ?? null) : null,
    };
  };
  const hit = (i: number): Icd10Hit => ({
    code: codes[i]!,
    description: rows[i]!.description,
    billable: billable[i] === 1,
  });

  // Scratch space reused by every search (searches are synchronous, so never shared).
  // marks[g][doc]: 0 = part g not matched; else (alternative + 1) << 2 | whole word << 1 | not negated.
  // weights[g][doc]: what the title words that matched part g weigh (they are not "extra").
  const marks = Array.from({ length: MAX_PARTS }, () => new Uint8Array(n));
  const weights = Array.from({ length: MAX_PARTS }, () => new Uint16Array(n));
  const lists = Array.from({ length: MAX_PARTS }, () => new Uint32Array(n));
  const listLen = new Uint32Array(MAX_PARTS);
  const stamp = new Uint32Array(n);
  const acc = new Uint16Array(n);
  const accNeg = new Uint8Array(n);
  let stampNow = 0;
  const partsMatched = new Uint8Array(n);

  const lowerBound = (w: string) => {
    let lo = 0;
    let hi = vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (vocab[mid]! < w) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** Term ids for a word: itself, or every word it begins (prefix). */
  const termRange = (w: string, prefix: boolean): [number, number] => {
    const lo = lowerBound(w);
    if (!prefix) return vocab[lo] === w ? [lo, lo + 1] : [lo, lo];
    let hi = lo;
    while (hi < vocab.length && vocab[hi]!.startsWith(w)) hi++;
    return [lo, hi];
  };
  const inTitles = (w: string, prefix: boolean) => {
    const [lo, hi] = termRange(w, prefix);
    return hi > lo;
  };

  /** Fills marks[g] / weights[g] / lists[g] with every code matching the part, keeping each code's best way of matching. */
  const fillPart = (g: number, part: QueryPart) => {
    const mark = marks[g]!;
    const weight = weights[g]!;
    const list = lists[g]!;
    let len = 0;
    const offer = (doc: number, m: number, wt: number) => {
      const cur = mark[doc]!;
      if (cur === 0) {
        list[len++] = doc;
        mark[doc] = m;
        weight[doc] = wt;
        return;
      }
      // Better: a word the title has (not one it rules out), then more of the title explained, then whole words.
      const d = (m & 1) - (cur & 1) || wt - weight[doc]! || (m & 2) - (cur & 2);
      if (d > 0) {
        mark[doc] = m;
        weight[doc] = wt;
      }
    };
    const alts = part.alternatives.length > 63 ? part.alternatives.slice(0, 63) : part.alternatives;
    alts.forEach((alt, a) => {
      const tokens = alt.tokens;
      const lastPrefix = alt.prefix;
      const base = (a + 1) << 2;
      if (tokens.length === 1) {
        // The hot loop of every search: kept flat on purpose.
        const w = tokens[0]!;
        const [lo, hi] = termRange(w, lastPrefix);
        for (let t = lo; t < hi; t++) {
          const whole = vocab[t] === w ? 2 : 0;
          const end = offsets[t + 1]!;
          for (let p = offsets[t]!; p < end; p++) {
            const e = postings[p]!;
            offer(e >>> 6, base | whole | ((e & 32) === 0 ? 1 : 0), e & 31);
          }
        }
        return;
      }
      // Several words: codes that have all of them (stamped word by word, their weights added up).
      for (let k = 0; k < tokens.length; k++) {
        const [lo, hi] = termRange(tokens[k]!, lastPrefix && k === tokens.length - 1);
        if (lo === hi) return;
        stampNow++;
        const prevStamp = stampNow - 1;
        for (let t = lo; t < hi; t++) {
          for (let p = offsets[t]!; p < offsets[t + 1]!; p++) {
            const e = postings[p]!;
            const doc = e >>> 6;
            if (k === 0) {
              stamp[doc] = stampNow;
              acc[doc] = e & 31;
              accNeg[doc] = (e & 32) === 0 ? 0 : 1;
            } else if (stamp[doc] === prevStamp) {
              stamp[doc] = stampNow;
              acc[doc]! += e & 31;
              accNeg[doc]! |= (e & 32) === 0 ? 0 : 1;
            }
          }
        }
      }
      // The last word's range holds every code that had all of them.
      const [lo, hi] = termRange(tokens.at(-1)!, lastPrefix);
      for (let t = lo; t < hi; t++) {
        const whole = !lastPrefix || vocab[t] === tokens.at(-1) ? 2 : 0;
        for (let p = offsets[t]!; p < offsets[t + 1]!; p++) {
          const doc = postings[p]! >>> 6;
          if (stamp[doc] === stampNow) offer(doc, base | whole | (accNeg[doc] ? 0 : 1), acc[doc]!);
        }
      }
    });
    listLen[g] = len;
  };

  const clearPart = (g: number) => {
    const mark = marks[g]!;
    const list = lists[g]!;
    for (let k = 0; k < listLen[g]!; k++) mark[list[k]!] = 0;
    listLen[g] = 0;
  };

  function codeRange(prefix: string): [number, number] {
    let lo = 0;
    let hi = nCurrent;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compact[codeOrder[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < nCurrent && compact[codeOrder[end]!]!.startsWith(prefix)) end++;
    return [lo, end];
  }

  /**
   * Words no current title has, even as the start of a longer word, are likely typos:
   * the nearest title words (one or two letters off) stand in for them, or the word is
   * left out when there are none ("diabetis" -> "diabetes"; "zorblax" is dropped).
   */
  const correct = (part: QueryPart): QueryPart | null => {
    if (part.alternatives.some((a) => a.tokens.every((t, k) => inTitles(t, a.prefix && k === a.tokens.length - 1))))
      return part;
    const typed = part.alternatives[0]!.tokens;
    if (typed.length !== 1 || typed[0]!.length < 4 || /\d/.test(typed[0]!)) return null;
    const near = nearestWords(typed[0]!, vocab);
    if (!near.length) return null;
    // The corrected word brings its own other forms ("diabetis" -> "diabetic" -> also "diabetes").
    const alternatives = near
      .flatMap((w) => parseParts(w)[0]?.alternatives ?? [])
      .map((a) => ({ ...a, prefix: false }));
    return {
      typed: part.typed,
      alternatives: alternatives.filter(
        (a, k) => alternatives.findIndex((b) => b.tokens.join(' ') === a.tokens.join(' ')) === k,
      ),
    };
  };

  function search(query: string, sopts: SearchOptions = {}): SearchResult {
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(sopts.limit ?? DEFAULT_LIMIT)));
    const q = query.trim().slice(0, 200);
    const topScore = new Float64Array(limit).fill(-Infinity);
    const topDoc = new Int32Array(limit).fill(-1);
    let filled = 0;
    const offer = (doc: number, score: number) => {
      const key = score * ORDER_SPAN + (ORDER_SPAN - 1 - doc);
      if (filled === limit && key <= topScore[limit - 1]!) return;
      let pos = filled < limit ? filled++ : limit - 1;
      while (pos > 0 && topScore[pos - 1]! < key) {
        topScore[pos] = topScore[pos - 1]!;
        topDoc[pos] = topDoc[pos - 1]!;
        pos--;
      }
      topScore[pos] = key;
      topDoc[pos] = doc;
    };
    let total = 0;
    const seenByCode = new Set<number>();
    const ignored: string[] = [];
    let partial = false;

    if (looksLikeCode(q)) {
      const prefix = q.toUpperCase().replace('.', '');
      const [lo, hi] = codeRange(prefix);
      for (let k = lo; k < hi; k++) {
        const doc = codeOrder[k]!;
        seenByCode.add(doc);
        offer(doc, compact[doc] === prefix ? 2 * MISSING_PART : MISSING_PART);
      }
      total += hi - lo;
    }

    const parts: QueryPart[] = [];
    // Shaped like a code ("C50.9", "c5", "A00.1"): its pieces as words would only find noise
    // ("1" in titles), unless it is a known abbreviation that is not a code ("t2dm").
    const codeLike = looksLikeCode(q);
    for (const p of codeLike && total > 0 ? [] : parseParts(q).filter((x) => !codeLike || x.fromList)) {
      const fixed = correct(p);
      if (fixed) parts.push(fixed);
      else if (!seenByCode.size) ignored.push(p.typed);
    }
    if (parts.length > 0) {
      for (let g = 0; g < parts.length; g++) fillPart(g, parts[g]!);
      // Words like "without" in the query: the person asks for what a title rules out.
      const asksNegation = /\b(without|not|no|non)\b/i.test(q);
      const scoreOf = (doc: number): number => {
        let matchedWeight = 0;
        let allExact = true;
        let negatedParts = 0;
        for (let g = 0; g < parts.length; g++) {
          const m = marks[g]![doc]!;
          if (m === 0) continue;
          matchedWeight += weights[g]![doc]!;
          if ((m & 2) === 0) allExact = false;
          if ((m & 1) === 0) negatedParts++;
        }
        const extra = Math.max(0, cost[doc]! - matchedWeight) + (asksNegation ? 0 : NEGATED_MATCH * negatedParts);
        const plainness = plain[doc] === 1 ? (extra === 0 ? PLAIN : PLAIN_NEARLY) : 0;
        return staticScore[doc]! + plainness + (allExact ? EXACT : 0) - EXTRA_WORD * extra;
      };
      let smallest = 0;
      for (let g = 1; g < parts.length; g++) if (listLen[g]! < listLen[smallest]!) smallest = g;
      const list = lists[smallest]!;
      const count = listLen[smallest]!;
      for (let k = 0; k < count; k++) {
        const doc = list[k]!;
        let ok = true;
        for (let g = 0; g < parts.length; g++) {
          if (marks[g]![doc]! === 0) {
            ok = false;
            break;
          }
        }
        if (!ok || seenByCode.has(doc)) continue;
        total++;
        offer(doc, scoreOf(doc));
      }
      // Words added about a condition that its plain code does not repeat ("glaucoma eye
      // pressure", "emphysema of the lungs", "epileptic seizures"): every title that has them
      // all may be a rare combination (ADR 0124). The plain billable code of the condition that
      // lacks one or two of them competes, at a cost for each missing word that grows with how
      // rare, so how telling, the word is: it wins over rare combinations only, never over a
      // plain code that has every word ("lung cancer right" keeps the right lung's code). Words
      // that pick a kind ("severe", "chronic") are never left out, nor a place where the plain
      // code leaves the place open ("site unspecified": its siblings name places).
      if (total > 0 && parts.length >= 2 && sopts.relaxed !== false) {
        // A word still being typed ("widg kno": no title has "kno" whole) narrows as it grows: kept.
        const typing = (p: QueryPart) => p.alternatives.some((a) => a.prefix && !inTitles(a.tokens.at(-1)!, false));
        const dropCost = parts.map((p, g) =>
          firmWord(p) || typing(p) ? -1 : Math.round(LOOSE * Math.log2(n / Math.max(1, listLen[g]!))),
        );
        // A word may be left out only where the code's own category uses it: "lungs" is about
        // emphysema (J43 has "pulmonary"), "breast" is not about "cancer, unspecified" (C80).
        const categoriesOf = parts.map((_, g) => {
          const cats = new Set<string>();
          if (dropCost[g]! >= 0) for (let k = 0; k < listLen[g]!; k++) cats.add(compact[lists[g]![k]!]!.slice(0, 3));
          return cats;
        });
        const touched: number[] = [];
        for (let g = 0; g < parts.length; g++) {
          const l = lists[g]!;
          for (let k = 0; k < listLen[g]!; k++) {
            const doc = l[k]!;
            if (partsMatched[doc] === 0) touched.push(doc);
            partsMatched[doc]!++;
          }
        }
        for (const doc of touched) {
          const m = partsMatched[doc]!;
          partsMatched[doc] = 0;
          if (m === parts.length || parts.length - m > LOOSE_MAX_MISSING) continue;
          if (plain[doc] !== 1 || billable[doc] !== 1 || openPlace[doc] === 1 || seenByCode.has(doc)) continue;
          const cat = compact[doc]!.slice(0, 3);
          let missing = 0;
          for (let g = 0; g < parts.length && missing >= 0; g++) {
            if (marks[g]![doc]! !== 0) continue;
            missing = dropCost[g]! < 0 || !categoriesOf[g]!.has(cat) ? -1 : missing + dropCost[g]!;
          }
          if (missing < 0) continue;
          total++;
          offer(doc, scoreOf(doc) - missing);
        }
      }
      // No code has every part: the codes with the most of them, so "my dad's bad heart attack"
      // and "lung cancer stage 4" still find something.
      if (total === 0 && parts.length >= 2 && sopts.relaxed !== false) {
        const touched: number[] = [];
        let most = 0;
        for (let g = 0; g < parts.length; g++) {
          const l = lists[g]!;
          for (let k = 0; k < listLen[g]!; k++) {
            const doc = l[k]!;
            if (partsMatched[doc] === 0) touched.push(doc);
            partsMatched[doc]!++;
            if (partsMatched[doc]! > most) most = partsMatched[doc]!;
          }
        }
        // Which parts are missing matters: a code that lacks a common word ("spine") beats one
        // that lacks the rare words that name the condition ("collapsed vertebra"); a stage,
        // grade or number says little about which code it is.
        const rarity = parts.map((p, g) =>
          Math.round((describing(p.typed) ? RARITY / 4 : RARITY) * Math.log2(n / Math.max(1, listLen[g]!))),
        );
        for (const doc of touched) {
          if (partsMatched[doc] === most && !seenByCode.has(doc)) {
            total++;
            let found = 0;
            for (let g = 0; g < parts.length; g++) if (marks[g]![doc]! !== 0) found += rarity[g]!;
            offer(doc, scoreOf(doc) - MISSING_PART * (parts.length - most) + found);
          }
          partsMatched[doc] = 0;
        }
        partial = total > 0;
      }
      for (let g = 0; g < parts.length; g++) clearPart(g);
    }

    const hits: Icd10Hit[] = [];
    for (let k = 0; k < filled; k++) hits.push(hit(topDoc[k]!));
    return { hits, total, ...(ignored.length ? { ignored } : {}), ...(partial ? { partial } : {}) };
  }

  function lookup(code: string): CodeInfo | null {
    const norm = normalizeCode(code);
    if (!norm) return null;
    const i = byCompact.get(noDot(norm));
    return i === undefined ? null : info(i);
  }

  function place(code: string): CodePlace | null {
    const norm = normalizeCode(code);
    if (!norm) return null;
    const category = noDot(norm).slice(0, 3);
    const known = byCompact.has(category) || places.has(category) || codeRange(category)[1] > codeRange(category)[0];
    if (!known) return null;
    const p = placeOfCategory(category);
    return { code: norm, category, section: p?.section ?? null, chapter: p?.chapter ?? null };
  }

  function suggest(input: string, limit = 3): Icd10Hit[] {
    const norm = normalizeCode(input.replace(/[oO](?=\d)|(?<=\d)[oO]/g, '0'));
    if (norm) {
      // The nearest current code: drop characters from the end until one exists.
      let c = noDot(norm);
      const current = (x: string) => byCompact.has(x) && retired[byCompact.get(x)!] === 0;
      while (c.length >= 3 && !current(c)) c = c.slice(0, -1);
      if (c.length >= 3) {
        const [lo, hi] = codeRange(c);
        const out: Icd10Hit[] = [];
        const exactIdx = byCompact.get(c)!;
        // The code itself when only a typo stood in the way (C5O.912), else its nearest known parent.
        out.push(hit(exactIdx));
        for (let k = lo; k < hi && out.length < limit; k++) {
          const doc = codeOrder[k]!;
          if (doc !== exactIdx && billable[doc] === 1) out.push(hit(doc));
        }
        if (out.length) return out.slice(0, limit);
      }
    }
    return search(input, { limit }).hits;
  }

  const VAGUE = new Set([
    'stage',
    'grade',
    'left',
    'right',
    'bilateral',
    'early',
    'late',
    'advanced',
    'mild',
    'severe',
    'possible',
    'probable',
    'suspected',
  ]);

  function guess(text: string): CodeInfo | null {
    // Only words the code titles use (or that we can translate): an unknown word would match nothing.
    const base = titleWords(text).filter(
      (w) => !/^\d+$/.test(w) && !/^(i|ii|iii|iv)$/.test(w) && (knownToVocabulary(w) || inTitles(w, false)),
    );
    // "In situ" (D00-D09) only when the words say so: "lobular breast cancer" means the cancer.
    const inSituAsked = base.includes('situ');
    const acceptable = (code: string) => inSituAsked || !/^D0\d/.test(code);
    let fallback: string | null = null;
    const attempts = [base];
    // Describing words come first in English ("invasive ductal carcinoma"): drop them one by one.
    for (let rest = base.filter((w) => !VAGUE.has(w)); rest.length > 0; rest = rest.slice(1)) attempts.push(rest);
    for (const attempt of attempts) {
      const hits = search(attempt.join(' '), { limit: 5, relaxed: false }).hits;
      const good = hits.find((h) => acceptable(h.code));
      if (good) return lookup(good.code);
      fallback ??= hits[0]?.code ?? null;
    }
    return fallback ? lookup(fallback) : null;
  }

  return {
    size: n - retiredCount,
    year: opts.year ?? null,
    years: opts.years ?? (opts.year ? [opts.year] : []),
    retiredCount,
    search,
    lookup,
    place,
    suggest,
    guess,
  };
}

/** Words that describe how far or how bad, not which condition: stage, grade, a number. */
const DESCRIBING = new Set([
  'stage',
  'grade',
  'phase',
  'level',
  'early',
  'late',
  'advanced',
  'mild',
  'moderate',
  'severe',
  'aggressive',
  'invasive',
  'small',
  'large',
]);
/**
 * Words that pick a kind rather than repeat the condition: how bad, how long, which form.
 * The search never leaves them out for a plainer code ("severe asthma", "chronic cough"),
 * nor a word still being typed (see search).
 */
const FIRM = new Set([
  ...DESCRIBING,
  'chronic',
  'acute',
  'recurrent',
  'secondary',
  'primary',
  'persistent',
  'disease',
  'disorder',
  'syndrome',
]);
function firmWord(p: QueryPart): boolean {
  return describing(p.typed) || p.alternatives.some((a) => a.tokens.some((t) => FIRM.has(t)));
}

/** A title that leaves a place open: its siblings name places, so a place the person gave must match. */
const OPEN_PLACE =
  /\b(unspecified|other|multiple) (sites?|sides?|regions?|parts?|eyes?|ears?|hands?|feet|foot|limbs?|joints?|lungs?|breasts?|kidneys?|bones?)\b|\b(site|side|region|part) unspecified\b|\bunspecified (upper|lower) limb\b/i;

function describing(typed: string): boolean {
  return /^\d+[a-z]?$/.test(typed) || /^(i|ii|iii|iv)$/.test(typed) || DESCRIBING.has(typed);
}

/** A posting: the code, whether the title rules the word out ("without ..."), and what the word weighs there. */
function posting(doc: number, negated: boolean, weight: number): number {
  return (doc << 6) | (negated ? 32 : 0) | Math.min(31, weight);
}

/** Title words one letter off (two for words of nine letters or more) from a word no title has, closest first; a few at most. */
function nearestWords(w: string, vocab: string[]): string[] {
  const maxDist = w.length >= 9 ? 2 : 1;
  const found: { word: string; d: number }[] = [];
  for (const v of vocab) {
    if (v[0] !== w[0] || Math.abs(v.length - w.length) > maxDist) continue;
    const d = editDistance(w, v, maxDist);
    if (d <= maxDist) found.push({ word: v, d });
  }
  return found
    .sort((a, b) => a.d - b.d || a.word.localeCompare(b.word))
    .slice(0, 3)
    .map((f) => f.word);
}

/** Levenshtein distance with transpositions, stopping early once it is over `max`. */
function editDistance(a: string, b: string, max: number): number {
  const m = a.length;
  const nb = b.length;
  let prev2 = new Array<number>(nb + 1).fill(0);
  let prev = Array.from({ length: nb + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(nb + 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= nb; j++) {
      const sub = prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, sub);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[nb]!;
}

function rangeWidth(r: { from: string; to: string }): number {
  // Categories are letter + two characters; a rough numeric width is enough to pick the narrowest.
  const v = (s: string) => (s.charCodeAt(0) - 65) * 1296 + parseInt(s.slice(1, 3), 36);
  return v(r.to) - v(r.from);
}
