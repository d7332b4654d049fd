import { and, eq, inArray } from 'drizzle-orm';
import type { Authorization } from '../../auth/approval';
import type { Db } from '../../db/client';
import { billItems, bills, kitchenTickets } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { conflictsOnUnique } from '../../db/unique-violation';
import { ApiError } from '../../lib/errors';
import { recordAudit } from '../audit';
import { activeBillItems, billItemsAmong, takeOffBill } from './bill-items';
import {
  type BillAuthor,
  type BillView,
  billNotFound,
  loadBillView,
  lockOpenBill,
  touchBill,
} from './bill-records';
import { assertKitchenVoid, assertTableOfStore, tableOccupied } from './bills';
import { insertVoidTickets } from './kitchen';

/**
 * The changes of a whole bill: move, merge, split and cancel. Each is one transaction on the
 * bill rows locked at the versions the device saw (a stale one is 409 with the current bill),
 * so two waiters rearranging the same tables can never leave items on a closed bill.
 */

const viewOrThrow = async (view: Promise<BillView | undefined>) => {
  const bill = await view;
  if (!bill) throw billNotFound();
  return bill;
};

export interface MoveBillInput {
  version: number;
  /** The table to move to; null takes the bill off its table (it keeps or gets a name). */
  tableId: string | null;
  name?: string;
}

/** Moves a bill to another (free, active) table of its store, or off its table. */
export async function moveBill(
  db: Db,
  author: BillAuthor,
  billId: string,
  input: MoveBillInput,
): Promise<BillView> {
  return conflictsOnUnique(
    () =>
      db.transaction(async (tx) => {
        const bill = await lockOpenBill(tx, author.companyId, billId, input.version);
        if (input.tableId) {
          await assertTableOfStore(tx, author.companyId, bill.storeId, input.tableId);
        }
        const name = input.name ?? bill.name;
        if (!input.tableId && !name) {
          throw new ApiError('UNPROCESSABLE', { detail: { key: 'bills.nameOrTable' } });
        }
        await touchBill(tx, author.companyId, billId, { tableId: input.tableId, name });
        await recordAudit(tx, author, {
          action: 'bill.move',
          entityType: 'bill',
          entityId: billId,
          before: { tableId: bill.tableId, name: bill.name },
          after: { tableId: input.tableId, name },
        });
        return viewOrThrow(loadBillView(tx, author.companyId, billId));
      }),
    { bills_open_per_table: () => tableOccupied(db, author.companyId, input.tableId ?? '') },
  );
}

export interface MergeBillInput {
  version: number;
  /** The bill whose items come over; it ends `merged` into this one. */
  sourceBillId: string;
  sourceVersion: number;
}

/**
 * Merges another open bill of the same store into this one: its items (with their rounds) and
 * its tickets come over, and it ends `merged`, pointing here. Both bills are locked in id order,
 * so two merges crossing each other wait rather than deadlock.
 */
export async function mergeBills(
  db: Db,
  author: BillAuthor,
  billId: string,
  input: MergeBillInput,
  at: Date,
): Promise<BillView> {
  if (input.sourceBillId === billId) {
    throw new ApiError('UNPROCESSABLE', { detail: { key: 'bills.mergeSelf' } });
  }
  return db.transaction(async (tx) => {
    const order = [billId, input.sourceBillId].sort();
    const locked = new Map<string, Awaited<ReturnType<typeof lockOpenBill>>>();
    for (const id of order) {
      const expected = id === billId ? input.version : input.sourceVersion;
      locked.set(id, await lockOpenBill(tx, author.companyId, id, expected));
    }
    const target = locked.get(billId);
    const source = locked.get(input.sourceBillId);
    if (!target || !source) throw billNotFound();
    if (source.storeId !== target.storeId) {
      throw new ApiError('UNPROCESSABLE', { detail: { key: 'bills.otherStore' } });
    }
    await tx
      .update(billItems)
      .set({ billId })
      .where(inCompany(billItems, author.companyId, eq(billItems.billId, source.id)));
    await tx
      .update(kitchenTickets)
      .set({ billId })
      .where(inCompany(kitchenTickets, author.companyId, eq(kitchenTickets.billId, source.id)));
    await touchBill(tx, author.companyId, source.id, {
      status: 'merged',
      mergedInto: billId,
      closedAt: at,
      closedBy: author.userId,
    });
    await touchBill(tx, author.companyId, billId, {
      rounds: Math.max(target.rounds, source.rounds),
      guests:
        target.guests === null && source.guests === null
          ? null
          : (target.guests ?? 0) + (source.guests ?? 0),
    });
    await recordAudit(tx, author, {
      action: 'bill.merge',
      entityType: 'bill',
      entityId: billId,
      after: { sourceBillId: source.id, sourceTableId: source.tableId, sourceName: source.name },
    });
    return viewOrThrow(loadBillView(tx, author.companyId, billId));
  });
}

export interface SplitBillInput {
  version: number;
  /** The device's id for the new bill. */
  newBillId: string;
  /** The active items that go to the new bill; at least one must stay. */
  itemIds: string[];
  tableId?: string;
  name?: string;
}

/**
 * Splits items off into a new open bill (on another table or under a name), at the version the
 * device saw: the items move with their rounds, so the kitchen is not told again.
 */
export async function splitBill(
  db: Db,
  author: BillAuthor,
  billId: string,
  input: SplitBillInput,
): Promise<{ bill: BillView; newBill: BillView }> {
  return conflictsOnUnique(
    () =>
      db.transaction(async (tx) => {
        const bill = await lockOpenBill(tx, author.companyId, billId, input.version);
        const moving = await billItemsAmong(tx, author.companyId, billId, input.itemIds);
        const inactive = moving.find((item) => item.status !== 'active');
        if (inactive) {
          throw new ApiError('UNPROCESSABLE', {
            detail: { key: 'bills.itemNotOnBill', params: { itemId: inactive.id } },
          });
        }
        const active = await activeBillItems(tx, author.companyId, billId);
        if (active.length <= moving.length) {
          throw new ApiError('UNPROCESSABLE', { detail: { key: 'bills.splitAll' } });
        }
        if (input.tableId) {
          await assertTableOfStore(tx, author.companyId, bill.storeId, input.tableId);
        }
        await tx.insert(bills).values({
          id: input.newBillId,
          companyId: author.companyId,
          storeId: bill.storeId,
          tableId: input.tableId ?? null,
          name: input.name ?? null,
          openedBy: author.userId,
          openedDeviceKey: bill.openedDeviceKey,
          rounds: bill.rounds,
          requestHash: `split:${billId}`,
        });
        await tx
          .update(billItems)
          .set({ billId: input.newBillId })
          .where(
            and(
              inCompany(billItems, author.companyId, eq(billItems.billId, billId)),
              inArray(billItems.id, input.itemIds),
            ),
          );
        await touchBill(tx, author.companyId, billId);
        await recordAudit(tx, author, {
          action: 'bill.split',
          entityType: 'bill',
          entityId: billId,
          after: { newBillId: input.newBillId, itemIds: input.itemIds },
        });
        return {
          bill: await viewOrThrow(loadBillView(tx, author.companyId, billId)),
          newBill: await viewOrThrow(loadBillView(tx, author.companyId, input.newBillId)),
        };
      }),
    {
      bills_open_per_table: () => tableOccupied(db, author.companyId, input.tableId ?? ''),
      bills_pkey: () => new ApiError('CONFLICT', { detail: { key: 'bills.idReused' } }),
    },
  );
}

export interface CancelBillInput {
  version: number;
  reason: string;
  /** The device's id for the cancel: the BATAL tickets it prints carry it. */
  requestId: string;
}

/**
 * Cancels an open bill (the guests left before paying). Items already sent are a kitchen void
 * (sales.void or a manager's approval, BATAL tickets); a bill with nothing sent cancels freely.
 */
export async function cancelBill(
  db: Db,
  author: BillAuthor,
  billId: string,
  input: CancelBillInput,
  voidAuthority: Authorization | null,
  at: Date,
): Promise<BillView> {
  return db.transaction(async (tx) => {
    const bill = await lockOpenBill(tx, author.companyId, billId, input.version);
    const active = await activeBillItems(tx, author.companyId, billId);
    const sent = active.filter((item) => item.round !== null);
    if (sent.length > 0) {
      assertKitchenVoid(voidAuthority, input.reason);
      await insertVoidTickets(tx, author, bill, sent, input.requestId, input.reason);
    }
    await takeOffBill(
      tx,
      author,
      active.map((item) => item.id),
      input.reason,
      at,
    );
    await touchBill(tx, author.companyId, billId, {
      status: 'cancelled',
      cancelReason: input.reason,
      closedAt: at,
      closedBy: author.userId,
    });
    await recordAudit(tx, author, {
      action: 'bill.cancel',
      entityType: 'bill',
      entityId: billId,
      after: {
        reason: input.reason,
        voidedItems: sent.map((item) => ({ id: item.id, product: item.productName })),
        authorization: sent.length > 0 ? voidAuthority : undefined,
      },
    });
    return viewOrThrow(loadBillView(tx, author.companyId, billId));
  });
}
