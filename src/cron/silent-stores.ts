import { Database } from '../db/client';
import type { OperationsSilentStoresJob } from '../queues/messages';
import { sendCompanyJobs, tenantCompanyIds } from './operations-fan-out';
import type { CronTask } from './scheduled';

/**
 * At the first run of each hour of the quarter-hour cron (minutes 0–14): one silent-store check
 * per active tenant company, sent at once (not spread: it is about now).
 */
export const sendSilentStoreChecks: CronTask = async (env, logger, scheduledTime) => {
  if (scheduledTime.getUTCMinutes() >= 15) return;
  const database = new Database(env, logger);
  try {
    const companies = await tenantCompanyIds(database.db, { activeOnly: true });
    const asOf = scheduledTime.toISOString();
    await sendCompanyJobs(
      env.JOBS,
      companies.map(
        (id): OperationsSilentStoresJob => ({
          type: 'operations.silent_stores',
          companyId: id,
          asOf,
        }),
      ),
      logger,
      { spread: false },
    );
    logger.info('silent-store checks sent', { companies: companies.length });
  } finally {
    await database.close();
  }
};
