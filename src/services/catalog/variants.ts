import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import type { Db } from '../../db/client';
import { productVariants } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { ApiError } from '../../lib/errors';
import { assertCurrentVersion } from '../../lib/versioning';
import { recordAudit } from '../audit';
import { recordPriceChanges } from './prices';

import {
  assertFits,
  assertVariantSkusFree,
  clearStorePricesOf,
  combinationKey,
  findProduct,
  findVariant,
  liveVariantsOf,
  toVariantView,
  type VariantInput,
  type VariantView,
  variantName,
  variantNotFound,
  withSkuConflicts,
} from './products';

/** A product's variants: add, edit, remove (a product keeps at least one live variant). */

export async function addVariant(
  db: Db,
  actor: Actor,
  productId: string,
  input: VariantInput,
): Promise<VariantView> {
  return withSkuConflicts(
    () =>
      db.transaction(async (tx) => {
        const product = await findProduct(tx, actor.companyId, productId, true);
        const options = product.variantOptions;
        assertFits(options, input.optionValues);
        const live = await liveVariantsOf(tx, actor.companyId, product.id);
        const key = combinationKey(input.optionValues);
        if (live.some((variant) => combinationKey(variant.optionValues) === key)) {
          throw new ApiError('CONFLICT', { detail: { key: 'catalog.variantDuplicate' } });
        }
        await assertVariantSkusFree(tx, actor.companyId, [input.sku]);
        const [variant] = await tx
          .insert(productVariants)
          .values({
            companyId: actor.companyId,
            productId: product.id,
            name: input.name ?? variantName(product.name, options, input.optionValues),
            sku: input.sku,
            barcode: input.barcode ?? null,
            optionValues: input.optionValues,
            priceOverride: input.priceOverride ?? null,
            tracksStock: input.tracksStock ?? true,
            isDefault: false,
          })
          .returning();
        if (!variant) throw new Error('insert returned no variant');
        if (variant.priceOverride !== null) {
          await recordPriceChanges(tx, {
            companyId: actor.companyId,
            productId: product.id,
            variantId: variant.id,
            storeId: null,
            oldPrice: null,
            newPrice: variant.priceOverride,
            changedBy: actor.userId,
          });
        }
        await recordAudit(tx, actor, {
          action: 'product_variant.create',
          entityType: 'product_variant',
          entityId: variant.id,
          after: variant,
        });
        return toVariantView(variant, variant.priceOverride ?? product.price, undefined);
      }),
    input.sku,
  );
}

export interface UpdateVariantInput {
  version: number;
  name?: string;
  sku?: string;
  barcode?: string | null;
  optionValues?: Record<string, string>;
  priceOverride?: number | null;
  tracksStock?: boolean;
}

export async function updateVariant(
  db: Db,
  actor: Actor,
  productId: string,
  variantId: string,
  input: UpdateVariantInput,
): Promise<VariantView> {
  const { version: expected, ...changes } = input;
  return withSkuConflicts(
    () =>
      db.transaction(async (tx) => {
        const product = await findProduct(tx, actor.companyId, productId, true);
        const current = await findVariant(tx, actor.companyId, product.id, variantId, true);
        assertCurrentVersion(current, expected, (row) =>
          toVariantView(row, row.priceOverride ?? product.price, undefined),
        );
        if (changes.optionValues) {
          assertFits(product.variantOptions, changes.optionValues);
          const key = combinationKey(changes.optionValues);
          const live = await liveVariantsOf(tx, actor.companyId, product.id);
          if (
            live.some(
              (variant) =>
                variant.id !== current.id && combinationKey(variant.optionValues) === key,
            )
          ) {
            throw new ApiError('CONFLICT', { detail: { key: 'catalog.variantDuplicate' } });
          }
        }
        if (changes.sku && changes.sku !== current.sku) {
          await assertVariantSkusFree(tx, actor.companyId, [changes.sku], current.id);
        }
        const [updated] = await tx
          .update(productVariants)
          .set({ ...changes, version: sql`${productVariants.version} + 1` })
          .where(inCompany(productVariants, actor.companyId, eq(productVariants.id, current.id)))
          .returning();
        if (!updated) throw variantNotFound();
        if (updated.priceOverride !== current.priceOverride) {
          await recordPriceChanges(tx, {
            companyId: actor.companyId,
            productId: product.id,
            variantId: current.id,
            storeId: null,
            oldPrice: current.priceOverride,
            newPrice: updated.priceOverride,
            changedBy: actor.userId,
          });
        }
        await recordAudit(tx, actor, {
          action: 'product_variant.update',
          entityType: 'product_variant',
          entityId: current.id,
          before: current,
          after: updated,
        });
        return toVariantView(updated, updated.priceOverride ?? product.price, undefined);
      }),
    input.sku ?? '',
  );
}

/** Soft delete; the last live variant of a product cannot go (delete the product instead). */
export async function deleteVariant(
  db: Db,
  actor: Actor,
  productId: string,
  variantId: string,
  expected: number | undefined,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const product = await findProduct(tx, actor.companyId, productId, true);
    const current = await findVariant(tx, actor.companyId, product.id, variantId, true);
    if (expected !== undefined) assertCurrentVersion(current, expected);
    const live = await liveVariantsOf(tx, actor.companyId, product.id);
    if (live.length <= 1) {
      throw new ApiError('UNPROCESSABLE', { detail: { key: 'catalog.lastVariant' } });
    }
    const [deleted] = await tx
      .update(productVariants)
      .set({ deletedAt: now, version: sql`${productVariants.version} + 1` })
      .where(inCompany(productVariants, actor.companyId, eq(productVariants.id, current.id)))
      .returning();
    await clearStorePricesOf(tx, actor.companyId, [current.id], now);
    await recordAudit(tx, actor, {
      action: 'product_variant.delete',
      entityType: 'product_variant',
      entityId: current.id,
      before: current,
      after: deleted,
    });
  });
}
