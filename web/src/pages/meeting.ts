import { graphql } from '../gql';
import type { AttendanceResponse, GatheredBy } from '../gql/graphql';
import { ApiError, request } from '../api';
import { current, h, loading, onLeave, show } from '../dom';
import { formatDateTime, t, tDynamic } from '../i18n';
import type { LiveEvent } from '../live';
import { refreshOnLive, type LiveRefresh } from '../liveRefresh';
import { manageSections } from './manage';

const MeetingPage = graphql(`
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

const Respond = graphql(`
  mutation Respond($meeting: ID!, $response: AttendanceResponse!, $substitute: String) {
    respondToMeeting(meetingId: $meeting, response: $response, substituteName: $substitute) {
      response
    }
  }
`);

const GiveInput = graphql(`
  mutation GiveInput($meeting: ID!, $content: InputContentInput!) {
    createInput(input: { meetingId: $meeting, content: $content }) {
      id
      status
    }
  }
`);

function errorText(e: unknown): string {
  return tDynamic(`error.${e instanceof ApiError ? e.code : 'INTERNAL'}`);
}

/** Whether a live event changes what the page for meeting `id` shows. */
function concerns(id: string): (event: LiveEvent) => boolean {
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

/** The meeting whose page follows live events, until the user leaves it. */
let following: { id: string; refresh: LiveRefresh } | null = null;

function follow(id: string): void {
  if (following?.id === id) return following.refresh.loadStarted();
  following?.refresh.stop();
  const refresh = refreshOnLive(concerns(id), () => build(id));
  following = { id, refresh };
  onLeave(() => {
    refresh.stop();
    if (following?.refresh === refresh) following = null;
  });
}

/** A council member prepares for a meeting: theme and agenda, RSVP, the organisation's input. */
export async function meetingPage(id: string): Promise<void> {
  loading(t('state.loading'));
  // Followed from before the load, so that nothing changed meanwhile is missed.
  follow(id);
  show(...(await build(id)));
}

/** The page's content, from the server's current data. */
async function build(id: string): Promise<Node[]> {
  const data = await request(MeetingPage, { id });
  const m = data.meeting;
  const ours = data.myInputs.edges.map((e) => e.node).filter((i) => i.meeting?.id === m.id);

  const rsvpStatus = h('p', { role: 'status', id: 'rsvp-status', 'data-keep': true });
  const substitute = h('input', { id: 'substitute', name: 'substitute', autocomplete: 'off' }) as HTMLInputElement;
  const answer = async (response: AttendanceResponse) => {
    try {
      await request(Respond, {
        meeting: m.id,
        response,
        substitute: response === 'SUBSTITUTE' ? substitute.value : null,
      });
      const label =
        response === 'ATTENDING'
          ? t('meeting.attending')
          : response === 'APOLOGIES'
            ? t('meeting.apologies')
            : t('meeting.substitute');
      current(rsvpStatus).textContent = t('meeting.rsvpSaved', { answer: label });
    } catch (e) {
      current(rsvpStatus).textContent = errorText(e);
    }
  };
  const rsvp = h(
    'section',
    { 'aria-labelledby': 'h-rsvp' },
    h('h2', { id: 'h-rsvp' }, t('meeting.rsvp')),
    h('button', { type: 'button', onclick: () => void answer('ATTENDING') }, t('meeting.attending')),
    ' ',
    h('button', { type: 'button', onclick: () => void answer('APOLOGIES') }, t('meeting.apologies')),
    h('label', { for: 'substitute' }, t('meeting.substituteName')),
    substitute,
    h('button', { type: 'button', onclick: () => void answer('SUBSTITUTE') }, t('meeting.substitute')),
    rsvpStatus,
  );

  const inputStatus = h('p', { role: 'status', id: 'input-status', 'data-keep': true });
  const title = h('input', { id: 'input-title', name: 'title', required: true, maxlength: '200' }) as HTMLInputElement;
  const body = h('textarea', { id: 'input-body', name: 'body', required: true, rows: '6' }) as HTMLTextAreaElement;
  const deadlinePassed =
    m.inputDeadline !== null && m.inputDeadline !== undefined && m.inputDeadline < new Date().toISOString();
  const giveInput = h(
    'section',
    { 'aria-labelledby': 'h-give' },
    h('h2', { id: 'h-give' }, t('meeting.giveInput')),
    deadlinePassed
      ? h('p', {}, t('meeting.deadlinePassed'))
      : h(
          'form',
          {
            onsubmit: async (event: Event) => {
              event.preventDefault();
              try {
                const content = {
                  title: title.value,
                  body: body.value,
                  gatheredBy: 'ORGANISATION_VIEW' as GatheredBy,
                  targetGroups: [],
                  anonymous: false,
                };
                await request(GiveInput, { meeting: m.id, content });
                await meetingPage(id);
                const status = document.getElementById('input-status');
                if (status) status.textContent = t('meeting.inputSaved');
              } catch (e) {
                current(inputStatus).textContent = errorText(e);
              }
            },
          },
          h('label', { for: 'input-title' }, t('input.title')),
          title,
          h('label', { for: 'input-body' }, t('input.body')),
          body,
          h('button', { type: 'submit' }, t('input.submit')),
        ),
    inputStatus,
  );

  const manage = m.council?.myAccess === 'MANAGE' ? await manageSections(m.id, () => meetingPage(id)) : null;
  return [
    h('h1', {}, m.title),
    m.status === 'CANCELLED'
      ? h(
          'p',
          { class: 'notice' },
          t('meeting.cancelled'),
          m.cancelReason ? ` ${t('meeting.cancelReason')}: ${m.cancelReason}` : '',
        )
      : null,
    h(
      'dl',
      {},
      h('dt', {}, t('meeting.when')),
      h('dd', {}, formatDateTime(m.startsAt)),
      m.location ? h('dt', {}, t('meeting.where')) : null,
      m.location ? h('dd', {}, m.location) : null,
      m.theme ? h('dt', {}, t('home.theme')) : null,
      m.theme ? h('dd', {}, m.theme.name) : null,
      m.inputDeadline ? h('dt', {}, t('invitation.deadline')) : null,
      m.inputDeadline ? h('dd', {}, formatDateTime(m.inputDeadline)) : null,
    ),
    h('h2', {}, t('meeting.agenda')),
    m.agenda.length
      ? h(
          'ol',
          {},
          m.agenda.map((item) =>
            h(
              'li',
              {},
              item.title,
              ` (${item.minutesAllotted} ${t('meeting.minutes')})`,
              item.presenter ? ` – ${item.presenter.name}` : '',
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('meeting.noAgenda')),
    rsvp,
    giveInput,
    h(
      'section',
      { 'aria-labelledby': 'h-ours' },
      h('h2', { id: 'h-ours' }, t('meeting.ourInputs')),
      ours.length
        ? h(
            'ul',
            {},
            ours.map((i) =>
              h(
                'li',
                {},
                h('strong', {}, i.title),
                ' – ',
                tDynamic(`status.${i.status}`),
                i.answer || i.declineReason
                  ? h('p', {}, `${t('meeting.answer')}: ${i.answer ?? i.declineReason ?? ''}`)
                  : null,
              ),
            ),
          )
        : h('p', { class: 'empty' }, t('meeting.noOurInputs')),
    ),
    manage,
  ].filter((node): node is HTMLElement => node !== null);
}
