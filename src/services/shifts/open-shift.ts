import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { deviceSessions, shifts, transactions } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { violatedUniqueConstraint } from '../../db/unique-violation';
import { businessDate } from '../../lib/business-date';
import { ApiError } from '../../lib/errors';
import { requestHash } from '../../lib/request-hash';
import { recordAudit } from '../audit';
import { loadSaleStore } from '../sales/sale-lookups';
import { entryInForce, pickDated } from '../stores/dated-settings';
import {
  deviceKeyOfSession,
  openShiftOfDevice,
  type ShiftAuthor,
  type ShiftView,
  shiftIdReused,
  shiftNotFound,
  shiftViewColumns,
  shiftViewOf,
} from './shift-records';

export interface OpenShiftInput {
  /** The till's id for the shift: an open sent again is answered with the shift it made. */
  id: string;
  storeId: string;
  openingCash: number;
  /** The till's clock at the open; online shifts are dated by the server's clock. */
  openedAt?: string;
}

export interface OpenShiftCommand {
  author: ShiftAuthor;
  input: OpenShiftInput;
  /** The moment of the open: the server's clock online, the till's (checked) offline. */
  at: Date;
  /** Raised before the open (an offline open with a skewed clock). */
  flags: string[];
}

export interface ShiftOutcome {
  status: 'created' | 'duplicate';
  shift: ShiftView;
}

const storeNotFound = (storeId: string) =>
  new ApiError('NOT_FOUND', { detail: { key: 'sales.storeNotFound', params: { storeId } } });

/**
 * Opens a shift on the author's till. At most one shift per till is open: a second open meets
 * the partial unique index and is answered 409 with the open one. The same id with the same body
 * is a retry (the shift as it is); with another body, 409.
 *
 * Offline sales that named this shift before it reached the server (they came in another batch
 * first) are linked to it in the same transaction.
 */
export async function openShift(db: Db, command: OpenShiftCommand): Promise<ShiftOutcome> {
  const { author, input } = command;
  const hash = await requestHash(input);
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx
        .select(shiftViewColumns)
        .from(shifts)
        .where(inCompany(shifts, author.companyId, eq(shifts.id, input.id)));
      if (existing) {
        if (existing.shift.requestHash !== hash) throw shiftIdReused();
        return { status: 'duplicate' as const, shift: shiftViewOf(existing) };
      }
      const store = await loadSaleStore(tx, author.companyId, input.storeId);
      if (!store) throw storeNotFound(input.storeId);
      const [device] = await tx
        .select({ key: deviceSessions.fingerprintHash, name: deviceSessions.deviceName })
        .from(deviceSessions)
        .where(
          inCompany(
            deviceSessions,
            author.companyId,
            eq(deviceSessions.id, author.deviceSessionId),
          ),
        );
      if (!device) throw new Error('a shift was opened from a session that does not exist');
      const cutoffHour = pickDated(
        entryInForce(store.settingsHistory, command.at) ?? store,
      ).businessDayCutoffHour;

      await tx.insert(shifts).values({
        id: input.id,
        companyId: author.companyId,
        storeId: store.id,
        deviceKey: device.key,
        deviceName: device.name,
        deviceSessionId: author.deviceSessionId,
        openedBy: author.userId,
        openedAt: command.at,
        businessDate: businessDate(command.at, store.timezone, cutoffHour),
        openingCash: input.openingCash,
        requestHash: hash,
        flags: command.flags,
      });
      const linked = await tx
        .update(transactions)
        .set({ shiftId: input.id, pendingShiftId: null })
        .where(
          inCompany(
            transactions,
            author.companyId,
            eq(transactions.pendingShiftId, input.id),
            eq(transactions.storeId, store.id),
            sql`${deviceKeyOfSession(transactions.companyId, transactions.deviceSessionId)} = ${device.key}`,
          ),
        )
        .returning({ id: transactions.id });
      await recordAudit(
        tx,
        { ...author, sessionId: author.deviceSessionId },
        {
          action: 'shift.open',
          entityType: 'shift',
          entityId: input.id,
          after: {
            storeId: store.id,
            deviceName: device.name,
            openingCash: input.openingCash,
            openedAt: command.at.toISOString(),
            ...(command.flags.length > 0 && { flags: command.flags }),
            ...(linked.length > 0 && { salesLinked: linked.length }),
          },
        },
      );
      const [view] = await tx
        .select(shiftViewColumns)
        .from(shifts)
        .where(inCompany(shifts, author.companyId, eq(shifts.id, input.id)));
      if (!view) throw shiftNotFound();
      return { status: 'created' as const, shift: shiftViewOf(view) };
    });
  } catch (error) {
    const constraint = violatedUniqueConstraint(error);
    // Another company's shift has this id: the same answer as any reused id.
    if (constraint === 'shifts_pkey') throw shiftIdReused();
    if (constraint !== 'shifts_open_per_device_key') throw error;
    throw await alreadyOpen(db, author);
  }
}

/** 409 naming the shift still open on the author's till. */
async function alreadyOpen(db: Db, author: ShiftAuthor): Promise<ApiError> {
  const [device] = await db
    .select({ key: deviceSessions.fingerprintHash })
    .from(deviceSessions)
    .where(
      inCompany(deviceSessions, author.companyId, eq(deviceSessions.id, author.deviceSessionId)),
    );
  const open = device ? await openShiftOfDevice(db, author.companyId, device.key) : undefined;
  return new ApiError('CONFLICT', {
    detail: { key: 'shifts.alreadyOpen', params: { openedAt: open?.openedAt ?? '-' } },
    extensions: { openShift: open ?? null },
  });
}
