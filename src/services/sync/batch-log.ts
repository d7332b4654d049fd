import { and, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { type NewSyncEvent, syncBatches, syncDevices, syncEvents } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { ApiError } from '../../lib/errors';
import { translate } from '../../lib/messages';
import { reviewFlags } from './offline-policy';
import type {
  BillResult,
  SaleBatchCommand,
  SaleBatchOutcome,
  SaleRejection,
  SaleResult,
} from './upload-types';

/** The record of each upload: its sync_batches row, its sync_events, the device's last push. */

/** Records the attempt; a batch id already used by another store or company is refused. */
export async function openBatch(db: Db, command: SaleBatchCommand): Promise<void> {
  const [batch] = await db
    .insert(syncBatches)
    .values({
      id: command.batchId,
      companyId: command.companyId,
      storeId: command.storeId,
      deviceSessionId: command.deviceSessionId,
      status: 'processing',
      receivedCount: command.entries.length,
      startedAt: new Date(command.receivedAt),
    })
    .onConflictDoUpdate({
      target: syncBatches.id,
      set: {
        status: 'processing',
        attempts: sql`${syncBatches.attempts} + 1`,
        receivedCount: sql`${syncBatches.receivedCount} + excluded.received_count`,
        updatedAt: sql`now()`,
      },
      setWhere: and(
        eq(syncBatches.companyId, command.companyId),
        eq(syncBatches.storeId, command.storeId),
      ),
    })
    .returning({ id: syncBatches.id });
  if (!batch) throw new ApiError('CONFLICT', { detail: { key: 'sync.batchIdReused' } });
}

/**
 * Counts, events and the device's last push, at the end of the batch: in the transaction that
 * writes the batch's sales, or on their own when it wrote none (a resent batch).
 */
export async function closeBatch(
  db: Executor,
  command: SaleBatchCommand,
  outcome: SaleBatchOutcome,
  startedAt: number,
): Promise<void> {
  const events = [
    ...outcome.results.flatMap((result) => eventsOf(command, result)),
    ...outcome.billResults.flatMap((result) => billEventsOf(command, result)),
  ];
  // When the batch finished (a measurement, like its duration), not the request's clock.
  const now = new Date();
  await db
    .update(syncBatches)
    .set({
      status: 'completed',
      acceptedCount: sql`${syncBatches.acceptedCount} + ${outcome.counts.accepted}`,
      duplicateCount: sql`${syncBatches.duplicateCount} + ${outcome.counts.duplicate}`,
      rejectedCount: sql`${syncBatches.rejectedCount} + ${outcome.counts.rejected}`,
      finishedAt: now,
      lastDurationMs: now.getTime() - startedAt,
    })
    .where(inCompany(syncBatches, command.companyId, eq(syncBatches.id, command.batchId)));
  if (events.length > 0) await db.insert(syncEvents).values(events);
  await db
    .insert(syncDevices)
    .values({
      companyId: command.companyId,
      storeId: command.storeId,
      deviceSessionId: command.deviceSessionId,
      lastPushAt: now,
    })
    .onConflictDoUpdate({
      target: [syncDevices.companyId, syncDevices.deviceSessionId, syncDevices.storeId],
      set: { lastPushAt: now, updatedAt: now },
    });
}

/** Who and where an event of the batch is about: the batch, its device, the record. */
function eventOf(command: SaleBatchCommand, entityType: string, entityId: string | null) {
  return {
    companyId: command.companyId,
    storeId: command.storeId,
    batchId: command.batchId,
    deviceSessionId: command.deviceSessionId,
    entityType,
    entityId,
  };
}

/** A record of the batch the server refused: why, in the message's words and as data. */
function rejectedEvent(
  common: ReturnType<typeof eventOf>,
  kind: 'sale_rejected' | 'bill_rejected',
  index: number,
  rejection: SaleRejection,
): NewSyncEvent {
  return {
    ...common,
    kind,
    code: rejection.detail.key,
    message: translate(rejection.detail, 'en'),
    details: {
      index,
      status: rejection.code,
      params: rejection.detail.params ?? {},
      errors: rejection.errors ?? [],
      retryable: rejection.retryable,
    },
  };
}

function eventsOf(command: SaleBatchCommand, result: SaleResult): NewSyncEvent[] {
  const common = eventOf(command, 'transaction', result.id);
  if (result.status === 'rejected') {
    return [rejectedEvent(common, 'sale_rejected', result.index, result.rejection)];
  }
  const flagged = result.flags.filter((flag) => reviewFlags.has(flag));
  if (result.status !== 'accepted' || flagged.length === 0) return [];
  return [
    {
      ...common,
      kind: 'sale_flagged',
      code: flagged.join(','),
      message: `Sale ${result.number} accepted with flags: ${flagged.join(', ')}`,
      details: { index: result.index, number: result.number, flags: result.flags },
    },
  ];
}

/** A bill the server could not take (`bill_rejected`), or took differently (`bill_conflict`). */
function billEventsOf(command: SaleBatchCommand, result: BillResult): NewSyncEvent[] {
  const common = eventOf(command, 'bill', result.id);
  if (result.status === 'rejected') {
    return [rejectedEvent(common, 'bill_rejected', result.index, result.rejection)];
  }
  return result.conflicts.map((conflict) => ({
    ...common,
    kind: 'bill_conflict',
    code: conflict.kind,
    message: translate(conflict.detail, 'en'),
    details: {
      index: result.index,
      reason: conflict.detail.key,
      params: conflict.detail.params ?? {},
      ...(conflict.billId && { billId: conflict.billId }),
      ...(conflict.itemIds && { itemIds: conflict.itemIds }),
    },
  }));
}
