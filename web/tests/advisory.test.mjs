// An advisory body on the meeting page (issue 13), in a real browser against a real server on
// a fresh database with the demo data. The youth council (ungdom@goteborg.example) is an
// advisory body of Göteborgs Stads trygghetsråd: the API refuses it a meeting's agenda,
// proposals, attendance, minutes and actions, and lets it see the meeting's header, give input
// for its organisation and see its own inputs and their answers. The page shows exactly that,
// without an error and without asking the API for what it refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  PASSWORD,
  base,
  browser,
  check,
  DESKTOP,
  gql,
  journey,
  nextMeeting,
  raw,
  startServer,
  token,
} from './support.mjs';

startServer('advisory');

const YOUTH = 'ungdom@goteborg.example';
/** What the API refuses an advisory body on a meeting (FORBIDDEN), each asked on its own. */
const REFUSED = [
  'agenda { id }',
  'agendaMinutesTotal',
  'proposals { id }',
  'attendance { response }',
  'attendanceByOrganisation { represented }',
  'minutes { status }',
  'actions { id }',
];

async function logIn(email, viewport) {
  const context = await browser.newContext({
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    viewport,
  });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: 'Mina råd' }).waitFor();
  return page;
}

const tabBar = (page) => page.getByRole('navigation', { name: 'Mötets delar' });
const tabNames = async (page) => (await tabBar(page).getByRole('link').allInnerTexts()).map((x) => x.trim());

test('the API refuses the youth council the meeting details, and lets it see the header', async () => {
  const as = await token(YOUTH);
  const meeting = await nextMeeting(as);
  assert.equal(meeting.council.myAccess, 'ADVISORY', 'the youth council is an advisory body of the Göteborg council');
  for (const field of REFUSED) {
    const body = await raw(`query($id: ID!) { meeting(id: $id) { ${field} } }`, { id: meeting.id }, as);
    assert.equal(body.errors?.[0]?.extensions?.code, 'FORBIDDEN', `${field}: ${JSON.stringify(body)}`);
  }
  const header = await gql(
    'query($id: ID!) { meeting(id: $id) { title status startsAt location inputDeadline theme { name } council { myAccess } } }',
    { id: meeting.id },
    as,
  );
  assert.equal(header.meeting.title, meeting.title);
  assert.equal(header.meeting.council.myAccess, 'ADVISORY');
});

journey('the youth council opens its next meeting: its header, one tab, its input and the answer', async (viewport) => {
  // Each run gives its own input and gets its own answer.
  const [title, answer] =
    viewport === DESKTOP
      ? ['Trygga vägar hem från fritidsgården', 'Tack, belysningen tas upp med fastighetskontoret.']
      : ['Trygga vägar hem från skolan', 'Tack, gångvägen tas upp med trafikkontoret.'];
  const as = await token(YOUTH);
  const meeting = await nextMeeting(as);
  const page = await logIn(YOUTH, viewport);

  // Every GraphQL request and answer the page makes: none asks for what the API refuses, none fails.
  const asked = [];
  const failed = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/graphql') && request.method() === 'POST') asked.push(request.postData() ?? '');
  });
  page.on('response', async (response) => {
    if (!response.url().endsWith('/graphql') || response.request().method() !== 'POST') return;
    const body = await response.json().catch(() => null);
    if (body?.errors) failed.push(JSON.stringify(body.errors));
  });

  // From the home page, as a person would.
  await page.locator(`a[href="/moten/${meeting.id}"]`).first().click();
  await page.getByRole('heading', { level: 1, name: meeting.title }).waitFor();
  const main = page.locator('main');
  const text = await main.innerText();
  assert.doesNotMatch(text, /behörighet|Något gick fel|Laddar/, text);
  for (const fact of ['När', 'Plats', 'Status', 'Tema', 'Sista dag för inspel']) {
    assert.equal(await main.locator('dt', { hasText: fact }).count(), 1, `the header shows ${fact}`);
  }

  // Its one tab, current on the meeting's own address; nothing of the members' parts.
  assert.deepEqual(await tabNames(page), ['Inspel']);
  assert.equal(await tabBar(page).locator('[aria-current="page"]').innerText(), 'Inspel');
  assert.match(text, /Som rådgivande organ lämnar ni inspel/);
  for (const heading of ['Dagordning', 'Närvaro', 'Protokoll', 'Åtgärder', 'Föreslå en punkt']) {
    assert.equal(await main.getByRole('heading', { name: heading, exact: true }).count(), 0, heading);
  }

  // Moving to the Inspel tab's own address keeps the page: nothing is loaded again.
  const before = asked.length;
  await tabBar(page).getByRole('link', { name: 'Inspel', exact: true }).click();
  await page.waitForURL(`${base}/moten/${meeting.id}/inspel`);
  await tabBar(page).locator('[aria-current="page"]', { hasText: 'Inspel' }).waitFor();
  assert.equal(asked.length, before, 'moving to the Inspel tab asks the API nothing');

  // Gives input for its organisation and sees it listed as theirs.
  await page.getByLabel('Rubrik').fill(title);
  await page.getByLabel('Ditt inspel').fill('Unga i Hammarkullen vill ha bättre belysning längs gångvägen.');
  await page.getByRole('button', { name: 'Skicka inspel' }).click();
  await page.locator('#input-status', { hasText: 'Ert inspel är inskickat.' }).waitFor();
  const ours = page.getByRole('region', { name: 'Våra inspel till mötet' });
  await ours.getByText(title, { exact: true }).waitFor();
  assert.match(await ours.innerText(), new RegExp(`${title} – Inskickat`));
  await check(page, 'advisory-meeting');

  // The secretariat answers; the youth council sees the answer with its input.
  const mine = await gql('{ myInputs(first: 50) { edges { node { id title } } } }', {}, as);
  const input = mine.myInputs.edges.map((e) => e.node).find((i) => i.title === title);
  await gql(
    'mutation($id: ID!, $answer: String!) { answerInput(id: $id, answer: $answer) { id } }',
    { id: input.id, answer },
    await token('sekretariat@goteborg.example'),
  );
  await page.reload();
  await page.getByRole('heading', { level: 1, name: meeting.title }).waitFor();
  const answered = page.getByRole('region', { name: 'Våra inspel till mötet' });
  await answered.getByText(`Svar: ${answer}`).waitFor();
  assert.match(await answered.innerText(), new RegExp(`${title} – Besvarat`));

  // The members' addresses say plainly that they are not the youth council's; no error.
  for (const path of ['narvaro', 'protokoll', 'atgarder', 'motet']) {
    await page.goto(`${base}/moten/${meeting.id}/${path}`);
    await page.getByRole('heading', { level: 1, name: meeting.title }).waitFor();
    const there = await main.innerText();
    assert.match(there, /Den här delen av mötet visas för rådets medlemmar och sekretariat/, path);
    assert.doesNotMatch(there, /behörighet|Något gick fel/, path);
    assert.deepEqual(await tabNames(page), ['Inspel'], path);
  }
  await check(page, 'advisory-meeting-other-part');

  // The Inspel tab's own address shows the same as the meeting's.
  await page.goto(`${base}/moten/${meeting.id}/inspel`);
  await page.getByRole('region', { name: 'Våra inspel till mötet' }).getByText(title, { exact: true }).waitFor();

  assert.deepEqual(failed, [], 'no GraphQL answer to the page has errors');
  assert.ok(asked.length > 0, 'the page asked the API');
  for (const body of asked) {
    const query = JSON.parse(body).query ?? '';
    for (const field of ['agenda', 'proposals', 'attendance', 'minutes', 'actions']) {
      assert.doesNotMatch(query, new RegExp(`\\b${field}\\b`), `the page asked for ${field}: ${query.slice(0, 200)}`);
    }
  }
  await page.context().close();
});
