// Downloads, figures and the bounds of forms (issue 13) in a real browser against a real
// server on a fresh database with the demo data: the secretariat downloads a meeting's
// inputs as CSV and a situation picture as GeoJSON; the council page shows its feedback and
// representation figures as charts with tables; forms refuse what the API would refuse
// (a past year, a due date before today, an answer to a held or cancelled meeting, a picture
// without what the user chose; a year already planned only when asked to) beside the field,
// before sending, keeping what was typed.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { base, check, DESKTOP, gql, journey, openTab, results, signedIn, startServer, token } from './support.mjs';

startServer('figures');

const GBG = 'Göteborgs Stads trygghetsråd';
const NEXT = 'Trygghetsrådet – Mäns våld mot kvinnor';

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

journey('the secretariat downloads a meeting’s inputs as CSV; a member is offered no such button', async (viewport) => {
  const police = await token('polis@vast.example');
  const id = await meetingId(NEXT, police);
  await gql(
    'mutation($m: ID!) { createInput(input: { meetingId: $m, submit: true, content: { title: "Trygghetsvandringar i Hammarkullen", body: "Vi vill gå tillsammans med de boende.", gatheredBy: ORGANISATION_VIEW } }) { id } }',
    { m: id },
    police,
  );

  const page = await signedIn('sekretariat@goteborg.example', viewport);
  await page.goto(`${base}/moten/${id}`);
  await page.getByRole('heading', { name: 'Sekretariatet' }).waitFor();
  await openTab(page, 'Inspel');
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

  const member = await signedIn('polis@vast.example', viewport);
  await member.goto(`${base}/moten/${id}`);
  await member.getByRole('heading', { name: NEXT, level: 1 }).waitFor();
  await openTab(member, 'Närvaro');
  await member.getByRole('heading', { name: 'Kommer du?' }).waitFor();
  assert.equal(await member.getByRole('button', { name: /CSV/ }).count(), 0);
});

journey('a situation picture’s places download as a GeoJSON FeatureCollection', async (viewport) => {
  const analyst = await token('analytiker@gavle.example');
  const pictures = await gql(
    '{ situationPictures(first: 20) { edges { node { id area entries { place { name } } } } } }',
    {},
    analyst,
  );
  const picture = pictures.situationPictures.edges.map((e) => e.node).find((p) => p.area === 'Gävle kommun');
  assert.ok(picture, 'the demo data’s open picture');

  const page = await signedIn('analytiker@gavle.example', viewport);
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

const FIGURES = `query($id: ID!, $year: Int!) { council(id: $id) {
  feedback(year: $year) { overall { inputs answered shareAnswered unansweredAfter30Days } }
  representation(year: $year) { heard { group count } priorityGroups missing } } }`;

journey('the year’s feedback and representation as charts with tables; none for an advisory body', async (viewport) => {
  const secretariat = await token('sekretariat@goteborg.example');
  const police = await token('polis@vast.example');
  const gbg = await council(GBG, secretariat);
  const meeting = await meetingId(NEXT, secretariat);
  await gql(
    'mutation($c: ID!) { setCouncilPriorityGroups(councilId: $c, groups: [YOUTH, ELDERLY]) }',
    { c: gbg.id },
    secretariat,
  );
  const ids = [];
  for (const [title, groups] of [
    ['Otrygga busshållplatser', ['YOUTH', 'WOMEN']],
    ['Belysning i parker', ['WOMEN']],
  ]) {
    const made = await gql(
      'mutation($m: ID!, $t: String!, $g: [TargetGroup!]!) { createInput(input: { meetingId: $m, submit: true, content: { title: $t, body: "Underlag från polisen.", targetGroups: $g, gatheredBy: ORGANISATION_VIEW } }) { id } }',
      { m: meeting, t: title, g: groups },
      police,
    );
    ids.push(made.createInput.id);
  }
  await gql(
    'mutation($id: ID!) { answerInput(id: $id, answer: "Tack, vi tar upp det.") { id } }',
    { id: ids[0] },
    secretariat,
  );
  const year = new Date().getFullYear();
  const expected = (await gql(FIGURES, { id: gbg.id, year }, secretariat)).council;
  assert.ok(expected.feedback.overall.inputs >= 2);

  const page = await signedIn('sekretariat@goteborg.example', viewport);
  await page.goto(`${base}/rad/${gbg.id}`);
  await page.getByRole('heading', { name: GBG, level: 1 }).waitFor();
  await page
    .getByRole('navigation', { name: 'Rådets flikar' })
    .getByRole('link', { name: 'Siffror', exact: true })
    .click();
  const section = page.getByRole('region', { name: 'Återkoppling och representation' });
  assert.equal(await section.getByLabel('År').inputValue(), String(year));
  const feedback = section.getByRole('table', { name: `Återkoppling på inspel ${year}, i siffror` });
  const overall = feedback.getByRole('row', { name: /^Hela rådet/ });
  // The figures come after the year's select: wait for them (allInnerTexts does not).
  await overall.waitFor();
  const cells = await overall.getByRole('cell').allInnerTexts();
  const o = expected.feedback.overall;
  assert.deepEqual(
    [cells[0], cells[1], cells[2].replace(/\s/g, ' '), cells[4]],
    [String(o.inputs), String(o.answered), `${Math.round(o.shareAnswered * 100)} %`, String(o.unansweredAfter30Days)],
  );
  // One row per advisory body of the council, under the whole council's.
  assert.ok((await feedback.getByRole('row').count()) >= 3);
  assert.ok(await section.getByRole('img', { name: /Stapeldiagram över andelen besvarade inspel/ }).isVisible());

  const groups = section.getByRole('table', { name: `Inspel per målgrupp ${year}, i siffror` });
  const counts = Object.fromEntries(expected.representation.heard.map((h) => [h.group, h.count]));
  for (const [group, label] of [
    ['YOUTH', 'Unga'],
    ['WOMEN', 'Kvinnor'],
    ['ELDERLY', 'Äldre'],
  ]) {
    const row = await groups
      .getByRole('row', { name: new RegExp(`^${label}\\b`) })
      .getByRole('cell')
      .allInnerTexts();
    const priority = expected.representation.priorityGroups.includes(group) ? 'Ja' : 'Nej';
    assert.deepEqual(row, [String(counts[group] ?? 0), priority], label);
  }
  assert.deepEqual(expected.representation.missing, ['ELDERLY']);
  await section.getByText('Prioriterade målgrupper utan inspel: Äldre.').waitFor();
  assert.ok(await section.getByRole('img', { name: /Stapeldiagram över antalet inspel per målgrupp/ }).isVisible());
  await check(page, 'figures-council');
  // On a 320 px screen the charts fold and the tables scroll in their own regions.
  await page.setViewportSize({ width: 320, height: 640 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(wide, 0, 'the council page scrolls sideways at 320 px');
  await page.screenshot({ path: join(results, 'figures-council-320.png'), fullPage: true });

  // The years offered: this one and those the council meets in (up to next year, as the API).
  const swedishYear = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' });
  const years = new Set([year, ...gbg.meetings.map((m) => Number(swedishYear.format(new Date(m.startsAt))))]);
  const offered = [...years]
    .filter((y) => y <= year + 1)
    .sort((a, b) => b - a)
    .map(String);
  assert.deepEqual(await section.getByLabel('År').locator('option').allInnerTexts(), offered);

  // The youth council is an advisory body: the API refuses it the figures, the page shows none.
  const youth = await signedIn('ungdom@goteborg.example', viewport);
  await youth.goto(`${base}/rad/${gbg.id}`);
  await youth.getByRole('heading', { name: GBG, level: 1 }).waitFor();
  await youth.getByRole('heading', { name: 'Möten' }).waitFor();
  await youth.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') !== 'true');
  assert.equal(await youth.getByRole('heading', { name: 'Återkoppling och representation' }).count(), 0);
  assert.equal(await youth.getByRole('table').count(), 0);
  assert.doesNotMatch(await youth.locator('main').innerText(), /behörighet/);
});

/** The error said beside the field with `id` (its `-error` paragraph, which the field names). */
async function errorBeside(page, id) {
  const field = page.locator(`#${id}`);
  const error = page.locator(`#${id}-error`);
  await error.filter({ hasText: /\S/ }).waitFor();
  assert.match((await field.getAttribute('aria-describedby')) ?? '', new RegExp(`${id}-error`));
  return error.innerText();
}

journey('the year planner offers no past year, and asks before planning a year already in use', async (viewport) => {
  const secretariat = await token('sekretariat@goteborg.example');
  const gbg = await council(GBG, secretariat);
  const year = new Date().getFullYear();
  // A year without meetings, one for each run.
  const free = viewport === DESKTOP ? year + 5 : year + 4;
  const page = await signedIn('sekretariat@goteborg.example', viewport);
  await page.goto(`${base}/rad/${gbg.id}`);
  await page
    .getByRole('navigation', { name: 'Rådets flikar' })
    .getByRole('link', { name: 'Möten', exact: true })
    .click();
  const plan = page.getByRole('region', { name: 'Planera året' });
  await plan.waitFor();
  const choose = plan.getByLabel('År');
  const offered = await choose.locator('option').evaluateAll((options) => options.map((o) => o.value));
  assert.deepEqual(
    offered,
    [0, 1, 2, 3, 4, 5].map((i) => String(year + i)),
  );

  // This year has meetings: said beside the year, and planned again only when ticked.
  await choose.selectOption(String(year));
  await plan.getByText(new RegExp(`Rådet har redan \\d+ möten under ${year}\\.`)).waitFor();
  assert.match((await choose.getAttribute('aria-describedby')) ?? '', /year-hint/);
  const themes = plan.getByLabel(/^Teman/);
  await themes.fill('Ungas trygghet\nTrygg stadsmiljö');
  await plan.getByRole('button', { name: 'Föreslå årets möten' }).click();
  assert.match(await errorBeside(page, 'plan-again'), /Kryssa i rutan om du vill lägga till fler möten/);
  assert.equal(await page.locator('#plan-again').getAttribute('aria-invalid'), 'true');
  assert.equal(await themes.inputValue(), 'Ungas trygghet\nTrygg stadsmiljö');
  assert.equal((await council(GBG, secretariat)).meetings.length, gbg.meetings.length, 'nothing was sent');
  await check(page, 'bounds-plan-again');

  // A theme the council does not have is said beside the themes, before sending.
  await choose.selectOption(String(free));
  assert.equal(await plan.getByText(/Rådet har redan/).count(), 0);
  await themes.fill('Ungas trygghet\nCykelstölder');
  await plan.getByRole('button', { name: 'Föreslå årets möten' }).click();
  assert.match(await errorBeside(page, 'themes'), /Temat ”Cykelstölder” finns inte i rådets lista/);
  assert.equal(await themes.inputValue(), 'Ungas trygghet\nCykelstölder');

  // A year without meetings is planned; then it is one the council meets in.
  await themes.fill('Ungas trygghet');
  await plan.getByRole('button', { name: 'Föreslå årets möten' }).click();
  await page.getByText(/4 utkast till möten har skapats\./).waitFor();
  await plan.getByText(`Rådet har redan 4 möten under ${free}.`).waitFor();
  await plan.getByLabel(`Föreslå nya möten för ${free} ändå`).waitFor();
});

journey('a follow-up action cannot be due before today: said beside the date, the rest kept', async (viewport) => {
  const what = viewport === DESKTOP ? 'Kartlägg otrygga gångtunnlar' : 'Kartlägg otrygga cykelvägar';
  const secretariat = await token('sekretariat@goteborg.example');
  const id = await meetingId(NEXT, secretariat);
  const actions = async () =>
    (await gql('query($id: ID!) { meeting(id: $id) { actions { title } } }', { id }, secretariat)).meeting.actions;
  const before = (await actions()).length;
  const page = await signedIn('sekretariat@goteborg.example', viewport);
  await page.goto(`${base}/moten/${id}`);
  await openTab(page, 'Åtgärder');
  const section = page.getByRole('region', { name: 'Åtgärder att ta med tillbaka' });
  await section.waitFor();
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
  const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const due = section.getByLabel(/^Klart senast/);
  assert.equal(await due.getAttribute('min'), today);
  // Nobody is chosen for the user.
  assert.equal(await section.getByLabel(/^Ansvarig organisation/).inputValue(), '');

  await section.getByLabel(/^Åtgärd/).fill(what);
  await section.getByRole('button', { name: 'Tilldela åtgärd' }).click();
  assert.match(await errorBeside(page, 'action-org'), /Välj ett alternativ i listan/);
  await section.getByLabel(/^Ansvarig organisation/).selectOption({ label: 'Polisregion Väst' });
  await due.fill(yesterday);
  await section.getByRole('button', { name: 'Tilldela åtgärd' }).click();
  assert.match(await errorBeside(page, 'action-due'), /Sista dag har redan passerat/);
  assert.equal(await due.getAttribute('aria-invalid'), 'true');
  assert.equal(await section.getByLabel(/^Åtgärd/).inputValue(), what);
  assert.equal((await actions()).length, before, 'nothing was sent');
  await check(page, 'bounds-action-due');

  await due.fill(today);
  await section.getByRole('button', { name: 'Tilldela åtgärd' }).click();
  await section
    .getByRole('listitem')
    .filter({ hasText: `${what} – Polisregion Väst` })
    .waitFor();
  assert.equal((await actions()).length, before + 1);
});

journey('members cannot answer a held or a cancelled meeting, and the page says why', async (viewport) => {
  const secretariat = await token('sekretariat@goteborg.example');
  const gbg = await council(GBG, secretariat);
  const day = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const made = await gql(
    'mutation($c: ID!, $s: NaiveDateTime!, $e: NaiveDateTime!) { createMeeting(councilId: $c, input: { title: "Inställt möte om parker", startsAt: $s, endsAt: $e }) { id version } }',
    { c: gbg.id, s: `${day}T13:00:00`, e: `${day}T15:00:00` },
    secretariat,
  );
  const scheduled = await gql(
    'mutation($id: ID!, $v: Int!) { scheduleMeeting(id: $id, expectedVersion: $v) { version } }',
    { id: made.createMeeting.id, v: made.createMeeting.version },
    secretariat,
  );
  await gql(
    'mutation($id: ID!, $v: Int!) { cancelMeeting(id: $id, expectedVersion: $v, reason: "Lokalen är inte tillgänglig.") { id } }',
    { id: made.createMeeting.id, v: scheduled.scheduleMeeting.version },
    secretariat,
  );
  const held = await meetingId('Trygghetsrådet – Ungas trygghet', secretariat);
  const next = await meetingId(NEXT, secretariat);

  const page = await signedIn('polis@vast.example', viewport);
  for (const [id, why] of [
    [held, 'Mötet har redan hållits, så det går inte längre att svara.'],
    [made.createMeeting.id, 'Mötet är inställt, så det går inte att svara.'],
  ]) {
    await page.goto(`${base}/moten/${id}`);
    await openTab(page, 'Närvaro');
    const rsvp = page.getByRole('region', { name: 'Kommer du?' });
    await rsvp.getByText(why).waitFor();
    assert.equal(await rsvp.getByRole('button').count(), 0);
    assert.equal(await rsvp.getByRole('textbox').count(), 0);
  }
  await check(page, 'bounds-rsvp-cancelled');
  // A scheduled meeting still takes answers.
  await page.goto(`${base}/moten/${next}`);
  await openTab(page, 'Närvaro');
  await page.getByRole('region', { name: 'Kommer du?' }).getByRole('button', { name: 'Jag kommer' }).waitFor();
});

journey('the picture form chooses nothing for the user and says what is missing beside a field', async (viewport) => {
  const page = await signedIn('analytiker@gavle.example', viewport);
  await page.goto(`${base}/lagesbilder`);
  await page.getByRole('heading', { name: 'Ny lägesbild' }).waitFor();
  const publish = page.getByRole('button', { name: 'Publicera lägesbild' });
  // No classification, no place, no category, trend or safety chosen to begin with.
  assert.equal(await page.locator('input[name="classification"]:checked').count(), 0);
  assert.equal(await page.locator('input[name="places"]:checked').count(), 0);
  assert.equal(await page.getByLabel(/^Kategori för/).count(), 0);

  await page.getByLabel(/^Område/).fill('Andersberg – vecka 48');
  await page.getByLabel(/^Period från/).fill('2026-11-23');
  await page.getByLabel(/^Period till/).fill('2026-11-29');
  await publish.click();
  await page.locator('#picture-class-error').getByText('Välj vilka som får läsa lägesbilden.').waitFor();
  assert.equal(await page.getByLabel(/^Område/).inputValue(), 'Andersberg – vecka 48');

  await page.getByLabel('Alla parter i valda råd och nätverk').check();
  await publish.click();
  await page.locator('#picture-councils-error').getByText('Välj minst ett råd eller nätverk att dela med.').waitFor();
  await page.getByLabel('Brottsförebyggande samverkan Gävle–Uppsala–Västerås').check();

  await page.getByLabel('Andersbergs centrum (Andersberg)').check();
  const category = page.getByLabel(/^Kategori för Andersbergs centrum/);
  const trend = page.getByLabel(/^Trend för Andersbergs centrum/);
  const safety = page.getByLabel(/^Upplevd trygghet vid Andersbergs centrum/);
  for (const select of [category, trend, safety]) assert.equal(await select.inputValue(), '');
  await category.selectOption({ label: 'Skadegörelse' });
  await publish.click();
  const trendId = await trend.getAttribute('id');
  assert.match(await errorBeside(page, trendId), /Välj ett alternativ i listan/);
  assert.equal(await category.inputValue(), 'VANDALISM');
  await check(page, 'bounds-picture-form');

  await trend.selectOption({ label: 'Minskar' });
  await safety.selectOption({ label: '4 – tryggt' });
  await publish.click();
  await page.getByRole('heading', { name: 'Andersberg – vecka 48', level: 1 }).waitFor();
  const row = await page.getByRole('row', { name: /Andersbergs centrum/ }).innerText();
  assert.match(row, /Skadegörelse\s+Minskar\s+4/);
});
