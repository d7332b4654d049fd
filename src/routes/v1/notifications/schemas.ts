import * as z from 'zod';
import { id, pageOf, timestamp } from '../../../lib/api-schemas';
import { booleanQuery, pageQuery } from '../../../lib/list-query';

export const notificationListQuery = z.strictObject({
  ...pageQuery,
  unread: booleanQuery,
});

export const notificationIdParam = z.strictObject({ id: z.uuid() });

/** What every notification has; `kind` says what `data` holds. */
const common = {
  id,
  storeId: id.nullable(),
  recipientId: id
    .nullable()
    .meta({ description: 'The one user it is for; null: staff with inventory.manage' }),
  readAt: timestamp.nullable(),
  readBy: id.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
};

const lowStock = z.object({
  ...common,
  kind: z.literal('low_stock'),
  data: z.object({
    variantId: id,
    movementId: id.meta({ description: 'The stock movement that crossed the minimum' }),
    quantity: z.int().meta({ example: 4 }),
    minimumQuantity: z.int().min(0).meta({ example: 5 }),
    sku: z.string().nullable().meta({ example: 'KOPI-SUSU-M' }),
    variantName: z.string().nullable().meta({ example: 'Medium' }),
    productName: z.string().nullable().meta({ example: 'Kopi Susu' }),
  }),
});

const syncProblems = z.object({
  ...common,
  kind: z.literal('sync_problems'),
  data: z.object({
    batchId: id,
    deviceSessionId: id,
    deviceName: z.string().nullable().meta({ example: 'Kasir Depan' }),
    userName: z.string().nullable().meta({ example: 'Budi' }),
    rejected: z.int().min(0).meta({ description: 'Sales refused' }),
    flagged: z.int().min(0).meta({ description: 'Sales accepted with flags to review' }),
  }),
});

const accountLocked = z.object({
  ...common,
  kind: z.literal('account_locked'),
  data: z.object({
    userId: id,
    userName: z.string().meta({ example: 'Budi' }),
    via: z.enum(['sign_in', 'approval']),
    failures: z.int().min(1),
    lockedUntil: timestamp,
  }),
});

const shiftDifference = z.object({
  ...common,
  kind: z.literal('shift_difference'),
  data: z.object({
    shiftId: id,
    deviceName: z.string().meta({ example: 'Kasir Depan' }),
    expected: z.int().meta({ description: 'Expected cash at the close (rupiah)' }),
    counted: z.int().meta({ description: 'Counted cash (rupiah)' }),
    difference: z.int().meta({
      description: 'Counted − expected, beyond the store threshold and closed without approval',
    }),
  }),
});

const reportExport = z.object({
  ...common,
  kind: z.literal('report_export'),
  data: z.object({
    exportId: id.meta({ description: 'GET /api/v1/reports/exports/{id}' }),
    type: z.string().meta({ example: 'transactions' }),
    status: z.enum(['ready', 'failed']),
    rowCount: z.int().min(0).nullable(),
    error: z.string().nullable(),
  }),
});

const incident = z.object({
  ...common,
  kind: z.literal('incident'),
  data: z
    .object({
      event: z.enum(['opened', 'resolved']),
      incident: z
        .object({
          id,
          key: z.string().meta({ example: 'dead_jobs' }),
          kind: z.string().meta({ example: 'dead_jobs' }),
          severity: z.enum(['critical', 'warning']),
          companyId: id.nullable(),
          storeId: id.nullable(),
          details: z.record(z.string(), z.unknown()),
          openedAt: timestamp,
          resolvedAt: timestamp.nullable(),
        })
        .meta({ description: 'GET /api/v1/platform/incidents' }),
    })
    .meta({ description: 'Operators only: an incident of the health check opened or resolved' }),
});

const voidsRefundsAnomaly = z.object({
  ...common,
  kind: z.literal('voids_refunds_anomaly'),
  data: z
    .object({
      businessDate: z.iso.date(),
      voidsCount: z.int().min(0),
      voidsAmount: z.int().min(0),
      refundsCount: z.int().min(0),
      refundsAmount: z.int().min(0),
      salesTotal: z.int().meta({ description: 'What the day’s sales charged (rupiah)' }),
      usualDailyAmount: z.int().nullable().meta({
        description:
          'The store’s daily voids and refunds over the 28 days before; null: too little history',
      }),
    })
    .meta({ description: 'A store’s voids and refunds of a day far above its usual' }),
});

export const notificationSchema = z
  .discriminatedUnion('kind', [
    lowStock,
    syncProblems,
    accountLocked,
    shiftDifference,
    reportExport,
    incident,
    voidsRefundsAnomaly,
  ])
  .meta({ id: 'Notification' });

export const notificationPageSchema = pageOf(notificationSchema);
