import { and, eq, gte, isNull, ne, or, sql } from 'drizzle-orm';
import { type AccessTokenKeysConfig, issueAccessToken } from '../auth/access-tokens';
import { decoyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../auth/passwords';
import {
  deviceSessionLifetimeSeconds,
  hashFingerprint,
  hashRefreshToken,
  newRefreshToken,
  refreshTokenLifetimeSeconds,
  secondsFrom,
} from '../auth/refresh-tokens';
import { companySuspended } from '../auth/suspension';
import type { Db } from '../db/client';
import {
  type CompanyPlan,
  companies,
  deviceSessions,
  refreshTokens,
  type UserRole,
  users,
} from '../db/schema';
import { sameCompanyRow } from '../db/tenancy';
import { ApiError } from '../lib/errors';
import { uuidv7 } from '../lib/ids';
import type { Logger } from '../lib/logger';
import { accountLockedJob } from '../queues/account-locked';
import type { AccountLockedJob } from '../queues/messages';
import { sendJobs } from '../queues/send-jobs';
import { type AuditAuthor, recordAudit } from './audit';
import { clearFailures, lockedForSeconds, recordFailure, signInThrottle } from './auth-throttle';
import { revokeSessions } from './device-sessions';

/**
 * Signing in, refreshing and signing out. Round trips: a successful sign-in is 2 reads, the
 * password check, then one transaction of 5 statements; a refresh is 1 read and a transaction of
 * 4 statements (5 when it is the retry of a refresh whose answer was lost).
 */
export interface RequestOrigin {
  requestId: string;
  ipAddress: string | null;
  userAgent: string | null;
}

export interface DeviceInput {
  fingerprint: string;
  name: string;
  platform: string;
}

export interface SignInInput {
  /** Normalised: e-mail lower-cased or phone in E.164. */
  login: string;
  password: string;
  device: DeviceInput;
  /** Roles this door does not open for (the console refuses cashiers): 403 after the password. */
  refusedRoles?: readonly UserRole[];
}

export interface TokenPair {
  tokenType: 'Bearer';
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  sessionId: string;
  user: {
    id: string;
    companyId: string;
    name: string;
    role: UserRole;
    /** Someone else chose the password: only POST /me/password (and /me, logout) until changed. */
    mustChangePassword: boolean;
  };
}

export interface AuthDeps {
  db: Db;
  keys: AccessTokenKeysConfig;
  logger: Logger;
  now: Date;
  origin: RequestOrigin;
  /** Where "your account was locked" goes (JOBS). */
  jobs: Queue<AccountLockedJob>;
  /** How long a spent refresh token may be presented again by its own device (RFC 9700 §4.14.2). */
  refreshGraceSeconds: number;
}

/** `REFRESH_GRACE_SECONDS` (wrangler.toml), 30 unless set; at most 5 minutes. */
export function refreshGraceSeconds(config: { REFRESH_GRACE_SECONDS?: string }): number {
  const seconds = Number(config.REFRESH_GRACE_SECONDS ?? 30);
  return Number.isFinite(seconds) ? Math.min(Math.max(Math.trunc(seconds), 0), 300) : 30;
}

/**
 * A device the user has signed in on within this many days, and whose session was not ended as
 * stolen or by someone else, is known: failures from elsewhere never lock it out.
 */
const knownDeviceDays = 90;
const untrustedEndings = ['refresh_token_reuse', 'revoked'];

function lockedOut(seconds: number): ApiError {
  return new ApiError('RATE_LIMITED', {
    detail: { key: 'auth.lockedOut', params: { minutes: Math.ceil(seconds / 60) } },
    headers: { 'Retry-After': String(seconds) },
  });
}

/** A new access token next to the refresh token just stored for the session. */
async function issueTokenPair(
  deps: AuthDeps,
  user: TokenPair['user'] & { sessionId: string; plan: CompanyPlan },
  refreshToken: string,
  refreshTokenExpiresAt: Date,
): Promise<TokenPair> {
  const access = await issueAccessToken(
    deps.keys,
    {
      userId: user.id,
      companyId: user.companyId,
      role: user.role,
      sessionId: user.sessionId,
      plan: user.plan,
    },
    deps.now,
  );
  return {
    tokenType: 'Bearer',
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt.toISOString(),
    refreshToken,
    refreshTokenExpiresAt: refreshTokenExpiresAt.toISOString(),
    sessionId: user.sessionId,
    user: {
      id: user.id,
      companyId: user.companyId,
      name: user.name,
      role: user.role,
      mustChangePassword: user.mustChangePassword,
    },
  };
}

const invalidCredentials = () =>
  new ApiError('INVALID_CREDENTIALS', { detail: { key: 'auth.invalidCredentials' } });

export async function signIn(deps: AuthDeps, input: SignInInput): Promise<TokenPair> {
  const { db, now, origin, logger } = deps;
  const fingerprintHash = await hashFingerprint(input.device.fingerprint);
  const knownSince = new Date(now.getTime() - knownDeviceDays * 24 * 60 * 60 * 1000);
  const [account] = await db
    .select({
      id: users.id,
      companyId: users.companyId,
      name: users.name,
      role: users.role,
      passwordHash: users.passwordHash,
      isActive: users.isActive,
      mustChangePassword: users.mustChangePassword,
      companyStatus: companies.status,
      plan: companies.plan,
      knownDevice: sql<boolean>`exists (
        select 1 from ${deviceSessions}
        where ${deviceSessions.companyId} = ${users.companyId}
          and ${deviceSessions.userId} = ${users.id}
          and ${deviceSessions.fingerprintHash} = ${fingerprintHash}
          and ${deviceSessions.createdAt} > ${knownSince}
          and coalesce(${deviceSessions.revokedReason}, '') not in (${sql.join(
            untrustedEndings.map((reason) => sql`${reason}`),
            sql`, `,
          )})
      )`,
    })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(
      and(isNull(users.deletedAt), or(eq(users.email, input.login), eq(users.phone, input.login))),
    );
  const throttle = signInThrottle({
    login: input.login,
    userId: account?.id,
    address: origin.ipAddress,
    deviceHash: fingerprintHash,
    knownDevice: account?.knownDevice ?? false,
  });
  const locked = await lockedForSeconds(db, throttle.enforced, now);
  if (locked > 0) throw lockedOut(locked);

  const passwordMatches = await verifyPassword(
    input.password,
    account?.passwordHash ?? decoyPasswordHash,
  );
  if (!account || !passwordMatches) {
    const failure = await recordFailure(db, throttle, now);
    logger.warn('sign-in failed', {
      knownAccount: Boolean(account),
      locked: failure.lockedSeconds > 0,
      accountLocked: Boolean(failure.accountLocked),
    });
    if (account && failure.accountLocked) {
      const job = accountLockedJob(
        { companyId: account.companyId, userId: account.id },
        'sign_in',
        failure.accountLocked,
      );
      await sendJobs(deps.jobs, [job], logger);
    }
    if (failure.lockedSeconds > 0) throw lockedOut(failure.lockedSeconds);
    throw invalidCredentials();
  }
  if (!account.isActive) {
    throw new ApiError('INVALID_CREDENTIALS', { detail: { key: 'auth.accountDisabled' } });
  }
  if (account.companyStatus !== 'active') throw companySuspended();
  if (input.refusedRoles?.includes(account.role)) {
    throw new ApiError('FORBIDDEN', {
      detail: { key: 'auth.roleRefusedHere', params: { role: account.role } },
    });
  }

  const sessionId = uuidv7(now.getTime());
  const refreshToken = newRefreshToken();
  const refreshTokenExpiresAt = secondsFrom(now, refreshTokenLifetimeSeconds);
  const tokenHash = await hashRefreshToken(refreshToken);
  const upgradedHash = needsRehash(account.passwordHash)
    ? await hashPassword(input.password)
    : undefined;
  const actor: AuditAuthor = {
    companyId: account.companyId,
    userId: account.id,
    sessionId,
    requestId: origin.requestId,
    ipAddress: origin.ipAddress,
  };

  await db.transaction(async (tx) => {
    await tx.insert(deviceSessions).values({
      id: sessionId,
      companyId: account.companyId,
      userId: account.id,
      fingerprintHash,
      deviceName: input.device.name,
      platform: input.device.platform,
      userAgent: origin.userAgent,
      ipAddress: origin.ipAddress,
      lastSeenAt: now,
      expiresAt: secondsFrom(now, deviceSessionLifetimeSeconds),
    });
    await tx.insert(refreshTokens).values({
      companyId: account.companyId,
      deviceSessionId: sessionId,
      tokenHash,
      expiresAt: refreshTokenExpiresAt,
    });
    await tx
      .update(users)
      .set({ lastLoginAt: now, ...(upgradedHash ? { passwordHash: upgradedHash } : {}) })
      .where(sameCompanyRow(users, account.companyId, account.id));
    await clearFailures(tx, throttle.clearedOnSuccess);
    await recordAudit(tx, actor, {
      action: 'auth.login',
      entityType: 'device_session',
      entityId: sessionId,
      after: { deviceName: input.device.name, platform: input.device.platform },
    });
  });

  return issueTokenPair(deps, { ...account, sessionId }, refreshToken, refreshTokenExpiresAt);
}

export interface RefreshInput {
  refreshToken: string;
  fingerprint: string;
}

const refreshInvalid = () =>
  new ApiError('UNAUTHENTICATED', { detail: { key: 'auth.refreshInvalid' } });

/**
 * Rotates a refresh token: the presented one is marked used and a new one issued with a new
 * access token. A token that was already used means it leaked (or a client replayed it): the
 * whole device session is revoked and audited, so neither copy works any more.
 *
 * The one exception (RFC 9700 §4.14.2): a till whose answer was lost in transit, or that sent
 * several refreshes at once, presents the same token again from the same device within
 * `refreshGraceSeconds`, before any successor was used. It gets an equivalent new pair (the
 * first one cannot be sent again: only hashes are stored). The successors are siblings; the
 * first of them to be used retires the others, so one chain of tokens stays alive.
 */
export async function refreshSession(deps: AuthDeps, input: RefreshInput): Promise<TokenPair> {
  const { db, now, origin, logger } = deps;
  const [tokenHash, fingerprintHash] = await Promise.all([
    hashRefreshToken(input.refreshToken),
    hashFingerprint(input.fingerprint),
  ]);
  const [found] = await db
    .select({
      tokenId: refreshTokens.id,
      replacesId: refreshTokens.replacesId,
      rotatedAt: refreshTokens.rotatedAt,
      tokenRevokedAt: refreshTokens.revokedAt,
      tokenExpiresAt: refreshTokens.expiresAt,
      successorUsed: sql<boolean>`exists (
        select 1 from refresh_tokens successor
        where successor.company_id = ${refreshTokens.companyId}
          and successor.replaces_id = ${refreshTokens.id}
          and successor.rotated_at is not null
      )`,
      sessionId: deviceSessions.id,
      fingerprintHash: deviceSessions.fingerprintHash,
      sessionRevokedAt: deviceSessions.revokedAt,
      sessionExpiresAt: deviceSessions.expiresAt,
      userId: users.id,
      companyId: users.companyId,
      name: users.name,
      role: users.role,
      isActive: users.isActive,
      mustChangePassword: users.mustChangePassword,
      userDeletedAt: users.deletedAt,
      companyStatus: companies.status,
      plan: companies.plan,
    })
    .from(refreshTokens)
    .innerJoin(
      deviceSessions,
      sameCompanyRow(deviceSessions, refreshTokens.companyId, refreshTokens.deviceSessionId),
    )
    .innerJoin(users, sameCompanyRow(users, deviceSessions.companyId, deviceSessions.userId))
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(eq(refreshTokens.tokenHash, tokenHash));
  if (!found) throw refreshInvalid();
  // Suspension revoked the session: say why rather than "sign in again".
  if (found.companyStatus !== 'active') throw companySuspended();

  const actor: AuditAuthor = {
    companyId: found.companyId,
    userId: found.userId,
    sessionId: found.sessionId,
    requestId: origin.requestId,
    ipAddress: origin.ipAddress,
  };
  const sessionLive = !found.sessionRevokedAt && found.sessionExpiresAt > now;
  const sameDevice = fingerprintHash === found.fingerprintHash;
  const graceStart = new Date(now.getTime() - deps.refreshGraceSeconds * 1000);

  if (found.rotatedAt) {
    const retry =
      sameDevice &&
      sessionLive &&
      !found.tokenRevokedAt &&
      !found.successorUsed &&
      found.rotatedAt >= graceStart;
    if (!retry) {
      if (sessionLive) await revokeForReuse(deps, actor, found.sessionId);
      throw new ApiError('UNAUTHENTICATED', { detail: { key: 'auth.refreshReused' } });
    }
    logger.info('refresh retried within the grace period', { sessionId: found.sessionId });
  }
  if (found.tokenRevokedAt || found.tokenExpiresAt <= now || !sessionLive) throw refreshInvalid();
  if (!sameDevice) {
    logger.warn('refresh with a fingerprint of another device', { sessionId: found.sessionId });
    await recordAudit(db, actor, {
      action: 'auth.fingerprint_mismatch',
      entityType: 'device_session',
      entityId: found.sessionId,
    });
    throw new ApiError('UNAUTHENTICATED', { detail: { key: 'auth.fingerprintMismatch' } });
  }
  if (!found.isActive || found.userDeletedAt) {
    throw new ApiError('UNAUTHENTICATED', { detail: { key: 'auth.accountDisabled' } });
  }

  const refreshToken = newRefreshToken();
  const newTokenHash = await hashRefreshToken(refreshToken);
  const refreshTokenExpiresAt = secondsFrom(now, refreshTokenLifetimeSeconds);
  const rotated = await db.transaction(async (tx) => {
    // Marks the token used, keeping the time of its first use. The guard lets a second refresh
    // with this token through only inside the grace period, so two refreshes at once are a
    // retry (both answered), and a refresh after the grace is reuse.
    const [marked] = await tx
      .update(refreshTokens)
      .set({ rotatedAt: sql`coalesce(${refreshTokens.rotatedAt}, ${now})` })
      .where(
        and(
          eq(refreshTokens.companyId, found.companyId),
          eq(refreshTokens.id, found.tokenId),
          isNull(refreshTokens.revokedAt),
          or(isNull(refreshTokens.rotatedAt), gte(refreshTokens.rotatedAt, graceStart)),
        ),
      )
      .returning({ id: refreshTokens.id });
    if (!marked) return false;
    if (found.replacesId && !found.rotatedAt) {
      // The first sibling to be used retires the others issued for the same retry.
      await tx
        .update(refreshTokens)
        .set({ revokedAt: now })
        .where(
          and(
            eq(refreshTokens.companyId, found.companyId),
            eq(refreshTokens.replacesId, found.replacesId),
            ne(refreshTokens.id, found.tokenId),
            isNull(refreshTokens.rotatedAt),
            isNull(refreshTokens.revokedAt),
          ),
        );
    }
    await tx.insert(refreshTokens).values({
      companyId: found.companyId,
      deviceSessionId: found.sessionId,
      tokenHash: newTokenHash,
      replacesId: found.tokenId,
      expiresAt: refreshTokenExpiresAt,
    });
    await tx
      .update(deviceSessions)
      .set({
        lastSeenAt: now,
        ipAddress: origin.ipAddress,
        expiresAt: secondsFrom(now, deviceSessionLifetimeSeconds),
      })
      .where(sameCompanyRow(deviceSessions, found.companyId, found.sessionId));
    return true;
  });
  if (!rotated) {
    await revokeForReuse(deps, actor, found.sessionId);
    throw new ApiError('UNAUTHENTICATED', { detail: { key: 'auth.refreshReused' } });
  }

  return issueTokenPair(
    deps,
    {
      id: found.userId,
      companyId: found.companyId,
      name: found.name,
      role: found.role,
      mustChangePassword: found.mustChangePassword,
      sessionId: found.sessionId,
      plan: found.plan,
    },
    refreshToken,
    refreshTokenExpiresAt,
  );
}

async function revokeForReuse(
  deps: AuthDeps,
  actor: AuditAuthor,
  sessionId: string,
): Promise<void> {
  deps.logger.warn('refresh token reused: device session revoked', { sessionId });
  await deps.db.transaction(async (tx) => {
    await revokeSessions(tx, actor.companyId, [sessionId], 'refresh_token_reuse', deps.now);
    await recordAudit(tx, actor, {
      action: 'auth.refresh_reuse',
      entityType: 'device_session',
      entityId: sessionId,
      after: { revokedReason: 'refresh_token_reuse' },
    });
  });
}
