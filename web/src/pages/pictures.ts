import { graphql } from '../gql';
import type { Classification, PlaceCategory, Trend } from '../gql/graphql';
import { ApiError, request } from '../api';
import { h, loading, show } from '../dom';
import { formatDate, t, tDynamic } from '../i18n';

const Pictures = graphql(`
  query Pictures {
    situationPictures(first: 50) {
      edges {
        node {
          id
          area
          periodStart
          periodEnd
          classification
          author {
            name
          }
        }
      }
    }
    councils(first: 50) {
      edges {
        node {
          id
          name
        }
      }
    }
    organisations(first: 100) {
      edges {
        node {
          id
          name
          kind
        }
      }
    }
    places(first: 100) {
      edges {
        node {
          id
          name
          district
        }
      }
    }
  }
`);

const CreatePicture = graphql(`
  mutation CreatePicture($input: CreateSituationPictureInput!) {
    createSituationPicture(input: $input) {
      id
    }
  }
`);

const Publish = graphql(`
  mutation PublishPicture($id: ID!) {
    publishSituationPicture(id: $id) {
      id
    }
  }
`);

const Picture = graphql(`
  query Picture($id: ID!) {
    situationPicture(id: $id) {
      id
      area
      periodStart
      periodEnd
      classification
      summary
      author {
        name
      }
      recipients {
        name
      }
      entries {
        category
        trend
        perceivedSafety
        place {
          id
          name
          district
          latitude
          longitude
        }
      }
    }
  }
`);

const CATEGORIES: PlaceCategory[] = [
  'DRUG_DEALING',
  'VIOLENCE',
  'VANDALISM',
  'GANG_RELATED',
  'PUBLIC_DISORDER',
  'UNSAFE_ENVIRONMENT',
  'OTHER',
];
const TRENDS: Trend[] = ['RISING', 'STABLE', 'FALLING'];
const CLASSES: Classification[] = ['OPEN', 'COUNCIL', 'RESTRICTED'];

function checkbox(name: string, id: string, value: string, label: string): { box: HTMLInputElement; el: HTMLElement } {
  const box = h('input', { type: 'checkbox', id, name, value }) as HTMLInputElement;
  return { box, el: h('div', { class: 'check' }, box, h('label', { for: id }, label)) };
}

/** The situation pictures the reader may see, and a form to publish one. */
export async function picturesPage(navigate: (path: string) => void): Promise<void> {
  loading(t('state.loading'));
  const data = await request(Pictures);
  const pictures = data.situationPictures.edges.map((e) => e.node);
  const error = h('p', { role: 'alert', class: 'error', id: 'picture-error' });
  const area = h('input', { id: 'area', name: 'area', required: true }) as HTMLInputElement;
  const from = h('input', { id: 'from', name: 'from', type: 'date', required: true }) as HTMLInputElement;
  const to = h('input', { id: 'to', name: 'to', type: 'date', required: true }) as HTMLInputElement;
  const summary = h('textarea', { id: 'summary', name: 'summary', rows: '4' }) as HTMLTextAreaElement;
  const classes = CLASSES.map((c, i) => {
    const radio = h('input', {
      type: 'radio',
      id: `class-${c}`,
      name: 'classification',
      value: c,
      checked: i === 0,
    }) as HTMLInputElement;
    return {
      c,
      radio,
      el: h('div', { class: 'check' }, radio, h('label', { for: `class-${c}` }, tDynamic(`class.${c}`))),
    };
  });
  const councils = data.councils.edges.map((e) => ({
    ...e.node,
    ...checkbox('councils', `council-${e.node.id}`, e.node.id, e.node.name),
  }));
  const orgs = data.organisations.edges
    .map((e) => e.node)
    .filter((o) => !['YOUTH_COUNCIL', 'ADVISORY_COUNCIL', 'STUDENT_FORUM'].includes(o.kind))
    .map((o) => ({ ...o, ...checkbox('organisations', `org-${o.id}`, o.id, o.name) }));
  const places = data.places.edges.map((e) => {
    const p = e.node;
    const pick = checkbox('places', `place-${p.id}`, p.id, p.district ? `${p.name} (${p.district})` : p.name);
    const category = h(
      'select',
      { id: `cat-${p.id}`, 'aria-label': t('pictures.category', { place: p.name }) },
      CATEGORIES.map((c) => h('option', { value: c }, tDynamic(`cat.${c}`))),
    ) as HTMLSelectElement;
    const trend = h(
      'select',
      { id: `trend-${p.id}`, 'aria-label': t('pictures.trend', { place: p.name }) },
      TRENDS.map((c) => h('option', { value: c }, tDynamic(`trend.${c}`))),
    ) as HTMLSelectElement;
    return { p, pick, category, trend, el: h('div', { class: 'place-row' }, pick.el, category, trend) };
  });
  const submit = h('button', { type: 'submit' }, t('pictures.publish')) as HTMLButtonElement;
  const form = h(
    'form',
    {
      'aria-describedby': 'picture-error',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        submit.disabled = true;
        error.textContent = '';
        const classification = classes.find((c) => c.radio.checked)?.c ?? 'OPEN';
        try {
          const input = {
            area: area.value,
            periodStart: from.value,
            periodEnd: to.value,
            classification,
            summary: summary.value,
            councilIds: classification === 'RESTRICTED' ? [] : councils.filter((c) => c.box.checked).map((c) => c.id),
            organisationIds: classification === 'RESTRICTED' ? orgs.filter((o) => o.box.checked).map((o) => o.id) : [],
            entries: places
              .filter((x) => x.pick.box.checked)
              .map((x) => ({
                placeId: x.p.id,
                category: x.category.value as PlaceCategory,
                trend: x.trend.value as Trend,
                perceivedSafety: 3,
              })),
          };
          const created = await request(CreatePicture, { input });
          await request(Publish, { id: created.createSituationPicture.id });
          navigate(`/lagesbilder/${created.createSituationPicture.id}`);
        } catch (e) {
          error.textContent = tDynamic(`error.${e instanceof ApiError ? e.code : 'INTERNAL'}`);
          submit.disabled = false;
        }
      },
    },
    h('label', { for: 'area' }, t('pictures.area')),
    area,
    h('label', { for: 'from' }, t('pictures.from')),
    from,
    h('label', { for: 'to' }, t('pictures.to')),
    to,
    h('label', { for: 'summary' }, t('pictures.summary')),
    summary,
    h(
      'fieldset',
      {},
      h('legend', {}, t('pictures.classification')),
      classes.map((c) => c.el),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('pictures.councils')),
      councils.map((c) => c.el),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('pictures.organisations')),
      orgs.map((o) => o.el),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('pictures.places')),
      places.map((x) => x.el),
    ),
    submit,
  );
  show(
    h('h1', {}, t('pictures.title')),
    pictures.length
      ? h(
          'ul',
          {},
          pictures.map((p) =>
            h(
              'li',
              {},
              h('a', { href: `/lagesbilder/${p.id}` }, p.area),
              ` – ${formatDate(p.periodStart)}–${formatDate(p.periodEnd)} · ${tDynamic(`class.${p.classification}`)} · ${t('pictures.by')} ${p.author?.name ?? ''}`,
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('pictures.none')),
    h('h2', {}, t('pictures.new')),
    form,
    error,
  );
}

/** Places drawn on an SVG without map tiles; the table next to it carries the same facts. */
function map(points: { name: string; lat: number; lon: number; trend: string }[]): SVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const width = 480;
  const height = 320;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t('pictures.mapLabel', { count: String(points.length) }));
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const [minLat, maxLat, minLon, maxLon] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  const pad = 40;
  // One place, or places on a line, sit in the middle of the axis without spread.
  const x = (lon: number) =>
    maxLon - minLon < 1e-9 ? width / 2 : pad + ((lon - minLon) / (maxLon - minLon)) * (width - 2 * pad);
  const y = (lat: number) =>
    maxLat - minLat < 1e-9 ? height / 2 : height - pad - ((lat - minLat) / (maxLat - minLat)) * (height - 2 * pad);
  const frame = document.createElementNS(ns, 'rect');
  Object.entries({
    x: '0',
    y: '0',
    width: String(width),
    height: String(height),
    fill: '#eef3f7',
    stroke: '#767676',
  }).forEach(([k, v]) => frame.setAttribute(k, v));
  svg.append(frame);
  for (const p of points) {
    const dot = document.createElementNS(ns, 'circle');
    const colour = p.trend === 'RISING' ? '#a4000f' : p.trend === 'FALLING' ? '#1d6b2f' : '#4a4a4a';
    Object.entries({ cx: String(x(p.lon)), cy: String(y(p.lat)), r: '7', fill: colour }).forEach(([k, v]) =>
      dot.setAttribute(k, v),
    );
    const label = document.createElementNS(ns, 'text');
    Object.entries({ x: String(x(p.lon) + 10), y: String(y(p.lat) + 4), 'font-size': '13', fill: '#1b1b1b' }).forEach(
      ([k, v]) => label.setAttribute(k, v),
    );
    label.textContent = p.name;
    svg.append(dot, label);
  }
  return svg;
}

/** One situation picture: facts, a map, and the places as a table. */
export async function picturePage(id: string): Promise<void> {
  loading(t('state.loading'));
  const p = (await request(Picture, { id })).situationPicture;
  const points = p.entries.flatMap((e) =>
    e.place ? [{ name: e.place.name, lat: e.place.latitude, lon: e.place.longitude, trend: e.trend }] : [],
  );
  show(
    h('h1', {}, p.area),
    h(
      'dl',
      {},
      h('dt', {}, t('pictures.period')),
      h('dd', {}, `${formatDate(p.periodStart)}–${formatDate(p.periodEnd)}`),
      h('dt', {}, t('pictures.classification')),
      h(
        'dd',
        {},
        tDynamic(`class.${p.classification}`),
        p.recipients.length ? `: ${p.recipients.map((r) => r.name).join(', ')}` : '',
      ),
      h('dt', {}, t('pictures.by')),
      h('dd', {}, p.author?.name ?? ''),
    ),
    h('p', {}, p.summary),
    h('h2', {}, t('pictures.map')),
    points.length ? map(points) : null,
    h(
      'table',
      {},
      h('caption', {}, t('pictures.table')),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [t('pictures.place'), t('pictures.categoryColumn'), t('pictures.trendColumn'), t('pictures.safety')].map(
            (c) => h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        p.entries.map((e) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, e.place?.name ?? ''),
            h('td', {}, tDynamic(`cat.${e.category}`)),
            h('td', {}, tDynamic(`trend.${e.trend}`)),
            h('td', {}, String(e.perceivedSafety)),
          ),
        ),
      ),
    ),
  );
}
