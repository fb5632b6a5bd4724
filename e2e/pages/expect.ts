import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** Small waits-and-asserts for browser tests, in the words of what a person sees. */
export const expect = {
  async heading(page: Page, text: string | RegExp): Promise<void> {
    await page.getByRole('heading', { level: 1, name: text }).waitFor({ state: 'visible' });
  },
  async text(page: Page, text: string | RegExp): Promise<void> {
    await page.getByText(text).first().waitFor({ state: 'visible' });
  },
  async path(page: Page, re: RegExp): Promise<void> {
    await page.waitForURL(re);
    assert.match(new URL(page.url()).pathname, re);
  },
};
