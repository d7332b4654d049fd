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

export const jobMessageSchema = z.discriminatedUnion('type', [
  lowStockJobSchema,
  syncProblemsJobSchema,
  accountLockedJobSchema,
  reportsRecomputeJobSchema,
  reportsVerifyJobSchema,
  reportsExportJobSchema,
]);
export type JobMessage = z.infer<typeof jobMessageSchema>;
export type JobType = JobMessage['type'];
