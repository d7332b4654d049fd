import { z } from 'zod';
import { Database } from '../db/client';
import type { Env } from '../env';
import type { Logger } from '../lib/logger';
import { recordAccountLockedNotifications } from '../services/notifications';

/**
 * An account was locked as a whole after too many failures from all sources together: its
 * sign-in (`sign_in`) or its approvals at the till (`approval`). The user hears of it, and for
 * approvals the company's owners too, in their notifications.
 */
export interface AccountLockedJob {
  type: 'auth.account_locked';
  companyId: string;
  userId: string;
  via: 'sign_in' | 'approval';
  failures: number;
  /** ISO 8601. */
  lockedUntil: string;
}

const accountLockedJobSchema = z.object({
  type: z.literal('auth.account_locked'),
  companyId: z.uuid(),
  userId: z.uuid(),
  via: z.enum(['sign_in', 'approval']),
  failures: z.number().int().min(1),
  lockedUntil: z.iso.datetime({ offset: true }),
});

export function accountLockedJob(
  account: { companyId: string; userId: string },
  via: AccountLockedJob['via'],
  lock: { failures: number; lockedUntil: Date },
): AccountLockedJob {
  return {
    type: 'auth.account_locked',
    ...account,
    via,
    failures: lock.failures,
    lockedUntil: lock.lockedUntil.toISOString(),
  };
}

export async function handleAccountLocked(
  message: unknown,
  env: Env,
  logger: Logger,
): Promise<void> {
  const job = accountLockedJobSchema.parse(message);
  const database = new Database(env, logger);
  try {
    const created = await recordAccountLockedNotifications(database.db, job);
    logger.info('account locked notifications', {
      companyId: job.companyId,
      userId: job.userId,
      created,
    });
  } finally {
    await database.close();
  }
}
