import { graphql } from '../gql';
import type { NotificationChannel, NotificationKind } from '../gql/graphql';
import { ApiError, request } from '../api';
import { h, loading, show } from '../dom';
import { t, tDynamic } from '../i18n';

const Preferences = graphql(`
  query NotificationPreferences {
    myNotificationPreferences {
      kind
      channel
    }
  }
`);

const SetPreference = graphql(`
  mutation SetNotificationPreference($kind: NotificationKind!, $channel: NotificationChannel!) {
    setNotificationPreference(kind: $kind, channel: $channel) {
      kind
      channel
    }
  }
`);

// Every kind and channel, in the order shown: a kind added to the schema fails the build
// here until it has a place (and its label in the i18n files).
const KINDS: Record<NotificationKind, number> = {
  INPUT_SUBMITTED: 0,
  INPUT_STATUS_CHANGED: 1,
  INPUT_ANSWERED: 2,
  INPUT_WINDOW_CLOSING: 3,
  MEETING_CHANGED: 4,
  AGENDA_CHANGED: 5,
  MEETING_CANCELLED: 6,
  MINUTES_FOR_COMMENT: 7,
  ACTION_ASSIGNED: 8,
  ACTION_DUE_SOON: 9,
  ACTION_OVERDUE: 10,
  PICTURE_PUBLISHED: 11,
  PICTURE_SUPERSEDED: 12,
};
const CHANNELS: Record<NotificationChannel, number> = { IN_APP: 0, EMAIL: 1, DIGEST: 2, OFF: 3 };

const inOrder = <K extends string>(order: Record<K, number>): K[] =>
  (Object.keys(order) as K[]).sort((a, b) => order[a] - order[b]);

const errorText = (e: unknown) => tDynamic(`error.${e instanceof ApiError ? e.code : 'INTERNAL'}`);

/** The user's settings: how each kind of notification reaches them. */
export async function settingsPage(): Promise<void> {
  loading(t('state.loading'));
  const data = await request(Preferences);
  const saved = new Map<NotificationKind, NotificationChannel>(
    data.myNotificationPreferences.map((p) => [p.kind, p.channel]),
  );

  const selects = new Map<NotificationKind, HTMLSelectElement>();
  const rows = inOrder(KINDS).map((kind) => {
    const id = `pref-${kind}`;
    const current = saved.get(kind) ?? 'IN_APP';
    const select = h(
      'select',
      { id, name: kind },
      inOrder(CHANNELS).map((channel) =>
        h('option', { value: channel, selected: channel === current }, tDynamic(`channel.${channel}`)),
      ),
    ) as HTMLSelectElement;
    selects.set(kind, select);
    return h('div', { class: 'setting' }, h('label', { for: id }, tDynamic(`notificationKind.${kind}`)), select);
  });

  const status = h('p', { role: 'status', id: 'settings-status' });
  const error = h('p', { role: 'alert', class: 'error', id: 'settings-error' });
  let saving = false;
  const save = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    status.textContent = '';
    error.textContent = '';
    const changed = [...selects].filter(([kind, select]) => select.value !== (saved.get(kind) ?? 'IN_APP'));
    if (!changed.length) {
      status.textContent = t('settings.unchanged');
      return;
    }
    saving = true;
    try {
      for (const [kind, select] of changed) {
        const channel = select.value as NotificationChannel;
        const result = await request(SetPreference, { kind, channel });
        saved.set(kind, result.setNotificationPreference.channel);
        // What is saved is the field's new starting point.
        for (const option of select.options) option.defaultSelected = option.value === channel;
      }
      status.textContent = t('settings.saved');
    } catch (e) {
      error.textContent = errorText(e);
    } finally {
      saving = false;
    }
  };

  show(
    h('h1', {}, t('settings.title')),
    h(
      'section',
      { 'aria-labelledby': 'h-notification-settings' },
      h('h2', { id: 'h-notification-settings' }, t('settings.notifications')),
      h('p', { id: 'notification-settings-help' }, t('settings.notificationsHelp')),
      h(
        'form',
        { onsubmit: (event: Event) => void save(event), 'aria-describedby': 'notification-settings-help' },
        rows,
        h('button', { type: 'submit' }, t('settings.save')),
        status,
        error,
      ),
    ),
  );
}
