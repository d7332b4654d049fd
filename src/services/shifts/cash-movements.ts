import { eq } from 'drizzle-orm';
import type { Authorization } from '../../auth/approval';
import type { Db } from '../../db/client';
import {
  type CashMovementKind,
  type ShiftCashMovement,
  shiftCashMovements,
  shifts,
  stores,
} from '../../db/schema';
import { inCompany, sameCompanyRow } from '../../db/tenancy';
import { violatedUniqueConstraint } from '../../db/unique-violation';
import type { Message } from '../../lib/messages';
import { formatRupiah } from '../../lib/money';
import { requestHash } from '../../lib/request-hash';
import { recordAudit } from '../audit';
import {
  assertOwnDevice,
  lockShift,
  type ShiftAuthor,
  shiftClosed,
  shiftIdReused,
  shiftNotFound,
} from './shift-records';

export interface CashMovementInput {
  /** The till's id for the movement: sending it again records nothing more. */
  id: string;
  kind: CashMovementKind;
  amount: number;
  reason: string;
  /** The till's clock, offline. */
  occurredAt?: string;
}

/**
 * Allows what goes beyond a store limit. Online: the caller's shifts.manage or a manager's PIN,
 * else the request is refused with `refusal`. Offline the till already did it: the approver the
 * till named if they may approve, else null and the record is flagged for review.
 */
export type LimitApproval = (refusal: Message) => Promise<Authorization | null>;

export interface CashMovementCommand {
  author: ShiftAuthor;
  shiftId: string;
  input: CashMovementInput;
  at: Date;
  flags: string[];
  approve: LimitApproval;
}

export interface CashMovementView {
  id: string;
  shiftId: string;
  kind: CashMovementKind;
  amount: number;
  reason: string;
  occurredAt: string;
  createdBy: string;
  approvals: ShiftCashMovement['approvals'];
  flags: string[];
  createdAt: string;
}

export function cashMovementViewOf(row: ShiftCashMovement): CashMovementView {
  return {
    id: row.id,
    shiftId: row.shiftId,
    kind: row.kind,
    amount: row.amount,
    reason: row.reason,
    occurredAt: row.occurredAt.toISOString(),
    createdBy: row.createdBy,
    approvals: row.approvals,
    flags: row.flags,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The pay-in/out limit of the shift's store (null: none); 404 for no such shift. */
async function movementLimit(db: Db, companyId: string, shiftId: string) {
  const [row] = await db
    .select({ limit: stores.cashMovementLimit })
    .from(shifts)
    .innerJoin(stores, sameCompanyRow(stores, shifts.companyId, shifts.storeId))
    .where(inCompany(shifts, companyId, eq(shifts.id, shiftId)));
  if (!row) throw shiftNotFound();
  return row.limit;
}

/**
 * Records money paid into or out of an open shift's drawer, from the shift's own till. One above
 * the store's limit needs a manager (see LimitApproval). The same id and body is a retry.
 */
export async function recordCashMovement(
  db: Db,
  command: CashMovementCommand,
): Promise<{ status: 'created' | 'duplicate'; movement: CashMovementView }> {
  const { author, input } = command;
  const hash = await requestHash({ shiftId: command.shiftId, ...input });
  // Decided before the transaction: an approval reads (and may count a wrong PIN) on its own.
  const limit = await movementLimit(db, author.companyId, command.shiftId);
  const flags = [...command.flags];
  const approvals: Authorization[] = [];
  if (limit !== null && input.amount > limit) {
    const approval = await command.approve({
      key: 'shifts.movementNeedsApproval',
      params: { limit: formatRupiah(limit) },
    });
    if (approval) approvals.push(approval);
    else flags.push('over_limit_unapproved');
  }
  try {
    return await db.transaction(async (tx) => {
      const { shift, authorDeviceKey } = await lockShift(tx, author, command.shiftId);
      const [existing] = await tx
        .select()
        .from(shiftCashMovements)
        .where(
          inCompany(shiftCashMovements, author.companyId, eq(shiftCashMovements.id, input.id)),
        );
      if (existing) {
        if (existing.requestHash !== hash) throw shiftIdReused();
        return { status: 'duplicate' as const, movement: cashMovementViewOf(existing) };
      }
      assertOwnDevice(shift, authorDeviceKey);
      if (shift.status !== 'open') throw shiftClosed();
      const [movement] = await tx
        .insert(shiftCashMovements)
        .values({
          id: input.id,
          companyId: author.companyId,
          shiftId: shift.id,
          kind: input.kind,
          amount: input.amount,
          reason: input.reason,
          createdBy: author.userId,
          occurredAt: command.at,
          requestHash: hash,
          approvals: approvals.map((approval) => ({ ...approval })),
          flags,
        })
        .returning();
      if (!movement) throw new Error('a cash movement was recorded without a row');
      await recordAudit(
        tx,
        { ...author, sessionId: author.deviceSessionId },
        {
          action: `shift.${input.kind}`,
          entityType: 'shift',
          entityId: shift.id,
          after: {
            movementId: movement.id,
            amount: input.amount,
            reason: input.reason,
            approvals,
            ...(flags.length > 0 && { flags }),
          },
        },
      );
      return { status: 'created' as const, movement: cashMovementViewOf(movement) };
    });
  } catch (error) {
    // Another company's movement has this id: the same answer as any reused id.
    if (violatedUniqueConstraint(error) === 'shift_cash_movements_pkey') throw shiftIdReused();
    throw error;
  }
}
