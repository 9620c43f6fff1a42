// Citizen promises in a real browser (Debian's Chromium driven by playwright-core) against its
// own server on a fresh database with the demo data: anyone, signed out, finds Gävle's
// published promise in the public list and reads its pledges, figures per area and year,
// places only as counts, the partners' narratives and who signed, without a signatory's name,
// an occasion's note or a place's name, at a laptop's size and a phone's (axe clean, nothing
// sideways); an unpublished address says so. The secretariat's follow-up report prints
// without the app's header, navigation and buttons, makes a PDF and downloads as CSV; and
// Gävle's own people import their areas from a GeoJSON file, or see why a file is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { base, check, DESKTOP, gql, journey, newPage, overflow, PHONE, signedIn, startServer } from './support.mjs';

startServer('promise-public');

const TITLE = /^Medborgarlöften Gävle \d{4}–\d{4}$/;

/** Gävle's published promise, as the public list gives it (no sign-in). */
async function published() {
  const data = await gql('{ publishedPromises(first: 20) { edges { node { id title } } } }');
  const promise = data.publishedPromises.edges.map((e) => e.node).find((p) => TITLE.test(p.title));
  assert.ok(promise, 'the demo publishes Gävle’s promise');
  return promise;
}

/** What a signed-out reader must never see on the public page. */
const NEVER = [
  'John Köhler',
  'Patrik Stenvarv',
  'Medborgardialog i stadsdelens mötesplats',
  'Sätra centrum',
  'Brynäs centrum',
  'Andersbergs centrum',
];

journey('anyone signed out finds the published promise and reads its pledges and figures', async (viewport) => {
  const promise = await published();
  const page = await newPage(viewport);
  await page.goto(`${base}/offentligt/medborgarloften`);
  await page.getByRole('heading', { name: 'Medborgarlöften', level: 1 }).waitFor();
  await check(page, 'promise-public-list');
  await page.getByRole('link', { name: promise.title }).click();
  await page.getByRole('heading', { name: promise.title, level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/offentligt/medborgarloften/${promise.id}`);
  // Signed out: no login came first, and the header offers nothing of a session.
  assert.equal(await page.getByRole('button', { name: 'Logga ut' }).count(), 0);

  const main = page.getByRole('main');
  await main.getByRole('heading', { name: 'Löfte 1', level: 2 }).waitFor();
  await main.getByRole('heading', { name: 'Löfte 2', level: 2 }).waitFor();
  await main.getByRole('heading', { name: /genomföra medborgardialoger/, level: 3 }).waitFor();
  await main.getByRole('heading', { name: 'Minst 2 per stadsdel och år', level: 4 }).waitFor();
  await main.getByRole('heading', { name: 'Varannan vecka', level: 4 }).waitFor();

  // Per area and year: Sätra's dialogues, done against required, in words.
  const districts = main.getByRole('table', { name: 'Genomfört per stadsdel och år' });
  const satra = districts.getByRole('row', { name: /^Sätra/ });
  assert.match(await satra.innerText(), /1 av 2\s*missat/);
  // The promise's last year has not begun: its cells are to come, not running.
  assert.match(await districts.getByRole('row', { name: /^Andersberg/ }).innerText(), /0 av 2\s*kommande$/);
  assert.match(await districts.getByRole('row').first().innerText(), /Område\s+\d{4}\s+\d{4}/);
  // Places only as counts per year.
  const places = main.getByRole('table', { name: 'Uppföljningar av brottsutsatta platser per år' });
  assert.match(await places.getByRole('row', { name: /^Antal/ }).innerText(), /Antal\s+3\s+3/);
  // Runs of weeks summed, the missed ones as dates.
  await main.getByText('Missade perioder:').waitFor();

  const text = await main.innerText();
  assert.match(text, /Dialogerna har samlat boende och unga/);
  assert.match(text, /Kommunstyrelsens ordförande, Gävle kommun/);
  assert.match(text, /Lokalpolisområdeschef Gästrikland, Lokalpolisområde Gästrikland/);
  for (const secret of NEVER) assert.ok(!text.includes(secret), `the public page shows “${secret}”`);

  await check(page, 'promise-public');
  if (viewport === PHONE) {
    const sideways = await overflow(page);
    assert.deepEqual(sideways.offenders, [], `the public page scrolls sideways at ${PHONE.width} px`);
    assert.ok(sideways.scrollWidth <= sideways.width, JSON.stringify(sideways));
  }
  await page.context().close();
});

test('an address of no published promise says it is not published', async () => {
  const page = await newPage(DESKTOP);
  await page.goto(`${base}/offentligt/medborgarloften/00000000-0000-7000-8000-000000000000`);
  await page.getByRole('heading', { name: 'Medborgarlöftet är inte publicerat', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Alla publicerade medborgarlöften' }).waitFor();
  await check(page, 'promise-public-not-found');
  await page.context().close();
});

test('the secretariat’s follow-up report prints without the app around it and downloads as CSV', async () => {
  const promise = await published();
  const page = await signedIn('analytiker@gavle.example', DESKTOP);
  await page.goto(`${base}/medborgarloften/${promise.id}/rapport`);
  await page.getByRole('heading', { name: `Uppföljning: ${promise.title}`, level: 1 }).waitFor();
  const main = page.getByRole('main');
  // The partners may see the places named.
  const named = main.getByRole('table', { name: 'Uppföljningar per brottsutsatt plats och år' });
  await named.getByRole('rowheader', { name: 'Sätra centrum' }).waitFor();
  await main.getByText('Två dialoger i Brynäs under våren').waitFor();
  await check(page, 'promise-report');

  const nav = page.getByRole('navigation', { name: 'Samråd' });
  const print = page.getByRole('button', { name: 'Skriv ut' });
  const csv = page.getByRole('button', { name: 'Ladda ner rapporten (CSV)' });
  assert.ok(await nav.isVisible());
  await page.emulateMedia({ media: 'print' });
  for (const hidden of [page.locator('header#top'), nav, print, csv])
    assert.equal(await hidden.isVisible(), false, `${hidden} shows on paper`);
  assert.equal(await page.getByRole('button').filter({ visible: true }).count(), 0, 'a button shows on paper');
  const districts = main.getByRole('table', { name: 'Genomfört per stadsdel och år' });
  assert.ok(await districts.isVisible(), 'the tables show on paper');
  assert.ok(await districts.getByRole('rowheader', { name: 'Sätra' }).isVisible());
  const pdf = await page.pdf({ format: 'A4' });
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(pdf.length > 10_000, `a PDF of ${pdf.length} bytes`);
  await page.emulateMedia({ media: 'screen' });

  const [file] = await Promise.all([page.waitForEvent('download'), csv.click()]);
  assert.match(file.suggestedFilename(), /^medborgarlöften-rapport-.*\.csv$/);
  const body = await readFile(await file.path(), 'utf8');
  assert.ok(body.startsWith('\uFEFFAktivitet,Omfattning,Läge,'), body.slice(0, 80));
  assert.match(body, /Minst 2 per stadsdel och år/);
  await page.getByText(`Filen ${file.suggestedFilename()} är nedladdad.`).waitFor();
  await page.context().close();
});

test('the municipality’s own people import an area from GeoJSON, and see why a bad file is refused', async () => {
  const page = await signedIn('analytiker@gavle.example', DESKTOP);
  await page.goto(`${base}/min-organisation`);
  const gavle = page.getByRole('region', { name: 'Gävle kommun' });
  const areas = gavle.getByRole('table', { name: 'Områden i Gävle kommun' });
  await areas.getByRole('rowheader', { name: 'Sätra' }).waitFor();
  assert.match(await areas.getByRole('row', { name: /^Valbo/ }).innerText(), /Ytterområde/);

  const polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [17.1, 60.66],
        [17.12, 60.66],
        [17.12, 60.68],
        [17.1, 60.66],
      ],
    ],
  };
  const collection = (features) => Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
  const file = gavle.getByLabel('GeoJSON-fil');
  const importButton = gavle.getByRole('button', { name: 'Importera' });

  // A feature of an unknown kind: nothing is imported, and the reason names the feature.
  await file.setInputFiles({
    name: 'fel.geojson',
    mimeType: 'application/geo+json',
    buffer: collection([
      { type: 'Feature', properties: { name: 'Strömsbro', kind: 'district' }, geometry: polygon },
      { type: 'Feature', properties: { name: 'Stadsparken', kind: 'park' }, geometry: polygon },
    ]),
  });
  await importButton.click();
  const refused = gavle.getByText(/^Filen importerades inte:/);
  await refused.waitFor();
  assert.match(await refused.innerText(), /område 2 \(Stadsparken\)/);
  assert.equal(await areas.getByRole('rowheader', { name: 'Strömsbro' }).count(), 0);
  assert.equal(await file.getAttribute('aria-invalid'), 'true');
  await check(page, 'areas-import-refused');

  await file.setInputFiles({
    name: 'stromsbro.geojson',
    mimeType: 'application/geo+json',
    buffer: collection([{ type: 'Feature', properties: { name: 'Strömsbro', kind: 'stadsdel' }, geometry: polygon }]),
  });
  await importButton.click();
  await gavle.getByText('1 område importerades.').waitFor();
  const row = areas.getByRole('row', { name: /^Strömsbro/ });
  await row.waitFor();
  assert.match(await row.innerText(), /Stadsdel\s+Finns/);
  assert.equal(await gavle.getByText(/^Filen importerades inte:/).count(), 0);

  // One more by hand, by name and kind.
  await gavle.getByLabel('Namn').fill('Bomhus');
  await gavle.getByLabel('Typ').selectOption({ label: 'Stadsdel' });
  await gavle.getByRole('button', { name: 'Lägg till området' }).click();
  await gavle.getByText('Området Bomhus är tillagt.').waitFor();
  assert.match(await areas.getByRole('row', { name: /^Bomhus/ }).innerText(), /Stadsdel\s+Saknas/);
  await check(page, 'areas-imported');
  await page.context().close();
});
