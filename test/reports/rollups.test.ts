import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { dailyStoreSales } from '../../src/db/schema';
import { businessDate } from '../../src/lib/business-date';
import { saleShop, sell, send } from '../sales/helpers';
import { withDatabase } from '../support/factories';
import { batchOf, offlineSale, uploadOk } from '../sync/helpers';
import { deliver, expectedDay, markedJobs, rollupOf } from './helpers';

describe('daily rollups', () => {
  it('count a late offline sale on its own day, and a void and a refund on the day the money went back', async () => {
    const shop = await saleShop();
    const today = businessDate(new Date(), shop.store.timezone, shop.store.businessDayCutoffHour);
    const threeDaysAgo = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000);
    const earlier = businessDate(
      threeDaysAgo,
      shop.store.timezone,
      shop.store.businessDayCutoffHour,
    );

    const cash = { method: 'cash', tendered: 200_000 };
    const first = await sell(shop.cashier, {
      storeId: shop.store.id,
      items: [{ variantId: shop.coffee.id, quantity: 2 }],
      payments: [cash],
    });
    const second = await sell(shop.cashier, {
      storeId: shop.store.id,
      items: [{ variantId: shop.tea.id, quantity: 1 }],
      payments: [cash],
    });
    expect([first.status, second.status]).toEqual([201, 201]);
    // A till that was offline three days ago uploads that day's sale now.
    const late = offlineSale(shop, { clientCreatedAt: threeDaysAgo.toISOString() });
    await uploadOk(shop.cashier, batchOf(shop, [late]));

    // Today: the late sale is voided, and part of today's first sale is refunded.
    const voided = await send(
      shop.manager.session,
      'POST',
      `/api/v1/transactions/${late.id}/void`,
      {
        reason: 'Salah input',
      },
    );
    expect(voided.status).toBe(200);
    const firstSale = await first.json<{ id: string; items: Array<{ lineNumber: number }> }>();
    const refunded = await send(
      shop.manager.session,
      'POST',
      `/api/v1/transactions/${firstSale.id}/refunds`,
      { reason: 'Tumpah', items: [{ lineNumber: 1, quantity: 1 }] },
    );
    expect(refunded.status, await refunded.clone().text()).toBe(201);

    const jobs = await markedJobs(shop);
    await deliver(jobs);
    for (const date of [today, earlier]) {
      expect(await rollupOf(shop, date), date).toMatchObject(await expectedDay(shop, date));
    }
    const earlierDay = await rollupOf(shop, earlier);
    // The late sale counts on its own day; its void lowers today's net, not that day's.
    expect(earlierDay).toMatchObject({ salesCount: 1, voidsCount: 0 });
    expect(earlierDay?.net).toBe(earlierDay?.salesTotal);
    const todayRow = await rollupOf(shop, today);
    expect(todayRow).toMatchObject({ salesCount: 2, voidsCount: 1, refundsCount: 1 });
    expect(await markedJobs(shop)).toEqual([]);

    // Redelivered and concurrent jobs change nothing.
    const before = await rollupOf(shop, today);
    await Promise.all([deliver(jobs), deliver(jobs)]);
    expect(await rollupOf(shop, today)).toEqual(before);
  });

  it('marks a day again when a sale lands after it was computed', async () => {
    const shop = await saleShop();
    const today = businessDate(new Date(), shop.store.timezone, shop.store.businessDayCutoffHour);
    const sale = () =>
      sell(shop.cashier, {
        storeId: shop.store.id,
        items: [{ variantId: shop.tea.id, quantity: 1 }],
        payments: [{ method: 'cash', tendered: 50_000 }],
      });
    await sale();
    await deliver(await markedJobs(shop));
    expect((await rollupOf(shop, today))?.salesCount).toBe(1);
    await sale();
    // Whether the queue's own consumer got there first or this delivery does, the day is
    // recomputed only because the sale marked it again: a day without a mark is left alone.
    await deliver([
      {
        type: 'reports.recompute',
        companyId: shop.companyId,
        storeId: shop.store.id,
        businessDates: [today],
      },
    ]);
    expect(await rollupOf(shop, today)).toMatchObject(await expectedDay(shop, today));
    expect((await rollupOf(shop, today))?.salesCount).toBe(2);
  });

  it('repairs a day that drifted from its transactions in the nightly check', async () => {
    const shop = await saleShop();
    const today = businessDate(new Date(), shop.store.timezone, shop.store.businessDayCutoffHour);
    await sell(shop.cashier, {
      storeId: shop.store.id,
      items: [{ variantId: shop.tea.id, quantity: 2 }],
      payments: [{ method: 'cash', tendered: 100_000 }],
    });
    await deliver(await markedJobs(shop));
    const right = await rollupOf(shop, today);
    // A write that forgot its mark: the rollup no longer matches the transactions.
    await withDatabase(({ db }) =>
      db
        .update(dailyStoreSales)
        .set({ net: 1, salesCount: 9 })
        .where(eq(dailyStoreSales.id, right?.id ?? '')),
    );
    const verify = {
      type: 'reports.verify' as const,
      companyId: shop.companyId,
      storeId: shop.store.id,
      businessDates: [today],
    };
    await deliver([verify]);
    expect(await rollupOf(shop, today)).toMatchObject(await expectedDay(shop, today));
  });
});
