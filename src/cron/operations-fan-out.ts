import { sql } from 'drizzle-orm';
import { Database } from '../db/client';
import type { Logger } from '../lib/logger';
import type {
  JobMessage,
  OperationsArchiveMonthJob,
  OperationsBackupJob,
} from '../queues/messages';
import { monthBefore } from '../services/operations/archives';
import { rowsOf, type SqlRunner } from '../services/operations/tenant-tables';
import type { CronTask } from './scheduled';

/**
 * The cron only hands out the work: one job per company on the JOBS queue, sent a hundred at a
 * time (the most one `sendBatch` takes), so the nightly run stays a few queries and sends at a
 * hundred times today's companies, and the queue's consumers do the backups.
 *
 * Each company's job waits a delay of its own, from its id, within `spreadSeconds`: the work
 * reaches Neon spread over two hours instead of all at 19:00, and a company's daily backups
 * stay 24 hours apart.
 */
export const spreadSeconds = 2 * 60 * 60;
const batchSize = 100;

/** A company's fixed offset in the spread (the last 8 hex digits of its id: random in v4 and v7). */
export function spreadDelay(companyId: string): number {
  return Number.parseInt(companyId.replaceAll('-', '').slice(-8), 16) % spreadSeconds;
}

/**
 * Sends one job per company in batches of 100, each delayed by its company's offset in the
 * spread (or at once, `spread: false`, for work that must happen now); a batch that fails is
 * logged and the rest still go.
 */
export async function sendCompanyJobs(
  queue: Queue<JobMessage>,
  jobs: Array<JobMessage & { companyId: string }>,
  logger: Logger,
  { spread = true }: { spread?: boolean } = {},
): Promise<void> {
  let failed = 0;
  for (let start = 0; start < jobs.length; start += batchSize) {
    const batch = jobs.slice(start, start + batchSize);
    try {
      await queue.sendBatch(
        batch.map((body) => ({
          body,
          ...(spread ? { delaySeconds: spreadDelay(body.companyId) } : {}),
        })),
      );
    } catch (error) {
      failed += batch.length;
      logger.error('jobs not sent', { type: batch[0]?.type, jobs: batch.length, error });
    }
  }
  if (failed > 0) throw new Error(`${failed} of ${jobs.length} jobs not sent`);
}

/**
 * The ids of the tenant companies a per-company job goes to: every one not removed, or only the
 * active ones (suspended companies sell nothing: no backups, no silence checks).
 */
export async function tenantCompanyIds(
  db: SqlRunner,
  { activeOnly }: { activeOnly: boolean },
): Promise<string[]> {
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`select id from companies where kind = 'tenant' and deleted_at is null
      ${activeOnly ? sql`and status = 'active'` : sql``} order by id`,
  );
  return rows.map((row) => row.id);
}

/**
 * Nightly (cron 0 19 * * *): a scheduled backup of every active tenant company. The backups are
 * named by the cron's own time, so a second run of the same trigger names the same backups and
 * its jobs overwrite them instead of adding others. Suspended companies keep their last ones.
 */
export const sendScheduledBackups: CronTask = async (env, logger, scheduledTime) => {
  const database = new Database(env, logger);
  try {
    const companies = await tenantCompanyIds(database.db, { activeOnly: true });
    const takenAt = scheduledTime.toISOString();
    await sendCompanyJobs(
      env.JOBS,
      companies.map(
        (id): OperationsBackupJob => ({
          type: 'operations.backup',
          companyId: id,
          takenAt,
          trigger: 'scheduled',
        }),
      ),
      logger,
    );
    logger.info('scheduled backups sent', { companies: companies.length, takenAt });
  } finally {
    await database.close();
  }
};

/** The day of the month (UTC) the archives go out: every store's previous month is over by then. */
export const archiveDay = 2;

/**
 * Monthly, on the 2nd (the nightly cron, 02:00 WIB on the 3rd): an archive of the month that
 * just closed, and a second look at the month before it, for every tenant company (suspended
 * ones too: their months are books all the same). Offline sales are accepted up to 30 days
 * late (services/sync/offline-policy.ts), so the second look, over 30 days after its month
 * ended, catches what arrived late; an unchanged month writes nothing. No cron expression of
 * its own: Cloudflare allows few per account, and the nightly run only has to look at the date.
 */
export const sendMonthlyArchives: CronTask = async (env, logger, scheduledTime) => {
  if (scheduledTime.getUTCDate() !== archiveDay) return;
  const database = new Database(env, logger);
  try {
    const companies = await tenantCompanyIds(database.db, { activeOnly: false });
    const months = [monthBefore(scheduledTime, 1), monthBefore(scheduledTime, 2)];
    await sendCompanyJobs(
      env.JOBS,
      months.flatMap((month) =>
        companies.map(
          (id): OperationsArchiveMonthJob => ({
            type: 'operations.archive_month',
            companyId: id,
            month,
          }),
        ),
      ),
      logger,
    );
    logger.info('monthly archives sent', { companies: companies.length, months });
  } finally {
    await database.close();
  }
};
