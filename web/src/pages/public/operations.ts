import { graphql } from '../../gql';

/** How many published promises a page of the public list holds. */
export const PUBLISHED_PAGE = 20;

/** A published promise as anyone may read it (no sign-in). */
export const PublicPromise = graphql(`
  query PublicPromise($id: ID!) {
    publicPromise(id: $id) {
      id
      title
      municipality
      periodFrom
      periodTo
      followUpOn
      status
      publishedAt
      pledges {
        text
        activities {
          id
          text
          responsible
          responsibleUnit
          periodFrom
          periodTo
          followUpOn
          scopes {
            ...ScopeWords
          }
        }
      }
      signatories {
        title
        organisation
        signedOn
      }
      compliance {
        ...ComplianceFigures
      }
      narratives {
        activityId
        organisation
        narrative
        nextSteps
      }
    }
  }
`);

export const PublishedPromises = graphql(`
  query PublishedPromises($first: Int!, $after: String) {
    publishedPromises(first: $first, after: $after) {
      edges {
        node {
          id
          title
          periodFrom
          periodTo
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
