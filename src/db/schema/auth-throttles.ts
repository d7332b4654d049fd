import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamps, utcTimestamp } from './columns';

/**
 * Failed-login counters, one row per throttled key (`account:<typed login>`, `user:<id>`, `address:<ip>`, `approval:<company>:<id>`). Not a
 * tenant table: an attempt on an unknown account has no company. Kept in Postgres rather than KV
 * because a lockout must count every attempt exactly (KV takes one write per second per key and
 * is eventually consistent across locations).
 */
export const authThrottles = pgTable('auth_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: utcTimestamp('window_started_at').notNull().defaultNow(),
  lockedUntil: utcTimestamp('locked_until'),
  ...timestamps(),
});

export type AuthThrottle = typeof authThrottles.$inferSelect;
