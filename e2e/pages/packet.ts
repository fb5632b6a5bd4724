import assert from 'node:assert/strict';
import type { Download, Page } from 'playwright-core';
import { expect } from './expect.ts';

// Page object for the records packet: choose files, read the summary, download.

export const PacketPage = {
  async open(page: Page, caseId: string): Promise<void> {
    await page.goto(`/cases/${caseId}/packet`);
    await expect.heading(page, 'Records packet for the doctor');
  },
  /** Labels of the file checkboxes, and whether each is ticked. */
  async files(page: Page): Promise<{ label: string; checked: boolean }[]> {
    const boxes = page.locator('input[name="documentIds"]');
    const out: { label: string; checked: boolean }[] = [];
    for (let i = 0; i < (await boxes.count()); i++) {
      const box = boxes.nth(i);
      const id = await box.getAttribute('id');
      const label = (await page.locator(`label[for="${id}"]`).innerText()).split('\n')[0]!.trim();
      out.push({ label, checked: await box.isChecked() });
    }
    return out;
  },
  /** Unticks a file by its title (USWDS hides the real box: click the label). */
  async untick(page: Page, title: string): Promise<void> {
    await page.locator('label.usa-checkbox__label', { hasText: title }).first().click();
  },
  async download(page: Page, format: 'PDF' | 'ZIP'): Promise<Download> {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: `Download the ${format}` }).click(),
    ]);
    assert.ok(download);
    return download;
  },
};
