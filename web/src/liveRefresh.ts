// Pages that follow live events: a background reload that keeps what the user is doing.
import { tick } from 'svelte';
import { t } from './i18n';
import { announce } from './lib/shell.svelte';
import { onLiveEvent, type LiveEvent } from './live';

/** Events close together (a change and its follow-ups) give one refresh. */
const SETTLE_MS = 300;

export type LiveRefresh = {
  /** The page started loading itself afresh (after the user's own change): what it loads is current. */
  loadStarted(): void;
  /** Stops following (the user left the page). */
  stop(): void;
};

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function isField(el: Element | null): el is Field {
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
}

/**
 * Whether the user has changed a field from what the page rendered into it: its value against
 * its default (components give a field that starts filled in its `defaultValue`).
 */
export function isDirty(el: Element | null): boolean {
  if (!isField(el) || el.disabled || ('readOnly' in el && el.readOnly)) return false;
  if (el instanceof HTMLSelectElement) {
    const options = [...el.options];
    if (el.multiple) return options.some((o) => o.selected !== o.defaultSelected);
    const initial = options.findIndex((o) => o.defaultSelected);
    return el.selectedIndex !== Math.max(initial, 0);
  }
  if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
    return el.checked !== el.defaultChecked;
  }
  return el.value !== el.defaultValue;
}

/**
 * Reloads what the page in main shows when an event it `concerns` arrives, or when the live
 * connection is back after a gap: `refresh` loads the page's queries again, the components
 * show the new answers in place (what the user typed, focus and scroll stay), and screen
 * readers hear that the page changed. While the focused field holds unsaved changes, the
 * refresh waits until focus leaves it. A failed refresh leaves the page as it is.
 */
export function refreshOnLive(concerns: (event: LiveEvent) => boolean, refresh: () => Promise<void>): LiveRefresh {
  const main = document.getElementById('main');
  /** When the oldest event not yet shown arrived. */
  let pendingSince: number | null = null;
  /** When the load now shown started. */
  let shownFrom = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let stopped = false;
  let waitingForFocus = false;

  const editing = () => {
    const active = document.activeElement;
    return active !== null && main !== null && main.contains(active) && isDirty(active);
  };
  const afterFocusLeaves = () => {
    waitingForFocus = false;
    schedule();
  };
  const schedule = () => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void run(), SETTLE_MS);
  };
  const changed = () => {
    pendingSince ??= Date.now();
    schedule();
  };

  async function run(): Promise<void> {
    if (stopped || running || pendingSince === null) return;
    if (pendingSince < shownFrom) {
      pendingSince = null;
      return;
    }
    if (editing()) {
      if (!waitingForFocus && main) {
        waitingForFocus = true;
        main.addEventListener('focusout', afterFocusLeaves, { once: true });
      }
      return;
    }
    running = true;
    pendingSince = null;
    const started = Date.now();
    const before = main?.textContent;
    try {
      await refresh();
      await tick();
      // The page's own reload, started meanwhile, speaks for itself.
      if (stopped || started < shownFrom) return;
      shownFrom = started;
      if (main?.textContent !== before) announce(t('live.updated'));
    } catch {
      // Keep what is shown; the next event, or the user, loads the page again.
    } finally {
      running = false;
      if (pendingSince !== null) schedule();
    }
  }

  const off = onLiveEvent((event) => {
    if (concerns(event)) changed();
  }, changed);
  return {
    loadStarted: () => {
      shownFrom = Date.now();
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      main?.removeEventListener('focusout', afterFocusLeaves);
      off();
    },
  };
}
