import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { productVariants } from './catalog';
import {
  companyId,
  createdAt,
  id,
  sameCompanyReference,
  syncXid,
  timestamps,
  version,
} from './columns';
import { stores } from './stores';
import { users } from './users';

/**
 * Stock of one variant in one store. `quantity` always equals the sum of that pair's
 * stock_movements; both are written in the same transaction. Quantities are whole units of the
 * product's unit (sell by weight in grams).
 */
export const inventoryLevels = pgTable(
  'inventory_levels',
  {
    id: id(),
    companyId: companyId(),
    storeId: uuid('store_id').notNull(),
    variantId: uuid('variant_id').notNull(),
    quantity: integer('quantity').notNull().default(0),
    /** At or below this level the variant is low on stock; null means no alert. */
    minimumQuantity: integer('minimum_quantity'),
    ...timestamps(),
    version: version(),
    syncXid: syncXid(),
  },
  (table) => [
    uniqueIndex('inventory_levels_company_store_variant_key').on(
      table.companyId,
      table.storeId,
      table.variantId,
    ),
    sameCompanyReference('inventory_levels_store_fk', [table.companyId, table.storeId], stores),
    sameCompanyReference(
      'inventory_levels_variant_fk',
      [table.companyId, table.variantId],
      productVariants,
    ),
    index('inventory_levels_company_store_updated_idx').on(
      table.companyId,
      table.storeId,
      table.updatedAt,
    ),
    index('inventory_levels_company_store_sync_xid_idx').on(
      table.companyId,
      table.storeId,
      table.syncXid,
    ),
    check(
      'inventory_levels_minimum_non_negative',
      sql`${table.minimumQuantity} is null or ${table.minimumQuantity} >= 0`,
    ),
  ],
);

export const stockMovementKinds = [
  'sale',
  'void',
  'refund',
  'adjustment',
  'receiving',
  'transfer_out',
  'transfer_in',
  'count',
] as const;
export type StockMovementKind = (typeof stockMovementKinds)[number];

/** Append-only stock ledger: one row per change, never edited (so no updated_at). */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: id(),
    companyId: companyId(),
    storeId: uuid('store_id').notNull(),
    variantId: uuid('variant_id').notNull(),
    kind: text('kind', { enum: stockMovementKinds }).notNull(),
    /** Signed: negative takes stock out. */
    quantityDelta: integer('quantity_delta').notNull(),
    reason: text('reason'),
    /** What caused it: a transaction, a transfer, a count… */
    referenceType: text('reference_type'),
    referenceId: uuid('reference_id'),
    actorUserId: uuid('actor_user_id'),
    createdAt: createdAt(),
  },
  (table) => [
    sameCompanyReference('stock_movements_store_fk', [table.companyId, table.storeId], stores),
    sameCompanyReference(
      'stock_movements_variant_fk',
      [table.companyId, table.variantId],
      productVariants,
    ),
    sameCompanyReference('stock_movements_actor_fk', [table.companyId, table.actorUserId], users),
    index('stock_movements_company_store_variant_created_idx').on(
      table.companyId,
      table.storeId,
      table.variantId,
      table.createdAt,
    ),
    index('stock_movements_company_reference_idx').on(
      table.companyId,
      table.referenceType,
      table.referenceId,
    ),
    check(
      'stock_movements_kind_valid',
      sql`${table.kind} in ('sale', 'void', 'refund', 'adjustment', 'receiving', 'transfer_out', 'transfer_in', 'count')`,
    ),
  ],
);

export type InventoryLevel = typeof inventoryLevels.$inferSelect;
export type StockMovement = typeof stockMovements.$inferSelect;
