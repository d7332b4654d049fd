import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { companyId, id, rupiah, sameCompanyReference, timestamps, utcTimestamp } from './columns';
import { paymentMethods } from './sales';
import { stores, taxRegimes } from './stores';
import { users } from './users';

/**
 * Reports read rollups, not sales (src/services/reports/). A write that changes a store's figures
 * for a business date marks that day in the same transaction (`report_marks`); a queue job
 * recomputes the day from the transactions and clears the mark it saw. A day is up to date when
 * it has no mark.
 */

/** A (store, business date) whose rollups are behind its transactions, since `marked_at`. */
export const reportMarks = pgTable(
  'report_marks',
  {
    id: id(),
    companyId: companyId(),
    storeId: uuid('store_id').notNull(),
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    /** The first change not yet in the rollups (a later change keeps it). */
    markedAt: utcTimestamp('marked_at').notNull().defaultNow(),
    ...timestamps(),
  },
  (table) => [
    sameCompanyReference('report_marks_store_fk', [table.companyId, table.storeId], stores),
    uniqueIndex('report_marks_day_key').on(table.companyId, table.storeId, table.businessDate),
    index('report_marks_marked_idx').on(table.markedAt),
  ],
);

/**
 * A store's day: sales by their business date; refunds and voids by their own (the day the money
 * went back), so a void today of yesterday's sale lowers today's net, never yesterday's.
 */
export const dailyStoreSales = pgTable(
  'daily_store_sales',
  {
    id: id(),
    companyId: companyId(),
    storeId: uuid('store_id').notNull(),
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    salesCount: integer('sales_count').notNull(),
    /** Before discounts (the sales' subtotals). */
    gross: rupiah('gross').notNull(),
    discounts: rupiah('discounts').notNull(),
    serviceCharge: rupiah('service_charge').notNull(),
    tax: rupiah('tax').notNull(),
    rounding: rupiah('rounding').notNull(),
    /** What the sales charged (their totals). */
    salesTotal: rupiah('sales_total').notNull(),
    changeGiven: rupiah('change_given').notNull(),
    refundsCount: integer('refunds_count').notNull(),
    refundsAmount: rupiah('refunds_amount').notNull(),
    voidsCount: integer('voids_count').notNull(),
    voidsAmount: rupiah('voids_amount').notNull(),
    /** salesTotal − refundsAmount − voidsAmount: what the day kept. */
    net: rupiah('net').notNull(),
    computedAt: utcTimestamp('computed_at').notNull(),
    ...timestamps(),
  },
  (table) => [
    sameCompanyReference('daily_store_sales_store_fk', [table.companyId, table.storeId], stores),
    uniqueIndex('daily_store_sales_day_key').on(table.companyId, table.storeId, table.businessDate),
    index('daily_store_sales_company_date_idx').on(table.companyId, table.businessDate),
    // The nightly check's platform-wide sweep of recent days (cron/verify-report-days.ts).
    index('daily_store_sales_business_date_idx').on(table.businessDate),
  ],
);

/** The key every breakdown of a store's day shares, and its lookups. */
const storeDay = () => ({
  id: id(),
  companyId: companyId(),
  storeId: uuid('store_id').notNull(),
  businessDate: date('business_date', { mode: 'string' }).notNull(),
});

/**
 * A store's day by variant. Sold figures by the sale's date; returned and voided ones by their
 * own. Amounts are the lines' before service charge and tax: gross = quantity × (price + options),
 * discounts = the line's discount + its share of the order discount, net = gross − discounts.
 */
export const dailyItemSales = pgTable(
  'daily_item_sales',
  {
    ...storeDay(),
    variantId: uuid('variant_id').notNull(),
    quantity: integer('quantity').notNull(),
    gross: rupiah('gross').notNull(),
    discounts: rupiah('discounts').notNull(),
    net: rupiah('net').notNull(),
    /** Σ quantity × the unit cost recorded at the sale, over the units that had one. */
    cost: rupiah('cost').notNull(),
    /** Units sold without a recorded cost (their profit is unknown, not 100%). */
    uncostedQuantity: integer('uncosted_quantity').notNull(),
    refundedQuantity: integer('refunded_quantity').notNull(),
    refundsAmount: rupiah('refunds_amount').notNull(),
    voidedQuantity: integer('voided_quantity').notNull(),
    voidsAmount: rupiah('voids_amount').notNull(),
    ...timestamps(),
  },
  (table) => [
    sameCompanyReference('daily_item_sales_store_fk', [table.companyId, table.storeId], stores),
    uniqueIndex('daily_item_sales_key').on(
      table.companyId,
      table.storeId,
      table.businessDate,
      table.variantId,
    ),
  ],
);

/** A store's day by modifier option sold (by the sale's date): units and what they added. */
export const dailyOptionSales = pgTable(
  'daily_option_sales',
  {
    ...storeDay(),
    optionId: uuid('option_id').notNull(),
    quantity: integer('quantity').notNull(),
    gross: rupiah('gross').notNull(),
    ...timestamps(),
  },
  (table) => [
    sameCompanyReference('daily_option_sales_store_fk', [table.companyId, table.storeId], stores),
    uniqueIndex('daily_option_sales_key').on(
      table.companyId,
      table.storeId,
      table.businessDate,
      table.optionId,
    ),
  ],
);

export const breakdownDimensions = ['hour', 'cashier', 'device', 'shift'] as const;
export type BreakdownDimension = (typeof breakdownDimensions)[number];

/**
 * A store's day split by the local hour (`00`–`23`), the cashier, the device session or the shift
 * (`key`: the hour or the id; `none` when a sale had no device or shift). A sale counts at its
 * moment and by its own cashier, device and shift; a refund by its own; a void at the void's
 * moment, in the drawer that paid it back (void_shift_id), against the sale's cashier and device.
 */
export const dailySalesBreakdowns = pgTable(
  'daily_sales_breakdowns',
  {
    ...storeDay(),
    dimension: text('dimension', { enum: breakdownDimensions }).notNull(),
    key: text('key').notNull(),
    salesCount: integer('sales_count').notNull(),
    gross: rupiah('gross').notNull(),
    discounts: rupiah('discounts').notNull(),
    salesTotal: rupiah('sales_total').notNull(),
    refundsCount: integer('refunds_count').notNull(),
    refundsAmount: rupiah('refunds_amount').notNull(),
    voidsCount: integer('voids_count').notNull(),
    voidsAmount: rupiah('voids_amount').notNull(),
    net: rupiah('net').notNull(),
    ...timestamps(),
  },
  (table) => [
    sameCompanyReference(
      'daily_sales_breakdowns_store_fk',
      [table.companyId, table.storeId],
      stores,
    ),
    uniqueIndex('daily_sales_breakdowns_key').on(
      table.companyId,
      table.storeId,
      table.businessDate,
      table.dimension,
      table.key,
    ),
    index('daily_sales_breakdowns_company_dimension_date_idx').on(
      table.companyId,
      table.dimension,
      table.businessDate,
    ),
    check(
      'daily_sales_breakdowns_dimension_valid',
      sql`${table.dimension} in ('hour', 'cashier', 'device', 'shift')`,
    ),
  ],
);

/**
 * A store's day by payment method: what the sales' payments paid (change excluded), what refunds
 * paid back through the method, and the payments of sales voided that day.
 */
export const dailyPaymentSales = pgTable(
  'daily_payment_sales',
  {
    ...storeDay(),
    method: text('method', { enum: paymentMethods }).notNull(),
    paymentsCount: integer('payments_count').notNull(),
    amount: rupiah('amount').notNull(),
    refundsCount: integer('refunds_count').notNull(),
    refundsAmount: rupiah('refunds_amount').notNull(),
    voidsCount: integer('voids_count').notNull(),
    voidsAmount: rupiah('voids_amount').notNull(),
    net: rupiah('net').notNull(),
    ...timestamps(),
  },
  (table) => [
    sameCompanyReference('daily_payment_sales_store_fk', [table.companyId, table.storeId], stores),
    uniqueIndex('daily_payment_sales_key').on(
      table.companyId,
      table.storeId,
      table.businessDate,
      table.method,
    ),
  ],
);

/**
 * A store's day by the tax regime and rate its sales were priced with: the tax base (DPP, tax
 * excluded), the service charge, the tax, and the same of the sales voided that day.
 */
export const dailyTaxSales = pgTable(
  'daily_tax_sales',
  {
    ...storeDay(),
    taxRegime: text('tax_regime', { enum: taxRegimes }).notNull(),
    taxRateBasisPoints: integer('tax_rate_basis_points').notNull(),
    salesCount: integer('sales_count').notNull(),
    taxBase: rupiah('tax_base').notNull(),
    serviceCharge: rupiah('service_charge').notNull(),
    tax: rupiah('tax').notNull(),
    salesTotal: rupiah('sales_total').notNull(),
    voidsCount: integer('voids_count').notNull(),
    voidsTaxBase: rupiah('voids_tax_base').notNull(),
    voidsServiceCharge: rupiah('voids_service_charge').notNull(),
    voidsTax: rupiah('voids_tax').notNull(),
    voidsTotal: rupiah('voids_total').notNull(),
    ...timestamps(),
  },
  (table) => [
    sameCompanyReference('daily_tax_sales_store_fk', [table.companyId, table.storeId], stores),
    uniqueIndex('daily_tax_sales_key').on(
      table.companyId,
      table.storeId,
      table.businessDate,
      table.taxRegime,
      table.taxRateBasisPoints,
    ),
  ],
);

export type DailyStoreSales = typeof dailyStoreSales.$inferSelect;

export const exportTypes = [
  'sales-summary',
  'items',
  'options',
  'payments',
  'cashiers',
  'hours',
  'voids-refunds',
  'taxes',
  'transactions',
  'pbjt-transactions',
  'ppn-monthly',
] as const;
export type ExportType = (typeof exportTypes)[number];

export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportStatuses = ['queued', 'building', 'ready', 'failed', 'expired'] as const;
export type ExportStatus = (typeof exportStatuses)[number];

/**
 * A report file built on the queue (src/services/exports/): requested, built by a consumer into
 * the REPORTS bucket, downloaded by the company's users with reports.view, deleted when it
 * expires. The stores it covers are resolved when it is requested (what the requester could see).
 */
export const reportExports = pgTable(
  'report_exports',
  {
    id: id(),
    companyId: companyId(),
    requestedBy: uuid('requested_by').notNull(),
    type: text('type', { enum: exportTypes }).notNull(),
    format: text('format', { enum: exportFormats }).notNull(),
    /** The report's parameters as validated (range, grouping…), without the store. */
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    /** The stores covered: ids, or null for every store of the company (an owner's `all`). */
    storeIds: uuid('store_ids').array(),
    /** The header row's language. */
    language: text('language', { enum: ['id', 'en'] }).notNull(),
    status: text('status', { enum: exportStatuses }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /** Why the last attempt failed (kept while it is retried; the reason once `failed`). */
    error: text('error'),
    rowCount: integer('row_count'),
    sizeBytes: integer('size_bytes'),
    objectKey: text('object_key'),
    completedAt: utcTimestamp('completed_at'),
    expiresAt: utcTimestamp('expires_at'),
    ...timestamps(),
  },
  (table) => [
    sameCompanyReference(
      'report_exports_requested_by_fk',
      [table.companyId, table.requestedBy],
      users,
    ),
    index('report_exports_company_created_idx').on(table.companyId, table.createdAt, table.id),
    // The retention cron's sweep of files past their time.
    index('report_exports_expires_idx').on(table.expiresAt).where(sql`${table.status} = 'ready'`),
    // The */15 cron's sweep of exports whose job was lost.
    index('report_exports_queued_idx').on(table.updatedAt).where(sql`${table.status} = 'queued'`),
    check(
      'report_exports_status_valid',
      sql`${table.status} in ('queued', 'building', 'ready', 'failed', 'expired')`,
    ),
    check('report_exports_format_valid', sql`${table.format} in ('csv', 'xlsx')`),
  ],
);

export type ReportExport = typeof reportExports.$inferSelect;
