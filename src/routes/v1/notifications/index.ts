import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { authenticate } from '../../../auth/context';
import { hasPermission } from '../../../auth/policy';
import type { AuthedEnv } from '../../../env';
import { validate } from '../../../lib/validation';
import {
  listNotifications,
  markNotificationRead,
  type NotificationReader,
} from '../../../services/notifications';

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
  unread: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});

const idParam = z.strictObject({ id: z.uuid() });

/** Low-stock and sync notices go to the people who act on them (inventory.manage). */
function reader(c: Context<AuthedEnv>): NotificationReader {
  const { auth } = c.var;
  return {
    companyId: auth.companyId,
    userId: auth.userId,
    seesCompanyNotifications: hasPermission(auth, 'inventory.manage'),
  };
}

/** Every signed-in user reads what is addressed to them. */
export const notificationRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .get('/', validate('query', listQuery), async (c) =>
    c.json(await listNotifications(c.var.database.db, reader(c), c.req.valid('query'))),
  )
  .post('/:id/read', validate('param', idParam), async (c) =>
    c.json(
      await markNotificationRead(
        c.var.database.db,
        c.var.auth,
        reader(c),
        c.req.valid('param').id,
        c.var.now,
      ),
    ),
  );
