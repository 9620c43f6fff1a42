import { graphql } from '../gql';
import { ApiError, request } from '../api';
import { h, loading, show } from '../dom';
import { formatDateTime, t, tDynamic } from '../i18n';

const CouncilPage = graphql(`
  query CouncilPage($id: ID!) {
    council(id: $id) {
      id
      name
      myAccess
      kind
      themes {
        name
      }
      meetings(first: 50) {
        edges {
          node {
            id
            title
            status
            startsAt
            version
          }
        }
      }
    }
  }
`);

const Regional = graphql(`
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

const PlanYear = graphql(`
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

const Schedule = graphql(`
  mutation ScheduleUi($id: ID!, $v: Int!) {
    scheduleMeeting(id: $id, expectedVersion: $v) {
      id
    }
  }
`);

const err = (e: unknown) => tDynamic(`error.${e instanceof ApiError ? e.code : 'INTERNAL'}`);

/** A council: its meetings, and for the secretariat the year planner. */
export async function councilPage(id: string): Promise<void> {
  loading(t('state.loading'));
  const c = (await request(CouncilPage, { id })).council;
  const manage = c.myAccess === 'MANAGE';
  const status = h('p', { role: 'status', id: 'council-status' });
  const year = h('input', {
    id: 'year',
    type: 'number',
    value: String(new Date().getFullYear() + 1),
  }) as HTMLInputElement;
  const themes = h(
    'textarea',
    { id: 'themes', rows: '4' },
    c.themes.map((x) => x.name).join('\n'),
  ) as HTMLTextAreaElement;
  const plan = h(
    'form',
    {
      onsubmit: async (event: Event) => {
        event.preventDefault();
        try {
          const list = themes.value
            .split('\n')
            .map((x) => x.trim())
            .filter(Boolean);
          const planned = await request(PlanYear, {
            input: { councilId: c.id, year: Number(year.value), themes: list },
          });
          const conflicts = planned.planYear.reduce((n, p) => n + p.conflicts.length, 0);
          await councilPage(id);
          const s = document.getElementById('council-status');
          if (s)
            s.textContent = `${t('council.planned', { count: String(planned.planYear.length) })} ${t('council.conflicts', { count: String(conflicts) })}`;
        } catch (e) {
          status.textContent = err(e);
        }
      },
    },
    h('label', { for: 'year' }, t('council.year')),
    year,
    h('label', { for: 'themes' }, t('council.themes')),
    themes,
    h('button', { type: 'submit' }, t('council.planSubmit')),
  );
  const meetings = c.meetings.edges.map((e) => e.node);
  const regional = c.kind === 'REGIONAL_NETWORK' ? (await request(Regional, { id: c.id })).regionalView : null;
  // What only this reader may read is never mixed into the shared view (it is put on a
  // screen at network meetings): it is listed apart, marked.
  const yoursAlone = (regional ?? []).filter((r) => r.alsoForYou);
  const regionalTable = regional
    ? h(
        'table',
        {},
        h('caption', {}, t('regional.caption')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [t('regional.member'), t('regional.picture'), t('regional.categories')].map((x) =>
              h('th', { scope: 'col' }, x),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          regional.map((r) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, r.organisation?.name ?? ''),
              h(
                'td',
                {},
                r.picture
                  ? [
                      h('a', { href: `/lagesbilder/${r.picture.id}` }, r.picture.area),
                      ` (${tDynamic(`classShort.${r.picture.classification}`)})`,
                    ]
                  : t('regional.none'),
              ),
              h(
                'td',
                {},
                r.categories
                  .map((x) => `${tDynamic(`cat.${x.category}`)}: ${x.rising} / ${x.stable} / ${x.falling}`)
                  .join('; '),
              ),
            ),
          ),
        ),
      )
    : null;
  show(
    h('h1', {}, c.name),
    h('h2', {}, t('council.meetings')),
    h(
      'ul',
      {},
      meetings.map((m) =>
        h(
          'li',
          {},
          h('a', { href: `/moten/${m.id}` }, m.title),
          ` – ${formatDateTime(m.startsAt)} · ${tDynamic(`meetingStatus.${m.status}`)} `,
          manage && m.status === 'DRAFT'
            ? h(
                'button',
                {
                  type: 'button',
                  onclick: async () => {
                    try {
                      await request(Schedule, { id: m.id, v: m.version });
                      await councilPage(id);
                    } catch (e) {
                      status.textContent = err(e);
                    }
                  },
                },
                t('council.schedule'),
              )
            : null,
        ),
      ),
    ),
    regionalTable ? h('h2', {}, t('regional.title')) : null,
    regionalTable,
    yoursAlone.length > 0 ? h('h2', {}, t('regional.yoursTitle')) : null,
    yoursAlone.length > 0 ? h('p', {}, t('regional.yoursNote')) : null,
    yoursAlone.length > 0
      ? h(
          'ul',
          { 'aria-label': t('regional.yoursTitle') },
          yoursAlone.map((r) =>
            h('li', {}, [
              `${r.organisation?.name ?? ''}: `,
              h('a', { href: `/lagesbilder/${r.alsoForYou?.id ?? ''}` }, r.alsoForYou?.area ?? ''),
              ` (${tDynamic(`classShort.${r.alsoForYou?.classification ?? 'RESTRICTED'}`)})`,
            ]),
          ),
        )
      : null,
    manage ? h('h2', {}, t('council.plan')) : null,
    manage ? plan : null,
    status,
  );
}
