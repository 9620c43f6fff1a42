// Keyboard-only journeys (issue 13) in a real browser against a real server on a fresh database
// with the demo data, at a laptop's size and a phone's: the youth council (an advisory body)
// gives input to its council's next meeting, and a council member answers the invitation and
// gives input, with Tab, Space and Enter only (and typing in the fields). Every control the
// journey needs is reached by Tab and shows where the focus is; what was done is then asked of
// the API.
import assert from 'node:assert/strict';

import { base, check, DESKTOP, gql, journey, newPage, nextMeeting, PASSWORD, startServer, token } from './support.mjs';

startServer('keyboard');

const YOUTH = 'ungdom@goteborg.example';
const POLICE = 'polis@vast.example';

/**
 * What has the focus, and whether a person sees where it is: an outline or a shadow drawn, and
 * the element not hidden under anything else (a sticky header, say) where it is on the screen.
 */
async function focusShown(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    // The page's heading, focused when a page opens, is where Tab starts, not a stop.
    if (!el || el === document.body || el.tabIndex < 0) return { name: 'start', ok: true };
    const style = getComputedStyle(el);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    const box = el.getBoundingClientRect();
    const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(box.top + Math.min(box.height, 20) / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    const inView = box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
    const uncovered = inView && (top === el || el.contains(top) || top?.closest('label')?.htmlFor === el.id);
    const name = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40)}"`;
    return { name, ok: ring && uncovered, ring, inView, uncovered };
  });
}

/** Presses Tab until `target` has focus; every stop on the way shows its focus. */
async function tabTo(page, target, limit = 80) {
  await target.waitFor();
  for (let i = 0; i < limit; i += 1) {
    const focus = await focusShown(page);
    assert.ok(focus.ok, `the focus on ${focus.name} is not visible: ${JSON.stringify(focus)}`);
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`the keyboard did not reach ${target}`);
}

/** Signs in from the login page with the keyboard. */
async function signIn(page, email) {
  await page.goto(`${base}/login`);
  await tabTo(page, page.getByLabel('E-postadress'));
  await page.keyboard.type(email);
  await tabTo(page, page.getByLabel('Lösenord'));
  await page.keyboard.type(PASSWORD);
  await tabTo(page, page.getByRole('button', { name: 'Logga in' }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Mina råd' }).waitFor();
}

/** From the start page to the meeting, by its link in the upcoming meetings. */
async function openMeeting(page, meeting) {
  const upcoming = page.getByRole('region', { name: 'Kommande möten' });
  await tabTo(page, upcoming.getByRole('link', { name: meeting.title, exact: true }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: meeting.title }).waitFor();
}

/** Writes an input in the meeting's form and sends it with Enter on its button. */
async function giveInput(page, title, body) {
  await tabTo(page, page.getByLabel('Rubrik', { exact: true }));
  await page.keyboard.type(title);
  await tabTo(page, page.getByLabel('Ditt inspel', { exact: true }));
  await page.keyboard.type(body);
  await tabTo(page, page.getByRole('button', { name: 'Skicka inspel' }));
  await page.keyboard.press('Enter');
  await page.locator('#input-status', { hasText: 'Ert inspel är inskickat.' }).waitFor();
  await page.getByRole('region', { name: 'Våra inspel till mötet' }).getByText(title, { exact: true }).waitFor();
}

/** The organisation's input titled `title`, as the API has it. */
async function inputTitled(as, title) {
  const mine = await gql('{ myInputs(first: 100) { edges { node { title status meeting { id } } } } }', {}, as);
  return mine.myInputs.edges.map((e) => e.node).find((i) => i.title === title);
}

journey('the youth council gives input to its council’s next meeting with the keyboard only', async (viewport) => {
  const title = viewport === DESKTOP ? 'Fler fritidsledare på kvällarna' : 'Tryggare väg till simhallen';
  const as = await token(YOUTH);
  const meeting = await nextMeeting(as);
  assert.equal(await inputTitled(as, title), undefined);

  const page = await newPage(viewport);
  await signIn(page, YOUTH);
  await openMeeting(page, meeting);
  await giveInput(page, title, 'Unga i Angered vill kunna ta sig hem tryggt efter träningen.');
  await check(page, 'keyboard-youth-input');

  const input = await inputTitled(as, title);
  assert.equal(input?.status, 'SUBMITTED');
  assert.equal(input?.meeting?.id, meeting.id);
  await page.context().close();
});

journey('a council member answers the invitation and gives input with the keyboard only', async (viewport) => {
  const title = viewport === DESKTOP ? 'Polisens bild av Nordstan' : 'Polisens bild av Hammarkullen';
  const as = await token(POLICE);
  const meeting = await nextMeeting(as);
  const { me } = await gql('{ me { id } }', {}, as);
  // Coming is the answer the keyboard gives; before it, the API has another.
  await gql(
    'mutation($m: ID!) { respondToMeeting(meetingId: $m, response: APOLOGIES) { response } }',
    { m: meeting.id },
    as,
  );
  const answer = async () => {
    const data = await gql(
      'query($id: ID!) { meeting(id: $id) { attendance { user { id } response } } }',
      { id: meeting.id },
      as,
    );
    return data.meeting.attendance.find((a) => a.user?.id === me.id)?.response;
  };
  assert.equal(await answer(), 'APOLOGIES');

  const page = await newPage(viewport);
  await signIn(page, POLICE);
  await openMeeting(page, meeting);
  const tabs = page.getByRole('navigation', { name: 'Mötets delar' });
  await tabTo(page, tabs.getByRole('link', { name: 'Närvaro', exact: true }));
  await page.keyboard.press('Enter');
  await tabs.getByRole('link', { name: 'Närvaro', exact: true }).and(page.locator('[aria-current="page"]')).waitFor();
  await tabTo(page, page.getByRole('button', { name: 'Jag kommer' }));
  await page.keyboard.press('Space');
  await page.locator('#rsvp-status', { hasText: 'Ditt svar är sparat: Jag kommer.' }).waitFor();
  assert.equal(await answer(), 'ATTENDING');

  await tabTo(page, tabs.getByRole('link', { name: 'Inspel', exact: true }));
  await page.keyboard.press('Enter');
  await tabs.getByRole('link', { name: 'Inspel', exact: true }).and(page.locator('[aria-current="page"]')).waitFor();
  await giveInput(page, title, 'Anmälningarna om rån har minskat sedan i våras; vi vill berätta vad som gjorts.');
  await check(page, 'keyboard-member-input');

  const input = await inputTitled(as, title);
  assert.equal(input?.status, 'SUBMITTED');
  assert.equal(input?.meeting?.id, meeting.id);
  await page.context().close();
});
