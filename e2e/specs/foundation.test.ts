import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSuite, screenshot } from '../harness.ts';
import { expect } from '../pages/expect.ts';
import { Nav, NewCase, NewPatient, SignIn, SignUp } from '../pages/index.ts';

// A new user's first visit: sign up, add a parent they help, start a case for her, see it
// on the dashboard, look at who has seen her information, sign out. Every page visited is
// checked with axe. The same journey runs with JavaScript turned off.

const suite = browserSuite();

for (const js of [true, false]) {
  describe(`first visit ${js ? 'with' : 'without'} JavaScript`, () => {
    test('sign up, add a person, start a case, see it, sign out', async () => {
      const { context, page, axe } = await suite.open(js);
      const who = {
        name: 'Rosa Diaz',
        email: `rosa-${js ? 'js' : 'nojs'}@example.com`,
        password: 'my garden has three roses',
      };

      await page.goto('/');
      await expect.heading(page, /second opinion, step by step/i);
      await axe.check(page, 'home');

      await SignUp.open(page);
      await axe.check(page, 'sign up');
      // A mistake first: the form comes back with a summary and keeps what was typed.
      await SignUp.submit(page, { ...who, password: 'short' });
      await expect.text(page, 'Your password needs at least 12 characters.');
      assert.equal(await page.getByLabel('Your name').inputValue(), who.name);
      await axe.check(page, 'sign up with errors');
      await page.getByLabel('Password', { exact: false }).first().fill(who.password);
      await page.getByRole('button', { name: 'Create account' }).click();

      await expect.heading(page, 'My cases');
      await expect.text(page, 'No cases yet');
      await axe.check(page, 'empty dashboard');

      await Nav.go(page, 'People');
      await expect.heading(page, 'People');
      await axe.check(page, 'people');
      await page.getByRole('link', { name: 'Add someone you help' }).click();
      await expect.heading(page, 'Add someone you help');
      await page.getByRole('button', { name: 'Add this person' }).click();
      await expect.text(page, 'Enter their name.');
      await axe.check(page, 'add person with errors');
      await NewPatient.submit(page, {
        name: 'Elena Diaz',
        relationship: 'My parent',
        dob: '1948-03-09',
        zip: '60614',
        consent: /They signed a written permission/,
      });
      await expect.heading(page, 'Elena Diaz');
      await expect.text(page, 'They signed a written permission (authorization)');
      await axe.check(page, 'person');

      await page.getByRole('link', { name: 'Start a new case' }).click();
      await expect.heading(page, 'Start a new case');
      await axe.check(page, 'new case');
      await NewCase.submit(page, {
        patient: 'Elena Diaz',
        diagnosis: 'Aortic valve stenosis',
        treatment: 'Open-heart valve replacement surgery',
        doctor: 'Dr. Sam Okafor',
        told: '2026-11-20',
        urgency: /Right away/,
      });
      await expect.heading(page, 'Aortic valve stenosis');
      await expect.text(page, 'The doctor wants treatment to start soon');
      await expect.text(page, '1. Start a case');
      await axe.check(page, 'case');
      await screenshot(page, `case-${js ? 'js' : 'nojs'}`);

      await page.getByRole('link', { name: 'Change these details' }).click();
      await expect.heading(page, 'What the doctor said');
      await axe.check(page, 'edit case');
      await page.getByLabel('Name of the doctor who told you').fill('Dr. Samuel Okafor');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect.text(page, 'Dr. Samuel Okafor');

      await Nav.go(page, 'My cases');
      await expect.heading(page, 'My cases');
      await expect.text(page, 'Aortic valve stenosis');
      await expect.text(page, 'For Elena Diaz');
      await axe.check(page, 'dashboard with a case');

      await Nav.go(page, 'People');
      await page.getByRole('link', { name: 'Elena Diaz' }).click();
      await page.getByRole('link', { name: 'Who has seen this information' }).click();
      await expect.heading(page, 'Who has seen this information');
      await expect.text(page, 'Started a case');
      await axe.check(page, 'activity');

      // Text size control keeps working and persists.
      await page.getByRole('button', { name: 'Extra large' }).click();
      await expect.heading(page, 'Who has seen this information');
      assert.match((await page.locator('html').getAttribute('class')) ?? '', /so-text-xlarge/);

      await Nav.go(page, 'Settings');
      await expect.heading(page, 'Settings');
      await axe.check(page, 'settings');

      // Their own time zone, chosen from the list, decides their "today".
      await page.getByRole('combobox', { name: 'Time zone (optional)' }).selectOption('America/Chicago');
      await page.getByRole('button', { name: 'Save time zone' }).click();
      await expect.text(page, 'Your time zone is saved.');
      assert.equal(await page.getByRole('combobox', { name: 'Time zone (optional)' }).inputValue(), 'America/Chicago');

      await Nav.signOut(page);
      await expect.text(page, 'You are signed out.');
      await page.goto('/dashboard');
      await expect.heading(page, 'Sign in');
      await axe.check(page, 'sign in');

      // Signing back in lands where they were going.
      await SignIn.submit(page, who);
      await expect.heading(page, 'My cases');

      await page.goto('/no-such-page');
      await expect.heading(page, 'Page not found');
      await axe.check(page, 'not found');

      await context.close();
      await axe.close();
      assert.deepEqual(axe.problems, [], `axe found problems:\n${JSON.stringify(axe.problems, null, 2)}`);
      assert.ok(axe.pages.length >= 12);
    });
  });
}
