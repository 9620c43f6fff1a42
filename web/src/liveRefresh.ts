// Pages that follow live events: a background re-render that keeps what the user is doing.
import { announce, isDirty, replaceKeepingState } from './dom';
import { t } from './i18n';
import { onLiveEvent, type LiveEvent } from './live';

/** Events close together (a change and its follow-ups) give one refresh. */
const SETTLE_MS = 300;

export type LiveRefresh = {
  /** The page started loading itself afresh (after the user's own change): what it loads is current. */
  loadStarted(): void;
  /** Stops following (the user left the page). */
  stop(): void;
};

/**
 * Re-renders the page shown in main when an event it `concerns` arrives, or when the live
 * connection is back after a gap: `render` builds the page afresh and it replaces the shown
 * one with the user's typing, focus and scroll kept, and screen readers hear that the page
 * changed. While the focused field holds unsaved changes, the refresh waits until focus
 * leaves it. A failed refresh leaves the page as it is.
 */
export function refreshOnLive(concerns: (event: LiveEvent) => boolean, render: () => Promise<Node[]>): LiveRefresh {
  const main = document.getElementById('main');
  /** When the oldest event not yet shown arrived. */
  let pendingSince: number | null = null;
  /** When the render now shown started loading. */
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
    const since = pendingSince;
    pendingSince = null;
    const started = Date.now();
    try {
      const nodes = await render();
      if (stopped || started < shownFrom) return;
      if (editing()) {
        // The user started typing meanwhile: try again when they leave the field.
        pendingSince = Math.min(pendingSince ?? since, since);
        return;
      }
      shownFrom = started;
      if (replaceKeepingState(...nodes)) announce(t('live.updated'));
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
