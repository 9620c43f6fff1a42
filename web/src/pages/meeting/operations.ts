import { graphql } from '../../gql';
import type { LiveEvent } from '../../live';

export const MeetingPage = graphql(`
  query MeetingPage($id: ID!) {
    meeting(id: $id) {
      id
      version
      title
      status
      cancelReason
      startsAt
      location
      inputDeadline
      theme {
        name
      }
      council {
        name
        myAccess
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

export const Respond = graphql(`
  mutation Respond($meeting: ID!, $response: AttendanceResponse!, $substitute: String) {
    respondToMeeting(meetingId: $meeting, response: $response, substituteName: $substitute) {
      response
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
