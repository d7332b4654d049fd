import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLogs, stores, transactions } from '../../src/db/schema';
import { writeTogether } from '../../src/db/write-together';
import { saleShop, sell } from '../sales/helpers';
import { withDatabase } from '../support/factories';

/**
 * writeTogether answers rows sent back as JSON; they must be the rows drizzle itself returns
 * (Dates, numbers, arrays, JSON), or every answer built from them would drift.
 */
describe('writes run together in one statement', () => {
  it('answer each write’s rows exactly as drizzle reads them, every column type alike', async () => {
    const shop = await saleShop();
    const sale = await sell(shop.cashier, {
      storeId: shop.store.id,
      items: [{ variantId: shop.coffee.id, quantity: 2 }],
      payments: [{ method: 'cash', tendered: 100_000 }],
      note: 'Tanpa gula',
    });
    expect(sale.status).toBe(201);
    const { id } = await sale.json<{ id: string }>();

    const [together, transactionRow, storeRow, auditCount] = await withDatabase(async ({ db }) => {
      const written = await writeTogether(
        db,
        {
          // A sale row: uuid, text, bigint, integer, boolean, date, jsonb, text[], timestamptz.
          sale: {
            table: transactions,
            query: db
              .update(transactions)
              .set({ flags: ['negative_stock', 'price_review'] })
              .where(eq(transactions.id, id))
              .returning(),
          },
          store: {
            table: stores,
            query: db
              .update(stores)
              .set({ version: sql`${stores.version} + 1` })
              .where(eq(stores.id, shop.store.id))
              .returning(),
          },
        },
        [
          db.insert(auditLogs).values({
            companyId: shop.companyId,
            action: 'test.together',
            entityType: 'transaction',
            entityId: id,
          }),
        ],
      );
      const [transaction] = await db.select().from(transactions).where(eq(transactions.id, id));
      const [store] = await db.select().from(stores).where(eq(stores.id, shop.store.id));
      const audits = await db.select().from(auditLogs).where(eq(auditLogs.action, 'test.together'));
      return [written, transaction, store, audits.filter((row) => row.entityId === id).length];
    });

    expect(together.sale).toEqual([transactionRow]);
    expect(together.store).toEqual([storeRow]);
    expect(together.sale[0]?.createdAt).toBeInstanceOf(Date);
    expect(together.sale[0]?.flags).toEqual(['negative_stock', 'price_review']);
    expect(auditCount).toBe(1);
  });

  it('writes nothing at all when one of the writes is refused', async () => {
    const shop = await saleShop();
    const before = await withDatabase(({ db }) =>
      db.select().from(stores).where(eq(stores.id, shop.store.id)),
    );
    const attempt = withDatabase(({ db }) =>
      writeTogether(db, {
        store: {
          table: stores,
          query: db
            .update(stores)
            .set({ name: 'Berubah' })
            .where(eq(stores.id, shop.store.id))
            .returning(),
        },
        // The same store id again: the primary key refuses it.
        copy: {
          table: stores,
          query: db
            .insert(stores)
            .values({ ...before[0], id: shop.store.id } as typeof stores.$inferInsert)
            .returning(),
        },
      }),
    );
    await expect(attempt).rejects.toThrow();
    const after = await withDatabase(({ db }) =>
      db.select().from(stores).where(eq(stores.id, shop.store.id)),
    );
    expect(after).toEqual(before);
  });
});
