import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSuite, screenshot } from '../harness.ts';
import { expect } from '../pages/expect.ts';
import { SignUp } from '../pages/index.ts';

// The diagnosis code page (issue 10, item 8): everyday words find the plain code, the year
// of the list is named, a code no longer used is explained instead of offered, and words no
// code uses are named. With and without JavaScript; axe on every page.

const suite = browserSuite();

for (const js of [true, false]) {
  describe(`code search ${js ? 'with' : 'without'} JavaScript`, () => {
    test('people’s words, the year of the list, a retired code, and words left out', async () => {
      const { context, page, axe } = await suite.open(js);
      const tag = js ? 'js' : 'nojs';
      await SignUp.open(page);
      await SignUp.submit(page, {
        name: 'Rosa Diaz',
        email: `rosa-codes-${tag}@example.com`,
        password: 'my garden has three roses',
      });
      await expect.heading(page, 'My cases');

      await page.goto('/codes/icd10');
      await expect.heading(page, 'Find a diagnosis code');
      await expect.text(
        page,
        'Codes from the ICD-10-CM list for FY2027. That list is used for care from October 1, 2026 to September 30, 2027.',
      );
      await axe.check(page, 'code page');

      await page.getByLabel('Words or code').fill('my dad had a heart attack');
      await page.getByRole('button', { name: 'Search' }).click();
      const firstRow = page.locator('tbody tr').first();
      assert.match((await firstRow.textContent()) ?? '', /I21\.9\s*Acute myocardial infarction, unspecified/);
      await axe.check(page, 'code results');
      await screenshot(page, `codes-heart-attack-${tag}`);

      // A code FY2024 had and FY2027 deleted: explained, not offered.
      await page.goto('/codes/icd10?q=S30.1XXA');
      await expect.text(
        page,
        /S30\.1XXA\s*Contusion of abdominal wall, initial encounter \(no longer used: listed in FY2024, not in FY2027\)/,
      );
      await expect.text(page, 'This code is no longer in use, so it is not offered for new entries.');
      assert.equal(await page.locator('tbody tr').count(), 0);
      await axe.check(page, 'retired code');
      await screenshot(page, `codes-retired-${tag}`);

      await page.goto('/codes/icd10?q=Z99.99999');
      await expect.text(page, 'No codes match “Z99.99999”. Try fewer or other words.');

      await page.goto('/codes/icd10?q=C99.9');
      await expect.text(page, 'No ICD-10-CM list we have has the code C99.9. Check it, or search with words.');
      await axe.check(page, 'unknown code');

      await page.goto('/codes/icd10?q=kidney+zorblax+stones');
      await expect.text(page, 'No code uses these words, so we left them out: zorblax.');
      assert.match((await page.locator('tbody tr').first().textContent()) ?? '', /N20\.0/);
      await axe.check(page, 'ignored word');

      assert.deepEqual(axe.problems, [], `axe found problems:\n${JSON.stringify(axe.problems, null, 2)}`);
      await context.close();
      await axe.close();
    });
  });
}
