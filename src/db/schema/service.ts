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
import { productVariants } from './catalog';
import {
  companyId,
  createdAt,
  deletedAt,
  id,
  sameCompanyReference,
  syncXid,
  timestamps,
  utcTimestamp,
  version,
} from './columns';
import { transactions } from './sales';
import { stores } from './stores';
import { users } from './users';

/**
 * Restaurant service: the tables of a store, the open bills (orders) served at them or under a
 * name, the items added to a bill in rounds, and the kitchen tickets a round produces. A bill
 * ends as one sale through the sale path (src/services/dining/settle-bill.ts).
 */

/** A table of a store ("Meja 4", area "Teras"). Deactivated, never deleted while bills name it. */
export const diningTables = pgTable(
  'dining_tables',
  {
    id: id(),
    companyId: companyId(),
    storeId: uuid('store_id').notNull(),
    name: text('name').notNull(),
    area: text('area'),
    capacity: integer('capacity'),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    ...timestamps(),
    deletedAt: deletedAt(),
    version: version(),
    syncXid: syncXid(),
  },
  (table) => [
    unique('dining_tables_company_id_key').on(table.companyId, table.id),
    sameCompanyReference('dining_tables_store_fk', [table.companyId, table.storeId], stores),
    uniqueIndex('dining_tables_store_name_live_key')
      .on(table.companyId, table.storeId, sql`lower(${table.name})`)
      .where(sql`${table.deletedAt} is null`),
    index('dining_tables_company_sync_xid_idx').on(table.companyId, table.syncXid),
    check(
      'dining_tables_capacity_positive',
      sql`${table.capacity} is null or ${table.capacity} > 0`,
    ),
  ],
);

export const billStatuses = ['open', 'settled', 'cancelled', 'merged'] as const;
export type BillStatus = (typeof billStatuses)[number];

/**
 * An open bill ("bill", "open order"): opened on a table or under a name by any staff of the
 * store from any device, filled in rounds, settled as one sale. `id` is the device's own, so an
 * open retried is recorded once. Every change moves `version`; removals, moves, merges, splits
 * and settles name the version they were made on and a stale one is refused (409). At most one
 * open bill per table (a partial unique index).
 */
export const bills = pgTable(
  'bills',
  {
    id: id(),
    companyId: companyId(),
    storeId: uuid('store_id').notNull(),
    tableId: uuid('table_id'),
    /** The name the bill is kept under ("Bu Sari, takeaway"); with or without a table. */
    name: text('name'),
    guests: integer('guests'),
    note: text('note'),
    status: text('status', { enum: billStatuses }).notNull().default('open'),
    openedBy: uuid('opened_by').notNull(),
    /** The device (session fingerprint hash) the bill was opened from. */
    openedDeviceKey: text('opened_device_key'),
    /** Rounds sent to the kitchen so far; the next round is rounds + 1. */
    rounds: integer('rounds').notNull().default(0),
    /** The sale that settled the bill. */
    saleId: uuid('sale_id'),
    /** The bill this one was merged into. */
    mergedInto: uuid('merged_into'),
    closedAt: utcTimestamp('closed_at'),
    closedBy: uuid('closed_by'),
    cancelReason: text('cancel_reason'),
    /** SHA-256 of the open's canonical body: the same id with another body is a conflict. */
    requestHash: text('request_hash').notNull(),
    ...timestamps(),
    version: version(),
    syncXid: syncXid(),
  },
  (table) => [
    unique('bills_company_id_key').on(table.companyId, table.id),
    sameCompanyReference('bills_store_fk', [table.companyId, table.storeId], stores),
    sameCompanyReference('bills_table_fk', [table.companyId, table.tableId], diningTables),
    sameCompanyReference('bills_opened_by_fk', [table.companyId, table.openedBy], users),
    sameCompanyReference('bills_closed_by_fk', [table.companyId, table.closedBy], users),
    sameCompanyReference('bills_sale_fk', [table.companyId, table.saleId], transactions),
    uniqueIndex('bills_open_per_table')
      .on(table.companyId, table.tableId)
      .where(sql`${table.status} = 'open' and ${table.tableId} is not null`),
    uniqueIndex('bills_sale_key')
      .on(table.companyId, table.saleId)
      .where(sql`${table.saleId} is not null`),
    index('bills_company_store_status_idx').on(table.companyId, table.storeId, table.status),
    index('bills_company_sync_xid_idx').on(table.companyId, table.syncXid),
    check('bills_status_valid', sql`${table.status} in ('open', 'settled', 'cancelled', 'merged')`),
    check('bills_named', sql`${table.tableId} is not null or ${table.name} is not null`),
    check('bills_settled_sale', sql`(${table.status} = 'settled') = (${table.saleId} is not null)`),
    check('bills_guests_positive', sql`${table.guests} is null or ${table.guests} > 0`),
  ],
);

/** An option chosen for a bill item, with the names it had when it was ordered. */
export interface BillItemModifier {
  optionId: string;
  groupName: string;
  name: string;
}

export const billItemStatuses = ['active', 'removed', 'voided'] as const;
export type BillItemStatus = (typeof billItemStatuses)[number];

/**
 * A line of a bill, added by a device with the device's own id: two devices adding at once add
 * independent rows, so neither loses the other's. `round` is the kitchen round it was sent in
 * (null: not sent yet). Taken off before it was sent it is `removed`; after, `voided` (a kitchen
 * void, with its reason and who allowed it). Rows are never deleted, so the bill keeps its story.
 */
export const billItems = pgTable(
  'bill_items',
  {
    id: id(),
    companyId: companyId(),
    billId: uuid('bill_id').notNull(),
    variantId: uuid('variant_id').notNull(),
    productName: text('product_name').notNull(),
    variantName: text('variant_name').notNull(),
    /** The product's kitchen station when the item was added (products.kitchen_station). */
    station: text('station'),
    quantity: integer('quantity').notNull(),
    modifiers: jsonb('modifiers').$type<BillItemModifier[]>().notNull().default([]),
    note: text('note'),
    addedBy: uuid('added_by').notNull(),
    round: integer('round'),
    status: text('status', { enum: billItemStatuses }).notNull().default('active'),
    removedAt: utcTimestamp('removed_at'),
    removedBy: uuid('removed_by'),
    removalReason: text('removal_reason'),
    ...timestamps(),
  },
  (table) => [
    sameCompanyReference('bill_items_bill_fk', [table.companyId, table.billId], bills),
    sameCompanyReference(
      'bill_items_variant_fk',
      [table.companyId, table.variantId],
      productVariants,
    ),
    sameCompanyReference('bill_items_added_by_fk', [table.companyId, table.addedBy], users),
    sameCompanyReference('bill_items_removed_by_fk', [table.companyId, table.removedBy], users),
    index('bill_items_company_bill_idx').on(table.companyId, table.billId),
    check('bill_items_quantity_positive', sql`${table.quantity} > 0`),
    check('bill_items_status_valid', sql`${table.status} in ('active', 'removed', 'voided')`),
    check(
      'bill_items_removal_complete',
      sql`(${table.status} = 'active') = (${table.removedAt} is null)`,
    ),
  ],
);

/** A kitchen ticket line as printed: no prices, the names as they were ordered. */
export interface KitchenTicketLine {
  itemId: string;
  quantity: number;
  product: string;
  variant: string | null;
  modifiers: string[];
  note: string | null;
}

export const kitchenTicketKinds = ['order', 'void'] as const;
export type KitchenTicketKind = (typeof kitchenTicketKinds)[number];

/**
 * What a kitchen station is told: the new items of a round (`order`), or items taken back after
 * they were sent (`void`, printed "BATAL"). One ticket per station per send. `request_id` is the
 * device's id of the send (or of the removal), so a send retried returns the same tickets.
 * Append-only: a ticket is a printed piece of paper.
 */
export const kitchenTickets = pgTable(
  'kitchen_tickets',
  {
    id: id(),
    companyId: companyId(),
    storeId: uuid('store_id').notNull(),
    billId: uuid('bill_id').notNull(),
    requestId: uuid('request_id').notNull(),
    kind: text('kind', { enum: kitchenTicketKinds }).notNull(),
    round: integer('round'),
    station: text('station'),
    lines: jsonb('lines').$type<KitchenTicketLine[]>().notNull(),
    reason: text('reason'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    sameCompanyReference('kitchen_tickets_store_fk', [table.companyId, table.storeId], stores),
    sameCompanyReference('kitchen_tickets_bill_fk', [table.companyId, table.billId], bills),
    sameCompanyReference(
      'kitchen_tickets_created_by_fk',
      [table.companyId, table.createdBy],
      users,
    ),
    index('kitchen_tickets_company_bill_idx').on(table.companyId, table.billId),
    uniqueIndex('kitchen_tickets_request_station_key').on(
      table.companyId,
      table.requestId,
      sql`coalesce(${table.station}, '')`,
    ),
    check('kitchen_tickets_kind_valid', sql`${table.kind} in ('order', 'void')`),
    check(
      'kitchen_tickets_round_of_orders',
      sql`(${table.kind} = 'order') = (${table.round} is not null)`,
    ),
  ],
);

export type DiningTable = typeof diningTables.$inferSelect;
export type Bill = typeof bills.$inferSelect;
export type BillItem = typeof billItems.$inferSelect;
export type KitchenTicket = typeof kitchenTickets.$inferSelect;
