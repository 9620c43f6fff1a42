// The situation tools' journeys in a real browser (Debian's Chromium driven by playwright-core)
// against its own server on a fresh database with the demo data: calendar feeds on the
// settings page, and places with their follow-ups under the situation pictures. Every new
// page state is checked with axe-core for WCAG 2.1 A/AA violations and photographed into
// test-results/sit-*; the new pages are opened at 390 × 844 and must not scroll sideways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import {
  base,
  browser,
  check,
  DESKTOP,
  gql,
  journey,
  newPage,
  overflow,
  results,
  signIn,
  startServer,
  token,
} from './support.mjs';

startServer('situation');

const main = (page) => page.getByRole('main');

/** Today in Sweden, as YYYY-MM-DD, moved by `days`. */
function swedishDay(days = 0) {
  const at = new Date(Date.now() + days * 86_400_000);
  return at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

/** Asserts that nothing sticks out to the right of the viewport. */
async function noSidewaysScroll(page, name) {
  await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') !== 'true');
  const { scrollWidth, width, offenders } = await overflow(page);
  await page.screenshot({ path: join(results, `sit-phone-${name}.png`), fullPage: true });
  assert.ok(
    scrollWidth <= width && offenders.length === 0,
    `${name} at ${width} px scrolls sideways: ${scrollWidth} px; ${offenders.join(', ')}`,
  );
}

/** The field's error is shown beside it and tied to it, and what was typed is still there. */
async function assertFieldError(field, message, typed) {
  await assert.doesNotReject(field.page().getByText(message).first().waitFor());
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  const error = field.page().locator(`[id="${describedBy.split(' ').at(-1)}"]`);
  assert.equal((await error.innerText()).trim(), message);
  if (typed !== undefined) assert.equal(await field.inputValue(), typed);
}

journey('a member creates a calendar feed, copies its link once, and revokes it after a question', async (viewport) => {
  const page = await newPage(viewport);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  await signIn(page, 'polis@vast.example');
  await page.goto(`${base}/installningar`);
  const feeds = page.getByRole('region', { name: 'Kalenderflöden' });
  await feeds.getByText('Du har inga kalenderflöden.').waitFor();
  await check(page, 'sit-feeds-empty');

  // Nothing chosen: said beside the choice, nothing sent.
  await feeds.getByRole('button', { name: 'Skapa kalenderflöde' }).click();
  await assertFieldError(
    feeds.getByRole('combobox', { name: /^Vad ska flödet visa/ }),
    'Välj ett alternativ i listan.',
  );
  await check(page, 'sit-feeds-error');

  await feeds.getByRole('combobox', { name: /^Vad ska flödet visa/ }).selectOption({ label: 'Alla mina råd' });
  await feeds.getByRole('button', { name: 'Skapa kalenderflöde' }).click();
  const link = feeds.getByRole('textbox', { name: 'Länk till det nya flödet' });
  await link.waitFor();
  const url = await link.inputValue();
  assert.match(url, /^webcal:\/\/127\.0\.0\.1:\d+\/calendar\/[^/]+\.ics$/);
  await feeds.getByText('Länken visas bara nu.', { exact: false }).waitFor();
  await feeds.getByRole('button', { name: 'Kopiera länken' }).click();
  await feeds.getByText('Länken är kopierad.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
  const live = feeds.getByRole('list', { name: 'Dina aktiva flöden' }).getByRole('listitem');
  assert.equal(await live.count(), 1);
  assert.match(await live.first().innerText(), /Alla mina råd/);
  await check(page, 'sit-feeds-created');
  // The feed answers with the calendar.
  const ics = await fetch(url.replace(/^webcal:/, 'http:'));
  assert.equal(ics.status, 200);
  assert.match(await ics.text(), /BEGIN:VCALENDAR/);

  // Revoking asks first; cancelling keeps the feed.
  await feeds.getByRole('button', { name: 'Återkalla flödet Alla mina råd' }).click();
  await feeds.getByText(/Återkalla flödet Alla mina råd\? Länken slutar fungera/).waitFor();
  await check(page, 'sit-feeds-question');
  await feeds.getByRole('button', { name: 'Avbryt' }).click();
  assert.equal(await live.count(), 1);
  await feeds.getByRole('button', { name: 'Återkalla flödet Alla mina råd' }).click();
  await feeds.getByRole('button', { name: 'Ja, återkalla flödet' }).click();
  await feeds.getByText('Flödet Alla mina råd är återkallat.').waitFor();
  await feeds.getByText('Du har inga kalenderflöden.').waitFor();
  assert.equal((await fetch(url.replace(/^webcal:/, 'http:'))).status, 404);
  await check(page, 'sit-feeds-revoked');
  await page.context().close();
});

journey('an analyst sees overdue places, registers a place and records a follow-up', async (viewport) => {
  // Each run registers its own place and follows up its own overdue one; the lists are as long as the API says.
  const [station, followed] =
    viewport === DESKTOP ? ['Järnvägsstationen', 'Sätra centrum'] : ['Busstationen', 'Brynäs centrum'];
  const known = await gql(
    '{ overduePlaces { place { name } } places(first: 100) { edges { node { id } } } }',
    {},
    await token('analytiker@gavle.example'),
  );
  assert.ok(
    known.overduePlaces.some((o) => o.place.name === followed),
    `${followed} is overdue`,
  );
  const page = await newPage(viewport);
  await signIn(page, 'analytiker@gavle.example');
  await page.goto(`${base}/lagesbilder`);
  await page.getByRole('heading', { name: 'Lägesbilder', level: 1 }).waitFor();
  // How many pictures the analyst may read, said above the list.
  const { situationPictureCount } = await gql('{ situationPictureCount }', {}, await token('analytiker@gavle.example'));
  assert.ok(situationPictureCount > 0);
  await main(page).getByText(`Du kan läsa ${situationPictureCount} lägesbilder.`).waitFor();
  await check(page, 'sit-pictures-count');
  await main(page).getByRole('link', { name: 'Platser' }).click();
  await page.getByRole('heading', { name: 'Platser', level: 1 }).waitFor();
  const overdue = main(page).getByRole('list', { name: 'Försenad uppföljning' }).getByRole('listitem');
  // The demo places with a requirement were last followed up over three months ago.
  assert.equal(await overdue.count(), known.overduePlaces.length);
  assert.match(await overdue.filter({ hasText: followed }).innerText(), /Skulle följas upp senast/);
  const all = main(page).getByRole('list', { name: 'Alla platser' }).getByRole('listitem');
  assert.equal(await all.count(), known.places.edges.length);
  assert.match(await all.filter({ hasText: 'Stortorget' }).innerText(), /inget krav på uppföljning/);
  await check(page, 'sit-places');

  // A new place: a position that is not a number, then one off the globe, is said beside
  // its field, and what was typed stays.
  await page.getByRole('link', { name: 'Registrera plats' }).click();
  await page.getByRole('heading', { name: 'Registrera plats', level: 1 }).waitFor();
  await check(page, 'sit-place-new');
  await page.getByRole('textbox', { name: /^Namn/ }).fill(station);
  await page.getByRole('textbox', { name: /^Stadsdel/ }).fill('Centrum');
  await page.getByRole('textbox', { name: /^Latitud/ }).fill('sextio');
  await page.getByRole('textbox', { name: /^Longitud/ }).fill('17,1290');
  await page.getByRole('button', { name: 'Registrera platsen' }).click();
  await assertFieldError(
    page.getByRole('textbox', { name: /^Latitud/ }),
    'Ange ett tal i decimalgrader, till exempel 60,6585.',
    'sextio',
  );
  await page.getByRole('textbox', { name: /^Latitud/ }).fill('96,5');
  await page.getByRole('button', { name: 'Registrera platsen' }).click();
  await assertFieldError(
    page.getByRole('textbox', { name: /^Latitud/ }),
    'Latitud är ett tal mellan −90 och 90, till exempel 60,6585.',
    '96,5',
  );
  assert.equal(await page.getByRole('textbox', { name: /^Namn/ }).inputValue(), station);
  assert.equal(await page.getByRole('textbox', { name: /^Longitud/ }).inputValue(), '17,1290');
  await check(page, 'sit-place-new-error');
  await page.getByRole('textbox', { name: /^Latitud/ }).fill('60,6750');
  await page.getByRole('textbox', { name: /^Uppföljningar per år/ }).fill('12');
  await page.getByRole('button', { name: 'Registrera platsen' }).click();
  await page.getByRole('heading', { name: station, level: 1 }).waitFor();
  assert.match(page.url(), /\/lagesbilder\/platser\/[0-9a-f-]+$/);
  await main(page).getByText('Platsen har inte följts upp ännu.').waitFor();
  assert.match(await main(page).innerText(), /60\.675, 17\.129/);
  await check(page, 'sit-place');

  // A follow-up of an overdue place: no date, then a date in the future, is refused beside
  // the date and the note is kept; today's is recorded and the place is no longer overdue.
  await page.getByRole('link', { name: 'Tillbaka till platserna' }).click();
  await main(page).getByRole('list', { name: 'Försenad uppföljning' }).getByRole('link', { name: followed }).click();
  await page.getByRole('heading', { name: followed, level: 1 }).waitFor();
  const date = page.getByLabel(/^Datum för uppföljningen/);
  const note = page.getByRole('textbox', { name: /^Anteckning/ });
  await note.fill('Trygghetsvandring med fastighetsägaren; belysningen lagad.');
  await page.getByRole('button', { name: 'Registrera uppföljningen' }).click();
  await assertFieldError(date, 'Välj ett alternativ i listan.');
  await date.fill(swedishDay(3));
  await page.getByRole('button', { name: 'Registrera uppföljningen' }).click();
  await assertFieldError(date, 'Datumet kan inte ligga i framtiden.', swedishDay(3));
  assert.equal(await note.inputValue(), 'Trygghetsvandring med fastighetsägaren; belysningen lagad.');
  await check(page, 'sit-follow-up-error');
  await date.fill(swedishDay());
  await page.getByRole('button', { name: 'Registrera uppföljningen' }).click();
  await main(page)
    .getByText(/^Uppföljningen .* är registrerad\.$/)
    .waitFor();
  // The demo's places have a history of follow-ups (the citizen promise counts them): today's
  // is listed once among them.
  const followUps = main(page).getByRole('list', { name: 'Uppföljningar' }).getByRole('listitem');
  assert.equal(await followUps.filter({ hasText: 'belysningen lagad' }).count(), 1);
  await check(page, 'sit-follow-up-recorded');
  await page.getByRole('link', { name: 'Tillbaka till platserna' }).click();
  await page.getByRole('heading', { name: 'Platser', level: 1 }).waitFor();
  await overdue.first().waitFor();
  assert.equal(await overdue.filter({ hasText: followed }).count(), 0);
  assert.equal(await overdue.count(), known.overduePlaces.length - 1);
  await page.context().close();
});

journey('a member in another region sees none of the Gävle places and no follow-up form', async (viewport) => {
  const analyst = await token('analytiker@gavle.example');
  const data = await gql('{ places(first: 10) { edges { node { id name } } } }', {}, analyst);
  const brynas = data.places.edges.find((e) => e.node.name === 'Brynäs centrum').node.id;
  const page = await newPage(viewport);
  await signIn(page, 'polis@vast.example');
  await page.goto(`${base}/lagesbilder/platser`);
  await page.getByRole('heading', { name: 'Platser', level: 1 }).waitFor();
  await main(page).getByText('Det finns inga platser som du kan se.').waitFor();
  await main(page).getByText('Ingen plats har försenad uppföljning.').waitFor();
  await check(page, 'sit-places-empty');
  await page.goto(`${base}/lagesbilder/platser/${brynas}`);
  await main(page).getByText('Det du söker finns inte eller så har du inte tillgång till det.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Registrera uppföljningen' }).count(), 0);
  await page.context().close();
});

test('the new pages fit a 390 × 844 phone without sideways scrolling', async () => {
  const analyst = await token('analytiker@gavle.example');
  const data = await gql('{ places(first: 10) { edges { node { id name } } } }', {}, analyst);
  const place = data.places.edges.find((e) => e.node.name === 'Andersbergs centrum').node.id;
  const context = await browser.newContext({
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    viewport: { width: 390, height: 844 },
  });
  const page = await context.newPage();
  await signIn(page, 'analytiker@gavle.example');
  for (const [path, name] of [
    ['/installningar', 'settings'],
    ['/lagesbilder/platser', 'places'],
    ['/lagesbilder/platser/ny', 'place-new'],
    ['/lagesbilder/forfragningar', 'requests'],
    ['/goda-exempel', 'practices'],
    [`/lagesbilder/platser/${place}`, 'place'],
  ]) {
    await page.goto(`${base}${path}`);
    await page.locator('h1').first().waitFor();
    await noSidewaysScroll(page, name);
  }
  // The feed's link is long; it wraps in its own field.
  await page.goto(`${base}/installningar`);
  const feeds = page.getByRole('region', { name: 'Kalenderflöden' });
  await feeds.getByRole('combobox', { name: /^Vad ska flödet visa/ }).selectOption({ label: 'Alla mina råd' });
  await feeds.getByRole('button', { name: 'Skapa kalenderflöde' }).click();
  await feeds.getByRole('textbox', { name: 'Länk till det nya flödet' }).waitFor();
  await noSidewaysScroll(page, 'feed-created');
  await context.close();
});

journey('an analyst asks the police for information, the police answer, and the analyst reads it', async (viewport) => {
  // Each run asks its own question; what the other run asked is listed too.
  const quarter = viewport === DESKTOP ? 3 : 4;
  const topic = `Anmälda brott vid Sätra centrum, kvartal ${quarter}`;
  const { infoRequests } = await gql(
    '{ infoRequests(first: 100) { nodes { from { name } } } }',
    {},
    await token('analytiker@gavle.example'),
  );
  const before = infoRequests.nodes.filter((r) => r.from?.name === 'Gävle kommun').length;
  const page = await newPage(viewport);
  await signIn(page, 'analytiker@gavle.example');
  await page.goto(`${base}/lagesbilder`);
  await main(page).getByRole('link', { name: 'Förfrågningar' }).click();
  await page.getByRole('heading', { name: 'Förfrågningar', level: 1 }).waitFor();
  if (before === 0) {
    await main(page).getByText('Din organisation har inte bett om något.').waitFor();
    await check(page, 'sit-requests-empty');
  }

  // Nobody chosen to ask, then a due date already past: each said beside its field.
  const subject = page.getByRole('textbox', { name: /^Vad gäller det/ });
  const due = page.getByLabel(/^Sista dag för svar/);
  await subject.fill(topic);
  await page.getByRole('textbox', { name: /^Beskrivning/ }).fill('Till lägesbilden för hösten.');
  await page.getByRole('button', { name: 'Skicka förfrågan' }).click();
  await assertFieldError(
    page.getByRole('combobox', { name: /^Organisation du frågar/ }),
    'Välj ett alternativ i listan.',
  );
  await page
    .getByRole('combobox', { name: /^Organisation du frågar/ })
    .selectOption({ label: 'Lokalpolisområde Gästrikland' });
  await due.fill(swedishDay(-2));
  await page.getByRole('button', { name: 'Skicka förfrågan' }).click();
  await assertFieldError(due, 'Sista dag har redan passerat. Välj dagens datum eller senare.', swedishDay(-2));
  assert.equal(await subject.inputValue(), topic);
  await check(page, 'sit-request-error');
  await due.fill(swedishDay(14));
  await page.getByRole('button', { name: 'Skicka förfrågan' }).click();
  await main(page).getByText(`Förfrågan ${topic} är skickad.`).waitFor();
  const asked = main(page).getByRole('list', { name: 'Från din organisation' }).getByRole('listitem');
  assert.equal(await asked.count(), before + 1);
  assert.match(
    await asked.filter({ hasText: topic }).innerText(),
    /Från Gävle kommun till Lokalpolisområde Gästrikland · senast .* · öppen/,
  );
  // Whoever asked does not answer.
  assert.equal(await page.getByRole('button', { name: /^Svara på/ }).count(), 0);
  await check(page, 'sit-request-sent');
  await page.context().close();

  const police = await newPage(viewport);
  await signIn(police, 'polis@gastrikland.example');
  await police.goto(`${base}/lagesbilder/forfragningar`);
  const toUs = main(police).getByRole('list', { name: 'Till din organisation' }).getByRole('listitem');
  await toUs.first().waitFor();
  await police.getByRole('button', { name: `Svara på ${topic}` }).click();
  await police.getByRole('button', { name: 'Skicka svaret' }).click();
  await assertFieldError(police.getByRole('textbox', { name: /^Svar/ }), 'Skriv ett svar eller välj en lägesbild.');
  await check(police, 'sit-request-answer-error');
  await police.getByRole('textbox', { name: /^Svar/ }).fill('Tolv anmälningar, de flesta skadegörelse kvällstid.');
  await police.getByRole('button', { name: 'Skicka svaret' }).click();
  await main(police).getByText(`Förfrågan ${topic} är besvarad.`).waitFor();
  assert.match(await toUs.filter({ hasText: topic }).innerText(), /besvarad[\s\S]*Tolv anmälningar/);
  await check(police, 'sit-request-answered');
  await police.context().close();

  const again = await newPage(viewport);
  await signIn(again, 'analytiker@gavle.example');
  await again.goto(`${base}/lagesbilder/forfragningar`);
  const mine = main(again).getByRole('list', { name: 'Från din organisation' }).getByRole('listitem');
  await mine.first().waitFor();
  assert.match(
    await mine.filter({ hasText: topic }).innerText(),
    /Tolv anmälningar, de flesta skadegörelse kvällstid\./,
  );
  await again.context().close();
});

test('the requests page adds a page at a time and keeps what it shows after an answer and a new request', async () => {
  // Göteborg's police asks the city for 52 things, the first 50 by due date on the first page;
  // the city asks the police for one, due last, on the second.
  const police = await token('polis@vast.example');
  const city = await token('sekretariat@goteborg.example');
  const orgOf = async (as) => (await gql('{ me { affiliations { organisation { id } } } }', {}, as)).me.affiliations[0];
  const [vast, goteborg] = [(await orgOf(police)).organisation.id, (await orgOf(city)).organisation.id];
  const ask = async (as, to, topic, days) =>
    (
      await gql(
        'mutation($to: ID!, $t: String!, $d: NaiveDate!) { createInfoRequest(toOrganisationId: $to, topic: $t, dueOn: $d) { id } }',
        { to, t: topic, d: swedishDay(days) },
        as,
      )
    ).createInfoRequest.id;
  const ours = [];
  for (let from = 1; from <= 52; from += 13) {
    const numbers = Array.from({ length: 13 }, (_, i) => from + i);
    ours.push(...(await Promise.all(numbers.map((n) => ask(police, goteborg, `Uppgift nummer ${n}`, 10 + n)))));
  }
  const theirs = 'Polisens bild av Nordstan i höst';
  await ask(city, vast, theirs, 100);

  const page = await newPage();
  await signIn(page, 'polis@vast.example');
  await page.goto(`${base}/lagesbilder/forfragningar`);
  const fromUs = main(page).getByRole('list', { name: 'Från din organisation' }).getByRole('listitem');
  const toUs = main(page).getByRole('list', { name: 'Till din organisation' }).getByRole('listitem');
  await fromUs.first().waitFor();
  assert.equal(await fromUs.count(), 50);
  // Nothing to the police on the first page, but it does not say nobody asked: more are to come.
  assert.equal(await toUs.count(), 0);
  assert.equal(await main(page).getByText('Ingen har bett din organisation om något.').count(), 0);
  await main(page).getByText('Inga bland förfrågningarna som visas hittills.').first().waitFor();
  await check(page, 'sit-requests-first-page');

  // The next page: focus on the first request it added, the 51st by due date.
  await main(page).getByRole('button', { name: 'Visa fler' }).click();
  await main(page).getByText('3 till visas.').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), `request-${ours[50]}`);
  assert.equal(await fromUs.count(), 52);
  assert.equal(await toUs.count(), 1);
  assert.equal(await main(page).getByText('Inga bland förfrågningarna som visas hittills.').count(), 0);
  await check(page, 'sit-requests-second-page');

  // Answered: the request on the second page says so, and both pages stay.
  await page.getByRole('button', { name: `Svara på ${theirs}` }).click();
  await page.getByRole('textbox', { name: /^Svar/ }).fill('Färre anmälningar än i fjol, mest kvällstid.');
  await page.getByRole('button', { name: 'Skicka svaret' }).click();
  await main(page).getByText(`Förfrågan ${theirs} är besvarad.`).waitFor();
  assert.match(await toUs.first().innerText(), /besvarad[\s\S]*Färre anmälningar än i fjol/);
  assert.equal(await fromUs.count(), 52);

  // Asked, due before all the others: first among them, and both pages stay.
  await page.getByRole('combobox', { name: /^Organisation du frågar/ }).selectOption({ label: 'Göteborgs Stad' });
  await page.getByRole('textbox', { name: /^Vad gäller det/ }).fill('Trygghetsvandring i Angered');
  await page.getByLabel(/^Sista dag för svar/).fill(swedishDay(5));
  await page.getByRole('button', { name: 'Skicka förfrågan' }).click();
  await main(page).getByText('Förfrågan Trygghetsvandring i Angered är skickad.').waitFor();
  assert.equal(await fromUs.count(), 53);
  assert.match(await fromUs.first().innerText(), /Trygghetsvandring i Angered/);
  assert.match(await fromUs.last().innerText(), /Uppgift nummer 52/);
  await page.context().close();
});

journey('good practices are searched a page at a time and shared with a council', async (viewport) => {
  // Eleven practices from the police, so that the list has a next page; each run tags its own.
  const tag = viewport === DESKTOP ? 'belysning' : 'gatljus';
  const police = await token('polis@gastrikland.example');
  const { councils } = await gql('{ councils(first: 50) { edges { node { id name } } } }', {}, police);
  const network = councils.edges.find((e) => e.node.name.startsWith('Brottsförebyggande samverkan')).node.id;
  for (let i = 1; i <= 11; i++) {
    await gql(
      'mutation($input: ShareGoodPracticeInput!) { shareGoodPractice(input: $input) { id } }',
      {
        input: {
          councilId: network,
          title: `Trygghetsvandring nummer ${i}`,
          problem: 'Otrygghet kvällstid.',
          whatWasDone: 'Vandring med boende.',
          result: 'Belysning åtgärdad.',
          contact: 'Erik Sandberg',
          tags: i === 3 ? [tag, 'vandring'] : ['vandring'],
        },
      },
      police,
    );
  }

  // As many as the API has, with what the other run shared.
  const shared = (
    await gql('{ goodPractices(first: 100) { edges { node { id } } } }', {}, await token('analytiker@gavle.example'))
  ).goodPractices.edges.length;
  const page = await newPage(viewport);
  await signIn(page, 'analytiker@gavle.example');
  await page.goto(`${base}/lagesbilder`);
  await main(page).getByRole('link', { name: 'Goda exempel' }).click();
  await page.getByRole('heading', { name: 'Goda exempel', level: 1 }).waitFor();
  const items = main(page).getByRole('list', { name: 'Exempel' }).getByRole('listitem');
  assert.equal(await items.count(), 10);
  assert.match(await items.first().innerText(), /Trygghetsvandring nummer 11/);
  await check(page, 'sit-practices');
  await page.getByRole('button', { name: 'Visa fler' }).click();
  await page.getByText(`${Math.min(10, shared - 10)} till visas.`).waitFor();
  assert.equal(await items.count(), Math.min(20, shared));
  assert.equal(await page.getByRole('button', { name: 'Visa fler' }).count(), shared > 20 ? 1 : 0);

  // Search by tag, then by a text nothing has.
  await page.getByRole('textbox', { name: /^Tagg$/ }).fill(tag);
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await main(page).getByText('1 exempel visas.').waitFor();
  assert.equal(await items.count(), 1);
  assert.match(await items.first().innerText(), /Trygghetsvandring nummer 3/);
  await page.getByRole('textbox', { name: /^Tagg$/ }).fill('');
  await page.getByRole('textbox', { name: /^Sök i text/ }).fill('skateboardramp');
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await main(page).getByText('Inga exempel matchar sökningen.').waitFor();
  assert.equal(await items.count(), 0);
  await check(page, 'sit-practices-none-found');

  // Sharing: no council chosen, then a tag too long, each said beside its field.
  const title = page.getByRole('textbox', { name: /^Rubrik/ });
  const tags = page.getByRole('textbox', { name: /^Taggar/ });
  await title.fill('Nattvandrare vid Sätra centrum');
  await page.getByRole('textbox', { name: /^Vad som gjordes/ }).fill('Föräldrar vandrar fredagskvällar.');
  const longTag = 'trygghetsvandringarnaistadsdelencentrumgävle';
  await tags.fill(`nattvandring, ${longTag}`);
  await page.getByRole('button', { name: 'Dela exemplet' }).click();
  await assertFieldError(
    page.getByRole('combobox', { name: /^Råd eller nätverk att dela med/ }),
    'Välj ett alternativ i listan.',
  );
  await page
    .getByRole('combobox', { name: /^Råd eller nätverk att dela med/ })
    .selectOption({ label: 'Medborgarlöften Gävle' });
  await page.getByRole('button', { name: 'Dela exemplet' }).click();
  await assertFieldError(
    tags,
    'Högst 20 taggar med högst 40 tecken var, utan citattecken.',
    `nattvandring, ${longTag}`,
  );
  assert.equal(await title.inputValue(), 'Nattvandrare vid Sätra centrum');
  await check(page, 'sit-practice-share-error');
  await tags.fill('nattvandring');
  await page.getByRole('button', { name: 'Dela exemplet' }).click();
  await main(page).getByText('Exemplet Nattvandrare vid Sätra centrum är delat.').waitFor();
  assert.match(await items.first().innerText(), /Nattvandrare vid Sätra centrum[\s\S]*Gävle kommun/);
  assert.equal(await title.inputValue(), '');
  await check(page, 'sit-practice-shared');
  await page.context().close();

  // Someone whose organisation sits in no council reads nothing and cannot share.
  const outsider = await newPage(viewport);
  await signIn(outsider, 'utomstaende@example.org');
  await outsider.goto(`${base}/goda-exempel`);
  await outsider.getByRole('heading', { name: 'Goda exempel', level: 1 }).waitFor();
  await main(outsider).getByText('Inga goda exempel har delats i dina råd och nätverk ännu.').waitFor();
  await main(outsider)
    .getByText(/inte medlem i något råd eller nätverk/)
    .waitFor();
  assert.equal(await outsider.getByRole('button', { name: 'Dela exemplet' }).count(), 0);
  await check(outsider, 'sit-practices-outsider');
  await outsider.context().close();
});

journey('a secretariat sets priority groups and the picture cadence; a member does not see them', async (viewport) => {
  const analyst = await token('analytiker@gavle.example');
  const { councils } = await gql('{ councils(first: 50) { edges { node { id name } } } }', {}, analyst);
  const partnership = councils.edges.find((e) => e.node.name === 'Medborgarlöften Gävle').node.id;
  // The cadence the page starts from is the API's (the other run's); each run sets its own.
  const { pictureCadence } = await gql(
    'query($c: ID!) { pictureCadence(councilId: $c) { intervalDays } }',
    { c: partnership },
    analyst,
  );
  const every = viewport === DESKTOP ? 7 : 10;
  assert.notEqual(pictureCadence.intervalDays, every);
  const page = await newPage(viewport);
  await signIn(page, 'analytiker@gavle.example');
  await page.goto(`${base}/rad/${partnership}/installningar`);
  const priority = page.getByRole('region', { name: 'Prioriterade målgrupper' });
  const cadence = page.getByRole('region', { name: 'Takt för gemensamma lägesbilder' });
  // The demo partnership publishes every other week.
  await cadence.getByText(`En lägesbild var ${pictureCadence.intervalDays}:e dag från`, { exact: false }).waitFor();
  assert.equal(
    await cadence.getByRole('textbox', { name: /^Antal dagar per period/ }).inputValue(),
    String(pictureCadence.intervalDays),
  );
  await check(page, 'sit-council-situation');

  await priority.getByRole('checkbox', { name: 'Unga', exact: true }).check();
  await priority.getByRole('checkbox', { name: 'Äldre', exact: true }).check();
  await priority.getByRole('button', { name: 'Spara målgrupperna' }).click();
  await priority.getByText('Prioriterade målgrupper sparade: unga, äldre.').waitFor();

  // A period of no days is refused beside its field and kept.
  const days = cadence.getByRole('textbox', { name: /^Antal dagar per period/ });
  await days.fill('0');
  await cadence.getByRole('button', { name: 'Spara takten' }).click();
  await assertFieldError(days, 'Ange ett heltal från 1 till 366.', '0');
  await check(page, 'sit-cadence-error');
  await days.fill(String(every));
  await cadence.getByLabel(/^Första periodens startdag/).fill(swedishDay(-30));
  await cadence.getByRole('button', { name: 'Spara takten' }).click();
  await cadence.getByText(new RegExp(`^Takten är sparad: var ${every}:e dag från `)).waitFor();
  await cadence.getByText(new RegExp(`En lägesbild var ${every}:e dag från`)).waitFor();
  await check(page, 'sit-cadence-saved');
  // Both stay after a reload.
  await page.reload();
  await cadence.getByText(new RegExp(`En lägesbild var ${every}:e dag från`)).waitFor();
  assert.equal(await priority.getByRole('checkbox', { name: 'Unga', exact: true }).isChecked(), true);
  assert.equal(await priority.getByRole('checkbox', { name: 'Barn', exact: true }).isChecked(), false);
  await page.context().close();

  // The police sit in the partnership but do not run it: no settings, no such tools.
  const police = await newPage(viewport);
  await signIn(police, 'polis@gastrikland.example');
  await police.goto(`${base}/rad/${partnership}/installningar`);
  await police.getByRole('heading', { level: 1 }).first().waitFor();
  await police.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') !== 'true');
  assert.equal(await police.getByRole('button', { name: 'Spara takten' }).count(), 0);
  assert.equal(await police.getByRole('button', { name: 'Spara målgrupperna' }).count(), 0);
  await police.context().close();
});
