import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startFakeCtGov } from '../../test/features/trials-fake-server.ts';
import { browserSuite, screenshot } from '../harness.ts';
import { expect } from '../pages/expect.ts';
import { startCaseForParent } from '../pages/index.ts';
import { TrialsPage } from '../pages/trials.ts';

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

      await TrialsPage.openFromCase(page);
      assert.equal(await TrialsPage.condition(page), 'breast cancer');
      assert.equal(await TrialsPage.zip(page), '60614');
      await expect.text(page, 'Joining a trial is your choice.');
      await axe.check(page, 'trials, first visit');

      // A ZIP with four numbers: a clear message, what was typed kept.
      await TrialsPage.search(page, { zip: '6061' });
      await expect.text(page, 'Type a ZIP code with five numbers, like 60614.');
      assert.equal(await TrialsPage.zip(page), '6061');
      await axe.check(page, 'trials, bad ZIP');

      await TrialsPage.search(page, { zip: '60614', within: 'Within 250 miles' });
      await expect.text(page, 'We found 57 studies. Here are the first 5.');
      await expect.text(page, /A Study of Toca 511/);
      await expect.text(
        page,
        /Sarah Cannon Research Institute — Denver, Colorado, 80218 — United States \(\d+ miles away\)/,
      );
      const link = TrialsPage.studyLink(page, 'NCT02576665');
      assert.equal(await link.getAttribute('href'), 'https://clinicaltrials.gov/study/NCT02576665');
      await expect.text(page, /Phase 1: tests if a treatment is safe/);
      const sent = fake.requests.at(-1)!;
      assert.equal(sent.searchParams.get('query.cond'), 'breast cancer');
      assert.match(sent.searchParams.get('filter.geo')!, /,250mi\)$/);
      await axe.check(page, 'trials, results');
      await screenshot(page, `trials-results-${tag}`);

      // One study saved as a question for the doctor: back on the same search, then on the list.
      await TrialsPage.saveAsQuestion(page, 'NCT02576665');
      await expect.text(page, 'We added a question about this trial to your list for the doctor.');
      await expect.text(page, 'We found 57 studies. Here are the first 5.');
      await axe.check(page, 'trials, question saved');
      await TrialsPage.openQuestions(page);
      await expect.text(page, /Could I join the clinical trial NCT02576665/);
      await page.goBack();

      // ClinicalTrials.gov down: the page says so plainly and the form stays usable.
      await TrialsPage.search(page, { condition: 'broken' });
      await expect.text(page, 'We could not reach ClinicalTrials.gov. Try again later.');
      assert.equal(await TrialsPage.condition(page), 'broken');
      await axe.check(page, 'trials, site down');

      assert.deepEqual(axe.problems, [], `axe found problems:\n${JSON.stringify(axe.problems, null, 2)}`);
      await context.close();
      await axe.close();
    });
  });
}
