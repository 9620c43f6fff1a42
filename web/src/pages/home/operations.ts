import { graphql } from '../../gql';

export const Home = graphql(`
  query Home($from: DateTime!) {
    me {
      displayName
    }
    councils(first: 20) {
      edges {
        node {
          id
          name
          myAccess
          meetings(first: 3, from: $from) {
            edges {
              node {
                id
                title
                startsAt
                inputDeadline
                status
                theme {
                  name
                }
              }
            }
          }
        }
      }
    }
    myInputs(first: 20) {
      edges {
        node {
          id
          title
          status
          meeting {
            title
          }
        }
      }
    }
  }
`);

export const MarkDone = graphql(`
  mutation MarkDone($id: ID!) {
    updateActionStatus(id: $id, status: DONE) {
      id
      status
    }
  }
`);

export const Overdue = graphql(`
  query Overdue($id: ID!) {
    council(id: $id) {
      actions(first: 20, overdueOnly: true) {
        edges {
          node {
            id
            title
            dueOn
            organisation {
              name
            }
          }
        }
      }
    }
  }
`);
