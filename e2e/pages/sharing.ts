import type { Page } from 'playwright-core';
import { expect } from './expect.ts';
import { choose } from './index.ts';

// Page objects for step 7: making a share link, and the consulting doctor's side of it.

export const ShareForm = {
  async submit(page: Page, s: { doctor: string; practice?: string; days?: number; code: boolean }): Promise<void> {
    await page.getByLabel('Doctor’s name').fill(s.doctor);
    if (s.practice) await page.getByLabel('Clinic or hospital').fill(s.practice);
    if (s.days !== undefined) await page.getByLabel('Number of days').fill(String(s.days));
    const box = page.locator('#accessCode');
    if ((await box.isChecked()) !== s.code) await choose(page, 'Also make an access code');
    await page.getByRole('button', { name: 'Make the link' }).click();
    await expect.heading(page, 'Your link is ready');
  },
  /** The link and the code, as the person would copy them from the page. */
  async read(page: Page): Promise<{ url: string; code: string | null }> {
    const url = await page.locator('#share-url').inputValue();
    const codeEl = page.locator('[data-access-code]');
    const code = (await codeEl.count()) ? (await codeEl.innerText()).trim() : null;
    return { url, code };
  },
  /** The "link made" page opened again (a reload): the link is gone and nothing new is made. */
  async expectShownOnce(page: Page): Promise<void> {
    await expect.heading(page, 'This link was shown once');
    await expect.text(page, 'If you did not copy it, turn it off and make a new one.');
    if (await page.locator('#share-url').count()) throw new Error('the link is shown again');
  },
};

export const WaitingOpinion = {
  /** From the case page's alert to the opinion; then accept it or set it aside there. */
  async openFromCase(page: Page, caseId: string, doctor: string): Promise<void> {
    await page.goto(`/cases/${caseId}`);
    await expect.text(page, 'A doctor sent you an opinion');
    await page
      .getByRole('link', { name: new RegExp(`Read the opinion from ${doctor.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
      .click();
    await expect.text(page, `${doctor} sent this opinion through your share link on`);
  },
  async decide(page: Page, choice: 'accept' | 'set aside'): Promise<void> {
    await page
      .getByRole('button', { name: choice === 'accept' ? 'Accept into my case' : 'Set this opinion aside' })
      .click();
    await expect.text(
      page,
      choice === 'accept' ? 'The opinion is part of your case now.' : 'The opinion is set aside.',
    );
  },
};

export const DoctorLink = {
  async enterCode(page: Page, code: string): Promise<void> {
    await expect.heading(page, 'Type the access code');
    await page.getByLabel('Access code').fill(code);
    await page.getByRole('button', { name: 'Open the records' }).click();
  },
  async writeOpinion(
    page: Page,
    o: {
      name: string;
      npi: string;
      specialty: string;
      contact: string;
      diagnosis: string;
      code: string;
      goal: string;
      plan: string;
      planDetails: string;
      answer: string;
    },
  ): Promise<void> {
    await page.locator('#dx0_text').fill(o.diagnosis);
    await page.locator('#dx0_code').fill(o.code);
    await choose(page, o.goal);
    await page.locator('#plan0_category').selectOption({ label: o.plan });
    await page.locator('#plan0_details').fill(o.planDetails);
    await page.locator('#cq0_answer').fill(o.answer);
    await page.getByLabel('Your name').fill(o.name);
    await page.getByLabel('Your specialty').fill(o.specialty);
    await page.getByLabel('Your NPI number').fill(o.npi);
    await page.getByLabel('How the patient can reach you').fill(o.contact);
    await page.getByRole('button', { name: /Send my opinion|Save my changes/ }).click();
  },
};
