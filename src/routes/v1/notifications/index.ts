import { Hono } from 'hono';
import { z } from 'zod';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { validate } from '../../../lib/validation';
import { auditActor } from '../../../services/audit';
import { listNotifications, markNotificationRead } from '../../../services/notifications';

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
  unread: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});

const idParam = z.strictObject({ id: z.uuid() });

/** Low-stock and other notices for the people who act on them: inventory.manage. */
export const notificationRoutes = new Hono<AuthedEnv>()
  .use(authenticate, requirePermission('inventory.manage'))
  .get('/', validate('query', listQuery), async (c) =>
    c.json(await listNotifications(c.var.database.db, c.var.auth.companyId, c.req.valid('query'))),
  )
  .post('/:id/read', validate('param', idParam), async (c) =>
    c.json(
      await markNotificationRead(
        c.var.database.db,
        { ...auditActor(c), actorUserId: c.var.auth.userId },
        c.req.valid('param').id,
        new Date(),
      ),
    ),
  );
