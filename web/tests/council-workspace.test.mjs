// The council as a workspace (issue 13) in a real browser against a real server on a fresh
// database with the demo data: a header and tabs, each tab its own address, so that the
// keyboard, a reload and the back button keep it; each tab shows what the API answers; a
// member and an advisory body get only the tabs the API lets them use; a phone does not
// scroll sideways on any tab.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { base, check, DESKTOP, gql, journey, signedIn, startServer, token } from './support.mjs';

startServer('workspace');

const GBG = 'Göteborgs Stads trygghetsråd';
const TABS = [
  'Översikt',
  'Möten',
  'Åtgärder',
  'Medlemmar',
  'Lägesbilder',
  'Siffror',
  'Medborgarlöften',
  'Inställningar',
];

async function councilId(as) {
  const { councils } = await gql('{ councils { edges { node { id name } } } }', {}, as);
  return councils.edges.find((e) => e.node.name === GBG).node.id;
}

const tabs = (page) => page.getByRole('navigation', { name: 'Rådets flikar' });
const tab = (page, name) => tabs(page).getByRole('link', { name, exact: true });

/** The tabs shown, by name, and the one marked as open. */
async function tabsShown(page) {
  await page.getByRole('heading', { name: GBG, level: 1 }).waitFor();
  const names = await tabs(page).getByRole('link').allInnerTexts();
  const current = await tabs(page).locator('a[aria-current="page"]').allInnerTexts();
  return { names, current };
}

/** Presses Tab until the tab link `name` has focus (as a keyboard user would), then Enter. */
async function keyboardTo(page, name) {
  for (let i = 0; i < 30; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const a = document.activeElement;
      return a?.closest('nav')?.getAttribute('aria-label') === 'Rådets flikar' ? a.textContent.trim() : null;
    });
    if (focused === name) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  assert.fail(`the keyboard did not reach the tab ${name}`);
}

/** Waits for the address to end with `path` and the tab `name` to be the open one. */
async function onTab(page, path, name) {
  await page.waitForURL((url) => url.pathname + url.search === path);
  await tab(page, name).and(page.locator('[aria-current="page"]')).waitFor();
}

journey('the secretariat moves across tabs by keyboard and address; each shows what the API says', async (viewport) => {
  const secretariat = await token('sekretariat@goteborg.example');
  const id = await councilId(secretariat);
  // More meetings than a page holds: drafts for a spring, a month of its own for each run.
  const [month, name] = viewport === DESKTOP ? ['04', 'Vårmöte'] : ['05', 'Majmöte'];
  for (let day = 1; day <= 10; day += 1) {
    const d = `2027-${month}-${String(day).padStart(2, '0')}`;
    await gql(
      'mutation($c: ID!, $t: String!, $s: NaiveDateTime!, $e: NaiveDateTime!) { createMeeting(councilId: $c, input: { title: $t, startsAt: $s, endsAt: $e }) { id } }',
      { c: id, t: `${name} ${day}`, s: `${d}T09:00:00`, e: `${d}T10:00:00` },
      secretariat,
    );
  }
  const expected = (
    await gql(
      `query($id: ID!) { council(id: $id) {
        meetings(first: 100) { edges { node { title status } } }
        overdue: actions(first: 100, overdueOnly: true) { edges { node { title } } }
        actions(first: 100) { edges { node { title } } }
        memberships { organisation { name } }
        situationPictures(first: 100) { edges { node { area } } } } }`,
      { id },
      secretariat,
    )
  ).council;
  assert.ok(expected.meetings.edges.length > 10, 'more meetings than one page');
  const overdue = expected.overdue.edges.map((e) => e.node.title);
  assert.ok(overdue.includes('Återkoppla polisens lägesbild för centrala Göteborg'));

  const page = await signedIn('sekretariat@goteborg.example', viewport);
  await page.getByRole('link', { name: GBG }).first().click();
  await onTab(page, `/rad/${id}`, 'Översikt');
  assert.deepEqual(await tabsShown(page), { names: TABS, current: ['Översikt'] });
  assert.match(
    await page.locator('main').innerText(),
    /Trygghetsråd · Värd: Göteborgs Stad · Du sköter rådet \(sekretariatet\)/,
  );
  // The overview: the next meeting with its input deadline, the overdue actions, the drafts.
  const next = page.getByRole('region', { name: 'Kommande möten' });
  assert.match(await next.innerText(), /Trygghetsrådet – Mäns våld mot kvinnor[\s\S]*Sista dag för inspel: /);
  const late = await page.getByRole('region', { name: 'Försenade åtgärder' }).innerText();
  for (const title of overdue) assert.match(late, new RegExp(title));
  await page
    .getByRole('region', { name: 'Mötesutkast att publicera' })
    .getByRole('link', { name: `${name} 1`, exact: true })
    .waitFor();
  assert.match(await page.title(), /^Översikt · Göteborgs Stads trygghetsråd/);
  await check(page, 'workspace-overview');

  // By keyboard to the meetings: every page of them, as many as the API has.
  await keyboardTo(page, 'Möten');
  await onTab(page, `/rad/${id}/moten`, 'Möten');
  const list = page.getByRole('list', { name: 'Möten', exact: true });
  await list.waitFor();
  assert.equal(await list.getByRole('listitem').count(), 10);
  while (await page.getByRole('button', { name: 'Visa fler' }).count()) {
    const before = await list.getByRole('listitem').count();
    await page.getByRole('button', { name: 'Visa fler' }).click();
    await page.waitForFunction(([n]) => document.querySelectorAll('#h-meetings ~ ul > li').length > n, [before]);
  }
  assert.equal(await list.getByRole('listitem').count(), expected.meetings.edges.length);
  const drafts = expected.meetings.edges.filter((e) => e.node.status === 'DRAFT').length;
  assert.equal(await list.getByRole('button', { name: 'Publicera för ledamöterna' }).count(), drafts);
  await page.getByRole('region', { name: 'Planera året' }).waitFor();
  await page.getByRole('region', { name: 'Sekretariatets verktyg' }).waitFor();
  assert.match(await page.title(), /^Möten · Göteborgs Stads trygghetsråd/);
  await check(page, 'workspace-meetings');

  // A reload keeps the tab.
  await page.reload();
  await onTab(page, `/rad/${id}/moten`, 'Möten');
  await page.getByRole('heading', { name: GBG, level: 1 }).waitFor();

  // The actions: all of them, then only the overdue ones, which the address keeps.
  await keyboardTo(page, 'Åtgärder');
  await onTab(page, `/rad/${id}/atgarder`, 'Åtgärder');
  const actions = page.getByRole('list', { name: 'Uppföljande åtgärder' });
  await actions.waitFor();
  assert.equal(await actions.getByRole('listitem').count(), Math.min(10, expected.actions.edges.length));
  const first = actions.getByRole('listitem').filter({ hasText: overdue[0] });
  assert.match(await first.innerText(), /försenad · Klar senast .* · .+/);
  await page.getByLabel('Bara försenade').check();
  await page.waitForFunction(() => location.search === '?forsenade');
  await page.waitForFunction(([n]) => document.querySelectorAll('#h-actions ~ ul > li').length === n, [overdue.length]);
  await check(page, 'workspace-actions');
  await page.reload();
  await onTab(page, `/rad/${id}/atgarder?forsenade`, 'Åtgärder');
  assert.equal(await page.getByLabel('Bara försenade').isChecked(), true);
  assert.equal(await actions.getByRole('listitem').count(), overdue.length);

  // Back returns to the meetings.
  await page.goBack();
  await onTab(page, `/rad/${id}/moten`, 'Möten');
  await list.waitFor();

  // By address: the members with their role and seats.
  await page.goto(`${base}/rad/${id}/medlemmar`);
  await onTab(page, `/rad/${id}/medlemmar`, 'Medlemmar');
  const members = page.getByRole('list', { name: 'Medlemsorganisationer' });
  await members.waitFor();
  assert.equal(await members.getByRole('listitem').count(), expected.memberships.length);
  assert.match(
    await members.getByRole('listitem').filter({ hasText: 'Polisregion Väst' }).innerText(),
    /Medlem[\s\S]*Karin Holm \(ledamot\)/,
  );
  await check(page, 'workspace-members');

  await page.goto(`${base}/rad/${id}/lagesbilder`);
  await onTab(page, `/rad/${id}/lagesbilder`, 'Lägesbilder');
  const pictures = page.getByRole('region', { name: 'Lägesbilder delade med rådet' });
  await pictures.waitFor();
  if (expected.situationPictures.edges.length === 0) {
    await pictures.getByText('Inga lägesbilder som du får läsa är delade med rådet.').waitFor();
  } else {
    assert.equal(await pictures.getByRole('listitem').count(), Math.min(10, expected.situationPictures.edges.length));
  }
  await check(page, 'workspace-pictures');

  await page.goto(`${base}/rad/${id}/siffror`);
  await onTab(page, `/rad/${id}/siffror`, 'Siffror');
  await page
    .getByRole('region', { name: 'Återkoppling och representation' })
    .getByRole('heading', { level: 3 })
    .first()
    .waitFor();
  await check(page, 'workspace-figures');

  await tab(page, 'Inställningar').click();
  await page.getByRole('heading', { name: `Inställningar: ${GBG}`, level: 1 }).waitFor();
  await onTab(page, `/rad/${id}/installningar`, 'Inställningar');
  await check(page, 'workspace-settings');
});

journey('a member sees no settings tab and none of the secretariat’s tools', async (viewport) => {
  const police = await token('polis@vast.example');
  const id = await councilId(police);
  const page = await signedIn('polis@vast.example', viewport);
  await page.goto(`${base}/rad/${id}`);
  assert.deepEqual(await tabsShown(page), { names: TABS.slice(0, -1), current: ['Översikt'] });
  assert.match(await page.locator('main').innerText(), /Du är med som medlem/);
  await page.getByRole('region', { name: 'Försenade åtgärder' }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Mötesutkast att publicera' }).count(), 0);
  await check(page, 'workspace-member-overview');

  await tab(page, 'Möten').click();
  await onTab(page, `/rad/${id}/moten`, 'Möten');
  await page.getByRole('list', { name: 'Möten', exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Publicera för ledamöterna' }).count(), 0);
  assert.equal(await page.getByRole('region', { name: 'Planera året' }).count(), 0);
  assert.equal(await page.getByRole('region', { name: 'Sekretariatets verktyg' }).count(), 0);
  await check(page, 'workspace-member-meetings');

  await page.goto(`${base}/rad/${id}/installningar`);
  await page.getByRole('heading', { name: 'Ingen behörighet', level: 1 }).waitFor();
});

journey('the youth council, an advisory body, gets the tabs the API allows, told why of the rest', async (viewport) => {
  const youth = await token('ungdom@goteborg.example');
  const id = await councilId(youth);
  const page = await signedIn('ungdom@goteborg.example', viewport);
  await page.goto(`${base}/rad/${id}`);
  assert.deepEqual(await tabsShown(page), {
    names: ['Översikt', 'Möten', 'Medlemmar', 'Lägesbilder'],
    current: ['Översikt'],
  });
  assert.match(await page.locator('main').innerText(), /Du är med som rådgivande organ/);
  await page.getByRole('region', { name: 'Kommande möten' }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Försenade åtgärder' }).count(), 0);
  await check(page, 'workspace-advisory-overview');

  // The member organisations, but not who sits for them.
  await tab(page, 'Medlemmar').click();
  const members = page.getByRole('list', { name: 'Medlemsorganisationer' });
  await members.getByRole('listitem').filter({ hasText: 'Ungdomsfullmäktige i Göteborg' }).waitFor();
  await page.getByText('Vilka personer som har plats i rådet visas bara för medlemmarna och sekretariatet.').waitFor();
  assert.doesNotMatch(await members.innerText(), /Karin Holm/);
  await check(page, 'workspace-advisory-members');

  // At the addresses of the tabs it is not offered: a plain sentence, no crash.
  for (const [path, sentence] of [
    ['siffror', 'Siffrorna om återkoppling och representation visas bara för rådets medlemmar och sekretariat.'],
    ['atgarder', 'Rådets åtgärder visas bara för dess medlemmar och sekretariat.'],
  ]) {
    await page.goto(`${base}/rad/${id}/${path}`);
    await page.getByText(sentence).waitFor();
    assert.equal(await page.getByRole('table').count(), 0);
    await check(page, `workspace-advisory-${path}`);
  }
});

test('on a 390 px phone no tab scrolls sideways', async () => {
  const page = await signedIn('sekretariat@goteborg.example', { width: 390, height: 844 });
  const id = await councilId(await token('sekretariat@goteborg.example'));
  for (const path of ['', '/moten', '/atgarder', '/medlemmar', '/lagesbilder', '/siffror', '/installningar']) {
    await page.goto(`${base}/rad/${id}${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') !== 'true');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(wide, 0, `/rad/…${path} scrolls sideways at 390 px`);
  }
  await page.goto(`${base}/rad/${id}`);
  await page.getByRole('heading', { name: GBG, level: 1 }).waitFor();
  await check(page, 'workspace-overview-390');
});
