import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { isMessageKey, translator } from '../../src/platform/i18n/i18n.ts';
import { fleschKincaidGrade, sumStats, type TextStats, textStats } from '../../src/platform/i18n/readability.ts';
import { loadContentItems } from '../helpers/content-items.ts';

// Plain language, measured: the Flesch–Kincaid grade of what we show must be 9 or lower
// (we aim for about 8). A sentence is graded on its own when it has at least MIN_WORDS
// words. Shorter strings (labels, buttons, headings) are too short for the formula to mean
// anything alone — "Clinical trials" scores 14.7 — so each area's short strings are graded
// together as one passage.

const MAX_GRADE = 9;
const MIN_WORDS = 8;
const MESSAGES_DIR = path.resolve(import.meta.dirname, '../../src/platform/i18n/messages/en');
const t = translator('en');

interface Graded {
  key: string;
  text: string;
  stats: TextStats;
  grade: number;
}

const grade = (key: string, text: string): Graded => {
  const stats = textStats(text);
  return { key, text, stats, grade: fleschKincaidGrade(stats) };
};

/** Problems in one area: long strings over the limit, and the short ones taken together. */
function check(area: string, all: Graded[]): { problems: string[]; long: Graded[]; pooled: number } {
  const long = all.filter((g) => g.stats.words >= MIN_WORDS);
  const short = all.filter((g) => g.stats.words < MIN_WORDS && g.stats.words > 0);
  const pooled = fleschKincaidGrade(sumStats(short.map((g) => g.stats)));
  const problems = long
    .filter((g) => g.grade > MAX_GRADE)
    .map((g) => `${area} ${g.key}: grade ${g.grade.toFixed(1)}: "${g.text}"`);
  if (short.length > 0 && pooled > MAX_GRADE)
    problems.push(`${area}: the short strings together are grade ${pooled.toFixed(1)}`);
  return { problems, long, pooled };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

test('the grade formula gives the textbook numbers', () => {
  // 6 words, 1 sentence, 6 syllables: 0.39×6 + 11.8×1 − 15.59 = −1.45
  assert.equal(fleschKincaidGrade(textStats('The cat sat on the mat.')).toFixed(2), '-1.45');
  const s = textStats('Ask your doctor: "How long is it safe to wait?" Write it down. Dr. Lopez can help.');
  assert.equal(s.sentences, 3, 'a quoted question, a command, and "Dr." not ending a sentence');
  // A dense sentence must fail, or this test guards nothing.
  const hard =
    'Comprehensive multidisciplinary evaluation facilitates individualized therapeutic recommendations regarding oncological management.';
  assert.ok(fleschKincaidGrade(textStats(hard)) > MAX_GRADE);
});

test(`every content item reads at grade ${MAX_GRADE} or lower`, async () => {
  const { items } = await loadContentItems();
  const graded: Graded[] = [];
  for (const { item } of items) {
    for (const [k, v] of Object.entries(item)) {
      if (k === 'id' || typeof v !== 'string' || !isMessageKey(v)) continue;
      graded.push(grade(v, t(v)));
    }
  }
  assert.ok(graded.length >= 60, `expected the content strings, found ${graded.length}`);
  const { problems, long, pooled } = check('content', graded);
  console.log(
    `content: ${graded.length} strings; average grade of ${long.length} sentences ${mean(long.map((g) => g.grade)).toFixed(2)}; ` +
      `short strings together ${pooled.toFixed(2)}; hardest ${[...long].sort((a, b) => b.grade - a.grade)[0]?.grade.toFixed(2)}`,
  );
  assert.deepEqual(problems, []);
});

test(`every message in the catalogue reads at grade ${MAX_GRADE} or lower`, async () => {
  const files = fs
    .readdirSync(MESSAGES_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  const problems: string[] = [];
  const allLong: Graded[] = [];
  let count = 0;
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(MESSAGES_DIR, f)).href)) as Record<
      string,
      Record<string, string>
    >;
    for (const [name, messages] of Object.entries(mod)) {
      const graded = Object.entries(messages).map(([k, v]) => grade(k, v));
      count += graded.length;
      const r = check(`${f} ${name}`, graded);
      problems.push(...r.problems);
      allLong.push(...r.long);
    }
  }
  assert.ok(count > 300, `expected the whole catalogue, found ${count} messages`);
  console.log(
    `catalogue: ${count} messages in ${files.length} files; average grade of ${allLong.length} sentences ${mean(allLong.map((g) => g.grade)).toFixed(2)}`,
  );
  assert.deepEqual(problems, []);
});
