import { asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  type CashMovementKind,
  companies,
  type PaymentMethod,
  type StoreTimezone,
  shiftCashMovements,
  shifts,
  stores,
  users,
} from '../../db/schema';
import { inCompany, sameCompanyRow } from '../../db/tenancy';
import { formatNpwp } from '../../lib/npwp';
import { zone } from '../receipts/filters';
import { type ShiftView, shiftViewColumns, shiftViewOf } from './shift-records';
import {
  type CashFigures,
  cashFigures,
  netByMethod,
  type ShiftTotals,
  shiftTotals,
} from './shift-totals';

/**
 * The shift report ("laporan shift"): an X report while the shift is open (nothing closes), a Z
 * report once it is closed. Figures are read live (shift-totals.ts), so a Z report printed again
 * after a late upload shows the sales that landed since, and says whether all of them have.
 */
export interface ShiftReport {
  kind: 'X' | 'Z';
  shift: ShiftView;
  business: { name: string; legalName: string | null; npwp: string | null };
  store: { id: string; code: string; name: string; timezone: StoreTimezone; zone: string };
  sales: ShiftTotals['sales'];
  taxes: ShiftTotals['taxes'];
  refunds: ShiftTotals['refunds'];
  voids: ShiftTotals['voids'];
  /** Sales' tenders by method, net of change. */
  payments: ShiftTotals['payments'];
  /** Tenders less refunds and voids paid back, by method: what the EDC/QRIS settlement shows. */
  netByMethod: Array<{ method: PaymentMethod; amount: number }>;
  cash: CashFigures & { counted: number | null; difference: number | null };
  movements: Array<{
    id: string;
    kind: CashMovementKind;
    amount: number;
    reason: string;
    occurredAt: string;
    createdBy: { id: string; name: string };
    flags: string[];
  }>;
  /**
   * Sales of the shift on the server, against the count the till gave at the close (null while
   * open or when it gave none). `complete` is null when it cannot be told.
   */
  salesLanded: { landed: number; reported: number | null; complete: boolean | null };
  generatedAt: string;
}

/**
 * Reports of the company's shifts among `shiftIds`, in that order (missing ids are left out):
 * three statements whatever their number.
 */
export async function buildShiftReports(
  db: Executor,
  companyId: string,
  shiftIds: readonly string[],
  now: Date,
  options: { visibleTo?: SQL } = {},
): Promise<ShiftReport[]> {
  if (shiftIds.length === 0) return [];
  const ids = [...shiftIds];
  const [rows, totals, movements] = await Promise.all([
    db
      .select({ ...shiftViewColumns, store: stores, company: companies })
      .from(shifts)
      .innerJoin(stores, sameCompanyRow(stores, shifts.companyId, shifts.storeId))
      .innerJoin(companies, eq(companies.id, shifts.companyId))
      .where(inCompany(shifts, companyId, inArray(shifts.id, ids), options.visibleTo)),
    shiftTotals(db, companyId, ids),
    db
      .select({ movement: shiftCashMovements, createdByName: users.name })
      .from(shiftCashMovements)
      .innerJoin(
        users,
        sameCompanyRow(users, shiftCashMovements.companyId, shiftCashMovements.createdBy),
      )
      .where(inCompany(shiftCashMovements, companyId, inArray(shiftCashMovements.shiftId, ids)))
      .orderBy(asc(shiftCashMovements.occurredAt), asc(shiftCashMovements.id)),
  ]);
  const rowOf = new Map(rows.map((row) => [row.shift.id, row]));
  return ids.flatMap((id) => {
    const row = rowOf.get(id);
    const figures = totals.get(id);
    if (!row || !figures) return [];
    const shift = shiftViewOf(row);
    const cash = cashFigures(shift.openingCash, figures);
    const counted = shift.countedCash;
    const reported = shift.reportedSalesCount;
    return [
      {
        kind: shift.status === 'open' ? ('X' as const) : ('Z' as const),
        shift,
        business: {
          name: row.company.name,
          legalName: row.company.legalName,
          npwp: row.company.npwp && formatNpwp(row.company.npwp),
        },
        store: {
          id: row.store.id,
          code: row.store.code,
          name: row.store.name,
          timezone: row.store.timezone,
          zone: zone(row.store.timezone),
        },
        sales: figures.sales,
        taxes: figures.taxes,
        refunds: figures.refunds,
        voids: figures.voids,
        payments: figures.payments,
        netByMethod: netByMethod(figures),
        cash: {
          ...cash,
          counted,
          difference: counted === null ? null : counted - cash.expected,
        },
        movements: movements
          .filter(({ movement }) => movement.shiftId === id)
          .map(({ movement, createdByName }) => ({
            id: movement.id,
            kind: movement.kind,
            amount: movement.amount,
            reason: movement.reason,
            occurredAt: movement.occurredAt.toISOString(),
            createdBy: { id: movement.createdBy, name: createdByName },
            flags: movement.flags,
          })),
        salesLanded: {
          landed: figures.sales.count,
          reported,
          complete: reported === null ? null : figures.sales.count >= reported,
        },
        generatedAt: now.toISOString(),
      },
    ];
  });
}

/** One shift's report, or undefined when the company has no such shift. */
export async function buildShiftReport(
  db: Executor,
  companyId: string,
  shiftId: string,
  now: Date,
  options: { visibleTo?: SQL } = {},
): Promise<ShiftReport | undefined> {
  const [report] = await buildShiftReports(db, companyId, [shiftId], now, options);
  return report;
}
