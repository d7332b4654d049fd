import { Database } from '../db/client';
import type { ReportsExportJob } from '../queues/messages';
import { sendJobs } from '../queues/send-jobs';
import { expireExports, staleQueuedExports } from '../services/exports/exports';
import type { CronTask } from './scheduled';

/**
 * The retention of report exports (daily): files past EXPORT_RETENTION_DAYS are deleted from
 * the REPORTS bucket and their exports marked expired (the rows stay, as a record of what was
 * exported). At most 1000 a run; a backlog drains over the following nights.
 */
export const expireReportExports: CronTask = async (env, logger) => {
  const database = new Database(env, logger);
  try {
    const expired = await expireExports(database.db, env.REPORTS);
    if (expired > 0) logger.info('report exports expired', { expired });
  } finally {
    await database.close();
  }
};

/** Exports still queued half an hour after their last change lost their job: sent again. */
export const resendQueuedExports: CronTask = async (env, logger) => {
  const database = new Database(env, logger);
  try {
    const stale = await staleQueuedExports(database.db);
    const jobs = stale.map((row): ReportsExportJob => ({ type: 'reports.export', ...row }));
    await sendJobs(env.JOBS, jobs, logger);
    if (jobs.length > 0) logger.warn('queued report exports sent again', { exports: jobs.length });
  } finally {
    await database.close();
  }
};
