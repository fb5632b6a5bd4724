import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { browserSuite, screenshot } from '../harness.ts';
import { expect } from '../pages/expect.ts';
import { Nav, NewCase, SignUp } from '../pages/index.ts';
import { Upload } from '../pages/records.ts';
import { ShareForm } from '../pages/sharing.ts';

// Issue 18 items 2 and 4, walked in a browser: a signed-out visit to a case goes to sign-in
// and back to that case; the sharing page warns that a localhost link will not open for a
// doctor elsewhere; a link not copied is replaced in one click and shown again with the
// doctor's note, the old one turned off. With and without JavaScript, axe on every page.

const suite = browserSuite();

async function reportPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText('Pathology report.', { x: 50, y: 750, size: 12, font });
  return Buffer.from(await doc.save());
}

for (const js of [true, false]) {
  describe(`the caregiver's links ${js ? 'with' : 'without'} JavaScript`, () => {
    test('signed out to a case and back; a lost link replaced in one click', async () => {
      const { context, page, axe } = await suite.open(js);
      page.on('dialog', (dialog) => void dialog.accept());
      const who = {
        name: 'Dana Helper',
        email: `dana-${js ? 'js' : 'nojs'}@example.com`,
        password: 'helping my mother today',
      };
      await SignUp.open(page);
      await SignUp.submit(page, who);
      await expect.heading(page, 'My cases');
      const caseId = await NewCase.startExample(page);
      await Upload.open(page, `/cases/${caseId}/records`);
      await Upload.send(page, [{ name: 'report.pdf', mimeType: 'application/pdf', buffer: await reportPdf() }], js);

      // ---- item 4: signed out, the case's address leads to sign-in and back ----
      await Nav.signOut(page);
      await page.goto(`/cases/${caseId}/sharing`);
      await expect.heading(page, 'Sign in');
      await axe.check(page, 'sign in from a case address');
      await page.getByLabel('Email address').fill(who.email);
      await page.getByLabel('Password').fill(who.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.path(page, new RegExp(`/cases/${caseId}/sharing$`));
      await expect.heading(page, 'Send your records');

      // ---- item 2: the warning before a link is made ----
      await expect.text(page, 'A doctor at another place cannot open links from this app yet');
      await axe.check(page, 'sharing with the localhost warning');
      await page.getByRole('link', { name: 'Share with a doctor' }).click();
      await expect.text(page, 'A doctor at another place cannot open links from this app yet');
      await ShareForm.submit(page, { doctor: 'Dr. Nora Far', days: 30, code: true });
      const first = await ShareForm.read(page);
      await page.reload();
      await ShareForm.expectShownOnce(page);
      await axe.check(page, 'shown once, with the way back');
      await page.getByRole('button', { name: 'Make a new link for Dr. Nora Far in its place' }).click();
      await expect.heading(page, 'Your link is ready');
      const second = await ShareForm.read(page);
      assert.notEqual(second.url, first.url);
      assert.ok(second.code, 'a new access code');
      await expect.text(page, 'For Dr. Nora Far: how to open the records');
      assert.ok(
        (await page.locator('.so-how-to-open').innerText()).includes(second.url),
        'the note carries the new link',
      );
      await axe.check(page, 'the new link');
      await screenshot(page, `caregiver-replaced-link-${js ? 'js' : 'nojs'}`);
      const origin = new URL(page.url()).origin;
      const old = await context.request.get(`${origin}${new URL(first.url).pathname}`);
      assert.equal(old.status(), 404, 'the old link is off');
      const fresh = await context.request.get(`${origin}${new URL(second.url).pathname}`);
      assert.equal(fresh.status(), 200, 'the new link opens');

      await axe.close();
      assert.deepEqual(axe.problems, [], JSON.stringify(axe.problems, null, 2));
      await context.close();
    });
  });
}
