// What runs while someone is signed in: the live connection and the bell's count.
import { signedIn } from '../api';
import { followUnread } from '../bell';
import { startLive, stopLive } from '../live';

let stopUnread: (() => void) | null = null;

/** Starts or stops what follows the session, as the session is now (call it on every visit). */
export function followSession(): void {
  if (signedIn()) {
    startLive();
    stopUnread ??= followUnread();
  } else {
    stopUnread?.();
    stopUnread = null;
    stopLive();
  }
}
