import { graphql } from '../../gql';

/** The workspace's header, on every tab: who the council is and what the reader may do. */
export const CouncilHead = graphql(`
  query CouncilHead($id: ID!) {
    council(id: $id) {
      id
      name
      kind
      myAccess
      host {
        id
        name
      }
    }
  }
`);

/** Whether the API lets the reader see the council's figures (a refusal hides the tab). */
export const CanFigures = graphql(`
  query CouncilCanFigures($id: ID!, $year: Int!) {
    council(id: $id) {
      id
      feedback(year: $year) {
        overall {
          inputs
        }
      }
    }
  }
`);

/** Whether the API lets the reader see the council's follow-up actions (a refusal hides the tab). */
export const CanActions = graphql(`
  query CouncilCanActions($id: ID!) {
    council(id: $id) {
      id
      actions(first: 1) {
        pageInfo {
          hasNextPage
        }
      }
    }
  }
`);

/** What the secretariat's tools need: the themes and the cadence. */
export const CouncilPlanning = graphql(`
  query CouncilPlanning($id: ID!) {
    council(id: $id) {
      id
      meetingsPerYear
      themes {
        id
        name
      }
    }
  }
`);

/** Meetings a page at a time, by start time; `from` leaves out those that ended before it. */
export const Meetings = graphql(`
  query CouncilMeetings($id: ID!, $first: Int!, $after: String, $from: DateTime) {
    council(id: $id) {
      id
      meetings(first: $first, after: $after, from: $from) {
        edges {
          node {
            id
            title
            status
            startsAt
            inputDeadline
            version
            theme {
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
  }
`);

/** Follow-up actions a page at a time, by due date. */
export const Actions = graphql(`
  query CouncilActions($id: ID!, $first: Int!, $after: String, $overdueOnly: Boolean!) {
    council(id: $id) {
      id
      actions(first: $first, after: $after, overdueOnly: $overdueOnly) {
        edges {
          node {
            id
            title
            dueOn
            status
            overdue
            organisation {
              id
              name
            }
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
  }
`);

export const Memberships = graphql(`
  query CouncilMemberships($id: ID!) {
    council(id: $id) {
      id
      memberships {
        id
        role
        joinedOn
        organisation {
          id
          name
        }
      }
    }
  }
`);

/** Apart from the memberships: the API refuses advisory bodies the seats. */
export const Seats = graphql(`
  query CouncilSeats($id: ID!) {
    council(id: $id) {
      id
      seats {
        id
        role
        user {
          id
          displayName
        }
        organisation {
          id
        }
      }
    }
  }
`);

export const Pictures = graphql(`
  query CouncilPictures($id: ID!, $first: Int!, $after: String) {
    council(id: $id) {
      id
      situationPictures(first: $first, after: $after) {
        edges {
          node {
            id
            area
            periodStart
            periodEnd
            status
            classification
            author {
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
      status
      version
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

/** How many meetings, actions and pictures a tab lists at a time. */
export const PAGE_SIZE = 10;
