import { Database } from '../db/client';
import type { Env } from '../env';
import type { Logger } from '../lib/logger';
import { buildExport } from '../services/exports/exports';
import type { Delivery } from './jobs';
import { reportsExportJobSchema } from './messages';

/**
 * Builds a requested report export (services/exports/exports.ts). A failure keeps its reason on
 * the export and throws, so the message is retried; on the last delivery the export is marked
 * failed first, and the message goes on to the dead-letter queue.
 */
export async function handleReportsExport(
  message: unknown,
  env: Env,
  logger: Logger,
  delivery: Delivery,
): Promise<void> {
  const job = reportsExportJobSchema.parse(message);
  const database = new Database(env, logger);
  try {
    await buildExport(database.db, env, logger, {
      companyId: job.companyId,
      exportId: job.exportId,
      ...delivery,
    });
  } finally {
    await database.close();
  }
}
