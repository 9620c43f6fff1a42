import { graphql } from '../gql';
import type { GatheredBy, TargetGroup } from '../gql/graphql';
import { ApiError, request } from '../api';
import { h, loading, show } from '../dom';
import { formatDateTime, formatLocal, t, tDynamic } from '../i18n';

const Invitation = graphql(`
  query Invitation($token: String!) {
    invitation(token: $token) {
      councilName
      organisationName
      meetingTitle
      theme
      meetingStartsAtLocal
      inputDeadlineLocal
      submittedCount
      recentSubmissions {
        title
        submittedAt
      }
    }
  }
`);

const Submit = graphql(`
  mutation SubmitWithInvitation($token: String!, $name: String, $content: InputContentInput!) {
    submitInputWithInvitation(token: $token, authorName: $name, content: $content) {
      receiptPath
    }
  }
`);

const GROUPS: TargetGroup[] = [
  'YOUTH',
  'GIRLS_AND_YOUNG_WOMEN',
  'CHILDREN',
  'WOMEN',
  'ELDERLY',
  'PEOPLE_WITH_DISABILITIES',
  'DISTRICT_RESIDENTS',
  'LGBTQ',
  'NEW_ARRIVALS',
  'STUDENTS',
  'BUSINESS_OWNERS',
];
const GATHERED: GatheredBy[] = [
  'SAFETY_WALK',
  'SURVEY',
  'DIALOGUE_MEETING',
  'FOCUS_GROUP',
  'SCHOOL',
  'E_SERVICE',
  'ORGANISATION_VIEW',
];

/** Input through an invitation link: no account, a name is optional. */
export async function invitationPage(token: string): Promise<void> {
  loading(t('state.loading'));
  let invitation;
  try {
    invitation = (await request(Invitation, { token })).invitation;
  } catch {
    show(h('h1', {}, t('app.name')), h('p', { role: 'alert', class: 'error' }, t('invitation.invalid')));
    return;
  }
  const error = h('p', { id: 'form-error', role: 'alert', class: 'error' });
  const title = h('input', { id: 'title', name: 'title', required: true, maxlength: '200' }) as HTMLInputElement;
  const body = h('textarea', { id: 'body', name: 'body', required: true, rows: '8' }) as HTMLTextAreaElement;
  const groups = GROUPS.map((g) => {
    const box = h('input', { type: 'checkbox', id: `group-${g}`, name: 'groups', value: g }) as HTMLInputElement;
    return { g, box, el: h('div', { class: 'check' }, box, h('label', { for: `group-${g}` }, tDynamic(`group.${g}`))) };
  });
  const gathered = h(
    'select',
    { id: 'gathered', name: 'gathered' },
    GATHERED.map((g) => h('option', { value: g }, tDynamic(`gathered.${g}`))),
  ) as HTMLSelectElement;
  const name = h('input', { id: 'name', name: 'name', autocomplete: 'name', maxlength: '200' }) as HTMLInputElement;
  const anonymous = h('input', { type: 'checkbox', id: 'anonymous', name: 'anonymous' }) as HTMLInputElement;
  const submit = h('button', { type: 'submit' }, t('input.submit')) as HTMLButtonElement;
  const form = h(
    'form',
    {
      'aria-describedby': 'form-error',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        submit.disabled = true;
        error.textContent = '';
        try {
          const content = {
            title: title.value,
            body: body.value,
            targetGroups: groups.filter((x) => x.box.checked).map((x) => x.g),
            gatheredBy: gathered.value as GatheredBy,
            anonymous: anonymous.checked,
          };
          const result = await request(Submit, { token, name: name.value || null, content });
          const path = result.submitInputWithInvitation.receiptPath;
          show(
            h('h1', {}, t('input.thanks')),
            h('p', {}, t('input.receiptHelp')),
            h('p', {}, h('a', { href: path, id: 'receipt-link' }, t('input.receiptLink'))),
          );
        } catch (e) {
          error.textContent = tDynamic(`error.${e instanceof ApiError ? e.code : 'INTERNAL'}`);
          submit.disabled = false;
        }
      },
    },
    h('label', { for: 'title' }, t('input.title')),
    title,
    h('label', { for: 'body' }, t('input.body')),
    body,
    h(
      'fieldset',
      {},
      h('legend', {}, t('input.groups')),
      groups.map((x) => x.el),
    ),
    h('label', { for: 'gathered' }, t('input.gatheredBy')),
    gathered,
    h('label', { for: 'name' }, t('input.name')),
    name,
    h('div', { class: 'check' }, anonymous, h('label', { for: 'anonymous' }, t('input.anonymous'))),
    submit,
  );
  show(
    h('h1', {}, t('invitation.title', { council: invitation.councilName })),
    h(
      'dl',
      {},
      h('dt', {}, t('invitation.for')),
      h('dd', {}, invitation.organisationName),
      h('dt', {}, t('invitation.meeting')),
      h('dd', {}, `${invitation.meetingTitle}${invitation.theme ? ` (${invitation.theme})` : ''}`),
      invitation.inputDeadlineLocal ? h('dt', {}, t('invitation.deadline')) : null,
      invitation.inputDeadlineLocal ? h('dd', {}, formatLocal(invitation.inputDeadlineLocal)) : null,
    ),
    // Whoever holds the link sees what already came in through it before sending more.
    invitation.submittedCount > 0
      ? h(
          'section',
          { 'aria-labelledby': 'already' },
          h('h2', { id: 'already' }, t('invitation.already', { count: String(invitation.submittedCount) })),
          h(
            'ul',
            {},
            invitation.recentSubmissions.map((s) =>
              h('li', {}, `${s.title}${s.submittedAt ? ` – ${formatDateTime(s.submittedAt)}` : ''}`),
            ),
          ),
        )
      : null,
    form,
    error,
  );
}
