import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
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
 * The sales summary (`GET /api/v1/reports/sales-summary`): a range of business dates of one
 * store or several, summed from the daily rollups (rollups.ts) and grouped by day, ISO week or
 * month, in one indexed query whatever the range, plus the freshness of its days.
 */

export type SummaryGrouping = 'day' | 'week' | 'month';

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
const figureNames = figureColumns.map(([name]) => name);

function figuresOf(raw: Record<string, unknown>): SalesFigures {
  const figures = numbersOf(raw, figureNames);
  return { ...figures, averageTicket: averageOf(figures.salesTotal, figures.salesCount) };
}

export async function salesSummary(
  db: Executor,
  scope: ReportScope,
  range: ReportRange & { groupBy: SummaryGrouping },
): Promise<SalesSummary> {
  const rows = await db.execute<Record<string, unknown> & { period: string }>(sql`
    select to_char(date_trunc(${range.groupBy}, d.business_date), 'YYYY-MM-DD') as period,
      ${sumsOf('d', figureColumns)}
    from daily_store_sales d
    where ${inReport('d', scope, range)}
    group by 1 order by 1`);
  const periods = rows.rows.map((row) => ({ period: row.period, ...figuresOf(row) }));
  const totals = figuresOf(
    Object.fromEntries(
      figureNames.map((name) => [name, periods.reduce((sum, period) => sum + period[name], 0)]),
    ),
  );
  return { ...range, periods, totals, freshness: await freshnessOf(db, scope, range) };
}
