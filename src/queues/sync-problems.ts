import { Database } from '../db/client';
import type { Env } from '../env';
import type { Logger } from '../lib/logger';
import { recordSyncProblemsNotification } from '../services/notifications';
import { syncProblemsJobSchema } from './messages';

export async function handleSyncProblems(
  message: unknown,
  env: Env,
  logger: Logger,
): Promise<void> {
  const job = syncProblemsJobSchema.parse(message);
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
