// The meeting and council pages' tools in a real browser (Debian's Chromium driven by
// playwright-core) against a real server on a fresh database with the demo data: the
// secretariat changes meetings, agendas and inputs, members propose, submit, withdraw and
// comment. Each journey makes its own meeting; every new page state is checked with axe-core
// for WCAG 2.1 A/AA violations and photographed into test-results/.
import assert from 'node:assert/strict';

import {
  base,
  check,
  DESKTOP,
  gql,
  journey,
  newPage,
  openTab,
  signedIn,
  signIn,
  startServer,
  token,
} from './support.mjs';

startServer('meeting');

let days = 40;
/** A scheduled meeting of Göteborg's council of its own, `offset` days from today (a new day each). */
async function meetingWith(title, { items = [], offset } = {}) {
  const secretariat = await token('sekretariat@goteborg.example');
  const councils = await gql('{ councils { edges { node { id name } } } }', {}, secretariat);
  const council = councils.councils.edges.map((e) => e.node).find((c) => c.name === 'Göteborgs Stads trygghetsråd');
  days += 1;
  const day = new Date(Date.now() + (offset ?? days) * 86_400_000).toISOString().slice(0, 10);
  const created = await gql(
    'mutation($c: ID!, $s: NaiveDateTime!, $e: NaiveDateTime!, $t: String!) { createMeeting(councilId: $c, input: { title: $t, startsAt: $s, endsAt: $e, location: "Stadshuset" }) { id version } }',
    { c: council.id, s: `${day}T13:00:00`, e: `${day}T15:00:00`, t: title },
    secretariat,
  );
  const id = created.createMeeting.id;
  let version = created.createMeeting.version;
  for (const [t, minutes] of items) {
    await gql(
      'mutation($m: ID!, $v: Int!, $t: String!, $n: Int!) { addAgendaItem(meetingId: $m, expectedVersion: $v, input: { title: $t, minutesAllotted: $n }) { id } }',
      { m: id, v: version, t, n: minutes },
      secretariat,
    );
    version += 1;
  }
  const scheduled = await gql(
    'mutation($id: ID!, $v: Int!) { scheduleMeeting(id: $id, expectedVersion: $v) { version } }',
    { id, v: version },
    secretariat,
  );
  return { id, version: scheduled.scheduleMeeting.version, secretariat, council: council.id };
}

async function giveInput(member, meeting, title, submit = true) {
  const data = await gql(
    'mutation($m: ID!, $t: String!, $s: Boolean!) { createInput(input: { meetingId: $m, submit: $s, content: { title: $t, body: "Vi har sett detta i flera stadsdelar.", gatheredBy: ORGANISATION_VIEW } }) { id } }',
    { m: meeting, t: title, s: submit },
    member,
  );
  return data.createInput.id;
}

const agendaText = (page) => page.getByRole('region', { name: 'Dagordning', exact: true }).locator('ol').innerText();

journey('the secretariat edits a meeting and its agenda, and decides the members’ proposals', async (viewport) => {
  const m = await meetingWith('Möte om trygga skolvägar', {
    items: [
      ['Skolvägar i Angered', 20],
      ['Belysning vid skolor', 15],
      ['Övriga frågor', 10],
    ],
  });
  const police = await token('polis@vast.example');
  for (const title of ['Polisens skolbesök', 'Trafiksäkerhet vid skolstart']) {
    await gql(
      'mutation($m: ID!, $t: String!) { proposeAgendaItem(input: { meetingId: $m, title: $t, minutesAllotted: 10 }) { id } }',
      { m: m.id, t: title },
      police,
    );
  }
  const page = await signedIn('sekretariat@goteborg.example', viewport);
  await page.goto(`${base}/moten/${m.id}`);
  await page.getByRole('heading', { name: 'Möte om trygga skolvägar', level: 1 }).waitFor();
  await check(page, 'tools-meeting-secretariat');

  // The meeting: an end before the start is refused on that field, and what was typed stays.
  await openTab(page, 'Mötet');
  await page.getByRole('button', { name: 'Ändra mötet' }).click();
  await page.getByLabel('Mötets namn').fill('Möte om trygga skolvägar och parker');
  const ends = page.getByLabel('Slutar');
  const day = (await page.getByLabel('Börjar').inputValue()).slice(0, 10);
  await ends.fill(`${day}T12:00`);
  await page.getByRole('button', { name: 'Spara ändringarna' }).click();
  await page.locator('main').getByText('Kontrollera det här fältet.').waitFor();
  assert.equal(await ends.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Mötets namn').inputValue(), 'Möte om trygga skolvägar och parker');
  await check(page, 'tools-meeting-field-error');
  await ends.fill(`${day}T16:00`);
  await page.getByRole('button', { name: 'Spara ändringarna' }).click();
  await page.locator('main').getByText('Mötet är ändrat.').waitFor();
  await page.getByRole('heading', { name: 'Möte om trygga skolvägar och parker', level: 1 }).waitFor();

  // The agenda: move an item up, change one, remove one (after a question).
  await openTab(page, 'Dagordning');
  await page.getByRole('button', { name: 'Flytta upp Belysning vid skolor' }).click();
  await page.locator('main').getByText('Belysning vid skolor är nu punkt 1.').waitFor();
  assert.match(await agendaText(page), /Belysning vid skolor[\s\S]*Skolvägar i Angered[\s\S]*Övriga frågor/);
  await page.getByRole('button', { name: 'Flytta ner Skolvägar i Angered' }).click();
  await page.locator('main').getByText('Skolvägar i Angered är nu punkt 3.').waitFor();
  assert.match(await agendaText(page), /Belysning vid skolor[\s\S]*Övriga frågor[\s\S]*Skolvägar i Angered/);
  await page.getByRole('button', { name: 'Ändra punkten Övriga frågor' }).click();
  await page.getByLabel('Punktens namn').fill('Frågor från ledamöterna');
  await page.getByLabel('Tid (min)').fill('25');
  await page.getByRole('button', { name: 'Spara punkten' }).click();
  await page.locator('main').getByText('Punkten Frågor från ledamöterna är ändrad.').waitFor();
  assert.match(await agendaText(page), /Frågor från ledamöterna \(25 min\)/);
  await page.getByRole('button', { name: 'Ta bort Skolvägar i Angered' }).click();
  await page.getByRole('group', { name: 'Vill du ta bort punkten Skolvägar i Angered från dagordningen?' }).waitFor();
  await check(page, 'tools-agenda-confirm');
  await page.getByRole('button', { name: 'Ja, ta bort punkten' }).click();
  await page.locator('main').getByText('Punkten Skolvägar i Angered är borttagen.').waitFor();
  assert.doesNotMatch(await agendaText(page), /Skolvägar i Angered/);

  // Proposals: one accepted (last on the agenda), one declined with a reason (asked for first).
  await page.getByRole('button', { name: 'Godta förslaget Polisens skolbesök' }).click();
  await page
    .locator('main')
    .getByText('Förslaget Polisens skolbesök är godtaget och ligger sist på dagordningen.')
    .waitFor();
  assert.match(
    await agendaText(page),
    /Frågor från ledamöterna[\s\S]*Polisens skolbesök \(10 min\) – Polisregion Väst/,
  );
  await page.getByRole('button', { name: 'Avböj förslaget Trafiksäkerhet vid skolstart …' }).click();
  await page.getByRole('button', { name: 'Avböj förslaget', exact: true }).click();
  await page.getByRole('button', { name: 'Ja, avböj förslaget' }).click();
  const reason = page.getByLabel('Motivering till att avböja Trafiksäkerhet vid skolstart');
  await page.locator('main').getByText('Kontrollera det här fältet.').waitFor();
  assert.equal(await reason.getAttribute('aria-invalid'), 'true');
  await reason.fill('Tas upp på höstens möte om trafik.');
  await page.getByRole('button', { name: 'Avböj förslaget', exact: true }).click();
  await page.getByRole('button', { name: 'Ja, avböj förslaget' }).click();
  await page.locator('main').getByText('Förslaget Trafiksäkerhet vid skolstart är avböjt.').waitFor();
  await page.locator('main').getByText('Motivering: Tas upp på höstens möte om trafik.').waitFor();
  await check(page, 'tools-proposals-decided');

  // Saved again with a new place.
  await openTab(page, 'Mötet');
  await page.getByRole('button', { name: 'Ändra mötet' }).click();
  await page.getByLabel('Plats', { exact: true }).fill('Angereds bibliotek');
  await page.getByRole('button', { name: 'Spara ändringarna' }).click();
  await page.locator('main').getByText('Mötet är ändrat.').waitFor();
  await page.locator('main').getByText('Angereds bibliotek').first().waitFor();
});

journey('the secretariat acts on inputs and cancels the meeting with a reason', async (viewport) => {
  const m = await meetingWith('Möte om nattlivet', { items: [['Nattlivet i centrum', 30]] });
  const police = await token('polis@vast.example');
  const linked = await giveInput(police, m.id, 'Ordningsvakter vid Avenyn');
  const declined = await giveInput(police, m.id, 'Kameror i parken');
  const hidden = await giveInput(police, m.id, 'Uppgifter om enskild person');
  await gql(
    'mutation($ids: [ID!]!) { acknowledgeInputs(ids: $ids) { id } }',
    { ids: [linked, declined, hidden] },
    m.secretariat,
  );

  const page = await signedIn('sekretariat@goteborg.example', viewport);
  await page.goto(`${base}/moten/${m.id}`);
  await openTab(page, 'Inspel');
  const received = page.getByRole('region', { name: 'Inkomna inspel' });
  await received.getByText('Ordningsvakter vid Avenyn', { exact: true }).waitFor();

  // Linked to the agenda item, then marked discussed.
  await received.getByRole('button', { name: 'Hantera inspelet Ordningsvakter vid Avenyn' }).click();
  await check(page, 'tools-input-open');
  await page
    .getByLabel('Dagordningspunkt för Ordningsvakter vid Avenyn')
    .selectOption({ label: 'Nattlivet i centrum' });
  await page.getByRole('button', { name: 'Lägg på punkten' }).click();
  await page.locator('main').getByText('Ordningsvakter vid Avenyn ligger nu på punkten Nattlivet i centrum.').waitFor();
  await received.getByText('På dagordningen under: Nattlivet i centrum').waitFor();
  // Declined: without a reason the field says so, then with one.
  await received.getByRole('button', { name: 'Hantera inspelet Kameror i parken' }).click();
  const cameras = page.getByRole('group', { name: 'Hantera inspelet Kameror i parken' });
  await cameras.getByRole('button', { name: 'Avböj inspelet' }).click();
  await cameras.getByRole('button', { name: 'Ja, avböj inspelet' }).click();
  await page.locator('main').getByText('Kontrollera det här fältet.').waitFor();
  const declineReason = received
    .getByRole('listitem')
    .filter({ hasText: 'Kameror i parken' })
    .getByLabel('Motivering till den som lämnat inspelet');
  await declineReason.fill('Kameraövervakning beslutas av Länsstyrelsen.');
  await cameras.getByRole('button', { name: 'Avböj inspelet' }).click();
  await cameras.getByRole('button', { name: 'Ja, avböj inspelet' }).click();
  await received.getByText('Avböjt: Kameraövervakning beslutas av Länsstyrelsen.').waitFor();

  // Hidden, then redacted, each with a reason and a question first.
  await received.getByRole('button', { name: 'Hantera inspelet Uppgifter om enskild person' }).click();
  const person = page.getByRole('group', { name: 'Hantera inspelet Uppgifter om enskild person' });
  await person.getByLabel('Skäl att dölja').fill('Innehåller personuppgifter.');
  await person.getByRole('button', { name: 'Dölj inspelet' }).click();
  await person.getByRole('button', { name: 'Ja, dölj inspelet' }).click();
  await page.locator('main').getByText('Uppgifter om enskild person är dolt för övriga ledamöter.').waitFor();
  await person.getByLabel('Text som övriga ledamöter ska se').fill('[Uppgifter om enskild person borttagna]');
  await person.getByLabel('Skäl att maskera').fill('Personuppgifter enligt OSL.');
  await person.getByRole('button', { name: 'Maskera texten' }).click();
  await person.getByRole('button', { name: 'Ja, maskera texten' }).click();
  await page
    .locator('main')
    .getByText('Övriga ledamöter ser nu den maskerade texten i Uppgifter om enskild person.')
    .waitFor();
  await received.getByText('Övriga ledamöter ser en maskerad text.').waitFor();
  await check(page, 'tools-inputs-acted');

  // Cancelled with a reason, after a question.
  await openTab(page, 'Mötet');
  await page.getByRole('button', { name: 'Ställ in mötet …' }).click();
  await page.getByLabel('Varför ställs mötet in?').fill('Lokalen är inte tillgänglig.');
  await page.getByRole('button', { name: 'Ställ in mötet', exact: true }).click();
  await check(page, 'tools-cancel-confirm');
  await page.getByRole('button', { name: 'Ja, ställ in mötet' }).click();
  await page.locator('main').getByText('Mötet är inställt. Ledamöterna får veta det.').waitFor();
  await page.locator('main').getByText('Mötet är inställt. Orsak: Lokalen är inte tillgänglig.').waitFor();
  await check(page, 'tools-cancelled');
});

journey('a member proposes an item, submits a draft and withdraws an input, without the tools', async (viewport) => {
  const m = await meetingWith('Möte om trygghet i kollektivtrafiken', { items: [['Läget i kollektivtrafiken', 20]] });
  const police = await token('polis@vast.example');
  await giveInput(police, m.id, 'Spårvagnshållplatser på natten', false);
  const page = await signedIn('polis@vast.example', viewport);
  await page.goto(`${base}/moten/${m.id}`);
  await page.getByRole('heading', { name: 'Möte om trygghet i kollektivtrafiken', level: 1 }).waitFor();
  const main = await page.locator('main').innerText();
  for (const tool of ['Sekretariatet', 'Ändra mötet', 'Ställ in mötet', 'Flytta upp', 'Ta bort', 'Hantera inspelet']) {
    assert.ok(!main.includes(tool), `a member sees "${tool}"`);
  }
  await check(page, 'tools-member');

  // A proposal: refused on its field when too long a slot, the text kept, then sent.
  await page.getByRole('button', { name: 'Föreslå en punkt på dagordningen' }).click();
  await page.getByLabel('Punkt att föreslå').fill('Trygghetsvärdar på spårvagnen');
  await page.getByLabel('Tid i min (valfritt)').fill('900');
  await page.getByRole('button', { name: 'Skicka förslaget' }).click();
  await page.locator('main').getByText('Kontrollera det här fältet.').waitFor();
  assert.equal(await page.getByLabel('Tid i min (valfritt)').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Punkt att föreslå').inputValue(), 'Trygghetsvärdar på spårvagnen');
  await check(page, 'tools-propose-error');
  await page.getByLabel('Tid i min (valfritt)').fill('15');
  await page.getByRole('button', { name: 'Skicka förslaget' }).click();
  await page.locator('main').getByText('Ert förslag är skickat till sekretariatet.').waitFor();
  const proposals = page.getByRole('list', { name: 'Våra förslag till dagordningen' });
  await proposals.getByText(/Trygghetsvärdar på spårvagnen/).waitFor();
  assert.match(await proposals.innerText(), /Föreslagen/);

  // The saved draft is submitted; another input is withdrawn after a question.
  await openTab(page, 'Inspel');
  const ours = page.getByRole('region', { name: 'Våra inspel till mötet' });
  await ours.getByRole('button', { name: 'Skicka in utkastet Spårvagnshållplatser på natten' }).click();
  await page.locator('main').getByText('Spårvagnshållplatser på natten är inskickat.').waitFor();
  // The outcome is said as the list reloads: wait for the list, not only the word.
  await ours.getByText(/Spårvagnshållplatser på natten – Inskickat/).waitFor();
  await page.getByRole('button', { name: 'Dra tillbaka Spårvagnshållplatser på natten' }).click();
  await page.getByRole('button', { name: 'Ja, dra tillbaka' }).click();
  await page.locator('main').getByText('Spårvagnshållplatser på natten är tillbakadraget.').waitFor();
  await ours.getByText(/Spårvagnshållplatser på natten – Tillbakadraget/).waitFor();

  // A draft saved from the form shows up in the list to be submitted.
  await page.getByLabel('Rubrik').fill('Busslinje 16 på kvällen');
  await page.getByLabel('Ditt inspel').fill('Förarna vill ha stöd sena kvällar.');
  await page.getByRole('button', { name: 'Spara som utkast' }).click();
  await page.locator('main').getByText('Utkastet är sparat. Skicka in det från listan nedan.').waitFor();
  await ours.getByText(/Busslinje 16 på kvällen – Utkast/).waitFor();
  await check(page, 'tools-member-after');
});

journey('the secretariat marks a held meeting’s input discussed; a member comments on minutes', async (viewport) => {
  const m = await meetingWith('Möte i förra veckan', { offset: -3 });
  const police = await token('polis@vast.example');
  const input = await giveInput(police, m.id, 'Larm från fritidsgården');
  await gql('mutation($ids: [ID!]!) { acknowledgeInputs(ids: $ids) { id } }', { ids: [input] }, m.secretariat);
  await gql(
    'mutation($id: ID!, $v: Int!) { markMeetingHeld(id: $id, expectedVersion: $v) { id } }',
    { id: m.id, v: m.version },
    m.secretariat,
  );
  await gql(
    'mutation($m: ID!) { saveMinutes(meetingId: $m, body: "§ 1 Mötet öppnades.") { version } }',
    { m: m.id },
    m.secretariat,
  );
  const page = await signedIn('polis@vast.example', viewport);
  await page.goto(`${base}/moten/${m.id}`);
  await openTab(page, 'Protokoll');
  await page.getByRole('heading', { name: 'Protokoll (utkast)' }).waitFor();
  await page.locator('main').getByText('§ 1 Mötet öppnades.').waitFor();
  await page.getByLabel('Din kommentar till protokollet').fill('Polisen deltog med två representanter.');
  await page.getByRole('button', { name: 'Skicka kommentaren' }).click();
  await page.locator('main').getByText('Din kommentar är skickad.').waitFor();
  await page
    .getByText(/Polisen deltog med två representanter\./)
    .first()
    .waitFor();
  assert.equal(await page.getByLabel('Din kommentar till protokollet').inputValue(), '');
  await check(page, 'tools-minutes-comment');
});

journey('the secretariat creates a meeting and a theme on the council page; a member cannot', async (viewport) => {
  // Each run adds its own theme and meeting, soon enough to be on the list's first page.
  const [theme, meeting] =
    viewport === DESKTOP
      ? ['Trygghet i skolan', 'Extra möte om skolan']
      : ['Trygghet i idrotten', 'Extra möte om idrotten'];
  const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const page = await signedIn('sekretariat@goteborg.example', viewport);
  await page.getByRole('link', { name: 'Göteborgs Stads trygghetsråd' }).click();
  await page.getByRole('heading', { name: 'Göteborgs Stads trygghetsråd', level: 1 }).waitFor();
  await page
    .getByRole('navigation', { name: 'Rådets flikar' })
    .getByRole('link', { name: 'Möten', exact: true })
    .click();
  await page.getByRole('button', { name: 'Nytt tema' }).click();
  await page.getByLabel('Temats namn').fill(theme);
  await page.getByRole('button', { name: 'Lägg till temat' }).click();
  await page.locator('main').getByText(`Temat ${theme} är tillagt.`).waitFor();
  await page.getByRole('button', { name: 'Nytt möte' }).click();
  await page.getByLabel('Mötets namn').fill(meeting);
  await page.getByLabel('Börjar').fill(`${day}T13:00`);
  await page.getByLabel('Slutar').fill(`${day}T12:00`);
  await page.getByLabel('Tema', { exact: true }).selectOption({ label: theme });
  await page.getByRole('button', { name: 'Skapa utkast till möte' }).click();
  await page.locator('main').getByText('Kontrollera det här fältet.').waitFor();
  assert.equal(await page.getByLabel('Slutar').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Mötets namn').inputValue(), meeting);
  await check(page, 'tools-council-error');
  await page.getByLabel('Slutar').fill(`${day}T15:00`);
  await page.getByRole('button', { name: 'Skapa utkast till möte' }).click();
  await page
    .locator('main')
    .getByText(`Utkastet ${meeting} är skapat. Publicera det i listan när det är klart.`)
    .waitFor();
  await page.getByRole('link', { name: meeting }).waitFor();
  await check(page, 'tools-council');

  const member = await signedIn('polis@vast.example', viewport);
  await member.getByRole('link', { name: 'Göteborgs Stads trygghetsråd' }).click();
  await member.getByRole('heading', { name: 'Göteborgs Stads trygghetsråd', level: 1 }).waitFor();
  await member
    .getByRole('navigation', { name: 'Rådets flikar' })
    .getByRole('link', { name: 'Möten', exact: true })
    .click();
  await member.getByRole('heading', { name: 'Möten', exact: true }).waitFor();
  const text = await member.locator('main').innerText();
  assert.ok(!text.includes('Nytt möte') && !text.includes('Sekretariatets verktyg'));
});

journey('the secretariat sees the invitation links it gave out and revokes one', async (viewport) => {
  const m = await meetingWith('Möte om unga i centrum');
  const page = await newPage(viewport);
  await signIn(page, 'sekretariat@goteborg.example');
  await page.goto(`${base}/moten/${m.id}`);
  await openTab(page, 'Närvaro');
  const given = page.getByRole('region', { name: 'Utdelade inbjudningslänkar' });
  await given.getByText('Inga länkar har delats ut till det här mötet.').waitFor();
  await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Ungdomsfullmäktige i Göteborg' });
  await page.getByRole('button', { name: 'Skapa inbjudningslänk' }).click();
  const link = await page.getByLabel('Länk att skicka till Ungdomsfullmäktige i Göteborg').inputValue();
  await given.getByText(/Ungdomsfullmäktige i Göteborg – gäller till/).waitFor();
  await check(page, 'meeting-invitations');
  await given.getByRole('button', { name: 'Återkalla länken till Ungdomsfullmäktige i Göteborg' }).click();
  await given.getByRole('button', { name: 'Ja, återkalla länken' }).click();
  await given.getByText('Ungdomsfullmäktige i Göteborg – återkallad').waitFor();
  await page
    .locator('#announcer')
    .filter({ hasText: 'Länken till Ungdomsfullmäktige i Göteborg är återkallad.' })
    .waitFor();
  assert.equal(await given.getByRole('button', { name: /Återkalla/ }).count(), 0);
  // The revoked link no longer opens the form.
  const holder = await newPage(viewport);
  await holder.goto(link);
  await holder.getByRole('alert').waitFor();
  assert.equal(await holder.getByRole('button', { name: 'Skicka inspel' }).count(), 0);
});

journey('a member attaches a file to its input; a file the server would refuse is named first', async (viewport) => {
  const m = await meetingWith('Möte om belysning');
  const member = await token('polis@vast.example');
  await giveInput(member, m.id, 'Mörka gångvägar vid skolan');
  const page = await newPage(viewport);
  await signIn(page, 'polis@vast.example');
  await page.goto(`${base}/moten/${m.id}`);
  await openTab(page, 'Inspel');
  const field = page.getByLabel('Bifoga en fil till Mörka gångvägar vid skolan');
  await field.setInputFiles({ name: 'karta.zip', mimeType: 'application/zip', buffer: Buffer.from('PK') });
  await page.getByText('Filen måste vara PDF, PNG, JPEG eller text.').waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  await check(page, 'meeting-attachment-refused');
  await field.setInputFiles({
    name: 'platser.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Gångvägen mellan skolan och hållplatsen saknar belysning.'),
  });
  const files = page.getByRole('list', { name: 'Bifogade filer till Mörka gångvägar vid skolan' });
  const download = files.getByRole('link', { name: 'platser.txt' });
  await download.waitFor();
  await page.locator('#announcer').filter({ hasText: 'Filen platser.txt är bifogad.' }).waitFor();
  const response = await page.request.get(new URL(await download.getAttribute('href'), base).toString());
  assert.equal(response.status(), 200);
  assert.match(await response.text(), /saknar belysning/);
  await check(page, 'meeting-attachment');
});
