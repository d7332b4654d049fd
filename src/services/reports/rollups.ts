import { and, eq, type SQLWrapper, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { dailyStoreSales, reportMarks } from '../../db/schema';
import { inCompany } from '../../db/tenancy';

/**
 * Rollups that stay exact under late data. The rule, kept simple enough to be provably right:
 *
 * 1. Every write that changes a store's figures for a business date marks that (store, date) in
 *    `report_marks` **in its own transaction** (sales: write-sales.ts; voids: void-sale.ts;
 *    refunds: refund-sale.ts). The mark is an upsert that updates the row, so it takes the row's
 *    lock: a writer waits while the day is being recomputed.
 * 2. A queue job (`reports.recompute`) recomputes each marked day **from the transactions**, in
 *    one transaction: it locks the mark first (so every writer that marked the day has committed
 *    or waits), then rebuilds the day's rollup with a statement that sees every committed row,
 *    then deletes the mark. A writer that comes after waits for the lock and marks the day again.
 *    Recomputing twice gives the same rows: redelivered and concurrent jobs are harmless, and a
 *    job for a day without a mark does nothing.
 *
 * Which date a figure belongs to: a sale by its business date; a void by the business date of the
 * void (`void_business_date`) and a refund by its own, the day the money went back.
 */

export interface StoreDay {
  storeId: string;
  businessDate: string;
}

/** The upsert that marks days, for a caller's transaction (or its one-statement write). */
export function markDaysInsert(executor: Executor, companyId: string, days: readonly StoreDay[]) {
  const unique = [
    ...new Map(days.map((day) => [`${day.storeId}|${day.businessDate}`, day])).values(),
  ];
  return executor
    .insert(reportMarks)
    .values(unique.map((day) => ({ companyId, ...day })))
    .onConflictDoUpdate({
      target: [reportMarks.companyId, reportMarks.storeId, reportMarks.businessDate],
      // Keeps the first change's time (how stale the day is), and takes the row's lock.
      set: { updatedAt: sql`now()` },
    });
}

export async function markDays(
  executor: Executor,
  companyId: string,
  days: readonly StoreDay[],
): Promise<void> {
  if (days.length > 0) await markDaysInsert(executor, companyId, days);
}

/** The day's figures from its transactions, as one INSERT … SELECT (upsert). */
function rebuildDay(companyId: string, day: StoreDay): SQLWrapper {
  const of = sql`t.company_id = ${companyId} and t.store_id = ${day.storeId}`;
  return sql`
    with sales as (
      select count(*)::int as count, coalesce(sum(t.subtotal), 0) as gross,
        coalesce(sum(t.discount_total), 0) as discounts,
        coalesce(sum(t.service_charge), 0) as service_charge, coalesce(sum(t.tax_total), 0) as tax,
        coalesce(sum(t.rounding), 0) as rounding, coalesce(sum(t.total), 0) as total,
        coalesce(sum(t.change_amount), 0) as change
      from transactions t
      where ${of} and t.business_date = ${day.businessDate} and t.kind = 'sale'),
    refunds as (
      select count(*)::int as count, coalesce(sum(t.total), 0) as amount from transactions t
      where ${of} and t.business_date = ${day.businessDate} and t.kind = 'refund'),
    voids as (
      select count(*)::int as count, coalesce(sum(t.total), 0) as amount from transactions t
      where ${of} and t.void_business_date = ${day.businessDate} and t.status = 'voided')
    insert into daily_store_sales (company_id, store_id, business_date, sales_count, gross,
      discounts, service_charge, tax, rounding, sales_total, change_given, refunds_count,
      refunds_amount, voids_count, voids_amount, net, computed_at)
    select ${companyId}, ${day.storeId}, ${day.businessDate}, sales.count, sales.gross,
      sales.discounts, sales.service_charge, sales.tax, sales.rounding, sales.total, sales.change,
      refunds.count, refunds.amount, voids.count, voids.amount,
      sales.total - refunds.amount - voids.amount, now()
    from sales, refunds, voids
    on conflict (company_id, store_id, business_date) do update set
      sales_count = excluded.sales_count, gross = excluded.gross, discounts = excluded.discounts,
      service_charge = excluded.service_charge, tax = excluded.tax, rounding = excluded.rounding,
      sales_total = excluded.sales_total, change_given = excluded.change_given,
      refunds_count = excluded.refunds_count, refunds_amount = excluded.refunds_amount,
      voids_count = excluded.voids_count, voids_amount = excluded.voids_amount,
      net = excluded.net, computed_at = excluded.computed_at, updated_at = now()`;
}

/**
 * Recomputes one marked day (see the rule above). Answers false when the day had no mark: it is
 * up to date already (a redelivered job).
 */
export async function recomputeDay(db: Db, companyId: string, day: StoreDay): Promise<boolean> {
  return db.transaction(async (tx) => {
    const dayOf = and(
      eq(reportMarks.storeId, day.storeId),
      eq(reportMarks.businessDate, day.businessDate),
    );
    const [mark] = await tx
      .select({ id: reportMarks.id })
      .from(reportMarks)
      .where(inCompany(reportMarks, companyId, dayOf))
      .for('update');
    if (!mark) return false;
    await tx.execute(rebuildDay(companyId, day));
    await tx
      .delete(reportMarks)
      .where(inCompany(reportMarks, companyId, eq(reportMarks.id, mark.id)));
    return true;
  });
}

const comparedColumns = [
  'salesCount',
  'gross',
  'discounts',
  'serviceCharge',
  'tax',
  'rounding',
  'salesTotal',
  'changeGiven',
  'refundsCount',
  'refundsAmount',
  'voidsCount',
  'voidsAmount',
  'net',
] as const;

/**
 * Checks a day's rollup against its transactions and repairs it (the nightly check): answers the
 * figures that had drifted, empty when the rollup was right. A day still marked is left to its
 * job. A drift means a write changed a day without marking it: a bug to find, so it is logged.
 */
export async function verifyDay(
  db: Db,
  companyId: string,
  day: StoreDay,
): Promise<Array<{ figure: string; was: number | null; is: number }>> {
  return db.transaction(async (tx) => {
    const dayOf = (table: typeof reportMarks | typeof dailyStoreSales) =>
      inCompany(
        table,
        companyId,
        eq(table.storeId, day.storeId),
        eq(table.businessDate, day.businessDate),
      );
    const [marked] = await tx
      .select({ id: reportMarks.id })
      .from(reportMarks)
      .where(dayOf(reportMarks));
    if (marked) return [];
    const [before] = await tx
      .select()
      .from(dailyStoreSales)
      .where(dayOf(dailyStoreSales))
      .for('update');
    await tx.execute(rebuildDay(companyId, day));
    const [after] = await tx.select().from(dailyStoreSales).where(dayOf(dailyStoreSales));
    if (!after) return [];
    // A day never computed had nothing to show: zeros are no drift.
    return comparedColumns
      .filter((figure) => (before?.[figure] ?? 0) !== after[figure])
      .map((figure) => ({ figure, was: before?.[figure] ?? null, is: after[figure] }));
  });
}

/** The rollup row of a day, if it was ever computed. */
export async function dailySalesOf(db: Executor, companyId: string, day: StoreDay) {
  const [row] = await db
    .select()
    .from(dailyStoreSales)
    .where(
      inCompany(
        dailyStoreSales,
        companyId,
        eq(dailyStoreSales.storeId, day.storeId),
        eq(dailyStoreSales.businessDate, day.businessDate),
      ),
    );
  return row;
}
