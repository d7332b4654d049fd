import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  foreignKey,
  integer,
  type PgColumn,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Column builders shared by every table, so the conventions hold everywhere:
 * UUID keys, UTC timestamps, whole-rupiah money, and the company every tenant row belongs to.
 */

/** UUID primary key. The server makes v7 ids in code; offline clients bring their own. */
export const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);

/** The tenant. NOT NULL on every tenant table; indexes lead with it. */
export const companyId = () => uuid('company_id').notNull();

/** Whole rupiah. bigint in Postgres, a safe integer (< 2^53) in TypeScript; never a float. */
export const rupiah = (name: string) => bigint(name, { mode: 'number' });

export const utcTimestamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const createdAt = () => utcTimestamp('created_at').notNull().defaultNow();

/** Rows that are edited keep when; rows of an append-only ledger do not have this column. */
export const timestamps = () => ({
  createdAt: createdAt(),
  updatedAt: utcTimestamp('updated_at')
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});

/** Soft delete: the row stays so offline devices can be told it is gone (a tombstone). */
export const deletedAt = () => utcTimestamp('deleted_at');

/** Optimistic concurrency for records that clients edit: a stale version is refused (409). */
export const version = () => integer('version').notNull().default(1);

/**
 * A foreign key on (company_id, <column>) to (company_id, id) of the target: the row can only
 * point at a record of its own company, whatever the application code does. Targets carry a
 * unique (company_id, id) for it. A null <column> is not checked.
 */
export const sameCompanyReference = (
  name: string,
  columns: [PgColumn, PgColumn],
  target: { companyId: PgColumn; id: PgColumn },
) => foreignKey({ name, columns, foreignColumns: [target.companyId, target.id] });

const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * The id (xid8) of the database transaction that last changed the row, on every table offline
 * devices pull. Set on insert by the default and on update by the `sync_touch` trigger
 * (migration 0007), so no code path can forget it. The delta cursor reads it only below the
 * oldest transaction still running; see src/services/sync/cursor.ts for why that never misses a row.
 */
export const syncXid = () => xid8('sync_xid').notNull().default(sql`pg_current_xact_id()`);
