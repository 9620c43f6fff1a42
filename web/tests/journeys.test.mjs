// The web UI's journeys in a real browser (Debian's Chromium driven by playwright-core)
// against a real server on a fresh database with the demo data. Every page is checked
// with axe-core for WCAG 2.1 A/AA violations and photographed into test-results/.
import assert from 'node:assert/strict';
import { join } from 'node:path';

import {
  base,
  browser,
  check,
  DESKTOP,
  gql,
  header,
  inviteYouth,
  journey,
  newPage,
  openTab,
  PASSWORD,
  results,
  signIn,
  startServer,
  token,
} from './support.mjs';

startServer('web');

journey('a member logs in and sees their councils and what needs them', async (viewport) => {
  const page = await newPage(viewport);
  await page.goto(`${base}/`);
  await page.waitForURL(/\/login/);
  await page.getByRole('heading', { name: 'Logga in' }).waitFor();
  await check(page, 'login');
  await page.getByLabel('E-postadress').fill('wrong@example.org');
  await page.getByLabel('Lösenord').fill('fel-lösenord-123');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('alert').filter({ hasText: 'Fel e-postadress eller lösenord' }).waitFor();
  await page.getByLabel('E-postadress').fill('sekretariat@goteborg.example');
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: 'Mina råd' }).waitFor();
  const text = await page.locator('main').innerText();
  assert.match(text, /Göteborgs Stads trygghetsråd/);
  assert.match(text, /Trygghetsrådet – Mäns våld mot kvinnor/);
  assert.match(text, /Återkoppla polisens lägesbild för centrala Göteborg/);
  await check(page, 'home');
  // English, and back.
  await (await header(page)).getByRole('button', { name: 'English – byt språk till engelska' }).click();
  await page.getByRole('heading', { name: 'My councils' }).waitFor();
  await check(page, 'home-en');
  await (await header(page)).getByRole('button', { name: 'Svenska – switch language to Swedish' }).click();
  await page.getByRole('heading', { name: 'Mina råd' }).waitFor();
});

journey('an expired session returns to login and back', async (viewport) => {
  const page = await newPage(viewport);
  await page.goto(`${base}/login`);
  await page.evaluate(() => {
    sessionStorage.setItem('samrad.access', 'expired.token.value');
    sessionStorage.setItem('samrad.refresh', 'revoked-refresh-token');
  });
  await page.goto(`${base}/`);
  await page.getByText('Du har loggats ut. Logga in igen för att fortsätta.').waitFor();
  await check(page, 'login-expired');
  await page.getByLabel('E-postadress').fill('polis@vast.example');
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: 'Mina råd' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
});

journey('the youth council gives input through an invitation, keyboard only, and follows it', async (viewport) => {
  // Each run gives its own input (the other run's is on the same meeting).
  const stop = viewport === DESKTOP ? 'busshållplatsen' : 'spårvagnshållplatsen';
  const { path: invitation, meetingId, secretariat } = await inviteYouth();

  const page = await newPage(viewport);
  await page.goto(`${base}${invitation}`);
  await page.getByRole('heading', { name: 'Ge inspel till Göteborgs Stads trygghetsråd' }).waitFor();
  await check(page, 'invitation');
  const focusOn = async (id) => {
    for (let i = 0; i < 40; i += 1) {
      if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
      await page.keyboard.press('Tab');
    }
    assert.fail(`could not reach #${id} with Tab`);
  };
  await focusOn('title');
  await page.keyboard.type(`Otryggt vid ${stop} på kvällen`);
  await focusOn('body');
  await page.keyboard.type(
    'Många i ungdomsfullmäktige undviker hållplatsen efter mörkrets inbrott. Bättre belysning behövs.',
  );
  await focusOn('group-GIRLS_AND_YOUNG_WOMEN');
  await page.keyboard.press('Space');
  await focusOn('anonymous');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  // The browser lands on the receipt's own address, which says how to keep it.
  await page.getByRole('heading', { name: new RegExp(`Ditt inspel: Otryggt vid ${stop}`) }).waitFor();
  assert.match(page.url(), /\/kvitto\/[^/?]+\?skickat$/);
  await page.getByRole('status').filter({ hasText: 'Tack! Ditt inspel är mottaget.' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Inskickat/);
  const receiptAddress = await page.getByLabel('Länk till kvittot').inputValue();
  assert.equal(receiptAddress, page.url().replace('?skickat', ''));
  await check(page, 'receipt');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  await focusOn('receipt-address');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.locator('#announcer').filter({ hasText: 'Länken är kopierad.' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), receiptAddress);
  await page.goto(receiptAddress);
  await page.getByRole('heading', { name: new RegExp(`Ditt inspel: Otryggt vid ${stop}`) }).waitFor();
  assert.equal(await page.getByText('Tack! Ditt inspel är mottaget.').count(), 0);

  // The secretariat answers; the receipt shows the answer.
  const inputs = await gql(
    'query($id: ID!) { meeting(id: $id) { inputs(first: 50) { edges { node { id title } } } } }',
    { id: meetingId },
    secretariat,
  );
  const input = inputs.meeting.inputs.edges.map((e) => e.node).find((i) => i.title.startsWith(`Otryggt vid ${stop}`));
  await gql(
    'mutation($id: ID!) { answerInput(id: $id, answer: "Vi byter belysning vid hållplatsen i vår.") { id } }',
    { id: input.id },
    secretariat,
  );
  await page.reload();
  await page.getByText('Vi byter belysning vid hållplatsen i vår.').waitFor();
  assert.match(await page.locator('main').innerText(), /Besvarat/);
  await check(page, 'receipt-answered');

  // Back on the link, what was sent through it is listed before anything is sent again.
  await page.goto(`${base}${invitation}`);
  await page.getByRole('heading', { name: 'Redan inskickat via den här länken: 1' }).waitFor();
  assert.match(await page.locator('main').innerText(), new RegExp(`Otryggt vid ${stop} på kvällen`));
  await check(page, 'invitation-again');
  // A second input through the same link is sent only once the sender says so.
  await page.getByLabel('Rubrik').fill('Mer ljus i parken');
  await page.getByLabel('Ditt inspel', { exact: true }).fill('Parken behöver också belysning.');
  await page.getByRole('button', { name: 'Skicka inspel' }).click();
  await page.getByText('Kryssa i rutan om ni vill skicka ett till.').waitFor();
  assert.equal(await page.getByLabel('Rubrik').inputValue(), 'Mer ljus i parken');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'another');
  await check(page, 'invitation-confirm-another');
  await page.getByLabel('Ja, vi vill skicka ett inspel till via den här länken').check();
  await page.getByRole('button', { name: 'Skicka inspel' }).click();
  await page.getByRole('heading', { name: /Ditt inspel: Mer ljus i parken/ }).waitFor();
});

journey('a revoked or unknown invitation link says so in plain Swedish', async (viewport) => {
  const page = await newPage(viewport);
  await page.goto(`${base}/inspel/ogiltig-lank`);
  await page.getByRole('alert').filter({ hasText: 'Länken är ogiltig, har gått ut eller har återkallats.' }).waitFor();
  await check(page, 'invitation-invalid');
});

journey('a council member prepares the next meeting: agenda, RSVP, input, and an overdue action', async (viewport) => {
  await reopenOverdueAction();
  const subject = viewport === DESKTOP ? 'våld i nära relationer' : 'hedersrelaterat våld';
  const page = await newPage(viewport);
  await page.goto(`${base}/login`);
  await page.getByLabel('E-postadress').fill('polis@vast.example');
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: 'Mina råd' }).waitFor();
  // The overdue action assigned to Polisregion Väst is done.
  const action = page.getByRole('listitem').filter({ hasText: 'Återkoppla polisens lägesbild för centrala Göteborg' });
  await action.getByRole('button', { name: 'Markera som klar' }).click();
  await page.getByText('Åtgärden är markerad som klar.').waitFor();
  assert.doesNotMatch(await page.locator('main').innerText(), /Återkoppla polisens lägesbild/);
  // Open the next meeting.
  await page.getByRole('link', { name: 'Trygghetsrådet – Mäns våld mot kvinnor' }).click();
  await page.getByRole('heading', { name: 'Trygghetsrådet – Mäns våld mot kvinnor', level: 1 }).waitFor();
  const text = await page.locator('main').innerText();
  assert.match(text, /Lägesbild: mäns våld mot kvinnor i Göteborg/);
  assert.match(text, /Mäns våld mot kvinnor/);
  await check(page, 'meeting');
  await openTab(page, 'Närvaro');
  await page.getByRole('button', { name: 'Jag kommer' }).click();
  await page.getByText('Ditt svar är sparat: Jag kommer.').waitFor();
  await openTab(page, 'Inspel');
  await page.getByLabel('Rubrik').fill(`Polisens perspektiv på ${subject}`);
  await page
    .getByLabel('Ditt inspel')
    .fill('Anmälningarna har ökat i centrala Göteborg. Vi vill lyfta samverkan med socialtjänsten.');
  await page.getByRole('button', { name: 'Skicka inspel' }).click();
  await page.getByText('Ert inspel är inskickat.').waitFor();
  const ours = page.getByRole('region', { name: 'Våra inspel till mötet' });
  await ours.getByText(`Polisens perspektiv på ${subject}`, { exact: true }).waitFor();
  assert.match(await ours.innerText(), /Inskickat/);
  await check(page, 'meeting-after-input');
});

/** The demo's overdue action for Polisregion Väst, open again if a run before marked it done. */
async function reopenOverdueAction() {
  const police = await token('polis@vast.example');
  const data = await gql(
    '{ me { affiliations { organisation { actions(first: 50) { edges { node { id title status } } } } } } }',
    {},
    police,
  );
  const action = data.me.affiliations
    .flatMap((a) => a.organisation.actions.edges.map((e) => e.node))
    .find((a) => a.title === 'Återkoppla polisens lägesbild för centrala Göteborg');
  assert.ok(action, 'the demo has an overdue action for Polisregion Väst');
  if (action.status === 'DONE')
    await gql('mutation($id: ID!) { updateActionStatus(id: $id, status: OPEN) { id } }', { id: action.id }, police);
}

journey('an analyst publishes a restricted situation picture for the police, with map and table', async (viewport) => {
  const area = viewport === DESKTOP ? 'Sätra – vecka 47' : 'Sätra – vecka 48';
  const page = await newPage(viewport);
  await page.goto(`${base}/login`);
  await page.getByLabel('E-postadress').fill('analytiker@gavle.example');
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: 'Mina råd' }).waitFor();
  await (await header(page)).getByRole('link', { name: 'Lägesbilder' }).click();
  await page.getByRole('heading', { name: 'Lägesbilder', level: 1 }).waitFor();
  assert.match(await page.locator('main').innerText(), /Brynäs/);
  await check(page, 'pictures');
  await page.getByLabel('Område (obligatoriskt)', { exact: true }).fill(area);
  await page.getByLabel('Period från').fill('2026-11-16');
  await page.getByLabel('Period till').fill('2026-11-22');
  await page.getByLabel('Sammanfattning').fill('Skadegörelse och otrygghet kring Sätra centrum kvällstid.');
  await page.getByLabel('Endast namngivna organisationer (begränsad)').check();
  await page.getByLabel('Lokalpolisområde Gästrikland', { exact: true }).check();
  await page.getByLabel('Sätra centrum (Sätra)').check();
  await page.getByLabel('Kategori för Sätra centrum').selectOption('VANDALISM');
  await page.getByLabel('Trend för Sätra centrum').selectOption('RISING');
  await page.getByLabel('Upplevd trygghet vid Sätra centrum').selectOption('2');
  await page.getByRole('button', { name: 'Publicera lägesbild' }).click();
  await page.getByRole('heading', { name: area, level: 1 }).waitFor();
  const text = await page.locator('main').innerText();
  assert.match(text, /Endast namngivna organisationer \(begränsad\): Lokalpolisområde Gästrikland/);
  // The map: the place's marker says its trend in words; the table after it says the same.
  const map = page.getByRole('region', { name: 'Karta över 1 plats', exact: true });
  await map.getByRole('button', { name: 'Sätra centrum – Ökar', exact: true }).waitFor();
  await page.getByRole('list', { name: 'Teckenförklaring' }).getByText('Ökar').waitFor();
  const row = page.getByRole('row', { name: /Sätra centrum/ });
  assert.match(await row.innerText(), /Skadegörelse\s+Ökar/);
  await check(page, 'picture');
  // The police may read it; someone outside may not.
  const id = new URL(page.url()).pathname.split('/').pop();
  const police = await gql(
    'query($id: ID!) { situationPicture(id: $id) { area } }',
    { id },
    await token('polis@gastrikland.example'),
  );
  assert.equal(police.situationPicture.area, area);
  const outsider = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token('polis@vast.example')}` },
    body: JSON.stringify({ query: 'query($id: ID!) { situationPicture(id: $id) { area } }', variables: { id } }),
  }).then((r) => r.json());
  assert.equal(outsider.errors?.[0]?.extensions?.code, 'NOT_FOUND');
});

journey('the secretariat plans a year; agenda, invitation, answer, action and minutes', async (viewport) => {
  // Each run plans its own year and names its own item, input, answer and action.
  const [year, item, input, season, action] =
    viewport === DESKTOP
      ? [YEAR + 1, 'Ungdomsfullmäktiges inspel', 'Fler vuxna ute på kvällarna', 'våren', 'våld i nära relationer']
      : [YEAR + 2, 'Ungdomsfullmäktiges frågor', 'Fler vuxna ute på helgerna', 'hösten', 'hedersrelaterat våld'];
  const page = await newPage(viewport);
  await page.goto(`${base}/login`);
  await page.getByLabel('E-postadress').fill('sekretariat@goteborg.example');
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: 'Mina råd' }).waitFor();
  await page.getByRole('link', { name: 'Göteborgs Stads trygghetsråd', exact: true }).click();
  await page.getByRole('heading', { name: 'Göteborgs Stads trygghetsråd', level: 1 }).waitFor();
  await page
    .getByRole('navigation', { name: 'Rådets flikar' })
    .getByRole('link', { name: 'Möten', exact: true })
    .click();
  // Plan a year from the council's themes, then publish its first draft.
  await page.getByRole('region', { name: 'Planera året' }).getByLabel('År').selectOption(String(year));
  await page.getByRole('button', { name: 'Föreslå årets möten' }).click();
  await page.getByText(/4 utkast till möten har skapats\. Krockar med andra råds möten: 0/).waitFor();
  await check(page, 'council');
  const drafts = await yearsDrafts(page, year);
  assert.equal(await drafts.count(), 4);
  await drafts.first().click();
  await page.waitForFunction(
    ([y]) =>
      [...document.querySelectorAll('#h-meetings ~ ul > li')].filter(
        (li) => li.textContent.includes(y) && li.querySelector('button'),
      ).length === 3,
    [String(year)],
  );

  // The next meeting: agenda, invitation, triage and answer, action.
  await page.getByRole('link', { name: 'Trygghetsrådet – Mäns våld mot kvinnor' }).click();
  await page.getByRole('heading', { name: 'Sekretariatet' }).waitFor();
  await page.getByLabel('Rubrik för punkten').fill(item);
  await page.getByLabel('Minuter').fill('20');
  await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
  await page
    .getByRole('listitem')
    .filter({ hasText: `${item} (20 min)` })
    .waitFor();
  await openTab(page, 'Närvaro');
  await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Ungdomsfullmäktige i Göteborg' });
  await page.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
  const link = await page.getByLabel('Länk att skicka till Ungdomsfullmäktige i Göteborg').inputValue();
  assert.match(link, /\/inspel\//);
  const invitationToken = decodeURIComponent(link.split('/inspel/')[1]);
  await gql(
    'mutation($t: String!, $title: String!) { submitInputWithInvitation(token: $t, content: { title: $title, body: "Vi vill se fler fältarbetare.", gatheredBy: SURVEY }) { receiptPath } }',
    { t: invitationToken, title: input },
  );
  await page.reload();
  await page.getByRole('heading', { name: 'Sekretariatet' }).waitFor();
  await openTab(page, 'Inspel');
  // Every new input acknowledged at once, from the triage board; then the youth council's answered.
  await page.getByRole('button', { name: 'Markera alla synliga' }).click();
  await page.getByRole('button', { name: /^Kvittera markerade \(\d+\)$/ }).click();
  await page
    .getByRole('region', { name: /^Mottaget av sekretariatet \(\d+\)$/ })
    .getByRole('listitem')
    .filter({ hasText: input })
    .filter({ hasText: 'Ungdomsfullmäktige i Göteborg' })
    .waitFor();
  assert.equal(await page.getByRole('region', { name: 'Inskickat (0)' }).count(), 1);
  await page.getByRole('button', { name: `Hantera inspelet ${input}` }).click();
  await page.getByLabel(`Svar på ${input}`).fill(`Tack! Socialtjänstens fältgrupp utökas under ${season}.`);
  await page.getByRole('listitem').filter({ hasText: input }).getByRole('button', { name: 'Skicka svar' }).click();
  await page
    .getByRole('region', { name: /^Besvarat/ })
    .getByText(`Svar: Tack! Socialtjänstens fältgrupp utökas under ${season}.`)
    .waitFor();
  await openTab(page, 'Åtgärder');
  await page.getByLabel('Åtgärd (obligatoriskt)', { exact: true }).fill(`Ta fram lägesbild om ${action}`);
  await page.getByLabel('Ansvarig organisation').selectOption({ label: 'Polisregion Väst' });
  await page.getByLabel('Klart senast').fill('2027-02-01');
  await page.getByRole('button', { name: 'Tilldela åtgärd' }).click();
  await page.getByText(new RegExp(`Ta fram lägesbild om ${action} – Polisregion Väst`)).waitFor();
  await openTab(page, 'Närvaro');
  assert.match(await page.locator('section.manage').innerText(), /Polisregion Väst: (representerad|inte anmäld)/);
  await check(page, 'meeting-secretariat');

  // A meeting that has taken place: mark it held, write and approve the minutes.
  const secretariat = await token('sekretariat@goteborg.example');
  const councils = await gql('{ councils { edges { node { id name } } } }', {}, secretariat);
  const gbg = councils.councils.edges.map((e) => e.node).find((c) => c.name === 'Göteborgs Stads trygghetsråd');
  const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  const created = await gql(
    'mutation($c: ID!, $s: NaiveDateTime!, $e: NaiveDateTime!) { createMeeting(councilId: $c, input: { title: "Extra möte", startsAt: $s, endsAt: $e }) { id } }',
    { c: gbg.id, s: `${day}T13:00:00`, e: `${day}T15:00:00` },
    secretariat,
  );
  const past = created.createMeeting.id;
  await gql('mutation($id: ID!) { scheduleMeeting(id: $id, expectedVersion: 1) { id } }', { id: past }, secretariat);
  await page.goto(`${base}/moten/${past}`);
  await openTab(page, 'Protokoll');
  await page.getByRole('button', { name: 'Markera mötet som hållet' }).click();
  await page.getByRole('button', { name: 'Markera mötet som hållet' }).waitFor({ state: 'detached' });
  await page.getByLabel('Protokollstext').fill('§ 1 Mötet öppnades. § 2 Rådet beslutade att fortsätta arbetet.');
  await page.getByRole('button', { name: 'Spara protokoll' }).click();
  await page.getByRole('button', { name: 'Justera protokollet' }).click();
  await page.getByText('Protokollet är justerat.').first().waitFor();
  await check(page, 'minutes-approved');
});

/** This year, as the year planner counts it. */
const YEAR = new Date().getFullYear();

/** The council's meetings list, every page of it shown; the buttons that publish `year`'s drafts. */
async function yearsDrafts(page, year) {
  const meetings = page.getByRole('list', { name: 'Möten', exact: true });
  const more = page.getByRole('button', { name: 'Visa fler' });
  while (await more.count()) {
    const shown = await meetings.getByRole('listitem').count();
    await more.click();
    await page.waitForFunction(([n]) => document.querySelectorAll('#h-meetings ~ ul > li').length > n, [shown]);
  }
  return meetings
    .getByRole('listitem')
    .filter({ hasText: String(year) })
    .getByRole('button', { name: 'Publicera för ledamöterna' });
}

journey('the regional network sees its members side by side, only what each reader may see', async (viewport) => {
  const page = await newPage(viewport);
  await page.goto(`${base}/login`);
  await page.getByLabel('E-postadress').fill('polis@gastrikland.example');
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: 'Mina råd' }).waitFor();
  await page.getByRole('link', { name: 'Brottsförebyggande samverkan Gävle–Uppsala–Västerås' }).click();
  await page
    .getByRole('navigation', { name: 'Rådets flikar' })
    .getByRole('link', { name: 'Lägesbilder', exact: true })
    .click();
  await page.getByRole('heading', { name: 'Regional lägesbild' }).waitFor();
  const gavle = await page.getByRole('row', { name: /^Gävle kommun/ }).innerText();
  // The shared view shows what Gävle shared with the network, marked open, the same for
  // every partner; the restricted picture for the police is not in it…
  assert.match(gavle, /Gävle kommun \(öppen\)/);
  assert.doesNotMatch(gavle, /Brynäs/);
  // …but listed apart, marked as theirs alone.
  await page.getByRole('heading', { name: 'Endast för dig – visas inte för nätverket' }).waitFor();
  const yours = await page.getByRole('list', { name: 'Endast för dig – visas inte för nätverket' }).innerText();
  assert.match(yours, /Gävle kommun: (Sätra – vecka 4\d|Brynäs) \(begränsad\)/);
  const uppsala = await page.getByRole('row', { name: /^Uppsala kommun/ }).innerText();
  assert.match(uppsala, /Ingen lägesbild delad med nätverket/);
  await check(page, 'regional');
});

/** Nothing scrolls sideways at a phone's width (390 px); photographed there too. */
async function fitsPhone(page, name) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  await page.screenshot({ path: join(results, `${name}-390.png`), fullPage: true });
  await page.setViewportSize(size);
  assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow} px at 390 px`);
}

/** The id of the Gothenburg council's next meeting, which members may give input to. */
async function nextMeetingId(accessToken) {
  const data = await gql(
    '{ councils { edges { node { name meetings(first: 10) { edges { node { id title } } } } } } }',
    {},
    accessToken,
  );
  const council = data.councils.edges.map((e) => e.node).find((c) => c.name === 'Göteborgs Stads trygghetsråd');
  return council.meetings.edges.map((e) => e.node).find((m) => m.title === 'Trygghetsrådet – Mäns våld mot kvinnor').id;
}

/** A council member's organisation gives input to a meeting through the API. */
async function giveInput(accessToken, meetingId, title) {
  const data = await gql(
    'mutation($m: ID!, $t: String!) { createInput(input: { meetingId: $m, content: { title: $t, body: "Från polisens lokala lägesbild.", gatheredBy: ORGANISATION_VIEW, targetGroups: [], anonymous: false } }) { id } }',
    { m: meetingId, t: title },
    accessToken,
  );
  return data.createInput.id;
}

/** The bell's accessible name for `count` unread notifications. */
const bellName = (count) =>
  count === 0 ? 'Aviseringar, inga olästa' : count === 1 ? 'Aviseringar, 1 oläst' : `Aviseringar, ${count} olästa`;

journey('a user chooses how a kind of notification reaches them, and it stays after a reload', async (viewport) => {
  // Each run chooses its own channel, and starts from what the API says is chosen now.
  const [chosen, label] = viewport === DESKTOP ? ['DIGEST', 'Daglig sammanfattning'] : ['EMAIL', 'E-post direkt'];
  const { myNotificationPreferences } = await gql(
    '{ myNotificationPreferences { kind channel } }',
    {},
    await token('polis@gastrikland.example'),
  );
  const channel = myNotificationPreferences.find((p) => p.kind === 'PICTURE_PUBLISHED')?.channel ?? 'IN_APP';
  assert.notEqual(channel, chosen);
  const page = await newPage(viewport);
  await signIn(page, 'polis@gastrikland.example');
  await (await header(page)).getByRole('link', { name: 'Inställningar' }).click();
  await page.getByRole('heading', { name: 'Inställningar', level: 1 }).waitFor();
  assert.equal(await page.title(), 'Inställningar – Samråd');
  const pictures = page.getByLabel('Lägesbilder som delas med dig');
  assert.equal(await pictures.inputValue(), channel);
  await check(page, 'settings');
  await fitsPhone(page, 'settings');

  // On a phone, scrolled down to the button: saving says so where the user is.
  await page.setViewportSize({ width: 390, height: 640 });
  await pictures.selectOption({ label });
  const save = page.getByRole('button', { name: 'Spara inställningar' });
  await save.scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 0, 'the page is long enough to scroll at 390 × 640');
  await save.click();
  await page.getByRole('status').filter({ hasText: 'Dina inställningar är sparade.' }).waitFor();
  assert.equal(await page.evaluate(() => window.scrollY), scrolled);

  await page.reload();
  await page.getByRole('heading', { name: 'Inställningar', level: 1 }).waitFor();
  assert.equal(await page.getByLabel('Lägesbilder som delas med dig').inputValue(), chosen);
  assert.equal(await page.getByLabel('Åtgärder som din organisation fått').inputValue(), 'IN_APP');
});

journey('the bell counts unread notifications as they come, and fewer once they are read', async (viewport) => {
  // Each run's inputs, and so its notifications, are its own.
  const [older, newer] = viewport === DESKTOP ? ['Nordstan', 'Kungsportsplatsen'] : ['Majorna', 'Järntorget'];
  const secretariat = await token('sekretariat@goteborg.example');
  const police = await token('polis@vast.example');
  const meeting = await nextMeetingId(police);
  const first = await giveInput(police, meeting, `Fler trygghetsvandringar i ${older}`);
  const second = await giveInput(police, meeting, `Samverkan kring ${newer}`);

  const page = await newPage(viewport);
  await signIn(page, 'polis@vast.example');
  const bell = page.getByRole('link', { name: /^Aviseringar, / });
  const label = await bell.getAttribute('aria-label');
  const before = label === bellName(0) ? 0 : Number(label.match(/(\d+) oläst/)[1]);

  // Answering an input notifies its organisation at once; the bell counts it without a reload.
  for (const id of [first, second]) {
    await gql(
      'mutation($id: ID!) { answerInput(id: $id, answer: "Tack! Vi tar upp det på mötet.") { id } }',
      { id },
      secretariat,
    );
  }
  await page.getByRole('link', { name: bellName(before + 2) }).waitFor({ timeout: 10_000 });

  await page.getByRole('link', { name: bellName(before + 2) }).click();
  await page.getByRole('heading', { name: 'Aviseringar', level: 1 }).waitFor();
  assert.equal(await page.title(), 'Aviseringar – Samråd');
  const nordstan = page.getByRole('listitem').filter({ hasText: `Fler trygghetsvandringar i ${older}` });
  assert.match(await nordstan.innerText(), /Oläst/);
  // Newest first.
  const text = await page.locator('main').innerText();
  assert.ok(text.indexOf(newer) < text.indexOf(older), 'the newest notification comes first');
  await check(page, 'notifications');
  await fitsPhone(page, 'notifications');

  await nordstan.getByRole('button', { name: /^Markera som läst/ }).click();
  await page.getByRole('status').filter({ hasText: 'Aviseringen är markerad som läst.' }).waitFor();
  await page.getByRole('link', { name: bellName(before + 1) }).waitFor();
  assert.doesNotMatch(await nordstan.innerText(), /Oläst/);

  await page.getByRole('button', { name: 'Markera alla visade som lästa' }).click();
  await page.getByRole('status').filter({ hasText: 'Alla visade aviseringar är markerade som lästa.' }).waitFor();
  await page.getByRole('link', { name: bellName(0) }).waitFor();
  assert.equal((await gql('{ unreadNotificationCount }', {}, police)).unreadNotificationCount, 0);
  await check(page, 'notifications-read');

  // A notification leads to what it is about.
  await nordstan.getByRole('link', { name: new RegExp(`Fler trygghetsvandringar i ${older}`) }).click();
  await page.getByRole('heading', { name: 'Trygghetsrådet – Mäns våld mot kvinnor', level: 1 }).waitFor();
});

journey('the meeting page shows new input as it comes, without losing what the secretariat types', async (viewport) => {
  const park = viewport === DESKTOP ? 'Brunnsparken' : 'Slottsskogen';
  const police = await token('polis@vast.example');
  const page = await newPage(viewport);
  await signIn(page, 'sekretariat@goteborg.example');
  await page.goto(`${base}/moten/${await nextMeetingId(police)}`);
  await page.getByRole('heading', { name: 'Sekretariatet' }).waitFor();
  assert.equal(await page.title(), 'Trygghetsrådet – Mäns våld mot kvinnor – Samråd');
  const meeting = new URL(page.url()).pathname.split('/').pop();
  await page.evaluate(() => {
    window.notReloaded = true;
  });
  await openTab(page, 'Inspel');
  const received = page.getByRole('region', { name: 'Inkomna inspel' });

  // While the secretariat types in a field, the page waits…
  const itemTitle = page.getByLabel('Rubrik', { exact: true });
  await itemTitle.fill('Rapport från trygghetsvandringen');
  await giveInput(police, meeting, `Belysningen i ${park}`);
  await page.waitForTimeout(1500);
  assert.doesNotMatch(await received.innerText(), new RegExp(`Belysningen i ${park}`));
  // …and refreshes once they move on, keeping what they typed and where they are.
  await itemTitle.press('Tab');
  await received.getByText(`Belysningen i ${park}`, { exact: true }).waitFor({ timeout: 10_000 });
  assert.equal(await itemTitle.inputValue(), 'Rapport från trygghetsvandringen');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'input-body');

  // Nobody typing: it comes in by itself.
  await giveInput(police, meeting, `Trygghetsvandring i ${park} i april`);
  await received.getByText(`Trygghetsvandring i ${park} i april`, { exact: true }).waitFor({ timeout: 10_000 });
  await page
    .getByRole('status')
    .filter({ hasText: 'Sidan uppdaterades med nya uppgifter.' })
    .waitFor({ state: 'attached' });
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'the page was not reloaded');
  await check(page, 'meeting-live');
});

journey('a new tab keeps the session; signing out ends it in every tab and on the server', async (viewport) => {
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', viewport });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('E-postadress').fill('polis@vast.example');
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: 'Mina råd' }).waitFor();
  // The refresh token is in an HttpOnly, SameSite=Strict cookie for /auth only: no page
  // script can read it, and the page keeps no refresh token of its own.
  const session = (await context.cookies()).find((c) => c.name === 'samrad_refresh');
  assert.ok(session, 'no session cookie');
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Strict');
  assert.equal(session.path, '/auth');
  assert.equal(await page.evaluate(() => document.cookie.includes('samrad_refresh')), false);
  const stored = await page.evaluate(
    () => Object.values(sessionStorage).join(' ') + Object.values(localStorage).join(' '),
  );
  assert.ok(!stored.includes(session.value), 'the refresh token is readable by page scripts');
  // A new tab of the same browser is signed in without a login.
  const tab = await context.newPage();
  await tab.goto(`${base}/`);
  await tab.getByRole('heading', { name: 'Mina råd' }).waitFor();
  assert.doesNotMatch(tab.url(), /\/login/);
  const current = (await context.cookies()).find((c) => c.name === 'samrad_refresh');
  // Signing out there ends the session on the server: the refresh token the browser held
  // is refused by the API, and the first tab has to sign in again.
  await (await header(tab)).getByRole('button', { name: 'Logga ut' }).click();
  await tab.getByRole('heading', { name: 'Logga in' }).waitFor();
  await expect401(current.value);
  assert.equal(
    (await context.cookies()).some((c) => c.name === 'samrad_refresh'),
    false,
  );
  await page.reload();
  await page.getByRole('heading', { name: 'Logga in' }).waitFor();
  await tab.goto(`${base}/`);
  await tab.getByRole('heading', { name: 'Logga in' }).waitFor();
  await context.close();
});

/** The API refuses `value` as a refresh cookie. */
async function expect401(value) {
  const response = await fetch(`${base}/auth/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `samrad_refresh=${value}` },
    body: '{}',
  });
  assert.equal(response.status, 401, 'the old refresh token still works');
}
