import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { png } from '../../test/helpers/records.ts';
import { browserSuite, screenshot } from '../harness.ts';
import { expect } from '../pages/expect.ts';
import { NewCase, SignUp } from '../pages/index.ts';
import { PacketPage } from '../pages/packet.ts';
import { Upload } from '../pages/records.ts';

// Step 7's packet as a new user makes it: a case, a two-page PDF report and a photo
// uploaded through the browser, the packet page (axe-clean), and the PDF downloaded:
// cover + index + 2 report pages + 1 photo page. With and without JavaScript; without it,
// unticking every file shows a plain error instead of a download.

const suite = browserSuite();

async function reportPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const line of ['Surgical pathology report', 'Page two of the report'])
    doc.addPage().drawText(line, { x: 50, y: 750, size: 14, font });
  return Buffer.from(await doc.save());
}

for (const js of [true, false]) {
  describe(`records packet ${js ? 'with' : 'without'} JavaScript`, () => {
    test('choose files, read the summary, download the PDF', async () => {
      const { context, page, axe } = await suite.open(js);
      await SignUp.open(page);
      await SignUp.submit(page, {
        name: 'Rosa Diaz',
        email: `rosa-packet-${js ? 'js' : 'nojs'}@example.com`,
        password: 'my garden has three roses',
      });
      await expect.heading(page, 'My cases');
      const caseId = await NewCase.startExample(page);

      await Upload.open(page, `/cases/${caseId}/records`);
      await Upload.send(
        page,
        [
          { name: 'pathology-report.pdf', mimeType: 'application/pdf', buffer: await reportPdf() },
          { name: 'skin-photo.png', mimeType: 'image/png', buffer: png(64, 48) },
        ],
        js,
      );

      await PacketPage.open(page, caseId);
      const files = await PacketPage.files(page);
      assert.deepEqual(
        files.map((f) => f.checked),
        [true, true],
        'every file is chosen to begin with',
      );
      await expect.text(page, 'The summary the doctor will see');
      await expect.text(page, 'Mastectomy');
      await axe.check(page, 'packet page');
      await screenshot(page, `packet-${js ? 'js' : 'nojs'}`);

      const download = await PacketPage.download(page, 'PDF');
      assert.match(download.suggestedFilename(), /^records-packet-Rosa-Diaz-\d{4}-\d{2}-\d{2}\.pdf$/);
      const pdf = await PDFDocument.load(fs.readFileSync((await download.path())!));
      assert.equal(pdf.getPageCount(), 2 + 2 + 1, 'cover + index, the two report pages, one page for the photo');
      if (js) {
        await expect.text(page, 'Your packet is ready');
        await axe.check(page, 'packet page after the download');
      }

      if (!js) {
        // Nothing chosen: a plain error on the same page, not an empty download.
        for (const f of files) await PacketPage.untick(page, f.label);
        await page.getByRole('button', { name: 'Download the PDF' }).click();
        await expect.text(page, 'Choose at least one file to put in the packet.');
        await axe.check(page, 'packet page: nothing chosen');
      }

      await context.close();
      await axe.close();
    });
  });
}
