import { type SQL, sql } from 'drizzle-orm';
import { stalledBatchAfterMs } from '../../cron/stalled-sync-batches';
import type { Executor } from '../../db/client';
import { isoTimestamp } from '../../db/iso-timestamp';

/**
 * Business and sync metrics from Postgres, for a range of at most a week: sales per hour (by the
 * moment they reached the server), per store or per company, sync batches and their outcomes and
 * durations, stalled and failed batches, devices not seen for a day, and (operators) dead jobs.
 * One statement whatever the range: every part is a subquery over an index that leads with the
 * company, or with the moment for the platform-wide view (BRIN indexes, migration 0019).
 */

export interface MetricsScope {
  /** One company, or null: every company (operators only). */
  companyId: string | null;
  /** Stores of that company, or every one of its live stores. */
  storeIds: readonly string[] | 'company';
}

export interface MetricsRange {
  from: Date;
  to: Date;
}

export interface BusinessMetrics {
  from: string;
  to: string;
  sales: {
    /** Sales (refunds excluded; voided ones included) and their totals, per UTC hour. */
    byHour: Array<{ at: string; sales: number; total: number }>;
    /** Per store (one company) or per company (platform), busiest first, at most 50. */
    byScope: Array<{ id: string; name: string; sales: number; total: number }>;
    sales: number;
    total: number;
  };
  sync: {
    byHour: Array<{
      at: string;
      batches: number;
      accepted: number;
      duplicate: number;
      rejected: number;
    }>;
    batches: number;
    accepted: number;
    duplicate: number;
    rejected: number;
    failed: number;
    /** Batches still `processing` past the stall limit, not yet swept by the cron. */
    stalled: number;
    /** The store object's time on a batch's last attempt (ms), over finished batches. */
    durationP50Ms: number | null;
    durationP95Ms: number | null;
    durationMaxMs: number | null;
  };
  devices: {
    /** Live device sessions (not revoked, not expired) last seen more than 24 hours ago. */
    notSeenForADay: number;
    /** The 20 most recently gone quiet. */
    quiet: Array<{
      id: string;
      companyId: string;
      deviceName: string;
      userName: string;
      lastSeenAt: string;
    }>;
  };
}

const quietDevicesShown = 20;
const scopeRowsShown = 50;

/** `alias`'s rows in the scope: its company, and its stores when named. */
function inScope(alias: string, scope: MetricsScope): SQL {
  const column = (name: string) => sql.raw(`${alias}.${name}`);
  if (scope.companyId === null) return sql`true`;
  const company = sql`${column('company_id')} = ${scope.companyId}`;
  if (scope.storeIds === 'company') return company;
  if (scope.storeIds.length === 0) return sql`false`;
  return sql`${company} and ${column('store_id')} in (${sql.join(
    scope.storeIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

/** Live device sessions in the scope: of the company, or that synced to one of its stores. */
function devicesInScope(scope: MetricsScope): SQL {
  if (scope.companyId === null) return sql`true`;
  if (scope.storeIds === 'company') return sql`d.company_id = ${scope.companyId}`;
  return sql`d.company_id = ${scope.companyId} and exists (select 1 from sync_batches b
    where b.company_id = d.company_id and b.device_session_id = d.id and ${inScope('b', scope)})`;
}

export async function businessMetrics(
  db: Executor,
  scope: MetricsScope,
  range: MetricsRange,
  now: Date,
): Promise<BusinessMetrics> {
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString();
  const stalledBefore = new Date(now.getTime() - stalledBatchAfterMs).toISOString();
  const hour = (column: string) => isoTimestamp(sql`date_trunc('hour', ${sql.raw(column)})`);
  const byScope =
    scope.companyId === null
      ? sql`select t.company_id as id, c.name, count(*)::int as sales, sum(t.total)::bigint as total
          from sales t join companies c on c.id = t.company_id
          group by t.company_id, c.name`
      : sql`select t.store_id as id, s.name, count(*)::int as sales, sum(t.total)::bigint as total
          from sales t join stores s on s.company_id = t.company_id and s.id = t.store_id
          group by t.store_id, s.name`;

  const result = await db.execute<{ metrics: BusinessMetrics }>(sql`
    with sales as (
      select t.company_id, t.store_id, t.created_at, t.total from transactions t
      where ${inScope('t', scope)} and t.refund_of_id is null
        and t.created_at >= ${from} and t.created_at < ${to}
    ), batches as (
      select b.started_at, b.status, b.accepted_count, b.duplicate_count, b.rejected_count,
        b.last_duration_ms
      from sync_batches b
      where ${inScope('b', scope)} and b.started_at >= ${from} and b.started_at < ${to}
    ), quiet as (
      select d.id, d.company_id, d.device_name, u.name as user_name, d.last_seen_at
      from device_sessions d join users u on u.company_id = d.company_id and u.id = d.user_id
      where ${devicesInScope(scope)} and d.revoked_at is null and d.expires_at > ${now.toISOString()}
        and d.last_seen_at < ${dayAgo}
    )
    select json_build_object(
      'from', ${from}::text, 'to', ${to}::text,
      'sales', json_build_object(
        'byHour', (select coalesce(json_agg(json_build_object('at', at, 'sales', sales,
            'total', total) order by at), '[]') from (
          select ${hour('created_at')} as at, count(*)::int as sales, sum(total)::bigint as total
          from sales group by 1) h),
        'byScope', (select coalesce(json_agg(json_build_object('id', id, 'name', name,
            'sales', sales, 'total', total) order by total desc, id), '[]') from (
          ${byScope} order by total desc, id limit ${scopeRowsShown}) g),
        'sales', (select count(*)::int from sales),
        'total', (select coalesce(sum(total), 0)::bigint from sales)),
      'sync', (select json_build_object(
          'byHour', (select coalesce(json_agg(json_build_object('at', at, 'batches', batches,
              'accepted', accepted, 'duplicate', duplicate, 'rejected', rejected) order by at), '[]')
            from (select ${hour('started_at')} as at, count(*)::int as batches,
              sum(accepted_count)::int as accepted, sum(duplicate_count)::int as duplicate,
              sum(rejected_count)::int as rejected from batches group by 1) h),
          'batches', count(*)::int,
          'accepted', coalesce(sum(accepted_count), 0)::int,
          'duplicate', coalesce(sum(duplicate_count), 0)::int,
          'rejected', coalesce(sum(rejected_count), 0)::int,
          'failed', (count(*) filter (where status = 'failed'))::int,
          'stalled', (select count(*)::int from sync_batches b where ${inScope('b', scope)}
            and b.status = 'processing' and b.updated_at < ${stalledBefore}),
          'durationP50Ms', percentile_disc(0.5) within group (order by last_duration_ms)
            filter (where status = 'completed'),
          'durationP95Ms', percentile_disc(0.95) within group (order by last_duration_ms)
            filter (where status = 'completed'),
          'durationMaxMs', max(last_duration_ms) filter (where status = 'completed'))
        from batches),
      'devices', json_build_object(
        'notSeenForADay', (select count(*)::int from quiet),
        'quiet', (select coalesce(json_agg(json_build_object('id', id, 'companyId', company_id,
            'deviceName', device_name, 'userName', user_name,
            'lastSeenAt', ${isoTimestamp(sql`last_seen_at`)}) order by last_seen_at desc), '[]')
          from (select * from quiet order by last_seen_at desc limit ${quietDevicesShown}) q))
    ) as metrics`);
  const metrics = result.rows[0]?.metrics;
  if (!metrics) throw new Error('the metrics statement returned no row');
  return withNumbers(metrics);
}

/** bigint sums arrive in JSON as numbers already; totals beyond 2^53 rupiah do not occur. */
function withNumbers(metrics: BusinessMetrics): BusinessMetrics {
  return {
    ...metrics,
    sales: {
      ...metrics.sales,
      byHour: metrics.sales.byHour.map((row) => ({ ...row, total: Number(row.total) })),
      byScope: metrics.sales.byScope.map((row) => ({ ...row, total: Number(row.total) })),
      total: Number(metrics.sales.total),
    },
  };
}

/** Dead jobs for operators: not yet retried, and dead in the last day (one company, or all). */
export async function deadJobCounts(
  db: Executor,
  companyId: string | null,
  now: Date,
): Promise<{ waiting: number; lastDay: number }> {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString();
  const company = companyId === null ? sql`true` : sql`company_id = ${companyId}`;
  const result = await db.execute<{ waiting: number; lastDay: number }>(sql`
    select (count(*) filter (where retried_at is null))::int as waiting,
      (count(*) filter (where dead_at >= ${dayAgo}))::int as "lastDay"
    from dead_jobs where ${company}`);
  return result.rows[0] ?? { waiting: 0, lastDay: 0 };
}
