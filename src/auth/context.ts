import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { type CompanyKind, companies, deviceSessions, type UserRole, users } from '../db/schema';
import { sameCompanyRow } from '../db/tenancy';
import type { AuthedEnv } from '../env';
import { ApiError } from '../lib/errors';
import { verifyAccessToken } from './access-tokens';
import { effectivePermissions, type Permission } from './permissions';

/** Who is calling, as checked against the database on this request. */
export interface AuthContext {
  userId: string;
  companyId: string;
  companyKind: CompanyKind;
  role: UserRole;
  sessionId: string;
  permissions: ReadonlySet<Permission>;
}

const sessionEnded = () =>
  new ApiError('UNAUTHENTICATED', { detail: { key: 'auth.sessionEnded' } });

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Verifies the access token, then checks in one query that its device session is live, the user
 * active and the company not suspended, so a revocation takes effect on the very next request,
 * not when the token expires. Role and permissions come from that row, not from the token.
 */
export const authenticate = createMiddleware<AuthedEnv>(async (c, next) => {
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
  if (!row || row.revokedAt || row.expiresAt <= new Date()) throw sessionEnded();
  if (!row.isActive || row.userDeletedAt) {
    throw new ApiError('UNAUTHENTICATED', { detail: { key: 'auth.accountDisabled' } });
  }
  if (row.companyStatus !== 'active') {
    throw new ApiError('UNAUTHENTICATED', { detail: { key: 'auth.companySuspended' } });
  }

  c.set('auth', {
    userId: claims.userId,
    companyId: claims.companyId,
    companyKind: row.companyKind,
    role: row.role,
    sessionId: claims.sessionId,
    permissions: effectivePermissions(row.role, row.permissionsGranted, row.permissionsRevoked),
  });
  c.set('logger', c.var.logger.with({ userId: claims.userId, companyId: claims.companyId }));
  await next();
});

/** 403 unless the caller holds every listed permission. */
export function requirePermission(...required: Permission[]) {
  return createMiddleware<AuthedEnv>(async (c, next) => {
    assertPermission(c, ...required);
    await next();
  });
}

export function assertPermission(c: Context<AuthedEnv>, ...required: Permission[]): void {
  const missing = required.filter((permission) => !c.var.auth.permissions.has(permission));
  if (missing.length > 0) {
    throw new ApiError('FORBIDDEN', {
      detail: { key: 'auth.permissionMissing', params: { permission: missing.join(', ') } },
    });
  }
}
