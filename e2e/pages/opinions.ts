import type { Page } from 'playwright-core';
import { choose, fillMemorableDate } from './index.ts';

// Page objects for writing down opinions, comparing them and deciding.

export interface OpinionEntry {
  doctor: string;
  specialty?: string;
  date: string;
  diagnosis?: string;
  /** With JavaScript: words typed in the code box and the first suggestion picked. Without: the code typed. */
  code?: { typed: string; pick?: boolean };
  plan: { category: string; details?: string }[];
  goal?: string | RegExp;
  urgency?: string | RegExp;
  question?: { q: string; a: string };
}

export const OpinionForm = {
  async fill(page: Page, o: OpinionEntry): Promise<void> {
    await page.getByLabel('Doctor’s name').fill(o.doctor);
    if (o.specialty !== undefined) await page.getByLabel('What kind of doctor?').fill(o.specialty);
    await fillMemorableDate(page, /When did the doctor give this opinion/, o.date);
    if (o.diagnosis !== undefined) await page.locator('#dx0_text').fill(o.diagnosis);
    if (o.code) {
      const box = page.locator('#dx0_code');
      await box.fill('');
      if (o.code.pick) {
        await box.pressSequentially(o.code.typed, { delay: 20 });
        await page.getByRole('option').first().waitFor({ state: 'visible' });
        await box.press('ArrowDown');
        await box.press('Enter');
      } else {
        await box.fill(o.code.typed);
      }
    }
    for (const [i, p] of o.plan.entries()) {
      await page.locator(`#plan${i}_category`).selectOption({ label: p.category });
      if (p.details !== undefined) await page.locator(`#plan${i}_details`).fill(p.details);
    }
    if (o.goal) await choose(page, o.goal);
    if (o.urgency) await choose(page, o.urgency);
    if (o.question) {
      await page.locator('#qa0_question').fill(o.question.q);
      await page.locator('#qa0_answer').fill(o.question.a);
    }
  },
  async save(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Save this opinion' }).click();
  },
};

export const Compare = {
  /** Corrects the first pair's treatment rating through its own small form. */
  async correctFirstPairTreatment(page: Page, label: string): Promise<void> {
    const form = page.locator('form[action$="/compare/confirm"]').first();
    await form.getByLabel('Treatment').selectOption({ label });
    await form.getByRole('button', { name: 'Save my answers' }).click();
  },
};

export const Decision = {
  async submit(
    page: Page,
    d: { choice: string; why: string; followed: string | RegExp; helpers: string; date: string },
  ): Promise<void> {
    await page.getByLabel('What did you decide?').fill(d.choice);
    await page.getByLabel('Why?').fill(d.why);
    await choose(page, d.followed);
    await page.getByLabel('Who helped you decide?').fill(d.helpers);
    await fillMemorableDate(page, /When did you decide/, d.date);
    await page.getByRole('button', { name: 'Save the decision' }).click();
  },
};
