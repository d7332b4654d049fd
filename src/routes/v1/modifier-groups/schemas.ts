import * as z from 'zod';
import { id, listOf, rupiah, timestamp, version } from '../../../lib/api-schemas';

export const modifierGroupIdParam = z.strictObject({ id: z.uuid() });
export const storeModifierPriceParam = z.strictObject({
  id: z.uuid(),
  optionId: z.uuid(),
  storeId: z.uuid(),
});

export const storeModifierPriceBody = z.strictObject({
  priceDelta: z.int().min(0).max(100_000_000).meta({ example: 6_000 }),
});

export const storeModifierPriceSchema = z
  .object({
    groupId: id,
    optionId: id,
    storeId: id,
    priceDelta: rupiah,
    updatedAt: timestamp,
    version,
  })
  .meta({ id: 'StoreModifierPrice' });

const name = z.string().trim().min(1).max(100);
const selections = z.int().min(0).max(50);
const sortOrder = z.int().min(0).max(100_000);

const optionBody = z.strictObject({
  id: z.uuid().optional().meta({ description: 'An existing option to change; absent: a new one' }),
  name: name.meta({ example: 'Extra shot' }),
  priceDelta: z
    .int()
    .min(0)
    .max(100_000_000)
    .meta({ description: 'Added to the unit price (rupiah, 0 allowed)', example: 5_000 }),
  sortOrder: sortOrder.optional(),
  isActive: z.boolean().optional(),
  stockVariantId: z
    .uuid()
    .nullable()
    .optional()
    .meta({ description: 'A variant whose stock the option takes, one per unit sold' }),
});

const options = z.array(optionBody).max(50);

export const createModifierGroupBody = z.strictObject({
  name: name.meta({ example: 'Tambahan' }),
  minSelections: selections.default(0),
  maxSelections: selections.min(1).default(1),
  sortOrder: sortOrder.optional(),
  isActive: z.boolean().optional(),
  options: options.min(1),
});

export const updateModifierGroupBody = z.strictObject({
  version: version.optional(),
  name: name.optional(),
  minSelections: selections.optional(),
  maxSelections: selections.min(1).optional(),
  sortOrder: sortOrder.optional(),
  isActive: z.boolean().optional(),
  options: options.optional().meta({
    description:
      'The options from now on: with `id` an existing one is changed, without a new one is ' +
      'added, and one left out is deleted',
  }),
});

export const productModifierGroupsBody = z.strictObject({
  groupIds: z
    .array(z.uuid())
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, 'catalog.duplicateModifierGroup')
    .meta({ description: 'The groups the product offers, in order; [] detaches them all' }),
});

export const modifierOptionSchema = z
  .object({
    id,
    name: z.string(),
    priceDelta: rupiah,
    sortOrder: z.int(),
    isActive: z.boolean(),
    stockVariantId: id.nullable(),
  })
  .meta({ id: 'ModifierOption' });

export const modifierGroupSchema = z
  .object({
    id,
    name: z.string().meta({ example: 'Tingkat gula' }),
    minSelections: z.int().min(0),
    maxSelections: z.int().min(1),
    sortOrder: z.int(),
    isActive: z.boolean(),
    options: z.array(modifierOptionSchema),
    createdAt: timestamp,
    updatedAt: timestamp,
    version,
  })
  .meta({ id: 'ModifierGroup' });

export const modifierGroupListSchema = listOf(modifierGroupSchema);
