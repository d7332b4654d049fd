import * as z from 'zod';

/**
 * The contracts of the JOBS queue: every message a producer may send, as zod schemas, with the
 * types taken from them. This module imports nothing else, so a producer (the Worker, the store's
 * Durable Object, a cron) and the consumer share the contract and nothing more. Consumers parse
 * with these schemas; a malformed body throws, is retried and ends in the dead-letter queue.
 */

/** A level crossed its minimum; the consumer turns it into one notification. */
export const lowStockJobSchema = z.object({
  type: z.literal('inventory.low_stock'),
  companyId: z.uuid(),
  storeId: z.uuid(),
  variantId: z.uuid(),
  movementId: z.uuid(),
  quantity: z.number().int(),
  minimumQuantity: z.number().int().min(0),
});
export type LowStockJob = z.infer<typeof lowStockJobSchema>;

/**
 * A till's batch had sales that were rejected, or accepted with flags a manager should review:
 * the store's managers hear of it in their notifications, once per batch.
 */
export const syncProblemsJobSchema = z.object({
  type: z.literal('sync.problems'),
  companyId: z.uuid(),
  storeId: z.uuid(),
  batchId: z.uuid(),
  deviceSessionId: z.uuid(),
  rejected: z.number().int().min(0),
  flagged: z.number().int().min(0),
});
export type SyncProblemsJob = z.infer<typeof syncProblemsJobSchema>;

/**
 * An account was locked as a whole after too many failures from all sources together: its
 * sign-in (`sign_in`) or its approvals at the till (`approval`). The user hears of it, and for
 * approvals the company's owners too, in their notifications.
 */
export const accountLockedJobSchema = z.object({
  type: z.literal('auth.account_locked'),
  companyId: z.uuid(),
  userId: z.uuid(),
  via: z.enum(['sign_in', 'approval']),
  failures: z.number().int().min(1),
  /** ISO 8601. */
  lockedUntil: z.iso.datetime({ offset: true }),
});
export type AccountLockedJob = z.infer<typeof accountLockedJobSchema>;

/**
 * A store's days whose figures changed (src/services/reports/rollups.ts): each is recomputed from
 * its transactions. A day already recomputed (no mark left) costs one read.
 */
export const reportsRecomputeJobSchema = z.object({
  type: z.literal('reports.recompute'),
  companyId: z.uuid(),
  storeId: z.uuid(),
  businessDates: z.array(z.iso.date()).min(1).max(400),
});
export type ReportsRecomputeJob = z.infer<typeof reportsRecomputeJobSchema>;

/** Recent days of a store to check against their transactions (the nightly check). */
export const reportsVerifyJobSchema = z.object({
  type: z.literal('reports.verify'),
  companyId: z.uuid(),
  storeId: z.uuid(),
  businessDates: z.array(z.iso.date()).min(1).max(31),
});
export type ReportsVerifyJob = z.infer<typeof reportsVerifyJobSchema>;

/** A report export to build into the REPORTS bucket (src/services/exports/exports.ts). */
export const reportsExportJobSchema = z.object({
  type: z.literal('reports.export'),
  companyId: z.uuid(),
  exportId: z.uuid(),
});
export type ReportsExportJob = z.infer<typeof reportsExportJobSchema>;

/**
 * An incident opened or resolved (src/services/operations/incidents.ts): posted to the operators'
 * webhook (ALERT_WEBHOOK_URL), signed. Carries the incident, so it needs no database: the
 * health check sends it while the database is down too.
 */
export const alertsWebhookJobSchema = z.object({
  type: z.literal('alerts.webhook'),
  event: z.enum(['opened', 'resolved']),
  incident: z.object({
    id: z.uuid(),
    key: z.string().max(200),
    kind: z.string().max(50),
    severity: z.enum(['critical', 'warning']),
    companyId: z.uuid().nullable(),
    storeId: z.uuid().nullable(),
    details: z.record(z.string(), z.unknown()),
    /** ISO 8601. */
    openedAt: z.iso.datetime({ offset: true }),
    resolvedAt: z.iso.datetime({ offset: true }).nullable(),
  }),
});
export type AlertsWebhookJob = z.infer<typeof alertsWebhookJobSchema>;

/**
 * A company's backup to write into the ARCHIVES bucket (src/services/operations/backups.ts).
 * `takenAt` names the backup (its keys): every delivery of the job writes the same one.
 */
export const operationsBackupJobSchema = z.object({
  type: z.literal('operations.backup'),
  companyId: z.uuid(),
  /** ISO 8601 in UTC with milliseconds, as `Date.toISOString()` writes it. */
  takenAt: z.iso.datetime({ precision: 3 }),
  trigger: z.enum(['scheduled', 'operator']),
});
export type OperationsBackupJob = z.infer<typeof operationsBackupJobSchema>;

/** A closed month of a company's transactions to archive (src/services/operations/archives.ts). */
export const operationsArchiveMonthJobSchema = z.object({
  type: z.literal('operations.archive_month'),
  companyId: z.uuid(),
  /** `YYYY-MM`. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
});
export type OperationsArchiveMonthJob = z.infer<typeof operationsArchiveMonthJobSchema>;

/**
 * Stores of a company whose business day starts within the hour: their effective receipt
 * templates go into KV first (src/services/receipts/template-cache.ts).
 */
export const receiptsWarmJobSchema = z.object({
  type: z.literal('receipts.warm_templates'),
  companyId: z.uuid(),
  storeIds: z.array(z.uuid()).min(1).max(500),
});
export type ReceiptsWarmJob = z.infer<typeof receiptsWarmJobSchema>;

/** A company's old records to delete, a chunk per table (src/services/operations/retention.ts). */
export const operationsRetentionJobSchema = z.object({
  type: z.literal('operations.retention'),
  companyId: z.uuid(),
  /** ISO 8601: the moment the periods count back from (the cron's), the same at each delivery. */
  asOf: z.iso.datetime({ offset: true }),
});
export type OperationsRetentionJob = z.infer<typeof operationsRetentionJobSchema>;

/** A company's stores to check for silence (src/services/operations/silent-stores.ts). */
export const operationsSilentStoresJobSchema = z.object({
  type: z.literal('operations.silent_stores'),
  companyId: z.uuid(),
  /** ISO 8601: the moment checked (the cron's), the same at each delivery. */
  asOf: z.iso.datetime({ offset: true }),
});
export type OperationsSilentStoresJob = z.infer<typeof operationsSilentStoresJobSchema>;

export const jobMessageSchema = z.discriminatedUnion('type', [
  lowStockJobSchema,
  syncProblemsJobSchema,
  accountLockedJobSchema,
  reportsRecomputeJobSchema,
  reportsVerifyJobSchema,
  reportsExportJobSchema,
  alertsWebhookJobSchema,
  receiptsWarmJobSchema,
  operationsRetentionJobSchema,
  operationsSilentStoresJobSchema,
  operationsBackupJobSchema,
  operationsArchiveMonthJobSchema,
]);
export type JobMessage = z.infer<typeof jobMessageSchema>;
export type JobType = JobMessage['type'];
