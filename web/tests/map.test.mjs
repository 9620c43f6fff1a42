// Maps in a real browser (Debian's Chromium driven by playwright-core) against a real server
// with the demo data: first one with no tile service (the default, offline: not one request
// leaves Samråd), then one whose SAMRAD_MAP_TILES names a tile host that the test answers
// itself. What is asserted is what a person sees: a map region with one named marker per place
// (the trends in words, not only in colour; a line per entry in its details), its legend, the
// same places in the table or list right after it, groups of nearby places with their count that
// split when opened (or, at one spot, open as a list), focus that stays with the places when
// markers are drawn anew, labels and details that the map's edge never cuts, no sideways
// scrolling on a phone, axe on every state, and what the tile service is asked for (nothing
// finer than zoom 12 for a restricted picture). The pages ask for reduced motion, so the map
// jumps instead of animating, and the tests wait for the map to stop being busy (aria-busy)
// rather than for a time.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { base, check, gql, overflow, results, signedIn, startServer, token } from './support.mjs';

const ANALYST = 'analytiker@gavle.example';
/** A place marker's name: the place and its trends' words. */
const TRENDS = /^(.+) – (Ökar|Oförändrat|Minskar)(, (Ökar|Oförändrat|Minskar))*$/;
/** A 1 × 1 grey PNG, the test's own tile service's answer to every tile. */
const TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGPY/x8AAuMB8R1p9CgAAAAASUVORK5CYII=',
  'base64',
);

/** Today in Sweden, moved by `days`, as YYYY-MM-DD. */
function swedishDay(days = 0) {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

/**
 * Publishes, as the Gävle analyst through the API, a picture of `area` restricted to the police
 * with one entry per `[name, latitude, longitude, trend, category, perceived safety]` (category
 * and safety VANDALISM and 3 unless given), each name a new place (a name given twice, one place
 * with two entries); returns its id.
 */
async function publishPicture(area, places) {
  const analyst = await token(ANALYST);
  const { organisations } = await gql('{ organisations(first: 100) { edges { node { id name } } } }', {}, analyst);
  const police = organisations.edges.find((e) => e.node.name === 'Lokalpolisområde Gästrikland').node.id;
  const entries = [];
  const made = new Map();
  for (const [name, latitude, longitude, trend, category = 'VANDALISM', perceivedSafety = 3] of places) {
    if (!made.has(name)) {
      const place = await gql(
        'mutation($input: CreatePlaceInput!) { createPlace(input: $input) { id } }',
        { input: { name, latitude, longitude } },
        analyst,
      );
      made.set(name, place.createPlace.id);
    }
    entries.push({ placeId: made.get(name), category, trend, perceivedSafety });
  }
  const created = await gql(
    'mutation($input: CreateSituationPictureInput!) { createSituationPicture(input: $input) { id } }',
    {
      input: {
        area,
        periodStart: swedishDay(-14),
        periodEnd: swedishDay(-1),
        classification: 'RESTRICTED',
        summary: 'Lägesbild för karttestet.',
        organisationIds: [police],
        entries,
      },
    },
    analyst,
  );
  const id = created.createSituationPicture.id;
  await gql('mutation($id: ID!) { publishSituationPicture(id: $id) { id } }', { id }, analyst);
  return id;
}

/** The demo's picture of Gävle's three district centres, as the analyst who wrote it. */
async function demoPicture() {
  const { situationPictures } = await gql(
    '{ situationPictures(first: 10) { edges { node { id area } } } }',
    {},
    await token(ANALYST),
  );
  return situationPictures.edges.find((e) => e.node.area === 'Gävle kommun').node.id;
}

/**
 * A new page signed in as the analyst that asks for less motion, as some readers do: the map
 * then jumps instead of animating, so that no zoom is still running when the next one is asked
 * for (Leaflet drops a zoom asked for during another's animation).
 */
async function stillPage(viewport) {
  const page = await signedIn(ANALYST, viewport);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  return page;
}

/** Waits until the map has drawn its markers and labels for where it now is (it is not busy). */
async function settled(map) {
  await map
    .page()
    .waitForFunction((element) => element.getAttribute('aria-busy') !== 'true', await map.elementHandle());
}

/** The map region named `name`, once its markers are drawn. */
async function mapNamed(page, name) {
  const map = page.getByRole('region', { name, exact: true });
  await map.waitFor();
  await map
    .getByRole('button', { name: TRENDS })
    .or(map.getByRole('button', { name: /nära varandra/ }))
    .first()
    .waitFor();
  await settled(map);
  return map;
}

/** Does `zoom` (which zooms the map) and waits until the map's scale has changed and it is drawn anew. */
async function zoomed(map, zoom) {
  const before = await map.getByText(/^\d+ k?m$/).innerText();
  await zoom();
  await map.getByText(before, { exact: true }).waitFor({ state: 'detached' });
  await settled(map);
}

/** Zooms the map out one step with its button. */
async function zoomOut(map) {
  await zoomed(map, () => map.getByRole('button', { name: 'Zooma ut', exact: true }).click());
}

/** The items of the map's legend as they read, a shape's sample (a group's count) included. */
async function legendItems(page) {
  const items = await page.getByRole('list', { name: 'Teckenförklaring' }).getByRole('listitem').allInnerTexts();
  return items.map((item) => item.replace(/\s+/g, ' ').trim());
}

/** The accessible names of the map's place markers (groups and the zoom buttons left out), sorted. */
async function markerNames(map) {
  const names = [];
  for (const marker of await map.getByRole('button').all()) {
    const name = await marker.getAttribute('aria-label');
    if (name && !/nära varandra/.test(name) && !/^Zooma (in|ut)$/.test(name)) names.push(name);
  }
  return names.sort();
}

/** The names of the place markers whose shape is in the map's view (the map also draws some just outside). */
async function markersInView(map) {
  const frame = await map.boundingBox();
  const names = [];
  for (const name of await markerNames(map)) {
    const box = await map.getByRole('button', { name, exact: true }).boundingBox();
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    if (x >= frame.x && x <= frame.x + frame.width && y >= frame.y && y <= frame.y + frame.height) names.push(name);
  }
  return names;
}

/** The map's groups of places close together. */
const groups = (map) => map.getByRole('button', { name: /^\d+ platser nära varandra: / });

/** The marker of the place `name`, opening (by keyboard) the groups it is in until it has one of its own. */
async function markerFor(map, name) {
  const marker = map.getByRole('button', { name, exact: true });
  for (let i = 0; i < 8 && !(await marker.count()); i += 1) {
    // The group that names it, else one with more places than it names.
    let label = null;
    for (const group of await groups(map).all()) {
      const named = await group.getAttribute('aria-label');
      if (named.includes(name)) label = named;
      else if (!label && named.includes('med flera')) label = named;
    }
    if (!label) break;
    const holding = map.getByRole('button', { name: label, exact: true });
    await holding.focus();
    await map.page().keyboard.press('Enter');
    await holding.waitFor({ state: 'detached' });
    await settled(map);
  }
  await marker.waitFor();
  return marker;
}

/** The lines of text of `element` as they read, blank ones left out. */
async function lines(element) {
  return (await element.innerText())
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** `element` (named `what` in a failure) is shown whole inside the map's frame and the viewport. */
async function shownInside(map, element, what) {
  assert.ok(await element.isVisible(), `${what} is shown`);
  const frame = await map.boundingBox();
  const box = await element.boundingBox();
  const inside =
    box.x >= frame.x - 0.5 &&
    box.y >= frame.y - 0.5 &&
    box.x + box.width <= frame.x + frame.width + 0.5 &&
    box.y + box.height <= frame.y + frame.height + 0.5;
  assert.ok(inside, `${what} (${JSON.stringify(box)}) is inside the map (${JSON.stringify(frame)})`);
  const viewport = map.page().viewportSize();
  assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, `${what} is inside the viewport`);
}

/** Every label (`texts`) is shown whole inside the map's frame. */
async function labelsInside(map, texts) {
  await settled(map);
  for (const text of texts) await shownInside(map, map.getByText(text, { exact: true }), `the label ${text}`);
}

/** Nothing makes the page scroll sideways; a screenshot of it is kept. */
async function noSidewaysScroll(page, name) {
  const { scrollWidth, width, offenders } = await overflow(page);
  await page.screenshot({ path: join(results, `map-${name}.png`), fullPage: true });
  assert.ok(
    scrollWidth <= width && offenders.length === 0,
    `${name} at ${width} px scrolls sideways: ${scrollWidth} px; ${offenders.join(', ')}`,
  );
}

/** Records every request that leaves Samråd (anything but its own address and inline data). */
function outsideRequests(page) {
  const seen = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(base) && !url.startsWith('data:')) seen.push(url);
  });
  return seen;
}

describe('maps without a tile service (the default)', () => {
  startServer('map');

  test("the analyst's situation picture shows each place with its trend in words, a legend and the same places in the table, offline", async () => {
    const page = await stillPage();
    const outside = outsideRequests(page);
    const id = await publishPicture('Karttest – trender', [
      ['Karttest Norr', 60.69, 17.14, 'RISING'],
      ['Karttest Mitt', 60.67, 17.1, 'STABLE'],
      ['Karttest Söder', 60.64, 17.17, 'FALLING'],
    ]);
    await page.goto(`${base}/lagesbilder/${id}`);
    await page.getByRole('heading', { name: 'Karttest – trender', level: 1 }).waitFor();
    const map = await mapNamed(page, 'Karta över 3 platser');
    assert.deepEqual(await markerNames(map), [
      'Karttest Mitt – Oförändrat',
      'Karttest Norr – Ökar',
      'Karttest Söder – Minskar',
    ]);
    // The map says where the same facts are and how to use it from the keyboard.
    const how = await map.getAttribute('aria-describedby');
    assert.match(await page.locator(`[id="${how}"]`).innerText(), /Samma uppgifter finns i tabellen nedan/);
    assert.match(await page.locator(`[id="${how}"]`).innerText(), /utan bakgrundskarta/);
    // The legend is text in the page: each trend's word, and what a group looks like.
    assert.deepEqual(await legendItems(page), [
      'Ökar',
      'Oförändrat',
      'Minskar',
      '3 Flera platser nära varandra, med antal: välj för att zooma in',
    ]);
    // The table right after it has the same places, with the trend in its own column.
    const table = page.getByRole('table', { name: 'Platser' });
    assert.deepEqual((await table.getByRole('rowheader').allInnerTexts()).sort(), [
      'Karttest Mitt',
      'Karttest Norr',
      'Karttest Söder',
    ]);
    assert.match(await table.getByRole('row', { name: /Karttest Norr/ }).innerText(), /Ökar/);
    await labelsInside(map, ['Karttest Norr – Ökar', 'Karttest Mitt – Oförändrat', 'Karttest Söder – Minskar']);
    await check(page, 'map-picture');

    // A marker opens its details from the keyboard; Escape closes them and gives focus back.
    const north = map.getByRole('button', { name: 'Karttest Norr – Ökar' });
    await north.focus();
    await page.keyboard.press('Enter');
    const details = map.getByRole('group', { name: 'Karttest Norr – Ökar' });
    await details.waitFor();
    assert.deepEqual(await lines(details), ['Karttest Norr – Ökar', 'Skadegörelse: Ökar, upplevd trygghet 3 av 5']);
    // Asked for less motion, the details do not fade in: axe reads their colours as they are.
    await check(page, 'map-picture-details');
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Karttest Norr – Ökar');
    // A window squeezed to nothing for a moment (as a full-page screenshot does) leaves the
    // markers and focus where they were.
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: 1, height: 1 });
    await page.waitForFunction(() => window.innerWidth === 1);
    await page.setViewportSize(viewport);
    await settled(map);
    assert.deepEqual(await markerNames(map), [
      'Karttest Mitt – Oförändrat',
      'Karttest Norr – Ökar',
      'Karttest Söder – Minskar',
    ]);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Karttest Norr – Ökar');

    // The demo's own picture of three district centres, all falling.
    const gavle = await demoPicture();
    await page.goto(`${base}/lagesbilder/${gavle}`);
    const demo = await mapNamed(page, 'Karta över 3 platser');
    assert.deepEqual(await markerNames(demo), [
      'Andersbergs centrum – Minskar',
      'Brynäs centrum – Minskar',
      'Sätra centrum – Minskar',
    ]);
    assert.deepEqual(
      (await page.getByRole('table', { name: 'Platser' }).getByRole('rowheader').allInnerTexts()).sort(),
      ['Andersbergs centrum', 'Brynäs centrum', 'Sätra centrum'],
    );
    await labelsInside(demo, ['Andersbergs centrum – Minskar', 'Brynäs centrum – Minskar', 'Sätra centrum – Minskar']);
    // No tile service is set: the map asked nothing of anyone else.
    assert.deepEqual(outside, []);
    await page.context().close();
  });

  test('places close together are one group with their count, which splits when opened by mouse or keyboard', async () => {
    const page = await stillPage();
    // Three places within a hundred metres of each other at Rådhuset, one in Sandviken.
    const id = await publishPicture('Karttest – grupp', [
      ['Rådhuset norra', 60.6752, 17.1422, 'RISING'],
      ['Rådhuset västra', 60.6748, 17.1412, 'STABLE'],
      ['Rådhuset södra', 60.6744, 17.1424, 'FALLING'],
      ['Sandvikens centrum', 60.6192, 16.7758, 'RISING'],
    ]);
    await page.goto(`${base}/lagesbilder/${id}`);
    const map = await mapNamed(page, 'Karta över 4 platser');
    const group = groups(map);
    await group.waitFor();
    assert.equal((await group.innerText()).trim(), '3');
    assert.match(await group.getAttribute('aria-label'), /Rådhuset norra/);
    assert.deepEqual(await markerNames(map), ['Sandvikens centrum – Ökar']);
    await labelsInside(map, ['Sandvikens centrum – Ökar']);
    await check(page, 'map-group');

    // Opening the group zooms in until it splits: three markers, each with its label.
    await group.click();
    await group.waitFor({ state: 'detached' });
    const split = ['Rådhuset norra – Ökar', 'Rådhuset södra – Minskar', 'Rådhuset västra – Oförändrat'];
    await map.getByRole('button', { name: split[0] }).waitFor();
    assert.deepEqual(
      (await markerNames(map)).filter((n) => n.startsWith('Rådhuset')),
      split,
    );
    await labelsInside(map, split);
    await check(page, 'map-group-split');

    // Zoomed out again the group is back; from the keyboard, Enter opens it and focus goes to
    // one of its places.
    const rådhuset = map.getByRole('button', { name: /^3 platser nära varandra: .*Rådhuset/ });
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    for (let i = 0; i < 8 && !(await rådhuset.count()); i += 1) await zoomOut(map);
    await rådhuset.focus();
    await page.keyboard.press('Enter');
    await rådhuset.waitFor({ state: 'detached' });
    await settled(map);
    assert.match(await focused(), /^Rådhuset/);

    // A group is drawn anew when a zoom splits it; one that has focus hands it to a marker that
    // now holds its places, not to the page.
    for (let i = 0; i < 8 && !(await rådhuset.count()); i += 1) await zoomOut(map);
    await rådhuset.focus();
    const box = await rådhuset.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await zoomed(map, () => page.mouse.wheel(0, -120));
    await rådhuset.waitFor({ state: 'detached' });
    assert.match(await focused(), /^Rådhuset|^\d platser nära varandra: .*Rådhuset/);
    await page.context().close();
  });

  test('a place with several entries is one marker, and places that no zoom separates open as a list', async () => {
    const page = await stillPage();
    // Two entries at the kiosk; two doorways with the very same coordinates, 500 m away.
    const id = await publishPicture('Karttest – samma ställe', [
      ['Karttest Kiosken', 60.661, 17.15, 'RISING', 'VANDALISM', 2],
      ['Karttest Kiosken', 60.661, 17.15, 'FALLING', 'VIOLENCE', 4],
      ['Karttest Port A', 60.665, 17.156, 'STABLE'],
      ['Karttest Port B', 60.665, 17.156, 'RISING'],
    ]);
    await page.goto(`${base}/lagesbilder/${id}`);
    const map = await mapNamed(page, 'Karta över 3 platser');
    // The kiosk is one marker that names both its trends; the doorways are one group.
    assert.deepEqual(await markerNames(map), ['Karttest Kiosken – Ökar, Minskar']);
    const doors = groups(map);
    assert.equal(await doors.count(), 1);
    assert.equal(
      await doors.getAttribute('aria-label'),
      '2 platser nära varandra: Karttest Port A, Karttest Port B. Visa dem i en lista',
    );
    assert.deepEqual(await legendItems(page), [
      'Ökar',
      'Oförändrat',
      'Olika trender',
      '3 Flera platser nära varandra, med antal: välj för att zooma in',
    ]);
    // The table keeps a row for each entry.
    assert.deepEqual(
      (await page.getByRole('table', { name: 'Platser' }).getByRole('rowheader').allInnerTexts()).sort(),
      ['Karttest Kiosken', 'Karttest Kiosken', 'Karttest Port A', 'Karttest Port B'],
    );
    await labelsInside(map, ['Karttest Kiosken – Ökar, Minskar']);

    // The kiosk's details have a line for each entry.
    await map.getByRole('button', { name: 'Karttest Kiosken – Ökar, Minskar' }).focus();
    await page.keyboard.press('Enter');
    const kiosk = map.getByRole('group', { name: 'Karttest Kiosken – Ökar, Minskar' });
    await kiosk.waitFor();
    assert.deepEqual(await lines(kiosk), [
      'Karttest Kiosken – Ökar, Minskar',
      'Skadegörelse: Ökar, upplevd trygghet 2 av 5',
      'Våld: Minskar, upplevd trygghet 4 av 5',
    ]);
    await check(page, 'map-entries');
    await page.keyboard.press('Escape');
    await kiosk.waitFor({ state: 'detached' });

    // No zoom separates the doorways: Enter opens a list of them where they are, focus in it,
    // and Escape gives focus back to the group.
    const scale = await map.getByText(/^\d+ k?m$/).innerText();
    await doors.focus();
    await page.keyboard.press('Enter');
    const list = map.getByRole('group', { name: '2 platser nära varandra' });
    await list.waitFor();
    await settled(map);
    const items = [];
    for (const item of await list.getByRole('listitem').all()) items.push(await lines(item));
    assert.deepEqual(items, [
      ['Karttest Port A – Oförändrat', 'Skadegörelse: Oförändrat, upplevd trygghet 3 av 5'],
      ['Karttest Port B – Ökar', 'Skadegörelse: Ökar, upplevd trygghet 3 av 5'],
    ]);
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
      '2 platser nära varandra',
    );
    assert.equal(await map.getByText(/^\d+ k?m$/).innerText(), scale, 'the map did not zoom');
    await check(page, 'map-same-spot');
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });
    assert.equal(await doors.evaluate((element) => element === document.activeElement), true, 'focus is on the group');
    // By mouse as well.
    await doors.click();
    await list.waitFor();
    await page.context().close();
  });

  test('a picture with one place centres its map on it and names it in the singular; one without places says there is nothing to map', async () => {
    const page = await stillPage();
    const one = await publishPicture('Karttest – en plats', [['Karttest Ensam', 60.7, 17.2, 'FALLING', 'OTHER', 4]]);
    await page.goto(`${base}/lagesbilder/${one}`);
    const map = await mapNamed(page, 'Karta över 1 plats');
    assert.deepEqual(await markerNames(map), ['Karttest Ensam – Minskar']);
    assert.equal(await groups(map).count(), 0);
    assert.deepEqual(await legendItems(page), [
      'Minskar',
      '3 Flera platser nära varandra, med antal: välj för att zooma in',
    ]);
    await labelsInside(map, ['Karttest Ensam – Minskar']);
    const marker = map.getByRole('button', { name: 'Karttest Ensam – Minskar', exact: true });
    const frame = await map.boundingBox();
    const box = await marker.boundingBox();
    assert.ok(
      Math.abs(box.x + box.width / 2 - (frame.x + frame.width / 2)) <= 2 &&
        Math.abs(box.y + box.height / 2 - (frame.y + frame.height / 2)) <= 2,
      `the place (${JSON.stringify(box)}) is in the middle of the map (${JSON.stringify(frame)})`,
    );
    await marker.focus();
    await page.keyboard.press('Enter');
    const details = map.getByRole('group', { name: 'Karttest Ensam – Minskar' });
    await details.waitFor();
    assert.deepEqual(await lines(details), ['Karttest Ensam – Minskar', 'Annat: Minskar, upplevd trygghet 4 av 5']);
    await check(page, 'map-one-place');

    const none = await publishPicture('Karttest – inga platser', []);
    await page.goto(`${base}/lagesbilder/${none}`);
    await page.getByRole('heading', { name: 'Karttest – inga platser', level: 1 }).waitFor();
    // No map, and the map's heading is not left alone: a line under it says why.
    assert.equal(await page.getByRole('region', { name: /^Karta över/ }).count(), 0);
    const heading = page.getByRole('heading', { name: 'Karta', level: 2, exact: true });
    assert.equal(
      await heading.evaluate((h) => h.nextElementSibling?.textContent?.trim()),
      'Lägesbilden har inga platser att visa på karta.',
    );
    await check(page, 'map-no-places');
    await page.context().close();
  });

  test('the places page shows every listed place on one map, whose markers lead to the place', async () => {
    const page = await stillPage();
    await page.goto(`${base}/lagesbilder/platser`);
    await page.getByRole('heading', { name: 'Platser', level: 1 }).waitFor();
    const listed = (await page.getByRole('list', { name: 'Alla platser' }).getByRole('link').allInnerTexts()).sort();
    const map = page.getByRole('region', { name: `Karta över ${listed.length} platser` });
    await map.getByRole('button', { name: 'Zooma in', exact: true }).waitFor();
    await map
      .getByRole('button', { name: /^[^0-9]/ })
      .first()
      .waitFor();
    // Every listed place is on the map once: a marker of its own, or counted in a group.
    const markers = await markerNames(map);
    let grouped = 0;
    for (const group of await groups(map).all()) grouped += Number((await group.innerText()).trim());
    assert.equal(markers.length + grouped, listed.length);
    for (const name of markers) assert.ok(listed.includes(name), `${name} is in the list`);
    assert.match(
      await page.locator(`[id="${await map.getAttribute('aria-describedby')}"]`).innerText(),
      /Samma platser finns i listan Alla platser nedan/,
    );
    assert.deepEqual(await legendItems(page), [
      'Plats',
      '3 Flera platser nära varandra, med antal: välj för att zooma in',
    ]);
    await check(page, 'map-places');
    // From the keyboard: Space opens a place (its group first, if it is in one), whose details
    // link to its page.
    const stortorget = await markerFor(map, 'Stortorget');
    await stortorget.focus();
    await page.keyboard.press(' ');
    await map.getByText('inget krav på uppföljning').waitFor();
    await map.getByRole('link', { name: 'Öppna platsen' }).click();
    await page.getByRole('heading', { name: 'Stortorget', level: 1 }).waitFor();
    await page.context().close();
  });

  for (const width of [390, 320]) {
    test(`the maps fit a ${width} px phone: no sideways scrolling, no label or details cut off`, async () => {
      const page = await stillPage({ width, height: 800 });
      const gavle = await demoPicture();
      await page.goto(`${base}/lagesbilder/${gavle}`);
      const map = await mapNamed(page, 'Karta över 3 platser');
      const labels = [];
      for (const marker of await map.getByRole('button', { name: TRENDS }).all())
        labels.push(await marker.getAttribute('aria-label'));
      assert.ok(labels.length > 0);
      await labelsInside(map, labels);
      await noSidewaysScroll(page, `picture-${width}`);
      await check(page, `map-picture-${width}`);
      // A place's details fit in the map, whole: their text and the button that closes them.
      for (const label of labels) {
        await map.getByRole('button', { name: label, exact: true }).focus();
        await page.keyboard.press('Enter');
        const details = map.getByRole('group', { name: label });
        await details.waitFor();
        await settled(map);
        await shownInside(map, details, `the details of ${label}`);
        await shownInside(map, map.getByRole('button', { name: 'Stäng' }), `the button closing ${label}`);
        const box = await details.boundingBox();
        for (const control of ['Zooma in', 'Zooma ut']) {
          const under = await map.getByRole('button', { name: control, exact: true }).boundingBox();
          const apart =
            box.x >= under.x + under.width ||
            under.x >= box.x + box.width ||
            box.y >= under.y + under.height ||
            under.y >= box.y + box.height;
          assert.ok(apart, `the details of ${label} (${JSON.stringify(box)}) are clear of ${control}`);
        }
        await noSidewaysScroll(page, `picture-details-${width}`);
        if (label === labels[0]) await check(page, `map-picture-details-${width}`);
        await page.keyboard.press('Escape');
        await details.waitFor({ state: 'detached' });
      }
      await page.goto(`${base}/lagesbilder/platser`);
      const places = page.getByRole('region', { name: /^Karta över \d+ platser$/ });
      await places.getByRole('button', { name: 'Zooma in', exact: true }).waitFor();
      await settled(places);
      // There is a label to check even where every place is in a group at first.
      await markerFor(places, 'Stortorget');
      const names = await markersInView(places);
      assert.ok(names.includes('Stortorget'), `Stortorget has a marker of its own in view: ${names}`);
      await labelsInside(places, names);
      await noSidewaysScroll(page, `places-${width}`);
      await check(page, `map-places-${width}`);
      await page.context().close();
    });
  }
});

describe('maps with a tile service (SAMRAD_MAP_TILES)', () => {
  startServer('map-tiles', {
    env: { SAMRAD_MAP_TILES: 'https://tiles.test/{z}/{x}/{y}.png', SAMRAD_MAP_ATTRIBUTION: '© Testkartor' },
  });

  /** Answers the page's tile requests with TILE; returns their addresses and referrers as they come. */
  async function tileService(page) {
    const tiles = [];
    const referrers = [];
    await page.route('https://tiles.test/**', async (route) => {
      tiles.push(route.request().url());
      referrers.push(await route.request().headerValue('referer'));
      return route.fulfill({ status: 200, contentType: 'image/png', body: TILE });
    });
    return { tiles, referrers };
  }

  /** The zoom level of a tile address. */
  const zoomOf = (url) => Number(url.match(/^https:\/\/tiles\.test\/(\d+)\//)[1]);

  /** The referrer policy of every tile image on the page. */
  const tilePolicies = (page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('img[src^="https://tiles.test/"]')].map((img) => img.referrerPolicy),
    );

  test('the map asks the tile service for its tiles, z/x/y filled in, and credits it', async () => {
    const page = await stillPage();
    const { tiles, referrers } = await tileService(page);
    const outside = outsideRequests(page);
    const gavle = await demoPicture();
    await page.goto(`${base}/lagesbilder/${gavle}`);
    const map = await mapNamed(page, 'Karta över 3 platser');
    // The credit is shown whole on the map, after Leaflet's own.
    const credit = map.getByText('© Testkartor');
    await credit.waitFor();
    await shownInside(map, credit, 'the tile service’s credit');
    assert.match(await credit.innerText(), /^Leaflet\s*\|\s*© Testkartor$/);
    await page.waitForFunction(() => document.querySelectorAll('img[src^="https://tiles.test/"]').length > 0);
    assert.ok(tiles.length > 0, 'tiles are asked for');
    for (const url of tiles) {
      const match = url.match(/^https:\/\/tiles\.test\/(\d+)\/(\d+)\/(\d+)\.png$/);
      assert.ok(match, `a tile address with z/x/y filled in: ${url}`);
      const [z, x, y] = match.slice(1).map(Number);
      assert.ok(z >= 2 && z <= 18 && x < 2 ** z && y < 2 ** z, url);
    }
    // Gävle at 60.67° N, 17.14° E: the tiles asked for lie around it.
    const [z, x, y] = tiles[0]
      .match(/(\d+)\/(\d+)\/(\d+)\.png$/)
      .slice(1)
      .map(Number);
    const lon = (x / 2 ** z) * 360 - 180;
    const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;
    assert.ok(Math.abs(lon - 17.14) < 2 && Math.abs(lat - 60.67) < 2, `the first tile is near Gävle: ${lat}, ${lon}`);
    // The tile service learns Samråd's address, never the page's (which names the picture).
    assert.deepEqual([...new Set(referrers)], [`${base}/`]);
    assert.deepEqual([...new Set(await tilePolicies(page))], ['strict-origin-when-cross-origin']);
    // Nothing else left Samråd, and the legend no longer says there is no background.
    assert.deepEqual(
      outside.filter((url) => !url.startsWith('https://tiles.test/')),
      [],
    );
    const how = await map.getAttribute('aria-describedby');
    assert.doesNotMatch(await page.locator(`[id="${how}"]`).innerText(), /utan bakgrundskarta/);
    await labelsInside(map, ['Andersbergs centrum – Minskar', 'Brynäs centrum – Minskar', 'Sätra centrum – Minskar']);
    await check(page, 'map-tiles');
    // An open picture's map, zoomed in, asks for tiles finer than a restricted one's ever does.
    for (let i = 0; i < 3; i += 1) {
      await zoomed(map, () => map.getByRole('button', { name: 'Zooma in', exact: true }).click());
    }
    await page.waitForFunction(
      () =>
        document.querySelectorAll('img[src^="https://tiles.test/14/"], img[src^="https://tiles.test/15/"]').length > 0,
    );
    assert.ok(
      tiles.some((url) => zoomOf(url) > 12),
      `street-level tiles for an open picture: ${tiles.map(zoomOf)}`,
    );
    await page.context().close();
  });

  test("a restricted picture's map asks the tile service for nothing finer than zoom 12, however far one zooms in", async () => {
    const page = await stillPage();
    const { tiles, referrers } = await tileService(page);
    // Two ends of one alley, 200 m apart: the map opens close in on them (zoom 15).
    const id = await publishPicture('Karttest – begränsad', [
      ['Karttest Gränd norra', 60.6757, 17.1445, 'RISING'],
      ['Karttest Gränd södra', 60.6739, 17.1447, 'STABLE'],
    ]);
    await page.goto(`${base}/lagesbilder/${id}`);
    const map = await mapNamed(page, 'Karta över 2 platser');
    await map.getByRole('button', { name: 'Karttest Gränd norra – Ökar', exact: true }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('img[src^="https://tiles.test/"]').length > 0);
    // Zoomed in as far as the map goes, it shows the coarse tiles enlarged.
    const zoomIn = map.getByRole('button', { name: 'Zooma in', exact: true });
    for (let i = 0; i < 20 && (await zoomIn.getAttribute('aria-disabled')) !== 'true'; i += 1) {
      await zoomed(map, () => zoomIn.click());
    }
    assert.equal(await zoomIn.getAttribute('aria-disabled'), 'true', 'zoomed in as far as the map goes');
    await map.getByRole('button', { name: 'Karttest Gränd södra – Oförändrat', exact: true }).waitFor();
    assert.ok(tiles.length > 0, 'tiles are asked for');
    assert.deepEqual(
      tiles.filter((url) => zoomOf(url) > 12),
      [],
      'no tile finer than zoom 12',
    );
    assert.deepEqual([...new Set(referrers)], [`${base}/`]);
    assert.deepEqual([...new Set(await tilePolicies(page))], ['strict-origin-when-cross-origin']);
    await page.context().close();
  });
});
