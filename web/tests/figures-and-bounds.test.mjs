// Downloads (issue 13) in a real browser against a real server on a fresh database with the
// demo data: the secretariat downloads a meeting's inputs as CSV and a situation picture's
// places as GeoJSON, each fetched when asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { PASSWORD, base, check, gql, newPage, startServer, token } from './support.mjs';

startServer('figures');

const GBG = 'Göteborgs Stads trygghetsråd';
const NEXT = 'Trygghetsrådet – Mäns våld mot kvinnor';

async function logIn(email) {
  const page = await newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: 'Mina råd' }).waitFor();
  return page;
}

/** The council named `name` as `as` sees it, with its meetings. */
async function council(name, as) {
  const councils = await gql('{ councils { edges { node { id name } } } }', {}, as);
  const found = councils.councils.edges.map((e) => e.node).find((c) => c.name === name);
  assert.ok(found, `no council ${name}`);
  const data = await gql(
    'query($id: ID!) { council(id: $id) { meetings(first: 50) { edges { node { id title status startsAt } } } } }',
    { id: found.id },
    as,
  );
  return { id: found.id, meetings: data.council.meetings.edges.map((e) => e.node) };
}

async function meetingId(title, as) {
  const found = (await council(GBG, as)).meetings.find((m) => m.title === title);
  assert.ok(found, `no meeting ${title}`);
  return found.id;
}

/** The file a click on `button` downloads: its suggested name and its text. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

test('the secretariat downloads a meeting’s inputs as CSV; a member is offered no such button', async () => {
  const police = await token('polis@vast.example');
  const id = await meetingId(NEXT, police);
  await gql(
    'mutation($m: ID!) { createInput(input: { meetingId: $m, submit: true, content: { title: "Trygghetsvandringar i Hammarkullen", body: "Vi vill gå tillsammans med de boende.", gatheredBy: ORGANISATION_VIEW } }) { id } }',
    { m: id },
    police,
  );

  const page = await logIn('sekretariat@goteborg.example');
  await page.goto(`${base}/moten/${id}`);
  await page.getByRole('heading', { name: 'Sekretariatet' }).waitFor();
  const button = page.getByRole('button', { name: 'Ladda ner inspelen (CSV)' });
  const file = await download(page, button);
  assert.match(file.name, /^inspel-trygghetsrådet-mäns-våld-mot-kvinnor-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, ...rows] = file.text
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  assert.equal(
    header,
    'Titel,Organisation,Status,Målgrupper,Insamlat genom,Stadsdel,Inspel,Svar,Inlämnat,Besvarat,Anonymt,Redigerat,Dolt',
  );
  assert.ok(
    rows.some((r) => r.startsWith('Trygghetsvandringar i Hammarkullen,Polisregion Väst,')),
    rows.join('\n'),
  );
  await page.getByText(`Filen ${file.name} är nedladdad.`).waitFor();
  await check(page, 'figures-csv-downloaded');

  const member = await logIn('polis@vast.example');
  await member.goto(`${base}/moten/${id}`);
  await member.getByRole('heading', { name: NEXT, level: 1 }).waitFor();
  await member.getByRole('heading', { name: 'Kommer du?' }).waitFor();
  assert.equal(await member.getByRole('button', { name: /CSV/ }).count(), 0);
});

test('a situation picture’s places download as a GeoJSON FeatureCollection', async () => {
  const analyst = await token('analytiker@gavle.example');
  const pictures = await gql(
    '{ situationPictures(first: 20) { edges { node { id area entries { place { name } } } } } }',
    {},
    analyst,
  );
  const picture = pictures.situationPictures.edges.map((e) => e.node).find((p) => p.area === 'Gävle kommun');
  assert.ok(picture, 'the demo data’s open picture');

  const page = await logIn('analytiker@gavle.example');
  await page.goto(`${base}/lagesbilder/${picture.id}`);
  await page.getByRole('heading', { name: 'Gävle kommun', level: 1 }).waitFor();
  const file = await download(page, page.getByRole('button', { name: 'Ladda ner platserna (GeoJSON)' }));
  assert.match(file.name, /^lägesbild-gävle-kommun-\d{4}-\d{2}-\d{2}\.geojson$/);
  const geojson = JSON.parse(file.text);
  assert.equal(geojson.type, 'FeatureCollection');
  assert.deepEqual(
    geojson.features.map((f) => f.properties.name).sort(),
    picture.entries.map((e) => e.place.name).sort(),
  );
  for (const feature of geojson.features) {
    assert.equal(feature.geometry.type, 'Point');
    assert.equal(feature.geometry.coordinates.length, 2);
  }
  await page.getByText(`Filen ${file.name} är nedladdad.`).waitFor();
  await check(page, 'figures-geojson-downloaded');
});
