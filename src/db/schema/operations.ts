import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps, utcTimestamp } from './columns';

/**
 * A queue message that ran out of deliveries (src/queues/dead-jobs.ts): recorded by the JOBS
 * consumer at the last failed delivery (with its error) or by the dead-letter queue's consumer,
 * whichever comes first, so nothing disappears silently. Operators list and retry them
 * (`/api/v1/platform/dead-jobs`). A platform table: a dead message may name no company, or one
 * that does not exist.
 */
export const deadJobs = pgTable(
  'dead_jobs',
  {
    id: id(),
    /** The queue's id of the message: a redelivered dead message is recorded once. */
    messageId: text('message_id').notNull(),
    queue: text('queue').notNull(),
    /** The job's `type`, when its body had one. */
    type: text('type'),
    /** The company its body names, if any (not a reference: it may be malformed). */
    companyId: uuid('company_id'),
    /** The body, credentials redacted. */
    payload: jsonb('payload').notNull(),
    /** The last failure the consumer saw; null when the message died without reaching it. */
    error: text('error'),
    attempts: integer('attempts').notNull(),
    deadAt: utcTimestamp('dead_at').notNull().defaultNow(),
    retriedAt: utcTimestamp('retried_at'),
    retriedBy: uuid('retried_by'),
    ...timestamps(),
  },
  (table) => [
    uniqueIndex('dead_jobs_message_key').on(table.messageId),
    index('dead_jobs_dead_at_idx').on(table.deadAt, table.id),
  ],
);

export type DeadJob = typeof deadJobs.$inferSelect;
