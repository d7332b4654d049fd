import { z } from 'zod';
import { Database } from '../db/client';
import type { Env } from '../env';
import type { Logger } from '../lib/logger';
import { recordLowStockNotification } from '../services/notifications';
import type { LowStockCrossing } from '../services/stock';

/** A level crossed its minimum; the consumer turns it into one notification. */
export interface LowStockJob {
  type: 'inventory.low_stock';
  companyId: string;
  storeId: string;
  variantId: string;
  movementId: string;
  quantity: number;
  minimumQuantity: number;
}

const lowStockJob = z.object({
  type: z.literal('inventory.low_stock'),
  companyId: z.uuid(),
  storeId: z.uuid(),
  variantId: z.uuid(),
  movementId: z.uuid(),
  quantity: z.number().int(),
  minimumQuantity: z.number().int().min(0),
});

export function lowStockJobs(companyId: string, crossings: LowStockCrossing[]): LowStockJob[] {
  return crossings.map((crossing) => ({ type: 'inventory.low_stock', companyId, ...crossing }));
}

/**
 * Inserts the notification; its dedupe key is the movement that crossed, so a redelivered
 * message inserts nothing. A malformed body throws: retried, then dead-lettered.
 */
export async function handleLowStock(message: unknown, env: Env, logger: Logger): Promise<void> {
  const job = lowStockJob.parse(message);
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
