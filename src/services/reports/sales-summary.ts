import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';

/**
 * The sales summary (`GET /api/v1/reports/sales-summary`): a range of business dates of one
 * store or several, summed from the daily rollups (rollups.ts) and grouped by day, ISO week or
 * month, in one indexed query whatever the range; a second says which of the days are behind
 * their transactions (marked, not yet recomputed) and since when.
 */

export type SummaryGrouping = 'day' | 'week' | 'month';

/** The stores a report covers: named ones, or every live store of the company (an owner's "all"). */
export interface ReportScope {
  companyId: string;
  storeIds: readonly string[] | 'company';
}

export interface SalesFigures {
  salesCount: number;
  gross: number;
  discounts: number;
  serviceCharge: number;
  tax: number;
  rounding: number;
  salesTotal: number;
  changeGiven: number;
  refundsCount: number;
  refundsAmount: number;
  voidsCount: number;
  voidsAmount: number;
  net: number;
  /** salesTotal ÷ salesCount, rounded to the rupiah (0 without sales). */
  averageTicket: number;
}

export interface Freshness {
  /** True when no day of the range is waiting to be recomputed. */
  upToDate: boolean;
  /** Days whose latest changes are not in the figures yet, oldest change first. */
  pendingDays: Array<{ storeId: string; businessDate: string; since: string }>;
}

export interface SalesSummary {
  from: string;
  to: string;
  groupBy: SummaryGrouping;
  periods: Array<SalesFigures & { period: string }>;
  totals: SalesFigures;
  freshness: Freshness;
}

const figureColumns = [
  ['salesCount', 'sales_count'],
  ['gross', 'gross'],
  ['discounts', 'discounts'],
  ['serviceCharge', 'service_charge'],
  ['tax', 'tax'],
  ['rounding', 'rounding'],
  ['salesTotal', 'sales_total'],
  ['changeGiven', 'change_given'],
  ['refundsCount', 'refunds_count'],
  ['refundsAmount', 'refunds_amount'],
  ['voidsCount', 'voids_count'],
  ['voidsAmount', 'voids_amount'],
  ['net', 'net'],
] as const;

type RawFigures = Record<(typeof figureColumns)[number][0], string | number>;

function figuresOf(raw: RawFigures): SalesFigures {
  const figures = Object.fromEntries(
    figureColumns.map(([name]) => [name, Number(raw[name] ?? 0)]),
  ) as Omit<SalesFigures, 'averageTicket'>;
  return {
    ...figures,
    averageTicket: figures.salesCount > 0 ? Math.round(figures.salesTotal / figures.salesCount) : 0,
  };
}

function storesOf(alias: string, scope: ReportScope): SQL {
  const column = sql.raw(`${alias}.store_id`);
  if (scope.storeIds === 'company') {
    return sql`${column} in (select s.id from stores s
      where s.company_id = ${scope.companyId} and s.deleted_at is null)`;
  }
  if (scope.storeIds.length === 0) return sql`false`;
  return sql`${column} in (${sql.join(
    scope.storeIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

export async function salesSummary(
  db: Executor,
  scope: ReportScope,
  range: { from: string; to: string; groupBy: SummaryGrouping },
): Promise<SalesSummary> {
  const sums = sql.join(
    figureColumns.map(
      ([name, column]) => sql`sum(d.${sql.raw(column)})::bigint as ${sql.identifier(name)}`,
    ),
    sql`, `,
  );
  const rows = await db.execute<RawFigures & { period: string }>(sql`
    select to_char(date_trunc(${range.groupBy}, d.business_date), 'YYYY-MM-DD') as period, ${sums}
    from daily_store_sales d
    where d.company_id = ${scope.companyId} and ${storesOf('d', scope)}
      and d.business_date between ${range.from} and ${range.to}
    group by 1 order by 1`);
  const marks = await db.execute<{ storeId: string; businessDate: string; since: string }>(sql`
    select m.store_id as "storeId", to_char(m.business_date, 'YYYY-MM-DD') as "businessDate",
      to_char(m.marked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as since
    from report_marks m
    where m.company_id = ${scope.companyId} and ${storesOf('m', scope)}
      and m.business_date between ${range.from} and ${range.to}
    order by m.marked_at, m.store_id, m.business_date
    limit 100`);

  const periods = rows.rows.map((row) => ({ period: row.period, ...figuresOf(row) }));
  const totals = figuresOf(
    Object.fromEntries(
      figureColumns.map(([name]) => [name, periods.reduce((sum, period) => sum + period[name], 0)]),
    ) as RawFigures,
  );
  return {
    ...range,
    periods,
    totals,
    freshness: { upToDate: marks.rows.length === 0, pendingDays: marks.rows },
  };
}
