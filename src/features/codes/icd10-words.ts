import {
  ICD10_MORE_WORD_FORMS,
  ICD10_SYNONYMS,
  ICD10_WORD_FORMS,
  type SynonymGroup,
  type WordForms,
} from '../../content/icd10-synonyms.ts';

// How the code search reads words: what people type (their words, the sourced synonyms
// in src/content/icd10-synonyms.ts) and what a code title says (which of its words are
// the condition itself and which make it a rarer combination). Pure. See
// docs/decisions/0169-search-in-peoples-words.md.

// ---------- splitting text into words ----------

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
  'my',
  'his',
  'her',
  'their',
  'from',
  'due',
  'has',
  'have',
  'had',
  'not',
  'no',
  'i',
  'me',
  'mom',
  'dad',
  'it',
]);

/**
 * Words people add around a condition that no code title needs: who has it, who said so,
 * how they feel about it. Dropped from what is typed only (titles keep their words).
 */
const QUERY_STOP = new Set([
  'told',
  'diagnosed',
  'diagnosis',
  'doctor',
  'doctors',
  'dr',
  'says',
  'said',
  'say',
  'think',
  'thinks',
  'maybe',
  'perhaps',
  'mother',
  'father',
  'husband',
  'wife',
  'son',
  'daughter',
  'mum',
  'mommy',
  'daddy',
  'grandma',
  'grandmother',
  'grandpa',
  'grandfather',
  'sister',
  'brother',
  'aunt',
  'uncle',
  'friend',
  'partner',
  'child',
  'children',
  'kid',
  'baby',
  'adult',
  'elderly',
  'senior',
  'people',
  'person',
  'patient',
  'she',
  'he',
  'him',
  'our',
  'your',
  'we',
  'they',
  'them',
  'you',
  'us',
  'its',
  'this',
  'that',
  'which',
  'who',
  'what',
  'there',
  'really',
  'very',
  'some',
  'kind',
  'sort',
  'got',
  'get',
  'gets',
  'getting',
  'having',
  'suffer',
  'suffers',
  'suffering',
  'been',
  'being',
  'am',
  'are',
  'were',
  'just',
  'still',
  'also',
  'lot',
  'ago',
  'recently',
  'now',
  'since',
  'about',
  'like',
  'side',
  'possible',
  'possibly',
  'probable',
  'probably',
  'suspected',
  'likely',
  'bit',
  'little',
  'much',
  'so',
  'too',
  'all',
  'any',
  'during',
  'while',
  'do',
  'does',
  'did',
  'can',
  'could',
  'would',
  'should',
  'will',
  'might',
  'may',
  'must',
  'please',
  'help',
  'question',
]);

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
  let prev = '';
  for (const raw of text
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[^a-z0-9]+/)) {
    if (!raw) continue;
    // "Hepatitis A", "vitamin A", "hemophilia A": here "a" is a name, not a stop word.
    if (!keepStop && STOP.has(raw) && !(raw === 'a' && NAMED_A.has(prev))) {
      prev = raw;
      continue;
    }
    prev = raw;
    out.push(stem(raw));
  }
  return out;
}

const NAMED_A = new Set(['hepatitis', 'vitamin', 'hemophilia', 'influenza', 'group', 'factor', 'type']);

/** What a person typed, as words that can meet a title: stop words and the words around a condition removed. */
export function queryWords(text: string): string[] {
  return words(text.replace(/(\w)['’](\w)/g, '$1$2')).filter((w) => !QUERY_STOP.has(w));
}

// ---------- how much a title word says ----------

/**
 * A title word's weight: what a code costs for each of its words the search did not ask
 * for. The plain code of a condition has few words beyond the condition; its rarer
 * combinations add a place, a cause, a complication, a time of life. Words that are the
 * usual case when nothing is said ("unspecified", "initial encounter", "primary",
 * "unilateral") cost nothing; words that put a code in another setting (a history, a
 * screening, a pregnancy, a newborn, a later encounter) cost three times a plain word.
 */
const FREE = new Set([
  'unspecified',
  'nos',
  'site',
  'part',
  'type',
  'region',
  'initial',
  'encounter',
  'organism',
  'uncomplicated',
  'asymptomatic',
  'essential',
  'behavior',
  'severity',
  'stage',
  'classified',
  'mention',
  'current',
  'closed',
  'displaced',
  'mellitus',
  'pectoris',
  'uteri',
  'level',
  'cause',
  'single',
  'episode',
  'first',
  'mild',
  'time',
  'nature',
]);
const SOFT = new Map<string, number>([
  ['unilateral', 2],
  ['primary', 2],
  ['specified', 4],
  ['right', 12],
  ['left', 12],
  ['bilateral', 12],
  ['disease', 5],
  ['disorder', 5],
  ['viral', 5],
  ['syndrome', 5],
  ['condition', 5],
  ['acute', 5],
  ['state', 5],
  ['other', 8],
  ['infection', 5],
]);
const CONTEXT = new Set([
  'history',
  'personal',
  'family',
  'screening',
  'examination',
  'observation',
  'aftercare',
  'status',
  'presence',
  'fitting',
  'adjustment',
  'pregnancy',
  'pregnant',
  'childbirth',
  'puerperium',
  'puerperal',
  'maternal',
  'fetus',
  'fetal',
  'newborn',
  'neonatal',
  'perinatal',
  'trimester',
  'complicating',
  'postprocedural',
  'postoperative',
  'intraoperative',
  'following',
  'poisoning',
  'adverse',
  'underdosing',
  'toxic',
  'accidental',
  'intentional',
  'assault',
  'undetermined',
  'sequela',
  'sequelae',
  'subsequent',
  'elsewhere',
  'induced',
  'drug',
  'exposure',
  'carrier',
  'congenital',
  'transplant',
  'rejection',
  'resistance',
  'resistant',
  'abuse',
  'withdrawal',
  'intoxication',
  'remission',
  'relapse',
  'counseling',
  'prophylactic',
  'vaccination',
  'immunization',
  'donor',
  'dialysis',
  'refusal',
  'infant',
  'mother',
  'unvaccinated',
  'vaccinated',
]);
const STRONG = new Map<string, number>([
  ['septic', 20],
  ['secondary', 20],
  ['situ', 20],
  ['recurrent', 15],
  ['chronic', 20],
  ['pathological', 20],
  ['stress', 15],
]);

export function wordWeight(w: string): number {
  if (FREE.has(w)) return 0;
  if (CONTEXT.has(w)) return 30;
  const soft = SOFT.get(w) ?? STRONG.get(w);
  if (soft !== undefined) return soft;
  // "Nonrheumatic", "nontraumatic", "nontoxic": the ordinary kind.
  if (w.length > 5 && w.startsWith('non')) return 3;
  return 10;
}

/** A "with ..." part names a combination: it costs a plain word on top of its own words. */
const WITH_COST = 10;
/** A "without ..." or "not ..." part usually says what is absent, the plain case; a little, so a code without one wins a tie. */
const NEGATION_COST = 3;
/** "Of other sites", "other parts": the leftover group after the named places, not the plain code. */
const OTHER_PLACES_COST = 10;

/** A title word as the search sees it. */
export interface TitleWord {
  word: string;
  /** What it costs when the query did not ask for it (tenths of a word). */
  weight: number;
  /** Only under "without", "not", "except" or "non-": the title says the code does NOT have it. */
  negated: boolean;
}

export interface TitleProfile {
  /** Sum of what the title's words cost (see wordWeight), with the costs of its "with" and "without" parts. */
  cost: number;
  /** The main part of the title says "unspecified" (or "not specified", "NOS"): the plain code of its group. */
  unspecified: boolean;
  /** Each distinct word once. */
  words: TitleWord[];
}

/** The last word of the clause that starts at token k (up to the next comma or "with"). */
function clauseEnd(tokens: string[], k: number): string {
  let last = '';
  for (let j = k + 1; j < tokens.length && tokens[j] !== ',' && tokens[j] !== 'with'; j++)
    if (/^[a-z0-9]/.test(tokens[j]!)) last = tokens[j]!;
  return last;
}

/** After a comma in a "without" list: the list goes on when the next clause starts with "and"/"or" or ends like the first item. */
function continuesList(tokens: string[], comma: number, firstEnd: string): boolean {
  const next = tokens[comma + 1] ?? '';
  if (next === 'and' || next === 'or') return true;
  return firstEnd !== '' && clauseEnd(tokens, comma) === firstEnd;
}

/**
 * Reads a title. Words under "without", "not", "except" or "non-" say what the code does
 * not have ("without complications", "not intractable", "except renal pelvis",
 * "non-Hodgkin"), and "unspecified whether / as ..." names a detail that is not known:
 * none of them make the code rarer. Words in (parentheses) and [brackets] are optional or other names. A
 * hyphenated word ("age-related") is one idea and costs less than two words.
 */
export function titleProfile(title: string): TitleProfile {
  const lower = title.toLowerCase().replace(/['’]s\b/g, '');
  const tokens = lower.match(/[a-z0-9]+(?:-[a-z0-9]+)*|[()[\],]/g) ?? [];
  const byWord = new Map<string, TitleWord>();
  let cost = 0;
  let depth = 0;
  let negating = false;
  let withOther = false;
  let unknownDetail = false;
  let inWith = false;
  let unspecified = false;
  /** The title has a "without/not" part (costed once). */
  let negated = false;
  let negatedClauseEnd = '';
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k]!;
    if (tok === '(' || tok === '[') {
      depth++;
      continue;
    }
    if (tok === ')' || tok === ']') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (tok === ',') {
      unknownDetail = false;
      withOther = false;
      // "without behavioral disturbance, psychotic disturbance, ... and anxiety" is one list;
      // "without rheumatoid factor, unspecified knee" is not.
      if (negating && !continuesList(tokens, k, negatedClauseEnd)) negating = false;
      continue;
    }
    if (depth === 0) {
      if (tok === 'with') {
        negating = false;
        inWith = true;
        cost += WITH_COST;
        withOther = tokens[k + 1] === 'other';
        continue;
      }
      if (tok === 'not' && tokens[k + 1] === 'specified') {
        // "site not specified", "not specified as acute or chronic": a detail not known.
        if (!inWith) unspecified = true;
        unknownDetail = true;
        continue;
      }
      if (tok === 'without' || tok === 'not' || tok === 'except' || (tok === 'no' && k > 0)) {
        if (!negated) cost += NEGATION_COST;
        negated = true;
        negating = true;
        negatedClauseEnd = clauseEnd(tokens, k);
        continue;
      }
      if (tok === 'unspecified' || tok === 'nos') {
        if (!inWith && !negating) unspecified = true;
        const next = tokens[k + 1];
        if (next === 'whether' || next === 'as') unknownDetail = true;
        continue;
      }
      if (
        tok === 'other' &&
        /^(sites?|parts?|specified)$/.test(tokens[k + 1] ?? '') &&
        /^(sites?|parts?)$/.test(tokens[k + 1] === 'specified' ? (tokens[k + 2] ?? '') : tokens[k + 1]!)
      )
        cost += OTHER_PLACES_COST;
    }
    const free = depth > 0 || withOther || unknownDetail;
    // Words the title rules out, or names as not known ("not specified as acute or chronic"), are not what the code is.
    const isNegated = negating || unknownDetail || tok.startsWith('non-');
    const parts = tok === 'a' && NAMED_A.has(tokens[k - 1] ?? '') ? ['a'] : words(tok);
    const share = parts.length > 1 ? 0.3 : 1;
    for (const w of parts) {
      const weight = free || isNegated ? 0 : Math.round(wordWeight(w) * share);
      const seen = byWord.get(w);
      if (!seen) byWord.set(w, { word: w, weight, negated: isNegated });
      else {
        // A word said twice counts once, as its plainest use.
        if (!isNegated && seen.negated) {
          seen.negated = false;
          seen.weight = weight;
        } else if (!isNegated) seen.weight = Math.max(seen.weight, weight);
      }
    }
  }
  for (const w of byWord.values()) if (!w.negated) cost += w.weight;
  return { cost: Math.round(cost), unspecified, words: [...byWord.values()] };
}

// ---------- people's words ----------

/** One way to satisfy a part of the query: a code matches it when its title has all the tokens. */
export interface Alternative {
  tokens: string[];
  /** The last token may be the start of a longer word (while typing). */
  prefix: boolean;
}

/** A part of the query (a word or a phrase): every part must be matched, by any of its alternatives. */
export interface QueryPart {
  /** What was typed for this part, for messages. */
  typed: string;
  alternatives: Alternative[];
  /** The part is a phrase or abbreviation from the synonym lists ("t2dm", "heart attack"). */
  fromList?: boolean;
}

interface Phrase {
  alternatives: string[][];
  replace: boolean;
}

/** Phrases are looked up by their words in any order: "blood clot in the leg" = "leg blood clot". */
const phraseKey = (tokens: string[]) => [...tokens].sort().join(' ');

export interface Vocabulary {
  phrases: Map<string, Phrase>;
  /** A single word and the other words titles use for it. */
  forms: Map<string, string[][]>;
  longest: number;
}

/** Builds the lookup tables from the sourced lists (or from lists given by a test). */
export function buildVocabulary(
  synonyms: SynonymGroup[] = ICD10_SYNONYMS,
  wordForms: WordForms[] = [...ICD10_WORD_FORMS, ...ICD10_MORE_WORD_FORMS],
): Vocabulary {
  const phrases = new Map<string, Phrase>();
  const forms = new Map<string, string[][]>();
  let longest = 1;
  const addForms = (word: string, alternatives: string[][]) => {
    const list = forms.get(word) ?? [];
    for (const a of alternatives) if (!list.some((x) => x.join(' ') === a.join(' '))) list.push(a);
    forms.set(word, list);
  };
  for (const g of wordForms) {
    const alternatives = g.forms.map((f) => words(f)).filter((a) => a.length > 0);
    for (const f of alternatives) {
      if (f.length === 1) addForms(f[0]!, alternatives);
      else {
        phrases.set(phraseKey(f), { alternatives, replace: true });
        longest = Math.max(longest, f.length);
      }
    }
  }
  for (const g of synonyms) {
    const alternatives = g.means.map((m) => words(m)).filter((a) => a.length > 0);
    for (const said of g.said) {
      const tokens = queryWords(said);
      if (tokens.length === 0) continue;
      const key = phraseKey(tokens);
      const existing = phrases.get(key);
      // Two groups may list the same words (a lay word under two topics): their meanings add up.
      if (existing) {
        for (const a of alternatives)
          if (!existing.alternatives.some((x) => x.join(' ') === a.join(' '))) existing.alternatives.push(a);
        existing.replace &&= g.replace;
      } else phrases.set(key, { alternatives: [...alternatives], replace: g.replace });
      longest = Math.max(longest, tokens.length);
    }
  }
  return { phrases, forms, longest };
}

const DEFAULT_VOCABULARY = buildVocabulary();

const MAX_PARTS = 8;

/**
 * The query as parts: phrases people use (longest first, words in any order) become the
 * title words they stand for; each other word also finds its other forms ("renal" for
 * "kidney"). Only the last word is taken as the start of a longer word when it is short,
 * because a person may still be typing it; longer words always are.
 */
export function parseParts(q: string, vocab: Vocabulary = DEFAULT_VOCABULARY): QueryPart[] {
  const tokens = queryWords(q);
  const parts: QueryPart[] = [];
  const endsInSpace = /\s$/.test(q);
  for (let i = 0; i < tokens.length; ) {
    let matched = false;
    for (let n = Math.min(vocab.longest, tokens.length - i); n >= 1 && !matched; n--) {
      const slice = tokens.slice(i, i + n);
      const phrase = vocab.phrases.get(phraseKey(slice));
      if (!phrase) continue;
      const alternatives: Alternative[] = phrase.alternatives.map((a) => ({ tokens: a, prefix: false }));
      if (!phrase.replace && !alternatives.some((a) => a.tokens.join(' ') === slice.join(' ')))
        alternatives.push({ tokens: slice, prefix: false });
      parts.push({ typed: slice.join(' '), alternatives, fromList: true });
      i += n;
      matched = true;
    }
    if (matched) continue;
    const w = tokens[i]!;
    i++;
    const last = i === tokens.length && !endsInSpace;
    const prefix = w.length >= 3 ? !/^\d+$/.test(w) : last && w.length >= 2 && !/^\d+$/.test(w);
    const alternatives: Alternative[] = [{ tokens: [w], prefix }];
    for (const f of vocab.forms.get(w) ?? []) if (f.join(' ') !== w) alternatives.push({ tokens: f, prefix: false });
    parts.push({ typed: w, alternatives });
  }
  // Very long queries: the first words say the most; eight is plenty and bounds the work.
  return parts.slice(0, MAX_PARTS);
}

/** Whether a word is one the synonym lists know (so it is worth searching even if no title has it). */
export function knownToVocabulary(w: string, vocab: Vocabulary = DEFAULT_VOCABULARY): boolean {
  return vocab.phrases.has(w) || vocab.forms.has(w);
}

export { MAX_PARTS };
