// Makes "who is signed in" reactive: api.ts keeps the tokens in sessionStorage (the source
// of truth) and reports every change here, so the header and the router follow a sign-in,
// a sign-out or an expired session without being told.

let version = $state(0);

/** Called by api.ts whenever the stored tokens change. */
export function tokensChanged(): void {
  version += 1;
}

/** Read by api.ts's `signedIn()`, so that whoever asks follows the answer. */
export function trackTokens(): void {
  void version;
}
