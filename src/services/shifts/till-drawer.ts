import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { shifts, stores } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { ApiError } from '../../lib/errors';
import { openShiftOnTill } from './shift-records';

/**
 * The drawer a refund or a void pays out of: the shift open in the store on the till the
 * session is signed in on. A void made where no shift is open is paid from the sale's own shift
 * while that is still open; once it is closed, its figures never change (the void is recorded
 * without a drawer, and the report of the closed shift stays as it was counted).
 *
 * A store that requires an open shift refuses a refund from a till without one (422).
 */
export async function tillDrawer(
  db: Executor,
  companyId: string,
  at: { storeId: string; sessionId: string; saleShiftId: string | null },
  purpose: 'refund' | 'void',
): Promise<string | null> {
  const [row] = await db
    .select({
      requireOpenShift: stores.requireOpenShift,
      tillShiftId: openShiftOnTill(companyId, at.storeId, at.sessionId),
      saleShiftOpen: at.saleShiftId
        ? sql<boolean>`exists (select 1 from ${shifts} where ${shifts.companyId} = ${companyId}
            and ${shifts.id} = ${at.saleShiftId} and ${shifts.status} = 'open')`
        : sql<boolean>`false`,
    })
    .from(stores)
    .where(inCompany(stores, companyId, eq(stores.id, at.storeId)));
  if (row?.tillShiftId) return row.tillShiftId;
  if (purpose === 'refund' && row?.requireOpenShift) {
    throw new ApiError('UNPROCESSABLE', { detail: { key: 'shifts.required' } });
  }
  return purpose === 'void' && row?.saleShiftOpen ? at.saleShiftId : null;
}
