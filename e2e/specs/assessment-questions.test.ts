import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, e2eDir, screenshot } from '../harness.ts';
import { expect } from '../pages/expect.ts';
import { choose, NewCase, SignUp } from '../pages/index.ts';

// Steps 2 and 3 as a new user meets them: the second-opinion check, one question per page,
// then the questions to ask — add, change, reorder, mark, remove, print, download, and
// write down a doctor's answers. Every page is checked with axe, and the whole journey runs
// again with JavaScript turned off.

const suite = browserSuite();

const Check = {
  async next(page: Page) {
    await page.getByRole('button', { name: 'Continue' }).click();
  },
  async answer(page: Page, question: string | RegExp, choice: string | RegExp) {
    await expect.heading(page, question);
    await choose(page, choice);
    await Check.next(page);
  },
};

/** The questions on the list, in order, as the page shows them. */
async function listed(page: Page): Promise<string[]> {
  return page.locator('.so-question__text').allInnerTexts();
}

for (const js of [true, false]) {
  describe(`steps 2 and 3 ${js ? 'with' : 'without'} JavaScript`, () => {
    test('the second-opinion check, then the questions to ask', async () => {
      const tag = js ? 'js' : 'nojs';
      const { context, page, axe } = await suite.open(js);
      const who = { name: 'Grace Park', email: `grace-${tag}@example.com`, password: 'tulips along the fence' };

      await SignUp.open(page);
      await SignUp.submit(page, who);
      await expect.heading(page, 'My cases');
      await page.getByRole('link', { name: 'Start a new case' }).first().click();
      // The seed article's first scenario: grim news and "start right away".
      await NewCase.submit(page, {
        patient: `${who.name} (you)`,
        diagnosis: 'Breast cancer, stage 2',
        treatment: 'Mastectomy next week',
        doctor: 'Dr. Ada Lovelace',
        told: '2026-11-20',
        urgency: /Right away/,
      });
      await expect.heading(page, 'Breast cancer, stage 2');

      // ---------- step 2: should I get a second opinion? ----------
      await page.getByRole('link', { name: '2. Should I get a second opinion?' }).first().click();
      await expect.heading(page, 'Should I get a second opinion?');
      await axe.check(page, 'check: start');
      await page.getByRole('link', { name: 'Start the check' }).click();

      await expect.heading(page, 'Is any of these happening right now?');
      await expect.text(page, 'Trouble breathing, short of breath, or choking');
      await axe.check(page, 'check: emergency question');
      await Check.answer(page, 'Is any of these happening right now?', 'No, none of these is happening now');

      // Forgetting to choose: the page says so, in plain words.
      await expect.heading(page, 'What did the doctor tell you about the illness?');
      await Check.next(page);
      await expect.text(page, 'Choose what the doctor told you.');
      await axe.check(page, 'check: question with an error');
      await choose(page, 'It is serious, or it will change my life');
      await Check.next(page);

      // The case said "Mastectomy": surgery is already ticked, and the page says so.
      await expect.heading(page, 'What is true about the treatment the doctor suggested?');
      await expect.text(page, 'We filled this in from what you told us about the case.');
      assert.equal(
        await page.getByRole('checkbox', { name: 'It is surgery, or another big procedure' }).isChecked(),
        true,
      );
      await axe.check(page, 'check: several choices');
      await Check.next(page);

      await Check.answer(page, 'Are you already being treated for this?', 'No, treatment has not started');
      // Back goes to the question before, with its answer kept.
      await expect.heading(page, 'Does the doctor take your symptoms seriously?');
      await page.getByRole('link', { name: 'Back', exact: true }).click();
      await expect.heading(page, 'Are you already being treated for this?');
      assert.equal(await page.getByRole('radio', { name: 'No, treatment has not started' }).isChecked(), true);
      await Check.next(page);
      await Check.answer(
        page,
        'Does the doctor take your symptoms seriously?',
        'Yes, the doctor listens and looks into them',
      );
      await Check.answer(page, /do you still feel that something is wrong\?/, 'I am not sure');
      await expect.heading(page, 'How soon does the doctor want treatment to start?');
      assert.equal(await page.getByRole('radio', { name: 'Right away (within days)' }).isChecked(), true);
      await Check.next(page);

      await expect.heading(page, 'Check your answers');
      await expect.text(page, 'It is serious, or it will change my life');
      await axe.check(page, 'check: review');
      await page.getByRole('button', { name: 'See my result' }).click();

      await expect.heading(page, 'A second opinion is a good idea');
      await expect.text(page, 'How long is it safe to wait before I start treatment?');
      await expect.text(page, 'How to get a second opinion quickly');
      await expect.text(page, 'You do not need your doctor’s permission to get a second opinion.');
      await expect.text(page, 'But some health plans need a referral or an approval before they pay for the visit.');
      await expect.text(page, 'A serious or life-changing diagnosis');
      await axe.check(page, 'check: result');
      await screenshot(page, `check-result-${tag}`);

      // ---------- step 3: questions to ask ----------
      await page.getByRole('link', { name: /Go to this step.*Write down your questions/ }).click();
      await expect.heading(page, 'Questions to ask');
      await expect.text(page, 'What is my diagnosis? Can you write it down for me?');
      await expect.text(page, 'Should another lab look at my biopsy slides to check the diagnosis?');
      await expect.text(page, 'What could happen if I do not have the surgery?');
      await axe.check(page, 'questions: list');
      const start = await listed(page);
      const n = start.length;
      assert.ok(n >= 15, `a tailored list, got ${n}`);

      // Adding nothing is refused; then a question of our own, marked most important.
      await page.getByRole('button', { name: 'Add to my list' }).click();
      await expect.text(page, 'Write your question.');
      await axe.check(page, 'questions: add with an error');
      await page.getByLabel('Your question').fill('Can my son join the visit by phone?');
      await choose(page, 'This is one of my most important questions');
      await page.getByRole('button', { name: 'Add to my list' }).click();
      await expect.text(page, 'Your question is on the list.');
      assert.equal((await listed(page)).at(-1), 'Most important Can my son join the visit by phone?');

      // Up one place, with a plain form post.
      await page.getByRole('button', { name: `Move up (question ${n + 1})` }).click();
      await expect.text(page, 'The order is changed.');
      assert.equal((await listed(page)).at(-2), 'Most important Can my son join the visit by phone?');

      // Mark another, change the words of the first, remove the second.
      await page.getByRole('button', { name: 'Mark as most important (question 6)' }).click();
      await expect.text(page, 'Saved.');
      await page.getByRole('link', { name: 'Change the words (question 1)' }).click();
      await expect.heading(page, 'Change a question');
      await axe.check(page, 'questions: change one');
      await page.getByLabel('Your question').fill('What is the name of my illness, in plain words?');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect.text(page, 'The question is saved.');
      const second = (await listed(page))[1]!;
      await page.getByRole('button', { name: 'Remove (question 2)' }).click();
      await expect.text(page, 'The question was taken off your list.');
      const now = await listed(page);
      assert.equal(now[0], 'What is the name of my illness, in plain words?');
      assert.ok(!now.includes(second));
      assert.equal(now.length, n);

      // The large-print sheet, most important first.
      await page.getByRole('link', { name: 'Print a large-print sheet' }).click();
      await expect.heading(page, 'Questions to ask the doctor');
      await expect.text(page, 'Most important questions');
      await axe.check(page, 'questions: print sheet');
      await screenshot(page, `questions-sheet-${tag}`);
      if (js) {
        await page.emulateMedia({ media: 'print' });
        await screenshot(page, 'questions-sheet-printed');
        const dir = path.join(e2eDir, 'artifacts');
        await page.pdf({
          path: path.join(dir, 'questions-sheet-printed.pdf'),
          format: 'Letter',
          margin: { top: '0.5in', bottom: '0.5in', left: '0.5in', right: '0.5in' },
        });
        await page.emulateMedia({ media: 'screen' });
      }
      // The PDF download.
      const pdfHref = await page.getByRole('link', { name: 'Download the sheet as a PDF' }).getAttribute('href');
      const pdf = await context.request.get(pdfHref!);
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      const bytes = await pdf.body();
      assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
      fs.mkdirSync(path.join(e2eDir, 'artifacts'), { recursive: true });
      fs.writeFileSync(path.join(e2eDir, 'artifacts', `questions-sheet-${tag}.pdf`), bytes);

      // Writing down a doctor's answers.
      await page.getByRole('link', { name: 'Back to your list' }).click();
      await page.getByRole('link', { name: 'Write down a doctor’s answers' }).click();
      await expect.heading(page, 'Doctors’ answers');
      assert.equal(await page.getByLabel('Doctor’s name').inputValue(), 'Dr. Ada Lovelace');
      await axe.check(page, 'answers: doctors');
      await page.getByRole('button', { name: 'Add this doctor' }).click();
      await expect.heading(page, 'Answers from Dr. Ada Lovelace');
      await axe.check(page, 'answers: one doctor');
      await page
        .getByLabel('1. What is the name of my illness, in plain words?')
        .fill('Cancer in the milk ducts, found early.');
      await page.getByRole('button', { name: 'Save the answers' }).click();
      await expect.text(page, 'The answers are saved.');
      await expect.text(page, 'Cancer in the milk ducts, found early.');
      await axe.check(page, 'answers: all');

      // The list is ready: step 3 is done on the case page.
      await page.getByRole('link', { name: 'Questions to ask' }).first().click();
      await page.getByRole('button', { name: 'My list is ready' }).click();
      await expect.text(page, 'This step is marked done.');
      await page.getByRole('link', { name: 'Back to the case and all its steps' }).click();
      const steps = await page.locator('.usa-process-list').innerText();
      assert.match(steps, /2\. Should I get a second opinion\?[\s\S]*?Done/);
      assert.match(steps, /3\. Questions to ask[\s\S]*?Done/);

      // An emergency: the first thing shown is to get care now.
      await page.getByRole('link', { name: '2. Should I get a second opinion?' }).first().click();
      await page.getByRole('link', { name: 'Change your answers' }).click();
      await page.getByRole('link', { name: /Change\s+your answer to: Is any of these happening right now\?/ }).click();
      await expect.heading(page, 'Is any of these happening right now?');
      await choose(page, 'Yes, one or more of these is happening now');
      await page.getByRole('button', { name: 'Save and go back to your answers' }).click();
      await expect.heading(page, 'Get emergency care now');
      const firstInMain = await page.locator('main > :not(nav)').first().innerText();
      assert.match(firstInMain, /^Get emergency care now\s+Call 911 now, or go to the nearest emergency room\./);
      await axe.check(page, 'check: emergency result');
      await screenshot(page, `check-emergency-${tag}`);

      await context.close();
      await axe.close();
      assert.deepEqual(axe.problems, [], `axe found problems:\n${JSON.stringify(axe.problems, null, 2)}`);
      assert.equal(axe.pages.length, 14);
    });
  });
}
