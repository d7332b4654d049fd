import { Database } from '../db/client';
import type { Env } from '../env';
import type { Logger } from '../lib/logger';
import { archiveMonth } from '../services/operations/archives';
import { operationsArchiveMonthJobSchema } from './messages';

/**
 * Archives a closed month of a company's transactions into the ARCHIVES bucket
 * (services/operations/archives.ts). Idempotent: an unchanged month writes nothing; a failure
 * throws and is retried.
 */
export async function handleOperationsArchiveMonth(
  message: unknown,
  env: Env,
  logger: Logger,
): Promise<void> {
  const job = operationsArchiveMonthJobSchema.parse(message);
  const database = new Database(env, logger);
  try {
    await archiveMonth(database.db, env.ARCHIVES, logger, job, new Date());
  } finally {
    await database.close();
  }
}
