// The meeting page's tabs: each is its own address under /moten/:id, so a link, a reload and
// the back button keep it. The agenda is the meeting's own address, as it always was.

/** Which part of the meeting a tab shows. */
export type MeetingTab = 'agenda' | 'inputs' | 'attendance' | 'minutes' | 'actions' | 'meeting';

/**
 * The tabs in the order shown; `path` follows /moten/:id, `manage` ones are the secretariat's
 * only, `advisory` ones are also an advisory body's (which the API refuses the meeting's
 * agenda, attendance, minutes and actions: it gives input and sees the answers).
 */
export const MEETING_TABS: readonly { tab: MeetingTab; path: string; manage?: boolean; advisory?: boolean }[] = [
  { tab: 'agenda', path: '' },
  { tab: 'inputs', path: 'inspel', advisory: true },
  { tab: 'attendance', path: 'narvaro' },
  { tab: 'minutes', path: 'protokoll' },
  { tab: 'actions', path: 'atgarder' },
  { tab: 'meeting', path: 'motet', manage: true },
];

/** The address of `tab` on meeting `id`. */
export function tabHref(id: string, tab: MeetingTab): string {
  const path = MEETING_TABS.find((x) => x.tab === tab)?.path ?? '';
  return `/moten/${encodeURIComponent(id)}${path ? `/${path}` : ''}`;
}
