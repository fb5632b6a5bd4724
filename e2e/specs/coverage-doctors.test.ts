import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, screenshot } from '../harness.ts';
import { expect } from '../pages/expect.ts';
import { choose, fillMemorableDate, Nav, startCaseForParent } from '../pages/index.ts';

// Steps 4 and 5 and the task list, as a new user walks them: check the insurance (with a
// call written down, and a failed save that keeps what was typed), ask for a referral
// (the letter), find names on one's own (the cancer centers), add a doctor and an
// appointment, then see what is due on the dashboard. Every page is checked with axe;
// the same walk runs with JavaScript turned off.

const suite = browserSuite();

/** A date some days from today on this machine's clock, as YYYY-MM-DD. */
function inDays(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function openStep(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('link', { name }).first().click();
}

for (const js of [true, false]) {
  describe(`insurance, choosing a doctor and tasks ${js ? 'with' : 'without'} JavaScript`, () => {
    test('walk steps 4 and 5, then see what is due', async () => {
      const { context, page, axe } = await suite.open(js);
      const tag = js ? 'js' : 'nojs';

      const caseUrl = await startCaseForParent(page, { email: `rosa-cd-${tag}@example.com` });

      // ---------- step 4: insurance ----------
      await openStep(page, /4\. Check your insurance/);
      await expect.heading(page, 'Check your insurance');
      await axe.check(page, 'coverage, no plan yet');
      await page.getByRole('link', { name: 'Your health plan' }).click();
      await expect.heading(page, 'Your health plan');
      await axe.check(page, 'plan form');
      await choose(page, 'Medicare Advantage HMO');
      await page.getByLabel('Name of the insurance company or plan').fill('Acme Health');
      await page.getByLabel('Member ID').fill('QZX9087612345');
      await page.getByLabel('Phone number for members').fill('1-800-555-0100');
      await page.getByRole('button', { name: 'Save the plan' }).click();
      await expect.text(page, 'The plan is saved');
      await expect.text(page, 'A Medicare Advantage plan must cover all that Original Medicare covers.');
      await expect.text(page, 'Ask the plan for an appeal within 60 days of the date on that letter.');
      await expect.text(page, '••••2345');
      await axe.check(page, 'coverage with rules');

      await page.getByRole('link', { name: 'Open the call script' }).click();
      await expect.heading(page, 'Call script');
      await expect.text(page, 'The member ID is QZX9087612345.');
      await expect.text(page, 'If I get a referral, do I still need approval first?');
      await axe.check(page, 'call script');
      await screenshot(page, `call-script-${tag}`);

      await page.getByRole('link', { name: 'Write down this call now' }).click();
      await expect.heading(page, 'Write down a call');
      await axe.check(page, 'call form');
      await page.getByLabel('Time of the call').fill('2:35 PM');
      await page.getByLabel('Name of the person you spoke to').fill('Dana');
      await page.getByLabel('Reference number for the call').fill('REF-55521');
      await page.getByRole('button', { name: 'Save this call' }).click();
      // Nothing said yet: refused, and everything typed is still there.
      await expect.text(page, 'Write what they said, even a few words.');
      assert.equal(await page.getByLabel('Reference number for the call').inputValue(), 'REF-55521');
      assert.equal(await page.getByLabel('Name of the person you spoke to').inputValue(), 'Dana');
      await axe.check(page, 'call form with errors');
      await page.getByLabel('What did they say?').fill('A referral is needed, and approval first.');
      await page.getByLabel('What needs to happen next?').fill('Call back about the approval');
      await fillMemorableDate(page, /By when\?/, inDays(5));
      await page.getByRole('button', { name: 'Save this call' }).click();
      await expect.text(page, 'The follow-up is on your task list.');
      await expect.text(page, 'REF-55521');
      await expect.text(page, 'A referral is needed, and approval first.');

      await page.getByRole('link', { name: 'Update the approval' }).click();
      await expect.heading(page, 'Approval first (prior authorization)');
      await choose(page, 'Denied');
      await fillMemorableDate(page, /Last day to appeal/, inDays(60));
      await axe.check(page, 'prior authorization form');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect.text(page, 'The plan said no. What you can do');
      await axe.check(page, 'coverage with a denial');

      // Original Medicare instead: no network, and the call goes to the second doctor's office.
      await page.getByRole('link', { name: 'Change the plan details' }).click();
      await choose(page, 'Original Medicare (Part A and Part B)');
      await page.getByRole('button', { name: 'Save the plan' }).click();
      await expect.text(page, 'Original Medicare has no network.');
      await expect.text(
        page,
        'If the second opinion is different from the first one, Part B also helps pay for a third opinion.',
      );
      await axe.check(page, 'coverage, Original Medicare');
      await screenshot(page, `coverage-original-medicare-${tag}`);
      await page.getByRole('link', { name: 'Open the call script' }).click();
      await expect.text(page, 'Call the office of the doctor who will give the second opinion.');
      await expect.text(page, '1-800-MEDICARE (1-800-633-4227)');
      await expect.text(page, 'Does the doctor accept Medicare assignment?');
      assert.equal(
        await page.getByText('Number to call: 1-800-555-0100').count(),
        0,
        'no member line of the earlier plan',
      );
      await axe.check(page, 'call script, Original Medicare');
      await screenshot(page, `call-script-original-medicare-${tag}`);

      // ---------- step 5: the path and the doctor ----------
      await page.goto(caseUrl);
      await openStep(page, /5\. Choose a doctor/);
      await expect.heading(page, 'Choose a doctor');
      await expect.text(page, 'You do not need your doctor’s permission to get a second opinion.');
      await axe.check(page, 'choose a doctor');
      await choose(page, 'Ask my own doctor for a referral');
      await page.getByRole('button', { name: 'Save my choice' }).click();
      await expect.heading(page, 'Ask your doctor for a referral');
      const letter = await page.getByLabel('The letter').inputValue();
      assert.match(letter, /Dear Dr\. Sam Okafor,/);
      assert.match(letter, /Stage 2 breast cancer/);
      await axe.check(page, 'referral letter');
      await page.getByLabel('The letter').fill(`${letter}\n\nP.S. Dr. Hopper was suggested to me.`);
      await page.getByRole('button', { name: 'Save the letter' }).click();
      await expect.text(page, 'The letter is saved.');
      await page.getByRole('link', { name: 'Open the letter to print' }).click();
      await expect.text(page, 'P.S. Dr. Hopper was suggested to me.');
      await axe.check(page, 'letter to print');
      await page.emulateMedia({ media: 'print' });
      await screenshot(page, `referral-letter-print-${tag}`);
      await page.emulateMedia({ media: 'screen' });

      await page.goto(`${caseUrl}/doctors/find`);
      await expect.heading(page, 'Find a doctor on your own');
      await expect.text(page, 'Showing Illinois, from the ZIP code on the profile.');
      await axe.check(page, 'find a doctor, cancer centers');
      await page.getByLabel('Show centers in').selectOption({ label: 'Texas' });
      await page.getByRole('button', { name: 'Show', exact: true }).click();
      await expect.text(page, 'MD Anderson');
      await page.getByRole('link', { name: /Add to my list\s*: .*MD Anderson/ }).click();
      await expect.heading(page, 'Add a doctor');
      assert.match(await page.getByLabel('Practice or hospital').inputValue(), /MD Anderson/);
      await page.getByRole('button', { name: 'Save the doctor' }).click();
      await expect.text(page, 'Write the doctor’s name.');
      await axe.check(page, 'add a doctor with errors');
      await page.getByLabel('Doctor’s name').fill('Dr. Grace Hopper');
      await page.getByLabel('Specialty').fill('Breast surgery');
      await page.getByRole('button', { name: 'Save the doctor' }).click();
      await expect.text(page, 'The doctor is on your list.');

      await page.getByRole('link', { name: /Add an appointment\s*: Dr\. Grace Hopper/ }).click();
      await expect.heading(page, 'Add an appointment with Dr. Grace Hopper');
      await fillMemorableDate(page, /Date of the appointment/, inDays(-1));
      await page.getByLabel('Time', { exact: false }).first().fill('10:30 AM');
      await choose(page, 'By video');
      await page.getByRole('button', { name: 'Save the appointment' }).click();
      await expect.text(page, 'This date has already passed. Enter today or a later date.');
      await axe.check(page, 'appointment with errors');
      await fillMemorableDate(page, /Date of the appointment/, inDays(10));
      await page.getByRole('button', { name: 'Save the appointment' }).click();
      await expect.text(page, 'The appointment is saved.');
      await expect.text(page, 'By video');
      await axe.check(page, 'choose a doctor with a candidate and a visit');

      // ---------- tasks and the dashboard ----------
      await page.goto(`${caseUrl}/tasks`);
      await expect.heading(page, 'Tasks and dates');
      await expect.text(page, /Follow up on the call of .*: Call back about the approval/);
      await expect.text(page, 'Get ready for the visit with Dr. Grace Hopper');
      await axe.check(page, 'tasks');
      await page.getByRole('button', { name: /Mark done\s*: Appeal the denial/ }).click();
      await expect.text(page, 'Marked done.');
      const calendar = await page.request.get(`${caseUrl}/calendar.ics`);
      assert.equal(calendar.status(), 200);
      assert.match(await calendar.text(), /SUMMARY:Video visit with Dr\. Grace Hopper/);

      await Nav.go(page, 'My cases');
      await expect.heading(page, 'My cases');
      await expect.text(page, 'What is due');
      await expect.text(page, /Due in \d+ days?/);
      await expect.text(page, 'Stage 2 breast cancer · for Elena Diaz');
      await axe.check(page, 'dashboard with what is due');
      await screenshot(page, `dashboard-due-${tag}`);

      await context.close();
      await axe.close();
      assert.deepEqual(axe.problems, [], `axe found problems:\n${JSON.stringify(axe.problems, null, 2)}`);
      assert.ok(axe.pages.length >= 16);
    });
  });
}
