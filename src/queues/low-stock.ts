import { Database } from '../db/client';
import type { Env } from '../env';
import type { Logger } from '../lib/logger';
import { recordLowStockNotification } from '../services/notifications';
import type { LowStockCrossing } from '../services/stock';
import { type LowStockJob, lowStockJobSchema } from './messages';

export function lowStockJobs(companyId: string, crossings: LowStockCrossing[]): LowStockJob[] {
  return crossings.map((crossing) => ({ type: 'inventory.low_stock', companyId, ...crossing }));
}

/**
 * Inserts the notification; its dedupe key is the movement that crossed, so a redelivered
 * message inserts nothing. A malformed body throws: retried, then dead-lettered.
 */
export async function handleLowStock(message: unknown, env: Env, logger: Logger): Promise<void> {
  const job = lowStockJobSchema.parse(message);
  const database = new Database(env, logger);
  try {
    const created = await recordLowStockNotification(database.db, job);
    logger.info(created ? 'low-stock notification created' : 'low-stock notification exists', {
      companyId: job.companyId,
      movementId: job.movementId,
    });
  } finally {
    await database.close();
  }
}
