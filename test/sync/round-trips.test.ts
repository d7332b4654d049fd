import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger';
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
    const perSale = ((eleven ?? 0) - (one ?? 0)) / 10;
    const perBatch = (one ?? 0) - perSale;
    // Per batch: open the batch, its staff, then once for all sales the earlier copies, the store,
    // the menu and today's prices; at the end counts and the device in one transaction (4).
    expect(perBatch).toBe(10);
    // Per sale: the price at the sale's time (one per variant), then its own transaction: begin,
    // counter, sale, items, payments, negative-stock rule, stock movements, levels, audit, commit.
    expect(perSale).toBe(11);
    // A resent batch reads and answers; it records no sale again.
    expect(resent).toBe(perBatch);
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
