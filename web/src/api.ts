// The GraphQL client: urql with its document cache, the session's access token, one refresh
// on expiry, and errors as codes the UI turns into plain Swedish. The refresh token never
// reaches this code: /auth/login and /auth/refresh keep it in an HttpOnly cookie that only
// the server reads, so a new tab picks the session up and a script cannot steal it.
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
    /** The input field the error is about (the API's `extensions.field`), if it names one. */
    public readonly field: string | null = null,
  ) {
    super(message);
  }
}

const ACCESS = 'samrad.access';
/** When this browser received the access token (its clock), to time the token's renewal. */
const RECEIVED = 'samrad.received';

/** Whether someone is signed in; reactive in components (it follows sign-in and sign-out). */
export function signedIn(): boolean {
  trackTokens();
  return sessionStorage.getItem(ACCESS) !== null;
}

export function clearTokens(): void {
  sessionStorage.removeItem(ACCESS);
  sessionStorage.removeItem(RECEIVED);
  tokensChanged();
}

const tokenListeners = new Set<() => void>();

/** Calls `listener` whenever new tokens are stored (a sign-in or a refresh); returns how to stop. */
export function onNewTokens(listener: () => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

export function storeTokens(access: string): void {
  sessionStorage.setItem(ACCESS, access);
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

type ErrorBody = { errors?: { message: string; extensions?: { code?: string } }[] };

/** A JSON POST to one of the session endpoints (/auth/…); the status and the body. */
async function auth(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(`/auth/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError('NETWORK', 'network');
  }
  return { status: response.status, body: await response.json().catch(() => ({})) };
}

/** The access token of an answer from /auth/login or /auth/refresh, or the error it says. */
function accepted(answer: { status: number; body: unknown }): string {
  const body = answer.body as { accessToken?: unknown } & ErrorBody;
  if (answer.status === 200 && typeof body.accessToken === 'string') return body.accessToken;
  const first = body.errors?.[0];
  throw new ApiError(first?.extensions?.code ?? 'INTERNAL', first?.message ?? String(answer.status));
}

/** Signs in with email and password; the session's cookie is set by the server. */
export async function login(email: string, password: string): Promise<void> {
  storeTokens(accepted(await auth('login', { email, password })));
}

async function exchange(): Promise<boolean> {
  // Another tab may be refreshing the same cookie at this moment: the server then answers
  // 409 to the one that lost, and the cookie the winner got is in the jar a moment later.
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const answer = await auth('refresh', {});
    if (answer.status === 409) {
      await new Promise((resolve) => setTimeout(resolve, 150 * (attempt + 1)));
      continue;
    }
    if (answer.status !== 200) return false;
    storeTokens(accepted(answer));
    return true;
  }
  return false;
}

let refreshing: Promise<boolean> | null = null;

/**
 * Exchanges the refresh token for new tokens; false when the session is over. One exchange
 * at a time: the server takes a refresh token presented twice for a stolen one and ends the
 * session, so the live connection and a request that both find the token expired share one.
 */
export function refresh(): Promise<boolean> {
  // Tabs of one browser share the cookie: where the browser can, one tab refreshes at a time.
  const locked = (): Promise<boolean> =>
    navigator.locks ? navigator.locks.request('samrad-refresh', exchange).then((ok) => ok) : exchange();
  refreshing ??= locked().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/**
 * Picks up this browser's session in a tab that holds no access token yet (a new tab, a
 * reload): true when there is one. Without a session cookie it answers false at once.
 */
export async function resume(): Promise<boolean> {
  if (accessToken()) return true;
  try {
    return await refresh();
  } catch {
    return false;
  }
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
    if (first) {
      const field = first.extensions?.field;
      return new ApiError(
        String(first.extensions?.code ?? 'INTERNAL'),
        first.message,
        typeof field === 'string' ? field : null,
      );
    }
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
 * closes its live connections and clears the cookie); an unreachable server does not keep
 * anyone signed in on this page. */
export async function logout(): Promise<void> {
  const token = sessionStorage.getItem(ACCESS);
  clearTokens();
  try {
    if (token) await send(JSON.stringify({ query: stringifyDocument(Logout), variables: {} }), token);
    await auth('logout', {});
  } catch {
    // The token is gone from this page; the session ends when its cookie does.
  }
}
