import { Database } from '../db/client';
import type { Env } from '../env';
import type { Logger } from '../lib/logger';
import { notifyVoidRefundAnomalies } from '../services/reports/anomalies';
import { recomputeDays, type StoreDay, verifyDays } from '../services/reports/rollups';
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
 * Recomputes the job's days (reports/rollups.ts), together in one transaction. Idempotent: a day
 * recomputed already has no mark and is skipped; a failure rolls every day back and the message
 * is retried.
 */
export async function handleReportsRecompute(
  message: unknown,
  env: Env,
  logger: Logger,
): Promise<void> {
  const job = reportsRecomputeJobSchema.parse(message);
  const database = new Database(env, logger);
  try {
    const recomputed = await recomputeDays(
      database.db,
      job.companyId,
      job.storeId,
      job.businessDates,
    );
    const anomalies = await notifyVoidRefundAnomalies(
      database.db,
      job.companyId,
      job.storeId,
      job.businessDates,
    );
    logger.debug('report days recomputed', {
      companyId: job.companyId,
      storeId: job.storeId,
      days: job.businessDates.length,
      recomputed,
      anomalies,
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
    const drift = await verifyDays(database.db, job.companyId, job.storeId, job.businessDates);
    if (drift.length > 0) {
      logger.warn('report days drifted from their transactions; repaired', {
        companyId: job.companyId,
        storeId: job.storeId,
        drift,
      });
    }
  } finally {
    await database.close();
  }
}
