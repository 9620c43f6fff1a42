import { graphql } from '../../gql';
import type { CouncilAccess } from '../../gql/graphql';
import type { LiveEvent } from '../../live';

/**
 * What every reader of the meeting sees (an advisory body too): its header, the reader's access
 * to the council, and the reader's own inputs with their answers. The details (MeetingDetails)
 * are asked for only when the access allows them: the API refuses them to an advisory body.
 */
export const MeetingPage = graphql(`
  query MeetingPage($id: ID!) {
    meeting(id: $id) {
      id
      title
      status
      cancelReason
      startsAt
      endsAt
      location
      inputDeadline
      theme {
        name
      }
      council {
        name
        myAccess
      }
    }
    myInputs(first: 50) {
      edges {
        node {
          id
          title
          status
          answer
          declineReason
          meeting {
            id
          }
          attachments {
            id
            fileName
            sizeBytes
            downloadPath
          }
        }
      }
    }
  }
`);

/** The meeting's agenda, proposals, actions and minutes: members and the secretariat only. */
export const MeetingDetails = graphql(`
  query MeetingDetails($id: ID!) {
    meeting(id: $id) {
      id
      version
      status
      myAttendance {
        response
        substituteName
      }
      agenda {
        id
        title
        kind
        description
        minutesAllotted
        presenter {
          name
        }
      }
      proposals {
        id
        title
        kind
        description
        minutesAllotted
        status
        declineReason
        organisation {
          name
        }
      }
      actions {
        id
        title
        dueOn
        status
        overdue
        organisation {
          name
        }
      }
      minutes {
        status
        body
        comments {
          id
          body
          createdAt
          author {
            displayName
          }
        }
      }
    }
  }
`);

/** Whether a reader with this access to the council may see a meeting's details (the API's rule). */
export function seesDetails(access: CouncilAccess | null | undefined): boolean {
  return access === 'MEMBER' || access === 'MANAGE';
}

export const Respond = graphql(`
  mutation Respond($meeting: ID!, $response: AttendanceResponse!, $substitute: String) {
    respondToMeeting(meetingId: $meeting, response: $response, substituteName: $substitute) {
      response
      substituteName
    }
  }
`);

export const GiveInput = graphql(`
  mutation GiveInput($meeting: ID!, $content: InputContentInput!, $submit: Boolean! = true) {
    createInput(input: { meetingId: $meeting, content: $content, submit: $submit }) {
      id
      status
    }
  }
`);

export const SubmitDraft = graphql(`
  mutation SubmitDraftUi($id: ID!) {
    submitInput(id: $id) {
      id
      status
    }
  }
`);

export const Withdraw = graphql(`
  mutation WithdrawUi($id: ID!) {
    withdrawInput(id: $id) {
      id
      status
    }
  }
`);

export const Propose = graphql(`
  mutation ProposeUi($input: ProposeAgendaItemInput!) {
    proposeAgendaItem(input: $input) {
      id
      status
    }
  }
`);

export const Comment = graphql(`
  mutation CommentUi($m: ID!, $body: String!) {
    commentOnMinutes(meetingId: $m, body: $body) {
      id
    }
  }
`);

/** Whether a live event changes what the page for meeting `id` shows. */
export function concerns(id: string): (event: LiveEvent) => boolean {
  return (event) => {
    switch (event.kind) {
      case 'MEETING_CHANGED':
      case 'MEETING_CANCELLED':
      case 'AGENDA_CHANGED':
      case 'MINUTES_READY':
        return event.meeting?.id === id;
      // An input or action whose meeting is hidden from you may still be this one's.
      case 'INPUT_SUBMITTED':
      case 'INPUT_STATUS_CHANGED':
        return (event.input?.meeting?.id ?? id) === id;
      case 'ACTION_ASSIGNED':
        return (event.action?.meeting?.id ?? id) === id;
      default:
        return false;
    }
  };
}

export const AddAttachment = graphql(`
  mutation AddAttachment($input: ID!, $name: String!, $type: String!, $content: String!) {
    addInputAttachment(inputId: $input, fileName: $name, contentType: $type, contentBase64: $content) {
      id
    }
  }
`);
