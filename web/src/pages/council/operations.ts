import { graphql } from '../../gql';

export const CouncilPage = graphql(`
  query CouncilPage($id: ID!) {
    council(id: $id) {
      id
      name
      myAccess
      kind
      meetingsPerYear
      themes {
        id
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

export const CreateMeeting = graphql(`
  mutation CreateMeetingUi($c: ID!, $input: MeetingInput!) {
    createMeeting(councilId: $c, input: $input) {
      id
      title
    }
  }
`);

export const AddTheme = graphql(`
  mutation AddThemeUi($c: ID!, $name: String!) {
    addCouncilTheme(councilId: $c, name: $name) {
      id
      name
    }
  }
`);

export const CouncilFigures = graphql(`
  query CouncilFigures($id: ID!, $year: Int!) {
    council(id: $id) {
      id
      feedback(year: $year) {
        overall {
          inputs
          answered
          shareAnswered
          medianDaysToAnswer
          unansweredAfter30Days
        }
        advisoryBodies {
          organisation {
            id
            name
          }
          inputs
          answered
          shareAnswered
          medianDaysToAnswer
          unansweredAfter30Days
        }
      }
      representation(year: $year) {
        heard {
          group
          count
        }
        priorityGroups
        missing
      }
    }
  }
`);

export const YearMeetings = graphql(`
  query YearMeetings($id: ID!, $from: DateTime!) {
    council(id: $id) {
      id
      meetings(first: 60, from: $from) {
        edges {
          node {
            id
            startsAt
            status
          }
        }
      }
    }
  }
`);
