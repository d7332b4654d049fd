import * as z from 'zod';
import { calendarDate, id, rupiah, timestamp } from '../../../lib/api-schemas';

/** A report covers at most this many days: a year, leap or not. */
export const maxReportDays = 366;

const daysBetween = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

export const salesSummaryQuery = z
  .strictObject({
    storeId: z
      .union([z.uuid(), z.literal('all')])
      .meta({ description: 'Satu toko, atau `all`: semua toko Anda · One store, or `all`' }),
    from: z.iso.date(),
    to: z.iso.date(),
    groupBy: z.enum(['day', 'week', 'month']).default('day'),
  })
  .refine((query) => query.from <= query.to, { message: 'validation.timeRange', path: ['to'] })
  .refine((query) => daysBetween(query.from, query.to) < maxReportDays, {
    message: 'reports.rangeTooLong',
    path: ['to'],
  });

const count = z.int().min(0);

const figures = {
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
    from: calendarDate,
    to: calendarDate,
    groupBy: z.enum(['day', 'week', 'month']),
    periods: z.array(
      z.object({
        period: calendarDate.meta({ description: 'First day of the day, ISO week or month' }),
        ...figures,
      }),
    ),
    totals: z.object(figures),
    freshness: z.object({
      upToDate: z.boolean(),
      pendingDays: z
        .array(z.object({ storeId: id, businessDate: calendarDate, since: timestamp }))
        .meta({ description: 'Days whose latest changes are not counted yet (at most 100)' }),
    }),
  })
  .meta({ id: 'SalesSummary' });
