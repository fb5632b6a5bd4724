import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

// The English catalogue is the area files spread into one object, so a key written in two
// areas silently keeps only the later text: one page would show another page's words.
// (It happened: the comparison and the coverage areas both had content.coverage.partBThird.)

const DIR = path.resolve(import.meta.dirname, '../../src/platform/i18n/messages/en');

test('no message key is defined in two area catalogues', async () => {
  const owner = new Map<string, string>();
  const twice: string[] = [];
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length >= 10);
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(DIR, f)).href)) as Record<string, Record<string, string>>;
    for (const area of Object.values(mod)) {
      for (const key of Object.keys(area)) {
        const other = owner.get(key);
        if (other && other !== f) twice.push(`${key}: ${other} and ${f}`);
        owner.set(key, f);
      }
    }
  }
  assert.deepEqual(twice, []);
});
