import * as z from 'zod';
import {
  type ExportType,
  exportFormats,
  exportStatuses,
  exportTypes,
  paymentMethods,
  taxRegimes,
} from '../../../db/schema';
import { calendarDate, id, pageOf, rupiah, timestamp } from '../../../lib/api-schemas';
import { daysBetween } from '../../../lib/business-date';
import { pageQuery } from '../../../lib/list-query';

/** A report covers at most this many days: a year, leap or not. */
export const maxReportDays = 366;

interface Range {
  from: string;
  to: string;
}

/**
 * Every report's query: the stores (one, or `all` you work in) and a range of business dates of
 * at most a year, plus the report's own parameters.
 */
const reportBase = z.strictObject({
  storeId: z
    .union([z.uuid(), z.literal('all')])
    .meta({ description: 'Satu toko, atau `all`: semua toko Anda · One store, or `all`' }),
  from: z.iso.date(),
  to: z.iso.date(),
});

/** The range rules every report's query shares (a shorter limit for per-transaction files). */
function reportQuery<Query extends z.ZodType<Range>>(
  query: Query,
  maxDays: number = maxReportDays,
  message = 'reports.rangeTooLong',
) {
  return query
    .refine((value) => value.from <= value.to, { message: 'validation.timeRange', path: ['to'] })
    .refine((value) => daysBetween(value.from, value.to) < maxDays, { message, path: ['to'] });
}

const topN = z.coerce
  .number()
  .int()
  .min(1)
  .max(500)
  .default(20)
  .meta({ description: 'Berapa baris teratas · How many top rows (1–500)' });

export const salesSummaryQuery = reportQuery(
  reportBase.extend({ groupBy: z.enum(['day', 'week', 'month']).default('day') }),
);
export const itemsQuery = reportQuery(
  reportBase.extend({
    by: z.enum(['variant', 'product', 'category']).default('variant'),
    sort: z.enum(['quantity', 'net']).default('net'),
    limit: topN,
  }),
);
export const optionsQuery = reportQuery(reportBase.extend({ limit: topN }));
export const rangeQuery = reportQuery(reportBase);
export const staffQuery = reportQuery(
  reportBase.extend({ by: z.enum(['cashier', 'device', 'shift']).default('cashier') }),
);
export const hoursQuery = reportQuery(
  reportBase.extend({
    aggregate: z
      .enum(['sum', 'average'])
      .default('sum')
      .meta({ description: '`average`: per calendar day of the range' }),
  }),
);
export const voidsRefundsQuery = reportQuery(reportBase.extend(pageQuery));

/** A per-transaction export covers at most a quarter: a bounded file, built in one job. */
export const maxTransactionExportDays = 92;

const groupBy = z.enum(['day', 'week', 'month']).default('day');
const exportParams = {
  'sales-summary': reportQuery(reportBase.extend({ groupBy })),
  items: reportQuery(
    reportBase.extend({
      by: z.enum(['variant', 'product', 'category']).default('variant'),
      sort: z.enum(['quantity', 'net']).default('net'),
    }),
  ),
  options: reportQuery(reportBase),
  payments: reportQuery(reportBase),
  cashiers: reportQuery(
    reportBase.extend({ by: z.enum(['cashier', 'device', 'shift']).default('cashier') }),
  ),
  hours: reportQuery(reportBase.extend({ aggregate: z.enum(['sum', 'average']).default('sum') })),
  'voids-refunds': reportQuery(reportBase),
  taxes: reportQuery(reportBase),
  transactions: reportQuery(
    reportBase.extend({
      granularity: z
        .enum(['sale', 'line'])
        .default('sale')
        .meta({ description: '`sale`: a row per sale; `line`: a row per sale line' }),
    }),
    maxTransactionExportDays,
    'reports.transactionsRangeTooLong',
  ),
  'pbjt-transactions': reportQuery(
    reportBase,
    maxTransactionExportDays,
    'reports.transactionsRangeTooLong',
  ),
  'ppn-monthly': reportQuery(reportBase),
} satisfies Record<ExportType, z.ZodType>;

const exportFormat = z.enum(exportFormats).default('csv');

export const exportRequestSchema = z
  .discriminatedUnion(
    'type',
    Object.entries(exportParams).map(([type, params]) =>
      z.strictObject({ type: z.literal(type as ExportType), format: exportFormat, params }),
    ) as unknown as [
      z.ZodObject<{
        type: z.ZodLiteral<ExportType>;
        format: typeof exportFormat;
        params: z.ZodType<Range & { storeId: string } & Record<string, unknown>>;
      }>,
    ],
  )
  .meta({ id: 'ReportExportRequest' });

export const exportRequestExample = {
  type: 'transactions',
  format: 'csv',
  params: {
    storeId: '5b0e7c1e-3f7a-4c55-9d7e-2f0c4a1b9e10',
    from: '2026-11-01',
    to: '2026-11-30',
    granularity: 'line',
  },
};

export const exportIdParam = z.strictObject({ id: z.uuid() });
export const exportListQuery = z.strictObject(pageQuery);

export const exportSchema = z
  .object({
    id,
    requestedBy: id,
    type: z.enum(exportTypes),
    format: z.enum(exportFormats),
    params: z.record(z.string(), z.unknown()).meta({ description: 'The report’s parameters' }),
    storeIds: z
      .union([z.literal('all'), z.array(id)])
      .meta({ description: 'The stores covered, resolved at the request' }),
    language: z.enum(['id', 'en']).meta({ description: 'The header row’s language' }),
    status: z.enum(exportStatuses),
    attempts: z.int().min(0),
    error: z.string().nullable().meta({ description: 'Why the last attempt failed' }),
    rowCount: z.int().min(0).nullable(),
    sizeBytes: z.int().min(0).nullable(),
    fileName: z.string().meta({ example: 'kasir-transactions-2026-11-01_2026-11-30.csv' }),
    completedAt: timestamp.nullable(),
    expiresAt: timestamp.nullable().meta({ description: 'When the file is deleted' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'ReportExport' });

export const exportPageSchema = pageOf(exportSchema);

export const exportFileSchema = z
  .string()
  .meta({ format: 'binary', description: 'CSV (UTF-8 with BOM) or XLSX' });

const count = z.int().min(0);
const freshness = z.object({
  upToDate: z.boolean(),
  pendingDays: z
    .array(z.object({ storeId: id, businessDate: calendarDate, since: timestamp }))
    .meta({ description: 'Days whose latest changes are not counted yet (at most 100)' }),
});
const range = { from: calendarDate, to: calendarDate };

const salesFigures = {
  salesCount: count,
  gross: rupiah.meta({ description: 'Before discounts' }),
  discounts: rupiah,
  serviceCharge: rupiah,
  tax: rupiah,
  rounding: rupiah,
  salesTotal: rupiah.meta({ description: 'What the sales charged' }),
  changeGiven: rupiah,
  refundsCount: count,
  refundsAmount: rupiah.meta({ description: 'Refunds made on these days (their own date)' }),
  voidsCount: count,
  voidsAmount: rupiah.meta({ description: 'Voids made on these days (their own date)' }),
  net: rupiah.meta({ description: 'salesTotal − refundsAmount − voidsAmount' }),
  averageTicket: rupiah,
};

export const salesSummarySchema = z
  .object({
    ...range,
    groupBy: z.enum(['day', 'week', 'month']),
    periods: z.array(
      z.object({
        period: calendarDate.meta({ description: 'First day of the day, ISO week or month' }),
        ...salesFigures,
      }),
    ),
    totals: z.object(salesFigures),
    freshness,
  })
  .meta({ id: 'SalesSummary' });

const itemFigures = {
  quantity: count,
  gross: rupiah.meta({ description: 'quantity × (price + options), before service and tax' }),
  discounts: rupiah.meta({ description: 'Line discounts and the lines’ share of order discounts' }),
  net: rupiah.meta({ description: 'gross − discounts' }),
  cost: rupiah.meta({ description: 'Units × the cost recorded at each sale' }),
  grossProfit: rupiah
    .nullable()
    .meta({ description: 'net − cost; null when some units had no recorded cost' }),
  uncostedQuantity: count,
  refundedQuantity: count,
  refundsAmount: rupiah.meta({ description: 'Paid back for these items (on the refund’s date)' }),
  voidedQuantity: count,
  voidsAmount: rupiah.meta({ description: 'Net of the lines voided (on the void’s date)' }),
};

export const itemsReportSchema = z
  .object({
    ...range,
    by: z.enum(['variant', 'product', 'category']),
    sort: z.enum(['quantity', 'net']),
    count: count.meta({ description: 'How many variants, products or categories sold' }),
    rows: z.array(
      z.object({
        id: id.nullable().meta({ description: 'null: products without a category' }),
        name: z.string().meta({ example: 'Es Kopi Susu' }),
        variantName: z.string().nullable(),
        sku: z.string().nullable(),
        ...itemFigures,
      }),
    ),
    totals: z.object(itemFigures).meta({ description: 'Every item of the range' }),
    freshness,
  })
  .meta({ id: 'ItemsReport' });

export const optionsReportSchema = z
  .object({
    ...range,
    rows: z.array(
      z.object({
        id,
        name: z.string().meta({ example: 'Extra shot' }),
        groupName: z.string().meta({ example: 'Tambahan' }),
        quantity: count,
        gross: rupiah.meta({ description: 'What the option added to the lines' }),
      }),
    ),
    freshness,
  })
  .meta({ id: 'OptionsReport' });

const paymentFigures = {
  paymentsCount: count,
  amount: rupiah.meta({ description: 'Paid by sales of the range (change excluded)' }),
  refundsCount: count,
  refundsAmount: rupiah,
  voidsCount: count,
  voidsAmount: rupiah,
  net: rupiah.meta({ description: 'amount − refundsAmount − voidsAmount' }),
};

export const paymentsReportSchema = z
  .object({
    ...range,
    methods: z.array(z.object({ method: z.enum(paymentMethods), ...paymentFigures })),
    totals: z.object(paymentFigures),
    freshness,
  })
  .meta({ id: 'PaymentsReport' });

const breakdownFigures = {
  salesCount: z.number().min(0).meta({ description: 'An average keeps two decimals' }),
  gross: rupiah,
  discounts: rupiah,
  salesTotal: rupiah,
  refundsCount: z.number().min(0),
  refundsAmount: rupiah,
  voidsCount: z.number().min(0),
  voidsAmount: rupiah,
  net: rupiah,
  averageTicket: rupiah,
};

export const staffReportSchema = z
  .object({
    ...range,
    by: z.enum(['cashier', 'device', 'shift']),
    rows: z.array(
      z.object({
        id: id.nullable().meta({ description: 'null: sales made without a device or shift' }),
        name: z.string().meta({ example: 'Siti Kasir' }),
        openedAt: timestamp.nullable().meta({ description: 'The shift’s opening (by shift)' }),
        ...breakdownFigures,
      }),
    ),
    freshness,
  })
  .meta({ id: 'StaffReport' });

export const hoursReportSchema = z
  .object({
    ...range,
    aggregate: z.enum(['sum', 'average']),
    days: z.int().min(1),
    hours: z
      .array(z.object({ hour: z.string().meta({ example: '12' }), ...breakdownFigures }))
      .meta({ description: 'The 24 store-local hours, 00 to 23' }),
    freshness,
  })
  .meta({ id: 'HoursReport' });

const personRef = z.object({ id, name: z.string() });

export const voidsRefundsSchema = pageOf(
  z.object({
    kind: z.enum(['void', 'refund']),
    id: id.meta({ description: 'The refund, or the voided sale' }),
    storeId: id,
    number: z.string().meta({ example: 'JKT01-20261203-0007-R1' }),
    businessDate: calendarDate.meta({ description: 'The day the money went back' }),
    at: timestamp,
    amount: rupiah,
    reason: z.string().nullable(),
    by: personRef.nullable(),
    approvedBy: personRef
      .nullable()
      .meta({ description: 'The approving manager; null: done on their own permission' }),
    sale: z.object({
      id,
      number: z.string(),
      businessDate: calendarDate,
      cashier: personRef.nullable(),
    }),
  }),
).meta({ id: 'VoidsRefunds' });

const taxFigures = {
  salesCount: count,
  taxBase: rupiah.meta({ description: 'DPP: what the tax was computed on, tax excluded' }),
  serviceCharge: rupiah,
  tax: rupiah,
  salesTotal: rupiah,
  voidsCount: count,
  voidsTaxBase: rupiah,
  voidsServiceCharge: rupiah,
  voidsTax: rupiah,
  voidsTotal: rupiah,
  netTaxBase: rupiah.meta({ description: 'taxBase − voidsTaxBase' }),
  netTax: rupiah.meta({ description: 'tax − voidsTax' }),
};
const taxKey = {
  taxRegime: z.enum(taxRegimes),
  taxRateBasisPoints: z.int().min(0).meta({ example: 1000 }),
};

export const taxesReportSchema = z
  .object({
    ...range,
    days: z.array(z.object({ businessDate: calendarDate, ...taxKey, ...taxFigures })),
    regimes: z.array(z.object({ ...taxKey, ...taxFigures })),
    freshness,
  })
  .meta({ id: 'TaxesReport' });
