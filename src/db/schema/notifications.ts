import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companyId, id, sameCompanyReference, timestamps, utcTimestamp } from './columns';
import { companies } from './companies';
import { stores } from './stores';
import { users } from './users';

export const notificationKinds = [
  'low_stock',
  'sync_problems',
  'account_locked',
  'shift_difference',
  'report_export',
  'incident',
  'voids_refunds_anomaly',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/**
 * Messages for managers and owners, written by the JOBS consumer. `dedupe_key` names the event
 * that caused it (a low-stock crossing is named by its stock movement, sync problems by their
 * batch), so a redelivered queue message inserts nothing the second time.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    companyId: companyId().references(() => companies.id),
    storeId: uuid('store_id'),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    /** What the notification is about, e.g. variant, quantity and threshold. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /**
     * The one user it is for (an account locked after too many failed sign-ins or PINs); null:
     * for the company's staff who act on stock and sync (inventory.manage).
     */
    recipientId: uuid('recipient_id'),
    readAt: utcTimestamp('read_at'),
    readBy: uuid('read_by'),
    ...timestamps(),
  },
  (table) => [
    uniqueIndex('notifications_company_dedupe_key').on(table.companyId, table.dedupeKey),
    index('notifications_company_created_idx').on(table.companyId, table.createdAt, table.id),
    index('notifications_company_unread_idx')
      .on(table.companyId, table.createdAt)
      .where(sql`${table.readAt} is null`),
    sameCompanyReference('notifications_store_fk', [table.companyId, table.storeId], stores),
    index('notifications_company_recipient_created_idx')
      .on(table.companyId, table.recipientId, table.createdAt)
      .where(sql`${table.recipientId} is not null`),
    sameCompanyReference('notifications_read_by_fk', [table.companyId, table.readBy], users),
    sameCompanyReference('notifications_recipient_fk', [table.companyId, table.recipientId], users),
    check(
      'notifications_kind_valid',
      sql`${table.kind} in ('low_stock', 'sync_problems', 'account_locked', 'shift_difference', 'report_export', 'incident', 'voids_refunds_anomaly')`,
    ),
  ],
);

export type Notification = typeof notifications.$inferSelect;
