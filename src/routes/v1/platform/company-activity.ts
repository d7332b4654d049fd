import { Hono } from 'hono';
import type { AuthedEnv } from '../../../env';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { listAuditLogs } from '../../../services/audit-log-queries';
import { findTenantCompany } from '../../../services/companies';
import { getStore } from '../../../services/stores/store-admin';
import { syncStatus } from '../../../services/sync/status';
import { auditLogPageSchema, auditLogQuery } from '../audit-logs/schemas';
import { syncStatusSchema } from '../sync/schemas';
import { companyIdParam, companyStoreParam } from './schemas';

/**
 * What an operator looks at when a company calls for help: each store's tills and their recent
 * sync failures (as the store's own GET /sync/status shows them), and what operators did in the
 * company. Mounted behind platformRoutes' authentication and platform.companies.manage.
 */
export const platformCompanyActivityRoutes = new Hono<AuthedEnv>()
  .get(
    '/companies/:id/stores/:storeId/sync-status',
    operation({
      operationId: 'getPlatformStoreSyncStatus',
      tag: 'platform',
      summary: { id: 'Status sinkron toko perusahaan', en: 'A company store’s sync status' },
      description: {
        id:
          'Seperti GET /sync/status toko itu untuk pemiliknya: tiap perangkat (unggah dan tarik ' +
          'terakhir, unggahan macet) dan 20 masalah terbaru. Toko perusahaan lain dijawab 404.',
        en:
          'As the store’s GET /sync/status shows its owner: every device (last push and pull, ' +
          'stuck batches) and the latest 20 problems. Another company’s store answers 404.',
      },
      responses: {
        200: { description: { id: 'Status', en: 'The status' }, schema: syncStatusSchema },
      },
    }),
    validate('param', companyStoreParam),
    async (c) => {
      const { id, storeId } = c.req.valid('param');
      const db = c.var.database.db;
      const company = await findTenantCompany(db, id);
      const store = await getStore(db, company.id, storeId, c.var.now);
      return c.json(
        await syncStatus(
          db,
          { companyId: company.id, storeId: store.id },
          { language: c.var.language, now: c.var.now },
        ),
      );
    },
  )
  .get(
    '/companies/:id/audit-logs',
    operation({
      operationId: 'listPlatformCompanyAuditLogs',
      tag: 'platform',
      summary: { id: 'Tindakan operator di perusahaan', en: 'Operators’ actions in a company' },
      description: {
        id:
          'Baris log audit perusahaan itu yang pelakunya operator kami (onboarding, penangguhan, ' +
          'reset akses…), terbaru lebih dulu, dengan saringan seperti GET /audit-logs.',
        en:
          'The company’s audit rows whose actor is one of our operators (onboarding, suspension, ' +
          'access resets…), newest first, filtered as GET /audit-logs is.',
      },
      responses: {
        200: {
          description: { id: 'Satu halaman log', en: 'A page of the log' },
          schema: auditLogPageSchema,
        },
      },
    }),
    validate('param', companyIdParam),
    validate('query', auditLogQuery),
    async (c) => {
      const db = c.var.database.db;
      const company = await findTenantCompany(db, c.req.valid('param').id);
      return c.json(
        await listAuditLogs(db, company.id, { ...c.req.valid('query'), byOperators: true }),
      );
    },
  );
