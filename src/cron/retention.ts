import { Database } from '../db/client';
import type { OperationsRetentionJob } from '../queues/messages';
import { applyPlatformRetention, retentionPeriods } from '../services/operations/retention';
import { sendCompanyJobs, tenantCompanyIds } from './operations-fan-out';
import type { CronTask } from './scheduled';

/**
 * Nightly: one retention job per tenant company (suspended ones too: their logs age all the
 * same), spread over the queue; and a chunk of the platform's own old records, here.
 */
export const sendRetentionJobs: CronTask = async (env, logger, scheduledTime) => {
  const database = new Database(env, logger);
  try {
    const companies = await tenantCompanyIds(database.db, { activeOnly: false });
    const asOf = scheduledTime.toISOString();
    await sendCompanyJobs(
      env.JOBS,
      companies.map(
        (id): OperationsRetentionJob => ({ type: 'operations.retention', companyId: id, asOf }),
      ),
      logger,
    );
    const platform = await applyPlatformRetention(
      database.db,
      scheduledTime,
      retentionPeriods(env),
    );
    logger.info('retention sent', { companies: companies.length, platform: platform.deleted });
  } finally {
    await database.close();
  }
};
