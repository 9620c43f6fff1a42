// The page shell's shared state: whether the main region is loading (aria-busy), and what
// the polite live region tells screen-reader users.
import { untrack } from 'svelte';
import { t } from '../i18n';

let loading = $state(0);
let announcement = $state('');

export const shell = {
  /** Whether something in the main region is still loading. */
  get busy(): boolean {
    return loading > 0;
  },
  /** What the live region says now. */
  get announcement(): string {
    return announcement;
  },
};

/**
 * Marks the main region busy until the returned function is called. The count is read and
 * written untracked: called from an effect (a Loading component's), a tracked read would
 * make every Loading on the page start again whenever another one comes or goes, until
 * Svelte gives up (effect_update_depth_exceeded).
 */
export function startLoading(): () => void {
  untrack(() => (loading += 1));
  let done = false;
  return () => {
    if (!done) untrack(() => (loading -= 1));
    done = true;
  };
}

/** Tells screen-reader users something without moving focus (the page's polite live region). */
export function announce(text: string): void {
  // Emptied first, so that the same words twice are heard twice.
  announcement = '';
  setTimeout(() => {
    announcement = text;
  }, 100);
}

/** The document's title: the page's name, then Samråd's. */
export function setTitle(page: string): void {
  document.title = page ? t('app.pageTitle', { page }) : t('app.name');
}

/**
 * Moves focus to the page's heading when what had it is gone (a list item or button a change
 * removed), without scrolling: the page stays where the user is reading.
 */
export function keepFocusOnPage(): void {
  const active = document.activeElement;
  if (active && active !== document.body && active.isConnected) return;
  document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
}

/**
 * Keeps the user's place across a change made from a control (a form's button): remembers the
 * control that has the focus and where it is on the page, and returns a function that, once the
 * change is shown, gives the focus back to it without scrolling when the change took it away (a
 * button disabled while its form is sent), and scrolls by as much as what was drawn above it
 * (a new row in a list) moved it, so that it stays where the user has it on the screen.
 */
export function keepPlace(): () => void {
  const had = document.activeElement;
  const control = had instanceof HTMLElement && had !== document.body ? had : null;
  const top = control ? control.getBoundingClientRect().top + window.scrollY : 0;
  return () => {
    if (!control?.isConnected) return;
    const now = document.activeElement;
    if (now === null || now === document.body) control.focus({ preventScroll: true });
    if (document.activeElement !== control) return;
    const moved = control.getBoundingClientRect().top + window.scrollY - top;
    if (Math.abs(moved) >= 1) window.scrollBy(0, moved);
  };
}
