import * as z from 'zod';
import { userRoles } from '../../../db/schema';
import { id, listOf, timestamp } from '../../../lib/api-schemas';
import { normalizeIndonesianPhone } from '../../../lib/phone';

export const passwordSchema = z
  .string()
  .min(8, 'validation.passwordLength')
  .max(128, 'validation.passwordLength');

export const emailSchema = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());

export const phoneSchema = z
  .string()
  .max(32)
  .transform((phone, ctx) => {
    const normalized = normalizeIndonesianPhone(phone);
    if (!normalized) {
      ctx.addIssue({ code: 'custom', message: 'validation.phoneFormat' });
      return z.NEVER;
    }
    return normalized;
  });

export const deviceSchema = z.strictObject({
  /** A stable id the PWA keeps for the device (e.g. a random UUID in IndexedDB). */
  fingerprint: z.string().min(8).max(256),
  name: z.string().trim().min(1).max(100),
  platform: z.string().trim().min(1).max(50),
});

export const loginSchema = z
  .strictObject({
    email: emailSchema.optional(),
    phone: phoneSchema.optional(),
    password: z.string().min(1).max(128),
    device: deviceSchema,
  })
  .refine((body) => (body.email === undefined) !== (body.phone === undefined), {
    message: 'validation.loginRequired',
    path: ['email'],
  });

export const refreshSchema = z.strictObject({
  refreshToken: z.string().min(20).max(200),
  fingerprint: z.string().min(8).max(256),
});

export const sessionListQuery = z.strictObject({
  scope: z.enum(['mine', 'company']).default('mine'),
  userId: z.uuid().optional(),
  includeRevoked: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const sessionIdParam = z.strictObject({ id: z.uuid() });

/** A signed-in user as the token pair names them (platform admins sign in here too). */
const tokenUserSchema = z.object({
  id,
  companyId: id,
  name: z.string().meta({ example: 'Budi' }),
  role: z.enum(userRoles),
  mustChangePassword: z.boolean().meta({
    description: 'Change the password first (POST /me/password): other requests answer 403',
  }),
});

/** What sign-in and refresh answer: a short-lived access token and a one-use refresh token. */
export const tokenPairSchema = z
  .object({
    tokenType: z.literal('Bearer'),
    accessToken: z.string().meta({ description: 'JWT, sent as `Authorization: Bearer …`' }),
    accessTokenExpiresAt: timestamp,
    refreshToken: z.string().meta({
      description: 'Opaque, used once: POST it to /auth/refresh for the next pair',
    }),
    refreshTokenExpiresAt: timestamp,
    sessionId: id.meta({ description: 'The device session this pair belongs to' }),
    user: tokenUserSchema,
  })
  .meta({ id: 'TokenPair' });

export const deviceSessionSchema = z
  .object({
    id,
    userId: id,
    userName: z.string().meta({ example: 'Budi' }),
    userRole: z.enum(userRoles),
    deviceName: z.string().meta({ example: 'Kasir Depan' }),
    platform: z.string().meta({ example: 'android' }),
    ipAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
    createdAt: timestamp,
    lastSeenAt: timestamp,
    expiresAt: timestamp,
    revokedAt: timestamp.nullable(),
    revokedReason: z
      .string()
      .nullable()
      .meta({
        description:
          'Why it ended: logout, logout_all, revoked, refresh_token_reuse, password_changed, ' +
          'password_reset, user_deactivated',
        example: 'logout',
      }),
    current: z.boolean().meta({ description: 'The session of the access token that asked' }),
  })
  .meta({ id: 'DeviceSession' });

export const deviceSessionListSchema = listOf(deviceSessionSchema);

export const logoutAllSchema = z.object({
  revokedSessions: z.int().min(0).meta({ description: 'How many live sessions were ended' }),
});

/** What the console's sign-in and refresh answer: the pair without its refresh token (a cookie). */
export const consoleSessionSchema = tokenPairSchema
  .omit({ refreshToken: true })
  .meta({ id: 'ConsoleSession' });
