// Frozen copy of src/features/codes/icd10.ts as it was before ADR 0169 (commit 3ab88e7), kept only so
// `npm run bench icd10` can print the new search against it in the same run. Not used by the app.
// ICD-10-CM: an in-memory index of the whole code set, searched by words, partial words
// and code. Pure: the rows come in as arrays (icd10-data.ts reads the files), so tests can
// build an index from a handful of rows. See docs/decisions/0160-icd10-search-in-memory.md.

export interface Icd10Row {
  /** With the dot, as CDC writes it: "C50.912". */
  code: string;
  billable: boolean;
  description: string;
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
  description: string;
  billable: boolean;
  categoryDescription: string | null;
  sectionDescription: string | null;
  chapterDescription: string | null;
}

export interface SearchResult {
  hits: Icd10Hit[];
  /** How many codes matched in all (the hits are the best of them). */
  total: number;
}

export interface Icd10Index {
  readonly size: number;
  search(query: string, opts?: { limit?: number }): SearchResult;
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

const STOP = new Set([
  'a', 'an', 'and', 'or', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'without', 'as', 'is', 'was', 'be',
  'my', 'his', 'her', 'their', 'from', 'due', 'has', 'have', 'had', 'not', 'no', 'i', 'me', 'mom', 'dad', 'it',
]);
/** Words so common in the code titles that they say little about a match. */
const LIGHT = new Set(['unspecified', 'site', 'type', 'part', 'encounter', 'initial', 'subsequent', 'sequela']);

/** Lower case, no possessive, a light plural stem: "arteries" -> "artery", "tumors" -> "tumor". */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && w.endsWith('sses')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** Words of a text, stemmed; stop words kept out unless asked for. */
export function words(text: string, keepStop = false): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().replace(/['’]s\b/g, '').split(/[^a-z0-9]+/)) {
    if (!raw) continue;
    if (!keepStop && STOP.has(raw)) continue;
    out.push(stem(raw));
  }
  return out;
}

/**
 * Plain words and abbreviations people use, and how the code titles say them. `replace`
 * means the short form itself is not searched (so "mi" does not also find "migraine").
 */
const SYNONYMS: { from: string[]; to: string[]; replace?: boolean }[] = [
  { from: ['cancer', 'cancers', 'malignancy', 'malignant tumor', 'malignant tumour'], to: ['malignant neoplasm', 'carcinoma'] },
  { from: ['tumor', 'tumour', 'growth'], to: ['neoplasm'] },
  { from: ['afib', 'a fib', 'af', 'a-fib'], to: ['atrial fibrillation'], replace: true },
  { from: ['aflutter', 'a flutter'], to: ['atrial flutter'], replace: true },
  { from: ['chf'], to: ['congestive heart failure', 'heart failure'], replace: true },
  { from: ['hf'], to: ['heart failure'], replace: true },
  { from: ['copd'], to: ['chronic obstructive pulmonary disease'], replace: true },
  { from: ['emphysema'], to: ['emphysema'] },
  { from: ['mi', 'ami', 'heart attack'], to: ['myocardial infarction'], replace: true },
  { from: ['stemi'], to: ['st elevation myocardial infarction'], replace: true },
  { from: ['nstemi'], to: ['non st elevation myocardial infarction'], replace: true },
  { from: ['htn', 'hbp', 'high blood pressure'], to: ['hypertension'], replace: true },
  { from: ['cad', 'coronary artery disease', 'coronary disease'], to: ['atherosclerotic heart disease', 'coronary artery'], replace: true },
  { from: ['dm', 'diabetes', 'sugar diabetes'], to: ['diabetes'], replace: true },
  { from: ['t2dm', 'type 2 diabetes', 'type ii diabetes'], to: ['type 2 diabetes'], replace: true },
  { from: ['t1dm', 'type 1 diabetes', 'type i diabetes'], to: ['type 1 diabetes'], replace: true },
  { from: ['ckd'], to: ['chronic kidney disease'], replace: true },
  { from: ['kidney'], to: ['kidney', 'renal'], replace: true },
  { from: ['esrd'], to: ['end stage renal disease'], replace: true },
  { from: ['uti'], to: ['urinary tract infection'], replace: true },
  { from: ['stroke', 'cva'], to: ['cerebral infarction', 'stroke'], replace: true },
  { from: ['tia', 'mini stroke'], to: ['transient cerebral ischemic attack'], replace: true },
  { from: ['dvt'], to: ['thrombosis deep vein'], replace: true },
  { from: ['blood clot'], to: ['thrombosis', 'embolism'], replace: true },
  { from: ['pe'], to: ['pulmonary embolism'], replace: true },
  { from: ['gerd', 'acid reflux', 'reflux'], to: ['gastro esophageal reflux'], replace: true },
  { from: ['ibs'], to: ['irritable bowel'], replace: true },
  { from: ['ibd'], to: ['crohn', 'ulcerative colitis'], replace: true },
  { from: ['ra'], to: ['rheumatoid arthritis'], replace: true },
  { from: ['oa'], to: ['osteoarthritis'], replace: true },
  { from: ['ms'], to: ['multiple sclerosis'], replace: true },
  { from: ['als', 'lou gehrig'], to: ['amyotrophic lateral sclerosis'], replace: true },
  { from: ['bph', 'enlarged prostate'], to: ['benign prostatic hyperplasia'], replace: true },
  { from: ['high cholesterol', 'cholesterol'], to: ['hypercholesterolemia', 'hyperlipidemia'], replace: true },
  { from: ['hip fracture', 'broken hip', 'fractured hip'], to: ['fracture neck femur', 'fracture hip'], replace: true },
  { from: ['broken', 'break'], to: ['fracture'], replace: true },
  { from: ['dcis'], to: ['carcinoma in situ breast'], replace: true },
  { from: ['lcis'], to: ['lobular carcinoma in situ'], replace: true },
  { from: ['nsclc', 'non small cell lung cancer'], to: ['malignant neoplasm bronchus lung'], replace: true },
  { from: ['sclc', 'small cell lung cancer'], to: ['malignant neoplasm bronchus lung'], replace: true },
  { from: ['lung'], to: ['lung', 'pulmonary'], replace: true },
  { from: ['heart'], to: ['heart', 'cardiac'], replace: true },
  { from: ['dementia'], to: ['dementia'] },
  { from: ['alzheimers', 'alzheimer'], to: ['alzheimer'], replace: true },
  { from: ['parkinsons', 'parkinson'], to: ['parkinson'], replace: true },
  { from: ['aaa'], to: ['abdominal aortic aneurysm'], replace: true },
  { from: ['osa', 'sleep apnea'], to: ['sleep apnea'], replace: true },
  { from: ['depression'], to: ['depressive', 'depression'], replace: true },
  { from: ['anxiety'], to: ['anxiety'] },
  { from: ['pneumonia'], to: ['pneumonia'] },
  { from: ['hypothyroid', 'underactive thyroid'], to: ['hypothyroidism'], replace: true },
  { from: ['hyperthyroid', 'overactive thyroid'], to: ['hyperthyroidism'], replace: true },
  { from: ['gallstones', 'gallstone'], to: ['calculus gallbladder'], replace: true },
  { from: ['kidney stone', 'kidney stones'], to: ['calculus kidney'], replace: true },
  { from: ['hernia'], to: ['hernia'] },
  { from: ['aortic stenosis'], to: ['aortic valve stenosis'], replace: true },
  { from: ['leaky valve'], to: ['insufficiency valve'], replace: true },
];

interface SynonymEntry {
  alternatives: string[][];
  replace: boolean;
}

function buildSynonyms(): Map<string, SynonymEntry> {
  const map = new Map<string, SynonymEntry>();
  for (const s of SYNONYMS) {
    const alternatives = s.to.map((p) => words(p));
    for (const f of s.from) map.set(words(f, true).join(' '), { alternatives, replace: !!s.replace });
  }
  return map;
}
const SYNONYM_MAP = buildSynonyms();
const MAX_PHRASE = 4;

/** A part of the query: a code matches it if it matches any alternative (all its words). */
interface Group {
  alternatives: { tokens: string[]; prefix: boolean }[];
}

/** The query as groups: phrases and abbreviations expanded, stop words dropped. */
export function parseQuery(q: string): string[][][] {
  return queryGroups(q).map((g) => g.alternatives.map((a) => (a.prefix ? [...a.tokens.slice(0, -1), `${a.tokens.at(-1)}*`] : a.tokens)));
}

function queryGroups(q: string): Group[] {
  const raw = words(q, true);
  const groups: Group[] = [];
  for (let i = 0; i < raw.length; ) {
    let matched = false;
    for (let n = Math.min(MAX_PHRASE, raw.length - i); n >= 1; n--) {
      const phrase = raw.slice(i, i + n).join(' ');
      const syn = SYNONYM_MAP.get(phrase);
      if (!syn) continue;
      const alternatives = syn.alternatives.map((tokens) => ({ tokens, prefix: false }));
      if (!syn.replace) {
        const own = raw.slice(i, i + n).filter((w) => !STOP.has(w));
        if (own.length) alternatives.push({ tokens: own, prefix: i + n === raw.length && n === 1 });
      }
      groups.push({ alternatives });
      i += n;
      matched = true;
      break;
    }
    if (matched) continue;
    const w = raw[i]!;
    i++;
    if (STOP.has(w)) continue;
    const last = i === raw.length;
    groups.push({ alternatives: [{ tokens: [w], prefix: w.length >= 3 || (last && w.length >= 2 && !/^\d+$/.test(w)) }] });
  }
  // Very long queries: the first words say the most; eight is plenty and bounds the work.
  return groups.slice(0, MAX_GROUPS);
}

// ---------- ranking ----------

/**
 * Conditions people most often seek a second opinion for, or live with (3-character
 * categories). They come first among equally good matches; the list is ours, a plain
 * judgement of what is common, and only orders results.
 */
const COMMON_TIER1 = new Set([
  'C50', 'C34', 'C61', 'C18', 'C20', 'C25', 'C67', 'C64', 'C43', 'C56', 'C54', 'C53', 'C71', 'C73', 'C16', 'C22', 'C90', 'C91', 'C92', 'C83', 'C85', 'C81',
  'I10', 'I11', 'I20', 'I21', 'I25', 'I35', 'I34', 'I42', 'I48', 'I50', 'I63', 'I26', 'I71', 'I73', 'I82',
  'E11', 'E10', 'E78', 'E66', 'E03', 'E05', 'J44', 'J45', 'J18', 'J84', 'N18', 'N40', 'N39', 'K21', 'K57', 'K80', 'K50', 'K51', 'K58',
  'M17', 'M16', 'M54', 'M81', 'M06', 'M48', 'M51', 'G20', 'G30', 'G35', 'G40', 'G43', 'G45', 'G47', 'G12', 'F32', 'F41', 'F03', 'D12',
]);
const COMMON_TIER2 = new Set([
  'C44', 'C15', 'C19', 'C23', 'C32', 'C45', 'C49', 'C55', 'C62', 'C65', 'C66', 'C68', 'C69', 'C72', 'C77', 'C78', 'C79', 'C80', 'C82', 'C84', 'C88',
  'D05', 'D06', 'D07', 'D09', 'D10', 'D11', 'D13', 'D22', 'D25', 'D32', 'D33', 'D35', 'D37', 'D38', 'D39', 'D40', 'D41', 'D43', 'D44', 'D46', 'D47', 'D48', 'D49',
  'I05', 'I06', 'I07', 'I08', 'I09', 'I12', 'I13', 'I27', 'I31', 'I33', 'I36', 'I37', 'I38', 'I44', 'I45', 'I47', 'I49', 'I51', 'I61', 'I65', 'I66', 'I67', 'I69', 'I70', 'I72', 'I74', 'I80', 'I83',
  'E04', 'E06', 'E07', 'E21', 'E27', 'E55', 'E87', 'J43', 'J47', 'J96', 'J98', 'N17', 'N20', 'N28', 'N60', 'N63', 'N64', 'N80', 'N81', 'N83', 'N95',
  'K25', 'K26', 'K29', 'K35', 'K40', 'K43', 'K52', 'K56', 'K59', 'K62', 'K63', 'K70', 'K74', 'K76', 'K81', 'K85', 'K86',
  'M05', 'M15', 'M19', 'M23', 'M25', 'M32', 'M35', 'M41', 'M43', 'M47', 'M50', 'M53', 'M75', 'M79', 'M80',
  'G25', 'G31', 'G44', 'G56', 'G61', 'G62', 'G70', 'G89', 'G93', 'F01', 'F02', 'F20', 'F31', 'F33', 'F43', 'R07', 'R10', 'R51', 'R53', 'R55', 'R06', 'R42', 'R19', 'R63', 'R91', 'R92', 'R93', 'R97',
]);

const MAX_GROUPS = 8;
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;
const ORDER_SPAN = 1 << 17; // more than the number of codes: keeps file order as the tie-break

// ---------- the index ----------

interface Place {
  section: string;
  chapter: string;
}

export function buildIcd10Index(rows: Icd10Row[], categories: CategoryRow[] = [], sections: SectionRow[] = [], chapters: ChapterRow[] = []): Icd10Index {
  const n = rows.length;
  if (n >= ORDER_SPAN) throw new Error('Too many codes for the ranking key');
  const codes = rows.map((r) => r.code);
  const compact = codes.map(noDot);
  const byCompact = new Map<string, number>();
  compact.forEach((c, i) => byCompact.set(c, i));

  const billable = new Uint8Array(n);
  const staticScore = new Uint8Array(n);
  const weight = new Uint8Array(n);

  // Inverted index: word -> ids of codes whose title has it.
  const postingsMap = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    billable[i] = r.billable ? 1 : 0;
    const cat = compact[i]!.slice(0, 3);
    // Follow-up visit and late-effect codes (7th character D, G, K, S...) after the first-visit ones.
    const followUp = /(subsequent encounter|sequela)[^,]*$/.test(r.description);
    staticScore[i] = (r.billable ? 20 : 0) + (COMMON_TIER1.has(cat) ? 30 : COMMON_TIER2.has(cat) ? 15 : 0) + (followUp ? 0 : 5);
    const seen = new Set<string>();
    let heavy = 0;
    for (const w of words(r.description)) {
      if (seen.has(w)) continue;
      seen.add(w);
      if (!LIGHT.has(w)) heavy++;
      let list = postingsMap.get(w);
      if (!list) postingsMap.set(w, (list = []));
      list.push(i);
    }
    weight[i] = Math.max(1, Math.min(255, heavy));
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

  // Codes sorted as text, for code-prefix ranges ("C50" -> C50, C50.0, ... C50.929).
  const codeOrder = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => (compact[a]! < compact[b]! ? -1 : compact[a]! > compact[b]! ? 1 : 0));

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
  const placeOfCategory = (cat: string): Place | null => {
    const known = places.get(cat);
    if (known) return known;
    let best: (typeof ranges)[number] | null = null;
    for (const r of ranges) {
      if (r.from <= cat && cat <= r.to && (!best || rangeWidth(r) < rangeWidth(best))) best = r;
    }
    return best ? { section: best.range, chapter: best.chapter } : null;
  };

  const info = (i: number): CodeInfo => {
    const code = codes[i]!;
    const category = compact[i]!.slice(0, 3);
    const p = placeOfCategory(category);
    return {
      code,
      description: rows[i]!.description,
      billable: billable[i] === 1,
      category,
      categoryDescription: categoryTitles.get(category) ?? (byCompact.has(category) ? rows[byCompact.get(category)!]!.description : null),
      section: p?.section ?? null,
      sectionDescription: p ? (sectionTitles.get(p.section) ?? null) : null,
      chapter: p?.chapter ?? null,
      chapterDescription: p ? (chapterTitles.get(p.chapter) ?? null) : null,
    };
  };
  const hit = (i: number): Icd10Hit => ({ code: codes[i]!, description: rows[i]!.description, billable: billable[i] === 1 });

  // Scratch space reused by every search (searches are synchronous, so never shared).
  const marks = Array.from({ length: MAX_GROUPS }, () => new Uint8Array(n));
  const lists = Array.from({ length: MAX_GROUPS }, () => new Uint32Array(n));
  const listLen = new Uint32Array(MAX_GROUPS);
  const stamp = new Uint32Array(n);
  let stampNow = 0;

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

  /** Fills marks[g] / lists[g] with every code matching the group; the mark holds 1 + 2 x words matched, +1 if exact. */
  const fillGroup = (g: number, group: Group) => {
    const mark = marks[g]!;
    const list = lists[g]!;
    let len = 0;
    const set = (doc: number, value: number) => {
      const cur = mark[doc]!;
      if (cur === 0) list[len++] = doc;
      if (value > cur) mark[doc] = value;
    };
    for (const alt of group.alternatives) {
      const tokens = alt.tokens;
      const lastPrefix = alt.prefix;
      const value = 2 * tokens.length + 1;
      if (tokens.length === 1) {
        // The hot loop of every search: kept flat (no calls) on purpose.
        const w = tokens[0]!;
        const [lo, hi] = termRange(w, lastPrefix);
        for (let t = lo; t < hi; t++) {
          const v = vocab[t] === w ? value : value - 1;
          const end = offsets[t + 1]!;
          for (let p = offsets[t]!; p < end; p++) {
            const doc = postings[p]!;
            const cur = mark[doc]!;
            if (cur === 0) list[len++] = doc;
            if (v > cur) mark[doc] = v;
          }
        }
        continue;
      }
      // Several words: codes that have all of them (stamped word by word).
      let required = 0;
      for (let k = 0; k < tokens.length; k++) {
        const [lo, hi] = termRange(tokens[k]!, lastPrefix && k === tokens.length - 1);
        if (lo === hi) {
          required = -1;
          break;
        }
        stampNow++;
        const prevStamp = stampNow - 1;
        for (let t = lo; t < hi; t++) {
          for (let p = offsets[t]!; p < offsets[t + 1]!; p++) {
            const doc = postings[p]!;
            if (k === 0 || stamp[doc] === prevStamp) stamp[doc] = stampNow;
          }
        }
        required++;
      }
      if (required !== tokens.length) continue;
      // The last word's range holds every code that had all of them.
      const [lo, hi] = termRange(tokens.at(-1)!, lastPrefix);
      for (let t = lo; t < hi; t++) for (let p = offsets[t]!; p < offsets[t + 1]!; p++) if (stamp[postings[p]!] === stampNow) set(postings[p]!, value);
    }
    listLen[g] = len;
  };

  const clearGroup = (g: number) => {
    const mark = marks[g]!;
    const list = lists[g]!;
    for (let k = 0; k < listLen[g]!; k++) mark[list[k]!] = 0;
    listLen[g] = 0;
  };

  function codeRange(prefix: string): [number, number] {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compact[codeOrder[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < n && compact[codeOrder[end]!]!.startsWith(prefix)) end++;
    return [lo, end];
  }

  function search(query: string, opts: { limit?: number } = {}): SearchResult {
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(opts.limit ?? DEFAULT_LIMIT)));
    const q = query.trim().slice(0, 200);
    const topScore = new Float64Array(limit).fill(-1);
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

    if (looksLikeCode(q)) {
      const prefix = q.toUpperCase().replace('.', '');
      const [lo, hi] = codeRange(prefix);
      for (let k = lo; k < hi; k++) {
        const doc = codeOrder[k]!;
        seenByCode.add(doc);
        offer(doc, compact[doc] === prefix ? 1000 : 500);
      }
      total += hi - lo;
    }

    const groups = queryGroups(q);
    if (groups.length > 0) {
      for (let g = 0; g < groups.length; g++) fillGroup(g, groups[g]!);
      let smallest = 0;
      for (let g = 1; g < groups.length; g++) if (listLen[g]! < listLen[smallest]!) smallest = g;
      const list = lists[smallest]!;
      const count = listLen[smallest]!;
      for (let k = 0; k < count; k++) {
        const doc = list[k]!;
        let wordsMatched = 0;
        let allExact = true;
        let ok = true;
        for (let g = 0; g < groups.length; g++) {
          const m = marks[g]![doc]!;
          if (m === 0) {
            ok = false;
            break;
          }
          wordsMatched += m >> 1;
          if ((m & 1) === 0) allExact = false;
        }
        if (!ok || seenByCode.has(doc)) continue;
        total++;
        const coverage = Math.min(1, wordsMatched / weight[doc]!);
        offer(doc, staticScore[doc]! + Math.round(coverage * 20) + (allExact ? 10 : 0));
      }
      for (let g = 0; g < groups.length; g++) clearGroup(g);
    }

    const hits: Icd10Hit[] = [];
    for (let k = 0; k < filled; k++) hits.push(hit(topDoc[k]!));
    return { hits, total };
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
    if (!byCompact.has(category) && !places.has(category)) return null;
    const p = placeOfCategory(category);
    return { code: norm, category, section: p?.section ?? null, chapter: p?.chapter ?? null };
  }

  function suggest(input: string, limit = 3): Icd10Hit[] {
    const norm = normalizeCode(input.replace(/[oO](?=\d)|(?<=\d)[oO]/g, '0'));
    if (norm) {
      // The nearest code we do know: drop characters from the end until one exists.
      let c = noDot(norm);
      while (c.length >= 3 && !byCompact.has(c)) c = c.slice(0, -1);
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

  const VAGUE = new Set(['stage', 'grade', 'left', 'right', 'bilateral', 'early', 'late', 'advanced', 'mild', 'severe', 'possible', 'probable', 'suspected']);

  function guess(text: string): CodeInfo | null {
    // Only words the code titles use (or that we can translate): an unknown word would match nothing.
    const base = words(text).filter((w) => !/^\d+$/.test(w) && !/^(i|ii|iii|iv)$/.test(w) && (SYNONYM_MAP.has(w) || termRange(w, false)[1] > termRange(w, false)[0]));
    // "In situ" (D00-D09) only when the words say so: "lobular breast cancer" means the cancer.
    const inSituAsked = base.includes('situ');
    const acceptable = (code: string) => inSituAsked || !/^D0\d/.test(code);
    let fallback: string | null = null;
    const attempts = [base];
    // Describing words come first in English ("invasive ductal carcinoma"): drop them one by one.
    for (let rest = base.filter((w) => !VAGUE.has(w)); rest.length > 0; rest = rest.slice(1)) attempts.push(rest);
    for (const attempt of attempts) {
      const hits = search(attempt.join(' '), { limit: 5 }).hits;
      const good = hits.find((h) => acceptable(h.code));
      if (good) return lookup(good.code);
      fallback ??= hits[0]?.code ?? null;
    }
    return fallback ? lookup(fallback) : null;
  }

  return { size: n, search, lookup, place, suggest, guess };
}

function rangeWidth(r: { from: string; to: string }): number {
  // Categories are letter + two characters; a rough numeric width is enough to pick the narrowest.
  const v = (s: string) => (s.charCodeAt(0) - 65) * 1296 + parseInt(s.slice(1, 3), 36);
  return v(r.to) - v(r.from);
}
