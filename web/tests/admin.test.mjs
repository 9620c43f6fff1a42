// The administration's journeys in a real browser (Debian's Chromium driven by playwright-core)
// against its own server on a fresh database with the demo data: the platform admin, a
// council's secretariat, and a member who may not administer. Every page state is checked
// with axe-core for WCAG 2.1 A/AA violations and photographed into test-results/admin-*.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  base,
  browser,
  check,
  DESKTOP,
  gql,
  header,
  journey,
  newPage,
  signIn,
  startServer,
  token,
} from './support.mjs';

startServer('admin');

const main = (page) => page.getByRole('main');

/** The field's error is shown beside it and tied to it, and what was typed is still there. */
async function assertFieldError(field, message, typed) {
  await assert.doesNotReject(field.page().getByText(message).first().waitFor());
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  const error = field.page().locator(`[id="${describedBy.split(' ').at(-1)}"]`);
  assert.equal((await error.innerText()).trim(), message);
  if (typed !== undefined) assert.equal(await field.inputValue(), typed);
}

journey('the platform admin adds an organisation, a user and a council, and seats the user', async (viewport) => {
  // Each run adds its own organisation, person and council.
  const [area, person, mailbox] =
    viewport === DESKTOP ? ['Hisingen', 'Lina Svensson', 'lina.svensson'] : ['Angered', 'Noor Haddad', 'noor.haddad'];
  const town = area.toLowerCase();
  const page = await newPage(viewport);
  await signIn(page, 'admin@samrad.example');
  await (await header(page)).getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
  await check(page, 'admin-start');

  // The directory, a page at a time.
  await main(page).getByRole('link', { name: 'Organisationer' }).last().click();
  await page.getByRole('heading', { name: 'Organisationer', level: 1 }).waitFor();
  const rows = main(page).getByRole('list', { name: 'Organisationer' }).getByRole('listitem');
  assert.equal(await rows.count(), 20);
  await check(page, 'admin-organisations');
  await page.getByRole('button', { name: 'Visa fler' }).click();
  await page.getByText(/\d+ till visas\./).waitFor();
  assert.ok((await rows.count()) > 20);
  assert.equal(await page.getByRole('button', { name: 'Visa fler' }).count(), 0);
  await check(page, 'admin-organisations-more');

  // A new organisation: an over-long name is refused beside the field and kept.
  await page.getByRole('link', { name: 'Ny organisation' }).click();
  await page.getByRole('heading', { name: 'Ny organisation', level: 1 }).waitFor();
  await check(page, 'admin-organisation-new');
  const longName = `Trygghetsföreningen ${area} `.repeat(8);
  await page.getByRole('textbox', { name: /^Namn/ }).fill(longName);
  await page.getByRole('button', { name: 'Lägg till organisationen' }).click();
  // Nothing chosen for the kind: said beside it before anything is sent.
  await assertFieldError(page.getByRole('combobox', { name: /^Typ av organisation/ }), 'Välj ett alternativ i listan.');
  await page.getByRole('combobox', { name: /^Typ av organisation/ }).selectOption({ label: 'Civilsamhälle' });
  await page.getByRole('button', { name: 'Lägg till organisationen' }).click();
  await assertFieldError(page.getByRole('textbox', { name: /^Namn/ }), 'Högst 200 tecken.', longName);
  await check(page, 'admin-organisation-error');
  await page.getByRole('textbox', { name: /^Namn/ }).fill(`Trygghetsföreningen ${area}`);
  await page.getByRole('button', { name: 'Lägg till organisationen' }).click();
  await page.getByRole('heading', { name: `Trygghetsföreningen ${area}`, level: 1 }).waitFor();
  assert.match(page.url(), /\/admin\/organisationer\/[0-9a-f-]+$/);
  assert.equal(await page.getByRole('combobox', { name: /^Typ av organisation/ }).inputValue(), 'CIVIL_SOCIETY');
  await check(page, 'admin-organisation');

  // A new user: a bad e-mail address is refused beside the field, and nothing typed is lost.
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Användare' }).click();
  await page.getByRole('heading', { name: 'Användare', level: 1 }).waitFor();
  await main(page).getByRole('table').getByRole('link', { name: 'Elin Berg' }).waitFor();
  await check(page, 'admin-users');
  await page.getByRole('link', { name: 'Ny användare' }).click();
  await page.getByRole('heading', { name: 'Ny användare', level: 1 }).waitFor();
  await page.getByRole('textbox', { name: /^E-postadress/ }).fill(`${mailbox}-at-${town}`);
  await page.getByRole('textbox', { name: /^Namn/ }).fill(`${person}`);
  await page.getByLabel(/^Första lösenord/).fill(`${town}-trygg-2026`);
  await page.getByRole('button', { name: 'Skapa användaren' }).click();
  await assertFieldError(
    page.getByRole('textbox', { name: /^E-postadress/ }),
    'Ange en giltig e-postadress, till exempel namn@kommun.se.',
    `${mailbox}-at-${town}`,
  );
  assert.equal(await page.getByRole('textbox', { name: /^Namn/ }).inputValue(), `${person}`);
  assert.equal(await page.getByLabel(/^Första lösenord/).inputValue(), `${town}-trygg-2026`);
  await check(page, 'admin-user-new-error');
  await page.getByRole('textbox', { name: /^E-postadress/ }).fill(`${mailbox}@${town}.example`);
  await page.getByRole('button', { name: 'Skapa användaren' }).click();
  await page.getByRole('heading', { name: `${person}`, level: 1 }).waitFor();
  await page.locator('#announcer').getByText(`Användaren ${person} är skapad.`).waitFor();
  await page.getByText('Personen är inte knuten till någon organisation ännu.').waitFor();
  await check(page, 'admin-user');

  // Affiliated with the new organisation.
  await page.getByRole('combobox', { name: /^Organisation/ }).selectOption({ label: `Trygghetsföreningen ${area}` });
  await page.getByRole('textbox', { name: /^Titel/ }).fill('Samordnare');
  await page.getByRole('button', { name: 'Koppla till organisationen' }).click();
  await page.getByText(`Personen är nu knuten till Trygghetsföreningen ${area}.`).waitFor();
  const affiliations = page.getByRole('region', { name: 'Organisationer' });
  await affiliations.getByText(`Trygghetsföreningen ${area} – Samordnare`).waitFor();

  // Edited: an empty name is refused and the field says so; then a new name is saved.
  await page.getByRole('textbox', { name: /^Namn/ }).fill('   ');
  await page.getByRole('button', { name: 'Spara ändringarna' }).click();
  await assertFieldError(page.getByRole('textbox', { name: /^Namn/ }), 'Fyll i fältet.', '   ');
  await check(page, 'admin-user-edit-error');
  await page.getByRole('textbox', { name: /^Namn/ }).fill(`${person} Berg`);
  await page.getByRole('button', { name: 'Spara ändringarna' }).click();
  await page.getByText('Ändringarna är sparade.').waitFor();
  await page.getByRole('heading', { name: `${person} Berg`, level: 1 }).waitFor();

  // Disabled, after a question that says what it means.
  await page.getByRole('button', { name: 'Inaktivera kontot' }).click();
  const question = page.getByRole('group', { name: new RegExp(`Inaktivera kontot för ${person} Berg\\?`) });
  await question.waitFor();
  assert.match(await question.innerText(), /loggas ut direkt på alla enheter/);
  await check(page, 'admin-user-disable');
  await question.getByRole('button', { name: 'Ja, inaktivera och logga ut' }).click();
  await page.getByText('Kontot är inaktiverat och personen är utloggad överallt.').waitFor();
  await page.getByRole('button', { name: 'Aktivera kontot igen' }).waitFor();
  assert.match(await main(page).locator('dl').innerText(), /Inaktiverat/);
  // Signing in with it is refused.
  const refused = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      variables: {
        e: `${mailbox}@${town}.example`,
        p: `${town}-trygg-2026`,
      },
    }),
  }).then((r) => r.json());
  assert.equal(refused.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');

  // A council with a host: a cadence out of range is refused beside its field.
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Råd och nätverk' }).click();
  await page.getByRole('heading', { name: 'Råd och nätverk', level: 1 }).waitFor();
  await main(page).getByRole('link', { name: 'Göteborgs Stads trygghetsråd' }).waitFor();
  await check(page, 'admin-councils');
  await page.getByRole('link', { name: 'Nytt råd eller nätverk' }).click();
  await page.getByRole('heading', { name: 'Nytt råd eller nätverk', level: 1 }).waitFor();
  await page.getByRole('textbox', { name: /^Namn/ }).fill(`Trygghetsrådet ${area}`);
  await page.getByRole('combobox', { name: /^Typ av råd/ }).selectOption({ label: 'Trygghetsråd' });
  await page.getByRole('textbox', { name: /^Möten per år/ }).fill('60');
  await page.getByRole('combobox', { name: /^Värdorganisation/ }).selectOption({ label: 'Göteborgs Stad' });
  await page.getByRole('textbox', { name: /^Beskrivning/ }).fill(`Samverkan för ett tryggare ${area}.`);
  await page.getByRole('button', { name: 'Skapa rådet' }).click();
  await assertFieldError(page.getByRole('textbox', { name: /^Möten per år/ }), 'Ange ett heltal från 1 till 52.', '60');
  assert.equal(await page.getByRole('textbox', { name: /^Namn/ }).inputValue(), `Trygghetsrådet ${area}`);
  await check(page, 'admin-council-new-error');
  await page.getByRole('textbox', { name: /^Möten per år/ }).fill('4');
  await page.getByRole('button', { name: 'Skapa rådet' }).click();
  await page.getByRole('heading', { name: `Inställningar: Trygghetsrådet ${area}`, level: 1 }).waitFor();
  const members = page.getByRole('list', { name: 'Nuvarande medlemmar' });
  await members.getByText('Göteborgs Stad').waitFor();
  assert.match(await members.innerText(), /Värd/);
  await check(page, 'admin-council-settings');

  // A member organisation.
  await page.getByRole('combobox', { name: /^Organisation/ }).selectOption({ label: `Trygghetsföreningen ${area}` });
  await page.getByRole('combobox', { name: /^Roll i rådet/ }).selectOption({ label: 'Medlem' });
  await page.getByRole('button', { name: 'Lägg till medlemmen' }).click();
  await page.getByText(`Trygghetsföreningen ${area} är nu medlem i rådet.`).waitFor();
  await members.getByText(`Trygghetsföreningen ${area}`).waitFor();

  // A seat: a representative without an organisation is refused beside that field.
  await page.getByRole('combobox', { name: /^Person/ }).selectOption({ label: `${person} Berg (inaktiverat konto)` });
  await page.getByRole('combobox', { name: /^Roll \(/ }).selectOption({ label: 'ledamot' });
  await page.getByRole('button', { name: 'Ge platsen' }).click();
  await assertFieldError(
    page.getByRole('combobox', { name: /^Företräder/ }),
    'En ledamot företräder en organisation. Välj vilken.',
  );
  assert.equal(await page.getByRole('combobox', { name: /^Roll \(/ }).inputValue(), 'REPRESENTATIVE');
  await check(page, 'admin-seat-error');
  await page.getByRole('combobox', { name: /^Företräder/ }).selectOption({ label: `Trygghetsföreningen ${area}` });
  await page.getByRole('button', { name: 'Ge platsen' }).click();
  await page.getByText(`${person} Berg har nu en plats som ledamot.`).waitFor();
  const seats = page.getByRole('list', { name: 'Nuvarande platser' });
  await seats.getByText(`${person} Berg`).waitFor();

  // The seat ends, after a question.
  await page.getByRole('button', { name: `Avsluta platsen för ${person} Berg (ledamot)` }).click();
  const endSeat = page.getByRole('group', {
    name: new RegExp(`Avsluta platsen för ${person} Berg som ledamot\\?`),
  });
  await endSeat.waitFor();
  await check(page, 'admin-seat-end');
  await endSeat.getByRole('button', { name: 'Ja, avsluta platsen' }).click();
  await page.getByText(`Platsen för ${person} Berg är avslutad.`).waitFor();
  await page.getByText('Ingen har en plats i rådet.').waitFor();
  assert.match(await main(page).innerText(), new RegExp(`Tidigare platser\\s+${person} Berg`));

  // The membership ends, after a question.
  await page.getByRole('button', { name: `Avsluta medlemskapet för Trygghetsföreningen ${area}` }).click();
  const endMembership = page.getByRole('group', {
    name: new RegExp(`Avsluta medlemskapet för Trygghetsföreningen ${area}\\?`),
  });
  await endMembership.getByRole('button', { name: 'Ja, avsluta medlemskapet' }).click();
  await page.getByText(`Medlemskapet för Trygghetsföreningen ${area} är avslutat.`).waitFor();
  assert.doesNotMatch(await members.innerText(), new RegExp(`Trygghetsföreningen ${area}`));
  assert.match(await main(page).innerText(), new RegExp(`Tidigare medlemmar\\s+Trygghetsföreningen ${area}`));
  await check(page, 'admin-council-settings-after');
});

journey("a council's secretariat manages its members and seats from the council page", async (viewport) => {
  const page = await newPage(viewport);
  await signIn(page, 'sekretariat@goteborg.example');
  assert.equal(await (await header(page)).getByRole('link', { name: 'Administration' }).count(), 0);
  await main(page).getByRole('link', { name: 'Göteborgs Stads trygghetsråd' }).first().click();
  await page.getByRole('heading', { name: 'Göteborgs Stads trygghetsråd', level: 1 }).waitFor();
  await page
    .getByRole('navigation', { name: 'Rådets flikar' })
    .getByRole('link', { name: 'Inställningar', exact: true })
    .click();
  await page.getByRole('heading', { name: 'Inställningar: Göteborgs Stads trygghetsråd', level: 1 }).waitFor();
  await check(page, 'secretariat-settings');

  // A new member: an observer.
  await page.getByRole('combobox', { name: /^Organisation/ }).selectOption({ label: 'Exempelföreningen' });
  await page.getByRole('combobox', { name: /^Roll i rådet/ }).selectOption({ label: 'Observatör' });
  await page.getByRole('button', { name: 'Lägg till medlemmen' }).click();
  await page.getByText('Exempelföreningen är nu medlem i rådet.').waitFor();
  const members = page.getByRole('list', { name: 'Nuvarande medlemmar' });
  assert.match(await members.getByRole('listitem').filter({ hasText: 'Exempelföreningen' }).innerText(), /Observatör/);

  // The police representative's seat ends, and she is seated again from today.
  await page.getByRole('button', { name: 'Avsluta platsen för Karin Holm (ledamot)' }).click();
  const endSeat = page.getByRole('group', { name: /Avsluta platsen för Karin Holm som ledamot\?/ });
  // A date in the future is refused beside the date field.
  await endSeat.getByLabel('Slutdatum').fill('2099-01-01');
  await endSeat.getByRole('button', { name: 'Ja, avsluta platsen' }).click();
  await assertFieldError(endSeat.getByLabel('Slutdatum'), 'Datumet kan inte ligga i framtiden.', '2099-01-01');
  await check(page, 'secretariat-seat-end-error');
  await endSeat.getByLabel('Slutdatum').fill('');
  await endSeat.getByRole('button', { name: 'Ja, avsluta platsen' }).click();
  await page.getByText('Platsen för Karin Holm är avslutad.').waitFor();
  const seats = page.getByRole('list', { name: 'Nuvarande platser' });
  assert.doesNotMatch(await seats.innerText(), /Karin Holm/);
  await page.getByRole('combobox', { name: /^Person/ }).selectOption({ label: 'Karin Holm' });
  await page.getByRole('combobox', { name: /^Roll \(/ }).selectOption({ label: 'ledamot' });
  await page.getByRole('combobox', { name: /^Företräder/ }).selectOption({ label: 'Polisregion Väst' });
  await page.getByRole('button', { name: 'Ge platsen' }).click();
  await page.getByText('Karin Holm har nu en plats som ledamot.').waitFor();
  await seats.getByText('Karin Holm').waitFor();

  // The observer leaves again.
  await page.getByRole('button', { name: 'Avsluta medlemskapet för Exempelföreningen' }).click();
  await page
    .getByRole('group', { name: /Avsluta medlemskapet för Exempelföreningen\?/ })
    .getByRole('button', { name: 'Ja, avsluta medlemskapet' })
    .click();
  await page.getByText('Medlemskapet för Exempelföreningen är avslutat.').waitFor();
  assert.doesNotMatch(await members.innerText(), /Exempelföreningen/);
  await check(page, 'secretariat-settings-after');

  // The platform's administration is not theirs.
  await page.goto(`${base}/admin/anvandare`);
  await page.getByRole('heading', { name: 'Ingen behörighet', level: 1 }).waitFor();
  await page.getByText('Administrationen är bara för plattformsadministratörer.', { exact: false }).waitFor();
});

journey('a member sees no administration and is refused at its addresses', async (viewport) => {
  const page = await newPage(viewport);
  // The council's chair: a member of it, not its secretariat.
  await signIn(page, 'ordforande@goteborg.example');
  assert.equal(await (await header(page)).getByRole('link', { name: 'Administration' }).count(), 0);
  const councilLink = main(page).getByRole('link', { name: 'Göteborgs Stads trygghetsråd' }).first();
  const councilPath = await councilLink.getAttribute('href');
  await councilLink.click();
  await page.getByRole('heading', { name: 'Göteborgs Stads trygghetsråd', level: 1 }).waitFor();
  assert.equal(await page.getByRole('link', { name: /Inställningar för rådet/ }).count(), 0);
  assert.equal(
    await page
      .getByRole('navigation', { name: 'Rådets flikar' })
      .getByRole('link', { name: 'Inställningar', exact: true })
      .count(),
    0,
  );

  await page.goto(`${base}/admin`);
  await page.getByRole('heading', { name: 'Ingen behörighet', level: 1 }).waitFor();
  assert.match(await main(page).innerText(), /Administrationen är bara för plattformsadministratörer/);
  assert.equal(await page.title(), 'Ingen behörighet – Samråd'.replace(' – ', await titleSeparator(page)));
  await check(page, 'member-admin-refused');

  await page.goto(`${base}${councilPath}/installningar`);
  await page.getByRole('heading', { name: 'Ingen behörighet', level: 1 }).waitFor();
  assert.match(await main(page).innerText(), /Bara sekretariatet och plattformsadministratörer/);
  await check(page, 'member-council-settings-refused');
});

/** How the page title joins the page's name and Samråd's (from the i18n files). */
async function titleSeparator(page) {
  const title = await page.title();
  return title.slice('Ingen behörighet'.length, title.length - 'Samråd'.length);
}

test('the administration fits a phone: no page scrolls sideways at 390 px', async () => {
  const context = await browser.newContext({
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    viewport: { width: 390, height: 844 },
  });
  const page = await context.newPage();
  await signIn(page, 'admin@samrad.example');
  const admin = await token('admin@samrad.example');
  const data = await gql('{ councils(first: 10) { edges { node { id name } } } }', {}, admin);
  const council = data.councils.edges.map((e) => e.node).find((c) => c.name === 'Göteborgs Stads trygghetsråd');
  const pages = [
    ['/admin', 'Administration'],
    ['/admin/anvandare', 'Användare'],
    ['/admin/anvandare/ny', 'Ny användare'],
    ['/admin/organisationer', 'Organisationer'],
    ['/admin/organisationer/ny', 'Ny organisation'],
    ['/admin/rad', 'Råd och nätverk'],
    ['/admin/rad/nytt', 'Nytt råd eller nätverk'],
    [`/rad/${council.id}/installningar`, 'Inställningar: Göteborgs Stads trygghetsråd'],
  ];
  for (const [path, heading] of pages) {
    await page.goto(`${base}${path}`);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    assert.ok(scrollWidth <= innerWidth, `${path} scrolls sideways: ${scrollWidth} > ${innerWidth}`);
  }
  await check(page, 'admin-phone-council-settings');
});
