import { Database } from '../db/client';
import type { Env } from '../env';
import type { Logger } from '../lib/logger';
import { applyCompanyRetention, retentionPeriods } from '../services/operations/retention';
import { operationsRetentionJobSchema } from './messages';

/**
 * Deletes a chunk of the company's old records; with more left, sends the job again (a minute
 * later) instead of holding the consumer. Deletes are idempotent, so a redelivery is harmless.
 */
export async function handleOperationsRetention(
  message: unknown,
  env: Env,
  logger: Logger,
): Promise<void> {
  const job = operationsRetentionJobSchema.parse(message);
  const database = new Database(env, logger);
  try {
    const outcome = await applyCompanyRetention(
      database.db,
      job.companyId,
      new Date(job.asOf),
      retentionPeriods(env),
    );
    logger.info('retention applied', { companyId: job.companyId, ...outcome });
    if (outcome.more) await env.JOBS.send(job, { delaySeconds: 60 });
  } finally {
    await database.close();
  }
}
