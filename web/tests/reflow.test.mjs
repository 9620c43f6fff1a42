// Every page at 320 CSS px (WCAG 1.4.10, reflow) and on a 390 × 844 phone, in a real
// browser against a real server with the demo data: nothing makes the page scroll
// sideways (a wide table may scroll inside its own region), and the header's links fold
// into a menu that opens and closes from the keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { base, browser, check, gql, overflow, PASSWORD, results, signedIn, startServer } from './support.mjs';

startServer('reflow');

/** Opens `path`, waits for its h1, and asserts that nothing scrolls sideways. */
async function fits(page, path, name) {
  await page.goto(`${base}${path}`);
  await page.locator('h1').first().waitFor();
  await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') !== 'true');
  const { scrollWidth, width, offenders } = await overflow(page);
  await page.screenshot({ path: join(results, `reflow-${name}-${width}.png`), fullPage: true });
  assert.ok(
    scrollWidth <= width && offenders.length === 0,
    `${path} at ${width} px scrolls sideways: ${scrollWidth} px; ${offenders.join(', ')}`,
  );
}

async function ids() {
  const token = (
    await gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
      e: 'sekretariat@goteborg.example',
      p: PASSWORD,
    })
  ).login.accessToken;
  const data = await gql(
    '{ councils { edges { node { id name meetings(first: 20) { edges { node { id title } } } } } } situationPictures(first: 1) { edges { node { id } } } }',
    {},
    token,
  );
  const council = data.councils.edges.map((e) => e.node).find((c) => c.name === 'Göteborgs Stads trygghetsråd');
  return {
    council: council.id,
    meetings: council.meetings.edges.map((e) => e.node.id),
    picture: data.situationPictures.edges[0]?.node.id,
  };
}

for (const viewport of [
  { width: 320, height: 640 },
  { width: 390, height: 844 },
]) {
  test(`every page reflows at ${viewport.width} px`, async () => {
    const known = await ids();
    const anonymous = await (await browser.newContext({ locale: 'sv-SE', viewport })).newPage();
    for (const [path, name] of [
      ['/login', 'login'],
      ['/inspel/ogiltig-lank', 'invitation-invalid'],
      ['/kvitto/ogiltig', 'receipt-invalid'],
      ['/finns-inte', 'not-found'],
    ]) {
      await fits(anonymous, path, name);
    }
    const secretariat = await signedIn('sekretariat@goteborg.example', viewport);
    const pages = [
      ['/', 'home'],
      [`/rad/${known.council}`, 'council'],
      ['/lagesbilder', 'pictures'],
      ['/aviseringar', 'notifications'],
      ['/installningar', 'settings'],
      ...known.meetings.map((id, i) => [`/moten/${id}`, `meeting-${i}`]),
      // The meeting's other tabs, the secretariat's tools in each.
      ...['inspel', 'narvaro', 'protokoll', 'atgarder', 'motet'].map((tab) => [
        `/moten/${known.meetings[0]}/${tab}`,
        `meeting-0-${tab}`,
      ]),
    ];
    if (known.picture) pages.push([`/lagesbilder/${known.picture}`, 'picture']);
    for (const [path, name] of pages) {
      await fits(secretariat, path, `secretariat-${name}`);
    }
    const member = await signedIn('polis@vast.example', viewport);
    await fits(member, '/', 'member-home');
    await fits(member, `/moten/${known.meetings[0]}`, 'member-meeting');
  });
}

test('on a phone the header folds into a menu that the keyboard opens and closes', async () => {
  const page = await signedIn('polis@vast.example', { width: 390, height: 844 });
  const menu = page.getByRole('button', { name: 'Meny' });
  await menu.waitFor();
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByRole('link', { name: 'Lägesbilder' }).isVisible(), false);
  await menu.focus();
  await page.keyboard.press('Enter');
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await page.getByRole('link', { name: 'Lägesbilder' }).waitFor();
  await check(page, 'header-menu-open-390');
  await page.keyboard.press('Escape');
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  // Following a link closes the menu again.
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Lägesbilder' }).click();
  await page.getByRole('heading', { name: 'Lägesbilder' }).first().waitFor();
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  // On a wide screen there is no menu button: the links are in the header.
  const wide = await signedIn('polis@vast.example', { width: 1366, height: 768 });
  assert.equal(await wide.getByRole('button', { name: 'Meny' }).count(), 0);
  assert.ok(await wide.getByRole('link', { name: 'Lägesbilder' }).isVisible());
});
