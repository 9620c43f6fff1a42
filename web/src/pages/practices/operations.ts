import { graphql } from '../../gql';

export const PAGE_SIZE = 10;

export const GoodPractices = graphql(`
  query GoodPractices($first: Int, $after: String, $tag: String, $search: String) {
    goodPractices(first: $first, after: $after, tag: $tag, search: $search) {
      edges {
        node {
          id
          title
          problem
          whatWasDone
          result
          contact
          tags
          createdAt
          organisation {
            id
            name
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

export const PracticeCouncils = graphql(`
  query PracticeCouncils {
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
          name
          memberships {
            id
            organisation {
              id
            }
          }
        }
      }
    }
  }
`);

export const ShareGoodPractice = graphql(`
  mutation ShareGoodPractice($input: ShareGoodPracticeInput!) {
    shareGoodPractice(input: $input) {
      id
      title
    }
  }
`);
