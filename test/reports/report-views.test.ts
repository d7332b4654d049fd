import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { categories, products } from '../../src/db/schema';
import { businessDate } from '../../src/lib/business-date';
import { coffeeWithModifiers, type SaleShop, saleShop, sell, send } from '../sales/helpers';
import { withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import { deliver, markedJobs } from './helpers';

/**
 * What each report shows beyond its sums (late-data.property.test.ts checks the sums): names,
 * groupings, top N, cost and profit, modifier options, who approved a void, paging, averages,
 * and who may read them.
 */

interface Day {
  shop: SaleShop;
  today: string;
  voidedSaleId: string;
  refundedSaleId: string;
  coffeeCategoryId: string;
}

/** Today in one store: coffee with options (costed), tea (no cost), a void and a refund. */
async function aDayOfSales(): Promise<Day> {
  const shop = await saleShop();
  const today = businessDate(new Date(), shop.store.timezone, shop.store.businessDayCutoffHour);
  const coffeeCategoryId = await withDatabase(async ({ db }) => {
    const [category] = await db
      .insert(categories)
      .values({ companyId: shop.companyId, name: 'Minuman Kopi' })
      .returning();
    await db
      .update(products)
      .set({ cost: 9_000, categoryId: category?.id ?? null })
      .where(eq(products.id, shop.coffee.productId));
    return category?.id ?? '';
  });
  const options = await coffeeWithModifiers(shop);
  const made = async (seller: SaleShop['cashier'], body: Record<string, unknown>) => {
    const response = await sell(seller, { storeId: shop.store.id, ...body });
    expect(response.status, await response.clone().text()).toBe(201);
    return response.json<{ id: string; total: number }>();
  };
  const coffees = await made(shop.cashier, {
    items: [{ variantId: shop.coffee.id, quantity: 2, modifiers: [options.less, options.shot] }],
    payments: [{ method: 'cash', tendered: 100_000 }],
  });
  const tea = await made(shop.cashier, {
    items: [{ variantId: shop.tea.id, quantity: 1 }],
    payments: [
      { method: 'qris', amount: 10_000 },
      { method: 'cash', tendered: 50_000 },
    ],
  });
  await made(shop.manager, {
    items: [{ variantId: shop.tea.id, quantity: 3 }],
    payments: [{ method: 'cash', tendered: 100_000 }],
  });
  // The cashier voids the single tea with a manager's PIN; the manager refunds one coffee.
  const voided = await send(shop.cashier.session, 'POST', `/api/v1/transactions/${tea.id}/void`, {
    reason: 'Pelanggan batal',
    approval: { approverId: shop.manager.user.id, pin: '1357' },
  });
  expect(voided.status).toBe(200);
  const refunded = await send(
    shop.manager.session,
    'POST',
    `/api/v1/transactions/${coffees.id}/refunds`,
    { reason: 'Tumpah', items: [{ lineNumber: 1, quantity: 1 }] },
  );
  expect(refunded.status).toBe(201);
  await deliver(await markedJobs(shop));
  return { shop, today, voidedSaleId: tea.id, refundedSaleId: coffees.id, coffeeCategoryId };
}

function report(day: Day, path: string, query = '', as = day.shop.owner) {
  return send(
    as.session,
    'GET',
    `/api/v1/reports/${path}?storeId=${day.shop.store.id}&from=${day.today}&to=${day.today}${query}`,
  );
}

async function json<Body>(response: Response): Promise<Body> {
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json<Body>();
}

type Row = Record<string, unknown>;

describe('the reports', () => {
  it('show what sold: top N, groupings, cost and profit, options, payments and taxes', async () => {
    const day = await aDayOfSales();
    const top = await json<{ count: number; rows: Row[]; totals: Row }>(
      await report(day, 'items', '&sort=quantity&limit=1'),
    );
    // Tea: 1 + 3 sold (the voided one counts as sold, and as voided today); coffee: 2.
    expect(top.count).toBe(2);
    expect(top.rows).toEqual([
      expect.objectContaining({
        id: day.shop.tea.id,
        quantity: 4,
        voidedQuantity: 1,
        uncostedQuantity: 4,
        grossProfit: null,
      }),
    ]);
    expect(top.totals).toMatchObject({ quantity: 6, refundedQuantity: 1, voidedQuantity: 1 });

    const byCategory = await json<{ rows: Row[] }>(await report(day, 'items', '&by=category'));
    const coffee = byCategory.rows.find((row) => row.id === day.coffeeCategoryId);
    // 2 × (25.000 + extra shot 5.000) = 60.000; cost 2 × 9.000 recorded at the sale.
    expect(coffee).toMatchObject({
      name: 'Minuman Kopi',
      quantity: 2,
      gross: 60_000,
      net: 60_000,
      cost: 18_000,
      grossProfit: 42_000,
    });
    expect(byCategory.rows.find((row) => row.id === null)).toMatchObject({ name: '', quantity: 4 });

    const options = await json<{ rows: Row[] }>(await report(day, 'options'));
    expect(options.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'Extra shot',
          groupName: 'Tambahan',
          quantity: 2,
          gross: 10_000,
        }),
        expect.objectContaining({
          name: 'Less sugar',
          groupName: 'Tingkat gula',
          quantity: 2,
          gross: 0,
        }),
      ]),
    );

    const payments = await json<{ methods: Row[] }>(await report(day, 'payments'));
    expect(payments.methods.find((row) => row.method === 'qris')).toMatchObject({
      paymentsCount: 1,
      amount: 10_000,
      voidsCount: 1,
      voidsAmount: 10_000,
      net: 0,
    });

    const taxes = await json<{ regimes: Row[]; days: Row[] }>(await report(day, 'taxes'));
    expect(taxes.regimes).toHaveLength(1);
    const [pbjt] = taxes.regimes;
    expect(pbjt).toMatchObject({ taxRegime: 'pbjt', taxRateBasisPoints: 1000, salesCount: 3 });
    // PBJT 10% on the base with its service charge (5%, taxed): the tax base excludes the tax
    // (each sale's tax is rounded once, so the sum is within half a rupiah a sale).
    expect(pbjt?.netTax).toBe(Number(pbjt?.tax) - Number(pbjt?.voidsTax));
    expect(Math.abs(Number(pbjt?.tax) - Number(pbjt?.taxBase) / 10)).toBeLessThanOrEqual(1.5);
    expect(taxes.days).toEqual([expect.objectContaining({ businessDate: day.today })]);
  });

  it('show who sold, when, and who voided and approved, a page at a time', async () => {
    const day = await aDayOfSales();
    const { shop } = day;
    const cashiers = await json<{ rows: Row[] }>(await report(day, 'cashiers'));
    // The void counts against the sale's cashier; the refund against who made it.
    expect(cashiers.rows.find((row) => row.id === shop.cashier.user.id)).toMatchObject({
      name: shop.cashier.user.name,
      salesCount: 2,
      voidsCount: 1,
      refundsCount: 0,
    });
    expect(cashiers.rows.find((row) => row.id === shop.manager.user.id)).toMatchObject({
      salesCount: 1,
      refundsCount: 1,
    });
    const shifts = await json<{ rows: Row[] }>(await report(day, 'cashiers', '&by=shift'));
    expect(shifts.rows).toEqual([expect.objectContaining({ id: null, salesCount: 3 })]);

    const yesterday = new Date(Date.parse(`${day.today}T00:00:00Z`) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    const average = await json<{ days: number; hours: Row[] }>(
      await send(
        shop.owner.session,
        'GET',
        `/api/v1/reports/hours?storeId=${shop.store.id}&from=${yesterday}&to=${day.today}&aggregate=average`,
      ),
    );
    expect(average.days).toBe(2);
    expect(average.hours).toHaveLength(24);
    const salesPerDay = average.hours.reduce((sum, row) => sum + Number(row.salesCount), 0);
    expect(salesPerDay).toBeCloseTo(1.5, 2);

    const first = await json<{ data: Row[]; nextCursor: string | null }>(
      await report(day, 'voids-refunds', '&limit=1'),
    );
    expect(first.data).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await json<{ data: Row[]; nextCursor: string | null }>(
      await report(day, 'voids-refunds', `&limit=1&cursor=${first.nextCursor}`),
    );
    expect(second.nextCursor).toBeNull();
    const rows = [...first.data, ...second.data];
    expect(rows.find((row) => row.kind === 'void')).toMatchObject({
      id: day.voidedSaleId,
      reason: 'Pelanggan batal',
      businessDate: day.today,
      by: { id: shop.cashier.user.id, name: shop.cashier.user.name },
      approvedBy: { id: shop.manager.user.id, name: shop.manager.user.name },
      sale: expect.objectContaining({ id: day.voidedSaleId, businessDate: day.today }),
    });
    expect(rows.find((row) => row.kind === 'refund')).toMatchObject({
      reason: 'Tumpah',
      by: { id: shop.manager.user.id, name: shop.manager.user.name },
      approvedBy: null,
      sale: expect.objectContaining({ id: day.refundedSaleId }),
    });
    const forged = await report(day, 'voids-refunds', '&cursor=bm90LWEtY3Vyc29y');
    expect(forged.status).toBe(400);
  });

  it('refuse bad parameters, a cashier, and another company’s store', async () => {
    const day = await aDayOfSales();
    for (const [path, query] of [
      ['items', '&by=supplier'],
      ['items', '&limit=0'],
      ['hours', '&aggregate=median'],
      ['cashiers', '&by=table'],
      ['payments', '&extra=1'],
    ] as const) {
      const response = await report(day, path, query);
      expect(response.status, `${path}${query}`).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await report(day, 'taxes', '', day.shop.cashier)).status).toBe(403);
    const other = await saleShop();
    const foreign = await report(day, 'items', '', other.owner);
    expect(foreign.status).toBe(404);
    expect((await readProblem(foreign)).status).toBe(404);
  });
});
