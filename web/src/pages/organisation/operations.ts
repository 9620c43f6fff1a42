import { graphql } from '../../gql';

/** How many actions or inputs a page of the lists holds. */
export const PAGE_SIZE = 20;

export const OurOrganisations = graphql(`
  query OurOrganisations {
    me {
      affiliations {
        title
        organisation {
          id
          name
        }
      }
    }
  }
`);

export const OurActions = graphql(`
  query OurActions($id: ID!, $first: Int!, $after: String) {
    organisation(id: $id) {
      actions(first: $first, after: $after) {
        edges {
          node {
            ...OurAction
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const OurActionFields = graphql(`
  fragment OurAction on FollowUpAction {
    id
    title
    description
    dueOn
    status
    statusNote
    overdue
    meeting {
      id
      title
    }
  }
`);

export const ReportProgress = graphql(`
  mutation ReportProgress($id: ID!, $status: ActionStatus!, $note: String) {
    updateActionStatus(id: $id, status: $status, note: $note) {
      ...OurAction
    }
  }
`);

export const OurInputs = graphql(`
  query OurInputs($first: Int!, $after: String) {
    myInputs(first: $first, after: $after) {
      edges {
        node {
          id
          title
          status
          submittedAt
          meeting {
            id
            title
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
