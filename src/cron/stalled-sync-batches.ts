import { and, eq, lt } from 'drizzle-orm';
import { Database } from '../db/client';
import { syncBatches, syncEvents } from '../db/schema';
import type { CronTask } from './scheduled';

/** A batch takes seconds; one still `processing` after this lost its store's object midway. */
export const stalledBatchAfterMs = 15 * 60 * 1000;

/**
 * Marks batches that never finished as `failed` and logs a `batch_stalled` sync event for each,
 * so the status page and whoever is on call see them. Nothing is lost: every sale of the batch
 * was its own transaction, and the till resends the batch (finished sales come back duplicate).
 * A platform-wide sweep over a small partial index; safe to run twice.
 */
export const failStalledSyncBatches: CronTask = async (env, logger, scheduledTime) => {
  const database = new Database(env, logger);
  try {
    const stalledBefore = new Date(scheduledTime.getTime() - stalledBatchAfterMs);
    const stalled = await database.db.transaction(async (tx) => {
      const batches = await tx
        .update(syncBatches)
        .set({ status: 'failed', finishedAt: scheduledTime })
        .where(and(eq(syncBatches.status, 'processing'), lt(syncBatches.updatedAt, stalledBefore)))
        .returning();
      if (batches.length > 0) {
        await tx.insert(syncEvents).values(
          batches.map((batch) => ({
            companyId: batch.companyId,
            storeId: batch.storeId,
            batchId: batch.id,
            deviceSessionId: batch.deviceSessionId,
            kind: 'batch_stalled',
            code: 'batch_stalled',
            message: 'The batch did not finish; the till should send it again.',
            details: { attempts: batch.attempts, startedAt: batch.startedAt },
          })),
        );
      }
      return batches;
    });
    for (const batch of stalled) {
      logger.warn('sync batch stalled', {
        companyId: batch.companyId,
        storeId: batch.storeId,
        batchId: batch.id,
        deviceSessionId: batch.deviceSessionId,
      });
    }
    logger.info('stalled sync batches', { failed: stalled.length });
  } finally {
    await database.close();
  }
};
