import type { Db } from '../../db/client';
import { ApiError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { recordCashMovement } from '../shifts/cash-movements';
import { closeShift } from '../shifts/close-shift';
import { openShift } from '../shifts/open-shift';
import type { ShiftAuthor } from '../shifts/shift-records';
import {
  authority,
  loadStaff,
  maySellHere,
  offlineRejection,
  type StaffMember,
  saleTime,
} from './offline-policy';
import type { OfflineShiftEvent, SaleBatchCommand, ShiftEventResult } from './upload-types';

/**
 * Shift events a till recorded offline (open, pay in/out, close), applied in the till's order
 * before the sales of the same upload, each in its own transaction through the same services as
 * online (src/services/shifts/), so the rules are the same. Each is identified by the till's ids:
 * sent again, it is answered `duplicate` and changes nothing. What the till did without the
 * server is accepted where the online rule would have asked a manager: an approver the till
 * named who may approve is recorded, else the record is flagged for review.
 *
 * The user of an event (who opened, paid out, closed) must be staff of the store who may sell;
 * the till is the uploading session's device.
 */
export async function processShiftEvents(
  db: Db,
  command: SaleBatchCommand,
  logger: Logger,
): Promise<ShiftEventResult[]> {
  const events = command.shiftEvents;
  if (events.length === 0) return [];
  const staff = await loadStaff(
    db,
    command,
    events.flatMap((entry) =>
      'event' in entry ? [userOf(entry.event), approverOf(entry.event)] : [],
    ),
  );
  const results: ShiftEventResult[] = [];
  for (const entry of events) {
    if (!('event' in entry)) {
      const { invalid, ...position } = entry;
      results.push({ ...position, status: 'rejected', rejection: invalid });
      continue;
    }
    const { index, event } = entry;
    const base = { index, type: event.type, id: idOf(event) };
    try {
      const status = await applyEvent(db, command, staff, event);
      results.push({ ...base, status });
    } catch (error) {
      results.push({
        ...base,
        status: 'rejected',
        rejection: offlineRejection(error, command, logger, 'offline shift event failed'),
      });
    }
  }
  return results;
}

const idOf = (event: OfflineShiftEvent) => (event.type === 'close' ? event.shiftId : event.id);

function userOf(event: OfflineShiftEvent): string {
  if (event.type === 'open') return event.openedBy;
  if (event.type === 'cashMovement') return event.createdBy;
  return event.closedBy;
}

const approverOf = (event: OfflineShiftEvent) =>
  event.type === 'open' ? undefined : event.approvedBy;

function timeOf(event: OfflineShiftEvent): string {
  if (event.type === 'open') return event.openedAt;
  if (event.type === 'cashMovement') return event.occurredAt;
  return event.closedAt;
}

async function applyEvent(
  db: Db,
  command: SaleBatchCommand,
  staff: ReadonlyMap<string, StaffMember>,
  event: OfflineShiftEvent,
): Promise<'accepted' | 'duplicate'> {
  const user = staff.get(userOf(event));
  if (!user || !maySellHere(user, command.storeId)) {
    throw new ApiError('FORBIDDEN', {
      detail: { key: 'shifts.staffNotAllowed', params: { userId: userOf(event) } },
    });
  }
  const time = saleTime(timeOf(event), command.receivedAt);
  if ('rejection' in time) {
    throw new ApiError('UNPROCESSABLE', { detail: time.rejection.detail });
  }
  const at = new Date(time.at);
  const author: ShiftAuthor = {
    companyId: command.companyId,
    userId: user.userId,
    deviceSessionId: command.deviceSessionId,
    requestId: command.requestId,
    ipAddress: command.ipAddress,
  };
  const approver = approverOf(event);
  const approvedAtTill = authority(
    user,
    approver ? staff.get(approver) : undefined,
    'shifts.manage',
    command.storeId,
  );
  // The till already did it: an approval it could not show the server is flagged, not refused.
  const approve = async () => approvedAtTill ?? null;

  if (event.type === 'open') {
    const { status } = await openShift(db, {
      author,
      input: {
        id: event.id,
        storeId: command.storeId,
        openingCash: event.openingCash,
        openedAt: event.openedAt,
      },
      at,
      flags: time.flags,
    });
    return status === 'created' ? 'accepted' : 'duplicate';
  }
  if (event.type === 'cashMovement') {
    const { status } = await recordCashMovement(db, {
      author,
      shiftId: event.shiftId,
      input: {
        id: event.id,
        kind: event.kind,
        amount: event.amount,
        reason: event.reason,
        occurredAt: event.occurredAt,
      },
      at,
      flags: time.flags,
      approve,
    });
    return status === 'created' ? 'accepted' : 'duplicate';
  }
  const { status } = await closeShift(db, {
    author,
    shiftId: event.shiftId,
    input: {
      countedCash: event.countedCash,
      denominations: event.denominations,
      note: event.note,
      salesCount: event.salesCount,
      closedAt: event.closedAt,
    },
    at,
    flags: time.flags,
    approve,
    // Only a manager's approval is worth recording ahead: a cashier's own is not an approval.
    approvedAtTill: approvedAtTill?.approvedBy ? approvedAtTill : undefined,
  });
  return status === 'closed' ? 'accepted' : 'duplicate';
}
