import { and, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { authThrottles } from '../db/schema';

/**
 * Brute-force protection for sign-in and for manager approvals, without handing out a denial of
 * service. Failures are counted per account *and source* (client address, device), and those
 * pairs lock first: a stranger guessing the owner's password from one address locks only
 * themselves. The account as a whole locks only at a much higher count, from all sources
 * together, and its owner hears of it; even then a device the user has signed in on before keeps
 * working, so an attack from elsewhere cannot keep the owner out. The numbers are in the README.
 */
export interface ThrottlePolicy {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

const minutes = (count: number) => count * 60;

export const signInPolicies = {
  /** One account from one address, or from one device. */
  pair: { maxFailures: 5, windowSeconds: minutes(15), lockSeconds: minutes(15) },
  /** One address across accounts (tills of a shop share one address, so it gets more room). */
  address: { maxFailures: 30, windowSeconds: minutes(15), lockSeconds: minutes(15) },
  /** One account from everywhere: the backstop against a guesser with many addresses. */
  account: { maxFailures: 50, windowSeconds: minutes(60), lockSeconds: minutes(60) },
} satisfies Record<string, ThrottlePolicy>;

export const approvalPolicies = {
  /** One approver's PIN (or password) tried by one colleague. */
  pair: { maxFailures: 5, windowSeconds: minutes(15), lockSeconds: minutes(15) },
  /** One approver tried by everyone: a PIN has few digits, so this stays low. */
  approver: { maxFailures: 20, windowSeconds: minutes(60), lockSeconds: minutes(60) },
} satisfies Record<string, ThrottlePolicy>;

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
  /** Locking this key locks the whole account (its owner is told). */
  accountWide?: boolean;
}

export interface Throttle {
  /** Every key a failure counts toward. */
  counted: ThrottleKey[];
  /** The keys whose lock refuses this attempt. */
  enforced: ThrottleKey[];
  /** The keys a success forgets: this source's pairs, never the account or address counters. */
  clearedOnSuccess: ThrottleKey[];
}

export interface SignInAttempt {
  /** What was typed, normalised (e-mail or E.164 phone). */
  login: string;
  /** The account it names, when there is one. */
  userId?: string;
  address: string | null;
  /** SHA-256 of the device fingerprint sent with the sign-in. */
  deviceHash: string;
  /** The user signed in on this device before (see sign-in): account and address locks skip it. */
  knownDevice: boolean;
}

/**
 * The identity is the account, so its e-mail and phone share counters; for a login that names no
 * account it is the typed login, so guessing at unknown accounts behaves exactly the same and
 * a lockout reveals nothing about which accounts exist.
 */
export function signInThrottle(attempt: SignInAttempt): Throttle {
  const identity = attempt.userId ? `user:${attempt.userId}` : `login:${attempt.login}`;
  const device = {
    key: `sign-in:${identity}:device:${attempt.deviceHash}`,
    policy: signInPolicies.pair,
  };
  const pairs: ThrottleKey[] = [device];
  const others: ThrottleKey[] = [
    { key: `sign-in:${identity}`, policy: signInPolicies.account, accountWide: true },
  ];
  if (attempt.address) {
    pairs.push({
      key: `sign-in:${identity}:address:${attempt.address}`,
      policy: signInPolicies.pair,
    });
    others.push({ key: `sign-in-address:${attempt.address}`, policy: signInPolicies.address });
  }
  const counted = [...pairs, ...others];
  return {
    counted,
    // A known device answers only for its own failures, not for anyone else's.
    enforced: attempt.knownDevice ? [device] : counted,
    clearedOnSuccess: pairs,
  };
}

/** A manager's approval, tried by one colleague (the caller) at a time. */
export function approvalThrottle(approverId: string, requesterId: string): Throttle {
  const pair = {
    key: `approval:${approverId}:user:${requesterId}`,
    policy: approvalPolicies.pair,
  };
  const counted = [
    pair,
    { key: `approval:${approverId}`, policy: approvalPolicies.approver, accountWide: true },
  ];
  return { counted, enforced: counted, clearedOnSuccess: [pair] };
}

function secondsUntil(until: number, now: Date): number {
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** Seconds until every key is unlocked, or 0 when none is locked. One query. */
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
  return secondsUntil(Math.max(0, ...locked.map((row) => row.lockedUntil?.getTime() ?? 0)), now);
}

export interface FailureOutcome {
  /** The longest lock now in force among the attempt's enforced keys, in seconds (0: none). */
  lockedSeconds: number;
  /** Set when this failure locked the account as a whole: the failures counted and until when. */
  accountLocked?: { failures: number; lockedUntil: Date };
}

/**
 * Counts one failure for each key (an upsert each: failures are the rare path) and locks a key
 * that reaches its limit inside its window.
 */
export async function recordFailure(
  db: Executor,
  throttle: Throttle,
  now: Date,
): Promise<FailureOutcome> {
  const enforced = new Set(throttle.enforced.map(({ key }) => key));
  const outcome: FailureOutcome = { lockedSeconds: 0 };
  for (const { key, policy, accountWide } of throttle.counted) {
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
      .returning({ failures: authThrottles.failures, lockedUntil: authThrottles.lockedUntil });
    if (!row) continue;
    if (enforced.has(key)) {
      const seconds = secondsUntil(row.lockedUntil?.getTime() ?? 0, now);
      outcome.lockedSeconds = Math.max(outcome.lockedSeconds, seconds);
    }
    // Exactly at the limit: the failure that locked it, so the owner is told once per lock.
    if (accountWide && row.failures === policy.maxFailures && row.lockedUntil) {
      outcome.accountLocked = { failures: row.failures, lockedUntil: row.lockedUntil };
    }
  }
  return outcome;
}

/** A success forgets this source's failures (not the account's or the address's). */
export async function clearFailures(db: Executor, keys: ThrottleKey[]): Promise<void> {
  await db.delete(authThrottles).where(
    inArray(
      authThrottles.key,
      keys.map(({ key }) => key),
    ),
  );
}

/**
 * Forgets every sign-in failure counted against an account (its own lock and its per-device and
 * per-address pairs), when someone in charge gives it a new password.
 */
export async function forgetAccountFailures(db: Executor, userId: string): Promise<void> {
  const identity = `sign-in:user:${userId}`;
  await db
    .delete(authThrottles)
    .where(
      sql`${authThrottles.key} = ${identity} or starts_with(${authThrottles.key}, ${`${identity}:`})`,
    );
}
