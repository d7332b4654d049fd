import { and, eq, isNull, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  inventoryLevels,
  products,
  productVariants,
  storePrices,
  userStoreAssignments,
} from '../../src/db/schema';
import { createVariant } from '../inventory/helpers';
import { type SaleShop, saleShop } from '../sales/helpers';
import { withDatabase } from '../support/factories';
import { member } from '../users/helpers';
import { DeviceState } from './helpers';

type Operation =
  | { kind: 'addProduct' }
  | { kind: 'rename'; pick: number }
  | { kind: 'delete'; pick: number }
  | { kind: 'storePrice'; pick: number; price: number; ownStore: boolean }
  | { kind: 'clearStorePrice'; pick: number }
  | { kind: 'stock'; pick: number; delta: number; ownStore: boolean }
  | { kind: 'toggleStaff' }
  | { kind: 'pull'; limit: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.constant({ kind: 'addProduct' as const }),
  fc.record({ kind: fc.constant('rename' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('storePrice' as const),
    pick: fc.nat(),
    price: fc.integer({ min: 1, max: 100 }).map((thousands) => thousands * 1000),
    ownStore: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('clearStorePrice' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('stock' as const),
    pick: fc.nat(),
    delta: fc.integer({ min: -5, max: 20 }),
    ownStore: fc.boolean(),
  }),
  fc.constant({ kind: 'toggleStaff' as const }),
  fc.record({ kind: fc.constant('pull' as const), limit: fc.integer({ min: 1, max: 6 }) }),
);

interface World {
  shop: SaleShop;
  variants: Array<{ id: string; productId: string }>;
  floater: string;
}

/** Writes straight to the tables, as any code path might: the triggers must stamp them all. */
async function perform(world: World, op: Operation, device: DeviceState): Promise<void> {
  const { shop } = world;
  const target = world.variants[('pick' in op ? op.pick : 0) % world.variants.length];
  await withDatabase(async ({ db }) => {
    switch (op.kind) {
      case 'addProduct': {
        world.variants.push(
          await createVariant(shop.companyId, { name: `Menu ${world.variants.length}` }),
        );
        return;
      }
      case 'rename':
        if (target)
          await db
            .update(products)
            .set({
              name: `Nama ${crypto.randomUUID().slice(0, 6)}`,
              version: sql`${products.version} + 1`,
            })
            .where(eq(products.id, target.productId));
        return;
      case 'delete':
        if (!target) return;
        await db.transaction(async (tx) => {
          await tx
            .update(products)
            .set({ deletedAt: new Date() })
            .where(eq(products.id, target.productId));
          await tx
            .update(productVariants)
            .set({ deletedAt: new Date() })
            .where(eq(productVariants.id, target.id));
        });
        return;
      case 'storePrice': {
        if (!target) return;
        const storeId = op.ownStore ? shop.store.id : shop.otherStore.id;
        const live = and(
          eq(storePrices.storeId, storeId),
          eq(storePrices.variantId, target.id),
          isNull(storePrices.deletedAt),
        );
        const updated = await db
          .update(storePrices)
          .set({ price: op.price })
          .where(live)
          .returning();
        if (updated.length === 0) {
          await db
            .insert(storePrices)
            .values({ companyId: shop.companyId, storeId, variantId: target.id, price: op.price });
        }
        return;
      }
      case 'clearStorePrice':
        if (target)
          await db
            .update(storePrices)
            .set({ deletedAt: new Date() })
            .where(and(eq(storePrices.variantId, target.id), isNull(storePrices.deletedAt)));
        return;
      case 'stock': {
        if (!target) return;
        const storeId = op.ownStore ? shop.store.id : shop.otherStore.id;
        await db
          .insert(inventoryLevels)
          .values({ companyId: shop.companyId, storeId, variantId: target.id, quantity: op.delta })
          .onConflictDoUpdate({
            target: [inventoryLevels.companyId, inventoryLevels.storeId, inventoryLevels.variantId],
            set: { quantity: sql`${inventoryLevels.quantity} + ${op.delta}` },
          });
        return;
      }
      case 'toggleStaff': {
        const removed = await db
          .delete(userStoreAssignments)
          .where(
            and(
              eq(userStoreAssignments.userId, world.floater),
              eq(userStoreAssignments.storeId, shop.store.id),
            ),
          )
          .returning();
        if (removed.length === 0) {
          await db
            .insert(userStoreAssignments)
            .values({ companyId: shop.companyId, userId: world.floater, storeId: shop.store.id });
        }
        return;
      }
      case 'pull':
        return;
    }
  });
  if (op.kind === 'pull') await device.catchUp(shop.cashier, shop.store.id, op.limit);
}

describe('a till that applies a full refresh and then deltas', () => {
  it('holds exactly what a fresh full refresh of the server holds, after any changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.array(operation, { minLength: 1, maxLength: 20 }),
        async (fullLimit, operations) => {
          const shop = await saleShop();
          const floater = await member(shop.companyId, 'cashier', { storeIds: [] });
          const world: World = {
            shop,
            variants: [shop.coffee, shop.tea],
            floater: floater.user.id,
          };
          const device = await DeviceState.fromFull(shop.cashier, shop.store.id, fullLimit);
          for (const op of operations) await perform(world, op, device);
          await device.catchUp(shop.cashier, shop.store.id, 4);

          const server = await DeviceState.fromFull(shop.owner, shop.store.id);
          expect(Object.fromEntries(device.records)).toEqual(Object.fromEntries(server.records));
          // And the server's snapshot is the database: live products of the company.
          const live = await withDatabase(({ db }) =>
            db
              .select({ id: products.id })
              .from(products)
              .where(and(eq(products.companyId, shop.companyId), isNull(products.deletedAt))),
          );
          expect(
            device
              .ofType('product')
              .map(([id]) => id)
              .sort(),
          ).toEqual(live.map((row) => row.id).sort());
        },
      ),
      { numRuns: 12 },
    );
  }, 180_000);
});
