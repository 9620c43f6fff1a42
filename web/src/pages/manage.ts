import { graphql } from '../gql';
import { ApiError, request } from '../api';
import { current, h } from '../dom';
import { formatDate, t, tDynamic } from '../i18n';

const Manage = graphql(`
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

const AddItem = graphql(`
  mutation AddItemUi($m: ID!, $v: Int!, $title: String!, $minutes: Int!) {
    addAgendaItem(meetingId: $m, expectedVersion: $v, input: { title: $title, minutesAllotted: $minutes }) {
      id
    }
  }
`);
const Invite = graphql(`
  mutation InviteUi($m: ID!, $o: ID!) {
    inviteToMeeting(meetingId: $m, organisationId: $o) {
      path
      organisation {
        name
      }
    }
  }
`);
const Acknowledge = graphql(`
  mutation AcknowledgeUi($ids: [ID!]!) {
    acknowledgeInputs(ids: $ids) {
      id
    }
  }
`);
const Answer = graphql(`
  mutation AnswerUi($id: ID!, $answer: String!) {
    answerInput(id: $id, answer: $answer) {
      id
    }
  }
`);
const Held = graphql(`
  mutation HeldUi($id: ID!, $v: Int!) {
    markMeetingHeld(id: $id, expectedVersion: $v) {
      id
    }
  }
`);
const SaveMinutes = graphql(`
  mutation SaveMinutesUi($m: ID!, $v: Int, $body: String!) {
    saveMinutes(meetingId: $m, expectedVersion: $v, body: $body) {
      version
    }
  }
`);
const Approve = graphql(`
  mutation ApproveUi($m: ID!, $v: Int!) {
    approveMinutes(meetingId: $m, expectedVersion: $v) {
      status
    }
  }
`);
const Assign = graphql(`
  mutation AssignUi($input: CreateActionInput!) {
    createAction(input: $input) {
      id
    }
  }
`);

const err = (e: unknown) => tDynamic(`error.${e instanceof ApiError ? e.code : 'INTERNAL'}`);

/** The secretariat's tools for one meeting, appended to the meeting page. */
export async function manageSections(meetingId: string, reload: () => Promise<void>): Promise<HTMLElement> {
  const m = (await request(Manage, { id: meetingId })).meeting;
  const status = h('p', { role: 'status', id: 'manage-status', 'data-keep': true });
  const run = async (work: () => Promise<unknown>, message = t('manage.saved')) => {
    try {
      await work();
      await reload();
      current(status).textContent = message;
    } catch (e) {
      current(status).textContent = err(e);
    }
  };
  const orgs = m.council?.memberships ?? [];

  const itemTitle = h('input', { id: 'item-title', required: true }) as HTMLInputElement;
  const itemMinutes = h('input', {
    id: 'item-minutes',
    type: 'number',
    min: '1',
    max: '600',
    value: '15',
  }) as HTMLInputElement;
  const agenda = h(
    'form',
    {
      onsubmit: (e: Event) => {
        e.preventDefault();
        void run(() =>
          request(AddItem, { m: m.id, v: m.version, title: itemTitle.value, minutes: Number(itemMinutes.value) }),
        );
      },
    },
    h('h3', {}, t('manage.addItem')),
    h('label', { for: 'item-title' }, t('manage.itemTitle')),
    itemTitle,
    h('label', { for: 'item-minutes' }, t('manage.itemMinutes')),
    itemMinutes,
    h('button', { type: 'submit' }, t('manage.add')),
  );

  const inviteOrg = h(
    'select',
    { id: 'invite-org' },
    orgs.map((x) => h('option', { value: x.organisation.id }, x.organisation.name)),
  ) as HTMLSelectElement;
  const inviteResult = h('div', { id: 'invite-result', 'data-keep': true });
  const invite = h(
    'form',
    {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          const r = (await request(Invite, { m: m.id, o: inviteOrg.value })).inviteToMeeting;
          const url = `${location.origin}${r.path ?? ''}`;
          const label = t('manage.inviteLink', { org: r.organisation?.name ?? '' });
          current(inviteResult).replaceChildren(
            h('label', { for: 'invite-link' }, label),
            h('input', { id: 'invite-link', readonly: true, value: url }),
          );
        } catch (er) {
          current(status).textContent = err(er);
        }
      },
    },
    h('h3', {}, t('manage.invite')),
    h('label', { for: 'invite-org' }, t('manage.inviteOrg')),
    inviteOrg,
    h('button', { type: 'submit' }, t('manage.inviteSubmit')),
    inviteResult,
  );

  const inputs = m.inputs.edges.map((e) => e.node);
  const fresh = inputs.filter((i) => i.status === 'SUBMITTED').map((i) => i.id);
  const triage = h(
    'section',
    { 'aria-labelledby': 'h-inputs' },
    h('h3', { id: 'h-inputs' }, t('manage.inputs')),
    fresh.length
      ? h(
          'button',
          { type: 'button', onclick: () => void run(() => request(Acknowledge, { ids: fresh })) },
          t('manage.acknowledgeAll'),
        )
      : null,
    inputs.length
      ? h(
          'ul',
          {},
          inputs.map((i) => {
            const box = h('textarea', { id: `answer-${i.id}`, rows: '2' }) as HTMLTextAreaElement;
            return h(
              'li',
              {},
              h('strong', {}, i.title),
              ` – ${i.organisation?.name ?? ''} · ${tDynamic(`status.${i.status}`)}`,
              h('p', {}, i.body),
              i.answer
                ? h('p', {}, `${t('meeting.answer')}: ${i.answer}`)
                : h(
                    'div',
                    {},
                    h('label', { for: `answer-${i.id}` }, t('manage.answerLabel', { title: i.title })),
                    box,
                    h(
                      'button',
                      {
                        type: 'button',
                        onclick: () => void run(() => request(Answer, { id: i.id, answer: box.value })),
                      },
                      t('manage.answer'),
                    ),
                  ),
            );
          }),
        )
      : h('p', { class: 'empty' }, t('manage.noInputs')),
  );

  const attendance = h(
    'section',
    { 'aria-labelledby': 'h-attendance' },
    h('h3', { id: 'h-attendance' }, t('manage.attendance')),
    h(
      'ul',
      {},
      m.attendanceByOrganisation.map((o) =>
        h(
          'li',
          {},
          `${o.organisation?.name ?? ''}: ${o.represented ? t('manage.represented') : t('manage.notRepresented')}`,
          o.attending.length ? ` (${o.attending.map((u) => u.displayName).join(', ')})` : '',
          o.substitutes.length ? ` (${o.substitutes.join(', ')})` : '',
        ),
      ),
    ),
  );

  const body = h('textarea', { id: 'minutes-body', rows: '6' }, m.minutes?.body ?? '') as HTMLTextAreaElement;
  const started = m.startsAt <= new Date().toISOString();
  const minutes = h(
    'section',
    { 'aria-labelledby': 'h-minutes' },
    h('h3', { id: 'h-minutes' }, t('manage.minutes')),
    m.status === 'SCHEDULED' && started
      ? h(
          'button',
          { type: 'button', onclick: () => void run(() => request(Held, { id: m.id, v: m.version })) },
          t('manage.markHeld'),
        )
      : null,
    m.minutes?.status === 'APPROVED'
      ? h('p', {}, t('manage.approved'))
      : h(
          'div',
          {},
          h('label', { for: 'minutes-body' }, t('manage.minutesBody')),
          body,
          h(
            'button',
            {
              type: 'button',
              onclick: () =>
                void run(() => request(SaveMinutes, { m: m.id, v: m.minutes?.version ?? null, body: body.value })),
            },
            t('manage.saveMinutes'),
          ),
          m.status === 'HELD' && m.minutes
            ? h(
                'button',
                {
                  type: 'button',
                  onclick: () =>
                    void run(() => request(Approve, { m: m.id, v: m.minutes?.version ?? 0 }), t('manage.approved')),
                },
                t('manage.approve'),
              )
            : null,
        ),
  );

  const actionTitle = h('input', { id: 'action-title', required: true }) as HTMLInputElement;
  const actionOrg = h(
    'select',
    { id: 'action-org' },
    orgs
      .filter((x) => x.role !== 'ADVISORY')
      .map((x) => h('option', { value: x.organisation.id }, x.organisation.name)),
  ) as HTMLSelectElement;
  const actionDue = h('input', { id: 'action-due', type: 'date', required: true }) as HTMLInputElement;
  const actions = h(
    'section',
    { 'aria-labelledby': 'h-actions' },
    h('h3', { id: 'h-actions' }, t('manage.actions')),
    h(
      'ul',
      {},
      m.actions.map((a) => h('li', {}, `${a.title} – ${a.organisation?.name ?? ''}, ${formatDate(a.dueOn)}`)),
    ),
    h(
      'form',
      {
        onsubmit: (e: Event) => {
          e.preventDefault();
          void run(() =>
            request(Assign, {
              input: {
                meetingId: m.id,
                organisationId: actionOrg.value,
                title: actionTitle.value,
                dueOn: actionDue.value,
              },
            }),
          );
        },
      },
      h('label', { for: 'action-title' }, t('manage.actionTitle')),
      actionTitle,
      h('label', { for: 'action-org' }, t('manage.actionOrg')),
      actionOrg,
      h('label', { for: 'action-due' }, t('manage.actionDue')),
      actionDue,
      h('button', { type: 'submit' }, t('manage.assign')),
    ),
  );

  return h(
    'section',
    { 'aria-labelledby': 'h-manage', class: 'manage' },
    h('h2', { id: 'h-manage' }, t('manage.title')),
    status,
    agenda,
    invite,
    triage,
    attendance,
    minutes,
    actions,
  );
}
