import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// ADR 0015: platform/dates.ts is the one home for "today" and calendar dates, and the
// Clock (platform/clock.ts) is the one place the machine's time is read. This test reads
// every source file and fails on the shapes that used to make a second "today".

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/** Where these shapes belong. */
const HOME = new Set(['platform/dates.ts', 'platform/clock.ts']);

const FORBIDDEN: { name: string; pattern: RegExp }[] = [
  // The machine's time read behind the Clock's back: tests cannot set it.
  { name: 'new Date()', pattern: /new Date\(\s*\)/ },
  // "Today" in UTC: the wrong date for anyone west of Greenwich in the evening (ADR 0120).
  { name: 'toISOString().slice(0, 10)', pattern: /toISOString\(\)\.slice\(\s*0\s*,\s*10\s*\)/ },
  // The same, cut from an instant already turned into text.
  { name: 'now.slice(0, 10)', pattern: /\bnow\.slice\(\s*0\s*,\s*10\s*\)/ },
];

/**
 * Files other people are converting today, each with why it is still here. The goal is
 * an empty list: remove an entry when its file is clean (the test says which are).
 */
const ALLOWED: Record<string, string> = {
  'platform/db/migrations/2026_12_07_1100_records_rights.ts':
    'a shipped migration is frozen: it may not import today’s code, and it is never edited',
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
  });
}

/** Each forbidden shape in a file's text, with its line number. */
function findDateCopies(text: string): { name: string; line: number }[] {
  const found: { name: string; line: number }[] = [];
  text.split('\n').forEach((line, i) => {
    for (const f of FORBIDDEN) if (f.pattern.test(line)) found.push({ name: f.name, line: i + 1 });
  });
  return found;
}

test('the checker finds each forbidden shape, and leaves dates made from a value alone', () => {
  const sample = [
    'const a = new Date();',
    'const b = new Date( );',
    'const c = d.toISOString().slice(0, 10);',
    'const e = now.slice(0,10);',
    "const ok1 = new Date(day + 'T00:00:00Z');",
    'const ok2 = new Date(s.now);',
    'const ok3 = list.slice(0, 10);',
  ].join('\n');
  assert.deepEqual(
    findDateCopies(sample).map((f) => f.line),
    [1, 2, 3, 4],
  );
});

test('"today" and the machine clock have one home: platform/dates.ts and the Clock', (t) => {
  const offenders: string[] = [];
  const cleanButListed: string[] = [];
  for (const file of sourceFiles(srcDir)) {
    const rel = path.relative(srcDir, file).split(path.sep).join('/');
    if (HOME.has(rel)) continue;
    const found = findDateCopies(fs.readFileSync(file, 'utf8'));
    if (found.length === 0) {
      if (ALLOWED[rel]) cleanButListed.push(rel);
      continue;
    }
    if (ALLOWED[rel]) continue;
    for (const f of found) offenders.push(`src/${rel}:${f.line} ${f.name}`);
  }
  // Not a failure, so a colleague's fix never turns this test red; but it asks for the entry to go.
  for (const rel of cleanButListed) t.diagnostic(`${rel} is clean now: remove it from ALLOWED`);
  assert.deepEqual(
    offenders,
    [],
    'Use the request scope’s `now`/`today`, the Clock, or a function of platform/dates.ts instead',
  );
});

test('every allowlist entry says why it is there', (t) => {
  for (const [rel, why] of Object.entries(ALLOWED)) {
    assert.ok(why.trim().split(/\s+/).length >= 5, `${rel} needs a reason`);
    if (!fs.existsSync(path.join(srcDir, rel))) t.diagnostic(`${rel} is gone: remove it from ALLOWED`);
  }
});
