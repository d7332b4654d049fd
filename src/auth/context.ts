import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { callStore } from '../../durable-objects/store-calls';
import type { AuthedEnv } from '../env';
import { id } from '../lib/api-schemas';
import { ApiError } from '../lib/errors';
import { documents } from '../lib/openapi';
import { enforceRateLimits, sessionChecks } from '../middleware/rate-limits';
import { verifyAccessToken } from './access-tokens';
import type { Actor } from './actor';
import { effectivePermissions, type Permission } from './permissions';
import { missingPermissions } from './policy';
import { loadSession, type SessionClaims, type SessionRecord } from './session';
import { companySuspended } from './suspension';

const sessionEnded = () =>
  new ApiError('UNAUTHENTICATED', { detail: { key: 'auth.sessionEnded' } });

/** What a session whose password someone else chose may still do: read itself, change it, leave. */
const passwordChangeRoutes = new Set([
  'GET /api/v1/me',
  'POST /api/v1/me/password',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/console/logout',
]);

const routePath = (c: Context<AuthedEnv>) => c.req.path.replace(/\/+$/, '');

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * The routes whose work runs in the store's Durable Object (a sale, a sync batch): their session
 * is read by that object, on the store's warm connection, together with whether the body's
 * store is live, so the Worker opens no database connection of its own for them.
 */
const storeRoutedPaths = new Set(['/api/v1/transactions', '/api/v1/sync/transactions']);

/** The store a store-routed request names in its body, if it names one well-formed. */
async function bodyStoreId(c: Context<AuthedEnv>): Promise<string | undefined> {
  if (c.req.method !== 'POST' || !storeRoutedPaths.has(c.req.path.replace(/\/+$/, ''))) {
    return undefined;
  }
  const body: unknown = await c.req.json().catch(() => undefined);
  const storeId = (body as { storeId?: unknown } | null)?.storeId;
  // The bodies' own rule for an id: a store id they would refuse is left to their validation.
  const parsed = id.safeParse(storeId);
  return parsed.success ? parsed.data : undefined;
}

/** The session row: read by the store's object for a store-routed request, else here. */
async function readSession(
  c: Context<AuthedEnv>,
  claims: SessionClaims,
): Promise<SessionRecord | undefined> {
  const storeId = await bodyStoreId(c);
  if (!storeId) return loadSession(c.var.database.db, claims);
  const record = await callStore<SessionRecord | undefined>(c, storeId, (store) =>
    store.readSession(claims, storeId, c.var.requestId),
  );
  if (record) c.set('storeChecked', { storeId, isLive: record.storeIsLive });
  return record;
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
  // Counted before the session is read: a flood costs no database work.
  await enforceRateLimits(c.env, sessionChecks({ method: c.req.method, path: c.req.path }, claims));

  const row = await readSession(c, claims);
  // Before the session's own state: suspension ends every session, and its users must learn why.
  if (row && row.companyStatus !== 'active') throw companySuspended();
  if (!row || row.revokedAt || row.expiresAt <= c.var.now) throw sessionEnded();
  if (!row.isActive || row.userDeletedAt) {
    throw new ApiError('UNAUTHENTICATED', { detail: { key: 'auth.accountDisabled' } });
  }
  if (row.mustChangePassword && !passwordChangeRoutes.has(`${c.req.method} ${routePath(c)}`)) {
    throw new ApiError('PASSWORD_CHANGE_REQUIRED', {
      detail: { key: 'auth.passwordChangeRequired' },
    });
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
