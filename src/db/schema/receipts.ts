import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  companyId,
  deletedAt,
  id,
  sameCompanyReference,
  syncXid,
  timestamps,
  version,
} from './columns';
import { companies } from './companies';
import { stores } from './stores';

/** 58 mm thermal paper prints 32 columns, 80 mm prints 48. */
export const paperWidths = [58, 80] as const;

/** How a store's receipts look. A null store_id is the company default. */
export const receiptTemplates = pgTable(
  'receipt_templates',
  {
    id: id(),
    companyId: companyId().references(() => companies.id),
    storeId: uuid('store_id'),
    name: text('name').notNull(),
    paperWidthMm: smallint('paper_width_mm').notNull().default(58),
    header: text('header').notNull().default(''),
    footer: text('footer').notNull().default('Terima kasih'),
    showNpwp: boolean('show_npwp').notNull().default(true),
    showCashier: boolean('show_cashier').notNull().default(true),
    /** A whole receipt body (Liquid) replacing the built-in one; null keeps the built-in. */
    htmlTemplate: text('html_template'),
    textTemplate: text('text_template'),
    ...timestamps(),
    deletedAt: deletedAt(),
    version: version(),
    syncXid: syncXid(),
  },
  (table) => [
    sameCompanyReference('receipt_templates_store_fk', [table.companyId, table.storeId], stores),
    uniqueIndex('receipt_templates_company_store_live_key')
      .on(
        table.companyId,
        sql`coalesce(${table.storeId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      )
      .where(sql`${table.deletedAt} is null`),
    index('receipt_templates_company_updated_idx').on(table.companyId, table.updatedAt),
    index('receipt_templates_company_sync_xid_idx').on(table.companyId, table.syncXid),
    check('receipt_templates_paper_width', sql`${table.paperWidthMm} in (58, 80)`),
  ],
);

export type ReceiptTemplate = typeof receiptTemplates.$inferSelect;
