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

export function signedIn(): boolean {
  return sessionStorage.getItem(ACCESS) !== null;
}

export function storeTokens(access: string, refresh: string): void {
  sessionStorage.setItem(ACCESS, access);
  sessionStorage.setItem(REFRESH, refresh);
}

export function clearTokens(): void {
  sessionStorage.removeItem(ACCESS);
  sessionStorage.removeItem(REFRESH);
}

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

async function refresh(): Promise<boolean> {
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
