import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSuite, screenshot } from '../harness.ts';
import { expect } from '../pages/expect.ts';
import { NewCase, SignUp } from '../pages/index.ts';
import { Compare, Decision, OpinionForm } from '../pages/opinions.ts';

// A new user writes down three opinions (the first doctor's, a second that refines the
// plan, a third that says something else entirely), reads the side-by-side comparison,
// corrects one rating, and records a decision with its printable summary. Every page is
// checked with axe, on a wide screen and the comparison also on a phone-sized one. The
// same journey runs with JavaScript turned off (the code is then typed, not picked).

const suite = browserSuite();

for (const js of [true, false]) {
  describe(`opinions ${js ? 'with' : 'without'} JavaScript`, () => {
    test('record three opinions, compare them, decide', async () => {
      const { context, page, axe } = await suite.open(js);
      const who = {
        name: 'Nora Quinn',
        email: `nora-${js ? 'js' : 'nojs'}@example.com`,
        password: 'a long walk by the lake',
      };

      await SignUp.open(page);
      await SignUp.submit(page, who);
      await expect.heading(page, 'My cases');
      await page.getByRole('link', { name: 'Start a new case' }).first().click();
      await NewCase.submit(page, {
        patient: 'Nora Quinn (you)',
        diagnosis: 'Breast cancer, left',
        treatment: 'Mastectomy',
        doctor: 'Dr. Ada Lovelace',
        told: '2026-10-01',
        urgency: /Within a few weeks/,
      });
      await expect.heading(page, 'Breast cancer, left');

      // Step 8: the first opinion, started from what the case already says.
      await page.getByRole('link', { name: '8. Write down each opinion' }).first().click();
      await expect.heading(page, 'What each doctor said');
      await expect.text(page, 'No opinions yet');
      await axe.check(page, 'opinions, empty');
      await page.getByRole('link', { name: 'Write down the first opinion' }).click();
      await expect.heading(page, 'Write down an opinion');
      assert.equal(await page.getByLabel('Doctor’s name').inputValue(), 'Dr. Ada Lovelace');
      assert.equal(await page.locator('#dx0_text').inputValue(), 'Breast cancer, left');
      await axe.check(page, 'new opinion (prefilled)');
      await OpinionForm.fill(page, {
        doctor: 'Dr. Ada Lovelace',
        specialty: 'Breast surgeon',
        date: '2026-10-01',
        code: js ? { typed: 'breast cancer left', pick: true } : { typed: 'C50.912' },
        plan: [{ category: 'Surgery', details: 'Mastectomy' }],
        goal: 'To cure the disease',
        question: { q: 'Is it curable?', a: 'Yes, very likely.' },
      });
      if (js) {
        assert.equal(await page.locator('#dx0_code').inputValue(), 'C50.912', 'the autocomplete filled the code');
        await axe.check(page, 'new opinion after the autocomplete');
      }
      await OpinionForm.save(page);
      await expect.heading(page, /Opinion 1: Dr\. Ada Lovelace/);
      await expect.text(page, 'The opinion is saved.');
      await axe.check(page, 'one opinion');

      // The comparison with one opinion says what is missing.
      await page.getByRole('link', { name: 'Compare the opinions' }).click();
      await expect.heading(page, 'Compare the opinions');
      await expect.text(page, 'Only one opinion is written down.');
      await axe.check(page, 'compare with one opinion');

      // The second opinion, with a mistake first.
      await page.goto(new URL(page.url()).pathname.replace(/compare$/, 'opinions'));
      await page.getByRole('link', { name: 'Add another opinion' }).click();
      await expect.heading(page, 'Write down an opinion');
      await page.locator('#dx0_code').fill('C50.99');
      await OpinionForm.save(page);
      await expect.text(page, 'Write the doctor’s name.');
      await expect.text(page, /We do not know the code C50\.99\. Did you mean/);
      await axe.check(page, 'opinion form with errors');
      await OpinionForm.fill(page, {
        doctor: 'Dr. Grace Hopper',
        specialty: 'Oncologist',
        date: '2026-10-15',
        diagnosis: 'Breast cancer, left',
        code: { typed: 'C50.912' },
        plan: [{ category: 'Surgery', details: 'Lumpectomy' }, { category: 'Radiation' }],
        goal: 'To cure the disease',
        urgency: 'Within a few weeks',
        question: { q: 'Is it curable?', a: 'Yes.' },
      });
      await OpinionForm.save(page);
      await expect.heading(page, /Opinion 2: Dr\. Grace Hopper/);

      // The third says something else.
      await page.getByRole('link', { name: 'What each doctor said' }).click();
      await page.getByRole('link', { name: 'Add another opinion' }).click();
      await OpinionForm.fill(page, {
        doctor: 'Dr. Barbara Liskov',
        date: '2026-10-20',
        diagnosis: 'Benign breast cyst',
        plan: [
          {
            category: 'Watchful waiting or active surveillance (check-ups, no treatment yet)',
            details: 'Ultrasound in 6 months',
          },
        ],
        urgency: 'There is no rush',
      });
      await OpinionForm.save(page);
      await expect.heading(page, /Opinion 3: Dr\. Barbara Liskov/);
      await page.getByRole('link', { name: 'What each doctor said' }).click();
      await axe.check(page, 'three opinions');

      // Side by side.
      await page.getByRole('link', { name: 'Compare the opinions' }).first().click();
      await expect.heading(page, 'Compare the opinions');
      await expect.text(page, 'The doctors do not agree. It makes sense to get another opinion.');
      await expect.text(page, 'The doctors do not agree on the treatment.');
      await expect.text(page, /Original Medicare \(Part B\) helps pay for a third opinion/);
      await expect.text(page, /A breast cancer team/);
      await expect.text(page, /Meyer, Singh, Graber/);
      await expect.text(page, /Van Such et al/);
      await page.getByRole('button', { name: 'Start looking for a third opinion' }).first().waitFor();
      const table = page.getByRole('table');
      await table.getByRole('columnheader', { name: /Opinion 3: Dr\. Barbara Liskov/ }).waitFor();
      await table.getByRole('rowheader', { name: 'Is it curable?' }).waitFor();
      await axe.check(page, 'compare three opinions');
      await screenshot(page, `compare-${js ? 'js' : 'nojs'}`);
      await page.setViewportSize({ width: 390, height: 844 });
      await axe.check(page, 'compare three opinions on a phone');
      await screenshot(page, `compare-phone-${js ? 'js' : 'nojs'}`);
      await page.setViewportSize({ width: 1280, height: 900 });

      // The person corrects a rating; it is kept.
      await Compare.correctFirstPairTreatment(page, 'Same treatment plan');
      await expect.text(page, 'Your answers are saved.');
      await expect.text(page, /You chose this. Our rules had said:/);

      // Start a third opinion: a task, and on to finding the doctor.
      await page.getByRole('button', { name: 'Start looking for a third opinion' }).first().click();
      await expect.path(page, /\/cases\/[^/]+\/doctors$/);
      await expect.text(page, 'We added “Find a doctor for a third opinion” to your tasks.');
      await page.goBack();
      await page.reload();

      // Decide.
      await page.getByRole('link', { name: 'Go on to your decision' }).click();
      await expect.heading(page, 'Compare and decide');
      await axe.check(page, 'decision form');
      await page.getByRole('button', { name: 'Save the decision' }).click();
      await expect.text(page, 'Write what you decided.');
      await axe.check(page, 'decision form with errors');
      await Decision.submit(page, {
        choice: 'Lumpectomy and radiation at City Hospital',
        why: 'It keeps the breast, and two doctors agree on the diagnosis.',
        followed: /Opinion 2: Dr\. Grace Hopper/,
        helpers: 'My sister Ana',
        date: '2026-11-02',
      });
      await expect.text(page, 'Your decision is saved. The case is marked as decided.');
      await axe.check(page, 'decision recorded');
      await page.getByRole('link', { name: 'See and print the summary' }).click();
      await expect.heading(page, /Second opinions: Breast cancer, left/);
      await expect.text(page, 'Lumpectomy and radiation at City Hospital');
      await axe.check(page, 'summary');

      await page.goto('/codes/icd10?q=heart+failure');
      await expect.heading(page, 'Find a diagnosis code');
      await expect.text(page, 'I50.9');
      await axe.check(page, 'code lookup');

      await context.close();
      await axe.close();
      assert.deepEqual(axe.problems, [], `axe found problems:\n${JSON.stringify(axe.problems, null, 2)}`);
      assert.ok(axe.pages.length >= 12);
    });
  });
}
