import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { type Bill, billItems, bills, diningTables, transactions } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { ApiError } from '../../lib/errors';
import { uuidv7 } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import type { MessageKey } from '../../lib/messages';
import { recordAudit } from '../audit';
import { checkBillItems, insertBillItems, takeOffBill } from '../dining/bill-items';
import type { BillAuthor } from '../dining/bill-records';
import { touchBill } from '../dining/bill-records';
import { deviceKeyOfSession } from '../shifts/shift-records';
import {
  authority,
  loadStaff,
  maySellHere,
  offlineRejection,
  type StaffMember,
  saleTime,
} from './offline-policy';
import type {
  AppliedBillResult,
  BillConflict,
  BillResult,
  OfflineBill,
  SaleBatchCommand,
  SaleBatchOutcome,
} from './upload-types';

/**
 * Open bills a device kept while offline, uploaded with its sales (routes/v1/sync). The rule when
 * an offline device and online ones changed the same bill: **no item is lost and nothing is
 * charged twice**, and whatever the server did differently is a conflict in the bill's result and
 * a `bill_conflict` sync event for the managers.
 *
 * Before the sales of the upload, each bill is applied in its own transaction:
 * - items are rows with the devices' ids, so the server keeps the union: the device's new items
 *   are added, items others added meanwhile stay;
 * - a table already taken by another open bill: the device's bill opens without a table, under
 *   its name (`table_taken`);
 * - an item taken off at the till goes if the kitchen never had it; one the kitchen had needs
 *   the remover (or the manager the till names) to hold sales.void, else it stays
 *   (`removal_refused`);
 * - rounds the till printed at its own kitchen printer are recorded as sent (no server ticket);
 * - items added to a bill someone else already closed open a new bill (`items_left_open`).
 *
 * After the sales, in their transaction, a bill the device settled (`saleId`) is settled by that
 * sale once it is recorded: active items the device did not know were not in its sale, so they
 * move to a new open bill on the same table (`items_left_open`); a bill another sale settled
 * stays as it is and the device's sale is flagged `bill_settled_twice` (`settled_elsewhere`); a
 * sale that was rejected leaves the bill open (`sale_not_recorded`); items of its sale another
 * device split off onto another open bill come off that bill, paid (`items_paid_offline`). Sent again, a bill finds
 * everything in place and is answered `duplicate`.
 */

/** A bill of the upload once applied: its result so far, and what the settle step needs. */
export interface BillPlan {
  result: BillResult;
  bill?: OfflineBill;
}

const conflict = (
  kind: BillConflict['kind'],
  key: MessageKey,
  params: Record<string, string | number> = {},
  extra: Pick<BillConflict, 'billId' | 'itemIds'> = {},
): BillConflict => ({ kind, detail: { key, params }, ...extra });

export async function applyOfflineBills(
  db: Db,
  command: SaleBatchCommand,
  logger: Logger,
): Promise<BillPlan[]> {
  if (command.bills.length === 0) return [];
  const staff = await loadStaff(
    db,
    command,
    command.bills.flatMap((entry) =>
      'bill' in entry
        ? [
            entry.bill.openedBy,
            ...entry.bill.items.flatMap((item) => [
              item.addedBy,
              item.removed?.by,
              item.removed?.approvedBy,
            ]),
          ]
        : [],
    ),
  );
  const plans: BillPlan[] = [];
  for (const entry of command.bills) {
    if (!('bill' in entry)) {
      const { invalid, ...position } = entry;
      plans.push({ result: { ...position, status: 'rejected', rejection: invalid } });
      continue;
    }
    const { index, bill } = entry;
    try {
      const applied = await applyBill(db, command, staff, bill);
      plans.push({ bill, result: { index, ...applied } });
    } catch (error) {
      plans.push({
        result: {
          index,
          id: bill.id,
          status: 'rejected',
          rejection: offlineRejection(error, command, logger, 'offline bill failed'),
        },
      });
    }
  }
  return plans;
}

function staffMember(staff: ReadonlyMap<string, StaffMember>, userId: string, storeId: string) {
  const member = staff.get(userId);
  if (!member || !maySellHere(member, storeId)) {
    throw new ApiError('FORBIDDEN', {
      detail: { key: 'bills.staffNotAllowed', params: { userId } },
    });
  }
  return member;
}

async function applyBill(
  db: Db,
  command: SaleBatchCommand,
  staff: ReadonlyMap<string, StaffMember>,
  bill: OfflineBill,
): Promise<Omit<AppliedBillResult, 'index'>> {
  const { companyId, storeId } = command;
  staffMember(staff, bill.openedBy, storeId);
  for (const item of bill.items) staffMember(staff, item.addedBy, storeId);
  const time = saleTime(bill.openedAt, command.receivedAt);
  if ('rejection' in time) throw new ApiError('UNPROCESSABLE', { detail: time.rejection.detail });
  const checked = await checkBillItems(db, companyId, storeId, bill.items, true);
  const author = (userId: string): BillAuthor => ({
    companyId,
    userId,
    sessionId: command.deviceSessionId,
    requestId: command.requestId,
    ipAddress: command.ipAddress,
  });

  return db.transaction(async (tx) => {
    const conflicts: BillConflict[] = [];
    let changed = false;
    let [row] = await tx
      .select()
      .from(bills)
      .where(inCompany(bills, companyId, eq(bills.id, bill.id)))
      .for('update');
    if (row && row.storeId !== storeId) {
      throw new ApiError('CONFLICT', { detail: { key: 'bills.idReused' } });
    }
    if (!row) {
      const place = await placeFor(tx, command, bill.tableId, bill.name);
      if (place.conflict) conflicts.push(place.conflict);
      [row] = await tx
        .insert(bills)
        .values({
          id: bill.id,
          companyId,
          storeId,
          tableId: place.tableId,
          name: place.name,
          guests: bill.guests ?? null,
          note: bill.note ?? null,
          openedBy: bill.openedBy,
          openedDeviceKey: deviceKeyOfSession(companyId, command.deviceSessionId),
          requestHash: `offline:${bill.id}`,
          createdAt: new Date(time.at),
        })
        .returning();
      changed = true;
    }
    if (!row) throw new Error('an offline bill could not be written');

    const known = new Set(
      (
        await tx
          .select({ id: billItems.id })
          .from(billItems)
          .where(
            and(
              inCompany(billItems, companyId),
              inArray(
                billItems.id,
                bill.items.map((item) => item.id),
              ),
            ),
          )
      ).map((item) => item.id),
    );
    const fresh = checked.filter(({ item }) => !known.has(item.id));

    if (row.status !== 'open') {
      // Closed meanwhile by another device. The device's settle pays for what it added (its
      // sale has the lines); anything else it added is unpaid and must not be lost.
      if (!bill.saleId && fresh.length > 0) {
        const kept = fresh.filter(({ item }) => !item.removed);
        if (kept.length > 0) {
          const place = await placeFor(
            tx,
            command,
            row.tableId ?? undefined,
            row.name ?? undefined,
          );
          const newBillId = uuidv7();
          await tx.insert(bills).values({
            id: newBillId,
            companyId,
            storeId,
            tableId: place.tableId,
            name: place.name,
            openedBy: bill.openedBy,
            openedDeviceKey: row.openedDeviceKey,
            requestHash: `offline-rest:${bill.id}`,
          });
          await insertBillItems(tx, author(bill.openedBy), newBillId, kept);
          conflicts.push(
            conflict(
              'items_left_open',
              'bills.conflictItemsLeftOpen',
              { count: kept.length },
              { billId: newBillId, itemIds: kept.map(({ item }) => item.id) },
            ),
          );
          changed = true;
        }
      }
      return {
        id: bill.id,
        status: changed ? 'accepted' : 'duplicate',
        billStatus: row.status,
        conflicts,
      };
    }

    // Items are added as the device has them; removals and rounds follow.
    const byAdder = new Map<string, typeof fresh>();
    for (const entry of fresh) {
      byAdder.set(entry.item.addedBy, [...(byAdder.get(entry.item.addedBy) ?? []), entry]);
    }
    for (const [adder, entries] of byAdder) {
      if ((await insertBillItems(tx, author(adder), bill.id, entries)) > 0) changed = true;
    }
    const current = await tx
      .select()
      .from(billItems)
      .where(inCompany(billItems, companyId, eq(billItems.billId, bill.id)));
    const serverItem = new Map(current.map((item) => [item.id, item]));

    let rounds = row.rounds;
    for (const item of bill.items) {
      const onServer = serverItem.get(item.id);
      if (onServer?.status !== 'active' || !item.round || onServer.round !== null) continue;
      await tx
        .update(billItems)
        .set({ round: item.round })
        .where(inCompany(billItems, companyId, eq(billItems.id, item.id), isNull(billItems.round)));
      onServer.round = item.round;
      rounds = Math.max(rounds, item.round);
      changed = true;
    }

    for (const item of bill.items) {
      const onServer = serverItem.get(item.id);
      if (!item.removed || !onServer || onServer.status !== 'active') continue;
      const remover = staffMember(staff, item.removed.by, storeId);
      const sent = onServer.round !== null;
      const allowed = sent
        ? authority(
            remover,
            item.removed.approvedBy ? staff.get(item.removed.approvedBy) : undefined,
            'sales.void',
            storeId,
          )
        : undefined;
      if (sent && !allowed) {
        conflicts.push(
          conflict(
            'removal_refused',
            'bills.conflictRemovalRefused',
            {
              product: onServer.variantName,
            },
            { itemIds: [item.id] },
          ),
        );
        continue;
      }
      await takeOffBill(
        tx,
        author(remover.userId),
        [item.id],
        item.removed.reason ?? null,
        new Date(time.at),
      );
      if (sent) {
        await recordAudit(tx, author(remover.userId), {
          action: 'bill.kitchen_void',
          entityType: 'bill',
          entityId: bill.id,
          after: {
            reason: item.removed.reason,
            items: [{ id: item.id, product: onServer.productName, quantity: onServer.quantity }],
            authorization: allowed,
            offline: true,
          },
        });
      }
      changed = true;
    }
    if (changed) await touchBill(tx, companyId, bill.id, { rounds });
    return {
      id: bill.id,
      status: changed ? 'accepted' : 'duplicate',
      billStatus: 'open',
      conflicts,
    };
  });
}

/**
 * Where an offline bill can sit: on its table if it is a live table of the store with no other
 * open bill, else without a table under its name (or the table's) — `table_taken`.
 */
async function placeFor(
  tx: Executor,
  command: SaleBatchCommand,
  tableId: string | undefined,
  name: string | undefined,
): Promise<{ tableId: string | null; name: string | null; conflict?: BillConflict }> {
  if (!tableId) return { tableId: null, name: name ?? null };
  const [table] = await tx
    .select({
      name: diningTables.name,
      usable: sql<boolean>`${diningTables.isActive} and ${diningTables.deletedAt} is null
        and ${diningTables.storeId} = ${command.storeId}`,
      // Spelled out: drizzle leaves columns unqualified in a one-table select, and inside the
      // subquery an unqualified company_id would be the bill's own.
      taken: sql<boolean>`exists (select 1 from bills b where b.company_id = dining_tables.company_id
        and b.table_id = dining_tables.id and b.status = 'open')`,
    })
    .from(diningTables)
    .where(inCompany(diningTables, command.companyId, eq(diningTables.id, tableId)));
  if (table?.usable && !table.taken) return { tableId, name: name ?? null };
  const fallback = name ?? table?.name ?? 'Bill';
  return {
    tableId: null,
    name: fallback,
    conflict: conflict('table_taken', 'bills.conflictTableTaken', { name: fallback }),
  };
}

/**
 * Settles the bills whose sale the device made, once that sale is recorded (in this upload or an
 * earlier one). Runs in the transaction of the upload's sales; only plain updates and inserts,
 * checked before they are made, so nothing here can fail the sales with it.
 */
export async function settleOfflineBills(
  tx: Executor,
  command: SaleBatchCommand,
  plans: BillPlan[],
  outcome: SaleBatchOutcome,
): Promise<BillResult[]> {
  const { companyId } = command;
  const inBatch = new Map(
    outcome.results.flatMap((result) => (result.id ? [[result.id, result]] : [])),
  );
  for (const plan of plans) {
    const { bill, result } = plan;
    if (!bill?.saleId || result.status === 'rejected') continue;
    const saleResult = inBatch.get(bill.saleId);
    const [sale] = await tx
      .select({ id: transactions.id, cashierId: transactions.cashierId, flags: transactions.flags })
      .from(transactions)
      .where(inCompany(transactions, companyId, eq(transactions.id, bill.saleId)));
    if (!sale || saleResult?.status === 'rejected') {
      result.conflicts.push(conflict('sale_not_recorded', 'bills.conflictSaleNotRecorded'));
      continue;
    }
    const [row] = await tx
      .select()
      .from(bills)
      .where(inCompany(bills, companyId, eq(bills.id, bill.id)))
      .for('update');
    if (!row || row.saleId === sale.id) continue;
    const [settledOther] = await tx
      .select({ id: bills.id })
      .from(bills)
      .where(inCompany(bills, companyId, eq(bills.saleId, sale.id)));
    if (row.status !== 'open' || settledOther) {
      result.conflicts.push(conflict('settled_elsewhere', 'bills.conflictSettledElsewhere'));
      await flagSale(tx, companyId, sale.id, outcome);
      result.billStatus = row.status;
      continue;
    }
    await settleWith(tx, command, row, bill, sale, result);
  }
  return plans.map((plan) => plan.result);
}

async function settleWith(
  tx: Executor,
  command: SaleBatchCommand,
  row: Bill,
  bill: OfflineBill,
  sale: { id: string; cashierId: string },
  result: AppliedBillResult,
): Promise<void> {
  const { companyId } = command;
  const paidFor = new Set(bill.items.filter((item) => !item.removed).map((item) => item.id));
  const active = await tx
    .select({ id: billItems.id })
    .from(billItems)
    .where(
      inCompany(billItems, companyId, eq(billItems.billId, row.id), eq(billItems.status, 'active')),
    );
  const leftOver = active.filter((item) => !paidFor.has(item.id)).map((item) => item.id);
  // Items the device's sale paid for that another device moved to another open bill meanwhile
  // (a split): paid, so they come off that bill rather than being charged again.
  const paidElsewhere = await tx
    .update(billItems)
    .set({
      status: 'removed',
      removedAt: new Date(),
      removedBy: sale.cashierId,
      removalReason: `paid:${sale.id}`,
    })
    .where(
      and(
        inCompany(billItems, companyId, eq(billItems.status, 'active')),
        inArray(billItems.id, [...paidFor]),
        sql`${billItems.billId} <> ${row.id}`,
        sql`exists (select 1 from ${bills} b where b.company_id = ${billItems.companyId}
          and b.id = ${billItems.billId} and b.status = 'open')`,
      ),
    )
    .returning({ id: billItems.id, billId: billItems.billId });
  for (const billId of new Set(paidElsewhere.map((item) => item.billId))) {
    await touchBill(tx, companyId, billId);
  }
  if (paidElsewhere.length > 0) {
    result.conflicts.push(
      conflict(
        'items_paid_offline',
        'bills.conflictItemsPaidOffline',
        { count: paidElsewhere.length },
        { itemIds: paidElsewhere.map((item) => item.id) },
      ),
    );
  }
  await touchBill(tx, companyId, row.id, {
    status: 'settled',
    saleId: sale.id,
    closedAt: new Date(),
    closedBy: sale.cashierId,
  });
  if (leftOver.length > 0) {
    // The table is free now that the bill is settled: what nobody paid for stays on it.
    const newBillId = uuidv7();
    await tx.insert(bills).values({
      id: newBillId,
      companyId,
      storeId: row.storeId,
      tableId: row.tableId,
      name: row.name ?? (row.tableId ? null : 'Bill'),
      openedBy: row.openedBy,
      openedDeviceKey: row.openedDeviceKey,
      rounds: row.rounds,
      requestHash: `offline-rest:${row.id}`,
    });
    await tx
      .update(billItems)
      .set({ billId: newBillId })
      .where(
        and(
          inCompany(billItems, companyId, eq(billItems.billId, row.id)),
          inArray(billItems.id, leftOver),
        ),
      );
    result.conflicts.push(
      conflict(
        'items_left_open',
        'bills.conflictItemsLeftOpen',
        { count: leftOver.length },
        { billId: newBillId, itemIds: leftOver },
      ),
    );
  }
  result.status = 'accepted';
  result.billStatus = 'settled';
}

/** Marks a device's sale that paid a bill already paid: a manager checks for a double payment. */
async function flagSale(
  tx: Executor,
  companyId: string,
  saleId: string,
  outcome: SaleBatchOutcome,
) {
  const flagged = await tx
    .update(transactions)
    .set({ flags: sql`array_append(${transactions.flags}, 'bill_settled_twice')` })
    .where(
      inCompany(
        transactions,
        companyId,
        eq(transactions.id, saleId),
        sql`not ('bill_settled_twice' = any(${transactions.flags}))`,
      ),
    )
    .returning({ id: transactions.id });
  if (flagged.length === 0) return;
  outcome.flagged += 1;
  for (const result of outcome.results) {
    if (result.id === saleId && result.status !== 'rejected') {
      result.flags = [...result.flags, 'bill_settled_twice'];
    }
  }
}
