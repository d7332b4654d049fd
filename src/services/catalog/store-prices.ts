import { eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { assertWorksInStore } from '../../auth/store-access';
import type { Db, Executor } from '../../db/client';
import { storePrices } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { ApiError } from '../../lib/errors';
import { assertCurrentVersion } from '../../lib/versioning';
import { recordAudit } from '../audit';
import { recordPriceChanges } from './prices';

import { findProduct, findVariant, storeNotFound } from './products';

/** Store prices: a variant's own price in one store, audited and in price history. */

export interface StorePriceView {
  productId: string;
  variantId: string;
  storeId: string;
  price: number;
  updatedAt: Date;
  version: number;
}

async function liveStorePrice(tx: Executor, companyId: string, storeId: string, variantId: string) {
  const [row] = await tx
    .select()
    .from(storePrices)
    .where(
      inCompany(
        storePrices,
        companyId,
        eq(storePrices.storeId, storeId),
        eq(storePrices.variantId, variantId),
        isNull(storePrices.deletedAt),
      ),
    )
    .for('update');
  return row;
}

/** Sets a variant's own price in one store (the variant row lock serialises concurrent sets). */
export async function setStorePrice(
  db: Db,
  actor: Actor,
  target: { productId: string; variantId: string; storeId: string },
  price: number,
  /** The store price version the client edited (0: it had none); a stale one is refused (409). */
  expectedVersion?: number,
): Promise<StorePriceView> {
  return db.transaction(async (tx) => {
    await findProduct(tx, actor.companyId, target.productId);
    const variant = await findVariant(
      tx,
      actor.companyId,
      target.productId,
      target.variantId,
      true,
    );
    await assertWorksInStore(tx, actor, target.storeId, storeNotFound);
    const current = await liveStorePrice(tx, actor.companyId, target.storeId, variant.id);
    if (expectedVersion !== undefined) {
      assertCurrentVersion(current ?? { version: 0 }, expectedVersion, () =>
        current ? storePriceView(target.productId, current) : null,
      );
    }
    let row = current;
    if (!current) {
      [row] = await tx
        .insert(storePrices)
        .values({
          companyId: actor.companyId,
          storeId: target.storeId,
          variantId: variant.id,
          price,
        })
        .returning();
    } else if (current.price !== price) {
      [row] = await tx
        .update(storePrices)
        .set({ price, version: sql`${storePrices.version} + 1` })
        .where(inCompany(storePrices, actor.companyId, eq(storePrices.id, current.id)))
        .returning();
    }
    if (!row) throw new Error('store price not written');
    if (current?.price !== price) {
      await recordPriceChanges(tx, {
        companyId: actor.companyId,
        productId: target.productId,
        variantId: variant.id,
        storeId: target.storeId,
        oldPrice: current?.price ?? null,
        newPrice: price,
        changedBy: actor.userId,
      });
      await recordAudit(tx, actor, {
        action: 'store_price.set',
        entityType: 'store_price',
        entityId: row.id,
        before: current ?? null,
        after: row,
      });
    }
    return storePriceView(target.productId, row);
  });
}

function storePriceView(
  productId: string,
  row: Pick<
    typeof storePrices.$inferSelect,
    'variantId' | 'storeId' | 'price' | 'updatedAt' | 'version'
  >,
): StorePriceView {
  return {
    productId,
    variantId: row.variantId,
    storeId: row.storeId,
    price: row.price,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** Removes the store's own price: the variant's company price applies there again. */
export async function clearStorePrice(
  db: Db,
  actor: Actor,
  target: { productId: string; variantId: string; storeId: string },
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await findProduct(tx, actor.companyId, target.productId);
    const variant = await findVariant(
      tx,
      actor.companyId,
      target.productId,
      target.variantId,
      true,
    );
    await assertWorksInStore(tx, actor, target.storeId, storeNotFound);
    const current = await liveStorePrice(tx, actor.companyId, target.storeId, variant.id);
    if (!current) {
      throw new ApiError('NOT_FOUND', { detail: { key: 'catalog.storePriceNotFound' } });
    }
    const [deleted] = await tx
      .update(storePrices)
      .set({ deletedAt: now, version: sql`${storePrices.version} + 1` })
      .where(inCompany(storePrices, actor.companyId, eq(storePrices.id, current.id)))
      .returning();
    await recordPriceChanges(tx, {
      companyId: actor.companyId,
      productId: target.productId,
      variantId: variant.id,
      storeId: target.storeId,
      oldPrice: current.price,
      newPrice: null,
      changedBy: actor.userId,
    });
    await recordAudit(tx, actor, {
      action: 'store_price.clear',
      entityType: 'store_price',
      entityId: current.id,
      before: current,
      after: deleted,
    });
  });
}
