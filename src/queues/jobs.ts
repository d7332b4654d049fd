import { Database } from '../db/client';
import type { Env } from '../env';
import { failureMessage } from '../lib/error-description';
import { createLogger, type Logger, parseLogLevel } from '../lib/logger';
import { redactText } from '../lib/redact';
import { recordDeadJob } from '../services/operations/dead-jobs';
import { handleAccountLocked } from './account-locked';
import { handleAlertsWebhook } from './alerts-webhook';
import { handleLowStock } from './low-stock';
import type { JobMessage, JobType } from './messages';
import { handleOperationsArchiveMonth } from './operations-archive';
import { handleOperationsBackup } from './operations-backup';
import { handleOperationsRetention } from './operations-retention';
import { handleOperationsSilentStores } from './operations-silent-stores';
import { handleReceiptsWarm } from './receipts-warm';
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
  'alerts.webhook': handleAlertsWebhook,
  'receipts.warm_templates': handleReceiptsWarm,
  'operations.retention': handleOperationsRetention,
  'operations.silent_stores': handleOperationsSilentStores,
  'operations.backup': handleOperationsBackup,
  'operations.archive_month': handleOperationsArchiveMonth,
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
  if (isDeadLetterQueue(batch.queue)) return consumeDeadJobs(batch, env, logger);
  for (const message of batch.messages) {
    const type = (message.body as { type?: unknown } | null)?.type;
    const handler = typeof type === 'string' ? jobHandlers[type as JobType] : undefined;
    if (!handler) {
      logger.error('job has no handler', {
        messageId: message.id,
        type,
        attempts: message.attempts,
      });
      await recordIfLast(batch.queue, message, 'job has no handler', env, logger);
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
      await recordIfLast(batch.queue, message, failureMessage(error, redactText), env, logger);
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

/**
 * At a message's last delivery, records it as dead with the error that killed it (the queue moves
 * it to the dead-letter queue next). A record that cannot be written is logged, never thrown.
 */
async function recordIfLast(
  queue: string,
  message: Message<unknown>,
  error: string,
  env: Env,
  logger: Logger,
): Promise<void> {
  if (message.attempts < jobMaxDeliveries) return;
  const database = new Database(env, logger);
  try {
    await recordDeadJob(database.db, {
      messageId: message.id,
      queue,
      body: message.body,
      attempts: message.attempts,
      error,
    });
  } catch (recordError) {
    logger.error('dead job not recorded', { messageId: message.id, error: recordError });
  } finally {
    await database.close();
  }
}

/**
 * The dead-letter queue's consumer: every message that reaches it is recorded (once; the last
 * delivery's record, with its error, may be there already) and acknowledged. A record that fails
 * is retried, so a dead message is never dropped unrecorded.
 */
async function consumeDeadJobs(
  batch: MessageBatch<unknown>,
  env: Env,
  logger: Logger,
): Promise<void> {
  const database = new Database(env, logger);
  try {
    for (const message of batch.messages) {
      try {
        await recordDeadJob(database.db, {
          messageId: message.id,
          queue: batch.queue,
          body: message.body,
          attempts: message.attempts,
          error: null,
        });
        logger.error('job dead-lettered', {
          messageId: message.id,
          type: (message.body as { type?: unknown } | null)?.type,
        });
        message.ack();
      } catch (error) {
        logger.error('dead job not recorded', { messageId: message.id, error });
        message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
      }
    }
  } finally {
    await database.close();
  }
}

export const isDeadLetterQueue = (queue: string) => queue.endsWith('-dlq');

/** 10 s, 20 s, 40 s, … capped at 10 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(600, 10 * 2 ** Math.max(0, attempts - 1));
}
