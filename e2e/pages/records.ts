import type { Download, Page } from 'playwright-core';
import { expect } from './expect.ts';

// Page objects for gathering records: the records hub, adding files, the timeline and the
// check that a portal file is the patient's own.

export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export const RecordsHub = {
  async open(page: Page, recordsPath: string): Promise<void> {
    await page.goto(recordsPath);
    await expect.heading(page, 'Gather your records');
  },
  /** From the case page, by the journey step's link; returns the records path. */
  async openFromCase(page: Page): Promise<string> {
    await page.getByRole('link', { name: '6. Gather your records' }).first().click();
    await expect.heading(page, 'Gather your records');
    return new URL(page.url()).pathname;
  },
  async openDocument(page: Page, title: string): Promise<void> {
    await page.getByRole('link', { name: title }).first().click();
    await expect.heading(page, title);
  },
  async downloadFhir(page: Page): Promise<Download> {
    const link = page.getByRole('link', { name: 'Download everything as FHIR (for doctors’ systems)' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    return download;
  },
  reviewHeading: (page: Page) => page.getByRole('heading', { name: 'Files that may be someone else’s record' }),
  async confirmRightPerson(page: Page, title: string): Promise<void> {
    await page.getByRole('button', { name: `This is the right person ${title}` }).click();
  },
};

export const Upload = {
  async open(page: Page, recordsPath: string): Promise<void> {
    await page.goto(`${recordsPath}/upload`);
    await expect.heading(page, 'Add documents');
  },
  /** Chooses files and sends them; waits for the result (in place with JavaScript, a new page without). */
  async send(page: Page, files: UploadFile[], js: boolean): Promise<void> {
    await page.setInputFiles('#files', files);
    await page.getByRole('button', { name: 'Add these files' }).click();
    if (js) await page.locator('[data-upload-done]').waitFor({ state: 'visible', timeout: 30_000 });
    else await expect.heading(page, 'What happened to your files');
  },
  /** The rows of the first "whose record is this" table, as a person reads them. */
  async identityRows(page: Page): Promise<string[]> {
    const table = page.locator('table.so-identity').first();
    await table.waitFor({ state: 'visible' });
    return (await table.locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
  },
  /**
   * "This is the right person, import anyway". With JavaScript the page resends the file
   * itself; without it, the person chooses the same file again first.
   */
  async importAnyway(page: Page, js: boolean, file: UploadFile): Promise<void> {
    if (!js) await page.setInputFiles('#confirm-file-0', file);
    await page.getByRole('button', { name: 'This is the right person, import anyway' }).click();
    if (!js) await expect.heading(page, 'What happened to your files');
  },
};

export const Timeline = {
  async open(page: Page, recordsPath: string): Promise<void> {
    await page.goto(`${recordsPath}/timeline`);
    await expect.heading(page, 'Health timeline');
  },
};

export const Checklist = {
  async openFromHub(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Open the checklist' }).click();
    await expect.heading(page, 'Records checklist');
  },
  isKindChosen: (page: Page, kind: string) => page.locator(`input[name="caseKind"][value="${kind}"]`).isChecked(),
  async useIt(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Use this checklist' }).click();
  },
};

export const DocumentPage = {
  async describe(page: Page, d: { title: string; kind: string }): Promise<void> {
    await page.getByLabel('Title').fill(d.title);
    await page.getByLabel('What kind of document is it?').selectOption(d.kind);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.heading(page, d.title);
  },
  /** Ticks checklist items this document covers (by their labels) and saves. */
  async coversChecklistItems(page: Page, labels: string[]): Promise<void> {
    for (const label of labels) await page.locator('label', { hasText: label }).first().click();
    await page.getByRole('button', { name: 'Save the checklist items' }).click();
  },
  async removeFromCase(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Remove from this case' }).click();
    await expect.heading(page, 'Remove from this case');
  },
  async confirmRemove(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Yes, remove it from this case' }).click();
    await expect.heading(page, 'Gather your records');
  },
};

export const RequestLetter = {
  async openNew(page: Page, recordsPath: string): Promise<void> {
    await page.goto(`${recordsPath}/requests/new`);
    await expect.heading(page, 'Write a records request letter');
  },
  async make(page: Page, r: { holder: string; kind: RegExp | string; recipient: string; address: string }) {
    await page.getByLabel('Doctor’s office, hospital or lab').fill(r.holder);
    await page.locator('label', { hasText: r.kind }).first().click();
    await page.getByLabel('Name of the doctor or office to send them to').fill(r.recipient);
    await page.getByLabel('Their address, fax or secure email').fill(r.address);
    await page.getByRole('button', { name: 'Make the letter' }).click();
    await expect.heading(page, r.holder);
  },
  async openPrintable(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Printable letter' }).click();
    await expect.heading(page, 'Records request letter');
  },
  async markSent(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Mark as sent' }).click();
  },
};

export const RecordsViews = {
  async testsDone(page: Page, recordsPath: string): Promise<void> {
    await page.goto(`${recordsPath}/tests-done`);
    await expect.heading(page, 'Tests already done');
  },
  async search(page: Page, recordsPath: string, q: string): Promise<void> {
    await page.goto(`${recordsPath}/search?q=${encodeURIComponent(q)}`);
    await expect.heading(page, 'Search your records');
  },
};
