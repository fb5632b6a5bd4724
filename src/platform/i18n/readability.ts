import { syllable } from 'syllable';

// Flesch–Kincaid grade level, for the plain-language check on everything we show.
// Grade = 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59.

export interface TextStats {
  words: number;
  sentences: number;
  syllables: number;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
// A sentence ends at . ! or ? (and a closing quote) followed by a space and a capital, a
// digit or a quote, or at the end; "Dr. Lopez" and "e.g. a" should not count as two sentences,
// and a line break (a list) ends a sentence too.
const SENTENCE_END = /[.!?]+["'”’)]*(?=\s+["“'‘(]?[\p{Lu}\p{N}]|\s*$)|\n+/gu;
const ABBREVIATION = /\b(Dr|Mr|Mrs|Ms|St|Jr|Sr|vs|etc|e\.g|i\.e)\.$/i;

/** Syllables in one word. Numbers are read aloud digit by digit ("911" is three). */
function syllablesIn(word: string): number {
  if (/^\p{N}+$/u.test(word)) return word.length;
  return Math.max(1, syllable(word));
}

/** Words, sentences and syllables of a passage. `{name}` placeholders read as one short word. */
export function textStats(text: string): TextStats {
  const clean = text.replace(/\{\w+\}/g, 'Sam');
  const words = clean.match(WORD) ?? [];
  let sentences = 0;
  for (const m of clean.matchAll(SENTENCE_END)) {
    const before = clean.slice(0, (m.index ?? 0) + 1);
    if (m[0].startsWith('.') && ABBREVIATION.test(before)) continue;
    sentences++;
  }
  // Text that does not end with punctuation (a label, a heading) is still one sentence.
  if (clean.trim() !== '' && !/[.!?]["'”’)]*\s*$/u.test(clean.trim())) sentences++;
  return {
    words: words.length,
    sentences: Math.max(1, sentences),
    syllables: words.reduce((sum, w) => sum + syllablesIn(w), 0),
  };
}

export function fleschKincaidGrade(s: TextStats): number {
  if (s.words === 0) return 0;
  return 0.39 * (s.words / s.sentences) + 11.8 * (s.syllables / s.words) - 15.59;
}

/** Adds up several passages, so short strings can be graded together as one text. */
export function sumStats(all: TextStats[]): TextStats {
  return all.reduce(
    (a, b) => ({
      words: a.words + b.words,
      sentences: a.sentences + b.sentences,
      syllables: a.syllables + b.syllables,
    }),
    {
      words: 0,
      sentences: 0,
      syllables: 0,
    },
  );
}
