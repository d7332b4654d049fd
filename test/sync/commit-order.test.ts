import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { Database } from '../../src/db/client';
import { products } from '../../src/db/schema';
import { createVariant } from '../inventory/helpers';
import { saleShop } from '../sales/helpers';
import { DeviceState } from './helpers';

/**
 * The case a timestamp or sequence cursor gets wrong: transaction A writes first but commits
 * last, B writes later and commits first, and a device pulls in between. This needs two open
 * transactions at once, so it runs on a real Postgres server (CI sets DATABASE_URL); the
 * embedded Postgres of `npm test` serves one connection at a time (see vitest.config.ts).
 */
describe('the delta cursor under overlapping transactions', () => {
  it('delivers the rows of a transaction that started first and committed last', async () => {
    const shop = await saleShop();
    const first = await createVariant(shop.companyId, { name: 'Roti Bakar' });
    const second = await createVariant(shop.companyId, { name: 'Pisang Goreng' });
    const device = await DeviceState.fromFull(shop.cashier, shop.store.id);

    const connectionA = new Database(env);
    const connectionB = new Database(env);
    try {
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let markWritten: () => void = () => undefined;
      const written = new Promise<void>((resolve) => {
        markWritten = resolve;
      });
      // A: writes, then stays open.
      const transactionA = connectionA.db.transaction(async (tx) => {
        await tx
          .update(products)
          .set({ name: 'Roti Bakar Cokelat' })
          .where(eq(products.id, first.productId));
        markWritten();
        await held;
      });
      await written;
      // B: starts after A, writes, commits first.
      await connectionB.db.transaction(async (tx) => {
        await tx
          .update(products)
          .set({ name: 'Pisang Goreng Keju' })
          .where(eq(products.id, second.productId));
      });

      // A pull now sees B's row committed, A's not yet. It must not move past A.
      await device.catchUp(shop.cashier, shop.store.id);
      release();
      await transactionA;
      await device.catchUp(shop.cashier, shop.store.id);

      expect(device.records.get(`product:${first.productId}`)?.name).toBe('Roti Bakar Cokelat');
      expect(device.records.get(`product:${second.productId}`)?.name).toBe('Pisang Goreng Keju');
    } finally {
      await connectionA.close();
      await connectionB.close();
    }
  });
});
