import { graphql } from '../../gql';

export const InfoRequests = graphql(`
  query InfoRequests {
    me {
      id
      affiliations {
        id
        organisation {
          id
          name
        }
      }
    }
    councils(first: 100) {
      edges {
        node {
          id
          memberships {
            id
            organisation {
              id
              name
            }
          }
        }
      }
    }
    situationPictures(first: 50) {
      edges {
        node {
          id
          area
          periodStart
          periodEnd
        }
      }
    }
  }
`);

/** How many requests a page brings. */
export const REQUEST_PAGE = 50;

/** A request as the page lists it, and as asking and answering return it to be shown in place. */
export const InfoRequestFields = graphql(`
  fragment InfoRequestItem on InfoRequest {
    id
    topic
    details
    dueOn
    status
    overdue
    answerText
    answeredAt
    answerPicture {
      id
      area
    }
    from {
      id
      name
    }
    to {
      id
      name
    }
  }
`);

export const InfoRequestPage = graphql(`
  query InfoRequestPage($first: Int!, $after: String) {
    infoRequests(first: $first, after: $after) {
      edges {
        node {
          ...InfoRequestItem
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreateInfoRequest = graphql(`
  mutation CreateInfoRequest(
    $fromOrganisationId: ID
    $toOrganisationId: ID!
    $topic: String!
    $details: String
    $dueOn: NaiveDate!
  ) {
    createInfoRequest(
      fromOrganisationId: $fromOrganisationId
      toOrganisationId: $toOrganisationId
      topic: $topic
      details: $details
      dueOn: $dueOn
    ) {
      ...InfoRequestItem
    }
  }
`);

export const AnswerInfoRequest = graphql(`
  mutation AnswerInfoRequest($id: ID!, $pictureId: ID, $text: String) {
    answerInfoRequest(id: $id, pictureId: $pictureId, text: $text) {
      ...InfoRequestItem
    }
  }
`);
