import { describe, expect, it } from 'vitest';
import { saleShop, salesOfStore, stockOf } from '../sales/helpers';
import { batchOf, offlineSale, uploadOk } from './helpers';

/**
 * A batch's sales are written together (src/services/sync/upload.ts); when the set write fails,
 * it is written again one sale per savepoint. These are the cases only the write can see (a sale
 * repeated inside one batch is in upload.test.ts).
 */
describe('a batch written as a set', () => {
  it("keeps the others when one sale's id is another company's sale, and burns no number", async () => {
    const shop = await saleShop();
    const other = await saleShop();
    const elsewhere = offlineSale(other);
    await uploadOk(other.cashier, batchOf(other, [elsewhere]));

    const before = offlineSale(shop);
    const colliding = offlineSale(shop, { id: elsewhere.id });
    const after = offlineSale(shop);
    const body = await uploadOk(shop.cashier, batchOf(shop, [before, colliding, after]));

    expect(body.results.map((result) => result.status)).toEqual([
      'accepted',
      'rejected',
      'accepted',
    ]);
    // The same answer as a reused id of this company: nothing says where the id is used.
    expect(body.results[1]).toMatchObject({
      id: elsewhere.id,
      code: 'CONFLICT',
      reason: 'sales.idReused',
      retryable: false,
    });
    const sales = await salesOfStore(shop.store.id);
    expect(sales.map((sale) => sale.id)).toEqual([before.id, after.id]);
    expect(sales.map((sale) => sale.number.slice(-4))).toEqual(['0001', '0002']);
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(48);
  });

  it('records sales in order until a store that allows no negative stock runs out', async () => {
    const shop = await saleShop({ allowNegativeStock: false });
    const twenty = () =>
      offlineSale(shop, { items: [{ variantId: shop.coffee.id, quantity: 20 }] });
    const sales = [twenty(), twenty(), twenty()];
    const body = await uploadOk(
      shop.cashier,
      batchOf(
        shop,
        sales.map((sale) => ({ ...sale, payments: [{ method: 'cash', tendered: 1_000_000 }] })),
      ),
    );

    expect(body.results.map((result) => result.status)).toEqual([
      'accepted',
      'accepted',
      'rejected',
    ]);
    expect(body.results[2]).toMatchObject({ reason: 'inventory.insufficientStock' });
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(10);
    const recorded = await salesOfStore(shop.store.id);
    expect(recorded.map((sale) => sale.number.slice(-4))).toEqual(['0001', '0002']);
  });

  it('marks the sale that took a level below zero, not the ones before it', async () => {
    const shop = await saleShop();
    const thirty = () =>
      offlineSale(shop, {
        items: [{ variantId: shop.coffee.id, quantity: 30 }],
        payments: [{ method: 'cash', tendered: 1_000_000 }],
      });
    const body = await uploadOk(shop.cashier, batchOf(shop, [thirty(), thirty()]));

    expect(body.results.map((result) => result.flags?.includes('negative_stock'))).toEqual([
      false,
      true,
    ]);
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(-10);
  });
});
