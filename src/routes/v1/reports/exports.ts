import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { sendJobs } from '../../../queues/send-jobs';
import {
  exportFile,
  exportView,
  findExport,
  listExports,
  requestExport,
} from '../../../services/exports/exports';
import {
  exportFileSchema,
  exportIdParam,
  exportListQuery,
  exportPageSchema,
  exportRequestExample,
  exportRequestSchema,
  exportSchema,
} from './schemas';
import { reportScopeOf } from './scope';

/**
 * Report files (`reports.view`): requested here, built by the JOBS consumer into the REPORTS
 * bucket, read back by the company's users with reports.view (services/exports/).
 */
export const exportRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .post(
    '/',
    operation({
      operationId: 'requestReportExport',
      tag: 'reports',
      summary: { id: 'Minta ekspor laporan', en: 'Request a report export' },
      description: {
        id:
          'Berkas CSV (UTF-8 dengan BOM) atau XLSX dibuat di antrean: laporan mana pun, ' +
          'transaksi (per penjualan atau per baris, paling panjang 92 hari), transaksi PBJT, ' +
          'ringkasan PPN bulanan. Jawaban 202 dengan ekspornya; pantau statusnya lalu unduh.',
        en:
          'A CSV (UTF-8 with BOM) or XLSX file built on the queue: any report, the ' +
          'transactions (per sale or per line, at most 92 days), the PBJT transactions, the ' +
          'monthly PPN summary. Answers 202 with the export; follow its status, then download.',
      },
      storeScope: 'body.params.storeId',
      requestExample: exportRequestExample,
      responses: {
        202: {
          description: { id: 'Ekspor diantrekan', en: 'Export queued' },
          schema: exportSchema,
        },
      },
      errors: ['NOT_FOUND'],
    }),
    requirePermission('reports.view'),
    validate('json', exportRequestSchema),
    async (c) => {
      const { type, format, params } = c.req.valid('json');
      const { storeId, ...rest } = params;
      const scope = await reportScopeOf(c, storeId);
      const row = await requestExport(c.var.database.db, {
        type,
        format,
        params: rest,
        scope,
        language: c.var.language,
        requestedBy: c.var.auth.userId,
      });
      c.executionCtx.waitUntil(
        sendJobs(
          c.env.JOBS,
          [{ type: 'reports.export', companyId: row.companyId, exportId: row.id }],
          c.var.logger,
        ),
      );
      c.header('Location', `/api/v1/reports/exports/${row.id}`);
      return c.json(exportView(row), 202);
    },
  )
  .get(
    '/',
    operation({
      operationId: 'listReportExports',
      tag: 'reports',
      summary: { id: 'Daftar ekspor laporan', en: 'List report exports' },
      description: {
        id: 'Ekspor perusahaan Anda, terbaru dulu.',
        en: 'Your company’s exports, newest first.',
      },
      responses: {
        200: { description: { id: 'Ekspor', en: 'The exports' }, schema: exportPageSchema },
      },
      errors: ['INVALID_CURSOR'],
    }),
    requirePermission('reports.view'),
    validate('query', exportListQuery),
    async (c) =>
      c.json(await listExports(c.var.database.db, c.var.auth.companyId, c.req.valid('query'))),
  )
  .get(
    '/:id',
    operation({
      operationId: 'getReportExport',
      tag: 'reports',
      summary: { id: 'Status ekspor laporan', en: 'A report export’s status' },
      description: {
        id: 'queued, building, ready (unduh), failed (dengan alasannya) atau expired.',
        en: 'queued, building, ready (download it), failed (with its reason) or expired.',
      },
      responses: {
        200: { description: { id: 'Ekspor', en: 'The export' }, schema: exportSchema },
      },
      errors: ['NOT_FOUND'],
    }),
    requirePermission('reports.view'),
    validate('param', exportIdParam),
    async (c) =>
      c.json(
        exportView(
          await findExport(c.var.database.db, c.var.auth.companyId, c.req.valid('param').id),
        ),
      ),
  )
  .get(
    '/:id/download',
    operation({
      operationId: 'downloadReportExport',
      tag: 'reports',
      summary: { id: 'Unduh ekspor laporan', en: 'Download a report export' },
      description: {
        id: 'Berkasnya, sebagai lampiran. 409 selama dibuat, 410 setelah masa simpannya habis.',
        en: 'The file, as an attachment. 409 while it is built, 410 after its retention.',
      },
      responses: {
        200: {
          description: { id: 'Berkas', en: 'The file' },
          schema: exportFileSchema,
          mediaType: [
            'text/csv',
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          ],
        },
      },
      errors: ['NOT_FOUND', 'CONFLICT', 'GONE'],
    }),
    requirePermission('reports.view'),
    validate('param', exportIdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const file = await exportFile(c.var.database.db, c.env.REPORTS, c.var.auth.companyId, id);
      return new Response(file.object.body, {
        headers: {
          'Content-Type': file.contentType,
          'Content-Disposition': `attachment; filename="${file.fileName}"`,
          'Content-Length': String(file.object.size),
          'Cache-Control': 'private, no-store',
        },
      });
    },
  );
