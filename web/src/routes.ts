// Every page and its address. The first pattern that matches wins; an address none
// matches shows the 404 page.
import type { Route } from './lib/router.svelte';
import CouncilPage from './pages/council/CouncilPage.svelte';
import HomePage from './pages/home/HomePage.svelte';
import InvitationPage from './pages/invitation/InvitationPage.svelte';
import LoginPage from './pages/login/LoginPage.svelte';
import MeetingPage from './pages/meeting/MeetingPage.svelte';
import NotificationsPage from './pages/notifications/NotificationsPage.svelte';
import PicturePage from './pages/pictures/PicturePage.svelte';
import PicturesPage from './pages/pictures/PicturesPage.svelte';
import ReceiptPage from './pages/receipt/ReceiptPage.svelte';
import SettingsPage from './pages/settings/SettingsPage.svelte';

export const routes: readonly Route[] = [
  // Whoever holds an invitation or a receipt link gives and follows input without an account.
  { pattern: '/inspel/:token', page: InvitationPage, public: true },
  { pattern: '/kvitto/:token', page: ReceiptPage, public: true },
  {
    pattern: '/login',
    page: LoginPage,
    public: true,
    props: (_, search) => ({ next: search.get('next') ?? '/', expired: search.has('expired') }),
  },
  { pattern: '/', page: HomePage },
  { pattern: '/aviseringar', page: NotificationsPage },
  { pattern: '/installningar', page: SettingsPage },
  { pattern: '/lagesbilder', page: PicturesPage },
  { pattern: '/lagesbilder/:id', page: PicturePage },
  { pattern: '/rad/:id', page: CouncilPage },
  { pattern: '/moten/:id', page: MeetingPage },
];
