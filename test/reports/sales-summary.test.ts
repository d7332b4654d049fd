import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { businessDate } from '../../src/lib/business-date';
import type { salesSummarySchema } from '../../src/routes/v1/reports/schemas';
import { markDays } from '../../src/services/reports/rollups';
import { saleShop, sell, send } from '../sales/helpers';
import { withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import { deliver, expectedDay, markedJobs } from './helpers';

type Summary = z.infer<typeof salesSummarySchema>;

describe('the sales summary', () => {
  it('sums the rollups of the range and says which days are not counted yet', async () => {
    const shop = await saleShop();
    const today = businessDate(new Date(), shop.store.timezone, shop.store.businessDayCutoffHour);
    const cash = [{ method: 'cash', tendered: 200_000 }];
    for (const quantity of [1, 2]) {
      const sale = await sell(shop.cashier, {
        storeId: shop.store.id,
        items: [{ variantId: shop.coffee.id, quantity }],
        payments: cash,
      });
      expect(sale.status).toBe(201);
    }
    await deliver(await markedJobs(shop));
    const summary = (query: string) =>
      send(shop.manager.session, 'GET', `/api/v1/reports/sales-summary?${query}`);

    const month = `${today.slice(0, 7)}-01`;
    const response = await summary(
      `storeId=${shop.store.id}&from=${month}&to=${today}&groupBy=month`,
    );
    expect(response.status).toBe(200);
    const body = await response.json<Summary>();
    const expected = await expectedDay(shop, today);
    expect(body.periods).toEqual([
      expect.objectContaining({
        period: month,
        ...expected,
        averageTicket: Math.round(expected.salesTotal / 2),
      }),
    ]);
    expect(body.totals).toMatchObject(expected);
    // The README's example: Rp 28.900 and Rp 57.800 (PBJT 10%, service 5%, cash to Rp 100).
    expect(body.totals).toMatchObject({ salesCount: 2, salesTotal: 86_700, averageTicket: 43_350 });
    expect(body.freshness).toEqual({ upToDate: true, pendingDays: [] });

    // A day whose job has not run yet (here: held back) is named, with the time of its change.
    await sell(shop.cashier, {
      storeId: shop.store.id,
      items: [{ variantId: shop.tea.id, quantity: 1 }],
      payments: cash,
    });
    await withDatabase(({ db }) =>
      markDays(db, shop.companyId, [{ storeId: shop.store.id, businessDate: today }]),
    );
    const behind = await (await summary(`storeId=all&from=${today}&to=${today}`)).json<Summary>();
    expect(behind.freshness.upToDate).toBe(false);
    expect(behind.freshness.pendingDays).toEqual([
      expect.objectContaining({ storeId: shop.store.id, businessDate: today }),
    ]);
    await deliver(await markedJobs(shop));
    const caughtUp = await (await summary(`storeId=all&from=${today}&to=${today}`)).json<Summary>();
    expect(caughtUp.totals.salesCount).toBe(3);
    expect(caughtUp.freshness.upToDate).toBe(true);
  });

  it('refuses a range backwards or longer than a year, and a cashier without reports.view', async () => {
    const shop = await saleShop();
    const backwards = await send(
      shop.owner.session,
      'GET',
      `/api/v1/reports/sales-summary?storeId=all&from=2026-12-05&to=2026-12-01`,
    );
    expect(backwards.status).toBe(400);
    const tooLong = await send(
      shop.owner.session,
      'GET',
      `/api/v1/reports/sales-summary?storeId=all&from=2025-01-01&to=2026-06-30`,
      undefined,
      { 'Accept-Language': 'en' },
    );
    expect(tooLong.status).toBe(400);
    expect((await readProblem(tooLong)).errors?.[0]?.message).toBe(
      'A report covers at most 366 days.',
    );
    const cashier = await send(
      shop.cashier.session,
      'GET',
      `/api/v1/reports/sales-summary?storeId=${shop.store.id}&from=2026-12-01&to=2026-12-01`,
    );
    expect(cashier.status).toBe(403);
  });
});
