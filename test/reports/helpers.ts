import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { dailyStoreSales, reportMarks, transactions } from '../../src/db/schema';
import worker from '../../src/index';
import type { JobMessage, ReportsRecomputeJob } from '../../src/queues/messages';
import type { SaleShop } from '../sales/helpers';
import { withDatabase } from '../support/factories';

/**
 * Delivers jobs to the JOBS consumer, as the queue would (again and again, if need be), as the
 * given delivery of each message (1: the first).
 */
export async function deliver(jobs: JobMessage[], attempts = 1) {
  const batch = createMessageBatch(
    'kasir-jobs',
    jobs.map((body, index) => ({
      id: `job-${index}`,
      timestamp: new Date(),
      attempts,
      body,
    })),
  );
  await worker.queue(batch, env);
  return getQueueResult(batch, createExecutionContext());
}

/** Every marked day of the shop's company, as the jobs the writes sent (one per store). */
export async function markedJobs(
  shop: Pick<SaleShop, 'companyId'>,
): Promise<ReportsRecomputeJob[]> {
  const marks = await withDatabase(({ db }) =>
    db.select().from(reportMarks).where(eq(reportMarks.companyId, shop.companyId)),
  );
  const byStore = new Map<string, Set<string>>();
  for (const mark of marks) {
    byStore.set(mark.storeId, (byStore.get(mark.storeId) ?? new Set()).add(mark.businessDate));
  }
  return [...byStore].map(([storeId, dates]) => ({
    type: 'reports.recompute',
    companyId: shop.companyId,
    storeId,
    businessDates: [...dates].sort(),
  }));
}

/** The day's figures summed independently from the transactions, by the rule in the README. */
export async function expectedDay(shop: SaleShop, date: string) {
  const rows = await withDatabase(({ db }) =>
    db
      .select()
      .from(transactions)
      .where(
        and(eq(transactions.companyId, shop.companyId), eq(transactions.storeId, shop.store.id)),
      ),
  );
  const sales = rows.filter((row) => row.kind === 'sale' && row.businessDate === date);
  const refunds = rows.filter((row) => row.kind === 'refund' && row.businessDate === date);
  const voids = rows.filter((row) => row.status === 'voided' && row.voidBusinessDate === date);
  const sum = (list: typeof rows, pick: (row: (typeof rows)[number]) => number) =>
    list.reduce((total, row) => total + pick(row), 0);
  const salesTotal = sum(sales, (row) => row.total);
  return {
    salesCount: sales.length,
    gross: sum(sales, (row) => row.subtotal),
    discounts: sum(sales, (row) => row.discountTotal),
    serviceCharge: sum(sales, (row) => row.serviceCharge),
    tax: sum(sales, (row) => row.taxTotal),
    rounding: sum(sales, (row) => row.rounding),
    salesTotal,
    changeGiven: sum(sales, (row) => row.changeAmount),
    refundsCount: refunds.length,
    refundsAmount: sum(refunds, (row) => row.total),
    voidsCount: voids.length,
    voidsAmount: sum(voids, (row) => row.total),
    net: salesTotal - sum(refunds, (row) => row.total) - sum(voids, (row) => row.total),
  };
}

export async function rollupOf(shop: SaleShop, date: string) {
  const [row] = await withDatabase(({ db }) =>
    db
      .select()
      .from(dailyStoreSales)
      .where(
        and(
          eq(dailyStoreSales.companyId, shop.companyId),
          eq(dailyStoreSales.storeId, shop.store.id),
          eq(dailyStoreSales.businessDate, date),
        ),
      ),
  );
  return row;
}
