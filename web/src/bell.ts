// The header's bell: a link to the notifications with how many are unread, kept current by
// the live connection's NOTIFICATION events and by whoever marks notifications read.
import { graphql } from './gql';
import { request } from './api';
import { h } from './dom';
import { t } from './i18n';
import { onLiveEvent } from './live';

const UnreadCount = graphql(`
  query UnreadCount {
    unreadNotificationCount
  }
`);

/** Unknown until the first answer. */
let unread: number | null = null;
/** The bell in the header now (the header is drawn again on every page). */
let shown: HTMLElement | null = null;
/** Answers to older questions than the last are ignored. */
let asked = 0;

function label(): string {
  if (unread === null) return t('nav.notifications');
  if (unread === 0) return t('nav.notificationsNone');
  if (unread === 1) return t('nav.notificationsOne');
  return t('nav.notificationsMany', { count: String(unread) });
}

function paint(link: HTMLElement): void {
  link.setAttribute('aria-label', label());
  const badge = link.querySelector<HTMLElement>('.badge');
  if (!badge) return;
  badge.textContent = unread ? String(unread) : '';
  badge.hidden = !unread;
}

function icon(): SVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '22');
  svg.setAttribute('height', '22');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute(
    'd',
    'M12 2a6 6 0 0 0-6 6v3.6l-1.7 3.4a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 11.6V8a6 6 0 0 0-6-6zm0 20a3 3 0 0 0 3-3H9a3 3 0 0 0 3 3z',
  );
  svg.append(path);
  return svg;
}

/** The bell for the header; `current` when the notifications page is shown. */
export function bell(current: boolean): HTMLElement {
  const link = h(
    'a',
    { href: '/aviseringar', class: 'bell', 'aria-current': current ? 'page' : undefined },
    icon(),
    // The words seen are the start of the name heard (WCAG 2.5.3): "Aviseringar 3".
    h('span', { class: 'bell-text' }, t('nav.notifications')),
    ' ',
    h('span', { class: 'badge' }),
  );
  paint(link);
  shown = link;
  return link;
}

/** Shows a count the caller knows to be current. */
export function setUnread(count: number): void {
  asked += 1;
  unread = count;
  if (shown) paint(shown);
}

/** Asks the server how many notifications are unread; a failure leaves the bell as it is. */
export async function refreshUnread(): Promise<void> {
  asked += 1;
  const mine = asked;
  try {
    const data = await request(UnreadCount);
    if (mine !== asked) return;
    unread = data.unreadNotificationCount;
    if (shown) paint(shown);
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
    unread = null;
  };
}
