import { graphql } from '../../gql';
import type { NotificationChannel, NotificationKind } from '../../gql/graphql';

export const NotificationPreferences = graphql(`
  query NotificationPreferences {
    myNotificationPreferences {
      kind
      channel
    }
  }
`);

export const SetNotificationPreference = graphql(`
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
  PROMISE_BEHIND: 13,
};
const CHANNELS: Record<NotificationChannel, number> = { IN_APP: 0, EMAIL: 1, DIGEST: 2, OFF: 3 };

const inOrder = <K extends string>(order: Record<K, number>): K[] =>
  (Object.keys(order) as K[]).sort((a, b) => order[a] - order[b]);

export const kinds = inOrder(KINDS);
export const channels = inOrder(CHANNELS);

export const CalendarFeeds = graphql(`
  query CalendarFeeds {
    myCalendarFeeds {
      id
      createdAt
      council {
        id
        name
      }
    }
    councils(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export const CreateCalendarFeed = graphql(`
  mutation CreateCalendarFeed($councilId: ID) {
    createCalendarFeed(councilId: $councilId) {
      id
      path
      createdAt
      council {
        id
        name
      }
    }
  }
`);

export const RevokeCalendarFeed = graphql(`
  mutation RevokeCalendarFeed($id: ID!) {
    revokeCalendarFeed(id: $id)
  }
`);
