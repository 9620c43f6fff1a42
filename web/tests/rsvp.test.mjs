// A member's answer to a meeting's invitation stays in sight: the attendance tab says what
// they answered (and presses its button) after a reload and on another device, from the API's
// `myAttendance`, not only in the moment after answering.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { base, check, gql, nextMeeting, signedIn, startServer, token } from './support.mjs';

startServer('rsvp');

test('a member sees the answer they gave to a meeting, after a reload too (390 px)', async () => {
  const as = await token('polis@vast.example');
  const meeting = await nextMeeting(as);

  const page = await signedIn('polis@vast.example', { width: 390, height: 844 });
  await page.goto(`${base}/moten/${meeting.id}/narvaro`);
  await page.getByRole('heading', { name: 'Kommer du?' }).waitFor();
  const buttons = ['Jag kommer', 'Jag har förhinder', 'Jag skickar en ersättare'].map((name) =>
    page.getByRole('button', { name, exact: true }),
  );
  assert.equal(await page.locator('#rsvp-current').count(), 0, 'no answer yet');
  for (const button of buttons) assert.equal(await button.getAttribute('aria-pressed'), 'false');

  await page.getByLabel('Ersättarens namn').fill('Per Persson');
  await buttons[2].click();
  await page.locator('#rsvp-status', { hasText: 'Ditt svar är sparat' }).waitFor();
  await page.reload();
  await page.locator('#rsvp-current', { hasText: 'Ditt svar: Jag skickar en ersättare (Per Persson).' }).waitFor();
  assert.equal(await buttons[2].getAttribute('aria-pressed'), 'true');
  assert.equal(await buttons[0].getAttribute('aria-pressed'), 'false');
  assert.equal(await page.getByLabel('Ersättarens namn').inputValue(), 'Per Persson');
  await check(page, 'rsvp-answered');

  // Changed on this device, it says so at once; the API has the same.
  await buttons[0].click();
  await page.locator('#rsvp-current', { hasText: 'Ditt svar: Jag kommer.' }).waitFor();
  assert.equal(await buttons[0].getAttribute('aria-pressed'), 'true');
  const saved = await gql('query($id: ID!) { meeting(id: $id) { myAttendance { response } } }', { id: meeting.id }, as);
  assert.equal(saved.meeting.myAttendance.response, 'ATTENDING');
  await page.context().close();
});
