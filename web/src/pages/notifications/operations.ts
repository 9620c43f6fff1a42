import { graphql } from '../../gql';

export const PAGE_SIZE = 20;

export const MyNotifications = graphql(`
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

export const MarkNotificationsRead = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`);
