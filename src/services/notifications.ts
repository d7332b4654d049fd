import { and, desc, eq, getTableColumns, isNull, or, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/client';
import { deviceSessions, notifications, products, productVariants, users } from '../db/schema';
import { inCompany, sameCompanyRow } from '../db/tenancy';
import { beyondCursor, cursorTimestamp, decodeCursor, pageOf } from '../lib/cursor';
import { ApiError } from '../lib/errors';
import type { AccountLockedJob, LowStockJob, SyncProblemsJob } from '../queues/messages';
import { recordAudit } from './audit';

/**
 * Notifications. Most are for the company's managers and owners who act on stock and sync
 * (inventory.manage); some are for one user (`recipientId`), such as "your account was locked".
 * They are written by the JOBS consumer, read and marked read through the API; every query is
 * scoped by company, and a reader sees only what is addressed to them.
 */
export const lowStockDedupeKey = (movementId: string) => `low_stock:${movementId}`;

/** Inserts a notification unless its dedupe key is already there; false when it was. */
async function insertOnce(db: Db, notification: typeof notifications.$inferInsert) {
  const inserted = await db
    .insert(notifications)
    .values(notification)
    .onConflictDoNothing({ target: [notifications.companyId, notifications.dedupeKey] })
    .returning({ id: notifications.id });
  return inserted.length > 0;
}

/** Inserts the notification of a crossing once; false when it already existed. */
export async function recordLowStockNotification(db: Db, job: LowStockJob): Promise<boolean> {
  const [variant] = await db
    .select({ sku: productVariants.sku, name: productVariants.name, productName: products.name })
    .from(productVariants)
    .leftJoin(
      products,
      inCompany(products, job.companyId, eq(products.id, productVariants.productId)),
    )
    .where(inCompany(productVariants, job.companyId, eq(productVariants.id, job.variantId)));
  return insertOnce(db, {
    companyId: job.companyId,
    storeId: job.storeId,
    kind: 'low_stock',
    dedupeKey: lowStockDedupeKey(job.movementId),
    data: {
      variantId: job.variantId,
      movementId: job.movementId,
      quantity: job.quantity,
      minimumQuantity: job.minimumQuantity,
      sku: variant?.sku ?? null,
      variantName: variant?.name ?? null,
      productName: variant?.productName ?? null,
    },
  });
}

export const syncProblemsDedupeKey = (batchId: string) => `sync_problems:${batchId}`;

/** One notification per batch with problems, naming the till and who was signed in on it. */
export async function recordSyncProblemsNotification(
  db: Db,
  job: SyncProblemsJob,
): Promise<boolean> {
  const [device] = await db
    .select({ deviceName: deviceSessions.deviceName, userName: users.name })
    .from(deviceSessions)
    .innerJoin(users, sameCompanyRow(users, deviceSessions.companyId, deviceSessions.userId))
    .where(inCompany(deviceSessions, job.companyId, eq(deviceSessions.id, job.deviceSessionId)));
  return insertOnce(db, {
    companyId: job.companyId,
    storeId: job.storeId,
    kind: 'sync_problems',
    dedupeKey: syncProblemsDedupeKey(job.batchId),
    data: {
      batchId: job.batchId,
      deviceSessionId: job.deviceSessionId,
      deviceName: device?.deviceName ?? null,
      userName: device?.userName ?? null,
      rejected: job.rejected,
      flagged: job.flagged,
    },
  });
}

export const accountLockedDedupeKey = (job: AccountLockedJob, recipientId: string) =>
  `account_locked:${job.via}:${job.userId}:${job.lockedUntil}:${recipientId}`;

/**
 * One notification for the locked user, and for approvals one for each active owner as well
 * (a colleague guessing a manager's PIN is the owners' business). Returns how many were new.
 */
export async function recordAccountLockedNotifications(
  db: Db,
  job: AccountLockedJob,
): Promise<number> {
  const people = await db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(
      inCompany(
        users,
        job.companyId,
        isNull(users.deletedAt),
        job.via === 'approval'
          ? or(eq(users.id, job.userId), and(eq(users.role, 'owner'), eq(users.isActive, true)))
          : eq(users.id, job.userId),
      ),
    );
  const locked = people.find((person) => person.id === job.userId);
  if (!locked) return 0;
  const inserted = await db
    .insert(notifications)
    .values(
      people.map((recipient) => ({
        companyId: job.companyId,
        recipientId: recipient.id,
        kind: 'account_locked' as const,
        dedupeKey: accountLockedDedupeKey(job, recipient.id),
        data: {
          userId: locked.id,
          userName: locked.name,
          via: job.via,
          failures: job.failures,
          lockedUntil: job.lockedUntil,
        },
      })),
    )
    .onConflictDoNothing({ target: [notifications.companyId, notifications.dedupeKey] })
    .returning({ id: notifications.id });
  return inserted.length;
}

/** Who is reading: their own notifications, and the company's if they act on stock and sync. */
export interface NotificationReader {
  companyId: string;
  userId: string;
  seesCompanyNotifications: boolean;
}

function addressedTo(reader: NotificationReader): SQL | undefined {
  const own = eq(notifications.recipientId, reader.userId);
  return reader.seesCompanyNotifications ? or(own, isNull(notifications.recipientId)) : own;
}

export interface ListNotificationsQuery {
  limit: number;
  cursor?: string;
  unread?: boolean;
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listNotifications(
  db: Db,
  reader: NotificationReader,
  query: ListNotificationsQuery,
) {
  const before = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await db
    .select({
      ...getTableColumns(notifications),
      cursorAt: cursorTimestamp(notifications.createdAt),
    })
    .from(notifications)
    .where(
      inCompany(
        notifications,
        reader.companyId,
        addressedTo(reader),
        query.unread ? isNull(notifications.readAt) : undefined,
        before
          ? beyondCursor({ at: notifications.createdAt, id: notifications.id }, before, 'desc')
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.limit + 1);
  const page = pageOf(rows, query.limit);
  return {
    data: page.data.map(({ companyId: _companyId, dedupeKey: _dedupeKey, ...row }) => row),
    nextCursor: page.nextCursor,
  };
}

/** Marks it read by the caller; reading it again changes nothing and writes no audit row. */
export async function markNotificationRead(
  db: Db,
  actor: Actor,
  reader: NotificationReader,
  notificationId: string,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(notifications)
      .where(
        inCompany(
          notifications,
          actor.companyId,
          eq(notifications.id, notificationId),
          addressedTo(reader),
        ),
      )
      .for('update');
    if (!current) throw new ApiError('NOT_FOUND', { detail: { key: 'notifications.notFound' } });
    let row = current;
    if (!current.readAt) {
      const [updated] = await tx
        .update(notifications)
        .set({ readAt: now, readBy: actor.userId })
        .where(inCompany(notifications, actor.companyId, eq(notifications.id, current.id)))
        .returning();
      if (!updated) throw new ApiError('NOT_FOUND', { detail: { key: 'notifications.notFound' } });
      row = updated;
      await recordAudit(tx, actor, {
        action: 'notification.read',
        entityType: 'notification',
        entityId: current.id,
        before: { readAt: null, readBy: null },
        after: { readAt: updated.readAt, readBy: updated.readBy },
      });
    }
    const { companyId: _companyId, dedupeKey: _dedupeKey, ...view } = row;
    return view;
  });
}
