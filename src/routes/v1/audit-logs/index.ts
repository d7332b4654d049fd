import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { listAuditLogs } from '../../../services/audit-log-queries';
import { auditLogPageSchema, auditLogQuery } from './schemas';

/** Read-only: there is no route that changes or removes an audit row. */
export const auditLogRoutes = new Hono<AuthedEnv>()
  .use(authenticate, requirePermission('audit.view'))
  .get(
    '/',
    operation({
      operationId: 'listAuditLogs',
      tag: 'audit',
      summary: { id: 'Log audit', en: 'The audit log' },
      description: {
        id:
          'Terbaru lebih dulu, per halaman; saring menurut pelaku, entitas, aksi atau rentang ' +
          'waktu (`from`, `to`, ISO 8601).',
        en:
          'Newest first, paged; filter by actor, entity, action or a time range (`from`, `to`, ' +
          'ISO 8601).',
      },
      responses: {
        200: {
          description: { id: 'Satu halaman log', en: 'A page of the log' },
          schema: auditLogPageSchema,
        },
      },
    }),
    validate('query', auditLogQuery),
    async (c) =>
      c.json(await listAuditLogs(c.var.database.db, c.var.auth.companyId, c.req.valid('query'))),
  );
