import { graphql } from '../../gql';

export const CouncilPage = graphql(`
  query CouncilPage($id: ID!) {
    council(id: $id) {
      id
      name
      myAccess
      kind
      themes {
        name
      }
      meetings(first: 50) {
        edges {
          node {
            id
            title
            status
            startsAt
            version
          }
        }
      }
    }
  }
`);

export const Regional = graphql(`
  query Regional($id: ID!) {
    regionalView(councilId: $id) {
      organisation {
        name
      }
      picture {
        id
        area
        classification
      }
      alsoForYou {
        id
        area
        classification
      }
      categories {
        category
        rising
        stable
        falling
      }
    }
  }
`);

export const PlanYear = graphql(`
  mutation PlanYearUi($input: PlanYearInput!) {
    planYear(input: $input) {
      meeting {
        id
      }
      conflicts {
        startsAt
      }
    }
  }
`);

export const Schedule = graphql(`
  mutation ScheduleUi($id: ID!, $v: Int!) {
    scheduleMeeting(id: $id, expectedVersion: $v) {
      id
    }
  }
`);
