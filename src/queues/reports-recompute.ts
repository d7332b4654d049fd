import { Database } from '../db/client';
import type { Env } from '../env';
import type { Logger } from '../lib/logger';
import { recomputeDay, type StoreDay, verifyDay } from '../services/reports/rollups';
import {
  type ReportsRecomputeJob,
  reportsRecomputeJobSchema,
  reportsVerifyJobSchema,
} from './messages';

/** The job that brings a store's changed days up to date, one per store and write. */
export function reportsRecomputeJobs(
  companyId: string,
  days: readonly StoreDay[],
): ReportsRecomputeJob[] {
  const byStore = new Map<string, Set<string>>();
  for (const day of days) {
    byStore.set(day.storeId, (byStore.get(day.storeId) ?? new Set()).add(day.businessDate));
  }
  return [...byStore].map(([storeId, dates]) => ({
    type: 'reports.recompute',
    companyId,
    storeId,
    businessDates: [...dates].sort(),
  }));
}

/**
 * Recomputes each day of the job (reports/rollups.ts). Idempotent: a day recomputed already has
 * no mark and is skipped; a day that fails throws, and the message is retried whole (the days
 * done are skipped then).
 */
export async function handleReportsRecompute(
  message: unknown,
  env: Env,
  logger: Logger,
): Promise<void> {
  const job = reportsRecomputeJobSchema.parse(message);
  const database = new Database(env, logger);
  try {
    let recomputed = 0;
    for (const businessDate of job.businessDates) {
      if (await recomputeDay(database.db, job.companyId, { storeId: job.storeId, businessDate })) {
        recomputed += 1;
      }
    }
    logger.debug('report days recomputed', {
      companyId: job.companyId,
      storeId: job.storeId,
      days: job.businessDates.length,
      recomputed,
    });
  } finally {
    await database.close();
  }
}

/**
 * The nightly check of a store's recent days: each is rebuilt from its transactions and compared
 * with what the reports showed; a difference is repaired and logged (a write that did not mark
 * its day is a bug to find).
 */
export async function handleReportsVerify(
  message: unknown,
  env: Env,
  logger: Logger,
): Promise<void> {
  const job = reportsVerifyJobSchema.parse(message);
  const database = new Database(env, logger);
  try {
    for (const businessDate of job.businessDates) {
      const drift = await verifyDay(database.db, job.companyId, {
        storeId: job.storeId,
        businessDate,
      });
      if (drift.length > 0) {
        logger.warn('report day drifted from its transactions; repaired', {
          companyId: job.companyId,
          storeId: job.storeId,
          businessDate,
          drift,
        });
      }
    }
  } finally {
    await database.close();
  }
}
