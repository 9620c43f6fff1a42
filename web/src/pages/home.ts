import { graphql } from '../gql';
import { ApiError, request } from '../api';
import { h, loading, show } from '../dom';
import { formatDate, formatDateTime, t, tDynamic } from '../i18n';

const Home = graphql(`
  query Home($from: DateTime!) {
    me {
      displayName
    }
    councils(first: 20) {
      edges {
        node {
          id
          name
          myAccess
          meetings(first: 3, from: $from) {
            edges {
              node {
                id
                title
                startsAt
                inputDeadline
                status
                theme {
                  name
                }
              }
            }
          }
        }
      }
    }
    myInputs(first: 20) {
      edges {
        node {
          id
          title
          status
          meeting {
            title
          }
        }
      }
    }
  }
`);

const MarkDone = graphql(`
  mutation MarkDone($id: ID!) {
    updateActionStatus(id: $id, status: DONE) {
      id
      status
    }
  }
`);

const Overdue = graphql(`
  query Overdue($id: ID!) {
    council(id: $id) {
      actions(first: 20, overdueOnly: true) {
        edges {
          node {
            id
            title
            dueOn
            organisation {
              name
            }
          }
        }
      }
    }
  }
`);

function section(title: string, items: HTMLElement[], empty: string): HTMLElement {
  const id = `h-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return h(
    'section',
    { 'aria-labelledby': id },
    h('h2', { id }, title),
    items.length ? h('ul', {}, items) : h('p', { class: 'empty' }, empty),
  );
}

async function markDone(id: string): Promise<void> {
  try {
    await request(MarkDone, { id });
    await homePage();
    const main = document.getElementById('main');
    main?.prepend(h('p', { role: 'status', class: 'notice' }, t('action.doneSaved')));
  } catch (e) {
    const main = document.getElementById('main');
    main?.prepend(
      h('p', { role: 'alert', class: 'error' }, tDynamic(`error.${e instanceof ApiError ? e.code : 'INTERNAL'}`)),
    );
  }
}

export async function homePage(): Promise<void> {
  loading(t('state.loading'));
  const now = new Date().toISOString();
  const data = await request(Home, { from: now });
  const councils = data.councils.edges.map((e) => e.node);
  const meetings = councils.flatMap((c) => c.meetings.edges.map((m) => ({ council: c.name, ...m.node })));
  const upcoming = meetings
    .filter((m) => m.status === 'SCHEDULED')
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const deadlines = upcoming.filter((m) => m.inputDeadline && m.inputDeadline > now);
  const members = councils.filter((c) => c.myAccess !== 'ADVISORY');
  const overdue = (await Promise.all(members.map((c) => request(Overdue, { id: c.id })))).flatMap((r, i) =>
    (r.council.actions.edges ?? []).map((e) => ({ council: members[i]?.name ?? '', ...e.node })),
  );
  const waiting = data.myInputs.edges
    .map((e) => e.node)
    .filter((i) => !['ANSWERED', 'DECLINED', 'WITHDRAWN', 'DRAFT'].includes(i.status));
  show(
    h('h1', {}, t('home.title')),
    section(
      t('home.councils'),
      councils.map((c) => h('li', {}, h('a', { href: `/rad/${c.id}` }, c.name))),
      t('home.noCouncils'),
    ),
    section(
      t('home.upcoming'),
      upcoming.map((m) =>
        h(
          'li',
          {},
          h('a', { href: `/moten/${m.id}` }, m.title),
          ' – ',
          formatDateTime(m.startsAt),
          h('br'),
          m.council,
          m.theme ? ` · ${t('home.theme')}: ${m.theme.name}` : '',
        ),
      ),
      t('home.noUpcoming'),
    ),
    section(
      t('home.deadlines'),
      deadlines.map((m) => h('li', {}, m.title, ': ', formatDateTime(m.inputDeadline ?? ''))),
      t('home.noDeadlines'),
    ),
    section(
      t('home.overdue'),
      overdue.map((a) =>
        h(
          'li',
          {},
          h('strong', {}, a.title),
          ` (${a.organisation?.name ?? ''}) – ${t('home.due')} ${formatDate(a.dueOn)} `,
          h('button', { type: 'button', onclick: () => void markDone(a.id) }, t('action.done')),
        ),
      ),
      t('home.noOverdue'),
    ),
    section(
      t('home.unanswered'),
      waiting.map((i) => h('li', {}, i.title, ' – ', tDynamic(`status.${i.status}`))),
      t('home.noUnanswered'),
    ),
  );
}
