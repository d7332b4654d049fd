import { z } from 'zod';
import { tenantPermissions } from '../../../auth/permissions';
import { emailSchema, passwordSchema, phoneSchema } from '../auth/schemas';

const tenantRole = z.enum(['owner', 'manager', 'cashier']);
const permissionList = z.array(z.enum(tenantPermissions)).max(tenantPermissions.length);
/** Store ids, each once: a repeated id is the same assignment. */
const storeIdList = z
  .array(z.uuid())
  .max(500)
  .transform((ids) => [...new Set(ids)]);
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'validation.pinFormat');

export const listUsersQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
  role: tenantRole.optional(),
  active: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  search: z.string().trim().min(1).max(100).optional(),
});

export const userIdParam = z.strictObject({ id: z.uuid() });

export const createUserBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    email: emailSchema.optional(),
    phone: phoneSchema.optional(),
    role: tenantRole,
    password: passwordSchema,
    pin: pinSchema.optional(),
    storeIds: storeIdList.default([]),
    permissionsGranted: permissionList.optional(),
    permissionsRevoked: permissionList.optional(),
  })
  .refine((body) => body.email !== undefined || body.phone !== undefined, {
    message: 'validation.loginRequired',
    path: ['email'],
  });

export const updateUserBody = z.strictObject({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(100).optional(),
  email: emailSchema.nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  role: tenantRole.optional(),
  pin: pinSchema.nullable().optional(),
  permissionsGranted: permissionList.optional(),
  permissionsRevoked: permissionList.optional(),
});

export const resetPasswordBody = z.strictObject({ password: passwordSchema });

export const assignStoresBody = z.strictObject({ storeIds: storeIdList });
