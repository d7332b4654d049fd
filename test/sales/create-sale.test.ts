import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { saleSchema } from '../../src/routes/v1/sales/schemas';
import { auditRows } from '../support/auth';
import { readProblem } from '../support/worker';
import {
  countTransactions,
  type SaleShop,
  saleShop,
  salesOfStore,
  sell,
  setStore,
  stockOf,
} from './helpers';

type SaleBody = z.infer<typeof saleSchema>;

function cashSale(shop: SaleShop, extra: Record<string, unknown> = {}) {
  return {
    storeId: shop.store.id,
    items: [
      { variantId: shop.coffee.id, quantity: 2 },
      { variantId: shop.tea.id, quantity: 3 },
    ],
    payments: [{ method: 'cash', tendered: 150_000 }],
    ...extra,
  };
}

describe('POST /api/v1/transactions', () => {
  it('computes every amount, numbers the sale, takes stock and audits it in one go', async () => {
    const shop = await saleShop();
    const response = await sell(shop.cashier, cashSale(shop));
    expect(response.status).toBe(201);
    const sale = await response.json<SaleBody>();
    // 2 × 25.000 + 3 × 20.000 = 110.000; service 5% = 5.500; PBJT 10% of 115.500 = 11.550;
    // 127.050 rounded to Rp100 for cash = 127.100 (rounding +50); change 150.000 − 127.100.
    expect(sale).toMatchObject({
      subtotal: 110_000,
      serviceCharge: 5_500,
      taxTotal: 11_550,
      rounding: 50,
      total: 127_100,
      paidTotal: 150_000,
      changeAmount: 22_900,
    });
    expect(sale.number).toBe(`${shop.store.code}-${sale.businessDate.replaceAll('-', '')}-0001`);
    expect(sale.items.map((item) => item.taxAmount).reduce((a, b) => a + b, 0)).toBe(11_550);
    expect(sale.payments).toEqual([
      expect.objectContaining({
        method: 'cash',
        amount: 127_100,
        tendered: 150_000,
        changeAmount: 22_900,
      }),
    ]);
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(48);
    const audit = await auditRows(shop.companyId, 'transaction.create');
    expect(audit.map((row) => row.entityId)).toEqual([sale.id]);
  });

  it('numbers consecutive sales of a store 0001, 0002, 0003', async () => {
    const shop = await saleShop();
    for (let index = 0; index < 3; index++) {
      expect((await sell(shop.cashier, cashSale(shop))).status).toBe(201);
    }
    const numbers = (await salesOfStore(shop.store.id)).map((sale) => sale.number.slice(-4));
    expect(numbers).toEqual(['0001', '0002', '0003']);
  });

  it('gives 100 concurrent sales of one store the numbers 1..100, no gap and no duplicate', async () => {
    const shop = await saleShop();
    await setStore(shop.store.id, { allowNegativeStock: true });
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        sell(shop.cashier, {
          storeId: shop.store.id,
          items: [{ variantId: shop.tea.id, quantity: 1 }],
          payments: [{ method: 'qris', amount: 23_100 }],
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(100).fill(201));
    const sequences = (await salesOfStore(shop.store.id)).map((sale) =>
      Number(sale.number.slice(-4)),
    );
    expect(sequences).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
  });

  it('burns no number when the sale fails inside its transaction', async () => {
    const shop = await saleShop({ allowNegativeStock: false });
    expect((await sell(shop.cashier, cashSale(shop))).status).toBe(201);
    const tooMany = await sell(
      shop.cashier,
      cashSale(shop, {
        items: [{ variantId: shop.coffee.id, quantity: 500 }],
        payments: [{ method: 'cash', tendered: 100_000_000 }],
      }),
    );
    expect(tooMany.status).toBe(422);
    expect((await readProblem(tooMany)).detail).toMatch(/Stok tidak mencukupi/);
    expect((await sell(shop.cashier, cashSale(shop))).status).toBe(201);
    const numbers = (await salesOfStore(shop.store.id)).map((sale) => sale.number.slice(-4));
    expect(numbers).toEqual(['0001', '0002']);
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(46);
  });

  it('answers a retry with the same id and body with the original sale, once', async () => {
    const shop = await saleShop();
    const body = cashSale(shop, { id: crypto.randomUUID() });
    const first = await sell(shop.cashier, body);
    const retry = await sell(shop.cashier, body);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect((await retry.json<SaleBody>()).number).toBe((await first.json<SaleBody>()).number);
    expect(await countTransactions(shop.companyId)).toBe(1);
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(48);
  });

  it('refuses the same id with a different body (409) and writes nothing', async () => {
    const shop = await saleShop();
    const id = crypto.randomUUID();
    expect((await sell(shop.cashier, cashSale(shop, { id }))).status).toBe(201);
    const conflicting = await sell(shop.cashier, cashSale(shop, { id, note: 'berbeda' }));
    expect(conflicting.status).toBe(409);
    expect((await readProblem(conflicting)).code).toBe('CONFLICT');
    expect(await countTransactions(shop.companyId)).toBe(1);
  });

  it('refuses cash below the amount due with 422 "Uang yang dibayarkan kurang"', async () => {
    const shop = await saleShop();
    const response = await sell(
      shop.cashier,
      cashSale(shop, { payments: [{ method: 'cash', tendered: 100_000 }] }),
    );
    expect(response.status).toBe(422);
    expect((await readProblem(response)).detail).toMatch(/Uang yang dibayarkan kurang/);
    expect(await countTransactions(shop.companyId)).toBe(0);
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(50);
  });

  it('refuses a till total that differs from the server total, showing the difference', async () => {
    const shop = await saleShop();
    const response = await sell(shop.cashier, cashSale(shop, { expectedTotal: 127_000 }));
    expect(response.status).toBe(422);
    const problem = await readProblem(response);
    expect(problem).toMatchObject({ code: 'UNPROCESSABLE', difference: -100 });
    expect(await countTransactions(shop.companyId)).toBe(0);
  });

  it('needs price.override or a manager approval for a price override', async () => {
    const shop = await saleShop();
    const overridden = {
      storeId: shop.store.id,
      items: [{ variantId: shop.coffee.id, quantity: 1, unitPrice: 20_000 }],
      payments: [{ method: 'card', amount: 23_100 }],
    };
    const alone = await sell(shop.cashier, overridden);
    expect(alone.status).toBe(403);
    const approved = await sell(shop.cashier, {
      ...overridden,
      approval: { approverId: shop.manager.user.id, pin: '1357' },
    });
    expect(approved.status).toBe(201);
    const audit = await auditRows(shop.companyId, 'transaction.create');
    expect(JSON.stringify(audit[0]?.after)).toContain(shop.manager.user.id);
    expect(await countTransactions(shop.companyId)).toBe(1);
  });

  it('refuses a cashier in a store not assigned to them, and another company’s store', async () => {
    const shop = await saleShop();
    const other = await saleShop();
    const unassigned = await sell(shop.cashier, cashSale(shop, { storeId: shop.otherStore.id }));
    expect(unassigned.status).toBe(403);
    const foreign = await sell(shop.owner, cashSale(shop, { storeId: other.store.id }));
    expect(foreign.status).toBe(404);
    expect(await countTransactions(other.companyId)).toBe(0);
  });

  it('refuses malformed sales with field paths and writes nothing', async () => {
    const shop = await saleShop();
    const response = await sell(shop.cashier, {
      storeId: shop.store.id,
      items: [{ variantId: shop.coffee.id, quantity: 0 }],
      payments: [{ method: 'cash' }],
    });
    expect(response.status).toBe(400);
    const paths = (await readProblem(response)).errors?.map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['items.0.quantity', 'payments.0.amount']));
    expect(await countTransactions(shop.companyId)).toBe(0);
  });
});

describe('GET /api/v1/transactions/:id', () => {
  it('returns the sale with items and payments, and 404 for another company', async () => {
    const shop = await saleShop();
    const other = await saleShop();
    const sale = await (await sell(shop.cashier, cashSale(shop))).json<SaleBody>();
    const { send } = await import('./helpers');
    const mine = await send(shop.manager.session, 'GET', `/api/v1/transactions/${sale.id}`);
    expect(mine.status).toBe(200);
    expect((await mine.json<SaleBody>()).items).toHaveLength(2);
    const theirs = await send(other.owner.session, 'GET', `/api/v1/transactions/${sale.id}`);
    expect(theirs.status).toBe(404);
  });
});

describe('discounts and negative stock', () => {
  const discounted = (
    shop: SaleShop,
    lineDiscount: number,
    extra: Record<string, unknown> = {},
  ) => ({
    storeId: shop.store.id,
    items: [{ variantId: shop.tea.id, quantity: 5, lineDiscount }],
    payments: [{ method: 'cash', tendered: 200_000 }],
    ...extra,
  });

  it('lets a cashier give a discount within the store limit, and not beyond it without approval', async () => {
    const shop = await saleShop({ discountLimitBasisPoints: 1000 });
    // Gross 100.000: a 10.000 discount is within 10%, 10.100 is not.
    expect((await sell(shop.cashier, discounted(shop, 10_000))).status).toBe(201);
    const beyond = await sell(shop.cashier, discounted(shop, 10_100));
    expect(beyond.status).toBe(403);
    expect(await countTransactions(shop.companyId)).toBe(1);
    const approved = await sell(
      shop.cashier,
      discounted(shop, 10_100, { approval: { approverId: shop.manager.user.id, pin: '1357' } }),
    );
    expect(approved.status).toBe(201);
    expect(await countTransactions(shop.companyId)).toBe(2);
  });

  it('allows a sale below zero stock by default and flags it', async () => {
    const shop = await saleShop();
    const response = await sell(shop.cashier, {
      storeId: shop.store.id,
      items: [{ variantId: shop.coffee.id, quantity: 60 }],
      payments: [{ method: 'cash', tendered: 10_000_000 }],
    });
    expect(response.status).toBe(201);
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(-10);
    const [sale] = await salesOfStore(shop.store.id);
    expect(sale?.flags).toContain('negative_stock');
  });
});
