import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import {
  auditLogs,
  categories,
  priceHistory,
  products,
  productVariants,
  storePrices,
} from '../../src/db/schema';
import type { productSchema, variantSchema } from '../../src/routes/v1/products/schemas';
import { withDatabase } from '../support/factories';
import type { Member } from '../users/helpers';
import { send } from '../users/helpers';

export { type Member, member, send, tenant } from '../users/helpers';

export interface CategoryBody {
  id: string;
  parentId: string | null;
  name: string;
  sortOrder: number;
  imageUrl: string | null;
  depth: number;
  version: number;
}

/** A variant and a product as the API answers them (the documented response schemas). */
export type VariantBody = z.infer<typeof variantSchema>;
export type ProductBody = z.infer<typeof productSchema>;

export function uniqueSku(prefix = 'SKU'): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
}

export async function createCategoryVia(
  manager: Member,
  body: Record<string, unknown>,
): Promise<CategoryBody> {
  const response = await send(manager.session, 'POST', '/api/v1/categories', body);
  if (response.status !== 201) {
    throw new Error(`category not created: ${response.status} ${await response.text()}`);
  }
  return response.json<CategoryBody>();
}

/** A simple product without options (one default variant). */
export async function createProductVia(
  manager: Member,
  body: Record<string, unknown> = {},
): Promise<ProductBody> {
  const response = await send(manager.session, 'POST', '/api/v1/products', {
    name: 'Air Mineral',
    sku: uniqueSku('AIR'),
    price: 5000,
    ...body,
  });
  if (response.status !== 201) {
    throw new Error(`product not created: ${response.status} ${await response.text()}`);
  }
  return response.json<ProductBody>();
}

/** Everything of the catalog a refused request must not have touched, for one company. */
export function catalogSnapshot(companyId: string) {
  return withDatabase(async ({ db }) => {
    const [cats, prods, variants, prices, history, audits] = [
      await db.select().from(categories).where(eq(categories.companyId, companyId)),
      await db.select().from(products).where(eq(products.companyId, companyId)),
      await db.select().from(productVariants).where(eq(productVariants.companyId, companyId)),
      await db.select().from(storePrices).where(eq(storePrices.companyId, companyId)),
      await db.select().from(priceHistory).where(eq(priceHistory.companyId, companyId)),
      await db
        .select({ id: auditLogs.id })
        .from(auditLogs)
        .where(eq(auditLogs.companyId, companyId)),
    ];
    const byId = <Row extends { id: string }>(rows: Row[]) =>
      [...rows].sort((a, b) => a.id.localeCompare(b.id));
    return {
      categories: byId(cats),
      products: byId(prods),
      variants: byId(variants),
      storePrices: byId(prices),
      priceHistory: byId(history),
      audits: byId(audits).map((row) => row.id),
    };
  });
}

export function historyOf(productId: string) {
  return withDatabase(({ db }) =>
    db
      .select()
      .from(priceHistory)
      .where(eq(priceHistory.productId, productId))
      .orderBy(priceHistory.effectiveFrom, priceHistory.id),
  );
}

export function variantsOf(productId: string) {
  return withDatabase(({ db }) =>
    db.select().from(productVariants).where(eq(productVariants.productId, productId)),
  );
}
