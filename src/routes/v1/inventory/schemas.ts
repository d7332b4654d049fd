import * as z from 'zod';
import { stockMovementKinds } from '../../../db/schema';
import { id, pageOf, timestamp, version } from '../../../lib/api-schemas';
import { booleanQuery, pageQuery } from '../../../lib/list-query';

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
  ...pageQuery,
  lowStock: booleanQuery,
});

export const movementsQuery = z.strictObject({
  storeId: z.uuid(),
  variantId: z.uuid().optional(),
  ...pageQuery,
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

// ---------------------------------------------------------------------------------------------
// Responses (the JSON on the wire; see src/services/inventory.ts and stock.ts)

const movementKind = z.enum(stockMovementKinds);

export const stockLevelSchema = z
  .object({
    id,
    storeId: id,
    variantId: id,
    sku: z.string().meta({ example: 'EKS-L' }),
    variantName: z.string().meta({ example: 'Es Kopi Susu (L)' }),
    productId: id,
    productName: z.string().meta({ example: 'Es Kopi Susu' }),
    quantity: z.int(),
    minimumQuantity: z
      .int()
      .nullable()
      .meta({ description: 'null: tanpa peringatan · null: no alert' }),
    lowStock: z.boolean().meta({ description: 'quantity ≤ minimumQuantity' }),
    updatedAt: timestamp,
    version,
  })
  .meta({ id: 'StockLevel' });

export const stockLevelPageSchema = pageOf(stockLevelSchema);

export const stockMovementSchema = z
  .object({
    id,
    storeId: id,
    variantId: id,
    kind: movementKind,
    quantityDelta: z
      .int()
      .meta({ description: 'Negatif mengurangi stok · Negative takes stock out', example: -2 }),
    reason: z.string().nullable(),
    referenceType: z
      .string()
      .nullable()
      .meta({ description: 'e.g. transaction, adjustment, receiving, transfer, count' }),
    referenceId: id.nullable(),
    actorUserId: id.nullable(),
    createdAt: timestamp,
    sku: z.string(),
    variantName: z.string(),
  })
  .meta({ id: 'StockMovement' });

export const stockMovementPageSchema = pageOf(stockMovementSchema);

/** A level as a stock change or a threshold left it. */
export const stockLevelAfterSchema = z
  .object({
    storeId: id,
    variantId: id,
    quantity: z.int(),
    minimumQuantity: z.int().nullable(),
  })
  .meta({ id: 'StockLevelAfter' });

export const lowStockCrossingSchema = z
  .object({
    storeId: id,
    variantId: id,
    movementId: id.meta({ description: 'The movement that crossed the minimum' }),
    quantity: z.int(),
    minimumQuantity: z.int(),
  })
  .meta({ id: 'LowStockCrossing' });

export const stockOperationResultSchema = z
  .object({
    referenceId: id.meta({
      description:
        'Dipakai bersama semua mutasi operasi ini · Shared by every movement of this operation',
    }),
    movements: z.array(
      z.object({
        id,
        storeId: id,
        variantId: id,
        kind: movementKind,
        quantityDelta: z.int(),
      }),
    ),
    levels: z.array(stockLevelAfterSchema),
    lowStock: z.array(lowStockCrossingSchema).meta({
      description:
        'Level yang baru saja turun ke/di bawah minimum (peringatan dikirim) · Levels that just ' +
        'fell to or below their minimum (an alert is sent)',
    }),
  })
  .meta({ id: 'StockOperationResult' });

export const thresholdsResultSchema = z
  .object({ levels: z.array(stockLevelAfterSchema) })
  .meta({ id: 'StockThresholds' });
