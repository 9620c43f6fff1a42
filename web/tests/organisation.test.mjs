// "My organisation" in a real browser (Debian's Chromium driven by playwright-core) against its
// own server on a fresh database with the demo data: a council member reports progress on the
// action the council gave the police, with the keyboard only, at a laptop's size and a phone's;
// someone who acts for no organisation is told why the page is empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { PASSWORD, base, browser, check, gql, startServer, token } from './support.mjs';

startServer('organisation');

const ACTION = 'Återkoppla polisens lägesbild för centrala Göteborg';

/** Presses Tab until `target` has focus: fails when the keyboard cannot reach it. */
async function tabTo(page, target, limit = 60) {
  for (let i = 0; i < limit; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`the keyboard did not reach ${target}`);
}

async function keyboardLogin(page, email) {
  await page.goto(`${base}/login`);
  await tabTo(page, page.getByLabel('E-postadress'));
  await page.keyboard.type(email);
  await tabTo(page, page.getByLabel('Lösenord'));
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Mina råd' }).waitFor();
}

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
]) {
  test(`a member reports progress on their organisation's action with the keyboard only (${viewport.width} px)`, async () => {
    const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', viewport });
    const page = await context.newPage();
    await keyboardLogin(page, 'polis@vast.example');
    if (viewport.width < 500) {
      const menu = page.getByRole('button', { name: 'Meny' });
      await tabTo(page, menu);
      await page.keyboard.press('Enter');
    }
    await tabTo(page, page.getByRole('link', { name: 'Min organisation' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Min organisation', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Åtgärder som rådet gett oss' }).first().waitFor();

    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: ACTION }) });
    await item.waitFor();
    assert.match(await item.innerText(), /Försenad/);
    assert.match(await item.innerText(), /Inte påbörjad/);
    await check(page, `ours-${viewport.width}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= viewport.width, `the page scrolls sideways at ${viewport.width} px (${width})`);

    // The status: one step down the list, from "Inte påbörjad" (or back from "Pågår") to the other.
    const status = item.getByLabel('Läge', { exact: true });
    await tabTo(page, status);
    const before = await status.inputValue();
    await page.keyboard.press(before === 'OPEN' ? 'ArrowDown' : 'ArrowUp');
    const chosen = await status.inputValue();
    assert.notEqual(chosen, before, 'the arrow keys change the status');
    const note = `Lägesbild klar för ${viewport.width} px, skickas till rådet på fredag.`;
    await tabTo(page, item.getByLabel('Lägesrapport', { exact: true }));
    await page.keyboard.press('Control+A');
    await page.keyboard.type(note);
    await tabTo(page, item.getByRole('button', { name: 'Spara läget' }));
    await page.keyboard.press('Enter');
    const said = chosen === 'IN_PROGRESS' ? 'Pågår' : 'Inte påbörjad';
    await item.getByText(`Läget är sparat: ${said}.`).waitFor();
    await item.getByText(`Senaste lägesrapport: ${note}`).waitFor();
    await check(page, `ours-reported-${viewport.width}`);

    // Saved on the server: the secretariat reads the same note, and a reload shows it.
    const secretariat = await token('sekretariat@goteborg.example');
    const { councils } = await gql(
      '{ councils(first: 5) { edges { node { name actions(first: 20) { edges { node { title status statusNote } } } } } } }',
      {},
      secretariat,
    );
    const actions = councils.edges.flatMap((c) => c.node.actions.edges.map((e) => e.node));
    const saved = actions.find((a) => a.title === ACTION);
    assert.equal(saved.statusNote, note);
    assert.equal(saved.status, chosen);
    await page.reload();
    await page.getByText(`Senaste lägesrapport: ${note}`).waitFor();
    await context.close();
  });
}

test('someone who acts for no organisation is told why the page is empty', async () => {
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  const page = await context.newPage();
  // A new account, not yet linked to any organisation.
  const admin = await token('admin@samrad.example');
  await gql(
    'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
    { i: { email: 'ny.anvandare@example.org', displayName: 'Ny Användare', password: PASSWORD } },
    admin,
  );
  await keyboardLogin(page, 'ny.anvandare@example.org');
  await page.goto(`${base}/min-organisation`);
  await page.getByText('Du företräder ingen organisation ännu.', { exact: false }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Åtgärder som rådet gett oss' }).count(), 0);
  await page.getByRole('heading', { name: 'Våra utkast' }).waitFor();
  await check(page, 'ours-no-organisation');
  await context.close();
});
