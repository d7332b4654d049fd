import * as z from 'zod';
import { incidentKinds, incidentSeverities } from '../../../db/schema';
import { id, pageOf, timestamp } from '../../../lib/api-schemas';
import { pageQuery } from '../../../lib/list-query';
import { metricsRangeFields, metricsRangeOf, withMetricsRange } from '../metrics/schemas';

/** The widths a request-metrics series may have, in minutes. */
export const metricsSteps = [1, 5, 15, 60] as const;
export const maxSeriesPoints = 1440;
/** Without a step: the finest that keeps the series within this many points. */
const defaultSeriesPoints = 360;

/** The step a series is drawn with: the one asked for, or the finest that fits. */
export function stepOf(
  query: { stepMinutes?: number | undefined },
  range: { from: Date; to: Date },
) {
  if (query.stepMinutes) return query.stepMinutes;
  const minutes = (range.to.getTime() - range.from.getTime()) / 60_000;
  return metricsSteps.find((step) => minutes / step <= defaultSeriesPoints) ?? 60;
}

export const requestMetricsQuery = withMetricsRange(
  z.strictObject({
    ...metricsRangeFields,
    stepMinutes: z.coerce
      .number()
      .pipe(z.union(metricsSteps.map((step) => z.literal(step))))
      .optional()
      .meta({
        description: 'Lebar tiap titik (menit) · Width of each point (minutes): 1, 5, 15, 60',
      }),
    companyId: z.uuid().optional().meta({ description: 'Satu perusahaan · One company' }),
    route: z
      .string()
      .regex(/^[A-Za-z0-9/:_.*()-]{1,200}$/)
      .optional()
      .meta({ description: 'Pola rute · Route pattern', example: '/api/v1/sync/sales' }),
  }),
).refine(
  (value) => {
    const range = metricsRangeOf(value, new Date());
    const minutes = (range.to.getTime() - range.from.getTime()) / 60_000;
    return minutes / stepOf(value, range) <= maxSeriesPoints;
  },
  { message: 'metrics.tooManyBuckets', path: ['stepMinutes'] },
);

const latency = z.number().nullable();
const figures = {
  requests: z.int().min(0),
  serverErrors: z.int().min(0).meta({ description: '5xx' }),
  clientErrors: z.int().min(0).meta({ description: '4xx' }),
  p50Ms: latency,
  p95Ms: latency,
  p99Ms: latency,
};

export const requestMetricsSchema = z
  .object({
    source: z
      .enum(['analytics-engine', 'local'])
      .meta({ description: 'Where the figures come from' }),
    from: timestamp,
    to: timestamp,
    stepMinutes: z.int(),
    series: z.array(z.object({ at: timestamp, ...figures })),
    routes: z.array(z.object({ route: z.string(), method: z.string(), ...figures })),
    totals: z.object(figures),
  })
  .meta({ id: 'RequestMetrics' });

export const platformBusinessQuery = withMetricsRange(
  z.strictObject({
    ...metricsRangeFields,
    companyId: z.uuid().optional().meta({ description: 'Satu perusahaan · One company' }),
  }),
);

export const incidentListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(['open', 'resolved', 'all']).default('all'),
});
export const incidentIdParam = z.strictObject({ id: z.uuid() });

export const incidentSchema = z
  .object({
    id,
    key: z.string().meta({ example: 'dead_jobs' }),
    kind: z.enum(incidentKinds),
    severity: z.enum(incidentSeverities),
    companyId: id.nullable(),
    storeId: id.nullable(),
    details: z.record(z.string(), z.unknown()).meta({ description: 'What was measured' }),
    openedAt: timestamp,
    lastSeenAt: timestamp,
    resolvedAt: timestamp.nullable(),
    resolvedBy: id.nullable(),
    runbook: z
      .string()
      .meta({ description: 'The README section to follow', example: '#runbook-dead_jobs' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Incident' });

export const incidentPageSchema = pageOf(incidentSchema);

export const dismissDeadJobBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .meta({ example: 'Isi rusak dari rilis 2026-12-01; data dibetulkan manual' }),
});
