import { Hono } from 'hono';
import { authenticate } from '../../../auth/context';
import { hasPermission, mayManageRole } from '../../../auth/policy';
import type { AppEnv, AuthedEnv } from '../../../env';
import { ApiError } from '../../../lib/errors';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { recordAudit } from '../../../services/audit';
import {
  findSession,
  listSessions,
  liveSessionIds,
  revokeSessions,
} from '../../../services/device-sessions';
import { refreshSession, signIn } from '../../../services/sign-in';
import { consoleAuthRoutes } from './console';
import { authDeps, signOut } from './deps';
import {
  deviceSessionListSchema,
  loginSchema,
  logoutAllSchema,
  refreshSchema,
  sessionIdParam,
  sessionListQuery,
  tokenPairSchema,
} from './schemas';

/** Sign-in and token refresh: the only routes that work without an access token. */
const publicRoutes = new Hono<AppEnv>()
  .post(
    '/login',
    operation({
      operationId: 'signIn',
      tag: 'auth',
      summary: { id: 'Masuk', en: 'Sign in' },
      description: {
        id:
          'Masuk dengan e-mail atau nomor HP (salah satu) dan kata sandi; membuka sesi perangkat ' +
          'baru. Terlalu banyak kegagalan mengunci sementara: 429 dengan header Retry-After ' +
          '(detik).',
        en:
          'Sign in with an e-mail or a phone number (exactly one) and the password; opens a new ' +
          'device session. Too many failures lock sign-in for a while: 429 with a Retry-After ' +
          'header (seconds).',
      },
      requestExample: {
        phone: '081234567890',
        password: 'rahasia-kasir-123',
        device: { fingerprint: 'c0ffee00-till-0001', name: 'Kasir Depan', platform: 'android' },
      },
      responses: {
        201: {
          description: { id: 'Berhasil masuk', en: 'Signed in' },
          schema: tokenPairSchema,
        },
      },
      errors: ['INVALID_CREDENTIALS', 'COMPANY_SUSPENDED', 'RATE_LIMITED'],
    }),
    validate('json', loginSchema),
    async (c) => {
      const body = c.req.valid('json');
      const login = body.email ?? body.phone ?? '';
      const tokens = await signIn(authDeps(c), {
        login,
        password: body.password,
        device: body.device,
      });
      return c.json(tokens, 201);
    },
  )
  .post(
    '/refresh',
    operation({
      operationId: 'refreshSession',
      tag: 'auth',
      summary: { id: 'Perbarui token', en: 'Refresh the tokens' },
      description: {
        id:
          'Tukar refresh token (sekali pakai) dengan pasangan token baru dari perangkat yang sama. ' +
          'Refresh token yang dipakai ulang mencabut seluruh sesi perangkat.',
        en:
          'Trade the one-use refresh token for a new pair, from the same device. A refresh token ' +
          'presented again revokes the whole device session.',
      },
      requestExample: {
        refreshToken: 'n3Q5x0a8Vb2LkT7yWq4R9sZ1',
        fingerprint: 'c0ffee00-till-0001',
      },
      responses: {
        200: { description: { id: 'Token baru', en: 'The new pair' }, schema: tokenPairSchema },
      },
      errors: ['UNAUTHENTICATED', 'COMPANY_SUSPENDED'],
    }),
    validate('json', refreshSchema),
    async (c) => {
      const tokens = await refreshSession(authDeps(c), c.req.valid('json'));
      return c.json(tokens);
    },
  );

const sessionNotFound = () => new ApiError('NOT_FOUND', { detail: { key: 'sessions.notFound' } });

/**
 * The caller's device sessions, and (with users.manage) the company's. `authenticate` is named on
 * each route: a `.use()` here would also cover /login and /refresh, which share this prefix.
 */
const sessionRoutes = new Hono<AuthedEnv>()
  .get(
    '/sessions',
    operation({
      operationId: 'listSessions',
      tag: 'auth',
      summary: { id: 'Sesi perangkat', en: 'Device sessions' },
      description: {
        id:
          'Sesi milik sendiri (scope=mine); sesi orang lain (userId) atau seluruh perusahaan ' +
          '(scope=company) butuh izin users.manage. Urut dari yang terakhir aktif.',
        en:
          'Your own sessions (scope=mine); another user’s (userId) or the whole company’s ' +
          '(scope=company) need users.manage. Most recently seen first.',
      },
      responses: {
        200: { description: { id: 'Sesi', en: 'Sessions' }, schema: deviceSessionListSchema },
      },
      errors: ['FORBIDDEN'],
    }),
    authenticate,
    validate('query', sessionListQuery),
    async (c) => {
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
    },
  )
  .delete(
    '/sessions/:id',
    operation({
      operationId: 'revokeSession',
      tag: 'auth',
      summary: { id: 'Cabut sesi perangkat', en: 'Revoke a device session' },
      description: {
        id:
          'Sesi sendiri selalu boleh; sesi orang lain butuh users.manage dan peran yang boleh ' +
          'dikelola. Refresh token-nya berhenti berlaku seketika.',
        en:
          'Your own session always; someone else’s needs users.manage and a role you may ' +
          'manage. Its refresh tokens stop working at once.',
      },
      responses: { 204: { description: { id: 'Dicabut', en: 'Revoked' } } },
      errors: ['FORBIDDEN'],
    }),
    authenticate,
    validate('param', sessionIdParam),
    async (c) => {
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
    },
  )
  .post(
    '/logout',
    operation({
      operationId: 'signOut',
      tag: 'auth',
      summary: { id: 'Keluar', en: 'Sign out' },
      description: {
        id: 'Mengakhiri sesi perangkat dari access token ini.',
        en: 'Ends the device session of this access token.',
      },
      responses: { 204: { description: { id: 'Sudah keluar', en: 'Signed out' } } },
    }),
    authenticate,
    async (c) => {
      await signOut(c);
      return c.body(null, 204);
    },
  )
  .post(
    '/logout-all',
    operation({
      operationId: 'signOutEverywhere',
      tag: 'auth',
      summary: { id: 'Keluar dari semua perangkat', en: 'Sign out everywhere' },
      description: {
        id: 'Mengakhiri semua sesi aktif milik pengguna ini, termasuk sesi ini.',
        en: 'Ends every live session of the caller, this one included.',
      },
      responses: {
        200: {
          description: { id: 'Sesi diakhiri', en: 'Sessions ended' },
          schema: logoutAllSchema,
        },
      },
    }),
    authenticate,
    async (c) => {
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
    },
  );

export const authRoutes = new Hono<AppEnv>()
  .route('/', publicRoutes)
  .route('/', sessionRoutes)
  .route('/console', consoleAuthRoutes);
