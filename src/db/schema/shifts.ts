import { sql } from 'drizzle-orm';
import {
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
import {
  companyId,
  id,
  rupiah,
  sameCompanyReference,
  syncXid,
  timestamps,
  utcTimestamp,
  version,
} from './columns';
import { stores } from './stores';
import { deviceSessions, users } from './users';

export const shiftStatuses = ['open', 'closed'] as const;
export type ShiftStatus = (typeof shiftStatuses)[number];

/** How a shift ended: counted and closed at its till, or closed by a manager for a lost till. */
export const shiftClosures = ['counted', 'forced'] as const;
export type ShiftClosure = (typeof shiftClosures)[number];

/** One count of the drawer at close: so many notes or coins of a value. */
export interface DenominationCount {
  value: number;
  count: number;
}

/**
 * A cashier's shift on one till ("shift kasir"): the drawer opened with `opening_cash`, paid into
 * and out of during the shift, counted at close. `id` is the till's own, so an open made offline
 * and uploaded twice is recorded once. A till is known by its device fingerprint (`device_key`,
 * the hash every session of that device carries), so a shift survives a change of cashier on the
 * same till; at most one shift per device is open at a time (a partial unique index).
 *
 * The shift's figures (sales, refunds, voids, expected cash) are never stored: they are summed
 * from the rows linked to the shift (transactions.shift_id, void_shift_id, the cash movements)
 * whenever they are read, so a sale that lands after the close corrects them. The close stores
 * what cannot be recomputed: the count, what the server expected at that moment (for the
 * approval decision), and how many sales the till said it made.
 */
export const shifts = pgTable(
  'shifts',
  {
    id: id(),
    companyId: companyId(),
    storeId: uuid('store_id').notNull(),
    /** The till: the fingerprint hash of the device session that opened the shift. */
    deviceKey: text('device_key').notNull(),
    deviceName: text('device_name').notNull(),
    /** The session the shift was opened from (the till's sign-in at the time). */
    deviceSessionId: uuid('device_session_id'),
    status: text('status', { enum: shiftStatuses }).notNull().default('open'),
    openedBy: uuid('opened_by').notNull(),
    openedAt: utcTimestamp('opened_at').notNull(),
    /** The store-local business date of the opening (time zone and cut-off hour applied). */
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    openingCash: rupiah('opening_cash').notNull(),
    /** SHA-256 of the open's canonical body: the same id with another body is a conflict. */
    requestHash: text('request_hash').notNull(),
    closedAt: utcTimestamp('closed_at'),
    closedBy: uuid('closed_by'),
    closure: text('closure', { enum: shiftClosures }),
    countedCash: rupiah('counted_cash'),
    /** Expected cash as the server saw it at the close (the live figure may move on). */
    expectedCashAtClose: rupiah('expected_cash_at_close'),
    denominations: jsonb('denominations').$type<DenominationCount[]>(),
    closeNote: text('close_note'),
    /** How many sales the till made in the shift, as it said at the close. */
    reportedSalesCount: integer('reported_sales_count'),
    closeRequestHash: text('close_request_hash'),
    /** Flags raised on the shift (a skewed clock, a difference closed without approval…). */
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
    approvals: jsonb('approvals').$type<Array<Record<string, unknown>>>().notNull().default([]),
    ...timestamps(),
    version: version(),
    syncXid: syncXid(),
  },
  (table) => [
    unique('shifts_company_id_key').on(table.companyId, table.id),
    sameCompanyReference('shifts_store_fk', [table.companyId, table.storeId], stores),
    sameCompanyReference('shifts_opened_by_fk', [table.companyId, table.openedBy], users),
    sameCompanyReference('shifts_closed_by_fk', [table.companyId, table.closedBy], users),
    sameCompanyReference(
      'shifts_device_session_fk',
      [table.companyId, table.deviceSessionId],
      deviceSessions,
    ),
    // One open shift per till: a second open meets this and is answered 409.
    uniqueIndex('shifts_open_per_device_key')
      .on(table.companyId, table.deviceKey)
      .where(sql`${table.status} = 'open'`),
    index('shifts_company_store_business_date_idx').on(
      table.companyId,
      table.storeId,
      table.businessDate,
    ),
    index('shifts_company_sync_xid_idx').on(table.companyId, table.syncXid),
    check('shifts_status_valid', sql`${table.status} in ('open', 'closed')`),
    check('shifts_closure_valid', sql`${table.closure} in ('counted', 'forced')`),
    check(
      'shifts_closed_complete',
      sql`(${table.status} = 'open') = (${table.closedAt} is null and ${table.closure} is null)`,
    ),
    check(
      'shifts_amounts_non_negative',
      sql`${table.openingCash} >= 0 and coalesce(${table.countedCash}, 0) >= 0 and coalesce(${table.reportedSalesCount}, 0) >= 0`,
    ),
  ],
);

export const cashMovementKinds = ['pay_in', 'pay_out'] as const;
export type CashMovementKind = (typeof cashMovementKinds)[number];

/**
 * Money put into or taken out of a shift's drawer other than by a sale ("kas masuk/keluar"):
 * change brought from the bank, ice bought from the market. Never edited; `id` is the till's.
 */
export const shiftCashMovements = pgTable(
  'shift_cash_movements',
  {
    id: id(),
    companyId: companyId(),
    shiftId: uuid('shift_id').notNull(),
    kind: text('kind', { enum: cashMovementKinds }).notNull(),
    amount: rupiah('amount').notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').notNull(),
    occurredAt: utcTimestamp('occurred_at').notNull(),
    requestHash: text('request_hash').notNull(),
    approvals: jsonb('approvals').$type<Array<Record<string, unknown>>>().notNull().default([]),
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
    createdAt: utcTimestamp('created_at').notNull().defaultNow(),
  },
  (table) => [
    unique('shift_cash_movements_company_id_key').on(table.companyId, table.id),
    sameCompanyReference('shift_cash_movements_shift_fk', [table.companyId, table.shiftId], shifts),
    sameCompanyReference(
      'shift_cash_movements_created_by_fk',
      [table.companyId, table.createdBy],
      users,
    ),
    index('shift_cash_movements_company_shift_idx').on(table.companyId, table.shiftId),
    check('shift_cash_movements_kind_valid', sql`${table.kind} in ('pay_in', 'pay_out')`),
    check('shift_cash_movements_amount_positive', sql`${table.amount} > 0`),
  ],
);

export type Shift = typeof shifts.$inferSelect;
export type ShiftCashMovement = typeof shiftCashMovements.$inferSelect;
