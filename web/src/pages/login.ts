import { graphql } from '../gql';
import { ApiError, request, storeTokens } from '../api';
import { h, show } from '../dom';
import { t, tDynamic } from '../i18n';

const Login = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      refreshToken
    }
  }
`);

export function loginPage(next: string, expired: boolean, navigate: (path: string) => void): void {
  const error = h('p', { id: 'login-error', role: 'alert', class: 'error' });
  const email = h('input', {
    id: 'email',
    name: 'email',
    type: 'email',
    autocomplete: 'username',
    required: true,
  }) as HTMLInputElement;
  const password = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  }) as HTMLInputElement;
  const submit = h('button', { type: 'submit' }, t('login.submit')) as HTMLButtonElement;
  const form = h(
    'form',
    {
      'aria-describedby': 'login-error',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        submit.disabled = true;
        error.textContent = '';
        try {
          const data = await request(Login, { email: email.value, password: password.value });
          storeTokens(data.login.accessToken, data.login.refreshToken);
          navigate(next);
        } catch (e) {
          error.textContent = tDynamic(`error.${e instanceof ApiError ? e.code : 'INTERNAL'}`);
          submit.disabled = false;
        }
      },
    },
    h('label', { for: 'email' }, t('login.email')),
    email,
    h('label', { for: 'password' }, t('login.password')),
    password,
    submit,
  );
  show(h('h1', {}, t('login.title')), expired ? h('p', { class: 'notice' }, t('login.expired')) : null, form, error);
}
