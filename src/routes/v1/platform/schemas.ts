import * as z from 'zod';
import { companyPlans, companyStatuses } from '../../../db/schema';
import { pageOf, timestamp } from '../../../lib/api-schemas';
import { pageQuery } from '../../../lib/list-query';
import { emailSchema, passwordSchema, phoneSchema } from '../auth/schemas';
import { companyProfileFields, companySchema, updateCompanyBody } from '../company/schemas';
import { createStoreBody, storeSchema } from '../stores/schemas';
import { userSchema } from '../users/schemas';

export const companyIdParam = z.strictObject({ id: z.uuid() });
export const companyStoreParam = z.strictObject({ id: z.uuid(), storeId: z.uuid() });
export const companyUserParam = z.strictObject({ id: z.uuid(), userId: z.uuid() });

/** The client's key that makes a POST safe to send again (a retry after a lost answer). */
export const idempotencyHeader = z.object({
  'idempotency-key': z
    .string({ error: 'platform.idempotencyKeyMissing' })
    .regex(/^[\x21-\x7e]{8,128}$/, 'platform.idempotencyKeyMissing')
    .meta({
      description:
        'Sama kunci + sama isi → hasil yang sama; isi lain → 409 · Same key and body → the same ' +
        'result; another body → 409',
      example: 'onboard-2026-12-06-warung-sate-01',
    }),
});

export const onboardCompanyBody = z.strictObject({
  company: z.strictObject({
    ...companyProfileFields,
    legalName: companyProfileFields.legalName.optional(),
    npwp: companyProfileFields.npwp.optional(),
    isPkp: companyProfileFields.isPkp.optional(),
    address: companyProfileFields.address.optional(),
    phone: companyProfileFields.phone.optional(),
    logoUrl: companyProfileFields.logoUrl.optional(),
    defaultLanguage: companyProfileFields.defaultLanguage.optional(),
    plan: z.enum(companyPlans).optional(),
  }),
  owner: z
    .strictObject({
      name: z.string().trim().min(1).max(100),
      email: emailSchema.optional(),
      phone: phoneSchema.optional(),
      initialPassword: passwordSchema.meta({
        description: 'Temporary: the owner must change it at the first sign-in',
      }),
    })
    .refine((owner) => owner.email !== undefined || owner.phone !== undefined, {
      message: 'validation.loginRequired',
      path: ['email'],
    }),
  stores: z.array(createStoreBody).min(1).max(50),
});

export const onboardingSchema = z
  .object({ company: companySchema, owner: userSchema, stores: z.array(storeSchema) })
  .meta({ id: 'Onboarding' });

export const platformUpdateCompanyBody = updateCompanyBody.extend({
  plan: z.enum(companyPlans).optional(),
});

export const suspendBody = z.strictObject({
  reason: z.string().trim().min(1).max(500).meta({ example: 'Tagihan belum dibayar 60 hari' }),
});

export const resetAccessBody = z.strictObject({ initialPassword: passwordSchema });

export const listCompaniesQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(companyStatuses).optional(),
  search: z.string().trim().min(1).max(100).optional().meta({
    description: 'Nama/nama resmi, NPWP, atau nomor HP · Name, legal name, NPWP or phone',
  }),
});

const healthSchema = z.object({
  stores: z.int(),
  activeDevices: z.int().meta({ description: 'Live device sessions' }),
  lastSaleAt: timestamp.nullable(),
  lastSyncAt: timestamp.nullable().meta({ description: 'When an upload last completed' }),
  failedBatches24h: z.int(),
  stalledBatches24h: z.int(),
  salesToday: z.int().meta({ description: 'Sales of each store’s current business day' }),
  salesTodayTotal: z.int().meta({ description: 'Rupiah' }),
});

export const companyWithHealthSchema = companySchema
  .extend({ health: healthSchema })
  .meta({ id: 'CompanyWithHealth' });

export const companyPageSchema = pageOf(companyWithHealthSchema);

export const deadJobListQuery = z.strictObject(pageQuery);
export const deadJobIdParam = z.strictObject({ id: z.uuid() });

export const deadJobSchema = z
  .object({
    id: z.uuid(),
    messageId: z.string(),
    queue: z.string().meta({ example: 'kasir-jobs' }),
    type: z.string().nullable().meta({ example: 'reports.export' }),
    companyId: z.uuid().nullable(),
    payload: z.unknown().meta({ description: 'The job’s body, credentials redacted' }),
    error: z.string().nullable().meta({ description: 'The last failure the consumer saw' }),
    attempts: z.int().min(0),
    deadAt: timestamp,
    retriedAt: timestamp.nullable(),
    retriedBy: z.uuid().nullable(),
    dismissedAt: timestamp.nullable(),
    dismissedBy: z.uuid().nullable(),
    dismissReason: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'DeadJob' });

export const deadJobPageSchema = pageOf(deadJobSchema);
