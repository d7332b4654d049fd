import { z } from 'zod';
import { Database } from '../db/client';
import type { Env } from '../env';
import type { Logger } from '../lib/logger';
import { recordSyncProblemsNotification } from '../services/notifications';

/**
 * A till's batch had sales that were rejected, or accepted with flags a manager should review:
 * the store's managers hear of it in their notifications, once per batch.
 */
export interface SyncProblemsJob {
  type: 'sync.problems';
  companyId: string;
  storeId: string;
  batchId: string;
  deviceSessionId: string;
  rejected: number;
  flagged: number;
}

const syncProblemsJob = z.object({
  type: z.literal('sync.problems'),
  companyId: z.uuid(),
  storeId: z.uuid(),
  batchId: z.uuid(),
  deviceSessionId: z.uuid(),
  rejected: z.number().int().min(0),
  flagged: z.number().int().min(0),
});

export async function handleSyncProblems(
  message: unknown,
  env: Env,
  logger: Logger,
): Promise<void> {
  const job = syncProblemsJob.parse(message);
  const database = new Database(env, logger);
  try {
    const created = await recordSyncProblemsNotification(database.db, job);
    logger.info(
      created ? 'sync problems notification created' : 'sync problems notification exists',
      {
        companyId: job.companyId,
        batchId: job.batchId,
      },
    );
  } finally {
    await database.close();
  }
}
