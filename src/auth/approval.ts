import { eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { z } from 'zod';
import type { Executor } from '../db/client';
import { users } from '../db/schema';
import { inCompany } from '../db/tenancy';
import type { AuthedEnv } from '../env';
import { ApiError } from '../lib/errors';
import { accountLockedJob } from '../queues/account-locked';
import { sendJobs } from '../queues/send-jobs';
import { clientAddress } from '../services/audit';
import {
  approvalThrottle,
  clearFailures,
  lockedForSeconds,
  recordFailure,
} from '../services/auth-throttle';
import { verifyPassword } from './passwords';
import { effectivePermissions, type Permission } from './permissions';

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

/**
 * Allows the action when the caller holds `permission`, or when `approval` names an active user
 * of the same company who holds it and whose PIN or password matches. Wrong PINs count toward a
 * lockout of that approver by that caller, and (much later) of the approver for everyone, who is
 * then told, with the owners: a PIN cannot be guessed at the till, and one cashier cannot stop a
 * manager approving for the others.
 */
export async function authorizeOrApprove(
  c: Context<AuthedEnv>,
  db: Executor,
  permission: Permission,
  approval: ApprovalInput | undefined,
  now = new Date(),
): Promise<Authorization> {
  const { auth } = c.var;
  if (auth.permissions.has(permission)) {
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
    c.var.logger.warn('manager approval refused', {
      approverId: approval.approverId,
      address: clientAddress(c),
      accountLocked: Boolean(failure.accountLocked),
    });
    if (failure.accountLocked) {
      const job = accountLockedJob(
        { companyId: auth.companyId, userId: approver.id },
        'approval',
        failure.accountLocked,
      );
      await sendJobs(c.env.JOBS, [job], c.var.logger);
    }
    throw approvalInvalid();
  }
  await clearFailures(db, throttle.clearedOnSuccess);
  const allowed = effectivePermissions(
    approver.role,
    approver.permissionsGranted,
    approver.permissionsRevoked,
  );
  if (!approver.isActive || approver.id === auth.userId || !allowed.has(permission))
    throw approvalInvalid();
  return {
    permission,
    grantedTo: auth.userId,
    approvedBy: approver.id,
    method: 'pin' in approval ? 'pin' : 'password',
  };
}
