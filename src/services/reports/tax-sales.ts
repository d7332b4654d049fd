import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { TaxRegime } from '../../db/schema';
import {
  type Freshness,
  freshnessOf,
  inReport,
  numbersOf,
  type ReportRange,
  type ReportScope,
  sumsOf,
} from './report-scope';

/**
 * What tax the range charged (`GET /api/v1/reports/taxes`): per day, per tax regime and rate the
 * sales were priced with, the tax base (DPP, tax excluded), service charge, tax and total, less
 * the sales voided that day; and the same per regime and rate over the range. One indexed query.
 *
 * Refunds are not in it: a refund records the money paid back, not its tax. The voids-refunds
 * report lists them for the tax return's corrections.
 */

const taxColumns = [
  ['salesCount', 'sales_count'],
  ['taxBase', 'tax_base'],
  ['serviceCharge', 'service_charge'],
  ['tax', 'tax'],
  ['salesTotal', 'sales_total'],
  ['voidsCount', 'voids_count'],
  ['voidsTaxBase', 'voids_tax_base'],
  ['voidsServiceCharge', 'voids_service_charge'],
  ['voidsTax', 'voids_tax'],
  ['voidsTotal', 'voids_total'],
] as const;
const taxNames = taxColumns.map(([name]) => name);

export type TaxFigures = Record<(typeof taxNames)[number], number> & {
  /** taxBase − voidsTaxBase, tax − voidsTax: what is owed. */
  netTaxBase: number;
  netTax: number;
};

export interface TaxKey {
  taxRegime: TaxRegime;
  taxRateBasisPoints: number;
}

export interface TaxesReport {
  from: string;
  to: string;
  days: Array<TaxFigures & TaxKey & { businessDate: string }>;
  regimes: Array<TaxFigures & TaxKey>;
  freshness: Freshness;
}

function figuresOf(raw: Record<string, unknown>): TaxFigures {
  const figures = numbersOf(raw, taxNames);
  return {
    ...figures,
    netTaxBase: figures.taxBase - figures.voidsTaxBase,
    netTax: figures.tax - figures.voidsTax,
  };
}

export async function taxesReport(
  db: Executor,
  scope: ReportScope,
  range: ReportRange,
): Promise<TaxesReport> {
  const rows = await db.execute<
    Record<string, unknown> & { businessDate: string; taxRegime: TaxRegime; rate: number }
  >(sql`
    select to_char(d.business_date, 'YYYY-MM-DD') as "businessDate", d.tax_regime as "taxRegime",
      d.tax_rate_basis_points as rate, ${sumsOf('d', taxColumns)}
    from daily_tax_sales d
    where ${inReport('d', scope, range)}
    group by d.business_date, d.tax_regime, d.tax_rate_basis_points
    order by d.business_date, d.tax_regime, d.tax_rate_basis_points`);
  const days = rows.rows.map((row) => ({
    businessDate: row.businessDate,
    taxRegime: row.taxRegime,
    taxRateBasisPoints: Number(row.rate),
    ...figuresOf(row),
  }));
  const regimes = new Map<string, TaxFigures & TaxKey>();
  for (const day of days) {
    const key = `${day.taxRegime}|${day.taxRateBasisPoints}`;
    const sum = regimes.get(key);
    const summed = Object.fromEntries(
      taxNames.map((name) => [name, (sum?.[name] ?? 0) + day[name]]),
    );
    regimes.set(key, {
      taxRegime: day.taxRegime,
      taxRateBasisPoints: day.taxRateBasisPoints,
      ...figuresOf(summed),
    });
  }
  return {
    ...range,
    days,
    regimes: [...regimes.values()].sort(
      (a, b) =>
        a.taxRegime.localeCompare(b.taxRegime) || a.taxRateBasisPoints - b.taxRateBasisPoints,
    ),
    freshness: await freshnessOf(db, scope, range),
  };
}
