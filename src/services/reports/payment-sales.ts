import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { PaymentMethod } from '../../db/schema';
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
 * How the money came in (`GET /api/v1/reports/payments`): by payment method over the range, what
 * the sales' payments paid (change excluded), what refunds paid back through the method, and the
 * payments of sales voided in the range, in one indexed query.
 */

const paymentColumns = [
  ['paymentsCount', 'payments_count'],
  ['amount', 'amount'],
  ['refundsCount', 'refunds_count'],
  ['refundsAmount', 'refunds_amount'],
  ['voidsCount', 'voids_count'],
  ['voidsAmount', 'voids_amount'],
  ['net', 'net'],
] as const;
const paymentNames = paymentColumns.map(([name]) => name);

export type PaymentFigures = Record<(typeof paymentNames)[number], number>;

export interface PaymentsReport {
  from: string;
  to: string;
  /** Every method used in the range, the largest net first. */
  methods: Array<PaymentFigures & { method: PaymentMethod }>;
  totals: PaymentFigures;
  freshness: Freshness;
}

export async function paymentsReport(
  db: Executor,
  scope: ReportScope,
  range: ReportRange,
): Promise<PaymentsReport> {
  const rows = await db.execute<Record<string, unknown> & { method: PaymentMethod }>(sql`
    select d.method, ${sumsOf('d', paymentColumns)}
    from daily_payment_sales d
    where ${inReport('d', scope, range)}
    group by d.method
    order by sum(d.net) desc, d.method`);
  const methods = rows.rows.map((row) => ({
    method: row.method,
    ...numbersOf(row, paymentNames),
  }));
  const totals = Object.fromEntries(
    paymentNames.map((name) => [name, methods.reduce((sum, method) => sum + method[name], 0)]),
  ) as PaymentFigures;
  return { ...range, methods, totals, freshness: await freshnessOf(db, scope, range) };
}
