import type { Env } from '../env';
import { createLogger, type Logger, parseLogLevel } from '../lib/logger';
import { deleteDeadRefreshTokens } from './auth-cleanup';
import { applyDueStoreSettings } from './due-store-settings';
import { checkHealth } from './health-check';
import { sendMonthlyArchives, sendScheduledBackups } from './operations-fan-out';
import { expireReportExports, resendQueuedExports } from './report-exports';
import { sendRetentionJobs } from './retention';
import { sendSilentStoreChecks } from './silent-stores';
import { resendStaleReportMarks } from './stale-report-marks';
import { failStalledSyncBatches } from './stalled-sync-batches';
import { verifyRecentReportDays } from './verify-report-days';
import { warmOpeningReceiptTemplates } from './warm-receipt-templates';

export type CronTask = (env: Env, logger: Logger, scheduledTime: Date) => Promise<void>;

/**
 * What each cron expression in wrangler.toml runs. Tasks must be safe to run twice: Cron
 * Triggers are at-least-once too.
 */
export const cronTasks: Record<string, CronTask[]> = {
  '*/5 * * * *': [checkHealth],
  '*/15 * * * *': [
    failStalledSyncBatches,
    applyDueStoreSettings,
    resendStaleReportMarks,
    resendQueuedExports,
    warmOpeningReceiptTemplates,
    sendSilentStoreChecks,
  ],
  '0 19 * * *': [
    deleteDeadRefreshTokens,
    verifyRecentReportDays,
    expireReportExports,
    sendScheduledBackups,
    sendRetentionJobs,
    // Acts on the 2nd of the month only (operations-fan-out.ts).
    sendMonthlyArchives,
  ],
};

export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const logger = createLogger({
    level: parseLogLevel(env.LOG_LEVEL),
    fields: { cron: controller.cron },
  });
  const tasks = cronTasks[controller.cron];
  if (!tasks) {
    logger.error('no tasks for this cron expression; wrangler.toml and cronTasks disagree');
    return;
  }
  const scheduledTime = new Date(controller.scheduledTime);
  const results = await Promise.allSettled(tasks.map((task) => task(env, logger, scheduledTime)));
  const failures = results.filter((result) => result.status === 'rejected');
  for (const failure of failures) logger.error('cron task failed', { error: failure.reason });
  logger.info('cron run finished', { tasks: tasks.length, failed: failures.length });
  if (failures.length > 0) throw new Error(`${failures.length} cron task(s) failed`);
}
