import { Hono } from 'hono';
import * as z from 'zod';
import type { AuthedEnv } from '../../../env';
import { ApiError } from '../../../lib/errors';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { businessMetrics, deadJobCounts } from '../../../services/metrics/business-metrics';
import { requestMetricsStore } from '../../../services/metrics/metrics-store';
import { dismissDeadJob, listDeadJobs, retryDeadJob } from '../../../services/operations/dead-jobs';
import {
  type IncidentEvent,
  listIncidents,
  resolveIncident,
} from '../../../services/operations/incidents';
import { businessMetricsSchema, metricsRangeOf } from '../metrics/schemas';
import {
  dismissDeadJobBody,
  incidentIdParam,
  incidentListQuery,
  incidentPageSchema,
  incidentSchema,
  platformBusinessQuery,
  requestMetricsQuery,
  requestMetricsSchema,
  stepOf,
} from './operations-schemas';
import { deadJobIdParam, deadJobListQuery, deadJobPageSchema, deadJobSchema } from './schemas';

/** An incident as operators see it: with the README section that tells what to do. */
const withRunbook = (incident: IncidentEvent['incident']) => ({
  ...incident,
  runbook: `#runbook-${incident.kind}`,
});

/**
 * What operators watch (mounted inside platformRoutes, behind its authentication and
 * platform.companies.manage): request and business metrics, incidents, dead queue messages.
 */
export const platformOperationRoutes = new Hono<AuthedEnv>()
  .get(
    '/metrics/requests',
    operation({
      operationId: 'platformRequestMetrics',
      tag: 'platform',
      summary: { id: 'Metrik permintaan', en: 'Request metrics' },
      description: {
        id:
          'Throughput, galat 4xx/5xx dan latensi p50/p95/p99 per titik waktu dan per pola rute ' +
          '(bukan path mentah), seluruh platform atau satu perusahaan. Produksi: Workers ' +
          'Analytics Engine; lokal: Durable Object RequestMetricsLog. Rentang paling panjang 7 ' +
          'hari, paling banyak 1.440 titik; 503 bila sumbernya belum dikonfigurasi.',
        en:
          'Throughput, 4xx/5xx errors and p50/p95/p99 latency per time bucket and per route ' +
          'pattern (never the raw path), platform-wide or for one company. Production: Workers ' +
          'Analytics Engine; locally the RequestMetricsLog Durable Object. At most 7 days and ' +
          '1,440 points; 503 when the source is not configured.',
      },
      responses: {
        200: { description: { id: 'Metrik', en: 'The metrics' }, schema: requestMetricsSchema },
      },
    }),
    validate('query', requestMetricsQuery),
    async (c) => {
      const query = c.req.valid('query');
      const store = requestMetricsStore(c.env);
      if (!store) {
        throw new ApiError('SERVICE_UNAVAILABLE', { detail: { key: 'metrics.notConfigured' } });
      }
      const range = metricsRangeOf(query, c.var.now);
      const stepMinutes = stepOf(query, range);
      const report = await store.query({
        ...range,
        stepMinutes,
        ...(query.companyId ? { companyId: query.companyId } : {}),
        ...(query.route ? { route: query.route } : {}),
      });
      return c.json({
        source: store.source,
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        stepMinutes,
        ...report,
      });
    },
  )
  .get(
    '/metrics/business',
    operation({
      operationId: 'platformBusinessMetrics',
      tag: 'platform',
      summary: { id: 'Metrik bisnis dan sinkronisasi', en: 'Business and sync metrics' },
      description: {
        id:
          'Seperti GET /api/v1/metrics/business, untuk seluruh platform (per perusahaan) atau satu ' +
          'perusahaan (per toko), ditambah job mati yang menunggu dan yang mati sehari terakhir.',
        en:
          'As GET /api/v1/metrics/business, platform-wide (per company) or for one company (per ' +
          'store), plus dead jobs waiting and dead in the last day.',
      },
      responses: {
        200: {
          description: { id: 'Metrik', en: 'The metrics' },
          schema: businessMetricsSchema.extend({
            deadJobs: z.object({ waiting: z.int().min(0), lastDay: z.int().min(0) }),
          }),
        },
      },
    }),
    validate('query', platformBusinessQuery),
    async (c) => {
      const query = c.req.valid('query');
      const db = c.var.database.db;
      const companyId = query.companyId ?? null;
      const range = metricsRangeOf(query, c.var.now);
      const [metrics, deadJobs] = await Promise.all([
        businessMetrics(db, { companyId, storeIds: 'company' }, range, c.var.now),
        deadJobCounts(db, companyId, c.var.now),
      ]);
      return c.json({ ...metrics, deadJobs });
    },
  )
  .get(
    '/incidents',
    operation({
      operationId: 'listIncidents',
      tag: 'platform',
      summary: { id: 'Insiden', en: 'Incidents' },
      description: {
        id:
          'Insiden dari pemeriksaan kesehatan (tiap 5 menit), terbaru dulu: jenis, apa yang diukur, ' +
          'kapan dibuka, terakhir terlihat dan selesai, serta bagian runbook README.',
        en:
          'Incidents from the health check (every 5 minutes), newest first: kind, what was ' +
          'measured, when opened, last seen and resolved, and the README runbook section.',
      },
      responses: {
        200: { description: { id: 'Satu halaman', en: 'A page' }, schema: incidentPageSchema },
      },
    }),
    validate('query', incidentListQuery),
    async (c) => {
      const page = await listIncidents(c.var.database.db, c.req.valid('query'));
      return c.json({ ...page, data: page.data.map(withRunbook) });
    },
  )
  .post(
    '/incidents/:id/resolve',
    operation({
      operationId: 'resolveIncident',
      tag: 'platform',
      summary: { id: 'Tutup insiden', en: 'Resolve an incident' },
      description: {
        id:
          'Menutup insiden secara manual (tercatat di audit). Bila kondisinya masih ada, ' +
          'pemeriksaan berikutnya membuka insiden baru. Insiden yang sudah selesai tidak berubah.',
        en:
          'Resolves an incident by hand (audited). If the condition still holds, the next check ' +
          'opens a new one. A resolved incident stays as it is.',
      },
      responses: {
        200: { description: { id: 'Insiden', en: 'The incident' }, schema: incidentSchema },
      },
    }),
    validate('param', incidentIdParam),
    async (c) =>
      c.json(
        withRunbook(
          await resolveIncident(c.var.database.db, c.var.auth, c.req.valid('param').id, c.var.now),
        ),
      ),
  )
  .get(
    '/dead-jobs',
    operation({
      operationId: 'listDeadJobs',
      tag: 'platform',
      summary: { id: 'Pesan antrean mati', en: 'Dead queue messages' },
      description: {
        id:
          'Pekerjaan antrean yang habis percobaannya, terbaru dulu: jenis, perusahaan, isi (tanpa ' +
          'kredensial), galat terakhir, jumlah percobaan, kapan dicoba ulang atau disisihkan dan ' +
          'oleh siapa.',
        en:
          'Queue jobs that ran out of deliveries, newest first: type, company, body (credentials ' +
          'redacted), last error, deliveries, when and by whom they were retried or set aside.',
      },
      responses: {
        200: {
          description: { id: 'Satu halaman', en: 'A page' },
          schema: deadJobPageSchema,
        },
      },
    }),
    validate('query', deadJobListQuery),
    async (c) => c.json(await listDeadJobs(c.var.database.db, c.req.valid('query'))),
  )
  .post(
    '/dead-jobs/:id/retry',
    operation({
      operationId: 'retryDeadJob',
      tag: 'platform',
      summary: { id: 'Coba ulang pesan mati', en: 'Retry a dead message' },
      description: {
        id:
          'Mengirim isinya lagi ke antrean JOBS (setiap penangan idempoten) dan mencatat siapa ' +
          'yang melakukannya di log audit platform.',
        en:
          'Sends its body to the JOBS queue again (every handler is idempotent) and records who ' +
          'did it in the platform’s audit log.',
      },
      responses: {
        200: { description: { id: 'Dikirim ulang', en: 'Sent again' }, schema: deadJobSchema },
      },
    }),
    validate('param', deadJobIdParam),
    async (c) =>
      c.json(
        await retryDeadJob(c.var.database.db, c.env.JOBS, c.var.auth, c.req.valid('param').id),
      ),
  )
  .post(
    '/dead-jobs/:id/dismiss',
    operation({
      operationId: 'dismissDeadJob',
      tag: 'platform',
      summary: { id: 'Sisihkan pesan mati', en: 'Set a dead message aside' },
      description: {
        id:
          'Untuk isi yang tidak akan pernah berhasil (rusak): tidak dikirim ulang, alasannya ' +
          'dicatat di audit, dan pemeriksaan kesehatan tidak menghitungnya lagi. Idempoten.',
        en:
          'For a body that can never succeed (poisoned): not sent again, the reason audited, and ' +
          'the health check stops counting it. Idempotent.',
      },
      requestExample: { reason: 'Isi rusak dari rilis 2026-12-01; data dibetulkan manual' },
      responses: {
        200: { description: { id: 'Disisihkan', en: 'Set aside' }, schema: deadJobSchema },
      },
    }),
    validate('param', deadJobIdParam),
    validate('json', dismissDeadJobBody),
    async (c) =>
      c.json(
        await dismissDeadJob(
          c.var.database.db,
          c.var.auth,
          c.req.valid('param').id,
          c.req.valid('json').reason,
        ),
      ),
  );
