// Every page and its address. The first pattern that matches wins; an address none
// matches shows the 404 page.
import type { Route } from './lib/router.svelte';
import AdminPage from './pages/admin/AdminPage.svelte';
import CouncilSettingsPage from './pages/admin/CouncilSettingsPage.svelte';
import CouncilsPage from './pages/admin/CouncilsPage.svelte';
import NewCouncilPage from './pages/admin/NewCouncilPage.svelte';
import NewOrganisationPage from './pages/admin/NewOrganisationPage.svelte';
import NewUserPage from './pages/admin/NewUserPage.svelte';
import OrganisationPage from './pages/admin/OrganisationPage.svelte';
import OrganisationsPage from './pages/admin/OrganisationsPage.svelte';
import UserPage from './pages/admin/UserPage.svelte';
import UsersPage from './pages/admin/UsersPage.svelte';
import ActionsPage from './pages/council/ActionsPage.svelte';
import FiguresPage from './pages/council/FiguresPage.svelte';
import MeetingsPage from './pages/council/MeetingsPage.svelte';
import MembersPage from './pages/council/MembersPage.svelte';
import OverviewPage from './pages/council/OverviewPage.svelte';
import CouncilPicturesPage from './pages/council/PicturesPage.svelte';
import HomePage from './pages/home/HomePage.svelte';
import InvitationPage from './pages/invitation/InvitationPage.svelte';
import LoginPage from './pages/login/LoginPage.svelte';
import { NO_FILTERS, readFilters } from './pages/meeting/manage/board';
import MeetingPage from './pages/meeting/MeetingPage.svelte';
import { MEETING_TABS } from './pages/meeting/tabs';
import NotificationsPage from './pages/notifications/NotificationsPage.svelte';
import OurOrganisationPage from './pages/organisation/OurOrganisationPage.svelte';
import PicturePage from './pages/pictures/PicturePage.svelte';
import PicturesPage from './pages/pictures/PicturesPage.svelte';
import NewPlacePage from './pages/places/NewPlacePage.svelte';
import PlacePage from './pages/places/PlacePage.svelte';
import PlacesPage from './pages/places/PlacesPage.svelte';
import PracticesPage from './pages/practices/PracticesPage.svelte';
import ReportPage from './pages/promises/ReportPage.svelte';
import PublicPromisePage from './pages/public/PublicPromisePage.svelte';
import PublishedPromisesPage from './pages/public/PublishedPromisesPage.svelte';
import PromisePage from './pages/promises/PromisePage.svelte';
import PromisesPage from './pages/promises/PromisesPage.svelte';
import ReportOccasionPage from './pages/promises/ReportOccasionPage.svelte';
import RequestsPage from './pages/requests/RequestsPage.svelte';
import ReceiptPage from './pages/receipt/ReceiptPage.svelte';
import SettingsPage from './pages/settings/SettingsPage.svelte';

export const routes: readonly Route[] = [
  // Whoever holds an invitation or a receipt link gives and follows input without an account.
  { pattern: '/inspel/:token', page: InvitationPage, public: true },
  {
    pattern: '/kvitto/:token',
    page: ReceiptPage,
    public: true,
    props: (params, search) => ({ token: params.token, sent: search.has('skickat') }),
  },
  // Published citizen promises are for everyone: their list and each promise's own page.
  { pattern: '/offentligt/medborgarloften', page: PublishedPromisesPage, public: true },
  { pattern: '/offentligt/medborgarloften/:id', page: PublicPromisePage, public: true },
  {
    pattern: '/login',
    page: LoginPage,
    public: true,
    props: (_, search) => ({ next: search.get('next') ?? '/', expired: search.has('expired') }),
  },
  { pattern: '/', page: HomePage },
  { pattern: '/aviseringar', page: NotificationsPage },
  { pattern: '/min-organisation', page: OurOrganisationPage },
  { pattern: '/installningar', page: SettingsPage },
  { pattern: '/lagesbilder', page: PicturesPage },
  // Places and their follow-ups, and information requests, under the situation pictures (before a picture's own address).
  { pattern: '/lagesbilder/platser', page: PlacesPage },
  { pattern: '/lagesbilder/platser/ny', page: NewPlacePage },
  { pattern: '/lagesbilder/platser/:id', page: PlacePage },
  { pattern: '/lagesbilder/forfragningar', page: RequestsPage },
  { pattern: '/lagesbilder/:id', page: PicturePage },
  { pattern: '/goda-exempel', page: PracticesPage },
  // A citizen promise's follow-up report, for its partners and secretariat.
  { pattern: '/medborgarloften/:id/rapport', page: ReportPage },
  // A council's workspace: one address per tab.
  { pattern: '/rad/:id', page: OverviewPage },
  { pattern: '/rad/:id/moten', page: MeetingsPage },
  {
    pattern: '/rad/:id/atgarder',
    page: ActionsPage,
    props: (params, search) => ({ id: params.id, overdue: search.has('forsenade') }),
  },
  { pattern: '/rad/:id/medlemmar', page: MembersPage },
  { pattern: '/rad/:id/lagesbilder', page: CouncilPicturesPage },
  { pattern: '/rad/:id/siffror', page: FiguresPage },
  { pattern: '/rad/:id/medborgarloften', page: PromisesPage },
  { pattern: '/rad/:id/installningar', page: CouncilSettingsPage },
  // A citizen promise (medborgarlöfte): its page (which says what a report just made came to),
  // and reporting an occasion of one of its activities.
  {
    pattern: '/medborgarloften/:id',
    page: PromisePage,
    props: (params, search) => ({ id: params.id, reported: search.has('rapporterat') }),
  },
  { pattern: '/medborgarloften/:id/rapportera', page: ReportOccasionPage },
  // The administration (platform admins; its pages refuse anyone else).
  { pattern: '/admin', page: AdminPage },
  { pattern: '/admin/anvandare', page: UsersPage },
  { pattern: '/admin/anvandare/ny', page: NewUserPage },
  { pattern: '/admin/anvandare/:id', page: UserPage },
  { pattern: '/admin/organisationer', page: OrganisationsPage },
  { pattern: '/admin/organisationer/ny', page: NewOrganisationPage },
  { pattern: '/admin/organisationer/:id', page: OrganisationPage },
  { pattern: '/admin/rad', page: CouncilsPage },
  { pattern: '/admin/rad/nytt', page: NewCouncilPage },
  // A meeting's tabs: the agenda at the meeting's own address, the others below it. The
  // inputs tab keeps the secretariat's board filters in its query string.
  ...MEETING_TABS.map(({ tab, path }) => ({
    pattern: path ? `/moten/:id/${path}` : '/moten/:id',
    page: MeetingPage,
    props: (params: Record<string, string>, search: URLSearchParams) => ({
      id: params.id,
      tab,
      filters: tab === 'inputs' ? readFilters(search) : NO_FILTERS,
    }),
    stay: (params: Record<string, string>) => `meeting:${params.id}`,
  })),
];
