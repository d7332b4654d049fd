import type { Context } from 'hono';
import { Hono } from 'hono';
import { authenticate } from '../../../auth/context';
import { hasPermission, mayManageRole } from '../../../auth/policy';
import type { AppEnv, AuthedEnv } from '../../../env';
import { ApiError } from '../../../lib/errors';
import { validate } from '../../../lib/validation';
import { recordAudit } from '../../../services/audit';
import {
  findSession,
  listSessions,
  liveSessionIds,
  revokeSessions,
} from '../../../services/device-sessions';
import {
  type AuthDeps,
  refreshGraceSeconds,
  refreshSession,
  signIn,
} from '../../../services/sign-in';
import { loginSchema, refreshSchema, sessionIdParam, sessionListQuery } from './schemas';

function authDeps(c: Context<AppEnv>): AuthDeps {
  return {
    db: c.var.database.db,
    keys: c.env,
    logger: c.var.logger,
    jobs: c.env.JOBS,
    refreshGraceSeconds: refreshGraceSeconds(c.env),
    now: c.var.now,
    origin: {
      requestId: c.var.requestId,
      ipAddress: c.var.clientAddress,
      userAgent: c.req.header('User-Agent') ?? null,
    },
  };
}

/** Sign-in and token refresh: the only routes that work without an access token. */
const publicRoutes = new Hono<AppEnv>()
  .post('/login', validate('json', loginSchema), async (c) => {
    const body = c.req.valid('json');
    const login = body.email ?? body.phone ?? '';
    const tokens = await signIn(authDeps(c), {
      login,
      password: body.password,
      device: body.device,
    });
    return c.json(tokens, 201);
  })
  .post('/refresh', validate('json', refreshSchema), async (c) => {
    const tokens = await refreshSession(authDeps(c), c.req.valid('json'));
    return c.json(tokens);
  });

const sessionNotFound = () => new ApiError('NOT_FOUND', { detail: { key: 'sessions.notFound' } });

/**
 * The caller's device sessions, and (with users.manage) the company's. `authenticate` is named on
 * each route: a `.use()` here would also cover /login and /refresh, which share this prefix.
 */
const sessionRoutes = new Hono<AuthedEnv>()
  .get('/sessions', authenticate, validate('query', sessionListQuery), async (c) => {
    const query = c.req.valid('query');
    const { auth } = c.var;
    const seesOthers = hasPermission(auth, 'users.manage');
    if (
      (query.scope === 'company' || (query.userId && query.userId !== auth.userId)) &&
      !seesOthers
    ) {
      throw new ApiError('FORBIDDEN', {
        detail: { key: 'auth.permissionMissing', params: { permission: 'users.manage' } },
      });
    }
    const userId = query.scope === 'mine' ? auth.userId : query.userId;
    const sessions = await listSessions(c.var.database.db, {
      companyId: auth.companyId,
      userId,
      includeRevoked: query.includeRevoked,
      limit: query.limit,
    });
    return c.json({
      data: sessions.map((session) => ({ ...session, current: session.id === auth.sessionId })),
    });
  })
  .delete('/sessions/:id', authenticate, validate('param', sessionIdParam), async (c) => {
    const { auth } = c.var;
    const db = c.var.database.db;
    const session = await findSession(db, auth.companyId, c.req.valid('param').id);
    if (!session) throw sessionNotFound();
    const ownSession = session.userId === auth.userId;
    if (
      !ownSession &&
      !(hasPermission(auth, 'users.manage') && mayManageRole(auth.role, session.userRole))
    ) {
      throw new ApiError('FORBIDDEN', {
        detail: { key: 'users.roleNotAllowed', params: { role: session.userRole } },
      });
    }
    const now = c.var.now;
    await db.transaction(async (tx) => {
      const revoked = await revokeSessions(tx, auth.companyId, [session.id], 'revoked', now);
      if (revoked.length > 0) {
        await recordAudit(tx, c.var.auth, {
          action: 'auth.session_revoke',
          entityType: 'device_session',
          entityId: session.id,
          after: { userId: session.userId, revokedReason: 'revoked' },
        });
      }
    });
    return c.body(null, 204);
  })
  .post('/logout', authenticate, async (c) => {
    const { auth } = c.var;
    await c.var.database.db.transaction(async (tx) => {
      await revokeSessions(tx, auth.companyId, [auth.sessionId], 'logout', c.var.now);
      await recordAudit(tx, c.var.auth, {
        action: 'auth.logout',
        entityType: 'device_session',
        entityId: auth.sessionId,
      });
    });
    return c.body(null, 204);
  })
  .post('/logout-all', authenticate, async (c) => {
    const { auth } = c.var;
    const revoked = await c.var.database.db.transaction(async (tx) => {
      const sessionIds = await liveSessionIds(tx, auth.companyId, auth.userId);
      const ended = await revokeSessions(tx, auth.companyId, sessionIds, 'logout_all', c.var.now);
      await recordAudit(tx, c.var.auth, {
        action: 'auth.logout_all',
        entityType: 'user',
        entityId: auth.userId,
        after: { revokedSessions: ended.length },
      });
      return ended.length;
    });
    return c.json({ revokedSessions: revoked });
  });

export const authRoutes = new Hono<AppEnv>().route('/', publicRoutes).route('/', sessionRoutes);
