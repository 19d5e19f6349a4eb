// The officer's session: read once at start (a 401 means "show the sign-in form"), set by sign-in, ended by
// sign-out. The CSRF token travels with it into every change the screens make.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from './http';
import type { Session } from './types';

export const SESSION_KEY = ['session'] as const;

async function readSession(): Promise<Session | null> {
  try {
    const session = await api<Session>('GET', '/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: readSession, staleTime: Infinity, retry: 1 });
}

export function isAdmin(session: Session | null | undefined): boolean {
  return session?.operator.roles.includes('admin') ?? false;
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { username: string; password: string }) =>
      api<Session>('POST', '/session', credentials),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      client.clear();
      client.setQueryData(SESSION_KEY, session);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('DELETE', '/session'),
    // Whatever the server said, this browser forgets everything it showed.
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(SESSION_KEY, null);
    },
  });
}
