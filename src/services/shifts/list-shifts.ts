import { desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { hasPermission, readableStores } from '../../auth/policy';
import type { Db } from '../../db/client';
import { type ShiftStatus, shifts } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { beyondCursor, cursorTimestamp, decodeCursor, pageOf } from '../../lib/cursor';
import { deviceKeyOfSession, type ShiftView, shiftViewColumns, shiftViewOf } from './shift-records';
import { cashFigures, shiftTotals } from './shift-totals';

export interface ShiftListQuery {
  limit: number;
  cursor?: string;
  storeId?: string;
  /** The till's device key (a shift's `device.key`). */
  deviceKey?: string;
  /** Who opened the shift. */
  cashierId?: string;
  businessDate?: string;
  status?: ShiftStatus;
}

export interface ShiftListItem extends ShiftView {
  salesCount: number;
  expectedCash: number;
  /** Counted − expected, once counted. */
  difference: number | null;
}

/**
 * Who sees a shift: in the stores they work in, managers and those who read reports every shift;
 * anyone else only the shifts they opened and those of the till they are signed in on (the next
 * cashier prints the X report of the shift already open on it).
 */
export function visibleShifts(actor: Actor): SQL | undefined {
  const stores = readableStores(actor);
  const inStores = stores === 'all' ? undefined : inArray(shifts.storeId, stores);
  if (hasPermission(actor, 'shifts.manage') || hasPermission(actor, 'reports.view')) {
    return inStores;
  }
  const ownTill = sql`${shifts.deviceKey} = ${deviceKeyOfSession(actor.companyId, actor.sessionId)}`;
  return sql`${inStores ?? sql`true`} and ${or(eq(shifts.openedBy, actor.userId), ownTill)}`;
}

/** Shifts, newest opened first, keyset-paginated, each with its cash figures now. */
export async function listShifts(db: Db, actor: Actor, query: ShiftListQuery) {
  const before = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await db
    .select({ ...shiftViewColumns, cursorAt: cursorTimestamp(shifts.openedAt) })
    .from(shifts)
    .where(
      inCompany(
        shifts,
        actor.companyId,
        visibleShifts(actor),
        query.storeId ? eq(shifts.storeId, query.storeId) : undefined,
        query.deviceKey ? eq(shifts.deviceKey, query.deviceKey) : undefined,
        query.cashierId ? eq(shifts.openedBy, query.cashierId) : undefined,
        query.businessDate ? eq(shifts.businessDate, query.businessDate) : undefined,
        query.status ? eq(shifts.status, query.status) : undefined,
        before ? beyondCursor({ at: shifts.openedAt, id: shifts.id }, before, 'desc') : undefined,
      ),
    )
    .orderBy(desc(shifts.openedAt), desc(shifts.id))
    .limit(query.limit + 1);
  const page = pageOf(
    rows.map((row) => ({ id: row.shift.id, cursorAt: row.cursorAt, row })),
    query.limit,
  );
  const totals = await shiftTotals(
    db,
    actor.companyId,
    page.data.map((entry) => entry.id),
  );
  return {
    data: page.data.map(({ row }): ShiftListItem => {
      const view = shiftViewOf(row);
      const figures = totals.get(view.id);
      const expected = figures ? cashFigures(view.openingCash, figures).expected : view.openingCash;
      return {
        ...view,
        salesCount: figures?.sales.count ?? 0,
        expectedCash: expected,
        difference: view.countedCash === null ? null : view.countedCash - expected,
      };
    }),
    nextCursor: page.nextCursor,
  };
}
