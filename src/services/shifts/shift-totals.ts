import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { PaymentMethod, TaxRegime } from '../../db/schema';

/**
 * A shift's figures, summed from the rows linked to it whenever they are read: its sales and
 * refunds (transactions.shift_id), the voids its drawer paid back (transactions.void_shift_id),
 * and its pay-ins and pay-outs. Nothing is stored, so a sale uploaded after the close, or a void
 * tomorrow, is in the figures the next time they are read, and they always equal their rows.
 *
 * Which drawer a figure belongs to:
 * - a sale's tenders, to the shift the sale was made in (whatever became of the sale later);
 * - a void, to the shift open on the till that voided it (see void-sale.ts): a closed shift's
 *   figures never change because of a void made after it closed;
 * - a refund (a transaction of its own), to the shift open on the till that refunded it.
 * Cash is counted net of change: a payment's `amount` is what it paid of the total.
 */
export interface ShiftTotals {
  sales: {
    count: number;
    /** Before discounts (transactions.subtotal). */
    gross: number;
    discounts: number;
    serviceCharge: number;
    tax: number;
    rounding: number;
    /** What customers owed: gross − discounts + service + tax (when added) + rounding. */
    total: number;
  };
  taxes: Array<{ regime: TaxRegime; rateBasisPoints: number; amount: number; count: number }>;
  refunds: { count: number; amount: number };
  /** Voids this shift's drawer paid back (of sales of this or an earlier shift). */
  voids: { count: number; amount: number };
  /** Sales' tenders by method, net of change. */
  payments: Array<{ method: PaymentMethod; amount: number }>;
  refundPayments: Array<{ method: PaymentMethod; amount: number }>;
  voidPayments: Array<{ method: PaymentMethod; amount: number }>;
  payIns: number;
  payOuts: number;
}

export interface CashFigures {
  opening: number;
  sales: number;
  refunds: number;
  voids: number;
  payIns: number;
  payOuts: number;
  expected: number;
}

const methodAmount = (rows: ShiftTotals['payments'], method: PaymentMethod) =>
  rows.find((row) => row.method === method)?.amount ?? 0;

/**
 * Expected cash in the drawer: opening + cash sales (net of change) − cash refunds − cash paid
 * back for voids + pay-ins − pay-outs.
 */
export function cashFigures(openingCash: number, totals: ShiftTotals): CashFigures {
  const figures = {
    opening: openingCash,
    sales: methodAmount(totals.payments, 'cash'),
    refunds: methodAmount(totals.refundPayments, 'cash'),
    voids: methodAmount(totals.voidPayments, 'cash'),
    payIns: totals.payIns,
    payOuts: totals.payOuts,
  };
  return {
    ...figures,
    expected:
      figures.opening +
      figures.sales -
      figures.refunds -
      figures.voids +
      figures.payIns -
      figures.payOuts,
  };
}

/**
 * What went through the till by method, for reconciling with the EDC and QRIS settlements: sales'
 * tenders less refunds and voids paid back by that method.
 */
export function netByMethod(totals: ShiftTotals): Array<{ method: PaymentMethod; amount: number }> {
  const net = new Map<PaymentMethod, number>();
  const add = (rows: ShiftTotals['payments'], sign: 1 | -1) => {
    for (const row of rows) net.set(row.method, (net.get(row.method) ?? 0) + sign * row.amount);
  };
  add(totals.payments, 1);
  add(totals.refundPayments, -1);
  add(totals.voidPayments, -1);
  return [...net].map(([method, amount]) => ({ method, amount }));
}

const emptyTotals = (): ShiftTotals => ({
  sales: { count: 0, gross: 0, discounts: 0, serviceCharge: 0, tax: 0, rounding: 0, total: 0 },
  taxes: [],
  refunds: { count: 0, amount: 0 },
  voids: { count: 0, amount: 0 },
  payments: [],
  refundPayments: [],
  voidPayments: [],
  payIns: 0,
  payOuts: 0,
});

/** Postgres sums are numeric: whole rupiah far below 2^53, read back as numbers. */
const byMethod = (value: unknown) =>
  ((value ?? []) as Array<{ method: PaymentMethod; amount: string | number }>).map((row) => ({
    method: row.method,
    amount: Number(row.amount),
  }));

/**
 * The totals of the company's shifts among `shiftIds`, by shift id: one statement whatever their
 * number (each part is an indexed lookup on the shift columns of transactions).
 */
export async function shiftTotals(
  db: Executor,
  companyId: string,
  shiftIds: readonly string[],
): Promise<Map<string, ShiftTotals>> {
  const result = new Map<string, ShiftTotals>();
  if (shiftIds.length === 0) return result;
  const ids = sql`(${sql.join(
    shiftIds.map((shiftId) => sql`${shiftId}::uuid`),
    sql`, `,
  )})`;
  const rows = await db.execute<{ shift_id: string; totals: Record<string, unknown> }>(sql`
    with linked as (
      select t.* from transactions t
      where t.company_id = ${companyId} and t.shift_id in ${ids}
    ),
    voided as (
      select t.* from transactions t
      where t.company_id = ${companyId} and t.void_shift_id in ${ids}
    )
    select s.id as shift_id, jsonb_build_object(
      'sales', (select jsonb_build_object('count', count(*),
          'gross', coalesce(sum(subtotal), 0), 'discounts', coalesce(sum(discount_total), 0),
          'serviceCharge', coalesce(sum(service_charge), 0), 'tax', coalesce(sum(tax_total), 0),
          'rounding', coalesce(sum(rounding), 0), 'total', coalesce(sum(total), 0))
        from linked where linked.shift_id = s.id and kind = 'sale'),
      'taxes', (select coalesce(jsonb_agg(jsonb_build_object('regime', regime,
            'rateBasisPoints', rate, 'amount', amount, 'count', n)
            order by regime, rate), '[]'::jsonb)
        from (select tax_regime as regime, tax_rate_basis_points as rate,
            sum(tax_total) as amount, count(*) as n
          from linked where linked.shift_id = s.id and kind = 'sale' and tax_regime <> 'none'
          group by 1, 2) taxed),
      'refunds', (select jsonb_build_object('count', count(*), 'amount', coalesce(sum(total), 0))
        from linked where linked.shift_id = s.id and kind = 'refund'),
      'voids', (select jsonb_build_object('count', count(*), 'amount', coalesce(sum(total), 0))
        from voided where voided.void_shift_id = s.id),
      'payments', (select coalesce(jsonb_agg(jsonb_build_object('method', method,
            'amount', amount) order by method), '[]'::jsonb)
        from (select p.method, sum(p.amount) as amount from payments p
          join linked on linked.id = p.transaction_id
          where p.company_id = ${companyId} and linked.shift_id = s.id and linked.kind = 'sale'
          group by 1) paid),
      'refundPayments', (select coalesce(jsonb_agg(jsonb_build_object('method', method,
            'amount', amount) order by method), '[]'::jsonb)
        from (select p.method, sum(p.amount) as amount from payments p
          join linked on linked.id = p.transaction_id
          where p.company_id = ${companyId} and linked.shift_id = s.id and linked.kind = 'refund'
          group by 1) returned),
      'voidPayments', (select coalesce(jsonb_agg(jsonb_build_object('method', method,
            'amount', amount) order by method), '[]'::jsonb)
        from (select p.method, sum(p.amount) as amount from payments p
          join voided on voided.id = p.transaction_id
          where p.company_id = ${companyId} and voided.void_shift_id = s.id
          group by 1) paid_back),
      'payIns', (select coalesce(sum(amount), 0) from shift_cash_movements m
        where m.company_id = ${companyId} and m.shift_id = s.id and m.kind = 'pay_in'),
      'payOuts', (select coalesce(sum(amount), 0) from shift_cash_movements m
        where m.company_id = ${companyId} and m.shift_id = s.id and m.kind = 'pay_out')
    ) as totals
    from shifts s
    where s.company_id = ${companyId} and s.id in ${ids}
  `);
  for (const row of rows.rows) {
    const raw = row.totals as Record<string, Record<string, unknown> | unknown[] | number>;
    const totals = emptyTotals();
    const numbers = <T extends object>(value: unknown, into: T): T =>
      Object.fromEntries(
        Object.keys(into).map((key) => [key, Number((value as Record<string, unknown>)[key] ?? 0)]),
      ) as T;
    totals.sales = numbers(raw.sales, totals.sales);
    totals.refunds = numbers(raw.refunds, totals.refunds);
    totals.voids = numbers(raw.voids, totals.voids);
    totals.taxes = ((raw.taxes ?? []) as Array<Record<string, unknown>>).map((tax) => ({
      regime: tax.regime as TaxRegime,
      rateBasisPoints: Number(tax.rateBasisPoints),
      amount: Number(tax.amount),
      count: Number(tax.count),
    }));
    totals.payments = byMethod(raw.payments);
    totals.refundPayments = byMethod(raw.refundPayments);
    totals.voidPayments = byMethod(raw.voidPayments);
    totals.payIns = Number(raw.payIns);
    totals.payOuts = Number(raw.payOuts);
    result.set(row.shift_id, totals);
  }
  return result;
}
