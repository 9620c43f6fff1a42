import { graphql } from '../../../gql';

export const ManageMeeting = graphql(`
  query ManageMeeting($id: ID!) {
    meeting(id: $id) {
      id
      version
      status
      startsAt
      council {
        memberships {
          role
          organisation {
            id
            name
          }
        }
      }
      attendanceByOrganisation {
        organisation {
          name
        }
        represented
        attending {
          displayName
        }
        substitutes
      }
      inputs(first: 50) {
        edges {
          node {
            id
            title
            body
            status
            organisation {
              name
            }
            answer
          }
        }
      }
      minutes {
        version
        status
        body
      }
      actions {
        id
        title
        dueOn
        status
        organisation {
          name
        }
      }
    }
  }
`);

export const AddItem = graphql(`
  mutation AddItemUi($m: ID!, $v: Int!, $title: String!, $minutes: Int!) {
    addAgendaItem(meetingId: $m, expectedVersion: $v, input: { title: $title, minutesAllotted: $minutes }) {
      id
    }
  }
`);

export const Invite = graphql(`
  mutation InviteUi($m: ID!, $o: ID!) {
    inviteToMeeting(meetingId: $m, organisationId: $o) {
      path
      organisation {
        name
      }
    }
  }
`);

export const Acknowledge = graphql(`
  mutation AcknowledgeUi($ids: [ID!]!) {
    acknowledgeInputs(ids: $ids) {
      id
    }
  }
`);

export const Answer = graphql(`
  mutation AnswerUi($id: ID!, $answer: String!) {
    answerInput(id: $id, answer: $answer) {
      id
    }
  }
`);

export const Held = graphql(`
  mutation HeldUi($id: ID!, $v: Int!) {
    markMeetingHeld(id: $id, expectedVersion: $v) {
      id
    }
  }
`);

export const SaveMinutes = graphql(`
  mutation SaveMinutesUi($m: ID!, $v: Int, $body: String!) {
    saveMinutes(meetingId: $m, expectedVersion: $v, body: $body) {
      version
    }
  }
`);

export const Approve = graphql(`
  mutation ApproveUi($m: ID!, $v: Int!) {
    approveMinutes(meetingId: $m, expectedVersion: $v) {
      status
    }
  }
`);

export const Assign = graphql(`
  mutation AssignUi($input: CreateActionInput!) {
    createAction(input: $input) {
      id
    }
  }
`);
