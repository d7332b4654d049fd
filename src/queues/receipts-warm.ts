import { Database } from '../db/client';
import type { Env } from '../env';
import type { Logger } from '../lib/logger';
import { warmTemplates } from '../services/receipts/template-cache';
import { receiptsWarmJobSchema } from './messages';

/** Warms the stores' receipt templates in KV; running it twice writes the same entries. */
export async function handleReceiptsWarm(
  message: unknown,
  env: Env,
  logger: Logger,
): Promise<void> {
  const job = receiptsWarmJobSchema.parse(message);
  const database = new Database(env, logger);
  try {
    const warmed = await warmTemplates(env, database.db, job.companyId, job.storeIds);
    logger.info('receipt templates warmed', { companyId: job.companyId, stores: warmed });
  } finally {
    await database.close();
  }
}
