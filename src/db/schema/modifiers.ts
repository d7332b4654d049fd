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
  deletedAt,
  id,
  rupiah,
  sameCompanyReference,
  syncXid,
  timestamps,
  version,
} from './columns';
import { companies } from './companies';

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

export type ModifierGroup = typeof modifierGroups.$inferSelect;
export type ModifierOption = typeof modifierOptions.$inferSelect;
export type ProductModifierGroup = typeof productModifierGroups.$inferSelect;
