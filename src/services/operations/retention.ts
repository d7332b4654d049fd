import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { Env } from '../../env';
import { positiveInteger } from '../../lib/env-number';

/**
 * How long records are kept (README: Operations → Retention), and the deletes that enforce it.
 * Tenant tables are cleaned per company by a queue job (one per company, fanned out by the
 * nightly cron), a bounded chunk per table at a time: a company with more to delete sends its
 * job again, so no statement runs long and no cron has to reach every company. Deletes are
 * idempotent: a redelivered job deletes nothing more than the first.
 *
 * Never deleted here: sales and everything a sale points at (the books), stock, shifts, users,
 * and audit logs. Audit logs, security events among them, are business records that UU KUP
 * (Undang-Undang Ketentuan Umum dan Tata Cara Perpajakan) Pasal 28 ayat (11) has kept for 10
 * years; the table is append-only (a trigger refuses every UPDATE and DELETE, migration 0002), so
 * nothing can delete one early. Purging entries past 10 years is a deliberate, manual operation
 * (README: Retention), first possible in 2036.
 */

export interface RetentionPeriods {
  /** Sync events and sync batch logs (the batch rows, not the sales they carried). */
  syncLogDays: number;
  /** Notifications, from when they were read. */
  readNotificationDays: number;
  /** Notifications never read, from when they were made. */
  unreadNotificationDays: number;
  /** Idempotency keys (onboarding retries happen within minutes). */
  idempotencyKeyDays: number;
  /** Handled dead jobs and resolved incidents (platform records). */
  operationsRecordDays: number;
}

export function retentionPeriods(env: Env): RetentionPeriods {
  return {
    syncLogDays: positiveInteger(env.RETENTION_SYNC_LOG_DAYS, 90),
    readNotificationDays: positiveInteger(env.RETENTION_READ_NOTIFICATION_DAYS, 30),
    unreadNotificationDays: positiveInteger(env.RETENTION_UNREAD_NOTIFICATION_DAYS, 180),
    idempotencyKeyDays: 30,
    operationsRecordDays: positiveInteger(env.RETENTION_OPERATIONS_RECORD_DAYS, 365),
  };
}

/** Rows one statement deletes at most; a company with more sends its job again. */
export const retentionChunk = 5000;

const before = (now: Date, days: number) =>
  new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();

/** The tenant tables cleaned, each with what makes a row old enough. */
function tenantRules(now: Date, periods: RetentionPeriods): Array<[table: string, old: SQL]> {
  return [
    ['sync_events', sql`created_at < ${before(now, periods.syncLogDays)}`],
    [
      'sync_batches',
      sql`started_at < ${before(now, periods.syncLogDays)} and status <> 'processing'`,
    ],
    [
      'notifications',
      sql`(read_at < ${before(now, periods.readNotificationDays)}
        or created_at < ${before(now, periods.unreadNotificationDays)})`,
    ],
    ['idempotency_keys', sql`created_at < ${before(now, periods.idempotencyKeyDays)}`],
  ];
}

export interface RetentionOutcome {
  deleted: Record<string, number>;
  /** Some table had more old rows than one chunk: run again. */
  more: boolean;
}

/** One chunk of every tenant table's old rows of one company. */
export async function applyCompanyRetention(
  db: Executor,
  companyId: string,
  now: Date,
  periods: RetentionPeriods,
): Promise<RetentionOutcome> {
  const deleted: Record<string, number> = {};
  for (const [table, old] of tenantRules(now, periods)) {
    deleted[table] = await deleteChunk(db, table, sql`company_id = ${companyId} and ${old}`);
  }
  return { deleted, more: Object.values(deleted).some((count) => count >= retentionChunk) };
}

/** The platform's own records: handled dead jobs and resolved incidents. */
export async function applyPlatformRetention(
  db: Executor,
  now: Date,
  periods: RetentionPeriods,
): Promise<RetentionOutcome> {
  const cutoff = before(now, periods.operationsRecordDays);
  const deleted = {
    dead_jobs: await deleteChunk(
      db,
      'dead_jobs',
      sql`coalesce(retried_at, dismissed_at) < ${cutoff}`,
    ),
    incidents: await deleteChunk(db, 'incidents', sql`resolved_at < ${cutoff}`),
  };
  return { deleted, more: Object.values(deleted).some((count) => count >= retentionChunk) };
}

async function deleteChunk(db: Executor, table: string, where: SQL): Promise<number> {
  const name = sql.raw(table);
  const result = await db.execute(sql`
    delete from ${name} where ctid in (
      select ctid from ${name} where ${where} limit ${retentionChunk})`);
  return result.rowCount ?? 0;
}
