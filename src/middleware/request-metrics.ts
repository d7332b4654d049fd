import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppEnv, AuthedEnv } from '../env';
import { requestMetricsStore } from '../services/metrics/metrics-store';

/** What a request that matched no route is counted as (404s of unknown paths, scanners). */
export const unmatchedRoute = '(unmatched)';

/**
 * The route pattern that answered (`/api/v1/stores/:storeId`): the last matched route bound to a
 * method, not middleware (`ALL`). A 401 from `authenticate` still counts against its route.
 */
export function routePatternOf(c: Context): string {
  const routes = matchedRoutes(c).filter((route) => route.method !== 'ALL');
  return routes.at(-1)?.path ?? unmatchedRoute;
}

/** Records the finished request in the environment's metrics store, after the response. */
export function recordRequestMetric(c: Context<AppEnv>, startedAt: number): void {
  const store = requestMetricsStore(c.env);
  if (!store) return;
  const auth = (c.var as Partial<AuthedEnv['Variables']>).auth;
  store.record(
    {
      at: startedAt,
      route: routePatternOf(c),
      method: c.req.method,
      status: c.res.status,
      companyId: auth?.companyId ?? null,
      durationMs: Date.now() - startedAt,
    },
    (promise) => waitUntilOf(c)(promise),
  );
}

/** The request's waitUntil; an app called without an execution context just lets it run. */
function waitUntilOf(c: Context): (promise: Promise<unknown>) => void {
  try {
    const context = c.executionCtx;
    return (promise) => context.waitUntil(promise);
  } catch {
    return () => {};
  }
}
