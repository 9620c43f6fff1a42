import { graphql } from '../../../gql';

export const ManageMeeting = graphql(`
  query ManageMeeting($id: ID!) {
    meeting(id: $id) {
      id
      version
      status
      startsAt
      title
      description
      location
      onlineUrl
      startsAtLocal
      endsAtLocal
      inputOpensAtLocal
      inputDeadlineLocal
      theme {
        id
      }
      agenda {
        id
        title
      }
      council {
        themes {
          id
          name
        }
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

/**
 * Inputs read per page for the triage board, which reads them all (`allPages`). Fifty: the
 * API takes at most 100 a page, but a page's complexity (size times fields per input) must
 * stay under the API's limit of 2,000, and an input here costs some 24.
 */
export const INPUT_PAGE = 50;

/** The meeting's inputs as the secretariat's triage board shows them, a page at a time. */
export const MeetingInputs = graphql(`
  query MeetingInputs($id: ID!, $first: Int!, $after: String) {
    meeting(id: $id) {
      id
      inputs(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            title
            body
            status
            targetGroups
            anonymous
            organisation {
              id
              name
            }
            theme {
              id
              name
            }
            agendaItem {
              id
              title
            }
            answer
            declineReason
            hidden
            redacted
          }
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

export const UpdateMeeting = graphql(`
  mutation UpdateMeetingUi($id: ID!, $v: Int!, $input: MeetingInput!) {
    updateMeeting(id: $id, expectedVersion: $v, input: $input) {
      id
      version
    }
  }
`);

export const CancelMeeting = graphql(`
  mutation CancelMeetingUi($id: ID!, $v: Int!, $reason: String!) {
    cancelMeeting(id: $id, expectedVersion: $v, reason: $reason) {
      id
      status
    }
  }
`);

export const UpdateItem = graphql(`
  mutation UpdateItemUi($id: ID!, $v: Int!, $input: AgendaItemInput!) {
    updateAgendaItem(id: $id, expectedVersion: $v, input: $input) {
      id
    }
  }
`);

export const RemoveItem = graphql(`
  mutation RemoveItemUi($id: ID!, $v: Int!) {
    removeAgendaItem(id: $id, expectedVersion: $v)
  }
`);

export const Reorder = graphql(`
  mutation ReorderUi($m: ID!, $v: Int!, $ids: [ID!]!) {
    reorderAgenda(meetingId: $m, expectedVersion: $v, itemIds: $ids) {
      id
    }
  }
`);

export const Accept = graphql(`
  mutation AcceptProposalUi($id: ID!, $v: Int!) {
    acceptProposal(id: $id, expectedVersion: $v) {
      id
      status
    }
  }
`);

export const DeclineProposal = graphql(`
  mutation DeclineProposalUi($id: ID!, $v: Int!, $reason: String!) {
    declineProposal(id: $id, expectedVersion: $v, reason: $reason) {
      id
      status
    }
  }
`);

export const Link = graphql(`
  mutation LinkInputUi($id: ID!, $item: ID!) {
    linkInputToAgendaItem(id: $id, agendaItemId: $item) {
      id
      status
    }
  }
`);

export const Discussed = graphql(`
  mutation DiscussedUi($id: ID!) {
    markInputDiscussed(id: $id) {
      id
      status
    }
  }
`);

export const DeclineInput = graphql(`
  mutation DeclineInputUi($id: ID!, $reason: String!) {
    declineInput(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

export const Hide = graphql(`
  mutation HideInputUi($id: ID!, $reason: String!) {
    hideInput(id: $id, reason: $reason) {
      id
      hidden
    }
  }
`);

export const Redact = graphql(`
  mutation RedactInputUi($id: ID!, $text: String!, $reason: String!) {
    redactInput(id: $id, redactedBody: $text, reason: $reason) {
      id
      redacted
    }
  }
`);

export const AllowLate = graphql(`
  mutation AllowLateUi($id: ID!) {
    allowLateInput(id: $id) {
      id
      status
    }
  }
`);

export const MeetingInvitations = graphql(`
  query MeetingInvitations($id: ID!) {
    meeting(id: $id) {
      id
      invitations {
        id
        organisation {
          name
        }
        expiresAt
        revoked
      }
    }
  }
`);

export const RevokeInvitation = graphql(`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      id
      revoked
    }
  }
`);

export const InputsCsv = graphql(`
  query InputsCsv($id: ID!) {
    meeting(id: $id) {
      id
      inputsCsv
    }
  }
`);
