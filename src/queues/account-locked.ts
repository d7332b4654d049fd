import { Database } from '../db/client';
import type { Env } from '../env';
import type { Logger } from '../lib/logger';
import { recordAccountLockedNotifications } from '../services/notifications';
import { type AccountLockedJob, accountLockedJobSchema } from './messages';

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
