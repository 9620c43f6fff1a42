// What every browser test file shares: its own server on a fresh database with the demo
// data, Debian's Chromium driven by playwright-core, GraphQL calls, and the axe-core check
// with a screenshot into test-results/. Not a test file itself (node --test runs *.test.mjs).
import { before, after, test } from 'node:test';
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
export const results = join(web, 'test-results');
const axeSource = readFileSync(join(web, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
export const PASSWORD = 'samrad-demo-2026';

let server;
/** The server's address, once it runs. */
export let base;
/** The browser, once it runs. */
export let browser;

/**
 * Starts a server of its own (a fresh database with the demo data) and a browser before the
 * file's tests (or the suite's, when called in a `describe`), and stops both after them;
 * `name` names its data folder, and `env` adds to the server's environment (settings such as
 * SAMRAD_MAP_TILES or SAMRAD_SMTP_URL, which are otherwise left unset whatever the shell says).
 */
export function startServer(name, { env: extra = {} } = {}) {
  before(async () => {
    assert.ok(
      existsSync(bin),
      `build the server first (cargo build -p samrad): ${bin} is missing` +
        (process.env.SAMRAD_BIN ? ' (from SAMRAD_BIN)' : '; if cargo puts it elsewhere, set SAMRAD_BIN to its path'),
    );
    assert.ok(existsSync(join(web, 'dist', 'index.html')), 'build the web UI first (npm run build)');
    mkdirSync(results, { recursive: true });
    const data = mkdtempSync(join(tmpdir(), `samrad-${name}-`));
    const env = { ...process.env, RUST_LOG: 'info' };
    delete env.SAMRAD_DATABASE_URL;
    delete env.SAMRAD_JWT_SECRET;
    delete env.SAMRAD_MAP_TILES;
    delete env.SAMRAD_MAP_ATTRIBUTION;
    delete env.SAMRAD_SMTP_URL;
    Object.assign(env, extra);
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
}

export async function gql(query, variables = {}, token) {
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

export async function token(email) {
  const data = await gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
    e: email,
    p: PASSWORD,
  });
  return data.login.accessToken;
}

/**
 * Runs axe-core on the page: zero WCAG 2.1 A/AA violations, and a screenshot (named with the
 * viewport's width unless Playwright's default, so that a journey's two runs keep both).
 */
export async function check(page, name) {
  const width = page.viewportSize()?.width;
  if (width && width !== 1280 && !name.includes(String(width))) name = `${name}-${width}`;
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  await page.screenshot({ path: join(results, `${name}.png`), fullPage: true });
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `axe violations on ${name}`);
}

/** The two screens every journey is walked on: a laptop's and a phone's. */
export const DESKTOP = { width: 1366, height: 768 },
  PHONE = { width: 390, height: 844 };

/**
 * Registers the journey `name` twice, at DESKTOP and at PHONE size, one after the other on the
 * same server: `fn(viewport)` opens its pages with that viewport, and must not depend on what
 * its own other run changed (distinct titles per viewport, or counts relative to the API's).
 */
export function journey(name, fn) {
  test(`${name} (${DESKTOP.width} px)`, () => fn(DESKTOP));
  test(`${name} (${PHONE.width} px)`, () => fn(PHONE));
}

/** A GraphQL call whose errors are the answer (`gql` fails on any), as the holder of `as`. */
export async function raw(query, variables, as) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(as ? { authorization: `Bearer ${as}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

/** The Göteborg council as `as` sees it (with `myAccess`). */
export async function goteborg(as) {
  const councils = await gql('{ councils { edges { node { id name myAccess } } } }', {}, as);
  const council = councils.councils.edges.map((e) => e.node).find((c) => c.name === 'Göteborgs Stads trygghetsråd');
  assert.ok(council, 'the Göteborg council is in the demo data');
  return council;
}

/**
 * A fresh invitation link for the youth council to the Göteborg council's meeting on men's
 * violence against women (which takes input): its path, the meeting's id, and the token of the
 * secretariat that made it.
 */
export async function inviteYouth() {
  const secretariat = await token('sekretariat@goteborg.example');
  const data = await gql(
    '{ councils { edges { node { name meetings(first: 10) { edges { node { id title } } } memberships { organisation { id name } } } } } }',
    {},
    secretariat,
  );
  const council = data.councils.edges.map((e) => e.node).find((c) => c.name === 'Göteborgs Stads trygghetsråd');
  const meeting = council.meetings.edges
    .map((e) => e.node)
    .find((m) => m.title === 'Trygghetsrådet – Mäns våld mot kvinnor');
  const youth = council.memberships.map((m) => m.organisation).find((o) => o.name === 'Ungdomsfullmäktige i Göteborg');
  const invited = await gql(
    'mutation($m: ID!, $o: ID!) { inviteToMeeting(meetingId: $m, organisationId: $o) { path } }',
    { m: meeting.id, o: youth.id },
    secretariat,
  );
  return { path: invited.inviteToMeeting.path, meetingId: meeting.id, secretariat };
}

/** The Göteborg council's next scheduled meeting as `as` sees it, with the council. */
export async function nextMeeting(as) {
  const council = await goteborg(as);
  const data = await gql(
    'query($id: ID!) { council(id: $id) { meetings(first: 50) { edges { node { id title status startsAt } } } } }',
    { id: council.id },
    as,
  );
  const meetings = data.council.meetings.edges.map((e) => e.node).filter((m) => m.status === 'SCHEDULED');
  meetings.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  assert.ok(meetings[0], 'the Göteborg council has a scheduled meeting');
  return { ...meetings[0], council };
}

/** A new page (Swedish, Stockholm time, `viewport` when given, else Playwright's 1280 × 720). */
export async function newPage(viewport) {
  const context = await browser.newContext({
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    ...(viewport ? { viewport } : {}),
  });
  return context.newPage();
}

/**
 * The header's navigation, ready to use: on a phone its links and buttons fold into a menu,
 * which is opened first (as a person would) when it is closed.
 */
export async function header(page) {
  const nav = page.getByRole('navigation', { name: 'Samråd' });
  const menu = nav.getByRole('button', { name: /^(Meny|Menu)$/ });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') {
    await menu.click();
    await page.locator('#nav-menu.open').waitFor();
  }
  return nav;
}

/** Opens the meeting page's part (tab) named `name` by its link, as a person would, and waits for it. */
export async function openTab(page, name) {
  const tabs = page.getByRole('navigation', { name: 'Mötets delar' });
  await tabs.getByRole('link', { name, exact: true }).click();
  await tabs.getByRole('link', { name, exact: true }).and(page.locator('[aria-current="page"]')).waitFor();
}

/** Signs in through the login page as `email` and waits for the start page. */
export async function signIn(page, email) {
  await page.goto(`${base}/login`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: 'Mina råd' }).waitFor();
  return page;
}

/** A new page (Swedish, Stockholm time, `viewport` when given) signed in as `email`. */
export async function signedIn(email, viewport) {
  const context = await browser.newContext({
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    ...(viewport ? { viewport } : {}),
  });
  return signIn(await context.newPage(), email);
}

/** What sticks out to the right of the viewport, outside any region that scrolls itself. */
export async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrolls = (el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (/(auto|scroll|hidden)/.test(style.overflowX) && p !== document.documentElement && p !== document.body)
          return true;
      }
      return false;
    };
    const offenders = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} (${Math.round(el.getBoundingClientRect().right)} px)`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, width, offenders };
  });
}
