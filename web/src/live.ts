// The live connection: one `liveEvents` subscription over WebSocket (graphql-transport-ws,
// through the graphql-ws client) while someone is signed in, shared by every page.
//
// The server closes the socket when the access token expires or the session ends, so the
// token is renewed a minute before it expires, and a new token (from here or from a
// request that refreshed it) opens a new connection. After any gap, listeners are told to
// reload what they show: events sent meanwhile are not replayed.
import { stringifyDocument } from '@urql/core';
import { createClient, type Client } from 'graphql-ws';
import { graphql } from './gql';
import type { LiveEventsSubscription } from './gql/graphql';
import { accessExpiry, accessToken, onNewTokens, refresh } from './api';

const LiveEvents = graphql(`
  subscription LiveEvents {
    liveEvents {
      kind
      meeting {
        id
      }
      input {
        id
        meeting {
          id
        }
      }
      action {
        id
        meeting {
          id
        }
      }
      situationPicture {
        id
      }
      notification {
        id
      }
    }
  }
`);

export type LiveEvent = LiveEventsSubscription['liveEvents'];

type Listener = { event: (event: LiveEvent) => void; resync?: () => void };
const listeners = new Set<Listener>();

/**
 * Calls `event` for every live event, and `resync` when the connection is back after a gap
 * (reload what you show); returns how to stop listening.
 */
export function onLiveEvent(event: (event: LiveEvent) => void, resync?: () => void): () => void {
  const listener = { event, resync };
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Waits between attempts grow from 1 s to this. */
const MAX_BACKOFF_MS = 30_000;
/** Close codes of a refused connection_init: the token is not (or no longer) accepted. */
const REFUSED = [1002, 4401, 4403];

/**
 * Ms until the access token should be renewed, so that the server never closes the socket on
 * its expiry: a minute before it expires, or a quarter of its lifetime when that is shorter.
 * Null when the token's expiry cannot be read.
 */
function untilRenewal(): number | null {
  const expiry = accessExpiry();
  return expiry && expiry.at - Math.min(60_000, expiry.lifetime / 4) - Date.now();
}

let running = false;
/** Counts connections, so callbacks of a closed one are ignored. */
let generation = 0;
let client: Client | null = null;
let unsubscribe: (() => void) | null = null;
let stopTokens: (() => void) | null = null;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let renewTimer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;
let connectedBefore = false;
/** Between a lost connection and the next attempt. */
let waiting = false;

function backoff(): number {
  const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures);
  failures += 1;
  return wait + Math.floor(Math.random() * 1000);
}

function url(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql/ws`;
}

function close(): void {
  generation += 1;
  waiting = false;
  clearTimeout(retryTimer);
  clearTimeout(renewTimer);
  unsubscribe?.();
  unsubscribe = null;
  // A socket that never opened has nothing to close.
  Promise.resolve(client?.dispose()).catch(() => undefined);
  client = null;
}

function connect(): void {
  close();
  const mine = generation;
  const current = () => running && mine === generation;
  const token = accessToken();
  if (!token) return stopLive();
  client = createClient({
    url: url(),
    connectionParams: { authorization: `Bearer ${token}` },
    // Retries are ours (below): they renew a refused token and back off.
    retryAttempts: 0,
    keepAlive: 25_000,
    on: {
      connected: () => {
        if (!current()) return;
        failures = 0;
        scheduleRenewal();
        if (connectedBefore) for (const listener of [...listeners]) listener.resync?.();
        connectedBefore = true;
      },
    },
  });
  unsubscribe = client.subscribe<LiveEventsSubscription>(
    { query: stringifyDocument(LiveEvents) },
    {
      next: (result) => {
        const event = result.data?.liveEvents;
        if (!current() || !event) return;
        for (const listener of [...listeners]) listener.event(event);
      },
      // A closed socket, or a stream the server ended (your access changed): start again.
      error: (reason) => {
        if (current()) retry(reason);
      },
      complete: () => {
        if (current()) retry(null);
      },
    },
  );
}

function retry(reason: unknown): void {
  const code = typeof reason === 'object' && reason !== null && 'code' in reason ? reason.code : null;
  const refused = typeof code === 'number' && REFUSED.includes(code);
  const mine = generation;
  waiting = true;
  retryTimer = setTimeout(() => {
    if (!running || mine !== generation) return;
    if (refused || (untilRenewal() ?? 0) <= 0) void renew();
    else connect();
  }, backoff());
}

/** A new token opens a new connection (through `onNewTokens`); a session that is over stops it. */
async function renew(): Promise<void> {
  try {
    if (!(await refresh())) stopLive();
  } catch {
    // The server could not be reached: try again later.
    if (running) retry(null);
  }
}

function scheduleRenewal(): void {
  clearTimeout(renewTimer);
  const wait = untilRenewal();
  // At least a second: a token that seems due at once never renews in a tight loop.
  if (wait !== null) renewTimer = setTimeout(() => void renew(), Math.max(1000, wait));
}

/** Opens the live connection if it is not open; call once signed in. */
export function startLive(): void {
  if (running) return;
  running = true;
  connectedBefore = false;
  failures = 0;
  stopTokens = onNewTokens(() => {
    if (running) connect();
  });
  window.addEventListener('online', whenOnline);
  connect();
}

/** Closes the live connection (logout, or the session is over). */
export function stopLive(): void {
  running = false;
  stopTokens?.();
  stopTokens = null;
  window.removeEventListener('online', whenOnline);
  close();
}

function whenOnline(): void {
  // Back online while waiting to retry: do not wait out the backoff.
  if (running && waiting) connect();
}
