import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { DEFAULT_LIMITS } from '../../src/features/records/documents-analyse.ts';
import { checkOlderImports } from '../../src/features/records/imports-recheck.ts';
import { browserSuite, e2eDir, screenshot } from '../harness.ts';
import { expect } from '../pages/expect.ts';
import { startCaseForParent } from '../pages/index.ts';
import { RecordsHub, Timeline, Upload } from '../pages/records.ts';

// The right patient's records (ADR 0146) as a helper lives it: Rosa adds a portal export to
// her mother Elena's case, but the file is Eve Betterhalf's (an HL7 example). The upload
// stops and shows Eve's name and date of birth beside Elena's; Rosa says it is the right
// person anyway, and the file is imported, with who decided on its page. With JavaScript the
// button resends the file from the browser; without it, Rosa chooses the same file again.
// A file naming nobody gets a plain refusal. Then the same file as an older import (added
// before the check): held at start, listed for review on the records page, confirmed there.
// axe on every page.

const fixtures = path.resolve(e2eDir, '../test/fixtures');
const ccd = () => fs.readFileSync(path.join(fixtures, 'ccda/Documents/CCD/CCD 1/CCD.XML'));
const noPatient = Buffer.from(
  JSON.stringify({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [{ resource: { resourceType: 'Condition', code: { text: 'Asthma' } } }],
  }),
);

const suite = browserSuite();

for (const js of [true, false]) {
  describe(`someone else's portal file ${js ? 'with' : 'without'} JavaScript`, () => {
    test('the upload stops at the mismatch, shows both identities, and imports once confirmed', async () => {
      const { context, page, axe } = await suite.open(js);
      const casePath = await startCaseForParent(page, { email: `rosa-identity-${js ? 'js' : 'nojs'}@example.com` });
      const recordsPath = `${casePath}/records`;
      const elenaFile = { name: 'elena-portal-export.xml', mimeType: 'text/xml', buffer: ccd() };
      await Upload.open(page, recordsPath);
      await Upload.send(
        page,
        [elenaFile, { name: 'conditions.json', mimeType: 'application/json', buffer: noPatient }],
        js,
      );

      // Both identities, side by side, with what differs said in words.
      await expect.text(page, 'This file may be someone else’s record');
      assert.deepEqual(await Upload.identityRows(page), [
        'Name Eve Betterhalf Not the same Elena Diaz',
        'Date of birth May 1, 1975 Not the same March 9, 1948',
      ]);
      await expect.text(page, 'If it is someone else’s record, you do not need to do anything. We did not keep it.');
      // The file that names nobody is refused in plain words, with nothing to confirm.
      await expect.text(page, /does not say whose record it is/);
      await axe.check(page, 'upload stopped at the mismatch');
      await screenshot(page, `records-identity-mismatch-${js ? 'js' : 'nojs'}`);

      // Nothing of it is in the case yet.
      const check = await context.newPage();
      await RecordsHub.open(check, recordsPath);
      await expect.text(check, 'No documents yet.');
      await Timeline.open(check, recordsPath);
      assert.equal(await check.getByText(/Penicillin/i).count(), 0, 'nothing of the file on the timeline');
      await check.close();

      await Upload.importAnyway(page, js, elenaFile);
      await expect.text(page, /Added\. \d+ health items were read from it\./);
      await axe.check(page, 'imported after confirming');

      // The file is in the case, and its page says whose record it is and who decided.
      await RecordsHub.open(page, recordsPath);
      await RecordsHub.openDocument(page, 'Patient Chart Summary');
      await expect.text(page, 'The file names Eve Betterhalf, born May 1, 1975.');
      await expect.text(page, /Rosa Diaz said this is the right person on \w+ \d+, \d{4}\./);
      await axe.check(page, 'document with the decision');
      await screenshot(page, `records-identity-confirmed-${js ? 'js' : 'nojs'}`);
      await Timeline.open(page, recordsPath);
      await expect.text(page, /Penicillin/i);

      // An older import (added before the check existed) naming someone else: the check at
      // start holds it, and the records page lists it for review.
      const caseId = casePath.split('/')[2]!;
      await suite.deps.db
        .updateTable('documents')
        .set({ patient_check: null, patient_named: null, patient_checked_by: null, patient_checked_at: null })
        .where('case_id', '=', caseId)
        .execute();
      await checkOlderImports(suite.deps, suite.deps.blobs, {
        maxUploadBytes: suite.deps.config.maxUploadBytes,
        ...DEFAULT_LIMITS,
      });
      await RecordsHub.open(page, recordsPath);
      await RecordsHub.reviewHeading(page).waitFor({ state: 'visible' });
      await expect.text(page, 'No documents yet.');
      await axe.check(page, 'records hub with a file to review');
      await screenshot(page, `records-identity-review-${js ? 'js' : 'nojs'}`);
      await Timeline.open(page, recordsPath);
      assert.equal(await page.getByText(/Penicillin/i).count(), 0, 'held: its items are off the timeline');
      await RecordsHub.open(page, recordsPath);
      await RecordsHub.confirmRightPerson(page, 'Patient Chart Summary');
      await expect.heading(page, 'Patient Chart Summary');
      await expect.text(page, 'Saved. This file is part of the case.');
      await RecordsHub.open(page, recordsPath);
      assert.equal(await RecordsHub.reviewHeading(page).count(), 0);
      await page.getByRole('link', { name: 'Patient Chart Summary' }).first().waitFor({ state: 'visible' });
      await axe.check(page, 'records hub after the review');

      await context.close();
      await axe.close();
      assert.deepEqual(axe.problems, [], `axe found problems:\n${JSON.stringify(axe.problems, null, 2)}`);
    });
  });
}
