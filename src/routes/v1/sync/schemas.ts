import { z } from 'zod';
import { updateProductBody } from '../products/schemas';
import { createSaleBody } from '../transactions/schemas';

/** At most this many sales per upload: a day of a busy till fits, and a batch stays seconds long. */
export const maxSalesPerBatch = 500;

/**
 * The envelope of an upload. Sales are checked one by one afterwards (offlineSaleSchema), so a
 * malformed sale is answered `rejected` in its place instead of failing the other 499.
 */
export const uploadBody = z.strictObject({
  batchId: z.uuid(),
  storeId: z.uuid(),
  sales: z.array(z.unknown()).min(1).max(maxSalesPerBatch),
});

/** A sale as the till recorded it offline: the online sale plus its id, time and cashier. */
export const offlineSaleSchema = createSaleBody.omit({ approval: true }).extend({
  id: z.uuid(),
  clientReference: z.string().trim().min(1).max(100),
  clientCreatedAt: z.iso.datetime({ offset: true }),
  cashierId: z.uuid(),
  approvedBy: z.uuid().optional(),
});

const feedLimit = z.coerce.number().int().min(1).max(1000).default(500);
const feedCursor = z.string().min(1).max(1000);

export const deltaQuery = z.strictObject({
  storeId: z.uuid(),
  cursor: feedCursor.optional(),
  limit: feedLimit,
});

export const fullBody = z.strictObject({
  storeId: z.uuid(),
  cursor: feedCursor.optional(),
  limit: feedLimit,
});

export const statusQuery = z.strictObject({ storeId: z.uuid() });

const version = z.number().int().min(0);

const productEdit = z.strictObject({
  type: z.literal('product'),
  id: z.uuid(),
  version: version.min(1),
  fields: updateProductBody.omit({ version: true }),
});

const storePriceEdit = z.strictObject({
  type: z.literal('storePrice'),
  productId: z.uuid(),
  variantId: z.uuid(),
  version,
  price: z.number().int().min(0).max(1_000_000_000),
});

const stockCountEdit = z.strictObject({
  type: z.literal('stockCount'),
  variantId: z.uuid(),
  version,
  countedQuantity: z.number().int().min(0).max(10_000_000),
  reason: z.string().trim().min(1).max(500),
});

export const changesBody = z.strictObject({
  storeId: z.uuid(),
  changes: z
    .array(z.discriminatedUnion('type', [productEdit, storePriceEdit, stockCountEdit]))
    .min(1)
    .max(200),
});
