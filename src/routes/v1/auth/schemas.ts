import { z } from 'zod';
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
