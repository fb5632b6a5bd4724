import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { allContentEntries, collectEntries, renderContentReport } from '../../src/platform/content/report.ts';
import { en } from '../../src/platform/i18n/messages/en.ts';
import { loadContentItems } from '../helpers/content-items.ts';

// docs/content-review.md is the one file a reviewer reads: it must list every item the app
// can show, and it must be the file `npm run content:report` writes today.

const REPORT = path.resolve(import.meta.dirname, '../../docs/content-review.md');

test('the committed content report is up to date with the content (run npm run content:report)', () => {
  const committed = fs.readFileSync(REPORT, 'utf8');
  const fresh = renderContentReport();
  if (committed !== fresh) {
    const a = committed.split('\n');
    const b = fresh.split('\n');
    const i = a.findIndex((line, n) => line !== b[n]);
    assert.fail(
      `docs/content-review.md is out of date: run npm run content:report. First difference at line ${i + 1}:\n  committed: ${a[i]}\n  now:       ${b[i]}`,
    );
  }
});

test('the report covers every item of every content file, with its words, source, review date and trigger', async () => {
  const report = renderContentReport();
  const entries = allContentEntries();
  // The report's own list of content files misses none: it finds what the file walker finds.
  const { items } = await loadContentItems();
  assert.deepEqual(entries.map((e) => e.id).sort(), items.map((i) => String(i.item.id)).sort());
  assert.ok(entries.length > 600, `${entries.length} items`);
  const missing: string[] = [];
  for (const { id, item } of entries) {
    if (!report.includes(`\`${id}\``)) missing.push(`${id}: id`);
    const source = item.source as { url: string };
    if (!report.includes(source.url.replace(/[()\s]/g, (c) => encodeURIComponent(c)))) missing.push(`${id}: source`);
    if (typeof item.text === 'string') {
      const words = (en as Record<string, string>)[item.text]!.replace(/\s+/g, ' ').replace(/([\\`*_[\]|<>])/g, '\\$1');
      if (!report.includes(words)) missing.push(`${id}: words`);
    }
  }
  assert.deepEqual(missing, []);
  assert.match(report, /- Reviewed: 2026-12-07/);
  assert.doesNotMatch(report, /\*\*no trigger\*\*|\*\*never\*\*|\*\*none\*\*|missing from the catalogue/);
});

test('the report says so when an item has no source, no review date or no trigger, and keeps placeholders', () => {
  const entries = collectEntries({ X: [{ id: 'fake.one', text: 'records.letter.identity' }] }, 'reasons.ts');
  const report = renderContentReport(entries);
  assert.match(report, /My name is \{name\}\. My date of birth is \{dob\}\./);
  assert.match(report, /Source: \*\*none\*\*/);
  assert.match(report, /Reviewed: \*\*never\*\*/);
  assert.match(report, /Shown: \*\*no trigger\*\*/);
});
