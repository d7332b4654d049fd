import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { bills } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { conflictsOnUnique } from '../../db/unique-violation';
import { ApiError } from '../../lib/errors';
import { assertCurrentVersion } from '../../lib/versioning';
import {
  type CreateSaleCommand,
  type CreateSaleOutcome,
  type PaymentInput,
  type SaleInput,
  saleRequestHash,
} from '../sales/create-sale';
import { prepareSale } from '../sales/prepare-sale';
import { loadMenu, loadSaleStore } from '../sales/sale-lookups';
import { loadSale, saleViewOf } from '../sales/sale-view';
import { writeSales } from '../sales/write-sales';
import { type BillView, billClosed, billNotFound, loadBillView } from './bill-records';

/** How a bill is paid: the sale's own fields, its items come from the bill. */
export interface SettleBillInput {
  /** The device's id for the sale: a settle sent again answers the sale it made. */
  saleId: string;
  /** The version of the bill the device showed the customer; a bill changed since is 409. */
  version?: number;
  orderDiscount?: number;
  note?: string;
  clientReference?: string;
  payments: PaymentInput[];
  expectedTotal?: number;
}

export interface SettleBillCommand extends Omit<CreateSaleCommand, 'input' | 'offline'> {
  billId: string;
  storeId: string;
  settle: SettleBillInput;
}

export interface SettleBillOutcome extends CreateSaleOutcome {
  bill: BillView;
}

/**
 * Settles an open bill as one sale, through the sale path: priced by the engine from the bill's
 * active items (with their options) at the settle's moment, numbered by the store's sequence,
 * with payments, stock and the audit row. Runs in the store's Durable Object, so two settles of
 * one bill are one after the other: the first makes the sale and closes the bill in the same
 * transaction; a settle sent again with the same sale id answers that sale (200), another sale id
 * is 409. A bill changed between its read and the write (an item added from another device) is
 * caught by the write's version condition and answered 409 with the bill as it is now.
 */
export async function settleBill(db: Db, command: SettleBillCommand): Promise<SettleBillOutcome> {
  const { companyId, billId, settle } = command;
  const bill = await loadBillView(db, companyId, billId);
  if (!bill || bill.storeId !== command.storeId) throw billNotFound();
  if (bill.status === 'settled' && bill.sale?.id === settle.saleId) {
    const sale = await loadSale(db, companyId, settle.saleId);
    if (!sale) throw new Error('a settled bill’s sale could not be read');
    return { status: 'duplicate', sale, lowStock: [], bill };
  }
  if (bill.status !== 'open') throw billClosed(bill, bill);
  if (settle.version !== undefined) assertCurrentVersion(bill, settle.version);
  const items = bill.items.filter((item) => item.status === 'active');
  if (items.length === 0) {
    throw new ApiError('UNPROCESSABLE', { detail: { key: 'bills.empty' } });
  }

  const input: SaleInput = {
    id: settle.saleId,
    storeId: bill.storeId,
    items: items.map((item) => ({
      variantId: item.variantId,
      quantity: item.quantity,
      ...(item.modifiers.length > 0 && {
        modifiers: item.modifiers.map(({ optionId }) => ({ optionId })),
      }),
    })),
    payments: settle.payments,
    ...(settle.orderDiscount !== undefined && { orderDiscount: settle.orderDiscount }),
    ...(settle.note !== undefined && { note: settle.note }),
    ...(settle.clientReference !== undefined && { clientReference: settle.clientReference }),
    ...(settle.expectedTotal !== undefined && { expectedTotal: settle.expectedTotal }),
  };
  const requestHash = await saleRequestHash(input);
  const store = await loadSaleStore(db, companyId, bill.storeId, {
    cashierId: command.cashierId,
    saleId: settle.saleId,
    deviceSessionId: command.deviceSessionId,
  });
  // The id is already a sale that did not settle this bill.
  if (store?.existingSale) throw new ApiError('CONFLICT', { detail: { key: 'sales.idReused' } });
  const menu = store
    ? await loadMenu(db, companyId, store.id, [...new Set(items.map((item) => item.variantId))])
    : new Map();
  const prepared = prepareSale({ ...command, input }, requestHash, {
    store,
    menu,
    shift: { shiftId: store?.openShiftId ?? null, pendingShiftId: null },
  });

  const written = await conflictsOnUnique(
    () =>
      db.transaction(async (tx) => {
        const [sale] = await writeSales(tx, [prepared]);
        const closed = await tx
          .update(bills)
          .set({
            status: 'settled',
            saleId: settle.saleId,
            closedAt: prepared.at,
            closedBy: command.cashierId,
            version: sql`${bills.version} + 1`,
          })
          .where(
            and(
              inCompany(bills, companyId, eq(bills.id, billId)),
              eq(bills.status, 'open'),
              eq(bills.version, bill.version),
            ),
          )
          .returning({ id: bills.id });
        if (closed.length === 0) throw new BillChangedMeanwhile();
        return sale;
      }),
    { transactions_pkey: () => new ApiError('CONFLICT', { detail: { key: 'sales.idReused' } }) },
  ).catch(async (error: unknown) => {
    if (!(error instanceof BillChangedMeanwhile)) throw error;
    const current = await loadBillView(db, companyId, billId);
    throw new ApiError('CONFLICT', {
      detail: { key: 'request.staleVersion', params: { current: current?.version ?? 0 } },
      extensions: { current },
    });
  });
  if (!written || !store) throw new Error('a settled bill’s sale was written without an answer');
  const sale = saleViewOf({
    transaction: written.transaction,
    storeCode: store.code,
    cashierName: store.cashierName ?? '',
    items: written.items,
    payments: written.payments,
    refunds: [],
  });
  const settled = await loadBillView(db, companyId, billId);
  if (!settled) throw billNotFound();
  return { status: 'created', sale, lowStock: written.lowStock, bill: settled };
}

/** Rolls the settle's transaction back: the bill moved on between its read and the write. */
class BillChangedMeanwhile extends Error {}
