import type { Context } from 'hono';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { authenticate } from '../../../auth/context';
import type { AppEnv, AuthedEnv } from '../../../env';
import { allowedOrigins } from '../../../lib/cors-origins';
import { ApiError } from '../../../lib/errors';
import { documents, operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { refreshSession, signIn, type TokenPair } from '../../../services/sign-in';
import { authDeps, signOut } from './deps';
import { consoleSessionSchema, loginSchema } from './schemas';

/**
 * The console's sign-in (console/ on Cloudflare Pages). A browser must not keep a refresh token
 * where page scripts can read it, so here it lives in an httpOnly, SameSite=Strict cookie scoped
 * to these routes, and the answer carries the access token only (the console keeps it in memory
 * and refreshes through the cookie after a reload). The till's routes (/login, /refresh) are
 * unchanged. Against cross-site request forgery, every route here wants the
 * `X-Kasir-Console: 1` header (a custom header forces a CORS preflight, which only the allowed
 * origins pass) and an `Origin` that is either one of CORS_ORIGINS or the API's own.
 */
export const consoleCookieName = 'kasir_console';
const cookiePath = '/api/v1/auth/console';
/** Cashiers sell from the till; the console opens for owners, managers and operators. */
const refusedRoles = ['cashier'] as const;

function cookieHeader(c: Context, value: string, maxAgeSeconds: number): string {
  const secure = new URL(c.req.url).protocol === 'https:' ? '; Secure' : '';
  return (
    `${consoleCookieName}=${encodeURIComponent(value)}; Path=${cookiePath}; ` +
    `Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure}`
  );
}

/** The cookie holds the device fingerprint beside the refresh token: refresh wants both. */
function sessionCookie(c: Context<AppEnv>, fingerprint: string, tokens: TokenPair): string {
  const lifetime = Math.floor(
    (Date.parse(tokens.refreshTokenExpiresAt) - c.var.now.getTime()) / 1000,
  );
  return cookieHeader(c, `${fingerprint}:${tokens.refreshToken}`, Math.max(lifetime, 0));
}

const clearedCookie = (c: Context) => cookieHeader(c, '', 0);

function consoleSession({ refreshToken: _kept, ...session }: TokenPair) {
  return session;
}

const originRefused = () =>
  new ApiError('FORBIDDEN', { detail: { key: 'auth.consoleOriginRefused' } });

function assertFromConsole<E extends AppEnv>(c: Context<E>): void {
  if (c.req.header('X-Kasir-Console') !== '1') throw originRefused();
  const origin = c.req.header('Origin');
  const ownOrigin = new URL(c.req.url).origin;
  if (!origin || (origin !== ownOrigin && !allowedOrigins(c.env.CORS_ORIGINS).has(origin))) {
    throw originRefused();
  }
}

/** The cookie's fingerprint and refresh token; 401 when the browser has none. */
function readSessionCookie(c: Context<AppEnv>): { fingerprint: string; refreshToken: string } {
  const value = getCookie(c, consoleCookieName) ?? '';
  const separator = value.lastIndexOf(':');
  if (separator <= 0) {
    throw new ApiError('UNAUTHENTICATED', {
      detail: { key: 'auth.consoleCookieMissing' },
      headers: { 'Set-Cookie': clearedCookie(c) },
    });
  }
  return { fingerprint: value.slice(0, separator), refreshToken: value.slice(separator + 1) };
}

/** Documents the cookie as this route's credential (the route sweep then checks its 401). */
const consoleCookie = documents(
  createMiddleware<AppEnv>((_c, next) => next()),
  { spec: { security: [{ consoleSession: [] }] } },
);

const consoleErrors = ['FORBIDDEN'] as const;

export const consoleAuthRoutes = new Hono<AppEnv>()
  .post(
    '/login',
    operation({
      operationId: 'signInToConsole',
      tag: 'auth',
      summary: { id: 'Masuk ke konsol', en: 'Sign in to the console' },
      description: {
        id:
          'Seperti POST /auth/login, tetapi refresh token disimpan di cookie httpOnly ' +
          '(kasir_console, SameSite=Strict) dan jawaban hanya memuat access token. Butuh header ' +
          'X-Kasir-Console: 1 dan Origin konsol. Kasir ditolak (403): mereka memakai aplikasi kasir.',
        en:
          'Like POST /auth/login, but the refresh token is kept in an httpOnly cookie ' +
          '(kasir_console, SameSite=Strict) and the answer carries the access token only. Needs ' +
          'the X-Kasir-Console: 1 header and the console’s Origin. Cashiers are refused (403): ' +
          'they use the till app.',
      },
      requestExample: {
        email: 'pemilik@kopinusantara.test',
        password: 'kasir-demo-2026',
        device: {
          fingerprint: 'console-7f3c2a90-browser',
          name: 'Konsol · Chrome',
          platform: 'web',
        },
      },
      responses: {
        201: {
          description: { id: 'Berhasil masuk', en: 'Signed in' },
          schema: consoleSessionSchema,
        },
      },
      errors: ['INVALID_CREDENTIALS', 'COMPANY_SUSPENDED', 'RATE_LIMITED', ...consoleErrors],
    }),
    async (c, next) => {
      assertFromConsole(c);
      await next();
    },
    validate('json', loginSchema),
    async (c) => {
      const body = c.req.valid('json');
      const tokens = await signIn(authDeps(c), {
        login: body.email ?? body.phone ?? '',
        password: body.password,
        device: body.device,
        refusedRoles,
      });
      c.header('Set-Cookie', sessionCookie(c, body.device.fingerprint, tokens));
      return c.json(consoleSession(tokens), 201);
    },
  )
  .post(
    '/refresh',
    operation({
      operationId: 'refreshConsoleSession',
      tag: 'auth',
      summary: { id: 'Perbarui sesi konsol', en: 'Refresh the console session' },
      description: {
        id:
          'Tanpa body: refresh token dibaca dari cookie kasir_console dan diganti (cookie baru); ' +
          'jawaban memuat access token baru. Gagal → 401 dan cookie dihapus.',
        en:
          'No body: the refresh token is read from the kasir_console cookie and rotated (a new ' +
          'cookie); the answer carries a new access token. On failure: 401 and the cookie is cleared.',
      },
      responses: {
        200: {
          description: { id: 'Access token baru', en: 'A new access token' },
          schema: consoleSessionSchema,
        },
      },
      errors: ['UNAUTHENTICATED', 'COMPANY_SUSPENDED', ...consoleErrors],
    }),
    consoleCookie,
    async (c) => {
      const { fingerprint, refreshToken } = readSessionCookie(c);
      assertFromConsole(c);
      try {
        const tokens = await refreshSession(authDeps(c), { fingerprint, refreshToken });
        c.header('Set-Cookie', sessionCookie(c, fingerprint, tokens));
        return c.json(consoleSession(tokens));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          error.headers['Set-Cookie'] = clearedCookie(c);
        }
        throw error;
      }
    },
  )
  .post(
    '/logout',
    operation({
      operationId: 'signOutOfConsole',
      tag: 'auth',
      summary: { id: 'Keluar dari konsol', en: 'Sign out of the console' },
      description: {
        id: 'Mengakhiri sesi perangkat dari access token ini dan menghapus cookie konsol.',
        en: 'Ends the device session of this access token and clears the console cookie.',
      },
      responses: { 204: { description: { id: 'Sudah keluar', en: 'Signed out' } } },
      errors: [...consoleErrors],
    }),
    authenticate,
    async (c: Context<AuthedEnv>) => {
      assertFromConsole(c);
      await signOut(c);
      c.header('Set-Cookie', clearedCookie(c));
      return c.body(null, 204);
    },
  );
