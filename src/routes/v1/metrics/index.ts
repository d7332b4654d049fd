import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { businessMetrics } from '../../../services/metrics/business-metrics';
import { reportScopeOf } from '../reports/scope';
import { businessMetricsSchema, companyMetricsQuery, metricsRangeOf } from './schemas';

/**
 * An owner's or manager's view of their own company's operations: sales per hour and sync health
 * of the stores they work in (reports.view). Never another company's, never request metrics.
 */
export const metricsRoutes = new Hono<AuthedEnv>()
  .use(authenticate, requirePermission('reports.view'))
  .get(
    '/business',
    operation({
      operationId: 'companyBusinessMetrics',
      tag: 'metrics',
      storeScope: 'query.storeId',
      errors: ['NOT_FOUND'],
      summary: { id: 'Metrik penjualan dan sinkronisasi', en: 'Sales and sync metrics' },
      description: {
        id:
          'Penjualan per jam (saat diterima server) per toko, batch sinkronisasi diterima/duplikat/' +
          'ditolak dan durasinya, batch macet atau gagal, perangkat yang tidak terlihat sehari, ' +
          'untuk toko tempat Anda bekerja (`all`: semuanya). Rentang paling panjang 7 hari; ' +
          'bawaan 24 jam terakhir.',
        en:
          'Sales per hour (as they reached the server) per store, sync batches accepted/duplicate/' +
          'rejected and their durations, stalled or failed batches, devices not seen for a day, ' +
          'for the stores you work in (`all`: every one). At most 7 days; the last 24 hours by ' +
          'default.',
      },
      responses: {
        200: { description: { id: 'Metrik', en: 'The metrics' }, schema: businessMetricsSchema },
      },
    }),
    validate('query', companyMetricsQuery),
    async (c) => {
      const query = c.req.valid('query');
      const scope = await reportScopeOf(c, query.storeId);
      return c.json(
        await businessMetrics(
          c.var.database.db,
          scope,
          metricsRangeOf(query, c.var.now),
          c.var.now,
        ),
      );
    },
  );
