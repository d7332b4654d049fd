import * as z from 'zod';
import { platformPermissions, tenantPermissions } from '../../../auth/permissions';
import {
  companyKinds,
  companyLanguages,
  companyStatuses,
  storeTimezones,
  userRoles,
} from '../../../db/schema';
import { id, timestamp } from '../../../lib/api-schemas';
import { passwordSchema } from '../auth/schemas';

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: passwordSchema,
});

/** The caller, their company, the stores they work in and what they may do. */
export const meSchema = z
  .object({
    user: z.object({
      id,
      name: z.string().meta({ example: 'Budi' }),
      email: z.string().nullable().meta({ example: 'budi@warungkopi.id' }),
      phone: z.string().nullable().meta({ description: 'E.164', example: '+6281234567890' }),
      role: z.enum(userRoles),
      lastLoginAt: timestamp.nullable(),
      mustChangePassword: z.boolean().meta({
        description:
          'Someone else chose the password: until POST /me/password, other requests answer 403',
      }),
    }),
    company: z.object({
      id,
      name: z.string().meta({ example: 'Warung Kopi Nusantara' }),
      status: z.enum(companyStatuses),
      kind: z.enum(companyKinds),
      defaultLanguage: z.enum(companyLanguages),
    }),
    stores: z
      .array(
        z.object({
          id,
          code: z.string().meta({ example: 'JKT01' }),
          name: z.string().meta({ example: 'Cabang Kemang' }),
          timezone: z.enum(storeTimezones),
        }),
      )
      .meta({ description: 'The live stores the caller works in, by code' }),
    permissions: z
      .array(z.enum([...tenantPermissions, ...platformPermissions]))
      .meta({ description: 'Effective permissions (role defaults with per-user changes), sorted' }),
    sessionId: id,
  })
  .meta({ id: 'Me' });
