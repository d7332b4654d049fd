import type { Context } from 'hono';
import { Hono } from 'hono';
import { authenticate } from '../../../auth/context';
import { hasPermission } from '../../../auth/policy';
import type { AuthedEnv } from '../../../env';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import {
  listNotifications,
  markNotificationRead,
  type NotificationReader,
} from '../../../services/notifications';
import {
  notificationIdParam,
  notificationListQuery,
  notificationPageSchema,
  notificationSchema,
} from './schemas';

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
  .get(
    '/',
    operation({
      operationId: 'listNotifications',
      tag: 'notifications',
      summary: { id: 'Notifikasi', en: 'Notifications' },
      description: {
        id:
          'Terbaru lebih dulu: yang ditujukan kepada Anda, ditambah stok menipis dan masalah ' +
          'sinkronisasi bila Anda punya inventory.manage. `unread=true` hanya yang belum dibaca.',
        en:
          'Newest first: those addressed to you, plus low stock and sync problems if you hold ' +
          'inventory.manage. `unread=true` for the unread ones only.',
      },
      responses: {
        200: {
          description: { id: 'Satu halaman notifikasi', en: 'A page of notifications' },
          schema: notificationPageSchema,
        },
      },
    }),
    validate('query', notificationListQuery),
    async (c) =>
      c.json(await listNotifications(c.var.database.db, reader(c), c.req.valid('query'))),
  )
  .post(
    '/:id/read',
    operation({
      operationId: 'markNotificationRead',
      tag: 'notifications',
      summary: { id: 'Tandai sudah dibaca', en: 'Mark as read' },
      description: {
        id: 'Yang sudah dibaca tetap seperti semula (siapa dan kapan pertama dibaca).',
        en: 'One already read stays as it was (who read it first, and when).',
      },
      responses: {
        200: {
          description: { id: 'Notifikasi', en: 'The notification' },
          schema: notificationSchema,
        },
      },
    }),
    validate('param', notificationIdParam),
    async (c) =>
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
