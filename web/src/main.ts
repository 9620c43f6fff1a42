// Samråd's web UI: a client of the GraphQL API only. Path routing; the server answers
// every unknown path with index.html.
import { ApiError, clearTokens, logout, signedIn } from './api';
import { bell, followUnread } from './bell';
import { h, leavePage } from './dom';
import { lang, setLang, t, tDynamic } from './i18n';
import { startLive, stopLive } from './live';
import { councilPage } from './pages/council';
import { homePage } from './pages/home';
import { invitationPage } from './pages/invitation';
import { loginPage } from './pages/login';
import { meetingPage } from './pages/meeting';
import { notificationsPage } from './pages/notifications';
import { picturePage, picturesPage } from './pages/pictures';
import { receiptPage } from './pages/receipt';
import { settingsPage } from './pages/settings';

let stopUnread: (() => void) | null = null;

/** The live connection and the bell's count run while someone is signed in. */
function followSession(): void {
  if (signedIn()) {
    startLive();
    stopUnread ??= followUnread();
  } else {
    stopUnread?.();
    stopUnread = null;
    stopLive();
  }
}

function navigate(path: string): void {
  history.pushState(null, '', path);
  void route();
}

const here = (path: string) => (location.pathname === path ? 'page' : undefined);

function header(): void {
  const top = document.getElementById('top');
  if (!top) return;
  const switchLang = h(
    'button',
    {
      type: 'button',
      'aria-label': t('nav.languageLabel'),
      lang: lang() === 'sv' ? 'en' : 'sv',
      onclick: () => {
        setLang(lang() === 'sv' ? 'en' : 'sv');
        void route();
      },
    },
    t('nav.language'),
  );
  const signOut = signedIn()
    ? h(
        'button',
        {
          type: 'button',
          onclick: () => {
            void logout();
            navigate('/login');
          },
        },
        t('nav.logout'),
      )
    : null;
  top.replaceChildren(
    h(
      'nav',
      { 'aria-label': t('app.name') },
      h('a', { href: '/', class: 'brand' }, t('app.name')),
      signedIn() ? h('a', { href: '/lagesbilder' }, t('nav.pictures')) : null,
      signedIn() ? h('a', { href: '/installningar', 'aria-current': here('/installningar') }, t('nav.settings')) : null,
      h('span', { class: 'spacer' }),
      signedIn() ? bell(location.pathname === '/aviseringar') : null,
      switchLang,
      signOut,
    ),
  );
  const skip = document.querySelector('.skip');
  if (skip) skip.textContent = t('app.skip');
}

async function route(): Promise<void> {
  leavePage();
  document.documentElement.lang = lang();
  followSession();
  header();
  const path = location.pathname;
  const params = new URLSearchParams(location.search);
  try {
    const invitation = path.match(/^\/inspel\/([^/]+)$/);
    const receipt = path.match(/^\/kvitto\/([^/]+)$/);
    if (invitation?.[1]) return await invitationPage(decodeURIComponent(invitation[1]));
    if (receipt?.[1]) return await receiptPage(decodeURIComponent(receipt[1]));
    if (path === '/login') return loginPage(params.get('next') ?? '/', params.has('expired'), navigate);
    if (!signedIn()) return navigate(`/login?next=${encodeURIComponent(path)}`);
    if (path === '/aviseringar') return await notificationsPage();
    if (path === '/installningar') return await settingsPage();
    if (path === '/lagesbilder') return await picturesPage(navigate);
    const picture = path.match(/^\/lagesbilder\/([^/]+)$/);
    if (picture?.[1]) return await picturePage(decodeURIComponent(picture[1]));
    const council = path.match(/^\/rad\/([^/]+)$/);
    if (council?.[1]) return await councilPage(decodeURIComponent(council[1]));
    const meeting = path.match(/^\/moten\/([^/]+)$/);
    if (meeting?.[1]) return await meetingPage(decodeURIComponent(meeting[1]));
    return await homePage();
  } catch (e) {
    if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') {
      clearTokens();
      followSession();
      return navigate(`/login?expired&next=${encodeURIComponent(path)}`);
    }
    const main = document.getElementById('main');
    main?.replaceChildren(
      h('p', { role: 'alert', class: 'error' }, tDynamic(`error.${e instanceof ApiError ? e.code : 'INTERNAL'}`)),
    );
  }
}

document.addEventListener('click', (event) => {
  const link = (event.target as HTMLElement).closest('a');
  if (link && link.origin === location.origin && !link.hasAttribute('download') && !event.metaKey && !event.ctrlKey) {
    event.preventDefault();
    navigate(link.pathname + link.search);
  }
});
window.addEventListener('popstate', () => void route());
void route();
