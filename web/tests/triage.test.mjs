// The secretariat's triage board on the meeting's Inspel tab (issue 13, item 2) in a real
// browser against a real server on a fresh database with the demo data: the inputs in a
// column per status with the API's counts, filters by agenda item, organisation and target
// group kept in the address, the submitted ones acknowledged together in one request, a card
// declined and linked from its own tools, the loading and empty states, every input read
// however many pages it takes, and a member who sees none of it. Each test makes its own
// meeting and inputs; axe-core checks every state, and phones do not scroll sideways.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { base, check, gql, openTab, overflow, signedIn, startServer, token } from './support.mjs';

startServer('triage');

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const SECRETARIAT = 'sekretariat@goteborg.example';
const POLICE = 'polis@vast.example';
const YOUTH = 'ungdom@goteborg.example';

/** The board's column headings (the statuses' Swedish names), by status. */
const COLUMN = {
  SUBMITTED: 'Inskickat',
  ACKNOWLEDGED: 'Mottaget av sekretariatet',
  ON_AGENDA: 'På dagordningen',
  DISCUSSED: 'Behandlat på mötet',
  ANSWERED: 'Besvarat',
  DECLINED: 'Inte aktuellt',
};

let days = 60;
/** A scheduled meeting of Göteborg's council of its own (a day of its own), with agenda items titled `items`. */
async function meetingWith(title, items = []) {
  const secretariat = await token(SECRETARIAT);
  const councils = await gql('{ councils { edges { node { id name } } } }', {}, secretariat);
  const council = councils.councils.edges.map((e) => e.node).find((c) => c.name === 'Göteborgs Stads trygghetsråd');
  days += 1;
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const created = await gql(
    'mutation($c: ID!, $s: NaiveDateTime!, $e: NaiveDateTime!, $t: String!) { createMeeting(councilId: $c, input: { title: $t, startsAt: $s, endsAt: $e, location: "Stadshuset" }) { id version } }',
    { c: council.id, s: `${day}T13:00:00`, e: `${day}T15:00:00`, t: title },
    secretariat,
  );
  const id = created.createMeeting.id;
  let version = created.createMeeting.version;
  const agenda = {};
  for (const item of items) {
    const added = await gql(
      'mutation($m: ID!, $v: Int!, $t: String!) { addAgendaItem(meetingId: $m, expectedVersion: $v, input: { title: $t, minutesAllotted: 20 }) { id } }',
      { m: id, v: version, t: item },
      secretariat,
    );
    agenda[item] = added.addAgendaItem.id;
    version += 1;
  }
  await gql(
    'mutation($id: ID!, $v: Int!) { scheduleMeeting(id: $id, expectedVersion: $v) { version } }',
    { id, v: version },
    secretariat,
  );
  return { id, title, agenda, secretariat };
}

/** An input `as` (a member's token) submits to `meeting`; returns its id. */
async function giveInput(as, meeting, title, groups = []) {
  const data = await gql(
    'mutation($m: ID!, $t: String!, $g: [TargetGroup!]!) { createInput(input: { meetingId: $m, content: { title: $t, body: "Det här har vi hört i stadsdelen.", gatheredBy: DIALOGUE_MEETING, targetGroups: $g } }) { id } }',
    { m: meeting, t: title, g: groups },
    as,
  );
  return data.createInput.id;
}

/** The meeting's inputs as the API gives them to the secretariat, by title. */
async function inputsOf(meeting) {
  const data = await gql(
    'query($id: ID!) { meeting(id: $id) { inputs(first: 100) { edges { node { id title status organisation { id name } agendaItem { title } declineReason } } } } }',
    { id: meeting.id },
    meeting.secretariat,
  );
  return Object.fromEntries(data.meeting.inputs.edges.map((e) => [e.node.title, e.node]));
}

/** The API's count per status (inputTriage), every column's status included. */
async function triageCounts(meeting) {
  const data = await gql(
    'query($id: ID!) { meeting(id: $id) { inputTriage { byStatus { status count } } } }',
    { id: meeting.id },
    meeting.secretariat,
  );
  const counts = Object.fromEntries(Object.keys(COLUMN).map((s) => [s, 0]));
  for (const { status, count } of data.meeting.inputTriage.byStatus) counts[status] = count;
  return counts;
}

const board = (page) => page.getByRole('region', { name: 'Inkomna inspel' });
/** The board's column for `status`, found by its heading with the count. */
const column = (page, status, count) => board(page).getByRole('region', { name: `${COLUMN[status]} (${count})` });
/** The cards' titles the board shows, in order. */
const cardTitles = async (page) => (await board(page).locator('li h5').allInnerTexts()).map((x) => x.trim()).sort();
const showing = (page, shown, total) =>
  board(page)
    .getByRole('status')
    .filter({ hasText: `Visar ${shown} av ${total} inspel` });

/** Nothing sticks out to the right at the page's width. */
async function noSidewaysScroll(page, what) {
  const { scrollWidth, width, offenders } = await overflow(page);
  assert.ok(scrollWidth <= width, `${what}: the page is ${scrollWidth} px wide in ${width} px`);
  assert.deepEqual(offenders, [], `${what}: sticks out`);
}

test('the secretariat sees the inputs in columns by status with the API’s counts, and filters them in the address', async () => {
  const m = await meetingWith('Möte om kvällar i stadsdelarna', ['Trygghet i Angered', 'Unga i centrum']);
  const police = await token(POLICE);
  const youth = await token(YOUTH);
  await giveInput(police, m.id, 'Ordningsvakter i Nordstan', ['YOUTH']);
  const cameras = await giveInput(police, m.id, 'Kameror vid Brunnsparken');
  const lights = await giveInput(police, m.id, 'Belysning i Angered', ['ELDERLY']);
  await giveInput(youth, m.id, 'Fritidsgårdar öppna på kvällen', ['YOUTH', 'STUDENTS']);
  await gql(
    'mutation($ids: [ID!]!) { acknowledgeInputs(ids: $ids) { id } }',
    { ids: [cameras, lights] },
    m.secretariat,
  );
  await gql(
    'mutation($id: ID!, $item: ID!) { linkInputToAgendaItem(id: $id, agendaItemId: $item) { id } }',
    { id: lights, item: m.agenda['Trygghet i Angered'] },
    m.secretariat,
  );
  const inputs = await inputsOf(m);
  const policeOrg = inputs['Ordningsvakter i Nordstan'].organisation.id;
  const youthOrg = inputs['Fritidsgårdar öppna på kvällen'].organisation.id;

  const page = await signedIn(SECRETARIAT, LAPTOP);
  await page.goto(`${base}/moten/${m.id}`);
  await openTab(page, 'Inspel');
  await showing(page, 4, 4).waitFor();

  // A column per status, in the order an input moves, each with the API's count and as many cards.
  const counts = await triageCounts(m);
  assert.deepEqual([counts.SUBMITTED, counts.ACKNOWLEDGED, counts.ON_AGENDA], [2, 1, 1]);
  const headings = (await board(page).locator('h4').allInnerTexts()).map((x) => x.trim());
  assert.deepEqual(
    headings,
    Object.entries(COLUMN).map(([status, name]) => `${name} (${counts[status]})`),
  );
  for (const status of Object.keys(COLUMN)) {
    const cards = column(page, status, counts[status]).getByRole('listitem');
    assert.equal(await cards.count(), counts[status], status);
  }
  // A card says who gave it, for whom, and where it is on the agenda.
  const lightsCard = column(page, 'ON_AGENDA', 1).getByRole('listitem');
  assert.match(await lightsCard.innerText(), /Belysning i Angered[\s\S]*Polisregion Väst[\s\S]*Målgrupper: Äldre/);
  await lightsCard.getByText('På dagordningen under: Trygghet i Angered').waitFor();
  assert.match(
    await column(page, 'SUBMITTED', 2).getByRole('listitem').filter({ hasText: 'Fritidsgårdar' }).innerText(),
    /Ungdomsfullmäktige i Göteborg[\s\S]*Målgrupper: Unga, Studenter/,
  );
  await check(page, 'triage-board');

  // Filtering is done in the page, which stays as it is: nothing is asked of the API again,
  // and what the secretariat has begun to type stays.
  await page.getByLabel('Rubrik', { exact: true }).fill('Sekretariatets eget inspel');
  const asked = [];
  const count = (request) => request.url().endsWith('/graphql') && asked.push(request.postData());
  page.on('request', count);

  // By organisation: the youth council's input only, and the address says so.
  await board(page)
    .getByLabel('Organisation', { exact: true })
    .selectOption({ label: 'Ungdomsfullmäktige i Göteborg' });
  await showing(page, 1, 4).waitFor();
  assert.deepEqual(await cardTitles(page), ['Fritidsgårdar öppna på kvällen']);
  await column(page, 'SUBMITTED', 1).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('org'), youthOrg);

  // By organisation and target group: the police's inputs for young people.
  await board(page).getByLabel('Organisation', { exact: true }).selectOption({ label: 'Polisregion Väst' });
  await board(page).getByLabel('Målgrupp', { exact: true }).selectOption({ label: 'Unga' });
  await showing(page, 1, 4).waitFor();
  assert.deepEqual(await cardTitles(page), ['Ordningsvakter i Nordstan']);
  const url = new URL(page.url());
  assert.equal(url.pathname, `/moten/${m.id}/inspel`);
  assert.equal(url.searchParams.get('org'), policeOrg);
  assert.equal(url.searchParams.get('grupp'), 'YOUTH');
  await check(page, 'triage-filtered');
  page.off('request', count);
  assert.deepEqual(asked, [], 'a filter asks the API nothing');
  assert.equal(await page.getByLabel('Rubrik', { exact: true }).inputValue(), 'Sekretariatets eget inspel');

  // A reload keeps the filters, in the address and in the fields.
  await page.reload();
  await showing(page, 1, 4).waitFor();
  assert.deepEqual(await cardTitles(page), ['Ordningsvakter i Nordstan']);
  assert.equal(await board(page).getByLabel('Organisation', { exact: true }).inputValue(), policeOrg);
  assert.equal(await board(page).getByLabel('Målgrupp', { exact: true }).inputValue(), 'YOUTH');
  assert.equal(new URL(page.url()).searchParams.get('grupp'), 'YOUTH');

  // Filters that nothing matches say so; "Visa alla inspel" shows everything again.
  await board(page).getByLabel('Målgrupp', { exact: true }).selectOption({ label: 'Studenter' });
  await showing(page, 0, 4).waitFor();
  await board(page).getByText('Inget inspel matchar filtren.', { exact: false }).waitFor();
  assert.equal(await board(page).locator('li').count(), 0);
  await check(page, 'triage-no-match');
  await board(page).getByRole('button', { name: 'Visa alla inspel' }).click();
  await showing(page, 4, 4).waitFor();
  assert.equal(new URL(page.url()).search, '');
  assert.equal(await board(page).getByLabel('Organisation', { exact: true }).inputValue(), '');

  // By agenda item: what is on it; and what is on no item.
  await board(page).getByLabel('Dagordningspunkt', { exact: true }).selectOption({ label: 'Trygghet i Angered' });
  await showing(page, 1, 4).waitFor();
  assert.deepEqual(await cardTitles(page), ['Belysning i Angered']);
  await board(page).getByLabel('Dagordningspunkt', { exact: true }).selectOption({ label: 'Ingen punkt' });
  await showing(page, 3, 4).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('punkt'), 'ingen');
  assert.ok(!(await cardTitles(page)).includes('Belysning i Angered'));
});

test('on a phone the secretariat acknowledges two inputs in one click, declines one and links one', async () => {
  const m = await meetingWith('Möte om trygga hållplatser', ['Hållplatser i Hjällbo']);
  const police = await token(POLICE);
  const youth = await token(YOUTH);
  const first = await giveInput(police, m.id, 'Trasig belysning vid Hjällbo torg');
  const second = await giveInput(police, m.id, 'Skymd sikt vid spårvagnen');
  const third = await giveInput(police, m.id, 'Klotter i gångtunneln');
  await giveInput(youth, m.id, 'Otrygga väntetider på kvällen', ['YOUTH']);

  const page = await signedIn(SECRETARIAT, PHONE);
  const acknowledging = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/graphql') && r.postData()?.includes('acknowledgeInputs')) acknowledging.push(r.postData());
  });
  await page.goto(`${base}/moten/${m.id}/inspel`);
  await showing(page, 4, 4).waitFor();
  await column(page, 'SUBMITTED', 4).waitFor();
  await noSidewaysScroll(page, 'the board at 390 px');

  // Two of them marked, acknowledged with one click and one request.
  await board(page).getByRole('checkbox', { name: 'Markera Trasig belysning vid Hjällbo torg' }).check();
  await board(page).getByRole('checkbox', { name: 'Markera Skymd sikt vid spårvagnen' }).check();
  await check(page, 'triage-picked');
  await board(page).getByRole('button', { name: 'Kvittera markerade (2)' }).click();
  await page.locator('#manage-status').filter({ hasText: 'Kvitterade: 2 inspel.' }).waitFor();
  await column(page, 'ACKNOWLEDGED', 2).waitFor();
  await column(page, 'SUBMITTED', 2).waitFor();
  assert.equal(acknowledging.length, 1, 'one request acknowledges both');
  assert.deepEqual(JSON.parse(acknowledging[0]).variables.ids.toSorted(), [first, second].toSorted());
  let inputs = await inputsOf(m);
  const status = (title) => inputs[title].status;
  assert.equal(status('Trasig belysning vid Hjällbo torg'), 'ACKNOWLEDGED');
  assert.equal(status('Skymd sikt vid spårvagnen'), 'ACKNOWLEDGED');
  assert.equal(status('Klotter i gångtunneln'), 'SUBMITTED');
  assert.equal(status('Otrygga väntetider på kvällen'), 'SUBMITTED');
  const counts = await triageCounts(m);
  assert.deepEqual([counts.SUBMITTED, counts.ACKNOWLEDGED], [2, 2]);
  // Nothing stays marked; the button says so.
  await board(page).getByRole('button', { name: 'Kvittera markerade (0)' }).waitFor();

  // Declined with a reason, after a question: the card moves to its column, and focus with it.
  await board(page).getByRole('button', { name: 'Hantera inspelet Klotter i gångtunneln' }).click();
  const graffiti = page.getByRole('group', { name: 'Hantera inspelet Klotter i gångtunneln' });
  await graffiti.getByLabel('Motivering till den som lämnat inspelet').fill('Klotter anmäls till kretsloppsnämnden.');
  await check(page, 'triage-tools-open');
  await graffiti.getByRole('button', { name: 'Avböj inspelet' }).click();
  await graffiti.getByRole('button', { name: 'Ja, avböj inspelet' }).click();
  const declined = column(page, 'DECLINED', 1).getByRole('listitem').filter({ hasText: 'Klotter i gångtunneln' });
  await declined.getByText('Avböjt: Klotter anmäls till kretsloppsnämnden.').waitFor();
  await declined.getByText('Klotter i gångtunneln är avböjt.').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), `card-${third}`);
  await column(page, 'SUBMITTED', 1).waitFor();

  // Linked to the agenda item: on to the agenda's column.
  await board(page).getByRole('button', { name: 'Hantera inspelet Trasig belysning vid Hjällbo torg' }).click();
  await page
    .getByLabel('Dagordningspunkt för Trasig belysning vid Hjällbo torg')
    .selectOption({ label: 'Hållplatser i Hjällbo' });
  await page.getByRole('button', { name: 'Lägg på punkten' }).click();
  await column(page, 'ON_AGENDA', 1)
    .getByRole('listitem')
    .filter({ hasText: 'Trasig belysning vid Hjällbo torg' })
    .getByText('På dagordningen under: Hållplatser i Hjällbo')
    .waitFor();
  await column(page, 'ACKNOWLEDGED', 1).waitFor();
  inputs = await inputsOf(m);
  assert.equal(status('Klotter i gångtunneln'), 'DECLINED');
  assert.equal(inputs['Klotter i gångtunneln'].declineReason, 'Klotter anmäls till kretsloppsnämnden.');
  assert.equal(status('Trasig belysning vid Hjällbo torg'), 'ON_AGENDA');
  assert.equal(inputs['Trasig belysning vid Hjällbo torg'].agendaItem.title, 'Hållplatser i Hjällbo');
  await check(page, 'triage-acted');
  await noSidewaysScroll(page, 'the board at 390 px, tools used');

  // The narrowest phone: the columns stack, nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 720 });
  await board(page).getByRole('button', { name: 'Hantera inspelet Otrygga väntetider på kvällen' }).click();
  await noSidewaysScroll(page, 'the board at 320 px');
  await check(page, 'triage-320');
});

test('what is typed into a card’s tools stays when the card moves column and when a filter hides it', async () => {
  const m = await meetingWith('Möte om parker på kvällen');
  const title = 'Mörka gångvägar i Slottsskogen';
  await giveInput(await token(POLICE), m.id, title);
  await giveInput(await token(YOUTH), m.id, 'Fler bänkar vid dammen', ['YOUTH']);
  const answer = 'Vi tar upp belysningen med parkförvaltningen i vår.';
  const reason = 'Gäller inte rådets område.';

  const page = await signedIn(SECRETARIAT, LAPTOP);
  await page.goto(`${base}/moten/${m.id}/inspel`);
  await showing(page, 2, 2).waitFor();
  const open = async () => {
    await board(page)
      .getByRole('button', { name: `Hantera inspelet ${title}` })
      .click();
    return page.getByRole('group', { name: `Hantera inspelet ${title}` });
  };
  let tools = await open();
  await tools.getByLabel(`Svar på ${title}`).fill(answer);
  await tools.getByLabel('Motivering till den som lämnat inspelet').fill(reason);

  // Acknowledged with the others marked: the card moves to the next column, made anew there.
  await board(page)
    .getByRole('checkbox', { name: `Markera ${title}` })
    .check();
  await board(page).getByRole('button', { name: 'Kvittera markerade (1)' }).click();
  await page.locator('#manage-status').filter({ hasText: 'Kvitterade: 1 inspel.' }).waitFor();
  await column(page, 'ACKNOWLEDGED', 1).getByRole('listitem').filter({ hasText: title }).waitFor();
  tools = await open();
  assert.equal(await tools.getByLabel(`Svar på ${title}`).inputValue(), answer);
  assert.equal(await tools.getByLabel('Motivering till den som lämnat inspelet').inputValue(), reason);

  // A filter that hides the card, then one that shows it again.
  await board(page)
    .getByLabel('Organisation', { exact: true })
    .selectOption({ label: 'Ungdomsfullmäktige i Göteborg' });
  await showing(page, 1, 2).waitFor();
  assert.equal(
    await board(page)
      .getByRole('button', { name: `Hantera inspelet ${title}` })
      .count(),
    0,
  );
  await board(page).getByRole('button', { name: 'Visa alla inspel' }).click();
  await showing(page, 2, 2).waitFor();
  tools = await open();
  assert.equal(await tools.getByLabel(`Svar på ${title}`).inputValue(), answer);
  assert.equal(await tools.getByLabel('Motivering till den som lämnat inspelet').inputValue(), reason);

  // A step that works clears its own text, and only its own (the card stays where it is,
  // its tools open).
  await tools.getByLabel('Skäl att dölja').fill('Namnger en enskild person.');
  await tools.getByRole('button', { name: 'Dölj inspelet' }).click();
  await tools.getByRole('button', { name: 'Ja, dölj inspelet' }).click();
  await board(page).getByText(`${title} är dolt för övriga ledamöter.`).waitFor();
  assert.equal(await tools.getByLabel('Skäl att dölja').inputValue(), '');
  assert.equal(await tools.getByLabel(`Svar på ${title}`).inputValue(), answer);
  await check(page, 'triage-drafts-kept');
});

test('when a later batch of a bulk acknowledge fails, the board shows the earlier ones acknowledged and says so', async () => {
  // More submitted inputs than the API acknowledges at once (100): two batches.
  const m = await meetingWith('Möte med över hundra inspel');
  const police = await token(POLICE);
  for (let from = 1; from <= 101; from += 20) {
    const numbers = Array.from({ length: Math.min(20, 102 - from) }, (_, i) => from + i);
    await Promise.all(numbers.map((n) => giveInput(police, m.id, `Synpunkt ${n}`)));
  }
  const page = await signedIn(SECRETARIAT, LAPTOP);
  // No live connection, so that only the board's own reload can bring it up to date.
  await page.routeWebSocket(/\/graphql\/ws$/, () => {});
  // The second batch fails as a server in trouble would answer it.
  const batches = [];
  await page.route('**/graphql', async (route) => {
    const body = route.request().postData() ?? '';
    if (!body.includes('acknowledgeInputs')) return route.continue();
    batches.push(JSON.parse(body).variables.ids);
    if (batches.length === 1) return route.continue();
    return route.fulfill({
      json: { data: null, errors: [{ message: 'internal error', extensions: { code: 'INTERNAL' } }] },
    });
  });
  await page.goto(`${base}/moten/${m.id}/inspel`);
  await showing(page, 101, 101).waitFor();
  await board(page).getByRole('button', { name: 'Markera alla synliga' }).click();
  await board(page).getByRole('button', { name: 'Kvittera markerade (101)' }).click();
  await board(page)
    .getByRole('status')
    .filter({ hasText: '100 av 101 inspel kvitterades. De övriga gick inte att kvittera:' })
    .waitFor();
  await column(page, 'ACKNOWLEDGED', 100).waitFor();
  await column(page, 'SUBMITTED', 1).waitFor();
  assert.deepEqual(
    batches.map((ids) => ids.length),
    [100, 1],
  );
  const counts = await triageCounts(m);
  assert.deepEqual([counts.SUBMITTED, counts.ACKNOWLEDGED], [1, 100]);
  // The one not acknowledged is still marked, to try again.
  await board(page).getByRole('button', { name: 'Kvittera markerade (1)' }).waitFor();
  await check(page, 'triage-acknowledge-partly');
});

test('the board says it is loading, reads every input however many pages, and says when there are none', async () => {
  const empty = await meetingWith('Möte utan inspel');
  const page = await signedIn(SECRETARIAT, LAPTOP);
  await page.goto(`${base}/moten/${empty.id}/inspel`);
  await board(page).getByText('Inga inspel ännu.').waitFor();
  assert.equal(await board(page).getByLabel('Organisation', { exact: true }).count(), 0);
  await check(page, 'triage-empty');

  // More inputs than one page of the API's holds.
  const m = await meetingWith('Möte med många inspel');
  const police = await token(POLICE);
  for (let i = 1; i <= 53; i += 1) await giveInput(police, m.id, `Inspel nummer ${i}`);
  await giveInput(await token(YOUTH), m.id, 'Ungas röst', ['YOUTH']);
  // Each page of inputs is held back until the test has seen the board say it is loading.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const pages = [];
  await page.route('**/graphql', async (route) => {
    const body = route.request().postData() ?? '';
    if (body.includes('query MeetingInputs')) {
      pages.push(JSON.parse(body).variables.after ?? null);
      await held;
    }
    await route.continue();
  });
  await page.goto(`${base}/moten/${m.id}/inspel`);
  await board(page).getByRole('status').filter({ hasText: 'Laddar …' }).waitFor();
  await check(page, 'triage-loading');
  release();
  await showing(page, 54, 54).waitFor();
  await column(page, 'SUBMITTED', 54).waitFor();
  assert.ok(pages.length >= 2 && pages[0] === null && pages.slice(1).every(Boolean), JSON.stringify(pages));
  assert.equal((await triageCounts(m)).SUBMITTED, 54);
  // "Markera alla synliga" marks what the filters let through.
  await board(page).getByLabel('Målgrupp', { exact: true }).selectOption({ label: 'Unga' });
  await showing(page, 1, 54).waitFor();
  await board(page).getByRole('button', { name: 'Markera alla synliga' }).click();
  await board(page).getByRole('button', { name: 'Kvittera markerade (1)' }).waitFor();
  await board(page).getByRole('button', { name: 'Avmarkera alla synliga' }).waitFor();
});

test('the board stops reading a meeting’s inputs after 40 pages, or at a cursor it has had, and says so', async () => {
  const m = await meetingWith('Möte som aldrig tar slut');
  await giveInput(await token(POLICE), m.id, 'Ett inspel bland många');
  const page = await signedIn(SECRETARIAT, LAPTOP);
  // Every page of inputs says there is another: the server's page, its input renamed (an
  // input of its own per page), its cursor one that `cursor` makes from how many were asked.
  let asked = 0;
  let cursor = (n) => `sida-${n}`;
  await page.route('**/graphql', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}');
    if (!body.query?.includes('query MeetingInputs')) return route.continue();
    asked += 1;
    const n = asked;
    const response = await route.fetch({
      postData: JSON.stringify({ ...body, variables: { ...body.variables, after: null } }),
    });
    const json = await response.json();
    const inputs = json.data.meeting.inputs;
    for (const e of inputs.edges) Object.assign(e.node, { id: `${e.node.id}-${n}`, title: `Sida ${n}` });
    inputs.pageInfo = { ...inputs.pageInfo, hasNextPage: true, endCursor: cursor(n) };
    return route.fulfill({ response, json });
  });
  const note = board(page).getByText('Mötet har fler inspel än tavlan visar.', { exact: false });

  await page.goto(`${base}/moten/${m.id}/inspel`);
  await note.waitFor();
  await showing(page, 40, 40).waitFor();
  await page.waitForTimeout(500);
  assert.equal(asked, 40, 'pages asked for');
  await check(page, 'triage-incomplete');

  // A cursor that comes round again (a, b, a): three pages, not a circle.
  asked = 0;
  cursor = (n) => (n % 2 ? 'a' : 'b');
  await page.reload();
  await note.waitFor();
  await showing(page, 3, 3).waitFor();
  await page.waitForTimeout(500);
  assert.equal(asked, 3, 'pages asked for');
});

test('a live event reads the inputs again only while the board is shown, else when it is next opened', async () => {
  const m = await meetingWith('Möte om badplatser');
  const police = await token(POLICE);
  await giveInput(police, m.id, 'Trängsel vid Askimsbadet');
  const page = await signedIn(SECRETARIAT, LAPTOP);
  const subscribed = new Promise((resolve) =>
    page.on('websocket', (ws) => ws.on('framesent', (f) => String(f.payload).includes('"subscribe"') && resolve())),
  );
  let reads = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/graphql') && r.postData()?.includes('query MeetingInputs')) reads += 1;
  });
  await page.goto(`${base}/moten/${m.id}`);
  await page.getByRole('heading', { name: 'Sekretariatet' }).waitFor();
  await subscribed;
  await page.waitForLoadState('networkidle');
  assert.equal(reads, 1, 'the inputs are read with the page');

  // A new input while the agenda is shown: the page reads the meeting again, not the inputs.
  const refreshed = page.waitForResponse((r) => r.request().postData()?.includes('query MeetingPage') ?? false);
  await giveInput(police, m.id, 'Belysning vid Saltholmen');
  await refreshed;
  await page.waitForTimeout(500);
  assert.equal(reads, 1, 'the inputs were read on the agenda tab');

  // Opened, the board reads them once and shows the new one.
  await openTab(page, 'Inspel');
  await showing(page, 2, 2).waitFor();
  assert.equal(reads, 2);
  // Shown, the board takes in a new input by itself.
  await giveInput(police, m.id, 'Parkering vid Långedrag');
  await showing(page, 3, 3).waitFor({ timeout: 10_000 });
  // Moving away and back with nothing new loads nothing.
  await openTab(page, 'Dagordning');
  await openTab(page, 'Inspel');
  await showing(page, 3, 3).waitFor();
  assert.equal(reads, 3);
});

test('a member on the Inspel tab sees no board and none of the secretariat’s tools', async () => {
  const m = await meetingWith('Möte om idrottsplatser');
  const police = await token(POLICE);
  await giveInput(police, m.id, 'Belysning vid konstgräsplanen', ['YOUTH']);
  await giveInput(await token(YOUTH), m.id, 'Omklädningsrum som känns otrygga', ['YOUTH']);

  for (const viewport of [LAPTOP, PHONE]) {
    const page = await signedIn(POLICE, viewport);
    // Even with the board's filters in the address.
    await page.goto(`${base}/moten/${m.id}/inspel?grupp=YOUTH`);
    const ours = page.getByRole('region', { name: 'Våra inspel till mötet' });
    await ours.getByText('Belysning vid konstgräsplanen', { exact: true }).waitFor();
    const main = page.locator('main');
    assert.equal(await board(page).count(), 0);
    assert.equal(await main.getByRole('checkbox').count(), 0);
    assert.equal(await main.getByRole('combobox').count(), 0);
    const text = await main.innerText();
    for (const word of [
      'Sekretariatet',
      'Inkomna inspel',
      'Filtrera inspelen',
      'Visar',
      'Markera alla synliga',
      'Kvittera markerade',
      'Hantera inspelet',
      'Ladda ner inspelen',
      'Omklädningsrum som känns otrygga',
    ]) {
      assert.ok(!text.includes(word), `a member sees "${word}"`);
    }
    await check(page, `triage-member-${viewport.width}`);
    if (viewport === PHONE) await noSidewaysScroll(page, 'a member’s Inspel tab at 390 px');
  }
});
