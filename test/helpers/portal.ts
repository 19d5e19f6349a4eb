// Portal API test helpers: sign in through the API and send requests with the session cookie, the CSRF
// header and a same-origin Origin, each of which a test may leave out or falsify.
import type { LightMyRequestResponse } from 'fastify';
import type { TestContext } from './test-context.js';

export const PORTAL = '/portal/api';
/** app.inject's Host is localhost:80, so the portal's own origin is this. */
export const PORTAL_ORIGIN = 'http://localhost:80';

export interface PortalSession {
  cookie: string;
  csrfToken: string;
  response: LightMyRequestResponse;
}

export async function signIn(t: TestContext, username: string, password: string): Promise<PortalSession> {
  const response = await t.app.inject({
    method: 'POST',
    url: `${PORTAL}/session`,
    headers: { origin: PORTAL_ORIGIN },
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in answered ${response.statusCode}: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'consenthub_portal');
  return { cookie: `consenthub_portal=${cookie!.value}`, csrfToken: response.json().csrfToken, response };
}

export interface PortalRequest {
  payload?: unknown;
  /** false leaves the header out; a string replaces it. */
  csrf?: string | false;
  origin?: string | false;
  headers?: Record<string, string>;
}

export function portal(
  t: TestContext,
  session: PortalSession | null,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  options: PortalRequest = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (session) headers.cookie = session.cookie;
  if (method !== 'GET') {
    if (options.origin !== false) headers.origin = options.origin ?? PORTAL_ORIGIN;
    if (options.csrf !== false && session) headers['x-csrf-token'] = options.csrf ?? session.csrfToken;
  }
  return t.app.inject({
    method,
    url: `${PORTAL}${path}`,
    headers,
    ...(options.payload !== undefined ? { payload: options.payload as object } : {}),
  });
}
