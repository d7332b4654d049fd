import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Authorization } from '../../auth/approval';
import { effectivePermissions, type Permission } from '../../auth/permissions';
import type { Db } from '../../db/client';
import { type NewSyncEvent, syncBatches, syncDevices, syncEvents, users } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { ApiError, type ErrorCode, type FieldError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { type Message, translate } from '../../lib/messages';
import { recordSale, type SaleInput } from '../sales/create-sale';
import { preloadedLookups, type SaleLookups } from '../sales/sale-lookups';
import type { LowStockCrossing } from '../stock';

/**
 * Offline sales uploaded in a batch. Runs inside the store's Durable Object, so one store's
 * batches (and its online sales) are recorded one after another and numbers stay sequential.
 *
 * Each sale is all-or-nothing (its own database transaction, in recordSale); the batch is not:
 * a sale that cannot be accepted is answered `rejected` and the next one goes on. Sales are
 * identified by the id the till gave them, so a retried batch, or a sale sent again in another
 * batch, is answered `duplicate` with the number it got the first time.
 */

/** A sale as the till recorded it: the online sale's fields plus who sold it and when. */
export interface OfflineSale extends SaleInput {
  id: string;
  clientReference: string;
  /** The till's clock at the moment of the sale (ISO 8601 with offset). */
  clientCreatedAt: string;
  cashierId: string;
  /** A manager who approved a price or discount at the till (PIN checked there). */
  approvedBy?: string;
}

export interface SaleRejection {
  code: ErrorCode;
  detail: Message;
  /** Field errors of a sale that is not well-formed, already in the request's language. */
  errors?: FieldError[];
  /** A server fault: the same sale may be sent again later. */
  retryable: boolean;
}

/** One entry of the batch: a well-formed sale, or the reason it is not. */
export type BatchEntry =
  | { index: number; sale: OfflineSale }
  | { index: number; id: string | null; invalid: SaleRejection };

export interface SaleBatchCommand {
  batchId: string;
  companyId: string;
  storeId: string;
  deviceSessionId: string;
  requestId: string | null;
  ipAddress: string | null;
  /** When the server received the upload (ISO). */
  receivedAt: string;
  entries: BatchEntry[];
}

export type SaleResult =
  | {
      index: number;
      id: string;
      status: 'accepted' | 'duplicate';
      number: string;
      total: number;
      flags: string[];
    }
  | { index: number; id: string | null; status: 'rejected'; rejection: SaleRejection };

export interface SaleBatchOutcome {
  results: SaleResult[];
  counts: { accepted: number; duplicate: number; rejected: number };
  /** Sales accepted in this attempt with a flag a manager should review. */
  flagged: number;
  lowStock: LowStockCrossing[];
}

/**
 * The clock-skew rule. A till's clock may be a little ahead; a sale more than `maxAheadMs` in the
 * future is recorded at the moment the server received it and flagged `clock_skew` (the money
 * was taken; only its time is unknown). A sale older than `maxAgeDays` is rejected: its business
 * date is in a period whose reports and tax returns are closed, so a manager enters it by hand.
 */
export const clockSkewPolicy = { maxAheadMs: 5 * 60 * 1000, maxAgeDays: 30 } as const;

/** Flags of an accepted sale that a manager should review; each also writes a sync event. */
const reviewFlags = new Set([
  'clock_skew',
  'price_not_valid',
  'discount_not_authorized',
  'approved_offline',
  'cashier_inactive',
]);

type SaleTime = { at: string; flags: string[] } | { rejection: SaleRejection };

export function saleTime(clientCreatedAt: string, receivedAt: string): SaleTime {
  const client = Date.parse(clientCreatedAt);
  const received = Date.parse(receivedAt);
  if (client > received + clockSkewPolicy.maxAheadMs) {
    return { at: receivedAt, flags: ['clock_skew'] };
  }
  if (client < received - clockSkewPolicy.maxAgeDays * 24 * 60 * 60 * 1000) {
    return {
      rejection: {
        code: 'UNPROCESSABLE',
        detail: { key: 'sync.saleTooOld', params: { days: clockSkewPolicy.maxAgeDays } },
        retryable: false,
      },
    };
  }
  return { at: new Date(client).toISOString(), flags: [] };
}

interface StaffMember {
  id: string;
  isActive: boolean;
  worksHere: boolean;
  permissions: Set<Permission>;
}

/** The cashiers and approvers a batch names, with what they may do in this store: one query. */
async function loadStaff(db: Db, command: SaleBatchCommand): Promise<Map<string, StaffMember>> {
  const ids = new Set<string>();
  for (const entry of command.entries) {
    if (!('sale' in entry)) continue;
    ids.add(entry.sale.cashierId);
    if (entry.sale.approvedBy) ids.add(entry.sale.approvedBy);
  }
  if (ids.size === 0) return new Map();
  const rows = await db
    .select({
      id: users.id,
      role: users.role,
      isActive: users.isActive,
      deleted: sql<boolean>`${users.deletedAt} is not null`,
      permissionsGranted: users.permissionsGranted,
      permissionsRevoked: users.permissionsRevoked,
      // Spelled out: drizzle leaves columns unqualified in a one-table select, and inside this
      // subquery an unqualified company_id would be the assignment's own.
      assigned: sql<boolean>`exists (
        select 1 from user_store_assignments a
        where a.company_id = users.company_id and a.user_id = users.id
          and a.store_id = ${command.storeId})`,
    })
    .from(users)
    .where(inCompany(users, command.companyId, inArray(users.id, [...ids])));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        isActive: row.isActive,
        worksHere:
          !row.deleted && row.role !== 'platform_admin' && (row.role === 'owner' || row.assigned),
        permissions: effectivePermissions(row.role, row.permissionsGranted, row.permissionsRevoked),
      },
    ]),
  );
}

/** Records the attempt; a batch id already used by another store or company is refused. */
async function openBatch(db: Db, command: SaleBatchCommand): Promise<void> {
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

/** Counts, events and the device's last push: one transaction at the end of the batch. */
async function closeBatch(
  db: Db,
  command: SaleBatchCommand,
  outcome: SaleBatchOutcome,
  startedAt: number,
): Promise<void> {
  const events = outcome.results.flatMap((result) => eventsOf(command, result));
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx
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
    if (events.length > 0) await tx.insert(syncEvents).values(events);
    await tx
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
  });
}

function eventsOf(command: SaleBatchCommand, result: SaleResult): NewSyncEvent[] {
  const common = {
    companyId: command.companyId,
    storeId: command.storeId,
    batchId: command.batchId,
    deviceSessionId: command.deviceSessionId,
    entityType: 'transaction',
    entityId: result.id,
  };
  if (result.status === 'rejected') {
    const { rejection } = result;
    return [
      {
        ...common,
        kind: 'sale_rejected',
        code: rejection.detail.key,
        message: translate(rejection.detail, 'en'),
        details: {
          index: result.index,
          status: rejection.code,
          params: rejection.detail.params ?? {},
          errors: rejection.errors ?? [],
          retryable: rejection.retryable,
        },
      },
    ];
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

function authority(
  cashier: StaffMember,
  approver: StaffMember | undefined,
  permission: Permission,
): Authorization | undefined {
  if (cashier.permissions.has(permission)) {
    return { permission, grantedTo: cashier.id, method: 'own_permission' };
  }
  if (approver?.permissions.has(permission)) {
    return {
      permission,
      grantedTo: cashier.id,
      approvedBy: approver.id,
      method: 'offline_approval',
    };
  }
  return undefined;
}

interface SaleAttempt {
  result: SaleResult;
  lowStock: LowStockCrossing[];
}

async function syncSale(
  db: Db,
  command: SaleBatchCommand,
  lookups: SaleLookups,
  staff: Map<string, StaffMember>,
  { index, sale }: { index: number; sale: OfflineSale },
  logger: Logger,
): Promise<SaleAttempt> {
  const reject = (rejection: SaleRejection): SaleAttempt => ({
    result: { index, id: sale.id, status: 'rejected', rejection },
    lowStock: [],
  });
  if (sale.storeId !== command.storeId) {
    return reject({
      code: 'UNPROCESSABLE',
      detail: { key: 'sync.saleStoreMismatch', params: { storeId: sale.storeId } },
      retryable: false,
    });
  }
  const time = saleTime(sale.clientCreatedAt, command.receivedAt);
  if ('rejection' in time) return reject(time.rejection);
  const cashier = staff.get(sale.cashierId);
  if (!cashier?.worksHere || !cashier.permissions.has('sales.create')) {
    return reject({
      code: 'FORBIDDEN',
      detail: { key: 'sync.cashierNotStaff', params: { cashierId: sale.cashierId } },
      retryable: false,
    });
  }
  const approverRow = sale.approvedBy ? staff.get(sale.approvedBy) : undefined;
  const approver = approverRow?.worksHere && approverRow.isActive ? approverRow : undefined;
  const { clientCreatedAt, cashierId, approvedBy: _approvedBy, ...input } = sale;
  try {
    const recorded = await recordSale(
      db,
      {
        companyId: command.companyId,
        cashierId,
        deviceSessionId: command.deviceSessionId,
        requestId: command.requestId,
        ipAddress: command.ipAddress,
        authorizations: [],
        discountAllowed: false,
        input,
        at: time.at,
        offline: {
          clientCreatedAt,
          priceAuthority: authority(cashier, approver, 'price.override'),
          discountAuthority: authority(cashier, approver, 'discount.apply'),
          flags: [...time.flags, ...(cashier.isActive ? [] : ['cashier_inactive'])],
        },
      },
      lookups,
    );
    return {
      result: {
        index,
        id: recorded.id,
        status: recorded.status === 'created' ? 'accepted' : 'duplicate',
        number: recorded.number,
        total: recorded.total,
        flags: recorded.flags,
      },
      lowStock: recorded.lowStock,
    };
  } catch (error) {
    if (error instanceof ApiError && error.detail) {
      return reject({ code: error.code, detail: error.detail, retryable: false });
    }
    // A fault of ours (the database went away, a bug): this sale is answered retryable and the
    // batch goes on; the log line carries the cause for whoever is on call.
    logger.error('offline sale failed', { saleId: sale.id, batchId: command.batchId, error });
    return reject({ code: 'INTERNAL_ERROR', detail: { key: 'sync.saleFailed' }, retryable: true });
  }
}

/** Records every sale of the batch in order and answers one result per sale, in the same order. */
export async function processSaleBatch(
  db: Db,
  command: SaleBatchCommand,
  logger: Logger,
): Promise<SaleBatchOutcome> {
  const startedAt = Date.now();
  await openBatch(db, command);
  const staff = await loadStaff(db, command);
  const lookups = await preloadedLookups(
    db,
    command.companyId,
    command.storeId,
    command.entries.flatMap((entry) => ('sale' in entry ? [entry.sale] : [])),
  );
  const outcome: SaleBatchOutcome = {
    results: [],
    counts: { accepted: 0, duplicate: 0, rejected: 0 },
    flagged: 0,
    lowStock: [],
  };
  for (const entry of command.entries) {
    const { result, lowStock } =
      'sale' in entry
        ? await syncSale(db, command, lookups, staff, entry, logger)
        : {
            result: {
              index: entry.index,
              id: entry.id,
              status: 'rejected' as const,
              rejection: entry.invalid,
            },
            lowStock: [],
          };
    outcome.results.push(result);
    outcome.counts[result.status] += 1;
    if (result.status === 'accepted' && result.flags.some((flag) => reviewFlags.has(flag))) {
      outcome.flagged += 1;
    }
    outcome.lowStock.push(...lowStock);
  }
  await closeBatch(db, command, outcome, startedAt);
  if (outcome.counts.rejected > 0) {
    logger.warn('sync batch had rejected sales', {
      batchId: command.batchId,
      deviceSessionId: command.deviceSessionId,
      ...outcome.counts,
    });
  }
  return outcome;
}
