import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSuite, screenshot } from '../harness.ts';
import { expect } from '../pages/expect.ts';
import { fillMemorableDate, NewCase, SignUp } from '../pages/index.ts';

// Issue 10, item 3, as a person lives it: the records checklist's slides item leads to a
// specimen request; a form sent empty says plainly what is missing; the letter to the lab
// is printed; the package is tracked from "asked the lab" to "arrived", with one step
// taken back after a mistake. axe on every page; the same with JavaScript off.

const suite = browserSuite();

for (const js of [true, false]) {
  describe(`specimen request ${js ? 'with' : 'without'} JavaScript`, () => {
    test('from the checklist to a letter to the lab, then the shipment tracked', async () => {
      const { context, page, axe } = await suite.open(js);
      await SignUp.open(page);
      await SignUp.submit(page, {
        name: 'Rosa Diaz',
        email: `rosa-specimens-${js ? 'js' : 'nojs'}@example.com`,
        password: 'my garden has three roses',
      });
      await expect.heading(page, 'My cases');
      await NewCase.startExample(page);

      await page.getByRole('link', { name: '6. Gather your records' }).first().click();
      await expect.heading(page, 'Gather your records');
      await page.getByRole('link', { name: 'Open the checklist' }).click();
      await page.getByRole('button', { name: 'Use this checklist' }).click();
      await expect.text(page, 'ask the lab with a specimen request');
      await page.getByRole('link', { name: 'Ask a lab to send slides or blocks' }).first().click();
      await expect.heading(page, 'Ask a lab to send slides or blocks');
      await expect.text(page, /at least 10 years/);
      await axe.check(page, 'specimen form');

      // Sent with nothing filled in: plain messages, nothing stored.
      await page.getByRole('button', { name: 'Make the letter' }).click();
      await expect.text(page, 'Enter the name of the lab that has the slides or blocks.');
      await expect.text(page, 'Enter the lab’s mailing address, so the letter can reach it.');
      await expect.text(page, 'Enter where the lab should send the slides or blocks.');
      await axe.check(page, 'specimen form with errors');

      await page.getByLabel('Name of the lab or pathology department').fill('Lakeside Hospital Pathology');
      await page.getByLabel('The lab’s mailing address').fill('1 Lake St\nChicago, IL 60601');
      const first = page.getByRole('group', { name: 'Specimen 1' });
      await first.getByLabel('Accession number').fill('S26-1234');
      await first.getByLabel('What to send').selectOption({ label: 'Stained glass slides' });
      await first.getByLabel('How many').fill('3');
      const second = page.getByRole('group', { name: 'Specimen 2' });
      await second.getByLabel('Accession number').fill('S26-1234');
      await second.getByLabel('What to send').selectOption({ label: 'Tissue blocks (paraffin blocks)' });
      await page
        .getByLabel('Pathology department that gives the second opinion')
        .fill('University Cancer Center, Pathology');
      await page.getByLabel('Their mailing address').fill('2 Main St\nBoston, MA 02115');
      await page.getByLabel('Contact person there').fill('Pat Lee');
      await page.getByLabel('Their phone number').fill('617-555-0100');
      await page.getByRole('button', { name: 'Make the letter' }).click();

      await expect.heading(page, 'Slides and blocks from Lakeside Hospital Pathology');
      await expect.text(page, 'Letter not sent yet');
      await axe.check(page, 'specimen request');
      await page.getByRole('link', { name: 'Printable letter' }).click();
      await expect.heading(page, 'Letter to the lab');
      await expect.text(page, 'Accession number S26-1234: Tissue blocks (paraffin blocks). Number: all of them');
      await expect.text(page, 'The contact there is Pat Lee, 617-555-0100.');
      await axe.check(page, 'specimen letter');
      await screenshot(page, `specimen-letter-${js ? 'js' : 'nojs'}`);
      await page.goBack();

      // The shipment: asked the lab, then the lab sent it; that was a mistake, so undo; then it arrived.
      await fillMemorableDate(page, /Date you sent the letter/, '2026-11-20');
      await page.getByRole('button', { name: 'Mark the letter as sent' }).click();
      await expect.text(page, 'Asked on November 20, 2026');
      await page.getByLabel('Tracking number, if they gave one').fill('1Z999');
      await page.getByRole('button', { name: 'Mark as sent by the lab' }).click();
      await expect.text(page, 'Tracking number: 1Z999');
      await axe.check(page, 'specimen request on the way');
      await page.getByRole('button', { name: 'Undo the last step' }).click();
      await expect.text(page, 'The last step was taken back.');
      assert.equal(await page.getByText('Tracking number: 1Z999').count(), 0);
      await page.getByRole('button', { name: 'Mark as arrived' }).click();
      await expect.text(page, 'Marked as arrived. The checklist is updated.');
      await axe.check(page, 'specimen request arrived');
      await screenshot(page, `specimen-arrived-${js ? 'js' : 'nojs'}`);

      // The records page lists it; the task list has no reminder left for it.
      await page.getByRole('link', { name: 'Gather your records' }).first().click();
      await expect.text(page, 'Slides and blocks from Lakeside Hospital Pathology');
      await expect.text(page, 'Arrived');

      await context.close();
      await axe.close();
      assert.deepEqual(axe.problems, [], `axe found problems:\n${JSON.stringify(axe.problems, null, 2)}`);
    });
  });
}
