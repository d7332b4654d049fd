import * as z from 'zod';
import { approvalSchema } from '../../../auth/approval';
import { tenantPermissions } from '../../../auth/permissions';
import {
  paymentMethods,
  paymentStatuses,
  taxRegimes,
  transactionKinds,
  transactionStatuses,
} from '../../../db/schema';
import { calendarDate, id, rupiah as money, pageOf, timestamp } from '../../../lib/api-schemas';
import { pageQuery } from '../../../lib/list-query';

/** Whole rupiah, up to one billion per amount (a sane ceiling for a till). */
const rupiah = z.number().int().min(0).max(1_000_000_000);

export const saleItemSchema = z.strictObject({
  variantId: z.uuid(),
  quantity: z.number().int().min(1).max(10_000),
  lineDiscount: rupiah.optional(),
  unitPrice: rupiah.optional(),
  modifiers: z
    .array(z.strictObject({ optionId: z.uuid() }))
    .max(30)
    .refine(
      (chosen) => new Set(chosen.map((option) => option.optionId)).size === chosen.length,
      'sales.modifierRepeated',
    )
    .optional()
    .meta({
      description:
        'Opsi modifier yang dipilih untuk tiap unit baris · The options chosen for each unit ' +
        'of the line (from the groups attached to the product)',
    }),
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
    ...pageQuery,
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

// ---------------------------------------------------------------------------------------------
// Responses: a sale as the API writes it (src/services/sales/sale-view.ts, list-sales.ts).

/** What was raised while accepting a sale; the review flags also write a sync event. */
export const saleFlagSchema = z
  .enum([
    'price_override',
    'price_not_valid',
    'discount_not_authorized',
    'approved_offline',
    'negative_stock',
    'clock_skew',
    'cashier_inactive',
    'no_open_shift',
    'shift_mismatch',
    'modifier_not_valid',
    'bill_settled_twice',
  ])
  .meta({
    id: 'SaleFlag',
    description:
      'Tanda untuk ditinjau manajer (harga diubah, stok minus, jam perangkat meleset…) · ' +
      'A flag for a manager to review (price changed, stock below zero, skewed till clock…)',
  });

/** Who allowed a price override, a large discount, a void or a refund (src/auth/approval.ts). */
export const saleApprovalSchema = z
  .object({
    permission: z.enum(tenantPermissions),
    grantedTo: id.meta({ description: 'The cashier (the caller)' }),
    approvedBy: id.optional().meta({ description: 'The approving manager, if any' }),
    method: z.enum(['own_permission', 'pin', 'password', 'offline_approval']),
  })
  .meta({ id: 'SaleApproval' });

const saleColumns = {
  id,
  companyId: id,
  storeId: id,
  kind: z.enum(transactionKinds),
  number: z.string().meta({
    description: '{STORE_CODE}-{YYYYMMDD}-{NNNN}; a refund adds -R{n}',
    example: 'JKT01-20261203-0001',
  }),
  businessDate: calendarDate,
  status: z.enum(transactionStatuses),
  cashierId: id,
  deviceSessionId: id.nullable(),
  refundOfId: id.nullable().meta({ description: 'The original sale, for a refund' }),
  clientReference: z.string().nullable(),
  clientCreatedAt: timestamp
    .nullable()
    .meta({ description: 'The till clock, for an offline sale' }),
  taxRegime: z.enum(taxRegimes),
  taxRateBasisPoints: z.int().min(0),
  serviceChargeBasisPoints: z.int().min(0),
  pricesIncludeTax: z.boolean(),
  storeSettingsId: id.nullable().meta({
    description:
      'The store settings entry the sale was priced with (GET /stores/{id}/settings-history)',
  }),
  subtotal: money,
  discountTotal: money,
  serviceCharge: money,
  taxTotal: money,
  taxBase: money.meta({
    description:
      'Dasar pengenaan pajak (DPP), tanpa pajaknya · The tax base (DPP), tax excluded; 0 untaxed',
  }),
  rounding: money.meta({ description: 'Cash rounding, may be negative' }),
  total: money,
  paidTotal: money,
  changeAmount: money,
  note: z.string().nullable(),
  flags: z.array(saleFlagSchema),
  approvals: z.array(saleApprovalSchema),
  voidedAt: timestamp.nullable(),
  voidedBy: id.nullable(),
  voidReason: z.string().nullable(),
  voidApprovedBy: id.nullable().meta({
    description: 'The manager who approved the void (null: the voider’s own permission)',
  }),
  voidBusinessDate: z.iso.date().nullable().meta({
    description:
      'Tanggal bisnis void: laporan menghitungnya di hari itu · The void’s business date',
  }),
  shiftId: id.nullable().meta({
    description: 'The shift whose drawer took the money (GET /shifts/{id}); null: none open',
  }),
  pendingShiftId: id.nullable().meta({
    description: 'An offline sale’s shift that has not reached the server yet',
  }),
  voidShiftId: id.nullable().meta({ description: 'The shift whose drawer paid the void back' }),
  createdAt: timestamp,
  updatedAt: timestamp,
};

export const saleLineSchema = z
  .object({
    id,
    lineNumber: z.int().min(1),
    variantId: id,
    productName: z.string().meta({ example: 'Es Kopi Susu' }),
    variantName: z.string(),
    sku: z.string(),
    quantity: z.int().min(1),
    unitPrice: money,
    listUnitPrice: money.nullable().meta({ description: 'The catalog price, when overridden' }),
    lineDiscount: money,
    lineTotal: money,
    orderDiscountShare: money.meta({
      description: 'The line’s part of the order discount (reports: its net is lineTotal − this)',
    }),
    taxAmount: money,
    isTaxable: z.boolean(),
    modifiers: z
      .array(
        z.object({
          optionId: id,
          groupId: id,
          groupName: z.string().meta({ example: 'Tambahan' }),
          name: z.string().meta({ example: 'Extra shot' }),
          priceDelta: money.meta({ example: 5_000 }),
          stockVariantId: id.nullable().meta({ description: 'The variant whose stock it took' }),
        }),
      )
      .meta({ description: 'The options of each unit, as they were at the sale' }),
    modifierUnitTotal: money.meta({
      description: 'What the options add to each unit: gross = quantity × (unitPrice + this)',
    }),
    refundedQuantity: z.int().min(0),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'SaleLine' });

export const salePaymentSchema = z
  .object({
    id,
    method: z.enum(paymentMethods),
    amount: money,
    tendered: money.nullable().meta({ description: 'Cash handed over' }),
    changeAmount: money,
    externalReference: z.string().nullable(),
    status: z.enum(paymentStatuses),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'SalePayment' });

export const saleRefundRefSchema = z
  .object({
    id,
    number: z.string(),
    total: money,
    note: z.string().nullable().meta({ description: 'The refund reason' }),
    createdAt: timestamp,
  })
  .meta({ id: 'SaleRefundRef' });

/** A sale (or refund) with its lines, payments and refunds. */
export const saleSchema = z
  .object({
    ...saleColumns,
    storeCode: z.string().meta({ example: 'JKT01' }),
    cashierName: z.string(),
    items: z.array(saleLineSchema),
    payments: z.array(salePaymentSchema),
    refunds: z.array(saleRefundRefSchema).meta({ description: 'Empty for a refund itself' }),
  })
  .meta({ id: 'Sale' });

/** A row of the sales list: the sale without lines, payments and refunds; who sold, how paid. */
export const saleSummarySchema = z
  .object({
    ...saleColumns,
    cashierName: z.string(),
    methods: z
      .array(z.enum(paymentMethods))
      .meta({ description: 'The payment methods of the sale, each once', example: ['cash'] }),
  })
  .meta({ id: 'SaleSummary' });

export const salePageSchema = pageOf(saleSummarySchema);

/** `refund`: the refund transaction (kind refund); `sale`: the original, with its new status. */
export const refundResultSchema = z
  .object({ refund: saleSchema, sale: saleSchema })
  .meta({ id: 'SaleRefundResult' });

/** A rendered receipt: HTML, or plain text for a thermal printer. */
export const receiptBodySchema = z.string();
