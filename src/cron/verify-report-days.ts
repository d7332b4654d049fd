import { sql } from 'drizzle-orm';
import { Database } from '../db/client';
import type { ReportsVerifyJob } from '../queues/messages';
import { sendJobs } from '../queues/send-jobs';
import type { CronTask } from './scheduled';

/** How many days back the nightly check looks: late uploads land within days, not weeks. */
export const verifiedDays = 3;

/**
 * Every night, one `reports.verify` job per store with rollups in the last few days (the queue
 * does the work, so one cron never recomputes every company itself). Safe to run twice.
 */
export const verifyRecentReportDays: CronTask = async (env, logger, scheduledTime) => {
  const database = new Database(env, logger);
  try {
    const since = new Date(scheduledTime.getTime() - (verifiedDays + 1) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    // A platform-wide sweep, on purpose, served by the index on business_date.
    const result = await database.db.execute<{
      companyId: string;
      storeId: string;
      dates: string[];
    }>(sql`
      select d.company_id as "companyId", d.store_id as "storeId",
        array_agg(to_char(d.business_date, 'YYYY-MM-DD') order by d.business_date) as dates
      from daily_store_sales d
      where d.business_date >= ${since}
      group by d.company_id, d.store_id`);
    const jobs: ReportsVerifyJob[] = result.rows.map((row) => ({
      type: 'reports.verify',
      companyId: row.companyId,
      storeId: row.storeId,
      businessDates: row.dates,
    }));
    await sendJobs(env.JOBS, jobs, logger);
    logger.info('report days sent for the nightly check', { stores: jobs.length });
  } finally {
    await database.close();
  }
};
