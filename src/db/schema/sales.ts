import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
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
import { companyId, id, rupiah, sameCompanyReference, timestamps, utcTimestamp } from './columns';
import { shifts } from './shifts';
import { storeSettings, stores, taxRegimes } from './stores';
import { deviceSessions, users } from './users';

export const transactionStatuses = [
  'completed',
  'voided',
  'partially_refunded',
  'refunded',
] as const;
export type TransactionStatus = (typeof transactionStatuses)[number];

export const transactionKinds = ['sale', 'refund'] as const;
export type TransactionKind = (typeof transactionKinds)[number];

/**
 * A sale (or a refund linked to one). Every amount is whole rupiah computed by the server; the
 * amounts are stored as they were, with the store's tax settings at the time, so a receipt can be
 * reprinted exactly. `id` may come from the offline client, which makes uploads idempotent.
 */
export const transactions = pgTable(
  'transactions',
  {
    id: id(),
    companyId: companyId(),
    storeId: uuid('store_id').notNull(),
    kind: text('kind', { enum: transactionKinds }).notNull().default('sale'),
    /** {STORE_CODE}-{YYYYMMDD}-{NNNN}, from the store's Durable Object. */
    number: text('number').notNull(),
    /** The store-local date the sale belongs to (time zone and cut-off hour applied). */
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: transactionStatuses }).notNull().default('completed'),
    cashierId: uuid('cashier_id').notNull(),
    deviceSessionId: uuid('device_session_id'),
    /** The original sale, for a refund. */
    refundOfId: uuid('refund_of_id'),
    /** The till's own receipt reference, for an offline sale. */
    clientReference: text('client_reference'),
    clientCreatedAt: utcTimestamp('client_created_at'),
    /** SHA-256 of the canonical request body: same id + same body is a retry, else a conflict. */
    requestHash: text('request_hash').notNull(),
    taxRegime: text('tax_regime', { enum: taxRegimes }).notNull(),
    taxRateBasisPoints: integer('tax_rate_basis_points').notNull(),
    serviceChargeBasisPoints: integer('service_charge_basis_points').notNull(),
    pricesIncludeTax: boolean('prices_include_tax').notNull(),
    /** The store's dated settings the sale was priced with (null for sales before 0011). */
    storeSettingsId: uuid('store_settings_id'),
    subtotal: rupiah('subtotal').notNull(),
    discountTotal: rupiah('discount_total').notNull().default(0),
    serviceCharge: rupiah('service_charge').notNull().default(0),
    taxTotal: rupiah('tax_total').notNull().default(0),
    /**
     * What the tax was computed on, the tax itself excluded (DPP): the taxable lines after
     * discounts, with their service charge when it is taxed. 0 without tax.
     */
    taxBase: rupiah('tax_base').notNull().default(0),
    rounding: rupiah('rounding').notNull().default(0),
    total: rupiah('total').notNull(),
    paidTotal: rupiah('paid_total').notNull(),
    changeAmount: rupiah('change_amount').notNull().default(0),
    note: text('note'),
    /** Flags raised while accepting the sale (negative stock, skewed clock, price mismatch…). */
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
    approvals: jsonb('approvals').$type<Array<Record<string, unknown>>>().notNull().default([]),
    voidedAt: utcTimestamp('voided_at'),
    voidedBy: uuid('voided_by'),
    voidReason: text('void_reason'),
    /** The manager who approved the void for a cashier without sales.void (null: their own). */
    voidApprovedBy: uuid('void_approved_by'),
    /** The store-local date of the void: the day the money went back (reports count it there). */
    voidBusinessDate: date('void_business_date', { mode: 'string' }),
    /**
     * The shift whose drawer the sale's (or refund's) money went into: the open shift of the till
     * that made it (see src/services/shifts/). Null when the till had none.
     */
    shiftId: uuid('shift_id'),
    /**
     * A shift an offline sale named that had not reached the server when the sale did (another
     * batch still queued): linked, and cleared, when that shift's open arrives.
     */
    pendingShiftId: uuid('pending_shift_id'),
    /** The shift whose drawer paid a void's money back, which may not be the sale's own. */
    voidShiftId: uuid('void_shift_id'),
    ...timestamps(),
  },
  (table) => [
    unique('transactions_company_id_key').on(table.companyId, table.id),
    uniqueIndex('transactions_store_number_key').on(table.companyId, table.storeId, table.number),
    sameCompanyReference('transactions_store_fk', [table.companyId, table.storeId], stores),
    sameCompanyReference('transactions_cashier_fk', [table.companyId, table.cashierId], users),
    sameCompanyReference(
      'transactions_void_approved_by_fk',
      [table.companyId, table.voidApprovedBy],
      users,
    ),
    sameCompanyReference(
      'transactions_device_session_fk',
      [table.companyId, table.deviceSessionId],
      deviceSessions,
    ),
    sameCompanyReference('transactions_refund_of_fk', [table.companyId, table.refundOfId], table),
    sameCompanyReference(
      'transactions_store_settings_fk',
      [table.companyId, table.storeSettingsId],
      storeSettings,
    ),
    sameCompanyReference('transactions_shift_fk', [table.companyId, table.shiftId], shifts),
    sameCompanyReference(
      'transactions_void_shift_fk',
      [table.companyId, table.voidShiftId],
      shifts,
    ),
    index('transactions_company_shift_idx')
      .on(table.companyId, table.shiftId)
      .where(sql`${table.shiftId} is not null`),
    index('transactions_company_void_shift_idx')
      .on(table.companyId, table.voidShiftId)
      .where(sql`${table.voidShiftId} is not null`),
    index('transactions_company_pending_shift_idx')
      .on(table.companyId, table.pendingShiftId)
      .where(sql`${table.pendingShiftId} is not null`),
    index('transactions_company_store_business_date_idx').on(
      table.companyId,
      table.storeId,
      table.businessDate,
    ),
    // A day's voids, by the day of the void (the reports' rollups).
    index('transactions_company_store_void_date_idx')
      .on(table.companyId, table.storeId, table.voidBusinessDate)
      .where(sql`${table.voidBusinessDate} is not null`),
    index('transactions_company_created_idx').on(table.companyId, table.createdAt),
    // Platform-wide metrics (sales per hour over every company): rows arrive in created_at
    // order, so a block range index stays a few pages and costs writes next to nothing.
    index('transactions_created_brin').using('brin', table.createdAt),
    index('transactions_company_refund_of_idx').on(table.companyId, table.refundOfId),
    check(
      'transactions_status_valid',
      sql`${table.status} in ('completed', 'voided', 'partially_refunded', 'refunded')`,
    ),
    check('transactions_kind_valid', sql`${table.kind} in ('sale', 'refund')`),
    check(
      'transactions_amounts_non_negative',
      sql`${table.subtotal} >= 0 and ${table.discountTotal} >= 0 and ${table.serviceCharge} >= 0 and ${table.taxTotal} >= 0 and ${table.taxBase} >= 0 and ${table.total} >= 0 and ${table.paidTotal} >= 0 and ${table.changeAmount} >= 0`,
    ),
  ],
);

/** An option chosen for a sale line, as it was at the sale. */
export interface SaleLineModifier {
  optionId: string;
  groupId: string;
  groupName: string;
  name: string;
  priceDelta: number;
  /** The variant whose stock the option took, one per unit (a void or refund gives it back). */
  stockVariantId: string | null;
}

export const transactionItems = pgTable(
  'transaction_items',
  {
    id: id(),
    companyId: companyId(),
    transactionId: uuid('transaction_id').notNull(),
    lineNumber: integer('line_number').notNull(),
    variantId: uuid('variant_id').notNull(),
    /** Names and SKU as they were at the sale, for receipts and reports. */
    productName: text('product_name').notNull(),
    variantName: text('variant_name').notNull(),
    sku: text('sku').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: rupiah('unit_price').notNull(),
    /** The catalog price when the cashier overrode it, else null. */
    listUnitPrice: rupiah('list_unit_price'),
    lineDiscount: rupiah('line_discount').notNull().default(0),
    /** quantity × unit price − line discount. */
    lineTotal: rupiah('line_total').notNull(),
    /** The line's part of the order discount (its net after it: line total − this share). */
    orderDiscountShare: rupiah('order_discount_share').notNull().default(0),
    taxAmount: rupiah('tax_amount').notNull().default(0),
    isTaxable: boolean('is_taxable').notNull(),
    /**
     * The options chosen for the line, as they were (names and price deltas at the sale), and
     * what they add to each unit: line gross = quantity × (unit price + modifier unit total).
     */
    modifiers: jsonb('modifiers').$type<SaleLineModifier[]>().notNull().default([]),
    modifierUnitTotal: rupiah('modifier_unit_total').notNull().default(0),
    /** The product's cost per unit when it was sold, so gross profit stays as it was. */
    unitCost: rupiah('unit_cost'),
    refundedQuantity: integer('refunded_quantity').notNull().default(0),
    ...timestamps(),
  },
  (table) => [
    sameCompanyReference(
      'transaction_items_transaction_fk',
      [table.companyId, table.transactionId],
      transactions,
    ).onDelete('cascade'),
    sameCompanyReference(
      'transaction_items_variant_fk',
      [table.companyId, table.variantId],
      productVariants,
    ),
    uniqueIndex('transaction_items_transaction_line_key').on(
      table.companyId,
      table.transactionId,
      table.lineNumber,
    ),
    index('transaction_items_company_variant_idx').on(table.companyId, table.variantId),
    check('transaction_items_quantity_positive', sql`${table.quantity} > 0`),
    check(
      'transaction_items_refunded_within_sold',
      sql`${table.refundedQuantity} between 0 and ${table.quantity}`,
    ),
    check(
      'transaction_items_amounts_non_negative',
      sql`${table.unitPrice} >= 0 and ${table.lineDiscount} >= 0 and ${table.lineTotal} >= 0 and ${table.taxAmount} >= 0 and ${table.modifierUnitTotal} >= 0 and ${table.orderDiscountShare} between 0 and ${table.lineTotal}`,
    ),
  ],
);

export const paymentMethods = ['cash', 'qris', 'card', 'transfer', 'ewallet'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const paymentStatuses = ['pending', 'completed', 'failed', 'refunded'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** A tender. Non-cash tenders are recorded, not processed (the EDC or QRIS app does that). */
export const payments = pgTable(
  'payments',
  {
    id: id(),
    companyId: companyId(),
    transactionId: uuid('transaction_id').notNull(),
    method: text('method', { enum: paymentMethods }).notNull(),
    /** What this tender pays towards the amount due. */
    amount: rupiah('amount').notNull(),
    /** Cash handed over; the change is tendered − amount. */
    tendered: rupiah('tendered'),
    changeAmount: rupiah('change_amount').notNull().default(0),
    externalReference: text('external_reference'),
    status: text('status', { enum: paymentStatuses }).notNull().default('completed'),
    ...timestamps(),
  },
  (table) => [
    sameCompanyReference(
      'payments_transaction_fk',
      [table.companyId, table.transactionId],
      transactions,
    ).onDelete('cascade'),
    index('payments_company_transaction_idx').on(table.companyId, table.transactionId),
    index('payments_company_method_created_idx').on(table.companyId, table.method, table.createdAt),
    check(
      'payments_method_valid',
      sql`${table.method} in ('cash', 'qris', 'card', 'transfer', 'ewallet')`,
    ),
    check(
      'payments_status_valid',
      sql`${table.status} in ('pending', 'completed', 'failed', 'refunded')`,
    ),
    check('payments_amount_non_negative', sql`${table.amount} >= 0 and ${table.changeAmount} >= 0`),
  ],
);

/**
 * The last sale number given per store per business date. The sale's transaction advances it
 * (an upsert that locks the row) and commits or rolls back with the sale, so a number is never
 * burnt by a write that did not land and never given twice.
 */
export const saleCounters = pgTable(
  'sale_counters',
  {
    id: id(),
    companyId: companyId(),
    storeId: uuid('store_id').notNull(),
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    lastNumber: integer('last_number').notNull(),
    ...timestamps(),
  },
  (table) => [
    uniqueIndex('sale_counters_company_store_date_key').on(
      table.companyId,
      table.storeId,
      table.businessDate,
    ),
    sameCompanyReference('sale_counters_store_fk', [table.companyId, table.storeId], stores),
    check('sale_counters_positive', sql`${table.lastNumber} > 0`),
  ],
);

export type Transaction = typeof transactions.$inferSelect;
export type TransactionItem = typeof transactionItems.$inferSelect;
export type Payment = typeof payments.$inferSelect;
