import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { importNppes, importNucc } from '../../src/features/doctors/directory-import.ts';
import { migrateToLatest, openDatabase } from '../../src/platform/db/database.ts';
import { browserSuite, screenshot } from '../harness.ts';
import { expect } from '../pages/expect.ts';
import { startCaseForParent } from '../pages/index.ts';

// Step 5, the national directory: a new user searches for a specialist near the patient's
// ZIP code and saves one as a doctor to consider, with and without JavaScript, every page
// checked with axe. The app runs on a SQLite file seeded here through the import
// functions (the same code the CLI runs), before the app starts.

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'test', 'fixtures');
const dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'so-e2e-directory-')), 'directory.db');

// Seeded at load time, so the file is whole before the suite's app opens it.
{
  const handle = openDatabase({ kind: 'sqlite', file: dbFile });
  try {
    await migrateToLatest(handle.db, handle.schema);
    await importNppes(handle.db, path.join(FIXTURES, 'nppes-slice.csv'));
    await importNucc(handle.db, path.join(FIXTURES, 'nucc-made-up.csv'));
  } finally {
    await handle.close();
  }
}

const suite = browserSuite({ DATABASE_URL: `sqlite:${dbFile}` });

for (const js of [true, false]) {
  describe(`the specialist directory ${js ? 'with' : 'without'} JavaScript`, () => {
    test('search near the patient and save a doctor to consider', async () => {
      const { context, page, axe } = await suite.open(js);
      const tag = js ? 'js' : 'nojs';
      const caseUrl = await startCaseForParent(page, {
        email: `rosa-dir-${tag}@example.com`,
        zip: '68845',
        diagnosis: 'A torn tendon in the shoulder',
        treatment: 'Shoulder surgery',
      });

      await page.goto(`${caseUrl}/doctors/find`);
      await page.getByRole('link', { name: 'Search the national list of doctors by specialty and distance' }).click();
      await expect.heading(page, 'Search the national list of doctors');
      assert.equal(await page.getByLabel('ZIP code').inputValue(), '68845');
      await axe.check(page, 'directory search form');

      await page.getByLabel('ZIP code').fill('123');
      await page.getByLabel('Specialty').fill('orthopaedic');
      await page.locator('form[role="search"]').evaluate((f) => f.setAttribute('novalidate', ''));
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect.text(page, 'Type a ZIP code with 5 numbers.');
      await axe.check(page, 'directory search with an error');

      await page.getByLabel('ZIP code').fill('68845');
      await page.getByLabel('How far').selectOption('10');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect.text(page, '1 found, nearest first.');
      await expect.text(page, 'DAVID A WIEBE, M.D.');
      await expect.text(page, 'NPI number: 1679576722');
      await axe.check(page, 'directory results');
      await screenshot(page, `directory-results-${tag}`);

      await page.getByRole('button', { name: /Save as a doctor to consider/ }).click();
      await expect.heading(page, 'Add a doctor');
      assert.equal(await page.getByLabel('Doctor’s name').inputValue(), 'DAVID A WIEBE, M.D.');
      await axe.check(page, 'add a doctor from the directory');
      await page.getByRole('button', { name: 'Save the doctor' }).click();
      await expect.text(page, 'The doctor is on your list.');
      await expect.text(page, 'DAVID A WIEBE, M.D.');

      assert.deepEqual(axe.problems, [], `axe found problems:\n${JSON.stringify(axe.problems, null, 2)}`);
      await axe.close();
      await context.close();
    });
  });
}
