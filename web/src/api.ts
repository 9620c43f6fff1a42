// The GraphQL client: urql with its document cache, the session's tokens, one refresh on
// expiry, and errors as codes the UI turns into plain Swedish.
import {
  Client,
  cacheExchange,
  CombinedError,
  fetchExchange,
  stringifyDocument,
  type AnyVariables,
  type TypedDocumentNode,
} from '@urql/core';
import { graphql } from './gql';
import { tokensChanged, trackTokens } from './lib/tokens.svelte';

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

/** Whether someone is signed in; reactive in components (it follows sign-in and sign-out). */
export function signedIn(): boolean {
  trackTokens();
  return sessionStorage.getItem(ACCESS) !== null;
}

export function clearTokens(): void {
  sessionStorage.removeItem(ACCESS);
  sessionStorage.removeItem(REFRESH);
  sessionStorage.removeItem(RECEIVED);
  tokensChanged();
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
  tokensChanged();
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

type Body<R = unknown> = { data?: R | null; errors?: { message: string; extensions?: { code?: string } }[] };

/** One POST to /graphql with `token`; the body as it came. A server out of reach is NETWORK. */
async function send<R>(body: string, token: string | null): Promise<Body<R>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body });
  } catch {
    throw new ApiError('NETWORK', 'network');
  }
  try {
    return (await response.json()) as Body<R>;
  } catch {
    throw new ApiError('INTERNAL', 'not a GraphQL response');
  }
}

async function exchange(): Promise<boolean> {
  const token = sessionStorage.getItem(REFRESH);
  if (!token) return false;
  const body = await send<{ refresh: { accessToken: string; refreshToken: string } }>(
    JSON.stringify({ query: stringifyDocument(Refresh), variables: { token } }),
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

/**
 * urql's transport: sends the operation with the session's token; on an expired session it
 * refreshes once and sends it again, then gives up (the answer says UNAUTHENTICATED).
 */
async function authorisedFetch(_input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = typeof init?.body === 'string' ? init.body : '{}';
  let body = await send(request, accessToken());
  if (body.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED' && signedIn() && (await refresh())) {
    body = await send(request, accessToken());
  }
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
}

/**
 * The one client. Its document cache remembers each query's answer with the types in it; a
 * mutation whose answer has one of those types makes every query showing it load again.
 * Pages still ask the server afresh when they open (network-only), as they always have.
 */
export const client = new Client({
  url: '/graphql',
  exchanges: [cacheExchange, fetchExchange],
  fetch: authorisedFetch,
  preferGetMethod: false,
  requestPolicy: 'network-only',
});

/** The error as one code: the server's `extensions.code`, else NETWORK or INTERNAL. */
export function apiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof CombinedError) {
    const first = error.graphQLErrors[0];
    if (first) return new ApiError(String(first.extensions?.code ?? 'INTERNAL'), first.message);
    if (error.networkError instanceof ApiError) return error.networkError;
    return new ApiError('NETWORK', error.message);
  }
  return new ApiError('INTERNAL', String(error));
}

/** Runs a typed query once, asking the server (not the cache); throws ApiError. */
export async function request<R, V extends AnyVariables>(doc: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const result = await client.query(doc, variables, { requestPolicy: 'network-only' }).toPromise();
  if (result.error) throw apiError(result.error);
  if (!result.data) throw new ApiError('INTERNAL', 'no data');
  return result.data;
}

/** Runs a typed mutation; throws ApiError. The document cache reloads the queries it touches. */
export async function mutate<R, V extends AnyVariables>(doc: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const result = await client.mutation(doc, variables).toPromise();
  if (result.error) throw apiError(result.error);
  if (!result.data) throw new ApiError('INTERNAL', 'no data');
  return result.data;
}

/** Signs out: forgets the tokens at once, and ends the session on the server too (which
 * closes its live connections); an unreachable server does not keep anyone signed in. */
export async function logout(): Promise<void> {
  const token = sessionStorage.getItem(ACCESS);
  clearTokens();
  if (!token) return;
  try {
    await send(JSON.stringify({ query: stringifyDocument(Logout), variables: {} }), token);
  } catch {
    // The tokens are gone from this browser; the session ends when its refresh token does.
  }
}
