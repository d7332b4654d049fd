import { sql } from 'drizzle-orm';
import { Database } from '../db/client';
import type { ReceiptsWarmJob } from '../queues/messages';
import { sendCompanyJobs } from './operations-fan-out';
import type { CronTask } from './scheduled';

/** A company's stores per job: a job is one query and a few hundred KV writes. */
const storesPerJob = 500;

/**
 * At the first run of each hour of the quarter-hour cron (minutes 0–14): the stores whose business day
 * starts in the coming hour (their cut-off hour, in their own zone) get their receipt templates
 * warmed in KV, one job per company on the queue. One query over the live stores of active
 * companies; the queue's consumers do the work, so it holds at a hundred times today's stores.
 */
export const warmOpeningReceiptTemplates: CronTask = async (env, logger, scheduledTime) => {
  if (scheduledTime.getUTCMinutes() >= 15) return;
  const database = new Database(env, logger);
  try {
    const inAnHour = new Date(scheduledTime.getTime() + 60 * 60 * 1000).toISOString();
    const result = await database.db.execute<{ companyId: string; storeIds: string[] }>(sql`
      select s.company_id as "companyId", array_agg(s.id order by s.id) as "storeIds"
      from stores s join companies c on c.id = s.company_id
      where s.deleted_at is null and c.status = 'active' and c.deleted_at is null
        and s.business_day_cutoff_hour
          = extract(hour from (${inAnHour}::timestamptz at time zone s.timezone))
      group by s.company_id`);
    const jobs: ReceiptsWarmJob[] = result.rows.flatMap(({ companyId, storeIds }) => {
      const chunks: ReceiptsWarmJob[] = [];
      for (let start = 0; start < storeIds.length; start += storesPerJob) {
        chunks.push({
          type: 'receipts.warm_templates',
          companyId,
          storeIds: storeIds.slice(start, start + storesPerJob),
        });
      }
      return chunks;
    });
    await sendCompanyJobs(env.JOBS, jobs, logger, { spread: false });
    logger.info('receipt templates to warm', { companies: result.rows.length, jobs: jobs.length });
  } finally {
    await database.close();
  }
};
