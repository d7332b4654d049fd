import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { products, productVariants } from '../../src/db/schema';
import type {
  refundResultSchema,
  salePageSchema,
  saleSchema,
} from '../../src/routes/v1/sales/schemas';
import { auditRows } from '../support/auth';
import { withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import { type SaleShop, saleShop, salesOfStore, sell, send, stockOf } from './helpers';

type Sale = z.infer<typeof saleSchema>;
type RefundResult = z.infer<typeof refundResultSchema>;
type SalePage = z.infer<typeof salePageSchema>;

async function soldCoffeeAndTea(shop: SaleShop): Promise<Sale> {
  const response = await sell(shop.cashier, {
    storeId: shop.store.id,
    items: [
      { variantId: shop.coffee.id, quantity: 2 },
      { variantId: shop.tea.id, quantity: 3 },
    ],
    payments: [{ method: 'cash', tendered: 150_000 }],
  });
  expect(response.status).toBe(201);
  return response.json<Sale>();
}

const voidSale = (
  _shop: SaleShop,
  who: SaleShop['manager'],
  sale: Sale,
  extra: Record<string, unknown> = {},
) =>
  send(who.session, 'POST', `/api/v1/transactions/${sale.id}/void`, {
    reason: 'Salah input pesanan',
    ...extra,
  });
const refund = (
  who: SaleShop['manager'],
  sale: Sale,
  items: Array<{ lineNumber: number; quantity: number }>,
) =>
  send(who.session, 'POST', `/api/v1/transactions/${sale.id}/refunds`, {
    reason: 'Pelanggan komplain',
    items,
  });

describe('voiding a sale', () => {
  it('keeps the number, returns the stock, audits, and refuses a second void', async () => {
    const shop = await saleShop();
    const sale = await soldCoffeeAndTea(shop);
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(48);
    const voided = await voidSale(shop, shop.manager, sale);
    expect(voided.status).toBe(200);
    expect(await voided.json<Sale>()).toMatchObject({ status: 'voided', number: sale.number });
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(50);
    expect(
      (await auditRows(shop.companyId, 'transaction.void')).map((row) => row.entityId),
    ).toEqual([sale.id]);
    const again = await voidSale(shop, shop.manager, sale);
    expect(again.status).toBe(422);
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(50);
  });

  it('refuses a cashier without approval (403) and accepts one with a manager PIN', async () => {
    const shop = await saleShop();
    const sale = await soldCoffeeAndTea(shop);
    const alone = await voidSale(shop, shop.cashier, sale);
    expect(alone.status).toBe(403);
    expect((await salesOfStore(shop.store.id))[0]?.status).toBe('completed');
    const approved = await voidSale(shop, shop.cashier, sale, {
      approval: { approverId: shop.manager.user.id, pin: '1357' },
    });
    expect(approved.status).toBe(200);
    const [audit] = await auditRows(shop.companyId, 'transaction.void');
    expect(JSON.stringify(audit?.after)).toContain(shop.manager.user.id);
  });

  it('answers 404 for another company’s sale and changes nothing', async () => {
    const shop = await saleShop();
    const other = await saleShop();
    const sale = await soldCoffeeAndTea(shop);
    expect((await voidSale(other, other.manager, sale)).status).toBe(404);
    expect((await salesOfStore(shop.store.id))[0]?.status).toBe('completed');
  });
});

describe('refunding a sale', () => {
  it('refunds in parts, returns stock exactly, and never more than was sold', async () => {
    const shop = await saleShop();
    const sale = await soldCoffeeAndTea(shop);
    const first = await refund(shop.manager, sale, [{ lineNumber: 1, quantity: 1 }]);
    expect(first.status).toBe(201);
    const firstBody = await first.json<RefundResult>();
    expect(firstBody.sale.status).toBe('partially_refunded');
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(49);

    const tooMuch = await refund(shop.manager, sale, [{ lineNumber: 1, quantity: 2 }]);
    expect(tooMuch.status).toBe(422);
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(49);

    const rest = await refund(shop.manager, sale, [
      { lineNumber: 1, quantity: 1 },
      { lineNumber: 2, quantity: 3 },
    ]);
    expect(rest.status).toBe(201);
    const restBody = await rest.json<RefundResult>();
    expect(restBody.sale.status).toBe('refunded');
    const detail = await (
      await send(shop.manager.session, 'GET', `/api/v1/transactions/${sale.id}`)
    ).json<Sale>();
    expect(detail.refunds.map((row) => row.id)).toEqual([firstBody.refund.id, restBody.refund.id]);
    expect(firstBody.refund.total + restBody.refund.total).toBe(sale.total);
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(50);
    expect((await refund(shop.manager, sale, [{ lineNumber: 2, quantity: 1 }])).status).toBe(422);
  });

  it('lets only one of two concurrent refunds of the same items through', async () => {
    const shop = await saleShop();
    const sale = await soldCoffeeAndTea(shop);
    const results = await Promise.all([
      refund(shop.manager, sale, [{ lineNumber: 1, quantity: 2 }]),
      refund(shop.manager, sale, [{ lineNumber: 1, quantity: 2 }]),
    ]);
    expect(results.map((response) => response.status).sort()).toEqual([201, 422]);
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(50);
  });

  it('refuses to refund a voided sale', async () => {
    const shop = await saleShop();
    const sale = await soldCoffeeAndTea(shop);
    expect((await voidSale(shop, shop.manager, sale)).status).toBe(200);
    const response = await refund(shop.manager, sale, [{ lineNumber: 1, quantity: 1 }]);
    expect(response.status).toBe(422);
    expect((await readProblem(response)).code).toBe('UNPROCESSABLE');
  });
});

describe('GET /api/v1/transactions/:id/receipt', () => {
  it('prints plain text within 32 and 48 columns with the Indonesian lines', async () => {
    const shop = await saleShop();
    const sale = await soldCoffeeAndTea(shop);
    for (const width of [32, 48]) {
      const response = await send(
        shop.cashier.session,
        'GET',
        `/api/v1/transactions/${sale.id}/receipt?format=text&width=${width}`,
      );
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text.split('\n').every((line) => line.length <= width)).toBe(true);
      expect(text).toContain(sale.number);
      expect(text).toMatch(/PBJT 10%/);
      expect(text).toMatch(/Kembalian/);
      expect(text).toMatch(/WIB/);
    }
  });

  it('escapes a product name in HTML and marks a voided sale', async () => {
    const shop = await saleShop();
    const hostile = '<script>alert(1)</script>';
    await withDatabase(async ({ db }) => {
      await db
        .update(products)
        .set({ name: hostile })
        .where(eq(products.companyId, shop.companyId));
      await db
        .update(productVariants)
        .set({ name: hostile })
        .where(eq(productVariants.companyId, shop.companyId));
    });
    const sale = await soldCoffeeAndTea(shop);
    await voidSale(shop, shop.manager, sale);
    const html = await (
      await send(shop.cashier.session, 'GET', `/api/v1/transactions/${sale.id}/receipt?format=html`)
    ).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toMatch(/DIBATALKAN/);
  });
});

describe('GET /api/v1/transactions', () => {
  it('lists the company’s sales newest first with filters and a cursor, never another company’s', async () => {
    const shop = await saleShop();
    const other = await saleShop();
    const first = await soldCoffeeAndTea(shop);
    const second = await soldCoffeeAndTea(shop);
    const third = await soldCoffeeAndTea(shop);
    await soldCoffeeAndTea(other);
    await voidSale(shop, shop.manager, second);

    const pageOne = await send(
      shop.manager.session,
      'GET',
      `/api/v1/transactions?storeId=${shop.store.id}&limit=2`,
    );
    const bodyOne = await pageOne.json<SalePage>();
    expect(bodyOne.data.map((sale) => sale.id)).toEqual([third.id, second.id]);
    // Each row names its cashier and its payment methods (read in the same statement).
    expect(bodyOne.data[0]).toMatchObject({
      cashierName: shop.cashier.user.name,
      methods: ['cash'],
    });
    const pageTwo = await send(
      shop.manager.session,
      'GET',
      `/api/v1/transactions?storeId=${shop.store.id}&limit=2&cursor=${bodyOne.nextCursor}`,
    );
    expect((await pageTwo.json<SalePage>()).data.map((sale) => sale.id)).toEqual([first.id]);

    const voided = await send(shop.manager.session, 'GET', '/api/v1/transactions?status=voided');
    expect((await voided.json<SalePage>()).data.map((sale) => sale.id)).toEqual([second.id]);
    const byNumber = await send(
      shop.manager.session,
      'GET',
      `/api/v1/transactions?number=${first.number}&method=cash`,
    );
    expect((await byNumber.json<SalePage>()).data.map((sale) => sale.id)).toEqual([first.id]);
    const foreign = await send(
      other.manager.session,
      'GET',
      `/api/v1/transactions?number=${first.number}`,
    );
    expect((await foreign.json<SalePage>()).data).toEqual([]);
    const badRange = await send(
      shop.manager.session,
      'GET',
      '/api/v1/transactions?from=2026-11-02&to=2026-11-01',
    );
    expect(badRange.status).toBe(400);
  });
});

describe('a company’s own receipt body', () => {
  it('is used for its receipts once saved', async () => {
    const shop = await saleShop();
    const saved = await send(shop.owner.session, 'POST', '/api/v1/receipt-templates', {
      name: 'Ringkas',
      textTemplate: 'STRUK {{ transaction.number }}\nTOTAL {{ totals.total | rupiah }}',
    });
    expect(saved.status).toBe(201);
    const sale = await soldCoffeeAndTea(shop);
    const text = await (
      await send(shop.cashier.session, 'GET', `/api/v1/transactions/${sale.id}/receipt?format=text`)
    ).text();
    expect(text.trim()).toBe(`STRUK ${sale.number}\nTOTAL Rp 127.100`);
  });
});
