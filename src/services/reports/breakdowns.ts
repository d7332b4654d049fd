import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { isoTimestamp } from '../../db/iso-timestamp';
import { daysBetween } from '../../lib/business-date';
import {
  averageOf,
  type Freshness,
  freshnessOf,
  inReport,
  numbersOf,
  type ReportRange,
  type ReportScope,
  sumsOf,
} from './report-scope';

/**
 * Who sold (`GET /api/v1/reports/cashiers`, by cashier, device or shift) and when
 * (`GET /api/v1/reports/hours`), from the day breakdowns (daily_sales_breakdowns): one indexed
 * query each. A sale counts by its own cashier, device and shift, a refund by its own, a void
 * against the sale's cashier and device, in the drawer that paid it back.
 */

const breakdownColumns = [
  ['salesCount', 'sales_count'],
  ['gross', 'gross'],
  ['discounts', 'discounts'],
  ['salesTotal', 'sales_total'],
  ['refundsCount', 'refunds_count'],
  ['refundsAmount', 'refunds_amount'],
  ['voidsCount', 'voids_count'],
  ['voidsAmount', 'voids_amount'],
  ['net', 'net'],
] as const;
const breakdownNames = breakdownColumns.map(([name]) => name);

export type BreakdownFigures = Record<(typeof breakdownNames)[number], number> & {
  averageTicket: number;
};

function figuresOf(raw: Record<string, unknown>): BreakdownFigures {
  const figures = numbersOf(raw, breakdownNames);
  return { ...figures, averageTicket: averageOf(figures.salesTotal, figures.salesCount) };
}

export type StaffGrouping = 'cashier' | 'device' | 'shift';

export interface StaffRow extends BreakdownFigures {
  /** The user, device session or shift; null for sales made without a device or shift. */
  id: string | null;
  /** The cashier's name, the device's name, or the shift's device and opening time. */
  name: string;
  /** The shift's opening moment (by shift only). */
  openedAt: string | null;
}

/** The key as an id (a case, so `none` is never cast). */
const keyId = sql`(case when d.key = 'none' then null else d.key::uuid end)`;

/** The name of each key, by a lateral lookup. */
const staffNames: Record<StaffGrouping, SQL> = {
  cashier: sql`select u.name, null::timestamptz as opened_at from users u
    where u.company_id = d.company_id and u.id = ${keyId}`,
  device: sql`select ds.device_name as name, null::timestamptz as opened_at
    from device_sessions ds where ds.company_id = d.company_id and ds.id = ${keyId}`,
  shift: sql`select sh.device_name as name, sh.opened_at from shifts sh
    where sh.company_id = d.company_id and sh.id = ${keyId}`,
};

export async function staffReport(
  db: Executor,
  scope: ReportScope,
  query: ReportRange & { by: StaffGrouping },
): Promise<{
  from: string;
  to: string;
  by: StaffGrouping;
  rows: StaffRow[];
  freshness: Freshness;
}> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select nullif(d.key, 'none') as id, coalesce(n.name, '') as name,
      ${isoTimestamp(sql`n.opened_at`)} as "openedAt",
      ${sumsOf('d', breakdownColumns)}
    from daily_sales_breakdowns d
      left join lateral (${staffNames[query.by]}) n on true
    where ${inReport('d', scope, query)} and d.dimension = ${query.by}
    group by d.key, n.name, n.opened_at
    order by sum(d.net) desc, 2, 1`);
  return {
    from: query.from,
    to: query.to,
    by: query.by,
    rows: rows.rows.map((row) => ({
      id: (row.id as string | null) ?? null,
      name: String(row.name),
      openedAt: (row.openedAt as string | null) ?? null,
      ...figuresOf(row),
    })),
    freshness: await freshnessOf(db, scope, query),
  };
}

export type HourAggregate = 'sum' | 'average';

export interface HoursReport {
  from: string;
  to: string;
  aggregate: HourAggregate;
  /** The days the average divides by: every calendar day of the range. */
  days: number;
  /** All 24 local hours, `00` to `23`; an average keeps two decimals for counts. */
  hours: Array<BreakdownFigures & { hour: string }>;
  freshness: Freshness;
}

/**
 * Busy hours: each store-local hour's figures summed over the range, or averaged per day of the
 * range (money rounded to the rupiah, counts to two decimals). Hours without sales are zeros.
 */
export async function hoursReport(
  db: Executor,
  scope: ReportScope,
  query: ReportRange & { aggregate: HourAggregate },
): Promise<HoursReport> {
  const rows = await db.execute<Record<string, unknown> & { hour: string }>(sql`
    select d.key as hour, ${sumsOf('d', breakdownColumns)}
    from daily_sales_breakdowns d
    where ${inReport('d', scope, query)} and d.dimension = 'hour'
    group by d.key`);
  const days = daysBetween(query.from, query.to) + 1;
  const byHour = new Map(rows.rows.map((row) => [row.hour, row]));
  const divide = (value: number, isCount: boolean) => {
    if (query.aggregate === 'sum') return value;
    return isCount ? Math.round((value / days) * 100) / 100 : Math.round(value / days);
  };
  const hours = Array.from({ length: 24 }, (_, index) => {
    const hour = String(index).padStart(2, '0');
    const summed = numbersOf(byHour.get(hour) ?? {}, breakdownNames);
    const figures = Object.fromEntries(
      breakdownNames.map((name) => [name, divide(summed[name], name.endsWith('Count'))]),
    ) as Record<(typeof breakdownNames)[number], number>;
    return {
      hour,
      ...figures,
      averageTicket: averageOf(summed.salesTotal, summed.salesCount),
    };
  });
  return { ...query, days, hours, freshness: await freshnessOf(db, scope, query) };
}
