import { eq, isNull, sql } from 'drizzle-orm';
import * as z from 'zod';
import type { Executor } from '../db/client';
import { users } from '../db/schema';
import { inCompany } from '../db/tenancy';
import { ApiError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { accountLockedJob } from '../queues/account-locked';
import type { JobMessage } from '../queues/messages';
import { sendJobs } from '../queues/send-jobs';
import {
  approvalThrottle,
  clearFailures,
  lockedForSeconds,
  recordFailure,
} from '../services/auth-throttle';
import { assignedLiveStoreIds } from '../services/stores/live-stores';
import type { Actor } from './actor';
import { verifyPassword } from './passwords';
import { effectivePermissions, type Permission } from './permissions';
import { hasPermission, mayApprove } from './policy';

/**
 * A manager's approval carried by a cashier's request: the manager picks themselves on the till
 * and types their PIN (or their password). Sent as `approval` in the body of actions a cashier
 * may not do alone (void, price override, large discount).
 */
export const approvalSchema = z.union([
  z.strictObject({
    approverId: z.uuid(),
    pin: z.string().regex(/^\d{4,8}$/, 'validation.pinFormat'),
  }),
  z.strictObject({ approverId: z.uuid(), password: z.string().min(1).max(128) }),
]);
export type ApprovalInput = z.infer<typeof approvalSchema>;

/** What the audit row records about who allowed the action. */
export interface Authorization {
  permission: Permission;
  /** The caller, when they hold the permission themselves. */
  grantedTo: string;
  /** The approving manager, when the caller does not. */
  approvedBy?: string;
  /**
   * `offline_approval`: a manager approved at a till that was offline; the till checked the PIN,
   * the server only that the manager holds the permission (the sale is flagged for review).
   */
  method: 'own_permission' | 'pin' | 'password' | 'offline_approval';
}

const approvalInvalid = () =>
  new ApiError('FORBIDDEN', { detail: { key: 'auth.approvalInvalid' } });

export interface ApprovalDeps {
  db: Executor;
  actor: Actor;
  now: Date;
  logger: Logger;
  jobs: Queue<JobMessage>;
}

/**
 * Allows the action when the caller holds `permission`, or when `approval` names a user who may
 * approve it (policy.ts: active, of the same company, holding the permission, working in the
 * action's store) and whose PIN or password matches. Wrong PINs count toward a
 * lockout of that approver by that caller, and (much later) of the approver for everyone, who is
 * then told, with the owners: a PIN cannot be guessed at the till, and one cashier cannot stop a
 * manager approving for the others.
 */
export async function authorizeOrApprove(
  { db, actor: auth, now, logger, jobs }: ApprovalDeps,
  permission: Permission,
  approval: ApprovalInput | undefined,
  storeId?: string,
): Promise<Authorization> {
  if (hasPermission(auth, permission)) {
    return { permission, grantedTo: auth.userId, method: 'own_permission' };
  }
  if (!approval) {
    throw new ApiError('FORBIDDEN', {
      detail: { key: 'auth.permissionMissing', params: { permission } },
    });
  }
  const throttle = approvalThrottle(approval.approverId, auth.userId);
  const locked = await lockedForSeconds(db, throttle.enforced, now);
  if (locked > 0) {
    throw new ApiError('RATE_LIMITED', {
      detail: { key: 'auth.lockedOut', params: { minutes: Math.ceil(locked / 60) } },
      headers: { 'Retry-After': String(locked) },
    });
  }
  const [approver] = await db
    .select({
      id: users.id,
      role: users.role,
      isActive: users.isActive,
      passwordHash: users.passwordHash,
      pinHash: users.pinHash,
      permissionsGranted: users.permissionsGranted,
      permissionsRevoked: users.permissionsRevoked,
      // Spelled out: drizzle leaves columns unqualified in a one-table select.
      storeIds: assignedLiveStoreIds(sql.raw('users.company_id'), sql.raw('users.id')),
    })
    .from(users)
    .where(
      inCompany(users, auth.companyId, eq(users.id, approval.approverId), isNull(users.deletedAt)),
    );
  const secret = 'pin' in approval ? approval.pin : approval.password;
  const storedHash = 'pin' in approval ? approver?.pinHash : approver?.passwordHash;
  const matches = storedHash ? await verifyPassword(secret, storedHash) : false;
  if (!approver) throw approvalInvalid();
  if (!matches) {
    const failure = await recordFailure(db, throttle, now);
    logger.warn('manager approval refused', {
      approverId: approval.approverId,
      address: auth.ipAddress,
      accountLocked: Boolean(failure.accountLocked),
    });
    if (failure.accountLocked) {
      const job = accountLockedJob(
        { companyId: auth.companyId, userId: approver.id },
        'approval',
        failure.accountLocked,
      );
      await sendJobs(jobs, [job], logger);
    }
    throw approvalInvalid();
  }
  await clearFailures(db, throttle.clearedOnSuccess);
  const approverPrincipal = {
    userId: approver.id,
    role: approver.role,
    isActive: approver.isActive,
    permissions: effectivePermissions(
      approver.role,
      approver.permissionsGranted,
      approver.permissionsRevoked,
    ),
    storeIds: new Set(approver.storeIds),
  };
  if (!mayApprove(approverPrincipal, auth.userId, permission, storeId)) throw approvalInvalid();
  return {
    permission,
    grantedTo: auth.userId,
    approvedBy: approver.id,
    method: 'pin' in approval ? 'pin' : 'password',
  };
}
