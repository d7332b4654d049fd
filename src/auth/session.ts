import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { companies, deviceSessions, users } from '../db/schema';
import { sameCompanyRow } from '../db/tenancy';
import { assignedLiveStoreIds, liveStoreExists } from '../services/stores/live-stores';
import type { AccessClaims } from './access-tokens';

/** Which device session an access token speaks for. */
export type SessionClaims = Pick<AccessClaims, 'userId' | 'companyId' | 'sessionId'>;

/**
 * What one read says about a device session: whether it, its user and its company are still
 * live, and the user's role, permissions and assigned stores. With `storeId`, also whether that
 * store is a live store of the session's company (`storeIsLive`), in the same statement.
 */
export async function loadSession(db: Executor, claims: SessionClaims, storeId?: string) {
  const [row] = await db
    .select({
      role: users.role,
      isActive: users.isActive,
      mustChangePassword: users.mustChangePassword,
      userDeletedAt: users.deletedAt,
      permissionsGranted: users.permissionsGranted,
      permissionsRevoked: users.permissionsRevoked,
      companyStatus: companies.status,
      companyKind: companies.kind,
      revokedAt: deviceSessions.revokedAt,
      expiresAt: deviceSessions.expiresAt,
      // Spelled out: the live stores assigned to the user, in the same round trip.
      storeIds: assignedLiveStoreIds(deviceSessions.companyId, deviceSessions.userId),
      storeIsLive: liveStoreExists(deviceSessions.companyId, storeId ?? null),
    })
    .from(deviceSessions)
    .innerJoin(users, sameCompanyRow(users, deviceSessions.companyId, deviceSessions.userId))
    .innerJoin(companies, eq(companies.id, deviceSessions.companyId))
    .where(
      and(
        eq(deviceSessions.companyId, claims.companyId),
        eq(deviceSessions.id, claims.sessionId),
        eq(deviceSessions.userId, claims.userId),
      ),
    );
  return row;
}

export type SessionRecord = NonNullable<Awaited<ReturnType<typeof loadSession>>>;
