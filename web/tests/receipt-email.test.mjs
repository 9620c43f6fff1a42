// A youth council's receipt by e-mail (issue 13, durable receipts): on a phone, the sender of
// an input through an invitation link may give an address for the receipt link. An address
// the API refuses is marked on its field and nothing typed is lost; a good one lands on the
// receipt as before. (That the mail goes out once, with the link and nothing of the input,
// and is then forgotten, is shown by the API test
// `a_receipt_link_goes_once_to_the_address_given_and_is_then_forgotten`.)
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { base, browser, check, inviteYouth, overflow, startServer } from './support.mjs';

// E-mail set up (a port where nothing listens: the mail waits in the outbox), so the
// invitation form offers it; without SAMRAD_SMTP_URL it does not (see the other files).
startServer('receipt-email', { env: { SAMRAD_SMTP_URL: 'smtp://127.0.0.1:9' } });

const GBG = 'Göteborgs Stads trygghetsråd';

test('the receipt link can go to an e-mail address; a refused one is marked and nothing typed is lost', async () => {
  const context = await browser.newContext({
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    viewport: { width: 390, height: 844 },
  });
  const page = await context.newPage();
  await page.goto(`${base}${(await inviteYouth()).path}`);
  await page.getByRole('heading', { name: `Ge inspel till ${GBG}` }).waitFor();
  const title = 'Mörkt på gångvägen till skolan';
  const body = 'Lamporna längs gångvägen har varit trasiga sedan oktober.';
  await page.getByLabel('Rubrik').fill(title);
  await page.getByLabel('Ditt inspel', { exact: true }).fill(body);
  const email = page.getByLabel('E-post för kvittot (valfritt)');
  assert.equal(await email.getAttribute('type'), 'email');
  assert.equal(await email.getAttribute('autocomplete'), 'email');
  // The browser takes a local part of 65 characters; the API does not (RFC 5321's 64).
  const refused = `${'a'.repeat(65)}@example.se`;
  await email.fill(refused);
  await page.getByRole('button', { name: 'Skicka inspel' }).click();
  await page.getByRole('alert').filter({ hasText: 'E-postadressen ser inte ut att stämma' }).waitFor();
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  assert.match(await email.getAttribute('aria-describedby'), /form-error/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'receipt-email');
  assert.equal(await page.getByLabel('Rubrik').inputValue(), title);
  assert.equal(await page.getByLabel('Ditt inspel', { exact: true }).inputValue(), body);
  assert.equal(await email.inputValue(), refused);
  assert.match(page.url(), /\/inspel\//, 'still on the form');
  const { scrollWidth, width, offenders } = await overflow(page);
  assert.ok(scrollWidth <= width && offenders.length === 0, `sideways scroll at 390 px: ${offenders.join(', ')}`);
  await check(page, 'invitation-receipt-email-refused');

  await email.fill('ung.person@example.se');
  await page.getByRole('button', { name: 'Skicka inspel' }).click();
  await page.getByRole('heading', { name: `Ditt inspel: ${title}` }).waitFor();
  assert.match(page.url(), /\/kvitto\/[^/?]+\?skickat$/);
  await context.close();
});
