import * as z from 'zod';
import { tenantPermissions } from '../../../auth/permissions';
import { id, pageOf, timestamp, version } from '../../../lib/api-schemas';
import { booleanQuery, pageQuery } from '../../../lib/list-query';
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
  ...pageQuery,
  role: tenantRole.optional(),
  active: booleanQuery,
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

/** A staff member as the API shows them: never the password or PIN hashes. */
export const userSchema = z
  .object({
    id,
    name: z.string().meta({ example: 'Budi' }),
    email: z.string().nullable().meta({ example: 'budi@warungkopi.id' }),
    phone: z.string().nullable().meta({ description: 'E.164', example: '+6281234567890' }),
    role: tenantRole,
    isActive: z.boolean(),
    mustChangePassword: z.boolean().meta({
      description: 'The password was set by someone else; until changed, only /me works',
    }),
    permissionsGranted: z
      .array(z.enum(tenantPermissions))
      .meta({ description: 'Added to the role’s defaults' }),
    permissionsRevoked: z
      .array(z.enum(tenantPermissions))
      .meta({ description: 'Taken from the role’s defaults' }),
    storeIds: z.array(id).meta({ description: 'The stores assigned (owners work in every store)' }),
    lastLoginAt: timestamp.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    version,
  })
  .meta({ id: 'User' });

export const userPageSchema = pageOf(userSchema);
