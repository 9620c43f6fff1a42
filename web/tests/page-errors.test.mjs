// No page throws: signed in, every page of the header's places is opened by its link and
// by a reload, and the browser reports no uncaught error (Svelte's "effect_update_depth_exceeded"
// was thrown on every signed-in page while two of its loading states were shown at once).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { base, signedIn, startServer } from './support.mjs';

startServer('page-errors');

const PAGES = [
  '/',
  '/min-organisation',
  '/lagesbilder',
  '/platser',
  '/forfragningar',
  '/goda-exempel',
  '/aviseringar',
  '/installningar',
];

for (const email of ['polis@vast.example', 'sekretariat@goteborg.example']) {
  test(`no page throws for ${email}`, async () => {
    const page = await signedIn(email);
    const errors = [];
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    const settled = async () => {
      await page.locator('main[aria-busy]').waitFor({ state: 'detached' });
      await page.waitForLoadState('networkidle');
    };
    for (const path of PAGES) {
      // Followed as a link (the router's own navigation), then loaded afresh.
      await page.evaluate((to) => {
        history.pushState({}, '', to);
        dispatchEvent(new PopStateEvent('popstate'));
      }, path);
      await settled();
      await page.goto(`${base}${path}`);
      await settled();
    }
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}
