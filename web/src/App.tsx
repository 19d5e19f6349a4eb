// Routes under /portal. Every screen but sign-in needs a session; Administration needs role admin.
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { AppLayout, RequireAdmin } from './layout/AppLayout';
import { AdministrationPage } from './pages/AdministrationPage';
import { AuditLogPage } from './pages/AuditLogPage';
import { ConsentDetailPage } from './pages/ConsentDetailPage';
import { ConsentSearchPage } from './pages/ConsentSearchPage';
import { CustomerDetailPage } from './pages/CustomerDetailPage';
import { CustomerSearchPage } from './pages/CustomerSearchPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignInPage } from './pages/SignInPage';

const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignInPage /> },
    {
      element: <AppLayout />,
      children: [
        { index: true, element: <Navigate to="/consents" replace /> },
        { path: 'consents', element: <ConsentSearchPage /> },
        { path: 'consents/:consentId', element: <ConsentDetailPage /> },
        { path: 'customers', element: <CustomerSearchPage /> },
        { path: 'customers/:customerId', element: <CustomerDetailPage /> },
        { path: 'audit', element: <AuditLogPage /> },
        {
          path: 'admin',
          element: (
            <RequireAdmin>
              <AdministrationPage />
            </RequireAdmin>
          ),
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ],
  { basename: '/portal' },
);

export function App() {
  return <RouterProvider router={router} />;
}
