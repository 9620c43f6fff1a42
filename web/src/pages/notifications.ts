import { graphql } from '../gql';
import type { MyNotificationsQuery } from '../gql/graphql';
import { ApiError, request } from '../api';
import { refreshUnread, setUnread } from '../bell';
import { announce, h, loading, onLeave, show } from '../dom';
import { formatDateTime, t, tDynamic } from '../i18n';
import { onLiveEvent } from '../live';

const PAGE_SIZE = 20;

const MyNotifications = graphql(`
  query MyNotifications($first: Int!, $after: String) {
    myNotifications(first: $first, after: $after) {
      edges {
        node {
          id
          kind
          link
          message
          createdAt
          read
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    unreadNotificationCount
  }
`);

const MarkRead = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`);

type Notice = MyNotificationsQuery['myNotifications']['edges'][number]['node'];

const errorText = (e: unknown) => tDynamic(`error.${e instanceof ApiError ? e.code : 'INTERNAL'}`);

/** A path inside Samråd; anything else (another site, a script) is not linked. */
const inApp = (link: string | null | undefined): link is string => !!link && /^\/(?!\/)/.test(link);

/** The user's notifications, newest first: each leads to what it is about and can be marked read. */
export async function notificationsPage(): Promise<void> {
  loading(t('state.loading'));
  const first = await request(MyNotifications, { first: PAGE_SIZE });
  setUnread(first.unreadNotificationCount);

  const status = h('p', { role: 'status', id: 'notifications-status' });
  const error = h('p', { role: 'alert', class: 'error', id: 'notifications-error' });
  const list = h('ul', { class: 'notifications', 'aria-labelledby': 'h-notifications' });
  const empty = h('p', { class: 'empty' }, t('notifications.empty'));
  const unreadShown = new Map<string, HTMLElement>();
  const shownIds = new Set<string>();
  let cursor = first.myNotifications.pageInfo.endCursor ?? null;

  const markAll = h(
    'button',
    { type: 'button', onclick: () => void markRead([...unreadShown.keys()]) },
    t('notifications.markAllRead'),
  );
  const more = h('button', { type: 'button', onclick: () => void loadMore() }, t('notifications.more'));

  const sync = () => {
    markAll.hidden = unreadShown.size === 0;
    empty.hidden = shownIds.size > 0;
    list.hidden = shownIds.size === 0;
  };

  /** Marks notifications read and shows them so; focus stays where the user can go on. */
  async function markRead(ids: string[]): Promise<void> {
    if (!ids.length) return;
    error.textContent = '';
    try {
      await request(MarkRead, { ids });
    } catch (e) {
      error.textContent = errorText(e);
      return;
    }
    const one = ids.length === 1 ? unreadShown.get(ids[0] ?? '') : undefined;
    for (const id of ids) {
      const item = unreadShown.get(id);
      unreadShown.delete(id);
      if (!item) continue;
      item.classList.remove('unread');
      item.querySelectorAll('.unread-only').forEach((el) => el.remove());
    }
    sync();
    if (one) {
      // The button is gone: focus what the item leads to.
      const target = one.querySelector<HTMLElement>('a') ?? one;
      if (target === one) one.setAttribute('tabindex', '-1');
      target.focus();
    } else {
      document.getElementById('h-notifications')?.focus();
    }
    status.textContent = one ? t('notifications.markedRead') : t('notifications.allMarkedRead');
    await refreshUnread();
  }

  function item(n: Notice): HTMLElement {
    const message = inApp(n.link)
      ? h(
          'a',
          {
            href: n.link,
            // Following a notification reads it.
            onclick: () => {
              if (unreadShown.has(n.id)) void request(MarkRead, { ids: [n.id] }).then(refreshUnread, () => undefined);
            },
          },
          n.message,
        )
      : h('span', {}, n.message);
    const li = h(
      'li',
      { class: n.read ? 'notification' : 'notification unread' },
      n.read ? null : h('strong', { class: 'tag unread-only' }, t('notifications.unread')),
      message,
      h('br'),
      h('time', { datetime: n.createdAt, class: 'meta' }, formatDateTime(n.createdAt)),
      n.read
        ? null
        : h(
            'button',
            {
              type: 'button',
              class: 'secondary unread-only',
              'aria-label': t('notifications.markReadLabel', { message: n.message }),
              onclick: () => void markRead([n.id]),
            },
            t('notifications.markRead'),
          ),
    );
    shownIds.add(n.id);
    if (!n.read) unreadShown.set(n.id, li);
    return li;
  }

  async function loadMore(): Promise<void> {
    error.textContent = '';
    try {
      const next = await request(MyNotifications, { first: PAGE_SIZE, after: cursor });
      const added = next.myNotifications.edges.map((e) => e.node).filter((n) => !shownIds.has(n.id));
      const items = added.map(item);
      list.append(...items);
      cursor = next.myNotifications.pageInfo.endCursor ?? cursor;
      if (!next.myNotifications.pageInfo.hasNextPage) more.remove();
      sync();
      // Focus the first new notification, so the keyboard goes on from where the list grew.
      const firstNew = items[0];
      if (firstNew) {
        const target = firstNew.querySelector<HTMLElement>('a') ?? firstNew;
        if (target === firstNew) firstNew.setAttribute('tabindex', '-1');
        target.focus();
      }
      status.textContent = t('notifications.moreShown', { count: String(items.length) });
    } catch (e) {
      error.textContent = errorText(e);
    }
  }

  /** New notifications while the page is open go on top. */
  async function prependNew(): Promise<void> {
    try {
      const latest = await request(MyNotifications, { first: PAGE_SIZE });
      const fresh = latest.myNotifications.edges.map((e) => e.node).filter((n) => !shownIds.has(n.id));
      if (!fresh.length) return;
      list.prepend(...fresh.map(item));
      sync();
      announce(t('notifications.arrived'));
    } catch {
      // Shown at the next visit.
    }
  }

  list.append(...first.myNotifications.edges.map((e) => item(e.node)));
  sync();
  show(
    h('h1', { id: 'h-notifications' }, t('notifications.title')),
    h('p', {}, h('a', { href: '/installningar' }, t('notifications.settingsLink'))),
    markAll,
    status,
    error,
    list,
    empty,
    first.myNotifications.pageInfo.hasNextPage ? more : null,
  );
  onLeave(
    onLiveEvent(
      (event) => {
        if (event.kind === 'NOTIFICATION') void prependNew();
      },
      () => void prependNew(),
    ),
  );
}
