// The situation tools' journeys in a real browser (Debian's Chromium driven by playwright-core)
// against its own server on a fresh database with the demo data: calendar feeds on the
// settings page, and places with their follow-ups under the situation pictures. Every new
// page state is checked with axe-core for WCAG 2.1 A/AA violations and photographed into
// test-results/sit-*; the new pages are opened at 390 × 844 and must not scroll sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const web = join(here, '..');
// The server binary: SAMRAD_BIN (tests/run.sh sets it from `cargo metadata`), else the
// debug build in cargo's target directory: CARGO_TARGET_DIR (a relative one taken from the
// repository's root, where tests/run.sh runs cargo) or ./target.
const root = join(web, '..');
const bin = process.env.SAMRAD_BIN || join(resolve(root, process.env.CARGO_TARGET_DIR || 'target'), 'debug', 'samrad');
const results = join(web, 'test-results');
const axeSource = readFileSync(join(web, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const PASSWORD = 'samrad-demo-2026';

let server;
let base;
let browser;

before(async () => {
  assert.ok(
    existsSync(bin),
    `build the server first (cargo build -p samrad): ${bin} is missing` +
      (process.env.SAMRAD_BIN ? ' (from SAMRAD_BIN)' : '; if cargo puts it elsewhere, set SAMRAD_BIN to its path'),
  );
  assert.ok(existsSync(join(web, 'dist', 'index.html')), 'build the web UI first (npm run build)');
  mkdirSync(results, { recursive: true });
  const data = mkdtempSync(join(tmpdir(), 'samrad-sit-'));
  const env = { ...process.env, RUST_LOG: 'info' };
  delete env.SAMRAD_DATABASE_URL;
  delete env.SAMRAD_JWT_SECRET;
  server = spawn(
    bin,
    ['serve', '--demo', '--listen', '127.0.0.1:0', '--data-dir', data, '--web-dir', join(web, 'dist')],
    {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start')), 60_000);
    let log = '';
    server.stderr.on('data', (chunk) => {
      log += chunk;
      const match = log.match(/address=(\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(`http://${match[1]}`);
      }
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}: ${log}`)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
});

async function gql(query, variables = {}, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

async function token(email) {
  const data = await gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
    e: email,
    p: PASSWORD,
  });
  return data.login.accessToken;
}

/** Runs axe-core on the page: zero WCAG 2.1 A/AA violations, and a screenshot. */
async function check(page, name) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  await page.screenshot({ path: join(results, `${name}.png`), fullPage: true });
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `axe violations on ${name}`);
}

async function newPage() {
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  return context.newPage();
}

/** Signs in through the login page and waits for the start page. */
async function login(page, email) {
  await page.goto(`${base}/login`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: 'Mina råd' }).waitFor();
}

const header = (page) => page.getByRole('navigation', { name: 'Samråd' });
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

test('a member creates a calendar feed, copies its link once, and revokes it after a question', async () => {
  const page = await newPage();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  await login(page, 'polis@vast.example');
  await page.goto(`${base}/installningar`);
  const feeds = page.getByRole('region', { name: 'Kalenderflöden' });
  await feeds.getByText('Du har inga kalenderflöden.').waitFor();
  await check(page, 'sit-feeds-empty');

  // Nothing chosen: said beside the choice, nothing sent.
  await feeds.getByRole('button', { name: 'Skapa kalenderflöde' }).click();
  await assertFieldError(
    feeds.getByRole('combobox', { name: /^Vad ska flödet visa/ }),
    'Välj ett alternativ i listan.',
  );
  await check(page, 'sit-feeds-error');

  await feeds.getByRole('combobox', { name: /^Vad ska flödet visa/ }).selectOption({ label: 'Alla mina råd' });
  await feeds.getByRole('button', { name: 'Skapa kalenderflöde' }).click();
  const link = feeds.getByRole('textbox', { name: 'Länk till det nya flödet' });
  await link.waitFor();
  const url = await link.inputValue();
  assert.match(url, /^webcal:\/\/127\.0\.0\.1:\d+\/calendar\/[^/]+\.ics$/);
  await feeds.getByText('Länken visas bara nu.', { exact: false }).waitFor();
  await feeds.getByRole('button', { name: 'Kopiera länken' }).click();
  await feeds.getByText('Länken är kopierad.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
  const live = feeds.getByRole('list', { name: 'Dina aktiva flöden' }).getByRole('listitem');
  assert.equal(await live.count(), 1);
  assert.match(await live.first().innerText(), /Alla mina råd/);
  await check(page, 'sit-feeds-created');
  // The feed answers with the calendar.
  const ics = await fetch(url.replace(/^webcal:/, 'http:'));
  assert.equal(ics.status, 200);
  assert.match(await ics.text(), /BEGIN:VCALENDAR/);

  // Revoking asks first; cancelling keeps the feed.
  await feeds.getByRole('button', { name: 'Återkalla flödet Alla mina råd' }).click();
  await feeds.getByText(/Återkalla flödet Alla mina råd\? Länken slutar fungera/).waitFor();
  await check(page, 'sit-feeds-question');
  await feeds.getByRole('button', { name: 'Avbryt' }).click();
  assert.equal(await live.count(), 1);
  await feeds.getByRole('button', { name: 'Återkalla flödet Alla mina råd' }).click();
  await feeds.getByRole('button', { name: 'Ja, återkalla flödet' }).click();
  await feeds.getByText('Flödet Alla mina råd är återkallat.').waitFor();
  await feeds.getByText('Du har inga kalenderflöden.').waitFor();
  assert.equal((await fetch(url.replace(/^webcal:/, 'http:'))).status, 404);
  await check(page, 'sit-feeds-revoked');
  await page.context().close();
});
