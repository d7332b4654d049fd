import { asc, eq, inArray, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { authenticate } from '../../../auth/context';
import { hashPassword, verifyPassword } from '../../../auth/passwords';
import { readableStores } from '../../../auth/policy';
import { companies, stores, users } from '../../../db/schema';
import { inCompany } from '../../../db/tenancy';
import type { AuthedEnv } from '../../../env';
import { ApiError } from '../../../lib/errors';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { recordAudit } from '../../../services/audit';
import { liveSessionIds, revokeSessions } from '../../../services/device-sessions';
import { changePasswordBody, meSchema } from './schemas';

/** The caller: who they are, their company, the stores they work in, what they may do. */
export const meRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .get(
    '/',
    operation({
      operationId: 'getMe',
      tag: 'me',
      summary: { id: 'Akun saya', en: 'My account' },
      description: {
        id: 'Pengguna yang masuk, perusahaannya, toko tempat ia bekerja, dan izinnya.',
        en: 'The signed-in user, their company, the stores they work in and their permissions.',
      },
      responses: {
        200: { description: { id: 'Akun', en: 'The account' }, schema: meSchema },
      },
    }),
    async (c) => {
      const { auth } = c.var;
      const db = c.var.database.db;
      const [row] = await db
        .select({ user: users, company: companies })
        .from(users)
        .innerJoin(companies, eq(companies.id, users.companyId))
        .where(inCompany(users, auth.companyId, eq(users.id, auth.userId)));
      if (!row) throw new ApiError('UNAUTHENTICATED', { detail: { key: 'auth.sessionEnded' } });
      const storeColumns = {
        id: stores.id,
        code: stores.code,
        name: stores.name,
        timezone: stores.timezone,
      };
      // The stores the policy says the caller works in.
      const readable = readableStores(auth);
      const workStores = await db
        .select(storeColumns)
        .from(stores)
        .where(
          inCompany(
            stores,
            auth.companyId,
            isNull(stores.deletedAt),
            readable === 'all' ? undefined : inArray(stores.id, readable),
          ),
        )
        .orderBy(asc(stores.code));
      const { user, company } = row;
      return c.json({
        user: {
          id: user.id,
          name: user.name,
          email: user.email,
          phone: user.phone,
          role: user.role,
          lastLoginAt: user.lastLoginAt,
          mustChangePassword: user.mustChangePassword,
        },
        company: {
          id: company.id,
          name: company.name,
          status: company.status,
          kind: company.kind,
          defaultLanguage: company.defaultLanguage,
        },
        stores: workStores,
        permissions: [...auth.permissions].sort(),
        sessionId: auth.sessionId,
      });
    },
  )
  .post(
    '/password',
    operation({
      operationId: 'changeMyPassword',
      tag: 'me',
      summary: { id: 'Ganti kata sandi', en: 'Change my password' },
      description: {
        id:
          'Butuh kata sandi saat ini. Sesi di perangkat lain diakhiri; sesi ini tetap berlaku. ' +
          'Kata sandi saat ini yang salah dijawab 401 INVALID_CREDENTIALS. Mengakhiri ' +
          'mustChangePassword: selama pengguna yang kata sandinya dipilih orang lain belum ' +
          'menggantinya, permintaan lain dijawab 403 PASSWORD_CHANGE_REQUIRED.',
        en:
          'Needs the current password. Sessions on other devices end; this one stays. A wrong ' +
          'current password answers 401 INVALID_CREDENTIALS. Ends mustChangePassword: until a ' +
          'user whose password someone else chose (onboarding, an operator reset) has picked ' +
          'their own, every other request answers 403 PASSWORD_CHANGE_REQUIRED.',
      },
      requestExample: { currentPassword: 'rahasia-kasir-123', newPassword: 'kopi-susu-2026' },
      responses: { 204: { description: { id: 'Kata sandi diganti', en: 'Password changed' } } },
      errors: ['INVALID_CREDENTIALS'],
    }),
    validate('json', changePasswordBody),
    async (c) => {
      const { auth } = c.var;
      const body = c.req.valid('json');
      const db = c.var.database.db;
      const [user] = await db
        .select({ passwordHash: users.passwordHash })
        .from(users)
        .where(inCompany(users, auth.companyId, eq(users.id, auth.userId)));
      if (!user || !(await verifyPassword(body.currentPassword, user.passwordHash))) {
        throw new ApiError('INVALID_CREDENTIALS', { detail: { key: 'auth.invalidCredentials' } });
      }
      const passwordHash = await hashPassword(body.newPassword);
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ passwordHash, mustChangePassword: false })
          .where(inCompany(users, auth.companyId, eq(users.id, auth.userId)));
        // Other devices sign in again; this one keeps its session.
        const others = (await liveSessionIds(tx, auth.companyId, auth.userId)).filter(
          (id) => id !== auth.sessionId,
        );
        const revoked = await revokeSessions(
          tx,
          auth.companyId,
          others,
          'password_changed',
          c.var.now,
        );
        await recordAudit(tx, c.var.auth, {
          action: 'user.password_change',
          entityType: 'user',
          entityId: auth.userId,
          after: { revokedSessions: revoked.length },
        });
      });
      return c.body(null, 204);
    },
  );
