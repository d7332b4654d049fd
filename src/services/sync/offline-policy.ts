import { inArray, sql } from 'drizzle-orm';
import type { Authorization } from '../../auth/approval';
import { effectivePermissions, type Permission } from '../../auth/permissions';
import { hasPermission, mayApprove, type Principal, worksInStore } from '../../auth/policy';
import type { Executor } from '../../db/client';
import { users } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { ApiError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { SaleBatchCommand, SaleRejection } from './upload-types';

/**
 * What the server decides about a sale it did not see happen: when it happened, and who was
 * allowed to do what at the till. The price rule itself lives with the sale (recordSale's
 * offline context).
 */

/**
 * The clock-skew rule. A till's clock may be a little ahead; a sale more than `maxAheadMs` in the
 * future is recorded at the moment the server received it and flagged `clock_skew` (the money
 * was taken; only its time is unknown). A sale older than `maxAgeDays` is rejected: its business
 * date is in a period whose reports and tax returns are closed, so a manager enters it by hand.
 */
export const clockSkewPolicy = { maxAheadMs: 5 * 60 * 1000, maxAgeDays: 30 } as const;

/** Flags of an accepted sale that a manager should review; each also writes a sync event. */
export const reviewFlags = new Set([
  'clock_skew',
  'price_not_valid',
  'discount_not_authorized',
  'approved_offline',
  'cashier_inactive',
  'no_open_shift',
  'shift_mismatch',
  'modifier_not_valid',
  /** An offline sale paid a bill another sale had already paid (sync/offline-bills.ts). */
  'bill_settled_twice',
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

/** Someone a batch names, as the policy sees them (only this store can be among their stores). */
export interface StaffMember extends Principal {
  isActive: boolean;
  deleted: boolean;
}

/** A cashier the batch may record sales for: staff of this store who may sell. */
export function maySellHere(cashier: StaffMember, storeId: string): boolean {
  return (
    !cashier.deleted && worksInStore(cashier, storeId) && hasPermission(cashier, 'sales.create')
  );
}

/** The cashiers and approvers a batch names, with what they may do in this store: one query. */
export async function loadStaff(
  db: Executor,
  command: Pick<SaleBatchCommand, 'companyId' | 'storeId'>,
  userIds: Iterable<string | undefined>,
): Promise<Map<string, StaffMember>> {
  const ids = new Set<string>();
  for (const userId of userIds) if (userId) ids.add(userId);
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
        userId: row.id,
        role: row.role,
        isActive: row.isActive,
        deleted: row.deleted,
        storeIds: new Set(row.assigned ? [command.storeId] : []),
        permissions: effectivePermissions(row.role, row.permissionsGranted, row.permissionsRevoked),
      },
    ]),
  );
}

/**
 * Who allowed a price or discount a till applied offline: the cashier's own permission, else the
 * approver the till named if the policy lets them approve it in this store (the PIN was checked
 * by the till, so the sale is flagged), else nobody (flagged as not authorised).
 */
export function authority(
  cashier: StaffMember,
  approver: StaffMember | undefined,
  permission: Permission,
  storeId: string,
): Authorization | undefined {
  if (hasPermission(cashier, permission)) {
    return { permission, grantedTo: cashier.userId, method: 'own_permission' };
  }
  if (approver && !approver.deleted && mayApprove(approver, cashier.userId, permission, storeId)) {
    return {
      permission,
      grantedTo: cashier.userId,
      approvedBy: approver.userId,
      method: 'offline_approval',
    };
  }
  return undefined;
}

/**
 * Why an offline record (a shift event, a bill) could not be applied: its refusal as the online
 * route gives it, or a fault of ours, logged for whoever is on call and answered retryable so the
 * device sends it again later.
 */
export function offlineRejection(
  error: unknown,
  command: Pick<SaleBatchCommand, 'batchId'>,
  logger: Logger,
  failure: string,
): SaleRejection {
  if (error instanceof ApiError && error.detail) {
    return { code: error.code, detail: error.detail, retryable: false };
  }
  logger.error(failure, { batchId: command.batchId, error });
  return { code: 'INTERNAL_ERROR', detail: { key: 'sync.saleFailed' }, retryable: true };
}
