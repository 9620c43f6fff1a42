// The GraphQL client: typed operations, the session's tokens, one refresh on expiry,
// and errors as codes the UI turns into plain Swedish.
import type { TypedDocumentString } from './gql/graphql';
import { graphql } from './gql';

export class ApiError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const ACCESS = 'samrad.access';
const REFRESH = 'samrad.refresh';
/** When this browser received the access token (its clock), to time the token's renewal. */
const RECEIVED = 'samrad.received';

export function signedIn(): boolean {
  return sessionStorage.getItem(ACCESS) !== null;
}

export function clearTokens(): void {
  sessionStorage.removeItem(ACCESS);
  sessionStorage.removeItem(REFRESH);
  sessionStorage.removeItem(RECEIVED);
}

const tokenListeners = new Set<() => void>();

/** Calls `listener` whenever new tokens are stored (a sign-in or a refresh); returns how to stop. */
export function onNewTokens(listener: () => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

export function storeTokens(access: string, refresh: string): void {
  sessionStorage.setItem(ACCESS, access);
  sessionStorage.setItem(REFRESH, refresh);
  sessionStorage.setItem(RECEIVED, String(Date.now()));
  for (const listener of [...tokenListeners]) listener();
}

/** The current access token, for the live connection (every request sends it itself). */
export function accessToken(): string | null {
  return sessionStorage.getItem(ACCESS);
}

/**
 * When the current access token expires and how long it lasts (ms), in this browser's time:
 * its lifetime counted from when it arrived, so that a computer clock set wrong does not
 * matter. Read from the token's `iat` and `exp` claims; null for a token that has none.
 */
export function accessExpiry(): { at: number; lifetime: number } | null {
  const payload = accessToken()?.split('.')[1];
  if (!payload) return null;
  let claims: { iat?: unknown; exp?: unknown };
  try {
    claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as typeof claims;
  } catch {
    return null;
  }
  if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') return null;
  const lifetime = (claims.exp - claims.iat) * 1000;
  const received = Number(sessionStorage.getItem(RECEIVED));
  return { at: received ? received + lifetime : claims.exp * 1000, lifetime };
}

const Logout = graphql(`
  mutation Logout {
    logout
  }
`);

const Refresh = graphql(`
  mutation Refresh($token: String!) {
    refresh(refreshToken: $token) {
      accessToken
      refreshToken
    }
  }
`);

type Body<R> = { data?: R | null; errors?: { message: string; extensions?: { code?: string } }[] };

async function send<R>(query: string, variables: unknown, token: string | null): Promise<Body<R>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError('NETWORK', 'network');
  }
  return (await response.json()) as Body<R>;
}

async function exchange(): Promise<boolean> {
  const token = sessionStorage.getItem(REFRESH);
  if (!token) return false;
  const body = await send<{ refresh: { accessToken: string; refreshToken: string } }>(
    Refresh.toString(),
    { token },
    null,
  );
  if (!body.data?.refresh) return false;
  storeTokens(body.data.refresh.accessToken, body.data.refresh.refreshToken);
  return true;
}

let refreshing: Promise<boolean> | null = null;

/**
 * Exchanges the refresh token for new tokens; false when the session is over. One exchange
 * at a time: the server takes a refresh token presented twice for a stolen one and ends the
 * session, so the live connection and a request that both find the token expired share one.
 */
export function refresh(): Promise<boolean> {
  refreshing ??= exchange().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Runs a typed operation; on an expired session it refreshes once, then gives up. */
export async function request<R, V>(doc: TypedDocumentString<R, V>, variables?: V): Promise<R> {
  let body = await send<R>(doc.toString(), variables ?? {}, sessionStorage.getItem(ACCESS));
  const code = () => body.errors?.[0]?.extensions?.code;
  if (code() === 'UNAUTHENTICATED' && signedIn() && (await refresh())) {
    body = await send<R>(doc.toString(), variables ?? {}, sessionStorage.getItem(ACCESS));
  }
  if (body.errors?.length) {
    const first = body.errors[0];
    throw new ApiError(first?.extensions?.code ?? 'INTERNAL', first?.message ?? 'error');
  }
  if (!body.data) throw new ApiError('INTERNAL', 'no data');
  return body.data;
}

/** Signs out: forgets the tokens at once, and ends the session on the server too (which
 * closes its live connections); an unreachable server does not keep anyone signed in. */
export async function logout(): Promise<void> {
  const token = sessionStorage.getItem(ACCESS);
  clearTokens();
  if (!token) return;
  try {
    await send(Logout.toString(), {}, token);
  } catch {
    // The tokens are gone from this browser; the session ends when its refresh token does.
  }
}
