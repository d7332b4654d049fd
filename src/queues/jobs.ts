import type { Env } from '../env';
import { createLogger, type Logger, parseLogLevel } from '../lib/logger';
import { handleAccountLocked } from './account-locked';
import { handleLowStock } from './low-stock';
import type { JobMessage, JobType } from './messages';
import { handleReportsExport } from './reports-export';
import { handleReportsRecompute, handleReportsVerify } from './reports-recompute';
import { handleSyncProblems } from './sync-problems';

/**
 * Async work on the JOBS queue (its messages: ./messages.ts). Each job type has one handler.
 * Delivery is at-least-once, so every handler must be idempotent.
 */

/**
 * Deliveries a message gets: the first and wrangler.toml's `max_retries = 5` more. After the
 * last the queue moves it to the dead-letter queue.
 */
export const jobMaxDeliveries = 6;

/** Which delivery of its message a handler runs in (1 for the first). */
export interface Delivery {
  attempt: number;
  lastAttempt: boolean;
}

export type JobHandler = (
  message: JobMessage,
  env: Env,
  logger: Logger,
  delivery: Delivery,
) => Promise<void>;

export const jobHandlers: Record<JobType, JobHandler> = {
  'inventory.low_stock': handleLowStock,
  'sync.problems': handleSyncProblems,
  'auth.account_locked': handleAccountLocked,
  'reports.recompute': handleReportsRecompute,
  'reports.verify': handleReportsVerify,
  'reports.export': handleReportsExport,
};

/**
 * Acks each message its handler finished and retries the rest with a growing delay; after
 * max_retries (wrangler.toml) the queue moves it to the dead-letter queue for an operator.
 */
export async function consumeJobs(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const logger = createLogger({
    level: parseLogLevel(env.LOG_LEVEL),
    fields: { queue: batch.queue },
  });
  for (const message of batch.messages) {
    const type = (message.body as { type?: unknown } | null)?.type;
    const handler = typeof type === 'string' ? jobHandlers[type as JobType] : undefined;
    if (!handler) {
      logger.error('job has no handler', {
        messageId: message.id,
        type,
        attempts: message.attempts,
      });
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
      continue;
    }
    try {
      await handler(message.body as JobMessage, env, logger.with({ messageId: message.id, type }), {
        attempt: message.attempts,
        lastAttempt: message.attempts >= jobMaxDeliveries,
      });
      message.ack();
    } catch (error) {
      logger.error('job failed', {
        messageId: message.id,
        type,
        attempts: message.attempts,
        error,
      });
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

/** 10 s, 20 s, 40 s, … capped at 10 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(600, 10 * 2 ** Math.max(0, attempts - 1));
}
