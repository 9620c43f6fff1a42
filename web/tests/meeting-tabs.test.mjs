// The meeting page's tabs (issue 13) in a real browser against a real server on a fresh
// database with the demo data: each part of the meeting has its own address (a reload and
// the back button keep it), the tabs are links the keyboard reaches, each tab holds what the
// reader may do there, a member sees none of the secretariat's tools, and a phone does not
// scroll sideways.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { base, check, gql, nextMeeting, openTab, signedIn, startServer, token } from './support.mjs';

/** The laptop size the tabs were measured at. */
const LAPTOP = { width: 1366, height: 768 };

startServer('meeting-tabs');

const SECRETARIAT_TABS = ['Dagordning', 'Inspel', 'Närvaro', 'Protokoll', 'Åtgärder', 'Mötet'];
const MEMBER_TABS = ['Dagordning', 'Inspel', 'Närvaro', 'Protokoll', 'Åtgärder'];
/** Per tab, what the secretariat finds there (a heading of its tools). */
const TOOLS = {
  Dagordning: 'Lägg till punkt på dagordningen',
  Inspel: 'Inkomna inspel',
  Närvaro: 'Utdelade inbjudningslänkar',
  Protokoll: 'Protokoll',
  Åtgärder: 'Åtgärder att ta med tillbaka',
  Mötet: 'Mötet',
};
/** Words only the secretariat's tools say. */
const SECRETARIAT_WORDS = [
  'Sekretariatet',
  'Lägg till punkt',
  'Flytta upp',
  'Inkomna inspel',
  'Ladda ner inspelen',
  'Vilka kommer',
  'Skapa inbjudningslänk',
  'Protokollstext',
  'Tilldela åtgärd',
  'Ändra mötet',
  'Ställ in mötet',
];

/** The Göteborg council's next scheduled meeting, as its secretariat sees it. */
const nextScheduled = async () => nextMeeting(await token('sekretariat@goteborg.example'));

const tabBar = (page) => page.getByRole('navigation', { name: 'Mötets delar' });
const tabNames = async (page) => (await tabBar(page).getByRole('link').allInnerTexts()).map((x) => x.trim());
const current = (page) => tabBar(page).locator('[aria-current="page"]').innerText();

/** Presses Tab until the tab link named `name` has focus (as a keyboard user would), then Enter. */
async function keyTo(page, name) {
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el?.closest('nav[aria-label="Mötets delar"]') ? el.textContent.trim() : null;
    });
    if (focused === name) {
      // The focused tab shows its focus ring.
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(outline, 'none', `no visible focus on ${name}`);
      await page.keyboard.press('Enter');
      await tabBar(page).getByRole('link', { name, exact: true }).and(page.locator('[aria-current="page"]')).waitFor();
      return;
    }
  }
  assert.fail(`the keyboard never reached the tab ${name}`);
}

test('the secretariat’s default tab is shorter than the old long page', async () => {
  const m = await nextScheduled();
  const page = await signedIn('sekretariat@goteborg.example', LAPTOP);
  await page.goto(`${base}/moten/${m.id}`);
  await page.getByRole('heading', { name: 'Sekretariatet' }).waitFor();
  await page.waitForLoadState('networkidle');
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(`secretariat default tab at 1366×768: scrollHeight ${height} px (the page before tabs: 3566 px)`);
  assert.ok(height < 2000, `the default tab is ${height} px high`);
});

test('the secretariat moves between tabs by keyboard and by address; each tab holds its tools', async () => {
  const m = await nextScheduled();
  const page = await signedIn('sekretariat@goteborg.example', LAPTOP);
  await page.goto(`${base}/moten/${m.id}`);
  await page.getByRole('heading', { name: m.title, level: 1 }).waitFor();
  assert.deepEqual(await tabNames(page), SECRETARIAT_TABS);
  assert.equal(await current(page), 'Dagordning');
  // The header stays on every tab.
  const header = async () => page.locator('main dl').first().innerText();
  assert.match(await header(), /När[\s\S]*Status\s*Publicerat/);
  await page.getByRole('heading', { name: TOOLS.Dagordning }).waitFor();
  await check(page, 'tabs-secretariat-dagordning');

  // By keyboard: Tab to a tab's link, Enter. The page stays as it is: nothing is loaded
  // again for a move between tabs (the meeting is already there), and focus stays on the tab.
  const loads = [];
  const count = (request) => request.url().endsWith('/graphql') && loads.push(request.postData());
  page.on('request', count);
  await keyTo(page, 'Inspel');
  assert.equal(new URL(page.url()).pathname, `/moten/${m.id}/inspel`);
  await page.getByRole('region', { name: TOOLS.Inspel }).waitFor();
  assert.equal(await page.getByRole('heading', { name: TOOLS.Dagordning }).count(), 0);
  assert.match(await header(), /Status\s*Publicerat/);
  assert.equal(await page.title(), `Inspel – ${m.title} – Samråd`);
  assert.deepEqual(loads, [], 'a move between tabs loads nothing again');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Inspel');
  page.off('request', count);
  await check(page, 'tabs-secretariat-inspel');

  await keyTo(page, 'Protokoll');
  assert.equal(new URL(page.url()).pathname, `/moten/${m.id}/protokoll`);
  await page.getByRole('region', { name: TOOLS.Protokoll, exact: true }).waitFor();
  await page.getByLabel('Protokollstext').waitFor();

  // A reload stays on the tab; the back button returns to the one before.
  await page.reload();
  await page.getByRole('heading', { name: m.title, level: 1 }).waitFor();
  assert.equal(await current(page), 'Protokoll');
  await page.getByLabel('Protokollstext').waitFor();
  await check(page, 'tabs-secretariat-protokoll');
  await page.goBack();
  await tabBar(page).getByRole('link', { name: 'Inspel', exact: true }).and(page.locator('[aria-current]')).waitFor();
  assert.equal(new URL(page.url()).pathname, `/moten/${m.id}/inspel`);
  await page.getByRole('region', { name: TOOLS.Inspel }).waitFor();

  // The other tabs, each with its tools and none of another tab's.
  for (const name of ['Närvaro', 'Åtgärder', 'Mötet']) {
    await openTab(page, name);
    await page.getByRole('heading', { name: TOOLS[name], exact: true }).waitFor();
    for (const [other, heading] of Object.entries(TOOLS)) {
      if (other === name || heading === 'Protokoll' || heading === 'Mötet') continue;
      assert.equal(await page.getByRole('heading', { name: heading, exact: true }).count(), 0, `${heading} on ${name}`);
    }
    await check(page, `tabs-secretariat-${name.toLowerCase()}`);
  }
  await page.getByRole('button', { name: 'Ändra mötet' }).waitFor();

  // An old link to the meeting still opens it, on the agenda.
  await page.goto(`${base}/moten/${m.id}`);
  assert.equal(await current(page), 'Dagordning');
  // An address that is no tab is not found.
  await page.goto(`${base}/moten/${m.id}/finns-inte`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await tabBar(page).count(), 0);
});

test('a member sees the member tabs only, and none of the secretariat’s tools on any', async () => {
  const m = await nextScheduled();
  // An action the meeting gave the member's organisation, for the member's Åtgärder tab.
  const secretariat = await token('sekretariat@goteborg.example');
  const members = await gql(
    'query($id: ID!) { meeting(id: $id) { council { memberships { organisation { id name } } } } }',
    { id: m.id },
    secretariat,
  );
  const police = members.meeting.council.memberships.find((x) => x.organisation.name === 'Polisregion Väst');
  await gql(
    'mutation($input: CreateActionInput!) { createAction(input: $input) { id } }',
    {
      input: {
        meetingId: m.id,
        organisationId: police.organisation.id,
        title: 'Kartlägg otrygga hållplatser',
        dueOn: '2027-06-30',
      },
    },
    secretariat,
  );
  const page = await signedIn('polis@vast.example', LAPTOP);
  await page.goto(`${base}/moten/${m.id}`);
  await page.getByRole('heading', { name: m.title, level: 1 }).waitFor();
  assert.deepEqual(await tabNames(page), MEMBER_TABS);
  for (const name of MEMBER_TABS) {
    if (name !== 'Dagordning') await openTab(page, name);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    const text = await page.locator('main').innerText();
    for (const word of SECRETARIAT_WORDS) assert.ok(!text.includes(word), `a member sees "${word}" on ${name}`);
    assert.equal(await page.locator('main textarea#minutes-body, main #action-title, main #item-title').count(), 0);
    await check(page, `tabs-member-${name.toLowerCase()}`);
  }
  // What each tab offers a member.
  await openTab(page, 'Inspel');
  await page.getByRole('region', { name: 'Ge inspel från din organisation' }).waitFor();
  await openTab(page, 'Närvaro');
  await page.getByRole('region', { name: 'Kommer du?' }).getByRole('button', { name: 'Jag kommer' }).waitFor();
  await openTab(page, 'Protokoll');
  await page.getByText('Protokollet är inte skrivet ännu.', { exact: false }).waitFor();
  await openTab(page, 'Åtgärder');
  await page
    .getByRole('region', { name: 'Åtgärder att ta med tillbaka' })
    .getByRole('listitem')
    .filter({ hasText: 'Kartlägg otrygga hållplatser – Polisregion Väst, 30 juni 2027 · Inte påbörjad' })
    .waitFor();

  // The secretariat's own tab, opened by its address, says why there is nothing.
  await page.goto(`${base}/moten/${m.id}/motet`);
  await page.getByText('Den här delen av mötet är sekretariatets verktyg.', { exact: false }).waitFor();
  const text = await page.locator('main').innerText();
  for (const word of SECRETARIAT_WORDS) assert.ok(!text.includes(word), `a member sees "${word}" on /motet`);
  await check(page, 'tabs-member-motet');
});

test('on a 390 px phone no tab makes the page scroll sideways', async () => {
  const m = await nextScheduled();
  for (const [email, tabs] of [
    ['sekretariat@goteborg.example', SECRETARIAT_TABS],
    ['polis@vast.example', MEMBER_TABS],
  ]) {
    const page = await signedIn(email, { width: 390, height: 844 });
    await page.goto(`${base}/moten/${m.id}`);
    await page.getByRole('heading', { name: m.title, level: 1 }).waitFor();
    for (const name of tabs) {
      if (name !== 'Dagordning') await openTab(page, name);
      const [scroll, client] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        document.documentElement.clientWidth,
      ]);
      assert.ok(scroll <= client, `${email} on ${name}: ${scroll} px wide in ${client} px`);
      const bar = await tabBar(page).boundingBox();
      assert.ok(bar && bar.x >= 0 && bar.x + bar.width <= client, `the tab bar of ${name} overflows`);
    }
    await check(page, `tabs-phone-${email.split('@')[0]}`);
  }
});
