// No page throws: signed in, every page of the header's places (and, for the Gävle partners,
// the citizen promise pages) is opened by its link and by a reload, and the browser reports no
// uncaught error (Svelte's "effect_update_depth_exceeded" was thrown on every signed-in page
// while two of its loading states were shown at once).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { base, gql, signedIn, startServer, token } from './support.mjs';

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

/** The citizen promise pages of the Gävle council (its tab, its promise, the report page). */
async function promisePages(email) {
  const as = await token(email);
  const { councils } = await gql('{ councils { edges { node { id name } } } }', {}, as);
  const council = councils.edges.map((e) => e.node).find((c) => c.name === 'Medborgarlöften Gävle');
  const { promises } = await gql(
    'query($c: ID!) { promises(councilId: $c, first: 1) { edges { node { id } } } }',
    { c: council.id },
    as,
  );
  const id = promises.edges[0].node.id;
  return [`/rad/${council.id}/medborgarloften`, `/medborgarloften/${id}`, `/medborgarloften/${id}/rapportera`];
}

for (const email of [
  'polis@vast.example',
  'sekretariat@goteborg.example',
  'analytiker@gavle.example',
  'polis@gastrikland.example',
]) {
  test(`no page throws for ${email}`, async () => {
    const pages =
      email.endsWith('gavle.example') || email.endsWith('gastrikland.example') ? await promisePages(email) : [];
    const page = await signedIn(email);
    const errors = [];
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    const settled = async () => {
      await page.locator('main[aria-busy]').waitFor({ state: 'detached' });
      await page.waitForLoadState('networkidle');
    };
    for (const path of [...PAGES, ...pages]) {
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
