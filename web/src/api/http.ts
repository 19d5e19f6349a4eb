// The one fetch wrapper: same-origin cookie, the session's CSRF token on every change, and the API's
// {code, message, details} error body turned into an ApiError the screens can show.
import type { ApiErrorBody } from './types';

export const API_BASE = '/portal/api';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message for one field (query parameter or body property), to show next to it. */
  fieldError(path: string): string | undefined {
    return this.details.find((d) => d.path === path || d.path === `/${path}`)?.message;
  }
}

let csrfToken: string | null = null;
let onUnauthorised: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request of a signed-in officer comes back 401 (session idle or ended elsewhere). */
export function setUnauthorisedHandler(handler: (() => void) | null): void {
  onUnauthorised = handler;
}

type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(API_BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check the connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload ?? {}) as Partial<ApiErrorBody>;
    if (response.status === 401 && path !== '/session') onUnauthorised?.();
    throw new ApiError(
      response.status,
      error.code ?? 'http.' + response.status,
      error.message ?? `The server answered ${response.status}.`,
      error.details ?? [],
    );
  }
  return payload as T;
}
