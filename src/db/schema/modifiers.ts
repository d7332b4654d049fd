import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { products, productVariants } from './catalog';
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

/**
 * A company's modifier group ("Tingkat gula": Normal / Less / No sugar; "Tambahan": Extra shot,
 * Oat milk): how many of its options a line may carry (min 1 max 1 is a required single choice,
 * min 0 max 3 an optional multiple). Its options are edited with it (one version for the group
 * and its options), and it is attached to products (product_modifier_groups).
 */
export const modifierGroups = pgTable(
  'modifier_groups',
  {
    id: id(),
    companyId: companyId().references(() => companies.id),
    name: text('name').notNull(),
    minSelections: integer('min_selections').notNull().default(0),
    maxSelections: integer('max_selections').notNull().default(1),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    ...timestamps(),
    deletedAt: deletedAt(),
    version: version(),
    syncXid: syncXid(),
  },
  (table) => [
    unique('modifier_groups_company_id_key').on(table.companyId, table.id),
    index('modifier_groups_company_sync_xid_idx').on(table.companyId, table.syncXid),
    check(
      'modifier_groups_selections_valid',
      sql`${table.minSelections} >= 0 and ${table.maxSelections} >= 1 and ${table.minSelections} <= ${table.maxSelections}`,
    ),
  ],
);

/**
 * One choice of a group, with what it adds to the line's unit price (0 allowed). An option may
 * take stock of a variant (an extra shot takes one of "Biji kopi (shot)") for each unit sold.
 */
export const modifierOptions = pgTable(
  'modifier_options',
  {
    id: id(),
    companyId: companyId(),
    groupId: uuid('group_id').notNull(),
    name: text('name').notNull(),
    priceDelta: rupiah('price_delta').notNull().default(0),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    stockVariantId: uuid('stock_variant_id'),
    ...timestamps(),
    deletedAt: deletedAt(),
    version: version(),
    syncXid: syncXid(),
  },
  (table) => [
    unique('modifier_options_company_id_key').on(table.companyId, table.id),
    sameCompanyReference(
      'modifier_options_group_fk',
      [table.companyId, table.groupId],
      modifierGroups,
    ),
    sameCompanyReference(
      'modifier_options_stock_variant_fk',
      [table.companyId, table.stockVariantId],
      productVariants,
    ),
    index('modifier_options_company_group_idx').on(table.companyId, table.groupId),
    index('modifier_options_company_sync_xid_idx').on(table.companyId, table.syncXid),
    check('modifier_options_price_delta_non_negative', sql`${table.priceDelta} >= 0`),
  ],
);

/** Which groups a product offers, in order. A detached group stays as a tombstone for tills. */
export const productModifierGroups = pgTable(
  'product_modifier_groups',
  {
    id: id(),
    companyId: companyId(),
    productId: uuid('product_id').notNull(),
    groupId: uuid('group_id').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    ...timestamps(),
    deletedAt: deletedAt(),
    version: version(),
    syncXid: syncXid(),
  },
  (table) => [
    sameCompanyReference(
      'product_modifier_groups_product_fk',
      [table.companyId, table.productId],
      products,
    ),
    sameCompanyReference(
      'product_modifier_groups_group_fk',
      [table.companyId, table.groupId],
      modifierGroups,
    ),
    uniqueIndex('product_modifier_groups_live_key')
      .on(table.companyId, table.productId, table.groupId)
      .where(sql`${table.deletedAt} is null`),
    index('product_modifier_groups_company_sync_xid_idx').on(table.companyId, table.syncXid),
  ],
);

/** An option's own price delta in one store, replacing the company's there (like store prices). */
export const storeModifierPrices = pgTable(
  'store_modifier_prices',
  {
    id: id(),
    companyId: companyId(),
    storeId: uuid('store_id').notNull(),
    optionId: uuid('option_id').notNull(),
    priceDelta: rupiah('price_delta').notNull(),
    ...timestamps(),
    deletedAt: deletedAt(),
    version: version(),
    syncXid: syncXid(),
  },
  (table) => [
    sameCompanyReference(
      'store_modifier_prices_store_fk',
      [table.companyId, table.storeId],
      stores,
    ),
    sameCompanyReference(
      'store_modifier_prices_option_fk',
      [table.companyId, table.optionId],
      modifierOptions,
    ),
    uniqueIndex('store_modifier_prices_live_key')
      .on(table.companyId, table.storeId, table.optionId)
      .where(sql`${table.deletedAt} is null`),
    index('store_modifier_prices_company_sync_xid_idx').on(table.companyId, table.syncXid),
    check('store_modifier_prices_delta_non_negative', sql`${table.priceDelta} >= 0`),
  ],
);

/**
 * Every change of an option's price delta, company-wide (null store) or in one store (a null
 * new delta: the store's own delta was cleared), so an offline sale is priced with the deltas in
 * force when it was made (modifier-prices.ts). Never edited.
 */
export const modifierPriceHistory = pgTable(
  'modifier_price_history',
  {
    id: id(),
    companyId: companyId(),
    optionId: uuid('option_id').notNull(),
    storeId: uuid('store_id'),
    oldDelta: rupiah('old_delta'),
    newDelta: rupiah('new_delta'),
    changedBy: uuid('changed_by'),
    effectiveFrom: utcTimestamp('effective_from').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (table) => [
    sameCompanyReference(
      'modifier_price_history_option_fk',
      [table.companyId, table.optionId],
      modifierOptions,
    ),
    sameCompanyReference(
      'modifier_price_history_store_fk',
      [table.companyId, table.storeId],
      stores,
    ),
    sameCompanyReference(
      'modifier_price_history_changed_by_fk',
      [table.companyId, table.changedBy],
      users,
    ),
    index('modifier_price_history_company_option_idx').on(
      table.companyId,
      table.optionId,
      table.effectiveFrom,
    ),
    check(
      'modifier_price_history_new_delta_non_negative',
      sql`${table.newDelta} is null or ${table.newDelta} >= 0`,
    ),
  ],
);

export type ModifierGroup = typeof modifierGroups.$inferSelect;
export type ModifierOption = typeof modifierOptions.$inferSelect;
export type ProductModifierGroup = typeof productModifierGroups.$inferSelect;
