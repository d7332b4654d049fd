import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { dailyStoreSales, notifications } from '../../src/db/schema';
import { notifyVoidRefundAnomalies } from '../../src/services/reports/anomalies';
import { saleShop, sell } from '../sales/helpers';
import { createCompany, createStore, withDatabase } from '../support/factories';
import { send } from '../users/helpers';
import { deliver, markedJobs } from './helpers';

/**
 * Voids and refunds far above a store's usual reach the company's managers as one notification
 * per store and day, from the rollups the recompute job writes.
 */

const anomalies = (storeId: string) =>
  withDatabase(({ db }) =>
    db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.storeId, storeId), eq(notifications.kind, 'voids_refunds_anomaly')),
      ),
  );

/** A rollup row of `daysBack` days before the database's today. */
async function day(
  companyId: string,
  storeId: string,
  daysBack: number,
  figures: { sales: number; voidsCount: number; voidsAmount: number },
) {
  await withDatabase(({ db }) =>
    db.insert(dailyStoreSales).values({
      companyId,
      storeId,
      businessDate: sql`current_date - ${daysBack}::int` as unknown as string,
      salesCount: 10,
      gross: figures.sales,
      discounts: 0,
      serviceCharge: 0,
      tax: 0,
      rounding: 0,
      salesTotal: figures.sales,
      changeGiven: 0,
      refundsCount: 0,
      refundsAmount: 0,
      voidsCount: figures.voidsCount,
      voidsAmount: figures.voidsAmount,
      net: figures.sales - figures.voidsAmount,
      computedAt: new Date(),
    }),
  );
}

const today = () =>
  withDatabase(async ({ db }) => {
    const result = await db.execute<{ today: string }>(
      sql`select to_char(current_date, 'YYYY-MM-DD') as today`,
    );
    return result.rows[0]?.today ?? '';
  });

describe('void and refund anomalies', () => {
  it('judge a day against the store’s usual, or its own sales without history, once per day', async () => {
    const company = await createCompany();
    const usual = await createStore(company.id);
    const fresh = await createStore(company.id);
    const date = await today();
    // Ten ordinary days: Rp 10.000 voided a day.
    for (let back = 1; back <= 10; back++) {
      await day(company.id, usual.id, back, {
        sales: 1_000_000,
        voidsCount: 1,
        voidsAmount: 10_000,
      });
    }
    // A long-past bad day is not news; today's Rp 300.000 over 3 voids is 30 times the usual.
    await day(company.id, usual.id, 40, { sales: 1_000_000, voidsCount: 9, voidsAmount: 900_000 });
    await day(company.id, usual.id, 0, { sales: 1_000_000, voidsCount: 3, voidsAmount: 300_000 });
    const oldDate = await withDatabase(async ({ db }) => {
      const result = await db.execute<{ old: string }>(
        sql`select to_char(current_date - 40, 'YYYY-MM-DD') as old`,
      );
      return result.rows[0]?.old ?? '';
    });
    await withDatabase(async ({ db }) => {
      expect(await notifyVoidRefundAnomalies(db, company.id, usual.id, [oldDate, date])).toBe(1);
      expect(await notifyVoidRefundAnomalies(db, company.id, usual.id, [date])).toBe(0);
    });
    expect(await anomalies(usual.id)).toEqual([
      expect.objectContaining({
        recipientId: null,
        data: expect.objectContaining({
          businessDate: date,
          voidsCount: 3,
          voidsAmount: 300_000,
          usualDailyAmount: 10_000,
        }),
      }),
    ]);

    // No history: Rp 250.000 over 3 voids is an eighth of Rp 2.000.000 of sales: ordinary.
    await day(company.id, fresh.id, 0, { sales: 2_000_000, voidsCount: 3, voidsAmount: 250_000 });
    await withDatabase(async ({ db }) => {
      expect(await notifyVoidRefundAnomalies(db, company.id, fresh.id, [date])).toBe(0);
      await db
        .update(dailyStoreSales)
        .set({ salesTotal: 1_000_000 })
        .where(eq(dailyStoreSales.storeId, fresh.id));
      // A quarter of the day's sales: unusual.
      expect(await notifyVoidRefundAnomalies(db, company.id, fresh.id, [date])).toBe(1);
    });
  });

  it('reach the managers from real voids through the recompute job', async () => {
    const shop = await saleShop();
    // Three sales of eight teas (Rp 160.000 + service and PBJT each), all voided by the manager.
    for (let sale = 0; sale < 3; sale++) {
      const sold = await sell(shop.manager, {
        storeId: shop.store.id,
        items: [{ variantId: shop.tea.id, quantity: 8 }],
        payments: [{ method: 'cash', tendered: 200_000 }],
      });
      expect(sold.status).toBe(201);
      const { id } = await sold.json<{ id: string }>();
      const voided = await send(shop.manager.session, 'POST', `/api/v1/transactions/${id}/void`, {
        reason: 'Salah input',
      });
      expect(voided.status).toBe(200);
    }
    await deliver(await markedJobs(shop));
    const listed = await send(shop.manager.session, 'GET', '/api/v1/notifications');
    const page = await listed.json<{
      data: Array<{ kind: string; data: Record<string, unknown> }>;
    }>();
    expect(page.data).toContainEqual(
      expect.objectContaining({
        kind: 'voids_refunds_anomaly',
        data: expect.objectContaining({ voidsCount: 3, refundsCount: 0 }),
      }),
    );
    // The cashier, who does not act on the company's notifications, does not see it.
    const cashiers = await send(shop.cashier.session, 'GET', '/api/v1/notifications');
    const theirs = await cashiers.json<{ data: Array<{ kind: string }> }>();
    expect(theirs.data.map((note) => note.kind)).not.toContain('voids_refunds_anomaly');
  });
});
