import { and, eq } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { companies, deviceSessions, users } from '../db/schema';
import { sameCompanyRow } from '../db/tenancy';
import type { AuthedEnv } from '../env';
import { ApiError } from '../lib/errors';
import { documents } from '../lib/openapi';
import { assignedLiveStoreIds } from '../services/stores';
import { verifyAccessToken } from './access-tokens';
import type { Actor } from './actor';
import { effectivePermissions, type Permission } from './permissions';
import { missingPermissions } from './policy';

const sessionEnded = () =>
  new ApiError('UNAUTHENTICATED', { detail: { key: 'auth.sessionEnded' } });

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Verifies the access token, then checks in one query that its device session is live, the user
 * active and the company not suspended, so a revocation takes effect on the very next request,
 * not when the token expires. Role, permissions and assigned stores come from that row, not from
 * the token; the request's `Actor` is built from it once, here.
 */
const verifySession = createMiddleware<AuthedEnv>(async (c, next) => {
  const token = bearerToken(c.req.header('Authorization'));
  if (!token) throw new ApiError('UNAUTHENTICATED', { detail: { key: 'auth.tokenMissing' } });
  const claims = await verifyAccessToken(c.env, token);
  if (!claims) throw new ApiError('UNAUTHENTICATED', { detail: { key: 'auth.tokenInvalid' } });

  const [row] = await c.var.database.db
    .select({
      role: users.role,
      isActive: users.isActive,
      userDeletedAt: users.deletedAt,
      permissionsGranted: users.permissionsGranted,
      permissionsRevoked: users.permissionsRevoked,
      companyStatus: companies.status,
      companyKind: companies.kind,
      revokedAt: deviceSessions.revokedAt,
      expiresAt: deviceSessions.expiresAt,
      // Spelled out: the live stores assigned to the user, in the same round trip.
      storeIds: assignedLiveStoreIds(deviceSessions.companyId, deviceSessions.userId),
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
  if (!row || row.revokedAt || row.expiresAt <= c.var.now) throw sessionEnded();
  if (!row.isActive || row.userDeletedAt) {
    throw new ApiError('UNAUTHENTICATED', { detail: { key: 'auth.accountDisabled' } });
  }
  if (row.companyStatus !== 'active') {
    throw new ApiError('UNAUTHENTICATED', { detail: { key: 'auth.companySuspended' } });
  }

  const actor: Actor = {
    userId: claims.userId,
    companyId: claims.companyId,
    companyKind: row.companyKind,
    role: row.role,
    sessionId: claims.sessionId,
    permissions: effectivePermissions(row.role, row.permissionsGranted, row.permissionsRevoked),
    storeIds: new Set(row.storeIds),
    requestId: c.var.requestId,
    ipAddress: c.var.clientAddress,
  };
  c.set('auth', actor);
  c.set('logger', c.var.logger.with({ userId: claims.userId, companyId: claims.companyId }));
  await next();
});

/** Every route behind it is documented as needing a bearer token. */
export const authenticate = documents(verifySession, { spec: { security: [{ bearer: [] }] } });

/** 403 unless the caller holds every listed permission; the document lists them as well. */
export function requirePermission(...required: Permission[]) {
  const check = createMiddleware<AuthedEnv>(async (c, next) => {
    assertPermission(c.var.auth, ...required);
    await next();
  });
  return documents(check, { spec: { 'x-permissions': required } });
}

export function assertPermission(actor: Actor, ...required: Permission[]): void {
  const missing = missingPermissions(actor, required);
  if (missing.length > 0) {
    throw new ApiError('FORBIDDEN', {
      detail: { key: 'auth.permissionMissing', params: { permission: missing.join(', ') } },
    });
  }
}
