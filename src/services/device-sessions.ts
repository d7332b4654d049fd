import { desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { deviceSessions, refreshTokens, users } from '../db/schema';
import { inCompany, sameCompanyRow } from '../db/tenancy';

/** Ends device sessions and every refresh token they hold. Returns the ids actually revoked. */
export async function revokeSessions(
  db: Executor,
  companyId: string,
  sessionIds: string[],
  reason: string,
  now: Date,
): Promise<string[]> {
  if (sessionIds.length === 0) return [];
  const revoked = await db
    .update(deviceSessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(
      inCompany(
        deviceSessions,
        companyId,
        inArray(deviceSessions.id, sessionIds),
        isNull(deviceSessions.revokedAt),
      ),
    )
    .returning({ id: deviceSessions.id });
  await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(
      inCompany(
        refreshTokens,
        companyId,
        inArray(refreshTokens.deviceSessionId, sessionIds),
        isNull(refreshTokens.revokedAt),
      ),
    );
  return revoked.map((row) => row.id);
}

/**
 * Live (not revoked, not expired) sessions of one user, for "log out everywhere" and
 * deactivation; without `userId`, of the whole company, for its suspension.
 */
export async function liveSessionIds(
  db: Executor,
  companyId: string,
  userId?: string,
): Promise<string[]> {
  const rows = await db
    .select({ id: deviceSessions.id })
    .from(deviceSessions)
    .where(
      inCompany(
        deviceSessions,
        companyId,
        userId === undefined ? undefined : eq(deviceSessions.userId, userId),
        isNull(deviceSessions.revokedAt),
        gt(deviceSessions.expiresAt, sql`now()`),
      ),
    );
  return rows.map((row) => row.id);
}

export interface SessionListFilter {
  companyId: string;
  /** Only this user's sessions; undefined lists the whole company's. */
  userId?: string;
  includeRevoked: boolean;
  limit: number;
}

export async function listSessions(db: Executor, filter: SessionListFilter) {
  return db
    .select({
      id: deviceSessions.id,
      userId: deviceSessions.userId,
      userName: users.name,
      userRole: users.role,
      deviceName: deviceSessions.deviceName,
      platform: deviceSessions.platform,
      ipAddress: deviceSessions.ipAddress,
      userAgent: deviceSessions.userAgent,
      createdAt: deviceSessions.createdAt,
      lastSeenAt: deviceSessions.lastSeenAt,
      expiresAt: deviceSessions.expiresAt,
      revokedAt: deviceSessions.revokedAt,
      revokedReason: deviceSessions.revokedReason,
    })
    .from(deviceSessions)
    .innerJoin(users, sameCompanyRow(users, deviceSessions.companyId, deviceSessions.userId))
    .where(
      inCompany(
        deviceSessions,
        filter.companyId,
        filter.userId ? eq(deviceSessions.userId, filter.userId) : undefined,
        filter.includeRevoked ? undefined : isNull(deviceSessions.revokedAt),
      ),
    )
    .orderBy(desc(deviceSessions.lastSeenAt))
    .limit(filter.limit);
}

/** One session of the company with its user's role, for the revoke permission check. */
export async function findSession(db: Executor, companyId: string, sessionId: string) {
  const [row] = await db
    .select({
      id: deviceSessions.id,
      userId: deviceSessions.userId,
      userRole: users.role,
      revokedAt: deviceSessions.revokedAt,
    })
    .from(deviceSessions)
    .innerJoin(users, sameCompanyRow(users, deviceSessions.companyId, deviceSessions.userId))
    .where(inCompany(deviceSessions, companyId, eq(deviceSessions.id, sessionId)));
  return row;
}
