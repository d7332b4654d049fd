import { eq, isNull } from 'drizzle-orm';
import type { Authorization } from '../../auth/approval';
import type { Db, Executor } from '../../db/client';
import { bills, diningTables } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { conflictsOnUnique, violatedUniqueConstraint } from '../../db/unique-violation';
import { ApiError } from '../../lib/errors';
import { requestHash } from '../../lib/request-hash';
import { recordAudit } from '../audit';
import { deviceKeyOfSession } from '../shifts/shift-records';
import {
  billItemsAmong,
  checkBillItems,
  insertBillItems,
  type NewBillItem,
  takeOffBill,
} from './bill-items';
import {
  type BillAuthor,
  type BillView,
  billNotFound,
  loadBillView,
  lockOpenBill,
  touchBill,
} from './bill-records';
import { insertVoidTickets } from './kitchen';

export interface OpenBillInput {
  /** The device's id for the bill: an open sent again is answered with the bill it made. */
  id: string;
  storeId: string;
  tableId?: string;
  name?: string;
  guests?: number;
  note?: string;
  /** The first items, added with the open. */
  items?: NewBillItem[];
}

export interface BillOutcome {
  status: 'created' | 'unchanged';
  bill: BillView;
}

/** A live, active table of the store, else 422 (it cannot take a bill). */
export async function assertTableOfStore(
  db: Executor,
  companyId: string,
  storeId: string,
  tableId: string,
): Promise<void> {
  const [table] = await db
    .select({ isActive: diningTables.isActive })
    .from(diningTables)
    .where(
      inCompany(
        diningTables,
        companyId,
        eq(diningTables.id, tableId),
        eq(diningTables.storeId, storeId),
        isNull(diningTables.deletedAt),
      ),
    );
  if (!table?.isActive) {
    throw new ApiError('UNPROCESSABLE', { detail: { key: 'bills.tableNotFound' } });
  }
}

/** 409 naming the bill already open on the table (the partial unique index said so). */
export async function tableOccupied(db: Executor, companyId: string, tableId: string) {
  const [open] = await db
    .select({ id: bills.id })
    .from(bills)
    .where(inCompany(bills, companyId, eq(bills.tableId, tableId), eq(bills.status, 'open')));
  const openBill = open ? await loadBillView(db, companyId, open.id) : undefined;
  return new ApiError('CONFLICT', {
    detail: { key: 'bills.tableOccupied' },
    extensions: openBill ? { openBill } : {},
  });
}

/**
 * Opens a bill on a table or under a name, with its first items if any. One open bill per table:
 * a second meets the partial unique index and is answered 409 with the open one. The same id with
 * the same body is a retry (the bill as it is now); with another body, 409.
 */
export async function openBill(
  db: Db,
  author: BillAuthor,
  input: OpenBillInput,
): Promise<BillOutcome> {
  const hash = await requestHash(input);
  const retried = await openedBefore(db, author.companyId, input.id, hash);
  if (retried) return retried;
  if (input.tableId) {
    await assertTableOfStore(db, author.companyId, input.storeId, input.tableId);
  }
  const items = await checkBillItems(db, author.companyId, input.storeId, input.items ?? []);
  let bill: BillView | undefined;
  try {
    bill = await conflictsOnUnique(
      () =>
        db.transaction(async (tx) => {
          await tx.insert(bills).values({
            id: input.id,
            companyId: author.companyId,
            storeId: input.storeId,
            tableId: input.tableId ?? null,
            name: input.name ?? null,
            guests: input.guests ?? null,
            note: input.note ?? null,
            openedBy: author.userId,
            openedDeviceKey: author.sessionId
              ? deviceKeyOfSession(author.companyId, author.sessionId)
              : null,
            requestHash: hash,
          });
          await insertBillItems(tx, author, input.id, items);
          return loadBillView(tx, author.companyId, input.id);
        }),
      { bills_open_per_table: () => tableOccupied(db, author.companyId, input.tableId ?? '') },
    );
  } catch (error) {
    // The same open raced in (a retry while the first was writing): answered as a retry. An id
    // that is another company's bill finds nothing here: the same answer as any reused id.
    if (violatedUniqueConstraint(error) !== 'bills_pkey') throw error;
    const raced = await openedBefore(db, author.companyId, input.id, hash);
    if (raced) return raced;
    throw idReused();
  }
  if (!bill) throw new Error('an opened bill could not be read');
  return { status: 'created', bill };
}

const idReused = () => new ApiError('CONFLICT', { detail: { key: 'bills.idReused' } });

/** The bill an open with this id made before: the same body is a retry, another 409. */
async function openedBefore(
  db: Executor,
  companyId: string,
  billId: string,
  hash: string,
): Promise<BillOutcome | undefined> {
  const [existing] = await db
    .select({ requestHash: bills.requestHash })
    .from(bills)
    .where(inCompany(bills, companyId, eq(bills.id, billId)));
  if (!existing) return undefined;
  if (existing.requestHash !== hash) throw idReused();
  const bill = await loadBillView(db, companyId, billId);
  if (!bill) throw billNotFound();
  return { status: 'unchanged', bill };
}

/**
 * Adds a round of items. Adds from several devices never conflict: each item is its own row with
 * the device's id, and each add takes the bill's row lock only for its own insert. An add sent
 * again (same ids) adds nothing. The bill's version moves, so a removal or split made on what a
 * device saw before is refused as stale.
 */
export async function addBillItems(
  db: Db,
  author: BillAuthor,
  billId: string,
  storeId: string,
  items: NewBillItem[],
): Promise<BillOutcome> {
  const checked = await checkBillItems(db, author.companyId, storeId, items);
  return db.transaction(async (tx) => {
    await lockOpenBill(tx, author.companyId, billId);
    const added = await insertBillItems(tx, author, billId, checked);
    if (added > 0) await touchBill(tx, author.companyId, billId);
    const bill = await loadBillView(tx, author.companyId, billId);
    if (!bill) throw billNotFound();
    return { status: added > 0 ? 'created' : 'unchanged', bill };
  });
}

export interface RemoveItemsInput {
  version: number;
  itemIds: string[];
  /** Required when an item was already sent to the kitchen (a kitchen void). */
  reason?: string;
  /** The device's id for the removal: the BATAL tickets it prints carry it. */
  requestId: string;
}

/**
 * Takes items off a bill at the version the device saw. Items not yet sent go freely. Items
 * already sent are a kitchen void: they need a reason and `voidAuthority` (sales.void, or a
 * manager's approval the route checked), print a BATAL ticket per station and are audited.
 */
export async function removeBillItems(
  db: Db,
  author: BillAuthor,
  billId: string,
  input: RemoveItemsInput,
  voidAuthority: Authorization | null,
  at: Date,
): Promise<BillView> {
  return db.transaction(async (tx) => {
    const bill = await lockOpenBill(tx, author.companyId, billId, input.version);
    const items = await billItemsAmong(tx, author.companyId, billId, input.itemIds);
    const live = items.filter((item) => item.status === 'active');
    const sent = live.filter((item) => item.round !== null);
    if (sent.length > 0) {
      assertKitchenVoid(voidAuthority, input.reason);
      await insertVoidTickets(tx, author, bill, sent, input.requestId, input.reason ?? null);
      await recordAudit(tx, author, {
        action: 'bill.kitchen_void',
        entityType: 'bill',
        entityId: billId,
        after: {
          reason: input.reason,
          items: sent.map((item) => ({
            id: item.id,
            product: item.productName,
            quantity: item.quantity,
            round: item.round,
          })),
          authorization: voidAuthority,
        },
      });
    }
    await takeOffBill(
      tx,
      author,
      live.map((item) => item.id),
      input.reason ?? null,
      at,
    );
    await touchBill(tx, author.companyId, billId);
    const view = await loadBillView(tx, author.companyId, billId);
    if (!view) throw billNotFound();
    return view;
  });
}

/** A kitchen void needs the authority (checked by the route) and a reason the kitchen sees. */
export function assertKitchenVoid(authority: Authorization | null, reason: string | undefined) {
  if (!authority) {
    throw new ApiError('FORBIDDEN', {
      detail: { key: 'auth.permissionMissing', params: { permission: 'sales.void' } },
    });
  }
  if (!reason) {
    throw new ApiError('UNPROCESSABLE', { detail: { key: 'bills.voidReasonRequired' } });
  }
}
