import { graphql } from '../../gql';
import type { LiveEvent } from '../../live';

export const MeetingPage = graphql(`
  query MeetingPage($id: ID!) {
    meeting(id: $id) {
      id
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
        minutesAllotted
        presenter {
          name
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
  mutation GiveInput($meeting: ID!, $content: InputContentInput!) {
    createInput(input: { meetingId: $meeting, content: $content }) {
      id
      status
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
