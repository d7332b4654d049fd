import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  companyId,
  createdAt,
  id,
  sameCompanyReference,
  timestamps,
  utcTimestamp,
} from './columns';
import { companies } from './companies';
import { stores } from './stores';
import { deviceSessions } from './users';

export const syncBatchStatuses = ['processing', 'completed', 'failed'] as const;

/** One upload of offline sales from a device. `id` is the client's batch_id, so a retry is known. */
export const syncBatches = pgTable(
  'sync_batches',
  {
    id: id(),
    companyId: companyId(),
    storeId: uuid('store_id').notNull(),
    deviceSessionId: uuid('device_session_id'),
    status: text('status', { enum: syncBatchStatuses }).notNull().default('processing'),
    receivedCount: integer('received_count').notNull().default(0),
    acceptedCount: integer('accepted_count').notNull().default(0),
    duplicateCount: integer('duplicate_count').notNull().default(0),
    rejectedCount: integer('rejected_count').notNull().default(0),
    /** How many times the device sent this batch; counts above add up over all attempts. */
    attempts: integer('attempts').notNull().default(1),
    startedAt: utcTimestamp('started_at').notNull().defaultNow(),
    finishedAt: utcTimestamp('finished_at'),
    /** Time the store's object spent on the last attempt. */
    lastDurationMs: integer('last_duration_ms'),
    ...timestamps(),
  },
  (table) => [
    sameCompanyReference('sync_batches_store_fk', [table.companyId, table.storeId], stores),
    sameCompanyReference(
      'sync_batches_device_session_fk',
      [table.companyId, table.deviceSessionId],
      deviceSessions,
    ),
    index('sync_batches_company_store_started_idx').on(
      table.companyId,
      table.storeId,
      table.startedAt,
    ),
    index('sync_batches_company_device_started_idx').on(
      table.companyId,
      table.deviceSessionId,
      table.startedAt,
    ),
    // The stalled-batch sweep (cron) looks across companies at the few unfinished batches.
    index('sync_batches_processing_updated_idx')
      .on(table.updatedAt)
      .where(sql`${table.status} = 'processing'`),
    // Platform-wide metrics and the health check: batches by when they started, and recent failures.
    index('sync_batches_started_brin').using('brin', table.startedAt),
    index('sync_batches_failed_finished_idx')
      .on(table.finishedAt)
      .where(sql`${table.status} = 'failed'`),
    check(
      'sync_batches_status_valid',
      sql`${table.status} in ('processing', 'completed', 'failed')`,
    ),
  ],
);

/** Append-only log of what happened during sync: rejections, conflicts, clock skew, pulls. */
export const syncEvents = pgTable(
  'sync_events',
  {
    id: id(),
    companyId: companyId().references(() => companies.id),
    storeId: uuid('store_id'),
    batchId: uuid('batch_id'),
    deviceSessionId: uuid('device_session_id'),
    /** e.g. `sale_rejected`, `conflict`, `clock_skew`, `pull`. */
    kind: text('kind').notNull(),
    entityType: text('entity_type'),
    entityId: uuid('entity_id'),
    code: text('code'),
    message: text('message'),
    details: jsonb('details'),
    createdAt: createdAt(),
  },
  (table) => [
    index('sync_events_company_batch_idx').on(table.companyId, table.batchId),
    index('sync_events_company_device_created_idx').on(
      table.companyId,
      table.deviceSessionId,
      table.createdAt,
    ),
    index('sync_events_company_kind_created_idx').on(table.companyId, table.kind, table.createdAt),
  ],
);

/**
 * Where each device stands: one row per device session and store, upserted on every push and
 * pull, so the status page needs no scan of the batch history.
 */
export const syncDevices = pgTable(
  'sync_devices',
  {
    id: id(),
    companyId: companyId(),
    storeId: uuid('store_id').notNull(),
    deviceSessionId: uuid('device_session_id').notNull(),
    lastPushAt: utcTimestamp('last_push_at'),
    lastPullAt: utcTimestamp('last_pull_at'),
    /** The cursor the device was last given (its next pull starts there). */
    lastCursor: text('last_cursor'),
    ...timestamps(),
  },
  (table) => [
    uniqueIndex('sync_devices_company_session_store_key').on(
      table.companyId,
      table.deviceSessionId,
      table.storeId,
    ),
    index('sync_devices_company_store_idx').on(table.companyId, table.storeId),
    sameCompanyReference('sync_devices_store_fk', [table.companyId, table.storeId], stores),
    sameCompanyReference(
      'sync_devices_device_session_fk',
      [table.companyId, table.deviceSessionId],
      deviceSessions,
    ).onDelete('cascade'),
  ],
);

export type SyncBatch = typeof syncBatches.$inferSelect;
export type SyncEvent = typeof syncEvents.$inferSelect;
export type NewSyncEvent = typeof syncEvents.$inferInsert;
export type SyncDevice = typeof syncDevices.$inferSelect;
