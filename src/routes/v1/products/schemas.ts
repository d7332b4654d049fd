import * as z from 'zod';
import { id, pageOf, rupiah, timestamp, version } from '../../../lib/api-schemas';
import { booleanQuery, pageQuery } from '../../../lib/list-query';
import { combinationKey, fitsOptions, productSorts } from '../../../services/catalog/products';

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
  kitchenStation: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .nullable()
    .meta({ description: 'Stasiun tiket dapur · Kitchen station of its tickets', example: 'bar' }),
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
    kitchenStation: productFields.kitchenStation.optional(),
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
    ...pageQuery,
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
  ...pageQuery,
  variantId: z.uuid().optional(),
  storeId: z.uuid().optional(),
});

// ---------------------------------------------------------------------------------------------
// Responses (the JSON on the wire; see src/services/catalog/)

export const variantStockSchema = z
  .object({
    quantity: z.int(),
    minimumQuantity: z.int().nullable(),
    lowStock: z.boolean().meta({ description: 'quantity ≤ minimumQuantity' }),
  })
  .meta({ id: 'VariantStock' });

export const variantSchema = z
  .object({
    id,
    productId: id,
    name: z.string().meta({ example: 'Es Kopi Susu (L)' }),
    sku: z.string().meta({ example: 'EKS-L' }),
    barcode: z.string().nullable(),
    optionValues: z
      .record(z.string(), z.string())
      .meta({ description: 'Empty for a default variant', example: { Ukuran: 'L' } }),
    priceOverride: rupiah.nullable(),
    tracksStock: z.boolean(),
    isDefault: z.boolean(),
    price: rupiah.meta({
      description:
        'Harga efektif: di toko yang diminta, atau harga perusahaan · Effective price: in the ' +
        'requested store, else the company price',
    }),
    stock: variantStockSchema
      .nullable()
      .optional()
      .meta({
        description:
          'Hanya bila storeId diminta; null bila toko belum punya catatan stok · Only with a ' +
          'storeId; null when the store has no stock record of it',
      }),
    createdAt: timestamp,
    updatedAt: timestamp,
    version,
  })
  .meta({ id: 'ProductVariant' });

export const productSchema = z
  .object({
    id,
    categoryId: id.nullable(),
    name: z.string().meta({ example: 'Es Kopi Susu' }),
    sku: z.string().meta({ example: 'EKS' }),
    barcodes: z.array(z.string()),
    unit: z.string().meta({ example: 'pcs' }),
    price: rupiah.meta({ description: 'Harga perusahaan · The company price' }),
    cost: rupiah.nullable(),
    isTaxable: z.boolean(),
    isActive: z.boolean(),
    imageUrl: z.string().nullable(),
    variantOptions: z
      .record(z.string(), z.array(z.string()))
      .meta({ example: { Ukuran: ['R', 'L'] } }),
    kitchenStation: z.string().nullable().meta({ description: 'null: the one kitchen' }),
    createdAt: timestamp,
    updatedAt: timestamp,
    version,
    variants: z.array(variantSchema),
  })
  .meta({ id: 'Product' });

export const productPageSchema = pageOf(productSchema);

export const storePriceSchema = z
  .object({
    productId: id,
    variantId: id,
    storeId: id,
    price: rupiah,
    updatedAt: timestamp,
    version,
  })
  .meta({ id: 'StorePrice' });

export const priceHistoryEntrySchema = z
  .object({
    id,
    productId: id,
    variantId: id.nullable(),
    storeId: id.nullable(),
    level: z.enum(['product', 'variant', 'store']),
    oldPrice: rupiah.nullable(),
    newPrice: rupiah.nullable().meta({
      description:
        'null: level ini dihapus, level di bawahnya berlaku lagi · null: the level was cleared ' +
        'and the level below applies again',
    }),
    changedBy: id.nullable(),
    effectiveFrom: timestamp,
  })
  .meta({ id: 'PriceHistoryEntry' });

export const priceHistoryPageSchema = pageOf(priceHistoryEntrySchema);

/** One spreadsheet row of POST /products/import (the console reads the CSV into these). */
const importRowSchema = z.strictObject({
  name: productFields.name,
  sku: skuSchema,
  price: priceSchema,
  cost: priceSchema.nullable().optional(),
  category: z
    .string()
    .trim()
    .max(100)
    .nullable()
    .optional()
    .transform((name) => name || null)
    .meta({ description: 'A category of the company, by name; empty: none' }),
  barcode: barcodeSchema.nullable().optional(),
  unit: productFields.unit.optional(),
  tracksStock: z.boolean().optional(),
  isTaxable: z.boolean().optional(),
});

export const maxImportRows = 1000;

export const importProductsBody = z.strictObject({
  rows: z.array(importRowSchema).min(1).max(maxImportRows),
});

export const importResultSchema = z
  .object({
    imported: z.int().min(1),
    products: z.array(z.object({ id: z.uuid(), sku: z.string(), name: z.string() })),
  })
  .meta({ id: 'ProductImport' });
