import { z } from 'zod';
import { approvalSchema } from '../../../auth/approval';
import { paymentMethods, transactionStatuses } from '../../../db/schema';

/** Whole rupiah, up to one billion per amount (a sane ceiling for a till). */
const rupiah = z.number().int().min(0).max(1_000_000_000);

export const saleItemSchema = z.strictObject({
  variantId: z.uuid(),
  quantity: z.number().int().min(1).max(10_000),
  lineDiscount: rupiah.optional(),
  unitPrice: rupiah.optional(),
});

export const paymentSchema = z
  .strictObject({
    method: z.enum(paymentMethods),
    amount: rupiah.optional(),
    tendered: rupiah.optional(),
    externalReference: z.string().trim().min(1).max(100).optional(),
  })
  .refine(
    (payment) =>
      payment.method === 'cash' ? payment.tendered !== undefined : payment.amount !== undefined,
    {
      message: 'sales.paymentAmountRequired',
      path: ['amount'],
    },
  );

export const createSaleBody = z.strictObject({
  id: z.uuid().optional(),
  storeId: z.uuid(),
  items: z.array(saleItemSchema).min(1).max(200),
  orderDiscount: rupiah.optional(),
  note: z.string().trim().max(500).optional(),
  clientReference: z.string().trim().min(1).max(100).optional(),
  payments: z.array(paymentSchema).min(1).max(10),
  expectedTotal: rupiah.optional(),
  approval: approvalSchema.optional(),
});

export const transactionIdParam = z.strictObject({ id: z.uuid() });

export const voidBody = z.strictObject({
  reason: z.string().trim().min(3).max(500),
  approval: approvalSchema.optional(),
});

export const refundBody = z.strictObject({
  reason: z.string().trim().min(3).max(500),
  items: z
    .array(
      z.strictObject({
        lineNumber: z.number().int().min(1),
        quantity: z.number().int().min(1).max(10_000),
      }),
    )
    .min(1)
    .max(200),
  payments: z
    .array(
      z.strictObject({
        method: z.enum(paymentMethods),
        amount: rupiah,
        externalReference: z.string().trim().min(1).max(100).optional(),
      }),
    )
    .min(1)
    .max(10)
    .optional(),
  approval: approvalSchema.optional(),
});

export const receiptQuery = z.strictObject({
  format: z.enum(['html', 'text']).default('html'),
  width: z.enum(['32', '48']).transform(Number).optional(),
});

const businessDate = z.iso.date();

export const listSalesQuery = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(500).optional(),
    storeId: z.uuid().optional(),
    from: businessDate.optional(),
    to: businessDate.optional(),
    status: z.enum(transactionStatuses).optional(),
    kind: z.enum(['sale', 'refund']).optional(),
    cashierId: z.uuid().optional(),
    method: z.enum(paymentMethods).optional(),
    number: z.string().trim().min(1).max(60).optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'validation.timeRange',
    path: ['to'],
  });
