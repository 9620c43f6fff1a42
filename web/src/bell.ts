// The header's bell: how many notifications are unread, kept current by the live
// connection's NOTIFICATION events and by whoever marks notifications read. The count is a
// Svelte store; lib/components/Bell.svelte shows it.
import { readonly, writable } from 'svelte/store';
import { graphql } from './gql';
import { request } from './api';
import { onLiveEvent } from './live';

const UnreadCount = graphql(`
  query UnreadCount {
    unreadNotificationCount
  }
`);

/** Unknown (null) until the first answer. */
const count = writable<number | null>(null);
export const unread = readonly(count);

/** Answers to older questions than the last are ignored. */
let asked = 0;

/** Shows a count the caller knows to be current. */
export function setUnread(value: number): void {
  asked += 1;
  count.set(value);
}

/** Asks the server how many notifications are unread; a failure leaves the bell as it is. */
export async function refreshUnread(): Promise<void> {
  asked += 1;
  const mine = asked;
  try {
    const data = await request(UnreadCount, {});
    if (mine !== asked) return;
    count.set(data.unreadNotificationCount);
  } catch {
    // The page's own requests say what went wrong (an ended session goes to the login).
  }
}

/** Keeps the count current while signed in; returns how to stop (at logout). */
export function followUnread(): () => void {
  void refreshUnread();
  const off = onLiveEvent(
    (event) => {
      if (event.kind === 'NOTIFICATION') void refreshUnread();
    },
    () => void refreshUnread(),
  );
  return () => {
    off();
    asked += 1;
    count.set(null);
  };
}
