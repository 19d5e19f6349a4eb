// The frame of every signed-in screen: product name, the officer, navigation, sign-out, and the screen.
import { useEffect } from 'react';
import { Button, RouterProvider as AriaRouterProvider } from 'react-aria-components';
import {
  Navigate,
  NavLink,
  Outlet,
  useHref,
  useLocation,
  useNavigate,
  type NavigateOptions,
} from 'react-router';
import { setUnauthorisedHandler } from '../api/http';
import { isAdmin, SESSION_KEY, useSession, useSignOut } from '../api/session';
import { useQueryClient } from '@tanstack/react-query';
import { OFFICER_TIME_ZONE } from '../ui/DateTime';
import { ErrorMessage, Loading } from '../ui/QueryState';

declare module 'react-aria-components' {
  interface RouterConfig {
    routerOptions: NavigateOptions;
  }
}

export function AppLayout() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const signOut = useSignOut();

  // A session that ends while a screen is open (idle timeout, signed out in another tab) leads back to
  // the sign-in form, which then returns here.
  useEffect(() => {
    setUnauthorisedHandler(() => client.setQueryData(SESSION_KEY, null));
    return () => setUnauthorisedHandler(null);
  }, [client]);

  if (session.isPending) return <Loading label="Opening the portal…" />;
  if (session.isError)
    return (
      <main className="page">
        <ErrorMessage error={session.error} onRetry={() => void session.refetch()} />
      </main>
    );
  if (!session.data) {
    const next = location.pathname + location.search;
    return <Navigate to={`/sign-in${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  const operator = session.data.operator;

  return (
    <AriaRouterProvider navigate={(to, options) => void navigate(to, options)} useHref={useHref}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ✓
          </span>
          ConsentHub <span className="brand-sub">Customer Care</span>
        </div>
        <nav aria-label="Main" className="mainnav">
          <NavLink to="/consents">Consents</NavLink>
          <NavLink to="/customers">Customers</NavLink>
          <NavLink to="/audit">Audit log</NavLink>
          {isAdmin(session.data) && <NavLink to="/admin">Administration</NavLink>}
        </nav>
        <div className="whoami">
          <span className="officer" title={`Roles: ${operator.roles.join(', ')}`}>
            {operator.username}
          </span>
          <Button
            className="button button-ghost"
            isPending={signOut.isPending}
            onPress={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in') })}
          >
            Sign out
          </Button>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="footer">Times are shown in {OFFICER_TIME_ZONE}; hover a time for UTC.</footer>
    </AriaRouterProvider>
  );
}

export function RequireAdmin({ children }: { children: React.ReactNode }) {
  const session = useSession();
  if (!isAdmin(session.data))
    return (
      <div role="alert" className="banner banner-error">
        Administration needs the admin role.
      </div>
    );
  return <>{children}</>;
}
