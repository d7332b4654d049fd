import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  companyId,
  createdAt,
  deletedAt,
  id,
  rupiah,
  sameCompanyReference,
  syncXid,
  timestamps,
  utcTimestamp,
  version,
} from './columns';
import { companies } from './companies';
import { stores } from './stores';
import { users } from './users';

/** A tree of categories; `parent_id` null is a root. Depth and cycles are checked in services. */
export const categories = pgTable(
  'categories',
  {
    id: id(),
    companyId: companyId().references(() => companies.id),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    imageUrl: text('image_url'),
    ...timestamps(),
    deletedAt: deletedAt(),
    version: version(),
    syncXid: syncXid(),
  },
  (table) => [
    unique('categories_company_id_key').on(table.companyId, table.id),
    sameCompanyReference('categories_parent_fk', [table.companyId, table.parentId], table),
    index('categories_company_parent_idx').on(table.companyId, table.parentId, table.sortOrder),
    index('categories_company_updated_idx').on(table.companyId, table.updatedAt),
    index('categories_company_sync_xid_idx').on(table.companyId, table.syncXid),
    check('categories_not_own_parent', sql`${table.parentId} <> ${table.id}`),
  ],
);

/** Variant options, e.g. {"Ukuran": ["S", "M", "L"], "Suhu": ["Panas", "Dingin"]}. */
export type VariantOptions = Record<string, string[]>;

export const products = pgTable(
  'products',
  {
    id: id(),
    companyId: companyId().references(() => companies.id),
    categoryId: uuid('category_id'),
    name: text('name').notNull(),
    sku: text('sku').notNull(),
    barcodes: text('barcodes').array().notNull().default(sql`'{}'::text[]`),
    unit: text('unit').notNull().default('pcs'),
    /** The company price in whole rupiah; stores may override it. */
    price: rupiah('price').notNull(),
    cost: rupiah('cost'),
    isTaxable: boolean('is_taxable').notNull().default(true),
    isActive: boolean('is_active').notNull().default(true),
    imageUrl: text('image_url'),
    variantOptions: jsonb('variant_options').$type<VariantOptions>().notNull().default({}),
    /** Where its kitchen tickets go ('bar', 'kitchen'…); null: the one kitchen. */
    kitchenStation: text('kitchen_station'),
    ...timestamps(),
    deletedAt: deletedAt(),
    version: version(),
    syncXid: syncXid(),
  },
  (table) => [
    unique('products_company_id_key').on(table.companyId, table.id),
    sameCompanyReference('products_category_fk', [table.companyId, table.categoryId], categories),
    uniqueIndex('products_company_sku_live_key')
      .on(table.companyId, table.sku)
      .where(sql`${table.deletedAt} is null`),
    index('products_company_category_idx').on(table.companyId, table.categoryId),
    // Text search on name and SKU: ILIKE '%…%' served by trigram indexes (pg_trgm).
    index('products_name_trgm_idx').using('gin', sql`${table.name} gin_trgm_ops`),
    index('products_sku_trgm_idx').using('gin', sql`${table.sku} gin_trgm_ops`),
    index('products_barcodes_idx').using('gin', table.barcodes),
    index('products_company_updated_idx').on(table.companyId, table.updatedAt),
    index('products_company_sync_xid_idx').on(table.companyId, table.syncXid),
    check('products_price_non_negative', sql`${table.price} >= 0`),
    check('products_cost_non_negative', sql`${table.cost} is null or ${table.cost} >= 0`),
  ],
);

/**
 * A sold combination of a product's options. A product without options has exactly one default
 * variant, so sales and stock always point at a variant.
 */
export const productVariants = pgTable(
  'product_variants',
  {
    id: id(),
    companyId: companyId(),
    productId: uuid('product_id').notNull(),
    name: text('name').notNull(),
    sku: text('sku').notNull(),
    barcode: text('barcode'),
    /** This variant's choice for each option, e.g. {"Ukuran": "L", "Suhu": "Dingin"}. */
    optionValues: jsonb('option_values').$type<Record<string, string>>().notNull().default({}),
    /** Replaces the product price for this variant when set. */
    priceOverride: rupiah('price_override'),
    tracksStock: boolean('tracks_stock').notNull().default(true),
    isDefault: boolean('is_default').notNull().default(false),
    ...timestamps(),
    deletedAt: deletedAt(),
    version: version(),
    syncXid: syncXid(),
  },
  (table) => [
    unique('product_variants_company_id_key').on(table.companyId, table.id),
    sameCompanyReference(
      'product_variants_product_fk',
      [table.companyId, table.productId],
      products,
    ),
    uniqueIndex('product_variants_company_sku_live_key')
      .on(table.companyId, table.sku)
      .where(sql`${table.deletedAt} is null`),
    index('product_variants_company_product_idx').on(table.companyId, table.productId),
    index('product_variants_company_barcode_idx').on(table.companyId, table.barcode),
    index('product_variants_sku_trgm_idx').using('gin', sql`${table.sku} gin_trgm_ops`),
    index('product_variants_company_updated_idx').on(table.companyId, table.updatedAt),
    index('product_variants_company_sync_xid_idx').on(table.companyId, table.syncXid),
    check(
      'product_variants_price_override_non_negative',
      sql`${table.priceOverride} is null or ${table.priceOverride} >= 0`,
    ),
  ],
);

/**
 * A store's own price for a variant, replacing the company price there. The effective price of a
 * variant in a store is: store price, else the variant's price override, else the product price.
 */
export const storePrices = pgTable(
  'store_prices',
  {
    id: id(),
    companyId: companyId(),
    storeId: uuid('store_id').notNull(),
    variantId: uuid('variant_id').notNull(),
    price: rupiah('price').notNull(),
    ...timestamps(),
    deletedAt: deletedAt(),
    version: version(),
    syncXid: syncXid(),
  },
  (table) => [
    uniqueIndex('store_prices_company_store_variant_live_key')
      .on(table.companyId, table.storeId, table.variantId)
      .where(sql`${table.deletedAt} is null`),
    index('store_prices_company_store_updated_idx').on(
      table.companyId,
      table.storeId,
      table.updatedAt,
    ),
    index('store_prices_company_store_sync_xid_idx').on(
      table.companyId,
      table.storeId,
      table.syncXid,
    ),
    sameCompanyReference('store_prices_store_fk', [table.companyId, table.storeId], stores),
    sameCompanyReference(
      'store_prices_variant_fk',
      [table.companyId, table.variantId],
      productVariants,
    ),
    check('store_prices_price_non_negative', sql`${table.price} >= 0`),
  ],
);

/**
 * Append-only record of every price change, at the level it was made: the product price
 * (variant_id and store_id null), a variant's override (variant_id set), or a store price (both
 * set). new_price null means that level was cleared and the level below applies again. So "what
 * was this variant's price in this store at time T" is one query: the newest entry at or before T
 * of each level, store first (see services/catalog/prices.ts). Rows are never edited: no updated_at.
 */
export const priceHistory = pgTable(
  'price_history',
  {
    id: id(),
    companyId: companyId(),
    productId: uuid('product_id').notNull(),
    variantId: uuid('variant_id'),
    storeId: uuid('store_id'),
    oldPrice: rupiah('old_price'),
    /** Null: the level was cleared (a store price removed, a variant override dropped). */
    newPrice: rupiah('new_price'),
    changedBy: uuid('changed_by'),
    effectiveFrom: utcTimestamp('effective_from').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (table) => [
    sameCompanyReference('price_history_product_fk', [table.companyId, table.productId], products),
    sameCompanyReference(
      'price_history_variant_fk',
      [table.companyId, table.variantId],
      productVariants,
    ),
    sameCompanyReference('price_history_store_fk', [table.companyId, table.storeId], stores),
    sameCompanyReference('price_history_changed_by_fk', [table.companyId, table.changedBy], users),
    index('price_history_company_variant_store_effective_idx').on(
      table.companyId,
      table.variantId,
      table.storeId,
      table.effectiveFrom,
    ),
    index('price_history_company_product_effective_idx').on(
      table.companyId,
      table.productId,
      table.effectiveFrom,
    ),
    check(
      'price_history_new_price_non_negative',
      sql`${table.newPrice} is null or ${table.newPrice} >= 0`,
    ),
    check(
      'price_history_store_needs_variant',
      sql`${table.storeId} is null or ${table.variantId} is not null`,
    ),
  ],
);

export type Category = typeof categories.$inferSelect;
export type Product = typeof products.$inferSelect;
export type ProductVariant = typeof productVariants.$inferSelect;
export type PriceHistoryEntry = typeof priceHistory.$inferSelect;
