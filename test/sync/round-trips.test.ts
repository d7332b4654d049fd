import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger';
import { createSale } from '../../src/services/sales/create-sale';
import { initialCursor } from '../../src/services/sync/cursor';
import { readFeedPage } from '../../src/services/sync/feed';
import { processSaleBatch } from '../../src/services/sync/upload';
import type { OfflineSale } from '../../src/services/sync/upload-types';
import { withCountingDb } from '../catalog/counting-db';
import { saleShop } from '../sales/helpers';
import { offlineSale } from './helpers';

describe('database statements of sync', () => {
  it('costs a fixed number per sale and per batch, whatever the batch size', async () => {
    const shop = await saleShop();
    const batch = (size: number) => ({
      batchId: crypto.randomUUID(),
      companyId: shop.companyId,
      storeId: shop.store.id,
      deviceSessionId: shop.cashier.session.sessionId,
      requestId: null,
      ipAddress: null,
      receivedAt: new Date().toISOString(),
      shiftEvents: [],
      bills: [],
      entries: Array.from({ length: size }, (_, index) => ({
        index,
        sale: offlineSale(shop) as OfflineSale,
      })),
    });
    const logger = createLogger({ level: 'error' });
    const [one, eleven, resent] = await withCountingDb(async (db, queries) => {
      const counts: number[] = [];
      const large = batch(11);
      for (const command of [batch(1), large, large]) {
        const before = queries();
        await processSaleBatch(db, command, logger);
        counts.push(queries() - before);
      }
      return counts;
    });
    // The same statements for 1 sale as for 11: nothing is asked per sale.
    expect(eleven).toBe(one);
    // Open the batch; the earlier copies; the staff, the store, its menu and the price history
    // of the batch's span (6 reads); then one transaction: begin, counters, the stock movements
    // with their levels, the sales with their items, payments and audit rows, the batch's
    // counts, the device, commit (7).
    expect(one).toBe(13);
    // A resent batch: open it, find every sale already there, count it and touch the device.
    expect(resent).toBe(4);
  });

  it('reads a page of the feed in one statement, whatever the page size or the number of types', async () => {
    const shop = await saleShop();
    const scope = { companyId: shop.companyId, storeId: shop.store.id };
    const statements = await withCountingDb(async (db, queries) => {
      const counts: number[] = [];
      for (const limit of [1, 500]) {
        const before = queries();
        const page = await readFeedPage(db, scope, initialCursor(shop.store.id, true), limit);
        expect(page.changes.length).toBeGreaterThan(0);
        counts.push(queries() - before);
      }
      return counts;
    });
    expect(statements).toEqual([1, 1]);
  });
});

describe('database statements of an online sale', () => {
  it('reads its store and menu once and writes in one transaction, whatever the number of items', async () => {
    const shop = await saleShop();
    const command = (items: Array<{ variantId: string; quantity: number }>) => ({
      companyId: shop.companyId,
      cashierId: shop.cashier.user.id,
      deviceSessionId: shop.cashier.session.sessionId,
      requestId: null,
      ipAddress: null,
      authorizations: [],
      discountAllowed: false,
      at: new Date().toISOString(),
      input: {
        id: crypto.randomUUID(),
        storeId: shop.store.id,
        items,
        payments: [{ method: 'cash' as const, tendered: 500_000 }],
      },
    });
    const counts = await withCountingDb(async (db, queries) => {
      const statements: number[] = [];
      const large = command([
        { variantId: shop.coffee.id, quantity: 1 },
        { variantId: shop.tea.id, quantity: 2 },
        { variantId: shop.coffee.id, quantity: 3 },
      ]);
      for (const sale of [command([{ variantId: shop.coffee.id, quantity: 1 }]), large]) {
        const before = queries();
        const outcome = await createSale(db, sale);
        expect(outcome.status).toBe('created');
        statements.push(queries() - before);
      }
      const before = queries();
      expect((await createSale(db, large)).status).toBe('duplicate');
      statements.push(queries() - before);
      return statements;
    });
    // The store (with the cashier's name and any earlier copy) and the menu; then begin,
    // counter, the stock movements with their levels, the sale with its items, payments and
    // audit row, commit. The answer is built from what the writes returned. With the session,
    // which the store's object reads first, an online sale is 8 statements on one connection.
    expect(counts.slice(0, 2)).toEqual([7, 7]);
    // A retry reads the store and the sale as recorded (sale, items, payments, refunds).
    expect(counts[2]).toBe(5);
  });
});
