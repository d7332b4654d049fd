import { z } from 'zod';

const limit = z.coerce.number().int().min(1).max(100).default(50);
const cursor = z.string().max(500).optional();
const reason = z.string().trim().min(1).max(500);
/** Whole units; bounded well inside Postgres integer. */
const maxQuantity = 10_000_000;
const positiveQuantity = z.number().int().min(1).max(maxQuantity);

/** Items of one operation, each variant once (a repeated one is almost always a typo). */
function itemList<Item extends z.ZodType<{ variantId: string }>>(item: Item) {
  return z
    .array(item)
    .min(1)
    .max(500)
    .refine(
      (items) => new Set(items.map((entry) => entry.variantId)).size === items.length,
      'inventory.duplicateVariant',
    );
}

export const levelsQuery = z.strictObject({
  storeId: z.uuid(),
  limit,
  cursor,
  lowStock: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});

export const movementsQuery = z.strictObject({
  storeId: z.uuid(),
  variantId: z.uuid().optional(),
  limit,
  cursor,
});

export const adjustmentBody = z.strictObject({
  storeId: z.uuid(),
  reason,
  items: itemList(
    z.strictObject({
      variantId: z.uuid(),
      quantityDelta: z
        .number()
        .int()
        .min(-maxQuantity)
        .max(maxQuantity)
        .refine((value) => value !== 0, 'inventory.quantityNonZero'),
    }),
  ),
});

export const receiptBody = z.strictObject({
  storeId: z.uuid(),
  reason: reason.optional(),
  reference: z.string().trim().min(1).max(100).optional(),
  items: itemList(z.strictObject({ variantId: z.uuid(), quantity: positiveQuantity })),
});

export const transferBody = z
  .strictObject({
    fromStoreId: z.uuid(),
    toStoreId: z.uuid(),
    reason,
    items: itemList(z.strictObject({ variantId: z.uuid(), quantity: positiveQuantity })),
  })
  .refine((body) => body.fromStoreId !== body.toStoreId, {
    message: 'inventory.sameStore',
    path: ['toStoreId'],
  });

export const countBody = z.strictObject({
  storeId: z.uuid(),
  reason,
  items: itemList(
    z.strictObject({
      variantId: z.uuid(),
      countedQuantity: z.number().int().min(0).max(maxQuantity),
    }),
  ),
});

export const thresholdsBody = z.strictObject({
  storeId: z.uuid(),
  items: itemList(
    z.strictObject({
      variantId: z.uuid(),
      minimumQuantity: z.number().int().min(0).max(maxQuantity).nullable(),
    }),
  ),
});
