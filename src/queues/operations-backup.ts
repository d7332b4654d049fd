import { Database } from '../db/client';
import type { Env } from '../env';
import type { Logger } from '../lib/logger';
import { pruneBackups, writeCompanyBackup } from '../services/operations/backups';
import { operationsBackupJobSchema } from './messages';

/**
 * Writes a company's backup into the ARCHIVES bucket (services/operations/backups.ts), then, for
 * a scheduled one, deletes the company's scheduled backups beyond the retention. A redelivery
 * writes the same keys again (the job names its backup); a failure throws and is retried.
 */
export async function handleOperationsBackup(
  message: unknown,
  env: Env,
  logger: Logger,
): Promise<void> {
  const job = operationsBackupJobSchema.parse(message);
  const database = new Database(env, logger);
  try {
    const manifest = await writeCompanyBackup(database.db, env.ARCHIVES, logger, job);
    if (manifest && job.trigger === 'scheduled') {
      const pruned = await pruneBackups(env.ARCHIVES, job.companyId, new Date());
      if (pruned > 0) logger.info('old backups deleted', { companyId: job.companyId, pruned });
    }
  } finally {
    await database.close();
  }
}
