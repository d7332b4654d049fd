import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { api, data } from './api/client';
import type { Me } from './auth/me';
import { restoreSession } from './auth/session';
import { Shell } from './layout/shell';
import { NotFoundPage } from './pages/not-found';
import { PendingPage } from './pages/pending';
import { SignInPage } from './pages/sign-in';

/**
 * The console's pages. Signed-in pages sit under the pathless `app` route, which restores the
 * session (the refresh cookie) before anything renders and sends a stranger to /login. Pages
 * other than sign-in load on demand, so the first screen downloads only what it shows.
 */
interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } =>
    typeof search.redirect === 'string' && search.redirect.startsWith('/')
      ? { redirect: search.redirect }
      : {},
  component: SignInPage,
});

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ location }) => {
    const session = await restoreSession();
    if (!session) throw redirect({ to: '/login', search: { redirect: location.href } });
  },
  component: Shell,
});

export function meQuery(queryClient: QueryClient, sessionId: string) {
  return queryClient.ensureQueryData({
    queryKey: ['me', sessionId],
    queryFn: () => data(api.GET('/api/v1/me')),
    staleTime: 60_000,
  });
}

/** Operators land on their companies, everyone else on today's sales. */
const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: async ({ context }) => {
    const session = await restoreSession();
    const me: Me | undefined = session
      ? await meQuery(context.queryClient, session.sessionId)
      : undefined;
    throw redirect({ to: me?.company.kind === 'platform' ? '/platform/companies' : '/today' });
  },
});

const todayRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/today',
  // The store being looked at, kept in the address so a reload or a shared link keeps it.
  validateSearch: (search: Record<string, unknown>): { store?: string } =>
    typeof search.store === 'string' ? { store: search.store } : {},
}).lazy(() => import('./pages/today').then((page) => page.Route));

const onboardingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/platform/companies/new',
}).lazy(() => import('./pages/platform/onboarding').then((page) => page.Route));

const companyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/platform/companies/$companyId',
}).lazy(() => import('./pages/platform/company-detail').then((page) => page.Route));

const reportsRoute = createRoute({ getParentRoute: () => appRoute, path: '/reports' }).lazy(() =>
  import('./pages/reports/reports').then((page) => page.Route),
);

const catalogRoute = createRoute({ getParentRoute: () => appRoute, path: '/catalog' }).lazy(() =>
  import('./pages/catalog/products').then((page) => page.Route),
);

const storesRoute = createRoute({ getParentRoute: () => appRoute, path: '/stores' }).lazy(() =>
  import('./pages/stores/stores').then((page) => page.Route),
);

const staffRoute = createRoute({ getParentRoute: () => appRoute, path: '/staff' }).lazy(() =>
  import('./pages/staff/staff').then((page) => page.Route),
);

const auditRoute = createRoute({ getParentRoute: () => appRoute, path: '/audit' }).lazy(() =>
  import('./pages/audit/audit-log').then((page) => page.Route),
);

const salesRoute = createRoute({ getParentRoute: () => appRoute, path: '/sales' }).lazy(() =>
  import('./pages/sales/sales').then((page) => page.Route),
);

const shiftsRoute = createRoute({ getParentRoute: () => appRoute, path: '/shifts' }).lazy(() =>
  import('./pages/shifts/shifts').then((page) => page.Route),
);

const stockRoute = createRoute({ getParentRoute: () => appRoute, path: '/stock' }).lazy(() =>
  import('./pages/stock/stock').then((page) => page.Route),
);

const companiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/platform/companies',
}).lazy(() => import('./pages/platform/companies').then((page) => page.Route));

const monitoringRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/platform/monitoring',
}).lazy(() => import('./pages/platform/monitoring').then((page) => page.Route));

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    indexRoute,
    todayRoute,
    reportsRoute,
    catalogRoute,
    storesRoute,
    staffRoute,
    auditRoute,
    salesRoute,
    shiftsRoute,
    stockRoute,
    companiesRoute,
    onboardingRoute,
    companyRoute,
    monitoringRoute,
  ]),
]);

export function createConsoleRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // A page still loading shows so after a moment, rather than leaving the last page on screen.
    defaultPendingMs: 150,
    defaultPendingMinMs: 0,
    defaultPendingComponent: PendingPage,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createConsoleRouter>;
  }
}
