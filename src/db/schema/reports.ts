import { date, index, integer, pgTable, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companyId, id, rupiah, sameCompanyReference, timestamps, utcTimestamp } from './columns';
import { stores } from './stores';

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

export type DailyStoreSales = typeof dailyStoreSales.$inferSelect;
