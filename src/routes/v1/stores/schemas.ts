import * as z from 'zod';
import { datedStoreSettings, storeTimezones, taxRegimes } from '../../../db/schema';
import { id, timestamp, version } from '../../../lib/api-schemas';
import { contactPhoneSchema } from '../company/schemas';

/**
 * Stores as the API reads and writes them. Each field's type and range is checked here (400 with
 * its path); what makes a combination invalid (PPN without PKP, a rate above the legal maximum,
 * a rounding step coins cannot make) is the settings rules' (422 with its path).
 */

const basisPoints = z.int().min(0).max(10_000);

/** Store codes go into every transaction number ({CODE}-{YYYYMMDD}-{NNNN}). */
export const storeCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,11}$/, 'stores.codeFormat')
  .meta({ example: 'JKT01' });

const profileFields = {
  name: z.string().trim().min(1).max(100).meta({ example: 'Cabang Kemang' }),
  address: z.string().trim().max(500),
  phone: contactPhoneSchema.nullable(),
  timezone: z.enum(storeTimezones),
  allowNegativeStock: z.boolean(),
  requireOpenShift: z.boolean().meta({
    description: 'Sales and refunds need an open shift on the till (default false)',
  }),
  cashDifferenceThreshold: z
    .int()
    .min(0)
    .max(1_000_000_000)
    .nullable()
    .meta({
      description:
        'A drawer difference beyond this many rupiah either way needs a manager to close the ' +
        'shift (offline: flagged, managers notified); null: none does',
      example: 50_000,
    }),
  cashMovementLimit: z.int().min(0).max(1_000_000_000).nullable().meta({
    description: 'A pay-in or pay-out above this many rupiah needs a manager; null: none does',
    example: 500_000,
  }),
};

/** The settings that are dated (their history: GET /stores/{id}/settings-history). */
export const datedFields = {
  taxRegime: z.enum(taxRegimes),
  taxRateBasisPoints: basisPoints.meta({ description: '1000 = 10 %', example: 1000 }),
  serviceChargeBasisPoints: basisPoints.meta({ example: 500 }),
  serviceChargeTaxable: z.boolean(),
  pricesIncludeTax: z.boolean(),
  cashRoundingStep: z
    .int()
    .min(0)
    .max(100_000)
    .meta({ description: 'Rupiah: 0 (none), 100, 500 or 1000', example: 100 }),
  nonCashRoundingStep: z.int().min(0).max(100_000).meta({ example: 0 }),
  businessDayCutoffHour: z.int().min(0).max(23).meta({ example: 4 }),
  discountLimitBasisPoints: basisPoints,
};

const optionalDated = z.object(datedFields).partial().shape;

export const createStoreBody = z.strictObject({
  code: storeCode,
  ...profileFields,
  address: profileFields.address.optional(),
  phone: profileFields.phone.optional(),
  timezone: profileFields.timezone.optional(),
  allowNegativeStock: profileFields.allowNegativeStock.optional(),
  requireOpenShift: profileFields.requireOpenShift.optional(),
  cashDifferenceThreshold: profileFields.cashDifferenceThreshold.optional(),
  cashMovementLimit: profileFields.cashMovementLimit.optional(),
  ...optionalDated,
});

export const updateStoreBody = z.strictObject({
  version: version.optional(),
  code: storeCode.optional(),
  ...z.object(profileFields).partial().shape,
  ...optionalDated,
  effectiveFrom: z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .optional()
    .meta({
      description:
        'When the dated settings of this change take effect (now when absent): a future time ' +
        'schedules them; an earlier one only while the store has no sale since',
      example: '2027-01-01T00:00:00+07:00',
    }),
});

export const storeIdParam = z.strictObject({ storeId: z.uuid() });

const datedSettingsSchema = z.object(datedFields).meta({ id: 'StoreDatedSettings' });

const settingsEntrySchema = z
  .object({
    id,
    effectiveFrom: timestamp,
    status: z.enum(['past', 'in_force', 'scheduled']),
    changed: z
      .array(z.enum(datedStoreSettings))
      .meta({ description: 'The settings this entry changed from the one before' }),
    settings: datedSettingsSchema,
    createdBy: id
      .nullable()
      .meta({ description: 'Who made the change (null: the first entry, written with the store)' }),
    createdAt: timestamp,
  })
  .meta({ id: 'StoreSettingsEntry' });

export const storeSchema = z
  .object({
    id,
    code: z.string().meta({ example: 'JKT01' }),
    name: z.string(),
    address: z.string(),
    phone: z.string().nullable(),
    timezone: z.enum(storeTimezones),
    allowNegativeStock: z.boolean(),
    requireOpenShift: z.boolean(),
    cashDifferenceThreshold: z.int().nullable(),
    cashMovementLimit: z.int().nullable(),
    ...datedFields,
    hasSales: z.boolean().meta({ description: 'Once true, code and time zone are fixed' }),
    scheduledSettings: z
      .array(settingsEntrySchema)
      .meta({ description: 'Changes that take effect later, soonest first' }),
    createdAt: timestamp,
    updatedAt: timestamp,
    version,
  })
  .meta({ id: 'Store' });

export const storeListSchema = z.object({ data: z.array(storeSchema) });
export const settingsHistorySchema = z.object({
  data: z.array(settingsEntrySchema).meta({ description: 'Newest first' }),
});
