import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { deviceSessions, syncBatches, syncDevices, syncEvents, users } from '../../db/schema';
import { inCompany, sameCompanyRow } from '../../db/tenancy';
import type { Language } from '../../lib/i18n';
import { isMessageKey, translate } from '../../lib/messages';

/**
 * A batch still `processing` this long after it started did not finish (the cron marks it `failed`
 * after 15 minutes); either way it counts as stuck until the till resends it.
 */
export const stuckBatchAfterMs = 5 * 60 * 1000;
const recentFailureCount = 20;

export interface StatusScope {
  companyId: string;
  storeId: string;
  /** Only this device (a cashier sees their own till); the whole store when absent. */
  deviceSessionId?: string;
}

export interface StatusOptions {
  /** The language failures are worded in (the request's). */
  language: Language;
  /** The request's clock: "stuck" is measured from it. */
  now: Date;
}

interface StoredEvent {
  kind: string;
  code: string | null;
  message: string | null;
  details: unknown;
}

/** The sync events a status shows: what went wrong or needs a look, newest first. */
export const syncEventKinds = [
  'sale_rejected',
  'sale_flagged',
  'conflict',
  'batch_stalled',
  'bill_rejected',
  'bill_conflict',
] as const;

const paramsOf = (value: unknown): Record<string, string | number> =>
  value && typeof value === 'object' ? (value as Record<string, string | number>) : {};

/**
 * A sync event's message in the reader's language. Events are stored worded in English for
 * whoever reads the table; the stored text is the fallback for a kind this does not know.
 */
export function eventMessage(event: StoredEvent, language: Language): string | null {
  const details = paramsOf(event.details);
  switch (event.kind) {
    case 'sale_rejected':
    case 'bill_rejected':
      return event.code && isMessageKey(event.code)
        ? translate({ key: event.code, params: paramsOf(details.params) }, language)
        : event.message;
    case 'conflict':
      return event.code === 'server_copy_wins'
        ? translate(
            { key: 'sync.serverCopyWins', params: { current: details.serverVersion ?? '' } },
            language,
          )
        : event.message;
    case 'sale_flagged': {
      const flags = event.code?.split(',').join(', ') ?? '';
      return typeof details.number === 'string'
        ? translate(
            { key: 'sync.saleFlaggedEvent', params: { number: details.number, flags } },
            language,
          )
        : event.message;
    }
    case 'bill_conflict':
      return typeof details.reason === 'string' && isMessageKey(details.reason)
        ? translate({ key: details.reason, params: paramsOf(details.params) }, language)
        : event.message;
    case 'batch_stalled':
      return translate({ key: 'sync.batchStalledEvent' }, language);
    default:
      return event.message;
  }
}

interface BatchTotals {
  batches: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  stuck: number;
  lastBatchAt: Date | null;
}

const noBatches: BatchTotals = {
  batches: 0,
  accepted: 0,
  duplicate: 0,
  rejected: 0,
  stuck: 0,
  lastBatchAt: null,
};

/**
 * Sync health of a store: each device's last push and pull, its cursor and counts, the failures
 * of late, and a store summary. Three queries whatever the number of devices.
 */
export async function syncStatus(db: Db, scope: StatusScope, { language, now }: StatusOptions) {
  const deviceFilter = scope.deviceSessionId
    ? eq(syncDevices.deviceSessionId, scope.deviceSessionId)
    : undefined;
  const devices = await db
    .select({
      deviceSessionId: syncDevices.deviceSessionId,
      deviceName: deviceSessions.deviceName,
      platform: deviceSessions.platform,
      revoked: sql<boolean>`${deviceSessions.revokedAt} is not null`,
      userId: users.id,
      userName: users.name,
      lastPushAt: syncDevices.lastPushAt,
      lastPullAt: syncDevices.lastPullAt,
      lastCursor: syncDevices.lastCursor,
    })
    .from(syncDevices)
    .innerJoin(
      deviceSessions,
      sameCompanyRow(deviceSessions, syncDevices.companyId, syncDevices.deviceSessionId),
    )
    .innerJoin(users, sameCompanyRow(users, deviceSessions.companyId, deviceSessions.userId))
    .where(
      inCompany(syncDevices, scope.companyId, eq(syncDevices.storeId, scope.storeId), deviceFilter),
    )
    .orderBy(desc(syncDevices.updatedAt));

  const sessionIds = devices.map((device) => device.deviceSessionId);
  const stuckBefore = new Date(now.getTime() - stuckBatchAfterMs).toISOString();
  const totals =
    sessionIds.length === 0
      ? []
      : await db
          .select({
            deviceSessionId: syncBatches.deviceSessionId,
            batches: sql<number>`count(*)::int`,
            accepted: sql<number>`coalesce(sum(${syncBatches.acceptedCount}), 0)::int`,
            duplicate: sql<number>`coalesce(sum(${syncBatches.duplicateCount}), 0)::int`,
            rejected: sql<number>`coalesce(sum(${syncBatches.rejectedCount}), 0)::int`,
            stuck: sql<number>`(count(*) filter (where ${syncBatches.status} = 'failed'
              or (${syncBatches.status} = 'processing'
                and ${syncBatches.updatedAt} < ${stuckBefore}::timestamptz)))::int`,
            // Mapped like the column: Postgres writes the aggregate as text, not ISO 8601.
            lastBatchAt: sql<Date | null>`max(${syncBatches.startedAt})`.mapWith(
              syncBatches.startedAt,
            ),
          })
          .from(syncBatches)
          .where(
            inCompany(
              syncBatches,
              scope.companyId,
              eq(syncBatches.storeId, scope.storeId),
              inArray(syncBatches.deviceSessionId, sessionIds),
            ),
          )
          .groupBy(syncBatches.deviceSessionId);
  const totalsByDevice = new Map(totals.map((row) => [row.deviceSessionId, row]));

  const failures = await db
    .select({
      id: syncEvents.id,
      at: syncEvents.createdAt,
      deviceSessionId: syncEvents.deviceSessionId,
      batchId: syncEvents.batchId,
      kind: syncEvents.kind,
      entityType: syncEvents.entityType,
      entityId: syncEvents.entityId,
      code: syncEvents.code,
      message: syncEvents.message,
      details: syncEvents.details,
    })
    .from(syncEvents)
    .where(
      inCompany(
        syncEvents,
        scope.companyId,
        eq(syncEvents.storeId, scope.storeId),
        inArray(syncEvents.kind, [...syncEventKinds]),
        scope.deviceSessionId ? eq(syncEvents.deviceSessionId, scope.deviceSessionId) : undefined,
      ),
    )
    .orderBy(desc(syncEvents.createdAt), desc(syncEvents.id))
    .limit(recentFailureCount);

  const deviceViews = devices.map((device) => {
    const { batches, accepted, duplicate, rejected, stuck, lastBatchAt } =
      totalsByDevice.get(device.deviceSessionId) ?? noBatches;
    return {
      ...device,
      batches,
      counts: { accepted, duplicate, rejected },
      stuckBatches: stuck,
      lastBatchAt: lastBatchAt?.toISOString() ?? null,
    };
  });
  const sum = (pick: (device: (typeof deviceViews)[number]) => number) =>
    deviceViews.reduce((total, device) => total + pick(device), 0);
  const latest = (values: Array<Date | string | null>) =>
    values
      .filter((value): value is Date | string => value !== null)
      .map((value) => new Date(value).toISOString())
      .sort()
      .at(-1) ?? null;
  return {
    storeId: scope.storeId,
    serverTime: now.toISOString(),
    summary: {
      devices: deviceViews.length,
      batches: sum((device) => device.batches),
      counts: {
        accepted: sum((device) => device.counts.accepted),
        duplicate: sum((device) => device.counts.duplicate),
        rejected: sum((device) => device.counts.rejected),
      },
      stuckBatches: sum((device) => device.stuckBatches),
      lastPushAt: latest(deviceViews.map((device) => device.lastPushAt)),
      lastPullAt: latest(deviceViews.map((device) => device.lastPullAt)),
    },
    devices: deviceViews,
    recentFailures: failures.map((failure) => ({
      ...failure,
      message: eventMessage(failure, language),
    })),
  };
}

/** Remembers the device's last pull and the cursor it was given. */
export async function recordPull(
  db: Db,
  scope: Required<StatusScope>,
  cursor: string,
  now: Date,
): Promise<void> {
  await db
    .insert(syncDevices)
    .values({ ...scope, lastPullAt: now, lastCursor: cursor })
    .onConflictDoUpdate({
      target: [syncDevices.companyId, syncDevices.deviceSessionId, syncDevices.storeId],
      set: { lastPullAt: now, lastCursor: cursor, updatedAt: now },
    });
}
