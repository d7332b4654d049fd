import * as z from 'zod';
import { companyLanguages, companyPlans, companyStatuses } from '../../../db/schema';
import { id, timestamp, version } from '../../../lib/api-schemas';

/** The NPWP as people type it (01.234.567.8-901.000 or 16 digits), stored as its digits. */
const npwpSchema = z
  .string()
  .max(32)
  .transform((typed, ctx) => {
    const digits = typed.replace(/[\s.-]/g, '');
    if (!/^[0-9]{15,16}$/.test(digits)) {
      ctx.addIssue({ code: 'custom', message: 'companies.npwpFormat' });
      return z.NEVER;
    }
    return digits;
  })
  .meta({ example: '01.234.567.8-901.000' });

/**
 * A business's phone as printed on receipts: a landline (0274 512345) as well as a mobile, so
 * not the sign-in phone rule; digits with the usual separators.
 */
export const contactPhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9(][0-9 ().-]{5,23}$/, 'validation.contactPhoneFormat')
  .meta({ example: '(0274) 512345' });

const logoUrl = z
  .url({ protocol: /^https$/, error: 'companies.logoUrlHttps' })
  .max(500)
  .meta({ example: 'https://cdn.warungkopi.id/logo.png' });

/** What an owner edits of their company (and an operator, with the plan). */
export const companyProfileFields = {
  name: z.string().trim().min(1).max(100).meta({ example: 'Warung Kopi Nusantara' }),
  legalName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .nullable()
    .meta({ example: 'PT Kopi Nusantara Jaya' }),
  npwp: npwpSchema.nullable(),
  isPkp: z.boolean(),
  address: z.string().trim().max(500),
  phone: contactPhoneSchema.nullable(),
  logoUrl: logoUrl.nullable(),
  defaultLanguage: z.enum(companyLanguages),
};

export const updateCompanyBody = z.strictObject({
  version: version.optional(),
  ...z.object(companyProfileFields).partial().shape,
});

export const companySchema = z
  .object({
    id,
    name: z.string(),
    legalName: z.string().nullable(),
    npwp: z.string().nullable().meta({ description: 'Digits only', example: '012345678901000' }),
    isPkp: z.boolean(),
    address: z.string(),
    phone: z.string().nullable().meta({ description: 'E.164' }),
    logoUrl: z.string().nullable(),
    defaultLanguage: z.enum(companyLanguages),
    plan: z.enum(companyPlans),
    status: z.enum(companyStatuses),
    suspendedAt: timestamp.nullable(),
    suspendedReason: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    version,
  })
  .meta({ id: 'Company' });
