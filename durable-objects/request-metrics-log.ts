import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../src/env';
import {
  figuresOf,
  type RequestMetric,
  type RequestMetricsQuery,
  type RequestMetricsReport,
  routeLimit,
} from '../src/services/metrics/request-metrics';

/** How long the local store keeps points: the monitoring page looks back a day at most locally. */
const retentionMs = 48 * 60 * 60 * 1000;
const pruneEveryMs = 10 * 60 * 1000;

interface StoredRequest {
  at: number;
  route: string;
  method: string;
  status: number;
  durationMs: number;
}

/**
 * The request metrics of the local stack and the tests (src/services/metrics/local-store.ts):
 * one instance (`idFromName('requests')`) keeps every request's point in its SQLite storage for
 * 48 hours and answers the same queries Analytics Engine answers in production. Not bound in
 * staging or production.
 */
export class RequestMetricsLog extends DurableObject<Env> {
  private prunedAt = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      ctx.storage.sql.exec(`
        CREATE TABLE IF NOT EXISTS requests (
          at INTEGER NOT NULL,
          route TEXT NOT NULL,
          method TEXT NOT NULL,
          status INTEGER NOT NULL,
          company_id TEXT,
          duration_ms REAL NOT NULL
        );
        CREATE INDEX IF NOT EXISTS requests_at ON requests (at);
      `);
    });
  }

  record(metric: RequestMetric): void {
    this.ctx.storage.sql.exec(
      'INSERT INTO requests (at, route, method, status, company_id, duration_ms) VALUES (?, ?, ?, ?, ?, ?)',
      metric.at,
      metric.route,
      metric.method,
      metric.status,
      metric.companyId,
      metric.durationMs,
    );
    if (metric.at - this.prunedAt > pruneEveryMs) {
      this.prunedAt = metric.at;
      this.ctx.storage.sql.exec('DELETE FROM requests WHERE at < ?', metric.at - retentionMs);
    }
  }

  query(query: RequestMetricsQuery): RequestMetricsReport {
    const conditions = ['at >= ?', 'at < ?'];
    const params: Array<string | number> = [query.from.getTime(), query.to.getTime()];
    if (query.companyId) {
      conditions.push('company_id = ?');
      params.push(query.companyId);
    }
    if (query.route) {
      conditions.push('route = ?');
      params.push(query.route);
    }
    const rows = this.ctx.storage.sql
      .exec<{ at: number; route: string; method: string; status: number; duration_ms: number }>(
        `SELECT at, route, method, status, duration_ms FROM requests WHERE ${conditions.join(' AND ')} ORDER BY at`,
        ...params,
      )
      .toArray()
      .map(
        (row): StoredRequest => ({
          at: row.at,
          route: row.route,
          method: row.method,
          status: row.status,
          durationMs: row.duration_ms,
        }),
      );

    const stepMs = query.stepMinutes * 60_000;
    const buckets = groupBy(rows, (row) => Math.floor(row.at / stepMs) * stepMs);
    const routes = groupBy(rows, (row) => `${row.method} ${row.route}`);
    return {
      series: [...buckets.entries()].map(([at, requests]) => ({
        at: new Date(at).toISOString(),
        ...figuresOf(requests),
      })),
      routes: [...routes.values()]
        .map((requests) => ({
          route: requests[0]?.route ?? '',
          method: requests[0]?.method ?? '',
          ...figuresOf(requests),
        }))
        .sort((a, b) => b.requests - a.requests || a.route.localeCompare(b.route))
        .slice(0, routeLimit),
      totals: figuresOf(rows),
    };
  }
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
