import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSuite, screenshot } from '../harness.ts';
import { expect } from '../pages/expect.ts';
import { NewCase, SignUp } from '../pages/index.ts';

// Issue 18 item 8: on a phone-sized screen the main menu is folded behind a "Menu" button.
// The folded menu must not trap anyone: axe clean (no focusable element inside something
// hidden from screen readers), the menu opens and closes by keyboard with JavaScript, and
// without JavaScript the menu's links are still there to use.

const suite = browserSuite();

for (const js of [true, false]) {
  describe(`small screens ${js ? 'with' : 'without'} JavaScript`, () => {
    test('the dashboard at 640 and 320 px is axe clean with the menu folded and open', async () => {
      const { context, page, axe } = await suite.open(js);
      await SignUp.open(page);
      await SignUp.submit(page, {
        name: 'Ana Small',
        email: `ana-small-${js ? 'js' : 'nojs'}@example.com`,
        password: 'a small screen is enough',
      });
      await expect.heading(page, 'My cases');
      await NewCase.startExample(page);
      for (const width of [640, 320]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto('/dashboard');
        await expect.heading(page, 'My cases');
        await axe.check(page, `dashboard at ${width} px, menu folded`);
        const nav = page.getByRole('navigation', { name: 'Main menu' });
        if (js) {
          const menu = page.getByRole('button', { name: 'Menu' });
          await menu.waitFor({ state: 'visible' });
          assert.equal(await nav.getByRole('link', { name: 'People' }).isVisible(), false, 'folded');
          await menu.focus();
          await page.keyboard.press('Enter');
          await nav.getByRole('link', { name: 'People' }).waitFor({ state: 'visible' });
          await axe.check(page, `dashboard at ${width} px, menu open`);
          await screenshot(page, `small-screen-menu-open-${width}`);
          await page.keyboard.press('Escape');
          await nav.getByRole('link', { name: 'People' }).waitFor({ state: 'hidden' });
          assert.equal(await menu.evaluate((el) => el === document.activeElement), true, 'focus back on Menu');
          await axe.check(page, `dashboard at ${width} px, menu folded again`);
        } else {
          // Without JavaScript nothing can unfold a menu, so the links are shown as a list
          // and no Menu button that would do nothing.
          assert.equal(await page.getByRole('button', { name: 'Menu' }).isVisible(), false, 'no dead Menu button');
          await nav.getByRole('link', { name: 'People' }).waitFor({ state: 'visible' });
          await nav.getByRole('link', { name: 'People' }).click();
          await expect.heading(page, 'People');
        }
        await screenshot(page, `small-screen-dashboard-${width}-${js ? 'js' : 'nojs'}`);
      }
      await axe.close();
      assert.deepEqual(axe.problems, [], JSON.stringify(axe.problems, null, 2));
      await context.close();
    });
  });
}
