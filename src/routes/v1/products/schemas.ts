import { z } from 'zod';
import { combinationKey, fitsOptions, productSorts } from '../../../services/products';

/** Whole rupiah, 0 to one billion: a negative, fractional or larger amount is refused. */
export const maxPrice = 1_000_000_000;
export const priceSchema = z
  .number({ message: 'catalog.priceInvalid' })
  .int({ message: 'catalog.priceInvalid' })
  .min(0, { message: 'catalog.priceInvalid' })
  .max(maxPrice, { message: 'catalog.priceInvalid' });

export const imageUrlSchema = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain, message: 'catalog.imageUrlHttps' })
  .max(2000, { message: 'catalog.imageUrlHttps' });

const booleanQuery = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .optional();

const trimmedName = z
  .string()
  .regex(/^\S(.*\S)?$/s)
  .max(50);
const skuSchema = z.string().trim().min(1).max(64);
const barcodeSchema = z.string().trim().min(1).max(64);

/** {"Ukuran": ["S", "M", "L"], "Suhu": ["Panas", "Dingin"]}: non-empty lists of distinct values. */
export const variantOptionsSchema = z
  .record(trimmedName, z.array(trimmedName).min(1).max(30), {
    message: 'catalog.variantOptionsInvalid',
  })
  .refine(
    (options) =>
      Object.keys(options).length <= 5 &&
      Object.values(options).every((values) => new Set(values).size === values.length),
    { message: 'catalog.variantOptionsInvalid' },
  );

const optionValuesSchema = z.record(trimmedName, trimmedName);

export const variantBody = z.strictObject({
  optionValues: optionValuesSchema,
  sku: skuSchema,
  name: z.string().trim().min(1).max(200).optional(),
  barcode: barcodeSchema.nullable().optional(),
  priceOverride: priceSchema.nullable().optional(),
  tracksStock: z.boolean().optional(),
});

export const updateVariantBody = z.strictObject({
  version: z.number().int().min(1).optional(),
  optionValues: optionValuesSchema.optional(),
  sku: skuSchema.optional(),
  name: z.string().trim().min(1).max(200).optional(),
  barcode: barcodeSchema.nullable().optional(),
  priceOverride: priceSchema.nullable().optional(),
  tracksStock: z.boolean().optional(),
});

const productFields = {
  name: z.string().trim().min(1).max(200),
  sku: skuSchema,
  barcodes: z
    .array(barcodeSchema)
    .max(20)
    .transform((codes) => [...new Set(codes)]),
  categoryId: z.uuid().nullable(),
  unit: z.string().trim().min(1).max(20),
  price: priceSchema,
  cost: priceSchema.nullable(),
  isTaxable: z.boolean(),
  isActive: z.boolean(),
  imageUrl: imageUrlSchema.nullable(),
  variantOptions: variantOptionsSchema,
};

export const createProductBody = z
  .strictObject({
    ...productFields,
    barcodes: productFields.barcodes.optional(),
    categoryId: productFields.categoryId.optional(),
    unit: productFields.unit.optional(),
    cost: productFields.cost.optional(),
    isTaxable: productFields.isTaxable.optional(),
    isActive: productFields.isActive.optional(),
    imageUrl: productFields.imageUrl.optional(),
    variantOptions: productFields.variantOptions.default({}),
    tracksStock: z.boolean().optional(),
    variants: z.array(variantBody).max(200).optional(),
  })
  .superRefine((body, ctx) => {
    const hasOptions = Object.keys(body.variantOptions).length > 0;
    const variants = body.variants ?? [];
    if (!hasOptions && variants.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['variants'],
        message: 'catalog.variantsWithoutOptions',
      });
    }
    if (hasOptions && variants.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['variants'], message: 'catalog.variantsRequired' });
    }
    if (!hasOptions) return;
    const combinations = new Set<string>();
    const skus = new Set<string>();
    variants.forEach((variant, index) => {
      if (!fitsOptions(body.variantOptions, variant.optionValues)) {
        ctx.addIssue({
          code: 'custom',
          path: ['variants', index, 'optionValues'],
          message: 'catalog.variantCombinationInvalid',
        });
      } else if (combinations.has(combinationKey(variant.optionValues))) {
        ctx.addIssue({
          code: 'custom',
          path: ['variants', index, 'optionValues'],
          message: 'catalog.variantDuplicate',
        });
      }
      combinations.add(combinationKey(variant.optionValues));
      if (skus.has(variant.sku)) {
        ctx.addIssue({
          code: 'custom',
          path: ['variants', index, 'sku'],
          message: 'catalog.duplicateSku',
        });
      }
      skus.add(variant.sku);
    });
  });

export const updateProductBody = z.strictObject({
  version: z.number().int().min(1).optional(),
  ...Object.fromEntries(
    Object.entries(productFields).map(([name, schema]) => [name, schema.optional()]),
  ),
} as {
  version: z.ZodOptional<z.ZodNumber>;
} & { [Name in keyof typeof productFields]: z.ZodOptional<(typeof productFields)[Name]> });

export const listProductsQuery = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2000).optional(),
    categoryId: z.uuid().optional(),
    active: booleanQuery,
    search: z.string().trim().min(1).max(100).optional(),
    sort: z.enum(Object.keys(productSorts) as [keyof typeof productSorts]).default('name'),
    order: z.enum(['asc', 'desc']).default('asc'),
    storeId: z.uuid().optional(),
    lowStock: booleanQuery,
  })
  .refine((query) => !query.lowStock || query.storeId !== undefined, {
    message: 'catalog.lowStockNeedsStore',
    path: ['lowStock'],
  });

export const productIdParam = z.strictObject({ id: z.uuid() });
export const variantParam = z.strictObject({ id: z.uuid(), variantId: z.uuid() });
export const storePriceParam = z.strictObject({
  id: z.uuid(),
  variantId: z.uuid(),
  storeId: z.uuid(),
});
export const storePriceBody = z.strictObject({ price: priceSchema });
export const productQuery = z.strictObject({ storeId: z.uuid().optional() });

export const priceHistoryQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
  variantId: z.uuid().optional(),
  storeId: z.uuid().optional(),
});
