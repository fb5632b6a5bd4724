import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startFakeCtGov } from '../../test/features/trials-fake-server.ts';
import { browserSuite, screenshot } from '../harness.ts';
import { expect } from '../pages/expect.ts';
import { choose, startCaseForParent } from '../pages/index.ts';

// Clinical trials for the case's condition, as a helper looks them up for a parent: from
// the case page, the form filled from the case, a wrong ZIP, a search with miles from the
// parent's ZIP, one study saved as a question for the doctor, and ClinicalTrials.gov down. A local fake stands in for ClinicalTrials.gov
// (this machine has no internet). With and without JavaScript; axe on every page.

const fake = await startFakeCtGov();
const suite = browserSuite({ CLINICALTRIALS_URL: fake.url });
after(() => fake.close());

for (const js of [true, false]) {
  describe(`clinical trials ${js ? 'with' : 'without'} JavaScript`, () => {
    test('look up trials from the case, see plain summaries, and a plain message when the site is down', async () => {
      const { context, page, axe } = await suite.open(js);
      const tag = js ? 'js' : 'nojs';

      await startCaseForParent(page, { email: `rosa-trials-${tag}@example.com` });

      await page.getByRole('link', { name: 'Clinical trials for this condition' }).click();
      await expect.heading(page, 'Clinical trials for this condition');
      assert.equal(await page.getByLabel('Condition or disease').inputValue(), 'breast cancer');
      assert.equal(await page.getByLabel('ZIP code').inputValue(), '60614');
      await expect.text(page, 'Joining a trial is your choice.');
      await axe.check(page, 'trials, first visit');

      // A ZIP with four numbers: a clear message, what was typed kept.
      await page.getByLabel('ZIP code').fill('6061');
      await page.getByRole('button', { name: 'Look up trials' }).click();
      await expect.text(page, 'Type a ZIP code with five numbers, like 60614.');
      assert.equal(await page.getByLabel('ZIP code').inputValue(), '6061');
      await axe.check(page, 'trials, bad ZIP');

      await page.getByLabel('ZIP code').fill('60614');
      await choose(page, 'Within 250 miles');
      await page.getByRole('button', { name: 'Look up trials' }).click();
      await expect.text(page, 'We found 57 studies. Here are the first 5.');
      await expect.text(page, /A Study of Toca 511/);
      await expect.text(page, /Sarah Cannon Research Institute — Denver, Colorado, 80218 — United States \(\d+ miles away\)/);
      const link = page.getByRole('link', { name: 'Read more about NCT02576665 on ClinicalTrials.gov' });
      assert.equal(await link.getAttribute('href'), 'https://clinicaltrials.gov/study/NCT02576665');
      await expect.text(page, /Phase 1: tests if a treatment is safe/);
      const sent = fake.requests.at(-1)!;
      assert.equal(sent.searchParams.get('query.cond'), 'breast cancer');
      assert.match(sent.searchParams.get('filter.geo')!, /,250mi\)$/);
      await axe.check(page, 'trials, results');
      await screenshot(page, `trials-results-${tag}`);

      // One study saved as a question for the doctor: back on the same search, then on the list.
      await page.locator('[data-trial="NCT02576665"]').getByRole('button', { name: 'Save to ask my doctor' }).click();
      await expect.text(page, 'We added a question about this trial to your list for the doctor.');
      await expect.text(page, 'We found 57 studies. Here are the first 5.');
      await axe.check(page, 'trials, question saved');
      await page.getByRole('link', { name: 'See your questions for the doctor' }).click();
      await expect.text(page, /Could I join the clinical trial NCT02576665/);
      await page.goBack();

      // ClinicalTrials.gov down: the page says so plainly and the form stays usable.
      await page.getByLabel('Condition or disease').fill('broken');
      await page.getByRole('button', { name: 'Look up trials' }).click();
      await expect.text(page, 'We could not reach ClinicalTrials.gov. Try again later.');
      assert.equal(await page.getByLabel('Condition or disease').inputValue(), 'broken');
      await axe.check(page, 'trials, site down');

      assert.deepEqual(axe.problems, [], `axe found problems:\n${JSON.stringify(axe.problems, null, 2)}`);
      await context.close();
      await axe.close();
    });
  });
}
