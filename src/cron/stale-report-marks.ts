import { asc, lt } from 'drizzle-orm';
import { Database } from '../db/client';
import { reportMarks } from '../db/schema';
import { reportsRecomputeJobs } from '../queues/reports-recompute';
import { sendJobs } from '../queues/send-jobs';
import type { CronTask } from './scheduled';

/** A day's recompute job runs within seconds; a mark older than this lost its job. */
export const staleMarkAfterMs = 10 * 60 * 1000;

/** Days sent again per run (a job carries at most 400 of a store): the oldest first. */
export const staleMarksPerRun = 400;

/**
 * Sends the recompute job again for days whose mark outlived its job (the send failed, or the
 * job died in the dead-letter queue), through the queue, one job per store: one cron never
 * recomputes every company itself. Safe to run twice: a day recomputed has no mark left.
 */
export const resendStaleReportMarks: CronTask = async (env, logger, scheduledTime) => {
  const database = new Database(env, logger);
  try {
    const staleBefore = new Date(scheduledTime.getTime() - staleMarkAfterMs);
    // A platform-wide sweep, on purpose: the index on marked_at serves it.
    const marks = await database.db
      .select({
        companyId: reportMarks.companyId,
        storeId: reportMarks.storeId,
        businessDate: reportMarks.businessDate,
      })
      .from(reportMarks)
      .where(lt(reportMarks.markedAt, staleBefore))
      .orderBy(asc(reportMarks.markedAt))
      .limit(staleMarksPerRun);
    const byCompany = new Map<string, typeof marks>();
    for (const mark of marks) {
      byCompany.set(mark.companyId, [...(byCompany.get(mark.companyId) ?? []), mark]);
    }
    const jobs = [...byCompany].flatMap(([companyId, days]) =>
      reportsRecomputeJobs(companyId, days),
    );
    await sendJobs(env.JOBS, jobs, logger);
    if (marks.length > 0) logger.warn('stale report days sent again', { days: marks.length });
  } finally {
    await database.close();
  }
};
