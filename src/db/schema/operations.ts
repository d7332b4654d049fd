import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
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
    /** Set aside by an operator who will not retry it (a poisoned body), with why. */
    dismissedAt: utcTimestamp('dismissed_at'),
    dismissedBy: uuid('dismissed_by'),
    dismissReason: text('dismiss_reason'),
    ...timestamps(),
  },
  (table) => [
    uniqueIndex('dead_jobs_message_key').on(table.messageId),
    index('dead_jobs_dead_at_idx').on(table.deadAt, table.id),
    // The health check counts the dead jobs nobody has handled yet.
    index('dead_jobs_waiting_idx')
      .on(table.deadAt)
      .where(sql`${table.retriedAt} is null and ${table.dismissedAt} is null`),
  ],
);

export type DeadJob = typeof deadJobs.$inferSelect;

export const incidentKinds = [
  'database_unreachable',
  'database_slow',
  'dead_jobs',
  'stalled_batches',
  'error_rate',
  'latency_p99',
  'store_silent',
] as const;
export type IncidentKind = (typeof incidentKinds)[number];

export const incidentSeverities = ['critical', 'warning'] as const;
export type IncidentSeverity = (typeof incidentSeverities)[number];

/**
 * Something wrong the health check (src/services/operations/health-check.ts) saw: opened once per
 * condition (`key`: one open incident per key), kept with its latest measurement while the
 * condition holds, resolved when it clears. Operators hear of each opening and resolution (in-app
 * and the optional webhook). A platform table: an incident may concern no company.
 */
export const incidents = pgTable(
  'incidents',
  {
    id: id(),
    /** The condition, e.g. `database_slow` or `dead_jobs`; one open incident per key. */
    key: text('key').notNull(),
    kind: text('kind', { enum: incidentKinds }).notNull(),
    severity: text('severity', { enum: incidentSeverities }).notNull(),
    /** The company it concerns, when one (not a reference: platform-wide rows outlive tenants). */
    companyId: uuid('company_id'),
    storeId: uuid('store_id'),
    /** What was measured when it opened and at the latest check (thresholds included). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    openedAt: utcTimestamp('opened_at').notNull(),
    lastSeenAt: utcTimestamp('last_seen_at').notNull(),
    resolvedAt: utcTimestamp('resolved_at'),
    /** Who resolved it by hand (null: the health check saw the condition clear). */
    resolvedBy: uuid('resolved_by'),
    ...timestamps(),
  },
  (table) => [
    uniqueIndex('incidents_open_key').on(table.key).where(sql`${table.resolvedAt} is null`),
    index('incidents_opened_idx').on(table.openedAt, table.id),
    check(
      'incidents_kind_valid',
      sql`${table.kind} in ('database_unreachable', 'database_slow', 'dead_jobs', 'stalled_batches', 'error_rate', 'latency_p99', 'store_silent')`,
    ),
    check('incidents_severity_valid', sql`${table.severity} in ('critical', 'warning')`),
  ],
);

export type Incident = typeof incidents.$inferSelect;
