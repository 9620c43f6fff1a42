// Saving keeps the page where the user is (issue 13), in a real browser against a real server on
// a fresh database with the demo data, at a laptop's size and a phone's: the secretariat
// scrolls far down a long tab of a meeting, saves a form there, and the page does not move, the
// focus stays on the button that saved, and what came of it is said in sight, by the button.
import assert from 'node:assert/strict';

import { base, gql, journey, signedIn, startServer, token } from './support.mjs';

startServer('saving');

const GBG = 'Göteborgs Stads trygghetsråd';

let days = 30;
/** A scheduled meeting of its own, a new day each, with `actions` already assigned to the police. */
async function meeting(title, actions = 0) {
  const as = await token('sekretariat@goteborg.example');
  const { councils } = await gql(
    '{ councils { edges { node { id name memberships { organisation { id name } } } } } }',
    {},
    as,
  );
  const council = councils.edges.map((e) => e.node).find((c) => c.name === GBG);
  const police = council.memberships.find((m) => m.organisation.name === 'Polisregion Väst').organisation.id;
  days += 1;
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const made = await gql(
    'mutation($c: ID!, $t: String!, $s: NaiveDateTime!, $e: NaiveDateTime!) { createMeeting(councilId: $c, input: { title: $t, startsAt: $s, endsAt: $e, location: "Stadshuset" }) { id version } }',
    { c: council.id, t: title, s: `${day}T13:00:00`, e: `${day}T15:00:00` },
    as,
  );
  const { id, version } = made.createMeeting;
  await gql(
    'mutation($id: ID!, $v: Int!) { scheduleMeeting(id: $id, expectedVersion: $v) { id } }',
    { id, v: version },
    as,
  );
  for (let i = 1; i <= actions; i += 1) {
    await gql(
      'mutation($input: CreateActionInput!) { createAction(input: $input) { id } }',
      { input: { meetingId: id, organisationId: police, title: `Uppföljning ${i} från mötet`, dueOn: day } },
      as,
    );
  }
  return { id, as };
}

/** Where things are now: the scroll, the box of `said` (when shown) and of `button`, and whether it has the focus. */
async function where(page, button, said) {
  return {
    scrollY: await page.evaluate(() => window.scrollY),
    button: await button.boundingBox(),
    said: said ? await said.boundingBox() : null,
    focused: await button.evaluate((el) => el === document.activeElement),
  };
}

/**
 * The button that saved has the focus still and is where it was on the screen (the page did
 * not move under the user), and `said` is in sight just below it, at most `near` px away.
 */
function keptAndSaid(before, after, viewport, near) {
  assert.ok(before.scrollY > 150, `the page is scrolled far down (${before.scrollY} px)`);
  assert.ok(after.scrollY >= before.scrollY - 4, `the page moved up from ${before.scrollY} to ${after.scrollY} px`);
  assert.ok(
    Math.abs(after.button.y - before.button.y) <= 4,
    `the button moved on the screen from ${before.button.y} to ${after.button.y} px`,
  );
  assert.ok(after.focused, 'the focus stays on the button that saved');
  assert.ok(after.said.y >= 0 && after.said.y + after.said.height <= viewport.height, 'the result is in sight');
  const distance = after.said.y - (after.button.y + after.button.height);
  assert.ok(distance >= 0 && distance <= near, `the result is ${Math.round(distance)} px below the button`);
}

journey('saving the meeting’s details keeps the page where it is and says so by the button', async (viewport) => {
  const m = await meeting('Möte om trygga torg');
  const page = await signedIn('sekretariat@goteborg.example', viewport);
  await page.goto(`${base}/moten/${m.id}/motet`);
  await page.getByRole('button', { name: 'Ändra mötet' }).click();
  await page.getByLabel('Plats', { exact: true }).fill('Angereds bibliotek');
  const save = page.getByRole('button', { name: 'Spara ändringarna' });
  await save.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const before = await where(page, save);

  await save.click();
  const said = page.locator('main').getByText('Mötet är ändrat.');
  await said.waitFor();
  // The page has loaded the meeting again: its header says the new place.
  await page.locator('main dl').getByText('Angereds bibliotek').waitFor();
  const after = await where(page, save, said);
  keptAndSaid(before, after, viewport, 60);
  // Nothing above it changed: the page is scrolled exactly as it was.
  assert.ok(
    Math.abs(after.scrollY - before.scrollY) <= 4,
    `the page moved from ${before.scrollY} to ${after.scrollY} px`,
  );
  const saved = await gql('query($id: ID!) { meeting(id: $id) { location } }', { id: m.id }, m.as);
  assert.equal(saved.meeting.location, 'Angereds bibliotek');
});

journey('assigning an action below a long list keeps the page where it is and says so in sight', async (viewport) => {
  const m = await meeting('Möte om uppföljning', 8);
  const page = await signedIn('sekretariat@goteborg.example', viewport);
  await page.goto(`${base}/moten/${m.id}/atgarder`);
  const section = page.getByRole('region', { name: 'Åtgärder att ta med tillbaka' });
  await section.getByRole('textbox', { name: /^Åtgärd/ }).fill('Kartlägg belysningen längs älven');
  await section.getByLabel(/^Ansvarig organisation/).selectOption({ label: 'Polisregion Väst' });
  await section.getByLabel(/^Klart senast/).fill('2027-06-01');
  const assign = section.getByRole('button', { name: 'Tilldela åtgärd' });
  await assign.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const before = await where(page, assign);

  await assign.click();
  await section.getByRole('listitem').filter({ hasText: 'Kartlägg belysningen längs älven' }).waitFor();
  const said = page.locator('#manage-status', { hasText: 'Sparat.' });
  await said.waitFor();
  // The new action is listed above the form; the page follows by as much, so the form stays put.
  keptAndSaid(before, await where(page, assign, said), viewport, 60);
  const saved = await gql('query($id: ID!) { meeting(id: $id) { actions { title } } }', { id: m.id }, m.as);
  assert.ok(saved.meeting.actions.some((a) => a.title === 'Kartlägg belysningen längs älven'));
});
