import { eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import type { Authorization } from '../../auth/approval';
import type { Db, Executor, Tx } from '../../db/client';
import { type DenominationCount, notifications, shifts, stores } from '../../db/schema';
import { inCompany, sameCompanyRow } from '../../db/tenancy';
import { ApiError } from '../../lib/errors';
import { formatRupiah } from '../../lib/money';
import { requestHash } from '../../lib/request-hash';
import { recordAudit } from '../audit';
import type { LimitApproval } from './cash-movements';
import {
  assertOwnDevice,
  lockShift,
  type ShiftAuthor,
  shiftClosed,
  shiftNotFound,
} from './shift-records';
import { cashFigures, shiftTotals } from './shift-totals';

export interface CloseShiftInput {
  countedCash: number;
  /** The count by note and coin; when given it must add up to `countedCash`. */
  denominations?: DenominationCount[];
  note?: string;
  /** How many sales the till made in the shift: the report tells whether all have landed. */
  salesCount?: number;
  /** The till's clock, offline. */
  closedAt?: string;
}

export interface CloseShiftCommand {
  author: ShiftAuthor;
  shiftId: string;
  input: CloseShiftInput;
  at: Date;
  flags: string[];
  approve: LimitApproval;
  /** A manager's approval the till already had (offline), recorded whatever the difference. */
  approvedAtTill?: Authorization;
}

/** 422 when the denominations do not add up to the counted cash. */
function assertDenominationsAddUp(input: CloseShiftInput): void {
  if (!input.denominations) return;
  const sum = input.denominations.reduce((total, entry) => total + entry.value * entry.count, 0);
  if (sum !== input.countedCash) {
    throw new ApiError('UNPROCESSABLE', {
      detail: {
        key: 'shifts.denominationsMismatch',
        params: { sum: formatRupiah(sum), counted: formatRupiah(input.countedCash) },
      },
      extensions: { sum },
    });
  }
}

/** Expected cash of a shift now, and how many of its sales have landed. */
async function drawerNow(
  db: Executor,
  companyId: string,
  shift: { id: string; openingCash: number },
): Promise<{ expected: number; landed: number }> {
  const totals = (await shiftTotals(db, companyId, [shift.id])).get(shift.id);
  if (!totals) throw shiftNotFound();
  return { expected: cashFigures(shift.openingCash, totals).expected, landed: totals.sales.count };
}

/**
 * Whether a difference can be judged: every sale the till said it made has landed (or it said
 * nothing). A close that overtook its last sales (another batch still queued) is judged when
 * they arrive (reviewShiftDifferences).
 */
const judgeable = (landed: number, reported: number | null | undefined) =>
  reported === null || reported === undefined || landed >= reported;

/** A difference beyond the threshold either way (null threshold: none is). */
const beyond = (difference: number, threshold: number | null) =>
  threshold !== null && Math.abs(difference) > threshold;

/**
 * Closes a shift at its till with the counted cash. The expected cash is what has landed so far
 * (a later sale of the shift corrects the report, not the count); a difference beyond the
 * store's threshold needs a manager (LimitApproval: online a PIN, offline flagged and the
 * managers notified). Closing again with the same body is a retry; with another, 409.
 */
export async function closeShift(
  db: Db,
  command: CloseShiftCommand,
): Promise<{ status: 'closed' | 'duplicate' }> {
  const { author, input } = command;
  assertDenominationsAddUp(input);
  const hash = await requestHash({ shiftId: command.shiftId, ...input });

  // Decided before the transaction: an approval reads (and may count a wrong PIN) on its own.
  const [before] = await db
    .select({ shift: shifts, threshold: stores.cashDifferenceThreshold })
    .from(shifts)
    .innerJoin(stores, sameCompanyRow(stores, shifts.companyId, shifts.storeId))
    .where(inCompany(shifts, author.companyId, eq(shifts.id, command.shiftId)));
  if (!before) throw shiftNotFound();
  const approvals: Authorization[] = command.approvedAtTill ? [command.approvedAtTill] : [];
  if (before.shift.status === 'open' && approvals.length === 0) {
    const drawer = await drawerNow(db, author.companyId, before.shift);
    const difference = input.countedCash - drawer.expected;
    if (judgeable(drawer.landed, input.salesCount) && beyond(difference, before.threshold)) {
      const approval = await command.approve({
        key: 'shifts.differenceNeedsApproval',
        params: {
          difference: formatRupiah(difference),
          threshold: formatRupiah(before.threshold ?? 0),
        },
      });
      if (approval) approvals.push(approval);
    }
  }

  return db.transaction(async (tx) => {
    const { shift, authorDeviceKey } = await lockShift(tx, author, command.shiftId);
    if (shift.status === 'closed') {
      if (shift.closeRequestHash === hash) return { status: 'duplicate' as const };
      throw shiftClosed();
    }
    assertOwnDevice(shift, authorDeviceKey);
    const { expected, landed } = await drawerNow(tx, author.companyId, shift);
    const difference = input.countedCash - expected;
    const flags = [...shift.flags, ...command.flags];
    const unapproved =
      judgeable(landed, input.salesCount) &&
      beyond(difference, before.threshold) &&
      approvals.length === 0;
    if (unapproved) flags.push('difference_unapproved');
    await tx
      .update(shifts)
      .set({
        status: 'closed',
        closure: 'counted',
        closedAt: command.at,
        closedBy: author.userId,
        countedCash: input.countedCash,
        expectedCashAtClose: expected,
        denominations: input.denominations ?? null,
        closeNote: input.note ?? null,
        reportedSalesCount: input.salesCount ?? null,
        closeRequestHash: hash,
        flags,
        approvals: [...shift.approvals, ...approvals.map((approval) => ({ ...approval }))],
        version: sql`${shifts.version} + 1`,
      })
      .where(inCompany(shifts, author.companyId, eq(shifts.id, shift.id)));
    await recordAudit(
      tx,
      { ...author, sessionId: author.deviceSessionId },
      {
        action: 'shift.close',
        entityType: 'shift',
        entityId: shift.id,
        before: { status: 'open' },
        after: {
          status: 'closed',
          countedCash: input.countedCash,
          expectedCash: expected,
          difference,
          approvals,
          ...(flags.length > 0 && { flags }),
        },
      },
    );
    if (unapproved) {
      await notifyDifference(tx, shift, { expected, counted: input.countedCash, difference });
    }
    return { status: 'closed' as const };
  });
}

/**
 * The store's managers hear of a shift closed with a difference beyond the threshold that nobody
 * approved (a till offline could not ask): once per shift, in the close's transaction.
 */
async function notifyDifference(
  tx: Tx,
  shift: { id: string; companyId: string; storeId: string; deviceName: string },
  figures: { expected: number; counted: number; difference: number },
) {
  await tx
    .insert(notifications)
    .values({
      companyId: shift.companyId,
      storeId: shift.storeId,
      kind: 'shift_difference',
      dedupeKey: `shift_difference:${shift.id}`,
      data: { shiftId: shift.id, deviceName: shift.deviceName, ...figures },
    })
    .onConflictDoNothing({ target: [notifications.companyId, notifications.dedupeKey] });
}

/**
 * A manager closes a shift its till cannot (lost, broken, left open): with the cash they counted
 * if they did, audited with the reason, flagged `force_closed` on the report.
 */
export async function forceCloseShift(
  db: Db,
  actor: Actor,
  shiftId: string,
  input: { reason: string; countedCash?: number },
  at: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const { shift } = await lockShift(tx, { ...actor, deviceSessionId: actor.sessionId }, shiftId);
    if (shift.status === 'closed') throw shiftClosed();
    const { expected } = await drawerNow(tx, actor.companyId, shift);
    await tx
      .update(shifts)
      .set({
        status: 'closed',
        closure: 'forced',
        closedAt: at,
        closedBy: actor.userId,
        countedCash: input.countedCash ?? null,
        expectedCashAtClose: expected,
        closeNote: input.reason,
        flags: [...shift.flags, 'force_closed'],
        version: sql`${shifts.version} + 1`,
      })
      .where(inCompany(shifts, actor.companyId, eq(shifts.id, shift.id)));
    await recordAudit(tx, actor, {
      action: 'shift.force_close',
      entityType: 'shift',
      entityId: shift.id,
      before: { status: 'open', deviceName: shift.deviceName },
      after: {
        status: 'closed',
        reason: input.reason,
        expectedCash: expected,
        ...(input.countedCash !== undefined && { countedCash: input.countedCash }),
      },
    });
  });
}

/**
 * Judges the differences of closed shifts whose last sales have just landed (an upload calls it
 * in the transaction that wrote them): a shift now complete, counted beyond its store's threshold
 * and approved by nobody, is flagged and its store's managers notified, as at a close.
 */
export async function reviewShiftDifferences(
  tx: Tx,
  companyId: string,
  shiftIds: readonly string[],
): Promise<void> {
  if (shiftIds.length === 0) return;
  const closed = await tx
    .select({ shift: shifts, threshold: stores.cashDifferenceThreshold })
    .from(shifts)
    .innerJoin(stores, sameCompanyRow(stores, shifts.companyId, shifts.storeId))
    .where(
      inCompany(
        shifts,
        companyId,
        inArray(shifts.id, [...shiftIds]),
        eq(shifts.closure, 'counted'),
        isNotNull(stores.cashDifferenceThreshold),
        sql`not ('difference_unapproved' = any(${shifts.flags}))`,
        sql`jsonb_array_length(${shifts.approvals}) = 0`,
      ),
    );
  if (closed.length === 0) return;
  const totals = await shiftTotals(
    tx,
    companyId,
    closed.map(({ shift }) => shift.id),
  );
  for (const { shift, threshold } of closed) {
    const figures = totals.get(shift.id);
    if (!figures || shift.countedCash === null) continue;
    if (!judgeable(figures.sales.count, shift.reportedSalesCount)) continue;
    const expected = cashFigures(shift.openingCash, figures).expected;
    const difference = shift.countedCash - expected;
    if (!beyond(difference, threshold)) continue;
    await tx
      .update(shifts)
      .set({
        flags: [...shift.flags, 'difference_unapproved'],
        version: sql`${shifts.version} + 1`,
      })
      .where(inCompany(shifts, companyId, eq(shifts.id, shift.id)));
    await notifyDifference(tx, shift, { expected, counted: shift.countedCash, difference });
  }
}
