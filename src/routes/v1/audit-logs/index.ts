import { Hono } from 'hono';
import { z } from 'zod';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { validate } from '../../../lib/validation';
import { listAuditLogs } from '../../../services/audit-log-queries';

export const auditLogQuery = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(500).optional(),
    actorId: z.uuid().optional(),
    entityType: z.string().min(1).max(50).optional(),
    entityId: z.uuid().optional(),
    action: z.string().min(1).max(100).optional(),
    from: z.iso
      .datetime({ offset: true })
      .transform((value) => new Date(value))
      .optional(),
    to: z.iso
      .datetime({ offset: true })
      .transform((value) => new Date(value))
      .optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'validation.timeRange',
    path: ['to'],
  });

/** Read-only: there is no route that changes or removes an audit row. */
export const auditLogRoutes = new Hono<AuthedEnv>()
  .use(authenticate, requirePermission('audit.view'))
  .get('/', validate('query', auditLogQuery), async (c) =>
    c.json(await listAuditLogs(c.var.database.db, c.var.auth.companyId, c.req.valid('query'))),
  );
