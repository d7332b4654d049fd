import { and, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { authThrottles } from '../db/schema';

/**
 * Brute-force protection for sign-in: failures are counted per account and per client address
 * in a sliding window; reaching the limit locks that key for a while. An address gets more room
 * than an account because a shop's tills share one public address.
 */
export interface ThrottlePolicy {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

export const accountPolicy: ThrottlePolicy = {
  maxFailures: 5,
  windowSeconds: 15 * 60,
  lockSeconds: 15 * 60,
};
export const addressPolicy: ThrottlePolicy = {
  maxFailures: 30,
  windowSeconds: 15 * 60,
  lockSeconds: 15 * 60,
};

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

export interface SignInAttempt {
  /** What was typed, normalised (e-mail or E.164 phone). */
  login: string;
  /** The account it names, when there is one. */
  userId?: string;
  address: string | null;
}

/**
 * The counters one attempt touches: the account itself (so its e-mail and its phone share one
 * lockout), the typed login (so guessing at unknown accounts locks as well), and the address.
 */
export function loginThrottleKeys(attempt: SignInAttempt): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `account:${attempt.login}`, policy: accountPolicy }];
  if (attempt.userId) keys.push({ key: `user:${attempt.userId}`, policy: accountPolicy });
  if (attempt.address) keys.push({ key: `address:${attempt.address}`, policy: addressPolicy });
  return keys;
}

/** Seconds until every key is unlocked, or 0 when none is locked. */
export async function lockedForSeconds(
  db: Executor,
  keys: ThrottleKey[],
  now: Date,
): Promise<number> {
  const locked = await db
    .select({ lockedUntil: authThrottles.lockedUntil })
    .from(authThrottles)
    .where(
      and(
        inArray(
          authThrottles.key,
          keys.map(({ key }) => key),
        ),
        gt(authThrottles.lockedUntil, now),
      ),
    );
  const until = Math.max(0, ...locked.map((row) => row.lockedUntil?.getTime() ?? 0));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/**
 * Counts one failure for each key (an upsert each) and locks a key that reaches its limit inside
 * its window. Returns the longest lock now in force, in seconds (0 when none).
 */
export async function recordLoginFailure(
  db: Executor,
  keys: ThrottleKey[],
  now: Date,
): Promise<number> {
  let lockedUntil = 0;
  for (const { key, policy } of keys) {
    const windowStart = new Date(now.getTime() - policy.windowSeconds * 1000);
    const lockEnd = new Date(now.getTime() + policy.lockSeconds * 1000);
    const withinWindow = sql`${authThrottles.windowStartedAt} > ${windowStart}`;
    const [row] = await db
      .insert(authThrottles)
      .values({
        key,
        failures: 1,
        windowStartedAt: now,
        lockedUntil: policy.maxFailures <= 1 ? lockEnd : null,
      })
      .onConflictDoUpdate({
        target: authThrottles.key,
        set: {
          failures: sql`case when ${withinWindow} then ${authThrottles.failures} + 1 else 1 end`,
          windowStartedAt: sql`case when ${withinWindow} then ${authThrottles.windowStartedAt} else ${now} end`,
          lockedUntil: sql`case when ${withinWindow} and ${authThrottles.failures} + 1 >= ${policy.maxFailures} then ${lockEnd} else ${authThrottles.lockedUntil} end`,
          updatedAt: now,
        },
      })
      .returning({ lockedUntil: authThrottles.lockedUntil });
    lockedUntil = Math.max(lockedUntil, row?.lockedUntil?.getTime() ?? 0);
  }
  return lockedUntil > now.getTime() ? Math.ceil((lockedUntil - now.getTime()) / 1000) : 0;
}

/** A successful sign-in forgets the account's failures (not the address's). */
export async function clearAccountFailures(
  db: Executor,
  attempt: { login: string; userId: string },
): Promise<void> {
  await db
    .delete(authThrottles)
    .where(inArray(authThrottles.key, [`account:${attempt.login}`, `user:${attempt.userId}`]));
}
