import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Bundle } from '@medplum/fhirtypes';
import { bundleProblems } from '../../test/features/sharing-fhir-validate.ts';
import { browserSuite, e2eDir } from '../harness.ts';
import { expect } from '../pages/expect.ts';
import { NewCase, SignUp } from '../pages/index.ts';
import { RecordsHub, Upload } from '../pages/records.ts';

// The FHIR export as a person reaches it: a case, a portal export uploaded through the
// browser, then "Download everything as FHIR" on the records page. The file that arrives
// must be a Bundle that @medplum/core's validator accepts. axe on the page; JS on and off.

const SYNTHEA = path.resolve(e2eDir, '../test/fixtures/fhir/synthea/uscore_bundle_patient_85.json');
const suite = browserSuite();

for (const js of [true, false]) {
  describe(`FHIR export ${js ? 'with' : 'without'} JavaScript`, () => {
    test('upload a portal export, download the case as FHIR, the file validates', async () => {
      const { context, page, axe } = await suite.open(js);
      await SignUp.open(page);
      // The Synthea bundle's made-up patient is the one who signs up, so the export imports without asking.
      await SignUp.submit(page, {
        name: 'Lucien408 Bosco882',
        email: `lucien-fhir-${js ? 'js' : 'nojs'}@example.com`,
        password: 'my garden has three roses',
      });
      await expect.heading(page, 'My cases');
      await NewCase.startExample(page, { diagnosis: 'Heart failure', treatment: 'Valve surgery' });

      const recordsUrl = await RecordsHub.openFromCase(page);
      await Upload.open(page, recordsUrl);
      const portalExport = {
        name: 'my-portal-export.json',
        mimeType: 'application/json',
        buffer: fs.readFileSync(SYNTHEA),
      };
      await Upload.send(page, [portalExport], js);
      await expect.text(page, /\d+ health items were read from it/);

      await RecordsHub.open(page, recordsUrl);
      await axe.check(page, 'records hub with the FHIR link');
      const download = await RecordsHub.downloadFhir(page);
      assert.match(download.suggestedFilename(), /^case-\d{4}-\d{2}-\d{2}\.fhir\.json$/);
      const bundle = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as Bundle;
      assert.equal(bundle.resourceType, 'Bundle');
      assert.ok((bundle.entry?.length ?? 0) > 20, `${bundle.entry?.length} entries`);
      assert.ok(
        bundle.entry!.some(
          (e) => e.resource?.resourceType === 'Condition' && e.resource.code?.text === 'Heart failure',
        ),
      );
      assert.deepEqual(bundleProblems(bundle).slice(0, 20), []);

      await context.close();
      await axe.close();
      assert.deepEqual(axe.problems, [], `axe found problems:\n${JSON.stringify(axe.problems, null, 2)}`);
    });
  });
}
