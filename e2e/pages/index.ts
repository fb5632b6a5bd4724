import type { Page } from 'playwright-core';
import { expect } from './expect.ts';

// Page objects: what a person does on each page, by the labels they read.

/**
 * Picks a USWDS radio button or checkbox. USWDS draws its own control and moves the real
 * input off-screen, so a person (and this helper) clicks the label.
 */
export async function choose(page: Page, label: string | RegExp): Promise<void> {
  await page.locator('label', { hasText: label }).first().click();
}

export async function fillMemorableDate(page: Page, legend: RegExp, iso: string): Promise<void> {
  const [y, m, d] = iso.split('-');
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Month').fill(String(Number(m)));
  await group.getByLabel('Day').fill(String(Number(d)));
  await group.getByLabel('Year').fill(y!);
}

export const SignUp = {
  async open(page: Page) {
    await page.goto('/sign-up');
    await expect.heading(page, 'Create an account');
  },
  async submit(page: Page, who: { name: string; email: string; password: string }) {
    await page.getByLabel('Your name').fill(who.name);
    await page.getByLabel('Email address').fill(who.email);
    await page.getByLabel('Password', { exact: false }).first().fill(who.password);
    await page.getByRole('button', { name: 'Create account' }).click();
  },
};

export const SignIn = {
  async submit(page: Page, who: { email: string; password: string }) {
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  },
};

export const Nav = {
  async signOut(page: Page) {
    await page.getByRole('button', { name: 'Sign out' }).click();
  },
  async go(page: Page, name: 'My cases' | 'People' | 'Settings') {
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name }).click();
  },
};

export const NewPatient = {
  async submit(page: Page, p: { name: string; relationship: string; dob: string; zip: string; consent: RegExp }) {
    await page.getByLabel('Their name').fill(p.name);
    await page.getByLabel('How are you related to them?').selectOption({ label: p.relationship });
    await choose(page, 'Family member or friend');
    await fillMemorableDate(page, /Date of birth/, p.dob);
    await page.getByLabel('ZIP code').fill(p.zip);
    await choose(page, p.consent);
    await page.getByRole('button', { name: 'Add this person' }).click();
  },
};

export const NewCase = {
  async submit(
    page: Page,
    c: { patient: string; diagnosis: string; treatment: string; doctor: string; told: string; urgency: RegExp },
  ) {
    await choose(page, c.patient);
    await choose(page, 'Yes, the doctor gave a diagnosis');
    await page.getByLabel('What did the doctor call it?').fill(c.diagnosis);
    await page.getByLabel('What treatment did the doctor suggest?').fill(c.treatment);
    await page.getByLabel('Name of the doctor who told you').fill(c.doctor);
    await fillMemorableDate(page, /When did the doctor tell you/, c.told);
    await choose(page, c.urgency);
    await page.getByRole('button', { name: 'Start the case' }).click();
  },
  /**
   * Starts an example case (by default a breast cancer diagnosis with surgery proposed) for a
   * person whose only profile is their own, and returns the new case's id.
   */
  async startExample(page: Page, c: { diagnosis?: string; treatment?: string } = {}): Promise<string> {
    const diagnosis = c.diagnosis ?? 'Invasive ductal carcinoma, left breast';
    await page.goto('/cases/new');
    await expect.heading(page, 'Start a new case');
    await choose(page, 'Yes, the doctor gave a diagnosis');
    await page.getByLabel('What did the doctor call it?').fill(diagnosis);
    await page.getByLabel('What treatment did the doctor suggest?').fill(c.treatment ?? 'Mastectomy');
    await page.getByLabel('Name of the doctor who told you').fill('Dr. Ada Lovelace');
    await fillMemorableDate(page, /When did the doctor tell you/, '2026-11-20');
    await choose(page, /Within a few weeks/);
    await page.getByRole('button', { name: 'Start the case' }).click();
    await expect.heading(page, diagnosis);
    return new URL(page.url()).pathname.split('/')[2]!;
  },
};

/**
 * The usual helper's start: Rosa signs up, adds her mother Elena (with consent) and starts
 * a case for her. Lands on the new case's page and returns its path.
 */
export async function startCaseForParent(
  page: Page,
  opts: { email: string; zip?: string; diagnosis?: string; treatment?: string },
): Promise<string> {
  const diagnosis = opts.diagnosis ?? 'Stage 2 breast cancer';
  await SignUp.open(page);
  await SignUp.submit(page, { name: 'Rosa Diaz', email: opts.email, password: 'my garden has three roses' });
  await expect.heading(page, 'My cases');
  await Nav.go(page, 'People');
  await page.getByRole('link', { name: 'Add someone you help' }).click();
  await NewPatient.submit(page, {
    name: 'Elena Diaz',
    relationship: 'My parent',
    dob: '1948-03-09',
    zip: opts.zip ?? '60614',
    consent: /They signed a written permission/,
  });
  await page.getByRole('link', { name: 'Start a new case' }).click();
  await NewCase.submit(page, {
    patient: 'Elena Diaz',
    diagnosis,
    treatment: opts.treatment ?? 'Mastectomy (surgery)',
    doctor: 'Dr. Sam Okafor',
    told: '2026-11-20',
    urgency: /Within a few weeks/,
  });
  await expect.heading(page, diagnosis);
  return new URL(page.url()).pathname;
}
