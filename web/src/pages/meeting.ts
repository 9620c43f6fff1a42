import { graphql } from '../gql';
import type { AttendanceResponse, GatheredBy } from '../gql/graphql';
import { ApiError, request } from '../api';
import { h, loading, show } from '../dom';
import { formatDateTime, t, tDynamic } from '../i18n';
import { manageSections } from './manage';

const MeetingPage = graphql(`
  query MeetingPage($id: ID!) {
    meeting(id: $id) {
      id
      title
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

/** A council member prepares for a meeting: theme and agenda, RSVP, the organisation's input. */
export async function meetingPage(id: string): Promise<void> {
  loading(t('state.loading'));
  const data = await request(MeetingPage, { id });
  const m = data.meeting;
  const ours = data.myInputs.edges.map((e) => e.node).filter((i) => i.meeting?.id === m.id);

  const rsvpStatus = h('p', { role: 'status', id: 'rsvp-status' });
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
      rsvpStatus.textContent = t('meeting.rsvpSaved', { answer: label });
    } catch (e) {
      rsvpStatus.textContent = errorText(e);
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

  const inputStatus = h('p', { role: 'status', id: 'input-status' });
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
                inputStatus.textContent = errorText(e);
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
  show(
    h('h1', {}, m.title),
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
  );
}
