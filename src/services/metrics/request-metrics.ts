/**
 * Request metrics: one point per API request (route pattern, method, status, company, duration),
 * written off the hot path (no database write) and read back per time bucket and per route for
 * the operators' monitoring page. Two stores behind one interface:
 * - deployed: Workers Analytics Engine (`REQUEST_METRICS` binding, read through its SQL API);
 * - the local stack and the tests: a Durable Object with SQLite (`METRICS_LOG`), because
 *   `wrangler dev` accepts Analytics Engine writes but keeps nothing to query.
 */

export interface RequestMetric {
  /** Epoch milliseconds when the request arrived. */
  at: number;
  /** The route pattern that answered (`/api/v1/stores/:storeId`), never the raw path. */
  route: string;
  method: string;
  status: number;
  /** The caller's company once authenticated; null for anonymous requests. */
  companyId: string | null;
  durationMs: number;
}

export interface RequestMetricsQuery {
  from: Date;
  to: Date;
  /** The width of each bucket of the series, in minutes. */
  stepMinutes: number;
  companyId?: string;
  route?: string;
}

/** Counts and latency percentiles (nearest rank, in ms) of a set of requests. */
export interface RequestFigures {
  requests: number;
  /** 5xx answers. */
  serverErrors: number;
  /** 4xx answers (429 included). */
  clientErrors: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export interface RequestMetricsReport {
  /** Buckets with at least one request, oldest first; `at` is the bucket's start (ISO). */
  series: Array<RequestFigures & { at: string }>;
  /** Per route and method over the whole range, busiest first (at most `routeLimit`). */
  routes: Array<RequestFigures & { route: string; method: string }>;
  /** The same figures over the whole range. */
  totals: RequestFigures;
}

export const routeLimit = 100;

export interface RequestMetricsStore {
  /** Which store answers (shown to operators so they know where the numbers come from). */
  readonly source: 'analytics-engine' | 'local';
  /** Records a request; never throws and never delays the response. */
  record(metric: RequestMetric, waitUntil: (promise: Promise<unknown>) => void): void;
  query(query: RequestMetricsQuery): Promise<RequestMetricsReport>;
}

/** Server errors are what an alert counts; client errors are the caller's. */
export const isServerError = (status: number) => status >= 500;
export const isClientError = (status: number) => status >= 400 && status < 500;

/** The nearest-rank percentile of ascending `sorted` values (null when there are none). */
export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? null;
}

/** Figures of a group of requests, from their statuses and durations. */
export function figuresOf(requests: ReadonlyArray<{ status: number; durationMs: number }>) {
  const durations = requests.map((request) => request.durationMs).sort((a, b) => a - b);
  return {
    requests: requests.length,
    serverErrors: requests.filter((request) => isServerError(request.status)).length,
    clientErrors: requests.filter((request) => isClientError(request.status)).length,
    p50Ms: percentile(durations, 0.5),
    p95Ms: percentile(durations, 0.95),
    p99Ms: percentile(durations, 0.99),
  } satisfies RequestFigures;
}
