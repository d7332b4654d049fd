import { and, eq, type SQLWrapper, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client';
import { deviceSessions, type Shift, shifts, users } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { ApiError } from '../../lib/errors';

/**
 * What every shift operation shares: who does it from which till, the shift as clients see it,
 * and reading it. A till is its device fingerprint (the hash every session on it carries), so
 * the shift opened by one cashier is still the till's shift when the next one signs in on it.
 */

/** Who does a shift operation, from which device session (the request's, or the upload's). */
export interface ShiftAuthor {
  companyId: string;
  /** The staff member: the caller online, the event's user offline. */
  userId: string;
  deviceSessionId: string;
  requestId: string | null;
  ipAddress: string | null;
}

export const shiftNotFound = () =>
  new ApiError('NOT_FOUND', { detail: { key: 'shifts.notFound' } });

export const shiftClosed = () => new ApiError('CONFLICT', { detail: { key: 'shifts.closed' } });

/** The till of a device session (its fingerprint hash), as a subquery of one statement. */
export function deviceKeyOfSession(companyId: SQLWrapper | string, sessionId: SQLWrapper | string) {
  return sql<string | null>`(select ${deviceSessions.fingerprintHash} from ${deviceSessions}
    where ${deviceSessions.companyId} = ${companyId} and ${deviceSessions.id} = ${sessionId})`;
}

/** The shift open in a store on the till of a device session, as a subquery. */
export function openShiftOnTill(companyId: string, storeId: string, sessionId: string) {
  return sql<string | null>`(select ${shifts.id} from ${shifts}
    where ${shifts.companyId} = ${companyId} and ${shifts.storeId} = ${storeId}
      and ${shifts.status} = 'open'
      and ${shifts.deviceKey} = ${deviceKeyOfSession(companyId, sessionId)})`;
}

export const shiftIdReused = () => new ApiError('CONFLICT', { detail: { key: 'shifts.idReused' } });

/** A shift as the API shows it, with the names of who opened and closed it. */
export interface ShiftView {
  id: string;
  storeId: string;
  device: { key: string; name: string };
  status: Shift['status'];
  businessDate: string;
  openedAt: string;
  openedBy: { id: string; name: string };
  openingCash: number;
  closedAt: string | null;
  closedBy: { id: string; name: string } | null;
  closure: Shift['closure'];
  countedCash: number | null;
  expectedCashAtClose: number | null;
  denominations: Shift['denominations'];
  closeNote: string | null;
  reportedSalesCount: number | null;
  flags: string[];
  approvals: Shift['approvals'];
  version: number;
  createdAt: string;
  updatedAt: string;
}

const nameOf = (userId: unknown) =>
  sql<string | null>`(select ${users.name} from ${users}
    where ${users.companyId} = ${shifts.companyId} and ${users.id} = ${userId})`;

/** The columns a view needs: the shift and the two names, in the same statement. */
export const shiftViewColumns = {
  shift: shifts,
  openedByName: nameOf(shifts.openedBy),
  closedByName: nameOf(shifts.closedBy),
};

export function shiftViewOf(row: {
  shift: Shift;
  openedByName: string | null;
  closedByName: string | null;
}): ShiftView {
  const { shift } = row;
  return {
    id: shift.id,
    storeId: shift.storeId,
    device: { key: shift.deviceKey, name: shift.deviceName },
    status: shift.status,
    businessDate: shift.businessDate,
    openedAt: shift.openedAt.toISOString(),
    openedBy: { id: shift.openedBy, name: row.openedByName ?? '' },
    openingCash: shift.openingCash,
    closedAt: shift.closedAt?.toISOString() ?? null,
    closedBy: shift.closedBy ? { id: shift.closedBy, name: row.closedByName ?? '' } : null,
    closure: shift.closure,
    countedCash: shift.countedCash,
    expectedCashAtClose: shift.expectedCashAtClose,
    denominations: shift.denominations,
    closeNote: shift.closeNote,
    reportedSalesCount: shift.reportedSalesCount,
    flags: shift.flags,
    approvals: shift.approvals,
    version: shift.version,
    createdAt: shift.createdAt.toISOString(),
    updatedAt: shift.updatedAt.toISOString(),
  };
}

/** The store a shift belongs to, for the store rule before anything else is read. */
export async function findShiftStore(
  db: Executor,
  companyId: string,
  shiftId: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ storeId: shifts.storeId })
    .from(shifts)
    .where(inCompany(shifts, companyId, eq(shifts.id, shiftId)));
  return row?.storeId;
}

/**
 * The shift row, locked for the rest of the transaction (a close and a pay-out cannot cross),
 * with the device key of the author's session: only the shift's own till records in it.
 */
export async function lockShift(tx: Tx, author: ShiftAuthor, shiftId: string) {
  const [row] = await tx
    .select({
      shift: shifts,
      authorDeviceKey: deviceKeyOfSession(author.companyId, author.deviceSessionId),
    })
    .from(shifts)
    .where(inCompany(shifts, author.companyId, eq(shifts.id, shiftId)))
    .for('update', { of: shifts });
  if (!row) throw shiftNotFound();
  return row;
}

/** 422 unless the shift is the till's own: another till's drawer is not this one's to count. */
export function assertOwnDevice(shift: Shift, authorDeviceKey: string | null): void {
  if (shift.deviceKey !== authorDeviceKey) {
    throw new ApiError('UNPROCESSABLE', {
      detail: { key: 'shifts.otherDevice', params: { deviceName: shift.deviceName } },
    });
  }
}

/** The open shift of a device, if any (the partial unique index allows one). */
export async function openShiftOfDevice(db: Executor, companyId: string, deviceKey: string) {
  const [row] = await db
    .select(shiftViewColumns)
    .from(shifts)
    .where(
      and(inCompany(shifts, companyId, eq(shifts.deviceKey, deviceKey)), eq(shifts.status, 'open')),
    );
  return row && shiftViewOf(row);
}
