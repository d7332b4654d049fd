import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { dailyStoreSales, reportMarks } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { clearBreakdowns, rebuildDays, type StoreDays } from './rebuild-days';

/**
 * Rollups that stay exact under late data. The rule, kept simple enough to be provably right:
 *
 * 1. Every write that changes a store's figures for a business date marks that (store, date) in
 *    `report_marks` **in its own transaction** (sales: write-sales.ts; voids: void-sale.ts;
 *    refunds: refund-sale.ts). The mark is an upsert that updates the row, so it takes the row's
 *    lock: a writer waits while the day is being recomputed.
 * 2. A queue job (`reports.recompute`) recomputes a store's marked days **from the
 *    transactions**, in one transaction: it locks the marks first (so every writer that marked a
 *    day has committed or waits), then rebuilds the days' rollups (rebuild-days.ts) with
 *    statements that see every committed row, then deletes the marks. A writer that comes after
 *    waits for the lock and marks the day again. Marks are locked in (store, date) order, as
 *    writers take them, and rebuilds of a store run one at a time (an advisory lock).
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

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The upsert that marks days, for a caller's transaction (or its one-statement write). */
export function markDaysInsert(executor: Executor, companyId: string, days: readonly StoreDay[]) {
  // In (store, date) order, the order a recompute locks marks in: two multi-day lockers never
  // wait for each other crosswise.
  const unique = [
    ...new Map(days.map((day) => [`${day.storeId}|${day.businessDate}`, day])).values(),
  ].sort((a, b) => byText(a.storeId, b.storeId) || byText(a.businessDate, b.businessDate));
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

/**
 * Rebuilds of one store run one at a time (a transaction-level advisory lock on the store), so a
 * recompute and a nightly check never clear and rewrite the same rows at once.
 */
function lockStoreRollups(tx: Executor, storeId: string) {
  return tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${storeId}, 0))`);
}

async function rebuild(tx: Executor, days: StoreDays): Promise<void> {
  await tx.execute(clearBreakdowns(days));
  await tx.execute(rebuildDays(days));
}

/**
 * Recomputes a store's marked days (see the rule above) in one transaction of five statements,
 * whatever their number. Answers how many had a mark: a day without one is up to date already (a
 * redelivered job) and is left alone.
 */
export async function recomputeDays(
  db: Db,
  companyId: string,
  storeId: string,
  businessDates: readonly string[],
): Promise<number> {
  if (businessDates.length === 0) return 0;
  return db.transaction(async (tx) => {
    await lockStoreRollups(tx, storeId);
    const marks = await tx
      .select({ id: reportMarks.id, businessDate: reportMarks.businessDate })
      .from(reportMarks)
      .where(
        inCompany(
          reportMarks,
          companyId,
          eq(reportMarks.storeId, storeId),
          inArray(reportMarks.businessDate, [...businessDates]),
        ),
      )
      .orderBy(asc(reportMarks.businessDate))
      .for('update');
    if (marks.length === 0) return 0;
    await rebuild(tx, { companyId, storeId, businessDates: marks.map((m) => m.businessDate) });
    await tx.delete(reportMarks).where(
      inCompany(
        reportMarks,
        companyId,
        inArray(
          reportMarks.id,
          marks.map((mark) => mark.id),
        ),
      ),
    );
    return marks.length;
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

export interface DayDrift {
  businessDate: string;
  figure: string;
  was: number | null;
  is: number;
}

/**
 * Checks a store's days against their transactions and repairs them (the nightly check): every
 * rollup of the days is rebuilt, and the day's summary figures that had changed are answered
 * (empty when the rollups were right). Days still marked are left to their job. A drift means a
 * write changed a day without marking it: a bug to find, so the caller logs it.
 */
export async function verifyDays(
  db: Db,
  companyId: string,
  storeId: string,
  businessDates: readonly string[],
): Promise<DayDrift[]> {
  if (businessDates.length === 0) return [];
  return db.transaction(async (tx) => {
    await lockStoreRollups(tx, storeId);
    const ofDays = (table: typeof reportMarks | typeof dailyStoreSales, dates: string[]) =>
      inCompany(table, companyId, eq(table.storeId, storeId), inArray(table.businessDate, dates));
    const marked = new Set(
      (
        await tx
          .select({ businessDate: reportMarks.businessDate })
          .from(reportMarks)
          .where(ofDays(reportMarks, [...businessDates]))
      ).map((mark) => mark.businessDate),
    );
    const dates = businessDates.filter((date) => !marked.has(date));
    if (dates.length === 0) return [];
    const before = await tx.select().from(dailyStoreSales).where(ofDays(dailyStoreSales, dates));
    await rebuild(tx, { companyId, storeId, businessDates: dates });
    const after = await tx.select().from(dailyStoreSales).where(ofDays(dailyStoreSales, dates));
    return after.flatMap((day) => {
      const was = before.find((row) => row.businessDate === day.businessDate);
      // A day never computed had nothing to show: zeros are no drift.
      return comparedColumns
        .filter((figure) => (was?.[figure] ?? 0) !== day[figure])
        .map((figure) => ({
          businessDate: day.businessDate,
          figure,
          was: was?.[figure] ?? null,
          is: day[figure],
        }));
    });
  });
}
