import * as z from 'zod';
import { id, rupiah, timestamp } from '../../../lib/api-schemas';

/** A metrics range covers at most a week; without one, the last 24 hours. */
export const maxMetricsDays = 7;
const dayMs = 24 * 60 * 60 * 1000;

/**
 * `from`/`to` (ISO instants): the range the figures cover. The handler resolves the defaults
 * against the request's clock (`metricsRangeOf`).
 */
export const metricsRangeFields = {
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'Default: `to` − 24 h' }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: 'Default: now' }),
};

export function metricsRangeOf(
  query: { from?: string | undefined; to?: string | undefined },
  now: Date,
): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - dayMs);
  return { from, to };
}

/** The range rules of every metrics query: an end after its start, at most a week apart. */
export function withMetricsRange<Query extends z.ZodType<{ from?: string; to?: string }>>(
  query: Query,
) {
  return query
    .refine((value) => !value.from || !value.to || new Date(value.from) < new Date(value.to), {
      message: 'metrics.rangeInvalid',
      path: ['to'],
    })
    .refine(
      (value) => {
        const { from, to } = metricsRangeOf(value, new Date());
        return to.getTime() - from.getTime() <= maxMetricsDays * dayMs;
      },
      { message: 'metrics.rangeTooLong', path: ['from'] },
    );
}

/** An owner's or manager's own company: one store they work in, or `all`. */
export const companyMetricsQuery = withMetricsRange(
  z.strictObject({
    storeId: z
      .union([z.uuid(), z.literal('all')])
      .default('all')
      .meta({ description: 'Satu toko, atau `all`: semua toko Anda · One store, or `all`' }),
    ...metricsRangeFields,
  }),
);

const count = z.int().min(0);

export const businessMetricsSchema = z
  .object({
    from: timestamp,
    to: timestamp,
    sales: z.object({
      byHour: z.array(z.object({ at: timestamp, sales: count, total: rupiah })),
      byScope: z
        .array(z.object({ id, name: z.string(), sales: count, total: rupiah }))
        .meta({ description: 'Per store (one company) or per company (platform), busiest first' }),
      sales: count,
      total: rupiah,
    }),
    sync: z.object({
      byHour: z.array(
        z.object({
          at: timestamp,
          batches: count,
          accepted: count,
          duplicate: count,
          rejected: count,
        }),
      ),
      batches: count,
      accepted: count,
      duplicate: count,
      rejected: count,
      failed: count,
      stalled: count,
      durationP50Ms: z.number().nullable(),
      durationP95Ms: z.number().nullable(),
      durationMaxMs: z.number().nullable(),
    }),
    devices: z.object({
      notSeenForADay: count,
      quiet: z.array(
        z.object({
          id,
          companyId: id,
          deviceName: z.string(),
          userName: z.string(),
          lastSeenAt: timestamp,
        }),
      ),
    }),
  })
  .meta({ id: 'BusinessMetrics' });
