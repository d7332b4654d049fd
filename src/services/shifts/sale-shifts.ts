import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { shifts } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import type { SaleShift } from '../sales/create-sale';
import { deviceKeyOfSession } from './shift-records';

/** Where an offline sale's money went, and the flag when the till named a shift it cannot use. */
export interface ResolvedSaleShift {
  shift: SaleShift;
  flags: string[];
}

const noShift: SaleShift = { shiftId: null, pendingShiftId: null };

/**
 * The shifts offline sales name, checked in one statement. A sale is linked to the shift it
 * names when that shift is of the upload's store and of the uploading till. A shift the server
 * does not know yet (its open is in a batch still on its way) is kept as pending, and the sale is
 * linked when the open lands (open-shift.ts). A shift of another store or another till is not
 * linked: the sale is accepted (the customer paid) and flagged `shift_mismatch` for review.
 */
export async function saleShiftResolver(
  db: Executor,
  upload: { companyId: string; storeId: string; deviceSessionId: string },
  namedShiftIds: readonly string[],
): Promise<(shiftId: string | undefined) => ResolvedSaleShift> {
  const ids = [...new Set(namedShiftIds)];
  const rows =
    ids.length === 0
      ? []
      : await db
          .select({
            id: shifts.id,
            storeId: shifts.storeId,
            deviceKey: shifts.deviceKey,
            uploaderKey: deviceKeyOfSession(upload.companyId, upload.deviceSessionId),
          })
          .from(shifts)
          .where(inCompany(shifts, upload.companyId, inArray(shifts.id, ids)));
  const known = new Map(rows.map((row) => [row.id, row]));
  return (shiftId) => {
    if (!shiftId) return { shift: noShift, flags: [] };
    const shift = known.get(shiftId);
    if (!shift) return { shift: { shiftId: null, pendingShiftId: shiftId }, flags: [] };
    if (shift.storeId !== upload.storeId || shift.deviceKey !== shift.uploaderKey) {
      return { shift: noShift, flags: ['shift_mismatch'] };
    }
    return { shift: { shiftId, pendingShiftId: null }, flags: [] };
  };
}
