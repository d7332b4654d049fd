import { ApiError } from '../../lib/errors';
import type {
  RequestFigures,
  RequestMetricsQuery,
  RequestMetricsReport,
  RequestMetricsStore,
} from './request-metrics';
import { routeLimit } from './request-metrics';

/**
 * Request metrics in Workers Analytics Engine. Each request writes one data point (no await, no
 * database): index = the company (Analytics Engine samples per index, so one noisy tenant is
 * sampled on its own), blobs = route pattern, method, company, doubles = duration (ms), status.
 * Reads go through the SQL API with the account id (var) and a read-only token (secret), and
 * weight every row by `_sample_interval`, so sampled data still counts every request.
 */

export interface AnalyticsEngineSettings {
  dataset: AnalyticsEngineDataset;
  /** The dataset's name in SQL (wrangler.toml `dataset`). */
  datasetName: string;
  accountId?: string;
  apiToken?: string;
  fetcher?: typeof fetch;
}

const sqlEndpoint = (accountId: string) =>
  `https://api.cloudflare.com/client/v4/accounts/${accountId}/analytics_engine/sql`;

export function analyticsEngineRequestMetrics(
  settings: AnalyticsEngineSettings,
): RequestMetricsStore {
  return {
    source: 'analytics-engine',
    record(metric) {
      settings.dataset.writeDataPoint({
        indexes: [metric.companyId ?? 'anonymous'],
        blobs: [metric.route, metric.method, metric.companyId ?? ''],
        doubles: [metric.durationMs, metric.status],
      });
    },
    async query(query) {
      const { accountId, apiToken } = settings;
      if (!accountId || !apiToken) {
        throw new ApiError('SERVICE_UNAVAILABLE', { detail: { key: 'metrics.notConfigured' } });
      }
      const run = (statement: string) =>
        runSql(settings.fetcher ?? fetch, accountId, apiToken, statement);
      const [series, routes, totals] = await Promise.all([
        run(seriesSql(settings.datasetName, query)),
        run(routesSql(settings.datasetName, query)),
        run(totalsSql(settings.datasetName, query)),
      ]);
      return {
        series: series.map((row) => ({
          at: new Date(Number(row.bucket) * 1000).toISOString(),
          ...figuresFrom(row),
        })),
        routes: routes.map((row) => ({
          route: String(row.route),
          method: String(row.method),
          ...figuresFrom(row),
        })),
        totals: totals[0] ? figuresFrom(totals[0]) : emptyFigures,
      } satisfies RequestMetricsReport;
    },
  };
}

const emptyFigures: RequestFigures = {
  requests: 0,
  serverErrors: 0,
  clientErrors: 0,
  p50Ms: null,
  p95Ms: null,
  p99Ms: null,
};

/** A text literal for the SQL API: the values are validated before, and quoted here anyway. */
const literal = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

const figureColumns = `
  SUM(_sample_interval) AS requests,
  SUM(IF(double2 >= 500, _sample_interval, 0)) AS server_errors,
  SUM(IF(double2 >= 400 AND double2 < 500, _sample_interval, 0)) AS client_errors,
  quantileExactWeighted(0.5)(double1, _sample_interval) AS p50,
  quantileExactWeighted(0.95)(double1, _sample_interval) AS p95,
  quantileExactWeighted(0.99)(double1, _sample_interval) AS p99`;

function whereOf(query: RequestMetricsQuery): string {
  const conditions = [
    `timestamp >= toDateTime(${Math.floor(query.from.getTime() / 1000)})`,
    `timestamp < toDateTime(${Math.floor(query.to.getTime() / 1000)})`,
  ];
  if (query.companyId) conditions.push(`blob3 = ${literal(query.companyId)}`);
  if (query.route) conditions.push(`blob1 = ${literal(query.route)}`);
  return conditions.join(' AND ');
}

export function seriesSql(dataset: string, query: RequestMetricsQuery): string {
  const step = query.stepMinutes * 60;
  return `SELECT intDiv(toUInt32(timestamp), ${step}) * ${step} AS bucket, ${figureColumns}
FROM ${dataset} WHERE ${whereOf(query)}
GROUP BY bucket ORDER BY bucket FORMAT JSON`;
}

export function routesSql(dataset: string, query: RequestMetricsQuery): string {
  return `SELECT blob1 AS route, blob2 AS method, ${figureColumns}
FROM ${dataset} WHERE ${whereOf(query)}
GROUP BY route, method ORDER BY requests DESC LIMIT ${routeLimit} FORMAT JSON`;
}

export function totalsSql(dataset: string, query: RequestMetricsQuery): string {
  return `SELECT ${figureColumns} FROM ${dataset} WHERE ${whereOf(query)} FORMAT JSON`;
}

type SqlRow = Record<string, string | number | null>;

async function runSql(
  fetcher: typeof fetch,
  accountId: string,
  apiToken: string,
  statement: string,
): Promise<SqlRow[]> {
  const response = await fetcher(sqlEndpoint(accountId), {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiToken}` },
    body: statement,
  });
  if (!response.ok) {
    // The token never appears in what is logged or returned.
    throw new Error(`Analytics Engine SQL API answered ${response.status}`);
  }
  const body = (await response.json()) as { data?: SqlRow[] };
  return body.data ?? [];
}

/** Counts come back as strings (64-bit in the JSON format); an empty group's quantile as NaN. */
function figuresFrom(row: SqlRow): RequestFigures {
  const count = (value: unknown) => Math.round(Number(value ?? 0));
  const latency = (value: unknown) => {
    const number = Number(value);
    return Number.isFinite(number) && count(row.requests) > 0 ? number : null;
  };
  return {
    requests: count(row.requests),
    serverErrors: count(row.server_errors),
    clientErrors: count(row.client_errors),
    p50Ms: latency(row.p50),
    p95Ms: latency(row.p95),
    p99Ms: latency(row.p99),
  };
}
