import { and, isNotNull, lt, or } from 'drizzle-orm';
import { Database } from '../db/client';
import { authThrottles, refreshTokens } from '../db/schema';
import type { CronTask } from './scheduled';

/** Revoked tokens stay a week for investigations; rotated ones until they expire (reuse detection). */
const revokedRetentionMs = 7 * 24 * 60 * 60 * 1000;
const throttleRetentionMs = 24 * 60 * 60 * 1000;

/**
 * Deletes refresh tokens that can no longer be used or reported on, and stale sign-in counters.
 * A platform-wide sweep (not per company) on indexed columns; safe to run twice.
 */
export const deleteDeadRefreshTokens: CronTask = async (env, logger, scheduledTime) => {
  const database = new Database(env, logger);
  try {
    const revokedBefore = new Date(scheduledTime.getTime() - revokedRetentionMs);
    const deleted = await database.db
      .delete(refreshTokens)
      .where(
        or(
          lt(refreshTokens.expiresAt, scheduledTime),
          and(isNotNull(refreshTokens.revokedAt), lt(refreshTokens.revokedAt, revokedBefore)),
        ),
      )
      .returning({ id: refreshTokens.id });
    const throttles = await database.db
      .delete(authThrottles)
      .where(lt(authThrottles.updatedAt, new Date(scheduledTime.getTime() - throttleRetentionMs)))
      .returning({ key: authThrottles.key });
    logger.info('auth cleanup', {
      refreshTokensDeleted: deleted.length,
      throttlesDeleted: throttles.length,
    });
  } finally {
    await database.close();
  }
};
