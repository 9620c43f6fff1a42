// Citizen promises (medborgarlöften, issue 14) in a real browser against its own server on a
// fresh database with the demo data. A police officer on a 390 px phone reports a citizen
// dialogue in Brynäs today: a wrong date is said beside the field with nothing lost, and the
// promise page then says the occasion counts and shows Brynäs this year at 2 of 2, met (the
// demo has it at 1 of 2, at risk); they then write their organisation's internal narrative on
// the dialogues. The secretariat drafts a promise from the council's tab, moves its follow-up,
// adds an activity and a signatory, signs it and publishes it. Every page state is checked
// with axe-core and photographed into test-results/promise-*; at 390 px nothing scrolls sideways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import {
  base,
  check,
  gql,
  journey,
  newPage,
  overflow,
  PHONE,
  results,
  signIn,
  startServer,
  token,
} from './support.mjs';

startServer('promises');

const COUNCIL = 'Medborgarlöften Gävle';
const main = (page) => page.getByRole('main');

/** Today in Sweden as YYYY-MM-DD, moved by `days`. */
function swedishDay(days = 0) {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

/** The Gävle council and its promise (with the activity that holds the citizen dialogues). */
async function gavle(as) {
  const { councils } = await gql('{ councils { edges { node { id name } } } }', {}, as);
  const council = councils.edges.map((e) => e.node).find((c) => c.name === COUNCIL);
  assert.ok(council, 'the Gävle council is in the demo data');
  const { promises } = await gql(
    'query($c: ID!) { promises(councilId: $c, first: 10) { edges { node { id title activities { id text scopes { rule areaKind } } } } } }',
    { c: council.id },
    as,
  );
  const promise = promises.edges.map((e) => e.node).find((p) => p.title.startsWith('Medborgarlöften Gävle'));
  assert.ok(promise, 'the Gävle promise is in the demo data');
  const dialogues = promise.activities.find((a) =>
    a.scopes.some((s) => s.rule === 'PER_AREA' && s.areaKind === 'DISTRICT'),
  );
  assert.ok(dialogues, 'the promise has its dialogues per district');
  return { council, promise, dialogues };
}

/** Waits for the main region to settle, then asserts that nothing sticks out to the right. */
async function noSidewaysScroll(page, name) {
  await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') !== 'true');
  const { scrollWidth, width, offenders } = await overflow(page);
  await page.screenshot({ path: join(results, `promise-phone-${name}.png`), fullPage: true });
  assert.ok(
    scrollWidth <= width && offenders.length === 0,
    `${name} at ${width} px scrolls sideways: ${scrollWidth} px; ${offenders.join(', ')}`,
  );
}

/** The text of the cell for `row` and `year` in the table named `caption`, its spaces evened out. */
async function cell(page, caption, row, year) {
  const table = main(page).getByRole('table', { name: caption });
  await table.waitFor();
  const headers = await table.getByRole('columnheader').allInnerTexts();
  const column = headers.map((h) => h.trim()).indexOf(String(year));
  assert.ok(column > 0, `the table ${caption} has a column for ${year}: ${headers.join(', ')}`);
  const text = await table
    .getByRole('row', { name: new RegExp(`^${row}\\b`) })
    .getByRole('cell')
    .nth(column - 1)
    .innerText();
  return text.replace(/\s+/g, ' ').trim();
}

/** The field's error is shown beside it and tied to it, and what was typed is still there. */
async function assertFieldError(field, message, typed) {
  await field.page().getByText(message).first().waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  const error = field.page().locator(`[id="${describedBy.split(' ').at(-1)}"]`);
  assert.equal((await error.innerText()).trim(), message);
  if (typed !== undefined) assert.equal(await field.inputValue(), typed);
}

const DIALOGUES = 'Minst 2 per stadsdel och år: gjort av krävt per år';

test('the police report a citizen dialogue in Brynäs on a phone, and this year’s Brynäs cell is met', async () => {
  const police = await token('polis@gastrikland.example');
  const { council, promise, dialogues } = await gavle(police);
  const year = Number(swedishDay().slice(0, 4));
  // What the dialogue produced, written as the police's input to the partnership's next meeting
  // (a draft: its input window has closed).
  const { council: withMeetings } = await gql(
    'query($id: ID!) { council(id: $id) { meetings(first: 20) { edges { node { id status } } } } }',
    { id: council.id },
    police,
  );
  const meeting = withMeetings.meetings.edges.map((e) => e.node).find((m) => m.status === 'SCHEDULED');
  assert.ok(meeting, 'the partnership has a scheduled meeting');
  const given = await gql(
    'mutation($m: ID!) { createInput(input: { meetingId: $m, submit: false, content: { title: "Unga på Brynäs torg vill ha fler vuxna kvällstid", body: "Från medborgardialogen på Brynäs torg.", targetGroups: [YOUTH], gatheredBy: DIALOGUE_MEETING } }) { id } }',
    { m: meeting.id },
    police,
  );
  const page = await newPage(PHONE);
  await signIn(page, 'polis@gastrikland.example');

  await page.goto(`${base}/medborgarloften/${promise.id}`);
  await main(page).getByRole('heading', { name: promise.title, level: 1 }).waitFor();
  assert.equal(await cell(page, DIALOGUES, 'Brynäs', year), '1 av 2 i risk');
  await check(page, 'promise-page-police');
  await noSidewaysScroll(page, 'promise');

  await main(page).getByRole('link', { name: 'Rapportera tillfälle' }).click();
  await main(page).getByRole('heading', { name: 'Rapportera tillfälle', level: 1 }).waitFor();
  const date = main(page).getByLabel(/^Datum/);
  assert.equal(await date.inputValue(), swedishDay(), 'the date is today unless changed');
  await check(page, 'promise-report');
  await noSidewaysScroll(page, 'report');

  // A day in the future: the API's reason beside the date, and nothing typed is lost.
  await main(page)
    .getByLabel(/^Aktivitet/)
    .selectOption({ label: dialogues.text });
  await date.fill(swedishDay(3));
  await main(page).getByLabel('Område', { exact: true }).selectOption({ label: 'Brynäs (stadsdel)' });
  await main(page)
    .getByLabel(/^Antal personer/)
    .fill('24');
  await main(page).getByRole('checkbox', { name: 'Unga', exact: true }).check();
  await main(page).getByRole('checkbox', { name: 'Gävle kommun', exact: true }).check();
  await main(page)
    .getByLabel(/^Anteckningar/)
    .fill('Dialog på Brynäs torg.');
  await main(page).getByRole('button', { name: 'Rapportera' }).click();
  await assertFieldError(date, 'Datumet kan inte ligga i framtiden.', swedishDay(3));
  assert.equal(
    await main(page)
      .getByLabel(/^Antal personer/)
      .inputValue(),
    '24',
  );
  assert.ok(await main(page).getByRole('checkbox', { name: 'Unga', exact: true }).isChecked());
  assert.equal(
    await main(page)
      .getByLabel(/^Anteckningar/)
      .inputValue(),
    'Dialog på Brynäs torg.',
  );
  await check(page, 'promise-report-error');
  await noSidewaysScroll(page, 'report-error');

  await date.fill(swedishDay());
  // The input the dialogue produced is linked to the occasion.
  await main(page)
    .getByRole('checkbox', { name: /^Unga på Brynäs torg vill ha fler vuxna kvällstid/ })
    .check();
  await main(page).getByRole('button', { name: 'Rapportera' }).click();
  await page.waitForURL((url) => url.pathname === `/medborgarloften/${promise.id}`);
  const said = main(page).getByRole('status').filter({ hasText: 'är rapporterat' });
  await said.waitFor();
  assert.match(await said.innerText(), /i Brynäs är rapporterat och räknas\./);
  assert.equal(await cell(page, DIALOGUES, 'Brynäs', year), '2 av 2 uppfyllt');
  const occasions = main(page).getByRole('list', { name: 'Rapporterade tillfällen' });
  assert.match(
    await occasions.getByRole('listitem').first().innerText(),
    /Brynäs[\s\S]*Dialog på Brynäs torg\.[\s\S]*Kopplade inspel: 1/,
  );
  const { promise: reported } = await gql(
    'query($id: ID!) { promise(id: $id) { occasions(first: 1) { edges { node { inputIds } } } } }',
    { id: promise.id },
    police,
  );
  assert.deepEqual(reported.occasions.edges[0].node.inputIds, [given.createInput.id]);
  await check(page, 'promise-reported');
  await noSidewaysScroll(page, 'reported');

  // The police write their own organisation's narrative on the dialogues, kept internal.
  const activity = main(page).getByRole('article', { name: dialogues.text });
  await activity.getByRole('button', { name: /^Skriv er berättelse/ }).click();
  await activity
    .getByRole('textbox', { name: 'Berättelse (obligatoriskt)' })
    .fill('Två dialoger i Brynäs i år, den andra på torget.');
  await activity.getByLabel(/^Nästa steg/).fill('En dialog med unga i Sätra.');
  await activity.getByRole('checkbox', { name: /^Intern/ }).check();
  await activity.getByRole('button', { name: 'Spara berättelsen' }).click();
  await main(page).getByText('Berättelsen för Lokalpolisområde Gästrikland är sparad.').waitFor();
  // The form closes and the button that opens it has the focus (not the page's body).
  await page.waitForFunction(() =>
    document.activeElement?.getAttribute('aria-controls')?.startsWith('narrative-form-'),
  );
  const narrative = activity
    .getByRole('list', { name: 'Berättelser' })
    .getByRole('listitem')
    .filter({ hasText: 'Lokalpolisområde Gästrikland' });
  assert.match(
    await narrative.innerText(),
    /\(intern\)[\s\S]*Två dialoger i Brynäs i år[\s\S]*Nästa steg: En dialog med unga i Sätra\./,
  );
  await check(page, 'promise-narrative');
  await noSidewaysScroll(page, 'narrative');
  await page.context().close();
});

journey(
  'the secretariat drafts a promise with an activity and a signatory, signs and publishes it',
  async (viewport) => {
    const secretariat = await token('analytiker@gavle.example');
    const { council } = await gavle(secretariat);
    const phone = viewport.width === PHONE.width;
    const title = `Trygghet i ytterområdena ${viewport.width}`;
    const year = Number(swedishDay().slice(0, 4));
    const page = await newPage(viewport);
    await signIn(page, 'analytiker@gavle.example');

    await page.goto(`${base}/rad/${council.id}/medborgarloften`);
    const list = main(page).getByRole('list', { name: 'Rådets medborgarlöften' });
    const demo = list.getByRole('listitem').filter({ hasText: 'Medborgarlöften Gävle' });
    await demo.waitFor();
    assert.match(await demo.innerText(), /Pågår · Läge: Efter plan/);
    await check(page, 'promise-council-tab');
    if (phone) await noSidewaysScroll(page, 'council-tab');

    // A period that ends before it starts: said beside the end, with what was typed kept.
    const form = main(page).getByRole('region', { name: 'Nytt medborgarlöfte' });
    await form.getByLabel(/^Rubrik/).fill(title);
    await form.getByLabel(/^Kommun/).selectOption({ label: 'Gävle kommun' });
    await form.getByLabel(/^Gäller från/).fill(`${year}-06-01`);
    await form.getByLabel(/^Gäller till och med/).fill(`${year}-01-01`);
    await form.getByLabel(/^Uppföljning/).fill(`${year + 1}-11-15`);
    await form.getByLabel(/^Löfte 1/).fill('Polisen och kommunen lovar att möta invånarna i varje ytterområde.');
    await form.getByRole('button', { name: 'Skapa utkast' }).click();
    await assertFieldError(
      form.getByLabel(/^Gäller till och med/),
      'Perioden ska sluta efter att den börjar.',
      `${year}-01-01`,
    );
    assert.equal(await form.getByLabel(/^Rubrik/).inputValue(), title);
    await check(page, 'promise-new-error');

    await form.getByLabel(/^Gäller till och med/).fill(`${year + 1}-12-31`);
    await form.getByRole('button', { name: 'Skapa utkast' }).click();
    await main(page)
      .getByRole('status')
      .filter({ hasText: `Utkastet ”${title}” är skapat.` })
      .waitFor();
    const draft = list.getByRole('listitem').filter({ hasText: title });
    assert.match(await draft.innerText(), /Utkast/);
    await draft.getByRole('link', { name: title }).click();

    await main(page).getByRole('heading', { name: title, level: 1 }).waitFor();
    const facts = main(page).locator('dl.facts');
    assert.match(await facts.innerText(), /Status\s+Utkast/);
    assert.match(await facts.innerText(), /Inte publicerat/);
    await check(page, 'promise-draft');
    if (phone) await noSidewaysScroll(page, 'draft');

    // The draft's follow-up moves a little later.
    const edit = main(page).getByRole('region', { name: 'Komplettera utkastet' });
    await edit.getByRole('textbox', { name: 'Uppföljning (obligatoriskt)' }).fill(`${year + 1}-11-30`);
    await edit.getByRole('button', { name: 'Spara ändringarna' }).click();
    await main(page).getByText('Utkastets rubrik och period är sparade.').first().waitFor();
    assert.match(await facts.innerText(), new RegExp(`Uppföljning\\s+30 november ${year + 1}`));

    // Signing is refused while the plan is empty.
    const tools = main(page).getByRole('region', { name: 'Sekretariatets verktyg' });
    await tools.getByRole('button', { name: 'Markera som undertecknat' }).click();
    await tools.getByRole('button', { name: 'Ja, flytta till ”Undertecknat”' }).click();
    await tools.getByText('Ett medborgarlöfte undertecknas med minst en aktivitet och en undertecknare.').waitFor();

    const drafting = main(page).getByRole('region', { name: 'Komplettera utkastet' });
    await drafting.getByLabel(/^Aktivitet/).fill('Medborgardialoger i ytterområdena.');
    await drafting.getByLabel(/^Under löftet/).selectOption({ index: 1 });
    await drafting.getByRole('checkbox', { name: 'Lokalpolisområde Gästrikland' }).check();
    await drafting.getByLabel(/^Regel/).selectOption({ label: 'Minst ett antal per område och år' });
    await drafting.getByLabel(/^Antal/).fill('2');
    await drafting.getByLabel(/^Slags område/).selectOption({ label: 'Ytterområde' });
    await drafting.getByRole('button', { name: 'Lägg till en aktivitet' }).click();
    await main(page).getByText('Aktiviteten ”Medborgardialoger i ytterområdena.” är tillagd.').first().waitFor();
    const activity = main(page).getByRole('article', { name: 'Medborgardialoger i ytterområdena.' });
    await activity.getByRole('heading', { name: 'Minst 2 per ytterområde och år' }).waitFor();

    await drafting.getByLabel(/^Namn/).fill('Patrik Stenvarv');
    await drafting.getByLabel(/^Titel/).fill('Kommunstyrelsens ordförande');
    await drafting.getByLabel(/^Organisation/).selectOption({ label: 'Gävle kommun' });
    await drafting.getByLabel(/^Undertecknade/).fill(swedishDay());
    await drafting.getByRole('button', { name: 'Lägg till en undertecknare' }).click();
    const signatories = main(page).getByRole('list', { name: 'Undertecknare' });
    await signatories.getByText('Patrik Stenvarv').waitFor();
    await check(page, 'promise-planned');
    if (phone) await noSidewaysScroll(page, 'planned');

    await tools.getByRole('button', { name: 'Markera som undertecknat' }).click();
    await tools.getByRole('button', { name: 'Ja, flytta till ”Undertecknat”' }).click();
    await tools.getByText('Medborgarlöftet har nu status ”Undertecknat”.').waitFor();
    assert.match(await facts.innerText(), /Status\s+Undertecknat/);
    assert.equal(await main(page).getByRole('region', { name: 'Komplettera utkastet' }).count(), 0);

    await tools.getByRole('button', { name: 'Publicera för medborgarna' }).click();
    await tools.getByText('Medborgarlöftet är publicerat.').waitFor();
    assert.match(await facts.innerText(), /Publicerat /);
    await main(page).getByRole('link', { name: 'Offentlig sida' }).waitFor();
    await check(page, 'promise-signed');
    if (phone) await noSidewaysScroll(page, 'signed');
    await page.context().close();
  },
);
