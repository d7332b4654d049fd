import { asc, desc, eq, ilike, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import type { Db, Executor } from '../../db/client';
import {
  categories,
  inventoryLevels,
  type Product,
  type ProductVariant,
  products,
  productVariants,
  storePrices,
  type VariantOptions,
} from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { conflictsOnUnique } from '../../db/unique-violation';
import {
  beyondKeyCursor,
  cursorKey,
  decodeKeyCursor,
  keyPageOf,
  type SortKeyKind,
} from '../../lib/cursor';
import { ApiError } from '../../lib/errors';
import { assertCurrentVersion } from '../../lib/versioning';
import { recordAudit } from '../audit';
import { isLiveStore } from '../stores/live-stores';
import { currentPrices, type PriceChange, recordPriceChanges } from './prices';

/**
 * Products and their variants. A product always has at least one live variant (sales and stock
 * point at variants): one default variant when it has no options, otherwise one per listed
 * combination. Every price change at product, variant or store level writes price_history in the
 * same transaction as the change and its audit row. Variants: ./variants.ts; store prices:
 * ./store-prices.ts; both share the lookups and views below.
 */

export interface StockView {
  quantity: number;
  minimumQuantity: number | null;
  lowStock: boolean;
}

export interface VariantView {
  id: string;
  productId: string;
  name: string;
  sku: string;
  barcode: string | null;
  optionValues: Record<string, string>;
  priceOverride: number | null;
  tracksStock: boolean;
  isDefault: boolean;
  /** Effective price: in the requested store if one was given, else the company price. */
  price: number;
  /** Only when a store was requested; null when the store holds no stock record of it. */
  stock?: StockView | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** What a product shows: not its company, tombstone or sync stamp (internal to the feed). */
export type ProductFields = Omit<Product, 'companyId' | 'deletedAt' | 'syncXid'>;

export interface ProductView extends ProductFields {
  variants: VariantView[];
}

function productFields(product: Product): ProductFields {
  const { companyId: _companyId, deletedAt: _deletedAt, syncXid: _syncXid, ...fields } = product;
  return fields;
}

const productNotFound = () =>
  new ApiError('NOT_FOUND', { detail: { key: 'catalog.productNotFound' } });
export const variantNotFound = () =>
  new ApiError('NOT_FOUND', { detail: { key: 'catalog.variantNotFound' } });
export const storeNotFound = () =>
  new ApiError('NOT_FOUND', { detail: { key: 'catalog.storeNotFound' } });
const skuTaken = (sku: string) =>
  new ApiError('CONFLICT', { detail: { key: 'catalog.skuTaken', params: { sku } } });
const variantSkuTaken = (sku: string) =>
  new ApiError('CONFLICT', { detail: { key: 'catalog.variantSkuTaken', params: { sku } } });

// ---------------------------------------------------------------------------------------------
// Variant options

/** True when the values choose exactly one listed value for every option and nothing else. */
export function fitsOptions(options: VariantOptions, values: Record<string, string>): boolean {
  const names = Object.keys(options);
  const chosen = Object.keys(values);
  if (names.length !== chosen.length) return false;
  return chosen.every((name) => {
    const value = values[name];
    return Object.hasOwn(options, name) && value !== undefined && !!options[name]?.includes(value);
  });
}

/** The same combination gives the same key, whatever the order of its keys. */
export function combinationKey(values: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(values)
      .sort()
      .map((name) => [name, values[name]]),
  );
}

/**
 * "Es Kopi Susu (Dingin, L)". Options are in the order Postgres keeps jsonb keys (shorter names
 * first), which is the only order that survives a round trip, so every variant is named alike.
 */
export function variantName(
  productName: string,
  options: VariantOptions,
  values: Record<string, string>,
) {
  const chosen = Object.keys(options)
    .map((name) => values[name])
    .filter(Boolean);
  return chosen.length > 0 ? `${productName} (${chosen.join(', ')})` : productName;
}

export function assertFits(options: VariantOptions, values: Record<string, string>): void {
  if (!fitsOptions(options, values)) {
    throw new ApiError('UNPROCESSABLE', { detail: { key: 'catalog.variantCombinationInvalid' } });
  }
}

// ---------------------------------------------------------------------------------------------
// Lookups

/** Unique violations that slipped past the checks (a concurrent insert) become the same 409. */
export function withSkuConflicts<T>(work: () => Promise<T>, sku: string): Promise<T> {
  return conflictsOnUnique(work, {
    products_company_sku_live_key: () => skuTaken(sku),
    product_variants_company_sku_live_key: () => variantSkuTaken(sku),
  });
}

export async function findProduct(
  db: Executor,
  companyId: string,
  productId: string,
  forUpdate = false,
) {
  const query = db
    .select()
    .from(products)
    .where(inCompany(products, companyId, eq(products.id, productId), isNull(products.deletedAt)));
  const [product] = forUpdate ? await query.for('update') : await query;
  if (!product) throw productNotFound();
  return product;
}

export async function findVariant(
  db: Executor,
  companyId: string,
  productId: string,
  variantId: string,
  forUpdate = false,
) {
  const query = db
    .select()
    .from(productVariants)
    .where(
      inCompany(
        productVariants,
        companyId,
        eq(productVariants.id, variantId),
        eq(productVariants.productId, productId),
        isNull(productVariants.deletedAt),
      ),
    );
  const [variant] = forUpdate ? await query.for('update') : await query;
  if (!variant) throw variantNotFound();
  return variant;
}

export async function liveVariantsOf(db: Executor, companyId: string, productId: string) {
  return db
    .select()
    .from(productVariants)
    .where(
      inCompany(
        productVariants,
        companyId,
        eq(productVariants.productId, productId),
        isNull(productVariants.deletedAt),
      ),
    )
    .orderBy(
      desc(productVariants.isDefault),
      asc(productVariants.createdAt),
      asc(productVariants.id),
    );
}

async function assertStore(db: Executor, companyId: string, storeId: string): Promise<void> {
  if (!(await isLiveStore(db, companyId, storeId))) throw storeNotFound();
}

/** A category named in a product body must be a live category of the company (else 422). */
async function assertCategory(db: Executor, companyId: string, categoryId: string): Promise<void> {
  const [category] = await db
    .select({ id: categories.id })
    .from(categories)
    .where(
      inCompany(categories, companyId, eq(categories.id, categoryId), isNull(categories.deletedAt)),
    );
  if (!category) {
    throw new ApiError('UNPROCESSABLE', {
      detail: { key: 'catalog.unknownCategory', params: { categoryId } },
    });
  }
}

async function assertProductSkuFree(db: Executor, companyId: string, sku: string, except?: string) {
  const [taken] = await db
    .select({ id: products.id })
    .from(products)
    .where(
      inCompany(
        products,
        companyId,
        eq(products.sku, sku),
        isNull(products.deletedAt),
        except ? ne(products.id, except) : undefined,
      ),
    )
    .limit(1);
  if (taken) throw skuTaken(sku);
}

export async function assertVariantSkusFree(
  db: Executor,
  companyId: string,
  skus: string[],
  except?: string,
) {
  if (skus.length === 0) return;
  const [taken] = await db
    .select({ sku: productVariants.sku })
    .from(productVariants)
    .where(
      inCompany(
        productVariants,
        companyId,
        inArray(productVariants.sku, skus),
        isNull(productVariants.deletedAt),
        except ? ne(productVariants.id, except) : undefined,
      ),
    )
    .limit(1);
  if (taken) throw variantSkuTaken(taken.sku);
}

/**
 * The variants of these products with their effective price (and stock, with a store): three
 * queries whatever the number of products (variants, prices, stock), never one per row.
 */
async function variantsOf(
  db: Executor,
  companyId: string,
  productIds: string[],
  storeId: string | null,
): Promise<Map<string, VariantView[]>> {
  const byProduct = new Map<string, VariantView[]>(productIds.map((id) => [id, []]));
  if (productIds.length === 0) return byProduct;
  const variants = await db
    .select()
    .from(productVariants)
    .where(
      inCompany(
        productVariants,
        companyId,
        inArray(productVariants.productId, productIds),
        isNull(productVariants.deletedAt),
      ),
    )
    .orderBy(
      desc(productVariants.isDefault),
      asc(productVariants.createdAt),
      asc(productVariants.id),
    );
  const variantIds = variants.map((variant) => variant.id);
  const prices = await currentPrices(db, companyId, storeId, variantIds);
  const stock = storeId ? await stockOf(db, companyId, storeId, variantIds) : undefined;
  for (const variant of variants) {
    byProduct
      .get(variant.productId)
      ?.push(
        toVariantView(
          variant,
          prices.get(variant.id) ?? 0,
          stock && (stock.get(variant.id) ?? null),
        ),
      );
  }
  return byProduct;
}

async function stockOf(
  db: Executor,
  companyId: string,
  storeId: string,
  variantIds: string[],
): Promise<Map<string, StockView>> {
  if (variantIds.length === 0) return new Map();
  const rows = await db
    .select({
      variantId: inventoryLevels.variantId,
      quantity: inventoryLevels.quantity,
      minimumQuantity: inventoryLevels.minimumQuantity,
    })
    .from(inventoryLevels)
    .where(
      inCompany(
        inventoryLevels,
        companyId,
        eq(inventoryLevels.storeId, storeId),
        inArray(inventoryLevels.variantId, variantIds),
      ),
    );
  return new Map(
    rows.map((row) => [
      row.variantId,
      {
        quantity: row.quantity,
        minimumQuantity: row.minimumQuantity,
        lowStock: row.minimumQuantity !== null && row.quantity <= row.minimumQuantity,
      },
    ]),
  );
}

export function toVariantView(
  variant: ProductVariant,
  price: number,
  stock: StockView | null | undefined,
): VariantView {
  const view: VariantView = {
    id: variant.id,
    productId: variant.productId,
    name: variant.name,
    sku: variant.sku,
    barcode: variant.barcode,
    optionValues: variant.optionValues,
    priceOverride: variant.priceOverride,
    tracksStock: variant.tracksStock,
    isDefault: variant.isDefault,
    price,
    createdAt: variant.createdAt,
    updatedAt: variant.updatedAt,
    version: variant.version,
  };
  if (stock !== undefined) view.stock = stock;
  return view;
}

async function productView(
  db: Executor,
  companyId: string,
  product: Product,
  storeId: string | null = null,
): Promise<ProductView> {
  const variants = await variantsOf(db, companyId, [product.id], storeId);
  return { ...productFields(product), variants: variants.get(product.id) ?? [] };
}

// ---------------------------------------------------------------------------------------------
// Reads

export const productSorts = {
  name: { column: products.name, kind: 'text' },
  sku: { column: products.sku, kind: 'text' },
  price: { column: products.price, kind: 'number' },
  updatedAt: { column: products.updatedAt, kind: 'timestamp' },
} as const satisfies Record<
  string,
  { column: (typeof products)[keyof typeof products]; kind: SortKeyKind }
>;

export type ProductSort = keyof typeof productSorts;

export interface ListProductsQuery {
  limit: number;
  cursor?: string;
  categoryId?: string;
  active?: boolean;
  search?: string;
  sort: ProductSort;
  order: 'asc' | 'desc';
  storeId?: string;
  lowStock?: boolean;
}

function searchCondition(search: string): SQL {
  // LIKE wildcards typed by the user are searched for literally.
  const pattern = `%${search.replace(/[\\%_]/g, '\\$&')}%`;
  return or(
    ilike(products.name, pattern),
    ilike(products.sku, pattern),
    sql`${products.barcodes} @> array[${search}]::text[]`,
    sql`exists (
      select 1 from ${productVariants}
      where ${productVariants.companyId} = ${products.companyId}
        and ${productVariants.productId} = ${products.id}
        and ${productVariants.deletedAt} is null
        and (${productVariants.sku} ilike ${pattern} or ${productVariants.barcode} = ${search})
    )`,
  ) as SQL;
}

function lowStockCondition(storeId: string): SQL {
  return sql`exists (
    select 1 from ${productVariants}
    join ${inventoryLevels}
      on ${inventoryLevels.companyId} = ${productVariants.companyId}
     and ${inventoryLevels.variantId} = ${productVariants.id}
     and ${inventoryLevels.storeId} = ${storeId}
    where ${productVariants.companyId} = ${products.companyId}
      and ${productVariants.productId} = ${products.id}
      and ${productVariants.deletedAt} is null
      and ${productVariants.tracksStock}
      and ${inventoryLevels.minimumQuantity} is not null
      and ${inventoryLevels.quantity} <= ${inventoryLevels.minimumQuantity}
  )`;
}

/**
 * A page of products with their variants. A fixed number of queries per page whatever its size:
 * the store check (with storeId), the products, their variants, the variants' prices, and their
 * stock (with storeId). test/catalog/products-list.test.ts counts them.
 */
export async function listProducts(db: Db, companyId: string, query: ListProductsQuery) {
  const sort = productSorts[query.sort];
  const sortName = `${query.sort}.${query.order}`;
  const after = query.cursor ? decodeKeyCursor(query.cursor, sortName, sort.kind) : undefined;
  if (query.storeId) await assertStore(db, companyId, query.storeId);
  const direction = query.order === 'asc' ? asc : desc;
  const rows = await db
    .select({ product: products, id: products.id, cursorKey: cursorKey(sort.column, sort.kind) })
    .from(products)
    .where(
      inCompany(
        products,
        companyId,
        isNull(products.deletedAt),
        query.categoryId ? eq(products.categoryId, query.categoryId) : undefined,
        query.active === undefined ? undefined : eq(products.isActive, query.active),
        query.search ? searchCondition(query.search) : undefined,
        query.lowStock && query.storeId ? lowStockCondition(query.storeId) : undefined,
        after
          ? beyondKeyCursor({ key: sort.column, id: products.id }, sort.kind, after, query.order)
          : undefined,
      ),
    )
    .orderBy(direction(sort.column), direction(products.id))
    .limit(query.limit + 1);
  const page = keyPageOf(rows, query.limit, sortName);
  const variants = await variantsOf(
    db,
    companyId,
    page.data.map(({ id }) => id),
    query.storeId ?? null,
  );
  return {
    data: page.data.map(({ product }) => ({
      ...productFields(product),
      variants: variants.get(product.id) ?? [],
    })),
    nextCursor: page.nextCursor,
  };
}

export async function getProduct(
  db: Db,
  companyId: string,
  productId: string,
  storeId?: string,
): Promise<ProductView> {
  if (storeId) await assertStore(db, companyId, storeId);
  const product = await findProduct(db, companyId, productId);
  return productView(db, companyId, product, storeId ?? null);
}

/** The product must exist in the company (for nested reads such as price history). */
export async function assertProduct(db: Executor, companyId: string, productId: string) {
  await findProduct(db, companyId, productId);
}

// ---------------------------------------------------------------------------------------------
// Products

export interface VariantInput {
  optionValues: Record<string, string>;
  sku: string;
  name?: string;
  barcode?: string | null;
  priceOverride?: number | null;
  tracksStock?: boolean;
}

export interface CreateProductInput {
  name: string;
  sku: string;
  barcodes?: string[];
  categoryId?: string | null;
  unit?: string;
  price: number;
  cost?: number | null;
  isTaxable?: boolean;
  isActive?: boolean;
  imageUrl?: string | null;
  variantOptions?: VariantOptions;
  kitchenStation?: string | null;
  /** For the default variant of a product without options. */
  tracksStock?: boolean;
  /** Required when variantOptions has options, refused otherwise. */
  variants?: VariantInput[];
}

function assertVariantList(options: VariantOptions, variants: VariantInput[] | undefined): void {
  const hasOptions = Object.keys(options).length > 0;
  if (!hasOptions && variants && variants.length > 0) {
    throw new ApiError('UNPROCESSABLE', { detail: { key: 'catalog.variantsWithoutOptions' } });
  }
  if (hasOptions && (!variants || variants.length === 0)) {
    throw new ApiError('UNPROCESSABLE', { detail: { key: 'catalog.variantsRequired' } });
  }
  const seen = new Set<string>();
  for (const variant of variants ?? []) {
    assertFits(options, variant.optionValues);
    const key = combinationKey(variant.optionValues);
    if (seen.has(key)) {
      throw new ApiError('UNPROCESSABLE', { detail: { key: 'catalog.variantDuplicate' } });
    }
    seen.add(key);
  }
}

export async function createProduct(
  db: Db,
  actor: Actor,
  input: CreateProductInput,
): Promise<ProductView> {
  const options = input.variantOptions ?? {};
  assertVariantList(options, input.variants);
  const variantInputs: Array<VariantInput & { isDefault: boolean }> =
    Object.keys(options).length === 0
      ? [
          {
            optionValues: {},
            sku: input.sku,
            name: input.name,
            tracksStock: input.tracksStock ?? true,
            isDefault: true,
          },
        ]
      : (input.variants ?? []).map((variant) => ({ ...variant, isDefault: false }));
  return withSkuConflicts(
    () =>
      db.transaction(async (tx) => {
        if (input.categoryId) await assertCategory(tx, actor.companyId, input.categoryId);
        await assertProductSkuFree(tx, actor.companyId, input.sku);
        await assertVariantSkusFree(
          tx,
          actor.companyId,
          variantInputs.map((variant) => variant.sku),
        );
        const [product] = await tx
          .insert(products)
          .values({
            companyId: actor.companyId,
            categoryId: input.categoryId ?? null,
            name: input.name,
            sku: input.sku,
            barcodes: input.barcodes ?? [],
            unit: input.unit,
            price: input.price,
            cost: input.cost ?? null,
            isTaxable: input.isTaxable,
            isActive: input.isActive,
            imageUrl: input.imageUrl ?? null,
            variantOptions: options,
            kitchenStation: input.kitchenStation ?? null,
          })
          .returning();
        if (!product) throw new Error('insert returned no product');
        const variants = await tx
          .insert(productVariants)
          .values(
            variantInputs.map((variant) => ({
              companyId: actor.companyId,
              productId: product.id,
              name:
                variant.name ??
                variantName(product.name, product.variantOptions, variant.optionValues),
              sku: variant.sku,
              barcode: variant.barcode ?? null,
              optionValues: variant.optionValues,
              priceOverride: variant.priceOverride ?? null,
              tracksStock: variant.tracksStock ?? true,
              isDefault: variant.isDefault,
            })),
          )
          .returning();
        // The starting prices are history too, so priceAt() can answer for any time after this.
        await recordPriceChanges(
          tx,
          {
            companyId: actor.companyId,
            productId: product.id,
            variantId: null,
            storeId: null,
            oldPrice: null,
            newPrice: product.price,
            changedBy: actor.userId,
          },
          ...variants
            .filter((variant) => variant.priceOverride !== null)
            .map(
              (variant): PriceChange => ({
                companyId: actor.companyId,
                productId: product.id,
                variantId: variant.id,
                storeId: null,
                oldPrice: null,
                newPrice: variant.priceOverride,
                changedBy: actor.userId,
              }),
            ),
        );
        await recordAudit(tx, actor, {
          action: 'product.create',
          entityType: 'product',
          entityId: product.id,
          after: { ...product, variants },
        });
        return productView(tx, actor.companyId, product);
      }),
    input.sku,
  );
}

export interface UpdateProductInput {
  version: number;
  name?: string;
  sku?: string;
  barcodes?: string[];
  categoryId?: string | null;
  unit?: string;
  price?: number;
  cost?: number | null;
  isTaxable?: boolean;
  isActive?: boolean;
  imageUrl?: string | null;
  variantOptions?: VariantOptions;
  kitchenStation?: string | null;
}

export async function updateProduct(
  db: Db,
  actor: Actor,
  productId: string,
  input: UpdateProductInput,
): Promise<ProductView> {
  const { version: expected, ...changes } = input;
  return withSkuConflicts(
    () =>
      db.transaction(async (tx) => {
        const current = await findProduct(tx, actor.companyId, productId, true);
        assertCurrentVersion(current, expected, productFields);
        if (changes.categoryId && changes.categoryId !== current.categoryId) {
          await assertCategory(tx, actor.companyId, changes.categoryId);
        }
        if (changes.sku && changes.sku !== current.sku) {
          await assertProductSkuFree(tx, actor.companyId, changes.sku, current.id);
        }
        if (changes.variantOptions) {
          const options = changes.variantOptions;
          const live = await liveVariantsOf(tx, actor.companyId, current.id);
          if (!live.every((variant) => fitsOptions(options, variant.optionValues))) {
            throw new ApiError('UNPROCESSABLE', {
              detail: { key: 'catalog.variantOptionsConflict' },
            });
          }
        }
        const [updated] = await tx
          .update(products)
          .set({ ...changes, version: sql`${products.version} + 1` })
          .where(inCompany(products, actor.companyId, eq(products.id, current.id)))
          .returning();
        if (!updated) throw productNotFound();
        if (updated.price !== current.price) {
          await recordPriceChanges(tx, {
            companyId: actor.companyId,
            productId: current.id,
            variantId: null,
            storeId: null,
            oldPrice: current.price,
            newPrice: updated.price,
            changedBy: actor.userId,
          });
        }
        await recordAudit(tx, actor, {
          action: 'product.update',
          entityType: 'product',
          entityId: current.id,
          before: current,
          after: updated,
        });
        return productView(tx, actor.companyId, updated);
      }),
    input.sku ?? '',
  );
}

/** Soft delete of the product, its variants and their store prices (SKUs become free again). */
export async function deleteProduct(
  db: Db,
  actor: Actor,
  productId: string,
  expected: number | undefined,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await findProduct(tx, actor.companyId, productId, true);
    if (expected !== undefined) assertCurrentVersion(current, expected, productFields);
    const variants = await tx
      .update(productVariants)
      .set({ deletedAt: now, version: sql`${productVariants.version} + 1` })
      .where(
        inCompany(
          productVariants,
          actor.companyId,
          eq(productVariants.productId, current.id),
          isNull(productVariants.deletedAt),
        ),
      )
      .returning({ id: productVariants.id });
    await clearStorePricesOf(
      tx,
      actor.companyId,
      variants.map((variant) => variant.id),
      now,
    );
    const [deleted] = await tx
      .update(products)
      .set({ deletedAt: now, version: sql`${products.version} + 1` })
      .where(inCompany(products, actor.companyId, eq(products.id, current.id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'product.delete',
      entityType: 'product',
      entityId: current.id,
      before: current,
      after: { ...deleted, deletedVariantIds: variants.map((variant) => variant.id) },
    });
  });
}

export async function clearStorePricesOf(
  tx: Executor,
  companyId: string,
  variantIds: string[],
  now: Date,
) {
  if (variantIds.length === 0) return;
  await tx
    .update(storePrices)
    .set({ deletedAt: now, version: sql`${storePrices.version} + 1` })
    .where(
      inCompany(
        storePrices,
        companyId,
        inArray(storePrices.variantId, variantIds),
        isNull(storePrices.deletedAt),
      ),
    );
}
