import * as z from 'zod';
import { approvalSchema } from '../../../auth/approval';
import {
  cashMovementKinds,
  paymentMethods,
  shiftClosures,
  shiftStatuses,
  storeTimezones,
  taxRegimes,
} from '../../../db/schema';
import { id, pageOf, rupiah, timestamp, version } from '../../../lib/api-schemas';
import { pageQuery } from '../../../lib/list-query';

/** Whole rupiah the drawer can hold: never negative, never a fraction. */
const cash = z.int().min(0).max(1_000_000_000_000);
const reason = z.string().trim().min(1).max(500);

export const shiftIdParam = z.strictObject({ id: z.uuid() });

export const openShiftBody = z.strictObject({
  id: z.uuid().meta({ description: 'Buatan perangkat · Made by the till (retries are safe)' }),
  storeId: z.uuid(),
  openingCash: cash.meta({ description: 'Kas awal · Opening cash', example: 500_000 }),
  openedAt: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Jam perangkat; daring dicatat dengan jam server · The till’s clock' }),
});

export const cashMovementBody = z.strictObject({
  id: z.uuid(),
  kind: z.enum(cashMovementKinds),
  amount: cash.min(1).meta({ example: 50_000 }),
  reason: reason.meta({ example: 'Beli es batu' }),
  approval: approvalSchema.optional(),
});

const denominations = z
  .array(
    z.strictObject({
      value: z.int().min(1).max(1_000_000).meta({ example: 100_000 }),
      count: z.int().min(0).max(100_000).meta({ example: 12 }),
    }),
  )
  .max(30)
  .meta({ description: 'Rincian pecahan; harus berjumlah countedCash · Must add up' });

export const closeShiftBody = z.strictObject({
  countedCash: cash.meta({ description: 'Kas terhitung · Counted cash', example: 1_245_000 }),
  denominations: denominations.optional(),
  note: z.string().trim().max(500).optional(),
  salesCount: z
    .int()
    .min(0)
    .max(1_000_000)
    .optional()
    .meta({ description: 'Sales the till made in the shift: the report tells if all landed' }),
  approval: approvalSchema.optional(),
});

export const forceCloseBody = z.strictObject({
  reason: reason.meta({ example: 'Tablet kasir hilang' }),
  countedCash: cash.optional(),
});

export const listShiftsQuery = z.strictObject({
  ...pageQuery,
  storeId: z.uuid().optional(),
  deviceKey: z.string().min(1).max(128).optional(),
  cashierId: z.uuid().optional().meta({ description: 'Who opened the shift' }),
  businessDate: z.iso.date().optional(),
  status: z.enum(shiftStatuses).optional(),
});

export const shiftReportQuery = z.strictObject({
  format: z.enum(['html', 'text']).default('text'),
  width: z.enum(['32', '48']).transform(Number).optional(),
});

// ---------------------------------------------------------------------------------------------
// Responses (src/services/shifts/*).

const person = z.object({ id, name: z.string() });
const flags = z.array(z.string()).meta({
  description:
    'clock_skew, over_limit_unapproved, difference_unapproved, force_closed: for a manager to review',
});
const approvals = z.array(z.record(z.string(), z.unknown()));

export const shiftSchema = z
  .object({
    id,
    storeId: id,
    device: z.object({ key: z.string(), name: z.string().meta({ example: 'Kasir Depan' }) }),
    status: z.enum(shiftStatuses),
    businessDate: z.iso.date(),
    openedAt: timestamp,
    openedBy: person,
    openingCash: rupiah,
    closedAt: timestamp.nullable(),
    closedBy: person.nullable(),
    closure: z.enum(shiftClosures).nullable(),
    countedCash: rupiah.nullable(),
    expectedCashAtClose: rupiah.nullable(),
    denominations: z.array(z.object({ value: z.int(), count: z.int() })).nullable(),
    closeNote: z.string().nullable(),
    reportedSalesCount: z.int().nullable(),
    flags,
    approvals,
    version,
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Shift' });

export const shiftPageSchema = pageOf(
  shiftSchema
    .extend({
      salesCount: z.int().min(0),
      expectedCash: rupiah,
      difference: rupiah.nullable().meta({ description: 'Counted − expected, once counted' }),
    })
    .meta({ id: 'ShiftListItem' }),
);

export const cashMovementSchema = z
  .object({
    id,
    shiftId: id,
    kind: z.enum(cashMovementKinds),
    amount: rupiah,
    reason: z.string(),
    occurredAt: timestamp,
    createdBy: id,
    approvals,
    flags,
    createdAt: timestamp,
  })
  .meta({ id: 'ShiftCashMovement' });

const byMethod = z.array(z.object({ method: z.enum(paymentMethods), amount: rupiah }));
const countAndAmount = z.object({ count: z.int().min(0), amount: rupiah });

export const shiftReportSchema = z
  .object({
    kind: z.enum(['X', 'Z']).meta({ description: 'X: the shift is open; Z: closed' }),
    shift: shiftSchema,
    business: z.object({
      name: z.string(),
      legalName: z.string().nullable(),
      npwp: z.string().nullable(),
    }),
    store: z.object({
      id,
      code: z.string(),
      name: z.string(),
      timezone: z.enum(storeTimezones),
      zone: z.string().meta({ example: 'WITA' }),
    }),
    sales: z.object({
      count: z.int().min(0),
      gross: rupiah,
      discounts: rupiah,
      serviceCharge: rupiah,
      tax: rupiah,
      rounding: rupiah,
      total: rupiah,
    }),
    taxes: z.array(
      z.object({
        regime: z.enum(taxRegimes),
        rateBasisPoints: z.int(),
        amount: rupiah,
        count: z.int().min(0),
      }),
    ),
    refunds: countAndAmount,
    voids: countAndAmount.meta({
      description: 'Voids this drawer paid back (of this or an earlier shift’s sales)',
    }),
    payments: byMethod.meta({ description: 'Sales’ tenders by method, net of change' }),
    netByMethod: byMethod.meta({
      description: 'Tenders less refunds and voids, by method: to reconcile EDC/QRIS settlements',
    }),
    cash: z.object({
      opening: rupiah,
      sales: rupiah,
      refunds: rupiah,
      voids: rupiah,
      payIns: rupiah,
      payOuts: rupiah,
      expected: rupiah,
      counted: rupiah.nullable(),
      difference: rupiah.nullable(),
    }),
    movements: z.array(
      z.object({
        id,
        kind: z.enum(cashMovementKinds),
        amount: rupiah,
        reason: z.string(),
        occurredAt: timestamp,
        createdBy: person,
        flags,
      }),
    ),
    salesLanded: z
      .object({
        landed: z.int().min(0),
        reported: z.int().nullable(),
        complete: z.boolean().nullable(),
      })
      .meta({
        description:
          'Sales of the shift on the server against the till’s count at the close: false ' +
          'while an upload is still on its way',
      }),
    generatedAt: timestamp,
  })
  .meta({ id: 'ShiftReport' });

export const shiftReportBodySchema = z.string();
