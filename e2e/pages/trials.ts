import type { Page } from 'playwright-core';
import { expect } from './expect.ts';
import { choose } from './index.ts';

// Page object for clinical trials: the search form filled from the case, the results, and
// saving one study as a question for the doctor.

export const TrialsPage = {
  /** From the case page, by the link a person sees. */
  async openFromCase(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Clinical trials for this condition' }).click();
    await expect.heading(page, 'Clinical trials for this condition');
  },
  condition: (page: Page) => page.getByLabel('Condition or disease').inputValue(),
  zip: (page: Page) => page.getByLabel('ZIP code').inputValue(),
  async search(page: Page, q: { condition?: string; zip?: string; within?: string }): Promise<void> {
    if (q.condition !== undefined) await page.getByLabel('Condition or disease').fill(q.condition);
    if (q.zip !== undefined) await page.getByLabel('ZIP code').fill(q.zip);
    if (q.within !== undefined) await choose(page, q.within);
    await page.getByRole('button', { name: 'Look up trials' }).click();
  },
  /** The "read more" link of one study. */
  studyLink: (page: Page, nct: string) =>
    page.getByRole('link', { name: `Read more about ${nct} on ClinicalTrials.gov` }),
  async saveAsQuestion(page: Page, nct: string): Promise<void> {
    await page.locator(`[data-trial="${nct}"]`).getByRole('button', { name: 'Save to ask my doctor' }).click();
  },
  async openQuestions(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'See your questions for the doctor' }).click();
  },
};
