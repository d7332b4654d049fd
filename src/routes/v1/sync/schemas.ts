import * as z from 'zod';
import { tenantPermissions } from '../../../auth/permissions';
import { companyLanguages, storeTimezones, taxRegimes } from '../../../db/schema';
import { id, version as recordVersion, rupiah, timestamp } from '../../../lib/api-schemas';
import { type ErrorCode, errorCodes } from '../../../lib/errors';
import { fieldErrorSchema } from '../../../lib/openapi';
import { type FeedType, feedTypes } from '../../../services/sync/feed-entities';
import { syncEventKinds } from '../../../services/sync/status';
import { billItemBody } from '../bills/schemas';
import { updateProductBody } from '../products/schemas';
import { createSaleBody, saleFlagSchema } from '../sales/schemas';
import { cashMovementBody, closeShiftBody, openShiftBody } from '../shifts/schemas';
import { datedFields } from '../stores/schemas';

/** At most this many sales per upload: a day of a busy till fits, and a batch stays seconds long. */
export const maxSalesPerBatch = 500;

/** Shift events per upload: a day of shifts and pay-outs of one till, many times over. */
export const maxShiftEventsPerBatch = 200;

/** Open bills per upload: every bill a till kept offline during a long service. */
export const maxBillsPerBatch = 200;

/**
 * The envelope of an upload. Sales are checked one by one afterwards (offlineSaleSchema), so a
 * malformed sale is answered `rejected` in its place instead of failing the other 499.
 */
export const uploadBody = z
  .strictObject({
    batchId: z.uuid(),
    storeId: z.uuid(),
    sales: z.array(z.unknown()).max(maxSalesPerBatch),
    shiftEvents: z.array(z.unknown()).max(maxShiftEventsPerBatch).optional(),
    bills: z.array(z.unknown()).max(maxBillsPerBatch).optional(),
  })
  .refine(
    (body) => body.sales.length + (body.shiftEvents?.length ?? 0) + (body.bills?.length ?? 0) > 0,
    {
      message: 'sync.emptyUpload',
      path: ['sales'],
    },
  );

/** A sale as the till recorded it offline: the online sale plus its id, time and cashier. */
export const offlineSaleSchema = createSaleBody.omit({ approval: true }).extend({
  id: z.uuid(),
  clientReference: z.string().trim().min(1).max(100),
  clientCreatedAt: z.iso.datetime({ offset: true }),
  cashierId: z.uuid(),
  approvedBy: z.uuid().optional(),
  shiftId: z
    .uuid()
    .optional()
    .meta({ description: 'The shift open on the till when the sale was made' }),
});

const tillTime = z.iso.datetime({ offset: true });

/**
 * A shift event as the till recorded it offline: the online bodies (routes/v1/shifts) plus who
 * did it and when. Applied in order, before the upload's sales.
 */
export const offlineShiftEventSchema = z
  .discriminatedUnion('type', [
    openShiftBody.omit({ storeId: true, openedAt: true }).extend({
      type: z.literal('open'),
      openedAt: tillTime,
      openedBy: z.uuid(),
    }),
    cashMovementBody.omit({ approval: true }).extend({
      type: z.literal('cashMovement'),
      shiftId: z.uuid(),
      occurredAt: tillTime,
      createdBy: z.uuid(),
      approvedBy: z.uuid().optional(),
    }),
    closeShiftBody.omit({ approval: true }).extend({
      type: z.literal('close'),
      shiftId: z.uuid(),
      closedAt: tillTime,
      closedBy: z.uuid(),
      approvedBy: z.uuid().optional(),
    }),
  ])
  .meta({ id: 'OfflineShiftEvent' });

/**
 * An open bill as a device kept it offline: opened there or known from the delta, with every item
 * the device knows (taken-off ones marked `removed`), and `saleId` when the till settled it with
 * a sale of this upload or an earlier one (src/services/sync/offline-bills.ts).
 */
export const offlineBillSchema = z
  .strictObject({
    id: z.uuid(),
    tableId: z.uuid().optional(),
    name: z.string().trim().min(1).max(80).optional(),
    guests: z.int().min(1).max(500).optional(),
    note: z.string().trim().min(1).max(500).optional(),
    openedAt: tillTime,
    openedBy: z.uuid(),
    items: z
      .array(
        billItemBody.extend({
          addedBy: z.uuid(),
          round: z
            .int()
            .min(1)
            .max(1_000)
            .nullable()
            .optional()
            .meta({ description: 'The round the till printed it in at its own kitchen printer' }),
          removed: z
            .strictObject({
              by: z.uuid(),
              reason: z.string().trim().min(1).max(500).optional(),
              approvedBy: z.uuid().optional(),
            })
            .optional(),
        }),
      )
      .max(200),
    saleId: z.uuid().optional().meta({ description: 'The offline sale that settled the bill' }),
  })
  .refine((bill) => bill.tableId !== undefined || bill.name !== undefined, {
    message: 'bills.nameOrTable',
    path: ['name'],
  })
  .meta({ id: 'OfflineBill' });

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

/**
 * The upload as the document shows it: each sale in its real shape. At run time the route keeps
 * `uploadBody`, whose sales are `unknown` and are checked one by one (offlineSaleSchema).
 */
export const documentedUploadBody = uploadBody.safeExtend({
  shiftEvents: z
    .array(offlineShiftEventSchema)
    .max(maxShiftEventsPerBatch)
    .optional()
    .meta({
      description:
        'Buka shift, kas masuk/keluar, tutup shift, sesuai urutan perangkat, diterapkan sebelum ' +
        'transaksi unggahan ini · Opens, pay-ins/outs and closes in the till’s order, applied ' +
        'before the sales of this upload',
    }),
  bills: z
    .array(offlineBillSchema)
    .max(maxBillsPerBatch)
    .optional()
    .meta({
      description:
        'Bill terbuka yang disimpan perangkat saat offline, diterapkan sebelum transaksi; bill ' +
        'yang dibayar (`saleId`) ditutup setelahnya · Open bills the device kept offline, ' +
        'applied before the sales; those paid (`saleId`) are settled after them',
    }),
  sales: z
    .array(offlineSaleSchema.meta({ id: 'OfflineSale' }))
    .max(maxSalesPerBatch)
    .meta({
      description:
        'Tiap transaksi diperiksa sendiri; yang tidak valid ditolak di tempatnya (`rejected`), ' +
        'bukan seluruh unggahan · Each sale is checked on its own; an invalid one is answered ' +
        '`rejected` in its place instead of failing the batch',
    }),
});

// ---------------------------------------------------------------------------------------------
// Responses (src/services/sync/*).

const errorCodeNames = Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]];
const count = z.int().min(0);
const saleCounts = z.object({ accepted: count, duplicate: count, rejected: count });

const recordedSaleResult = z
  .object({
    index: z.int().min(0).meta({ description: 'Position of the sale in the upload' }),
    id,
    status: z.enum(['accepted', 'duplicate']),
    number: z.string().meta({ example: 'JKT01-20261203-0042' }),
    total: rupiah,
    flags: z.array(saleFlagSchema),
  })
  .meta({ id: 'SyncSaleRecorded' });

const rejectedSaleResult = z
  .object({
    index: z.int().min(0),
    id: id.nullable().meta({ description: 'Null when the sale had no valid id' }),
    status: z.literal('rejected'),
    code: z.enum(errorCodeNames),
    reason: z.string().meta({ description: 'Message key', example: 'sales.variantNotFound' }),
    message: z.string().meta({ description: 'In the language of the request' }),
    retryable: z.boolean().meta({ description: 'A server fault: send the same sale again later' }),
    errors: z.array(fieldErrorSchema).optional(),
  })
  .meta({ id: 'SyncSaleRejected' });

const shiftEventType = z.enum(['open', 'cashMovement', 'close']);

const shiftEventResult = z
  .discriminatedUnion('status', [
    z.object({
      index: z.int().min(0).meta({ description: 'Position of the event in `shiftEvents`' }),
      type: shiftEventType,
      id: id.meta({ description: 'The shift (open, close) or the movement' }),
      status: z.enum(['accepted', 'duplicate']),
    }),
    z.object({
      index: z.int().min(0),
      type: shiftEventType.nullable(),
      id: id.nullable(),
      status: z.literal('rejected'),
      code: z.enum(errorCodeNames),
      reason: z.string().meta({ description: 'Message key', example: 'shifts.otherDevice' }),
      message: z.string(),
      retryable: z.boolean(),
      errors: z.array(fieldErrorSchema).optional(),
    }),
  ])
  .meta({ id: 'SyncShiftEventResult' });

const billResult = z
  .discriminatedUnion('status', [
    z.object({
      index: z.int().min(0).meta({ description: 'Position of the bill in `bills`' }),
      id,
      status: z.enum(['accepted', 'duplicate']),
      billStatus: z.enum(['open', 'settled', 'cancelled', 'merged']),
      conflicts: z
        .array(
          z.object({
            kind: z.enum([
              'table_taken',
              'removal_refused',
              'items_left_open',
              'items_paid_offline',
              'settled_elsewhere',
              'sale_not_recorded',
            ]),
            reason: z.string().meta({ example: 'bills.conflictItemsLeftOpen' }),
            message: z.string(),
            billId: id.optional().meta({ description: 'The bill holding what was left open' }),
            itemIds: z.array(id).optional(),
          }),
        )
        .meta({ description: 'What the server did differently from the device' }),
    }),
    z.object({
      index: z.int().min(0),
      id: id.nullable(),
      status: z.literal('rejected'),
      code: z.enum(errorCodeNames),
      reason: z.string(),
      message: z.string(),
      retryable: z.boolean(),
      errors: z.array(fieldErrorSchema).optional(),
    }),
  ])
  .meta({ id: 'SyncBillResult' });

export const uploadResultSchema = z
  .object({
    batchId: id,
    storeId: id,
    receivedAt: timestamp,
    counts: saleCounts,
    results: z
      .array(z.discriminatedUnion('status', [recordedSaleResult, rejectedSaleResult]))
      .meta({ description: 'One per sale, in upload order' }),
    shiftResults: z
      .array(shiftEventResult)
      .meta({ description: 'One per shift event, in upload order' }),
    billResults: z.array(billResult).meta({ description: 'One per bill, in upload order' }),
  })
  .meta({ id: 'SyncUploadResult' });

// The feed: what a till holds, per record type (src/services/sync/feed-entities.ts).
const feedData = {
  company: z.object({
    name: z.string(),
    legalName: z.string().nullable(),
    npwp: z.string().nullable(),
    isPkp: z.boolean(),
    address: z.string(),
    phone: z.string().nullable(),
    logoUrl: z.string().nullable(),
    defaultLanguage: z.enum(companyLanguages),
    version: recordVersion,
  }),
  store: z.object({
    code: z.string().meta({ example: 'JKT01' }),
    name: z.string(),
    address: z.string(),
    phone: z.string().nullable(),
    timezone: z.enum(storeTimezones),
    taxRegime: z.enum(taxRegimes),
    taxRateBasisPoints: z.int(),
    serviceChargeBasisPoints: z.int(),
    serviceChargeTaxable: z.boolean(),
    pricesIncludeTax: z.boolean(),
    cashRoundingStep: z.int(),
    nonCashRoundingStep: z.int(),
    businessDayCutoffHour: z.int(),
    allowNegativeStock: z.boolean(),
    requireOpenShift: z.boolean(),
    cashDifferenceThreshold: rupiah.nullable(),
    cashMovementLimit: rupiah.nullable(),
    discountLimitBasisPoints: z.int(),
    scheduledSettings: z.array(z.object({ id, effectiveFrom: timestamp, ...datedFields })).meta({
      description:
        'Changes that take effect later, soonest first: a till offline past one applies it',
    }),
    version: recordVersion,
  }),
  category: z.object({
    parentId: id.nullable(),
    name: z.string(),
    sortOrder: z.int(),
    imageUrl: z.string().nullable(),
    version: recordVersion,
  }),
  product: z.object({
    categoryId: id.nullable(),
    name: z.string().meta({ example: 'Es Kopi Susu' }),
    sku: z.string(),
    barcodes: z.array(z.string()),
    unit: z.string(),
    price: rupiah,
    isTaxable: z.boolean(),
    isActive: z.boolean(),
    imageUrl: z.string().nullable(),
    variantOptions: z.record(z.string(), z.array(z.string())),
    kitchenStation: z.string().nullable(),
    version: recordVersion,
  }),
  variant: z.object({
    productId: id,
    name: z.string(),
    sku: z.string(),
    barcode: z.string().nullable(),
    optionValues: z.record(z.string(), z.string()),
    priceOverride: rupiah.nullable(),
    tracksStock: z.boolean(),
    isDefault: z.boolean(),
    version: recordVersion,
  }),
  storePrice: z.object({ variantId: id, price: rupiah, version: recordVersion }),
  stockLevel: z.object({
    variantId: id,
    quantity: z.int(),
    minimumQuantity: z.int().nullable(),
    version: recordVersion,
  }),
  receiptTemplate: z.object({
    storeId: id.nullable().meta({ description: 'Null for the company default' }),
    name: z.string(),
    paperWidthMm: z.union([z.literal(58), z.literal(80)]),
    header: z.string(),
    footer: z.string(),
    showNpwp: z.boolean(),
    showCashier: z.boolean(),
    htmlTemplate: z.string().nullable(),
    textTemplate: z.string().nullable(),
    version: recordVersion,
  }),
  staff: z.object({
    name: z.string(),
    role: z.enum(['owner', 'manager', 'cashier']),
    permissions: z.array(z.enum(tenantPermissions)),
  }),
  modifierGroup: z.object({
    name: z.string(),
    minSelections: z.int(),
    maxSelections: z.int(),
    sortOrder: z.int(),
    isActive: z.boolean(),
    version: recordVersion,
  }),
  modifierOption: z.object({
    groupId: id,
    name: z.string(),
    priceDelta: rupiah,
    sortOrder: z.int(),
    isActive: z.boolean(),
    stockVariantId: id.nullable(),
    version: recordVersion,
  }),
  productModifierGroup: z.object({
    productId: id,
    groupId: id,
    sortOrder: z.int(),
    version: recordVersion,
  }),
  storeModifierPrice: z.object({ optionId: id, priceDelta: rupiah, version: recordVersion }),
  shift: z.object({
    deviceKey: z.string().meta({ description: 'The till: its device fingerprint hash' }),
    deviceName: z.string(),
    openedBy: id,
    openedAt: timestamp,
    businessDate: z.iso.date(),
    openingCash: rupiah,
    version: recordVersion,
  }),
  table: z.object({
    name: z.string().meta({ example: 'Meja 4' }),
    area: z.string().nullable(),
    capacity: z.int().nullable(),
    sortOrder: z.int(),
    isActive: z.boolean(),
    version: recordVersion,
  }),
  bill: z.object({
    tableId: id.nullable(),
    name: z.string().nullable(),
    guests: z.int().nullable(),
    note: z.string().nullable(),
    rounds: z.int(),
    openedBy: id,
    openedAt: timestamp,
    items: z
      .array(
        z.object({
          id,
          variantId: id,
          quantity: z.int(),
          modifiers: z.array(z.object({ optionId: id, groupName: z.string(), name: z.string() })),
          note: z.string().nullable(),
          station: z.string().nullable(),
          addedBy: id,
          round: z.int().nullable(),
        }),
      )
      .meta({ description: 'Active items; removed and voided ones are left out' }),
    version: recordVersion,
  }),
} satisfies Record<FeedType, z.ZodType>;

const feedDataIds: Record<FeedType, string> = {
  company: 'FeedCompany',
  store: 'FeedStore',
  category: 'FeedCategory',
  product: 'FeedProduct',
  variant: 'FeedVariant',
  storePrice: 'FeedStorePrice',
  stockLevel: 'FeedStockLevel',
  receiptTemplate: 'FeedReceiptTemplate',
  staff: 'FeedStaff',
  shift: 'FeedShift',
  modifierGroup: 'FeedModifierGroup',
  modifierOption: 'FeedModifierOption',
  productModifierGroup: 'FeedProductModifierGroup',
  storeModifierPrice: 'FeedStoreModifierPrice',
  table: 'FeedTable',
  bill: 'FeedBill',
};

const feedUpsert = <Type extends FeedType>(type: Type) =>
  z
    .object({
      type: z.literal(type),
      id,
      op: z.literal('upsert'),
      data: feedData[type].meta({ id: feedDataIds[type] }),
    })
    .meta({ id: `${feedDataIds[type]}Upsert` });

const feedDelete = z.object({ type: z.enum(feedTypes), id, op: z.literal('delete') }).meta({
  id: 'FeedDelete',
  description:
    'Hapus dari perangkat (dihapus, atau bukan lagi urusan toko ini) · Drop it from the ' +
    'device (deleted, or no longer this store’s business)',
});

export const feedChangeSchema = z
  .union([
    feedUpsert('company'),
    feedUpsert('store'),
    feedUpsert('category'),
    feedUpsert('product'),
    feedUpsert('variant'),
    feedUpsert('storePrice'),
    feedUpsert('stockLevel'),
    feedUpsert('receiptTemplate'),
    feedUpsert('staff'),
    feedUpsert('shift'),
    feedUpsert('modifierGroup'),
    feedUpsert('modifierOption'),
    feedUpsert('productModifierGroup'),
    feedUpsert('storeModifierPrice'),
    feedUpsert('table'),
    feedUpsert('bill'),
    feedDelete,
  ])
  .meta({ id: 'FeedChange' });

export const feedPageSchema = z
  .object({
    changes: z.array(feedChangeSchema),
    cursor: z.string().meta({ description: 'Pass back as `cursor` for the next pull' }),
    hasMore: z.boolean().meta({ description: 'Pull again at once with `cursor`' }),
    serverTime: timestamp,
  })
  .meta({ id: 'FeedPage' });

const syncDeviceStatus = z
  .object({
    deviceSessionId: id,
    deviceName: z.string(),
    platform: z.string(),
    revoked: z.boolean(),
    userId: id,
    userName: z.string(),
    lastPushAt: timestamp.nullable(),
    lastPullAt: timestamp.nullable(),
    lastCursor: z.string().nullable(),
    batches: count,
    counts: saleCounts,
    stuckBatches: count,
    lastBatchAt: timestamp.nullable(),
  })
  .meta({ id: 'SyncDeviceStatus' });

const syncFailure = z
  .object({
    id,
    at: timestamp,
    deviceSessionId: id.nullable(),
    batchId: id.nullable(),
    kind: z.enum(syncEventKinds),
    entityType: z.string().nullable(),
    entityId: id.nullable(),
    code: z.string().nullable(),
    message: z.string().nullable().meta({ description: 'In the language of the request' }),
    details: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'SyncFailure' });

export const syncStatusSchema = z
  .object({
    storeId: id,
    serverTime: timestamp,
    summary: z.object({
      devices: count,
      batches: count,
      counts: saleCounts,
      stuckBatches: count,
      lastPushAt: timestamp.nullable(),
      lastPullAt: timestamp.nullable(),
    }),
    devices: z.array(syncDeviceStatus),
    recentFailures: z.array(syncFailure).meta({ description: 'The latest 20, newest first' }),
  })
  .meta({ id: 'SyncStatus' });

const editType = z.enum(['product', 'storePrice', 'stockCount']);

const editResult = z.discriminatedUnion('status', [
  z.object({
    index: z.int().min(0),
    type: editType,
    status: z.literal('applied'),
    record: z.record(z.string(), z.unknown()).meta({
      description:
        'The record now: the product (as GET /products/{id}), the store price, or the stock level',
    }),
  }),
  z.object({
    index: z.int().min(0),
    type: editType,
    status: z.literal('conflict'),
    current: z
      .record(z.string(), z.unknown())
      .nullable()
      .meta({ description: 'The server copy that stands (null: there is none)' }),
    message: z.string(),
  }),
  z.object({
    index: z.int().min(0),
    type: editType,
    status: z.literal('rejected'),
    code: z.enum(errorCodeNames),
    reason: z.string().meta({ description: 'Message key' }),
    message: z.string(),
  }),
]);

export const changesResultSchema = z
  .object({
    storeId: id,
    results: z.array(editResult).meta({ description: 'One per edit, in order' }),
    serverTime: timestamp,
  })
  .meta({ id: 'OfflineEditsResult' });
