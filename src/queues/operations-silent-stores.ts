import { Database } from '../db/client';
import type { Env } from '../env';
import type { Logger } from '../lib/logger';
import { reconcileIncidents } from '../services/operations/incidents';
import { silentStoreConditions, silentStores } from '../services/operations/silent-stores';
import { alertsWebhookJobs, sendAlertWebhooks } from './alerts-webhook';
import { operationsSilentStoresJobSchema } from './messages';

/**
 * Checks a company's stores for silence and opens, updates or resolves its `store_silent`
 * incident. A redelivery checks the same moment again: the incident is already open (or
 * resolved), so nothing is announced twice.
 */
export async function handleOperationsSilentStores(
  message: unknown,
  env: Env,
  logger: Logger,
): Promise<void> {
  const job = operationsSilentStoresJobSchema.parse(message);
  const asOf = new Date(job.asOf);
  const database = new Database(env, logger);
  try {
    const quiet = await silentStores(database.db, job.companyId, asOf);
    const events = await reconcileIncidents(
      database.db,
      ['store_silent'],
      silentStoreConditions(job.companyId, quiet),
      asOf,
      job.companyId,
    );
    await sendAlertWebhooks(env, alertsWebhookJobs(events));
    logger.info('silent stores checked', {
      companyId: job.companyId,
      quiet: quiet.length,
      events: events.length,
    });
  } finally {
    await database.close();
  }
}
