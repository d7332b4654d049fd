import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/client';
import {
  type Bill,
  type BillItem,
  billItems,
  type KitchenTicketKind,
  type KitchenTicketLine,
  kitchenTickets,
} from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { ApiError } from '../../lib/errors';
import type { KitchenTicketData } from '../receipts/kitchen-ticket';
import { activeBillItems } from './bill-items';
import {
  type BillAuthor,
  type BillView,
  billNotFound,
  loadBillView,
  lockOpenBill,
  touchBill,
} from './bill-records';

/**
 * The kitchen's side of a bill: sending a round prints, per station, a ticket of the items not
 * sent before; taking back sent items prints a BATAL ticket. Tickets are rows written with the
 * round, so the kitchen can reprint them and the bill lists them.
 */

export interface SendRoundOutcome {
  status: 'created' | 'unchanged';
  bill: BillView;
  /** The tickets of this send, one per station. */
  ticketIds: string[];
}

export const ticketNotFound = () =>
  new ApiError('NOT_FOUND', { detail: { key: 'bills.ticketNotFound' } });

function lineOf(item: BillItem): KitchenTicketLine {
  // A variant's name may already carry its product's ("Es Kopi Susu (Reguler)", made by the
  // catalog) or be the option alone ("Reguler"): the ticket names the product once.
  const named = item.variantName.startsWith(item.productName);
  return {
    itemId: item.id,
    quantity: item.quantity,
    product: named ? item.variantName : item.productName,
    variant: named ? null : item.variantName,
    modifiers: item.modifiers.map((modifier) => modifier.name),
    note: item.note,
  };
}

/** Items grouped by station, in the order stations first appear. */
function byStation(items: readonly BillItem[]): Map<string | null, BillItem[]> {
  const groups = new Map<string | null, BillItem[]>();
  for (const item of items) {
    const group = groups.get(item.station);
    if (group) group.push(item);
    else groups.set(item.station, [item]);
  }
  return groups;
}

async function insertTickets(
  tx: Tx,
  author: BillAuthor,
  bill: Bill,
  kind: KitchenTicketKind,
  round: number | null,
  items: readonly BillItem[],
  requestId: string,
  reason: string | null,
): Promise<string[]> {
  const rows = await tx
    .insert(kitchenTickets)
    .values(
      [...byStation(items)].map(([station, stationItems]) => ({
        companyId: author.companyId,
        storeId: bill.storeId,
        billId: bill.id,
        requestId,
        kind,
        round,
        station,
        lines: stationItems.map(lineOf),
        reason,
        createdBy: author.userId,
      })),
    )
    .returning({ id: kitchenTickets.id });
  return rows.map((row) => row.id);
}

/** BATAL tickets for sent items taken back (bills.ts: removeBillItems, bill-changes.ts: cancel). */
export function insertVoidTickets(
  tx: Tx,
  author: BillAuthor,
  bill: Bill,
  items: readonly BillItem[],
  requestId: string,
  reason: string | null,
): Promise<string[]> {
  if (items.length === 0) return Promise.resolve([]);
  return insertTickets(tx, author, bill, 'void', null, items, requestId, reason);
}

/**
 * Sends the bill's new items to the kitchen as the next round: the active items not sent yet get
 * the round's number and each station gets a ticket of its items. `requestId` is the device's id
 * for the send: sent again, it answers the tickets it made the first time. Nothing new to send
 * is 422.
 */
export async function sendRound(
  db: Db,
  author: BillAuthor,
  billId: string,
  requestId: string,
): Promise<SendRoundOutcome> {
  return db.transaction(async (tx) => {
    const bill = await lockOpenBillOrSent(tx, author.companyId, billId, requestId);
    if ('ticketIds' in bill) return bill;
    const unsent = (await activeBillItems(tx, author.companyId, billId)).filter(
      (item) => item.round === null,
    );
    if (unsent.length === 0) {
      throw new ApiError('UNPROCESSABLE', { detail: { key: 'bills.nothingToSend' } });
    }
    const round = bill.rounds + 1;
    await tx
      .update(billItems)
      .set({ round })
      .where(
        and(
          inCompany(billItems, author.companyId, eq(billItems.billId, billId)),
          inArray(
            billItems.id,
            unsent.map((item) => item.id),
          ),
          isNull(billItems.round),
        ),
      );
    const ticketIds = await insertTickets(
      tx,
      author,
      bill,
      'order',
      round,
      unsent.map((item) => ({ ...item, round })),
      requestId,
      null,
    );
    await touchBill(tx, author.companyId, billId, { rounds: round });
    const view = await loadBillView(tx, author.companyId, billId);
    if (!view) throw billNotFound();
    return { status: 'created' as const, bill: view, ticketIds };
  });
}

/**
 * The bill locked and open, or, when this send was already made (its tickets exist), what it
 * answered: checked after the lock, so a send retried while the first is still running waits
 * for it and then finds its tickets.
 */
async function lockOpenBillOrSent(
  tx: Tx,
  companyId: string,
  billId: string,
  requestId: string,
): Promise<Bill | SendRoundOutcome> {
  const sentBefore = async () => {
    const tickets = await tx
      .select({ id: kitchenTickets.id })
      .from(kitchenTickets)
      .where(
        inCompany(
          kitchenTickets,
          companyId,
          eq(kitchenTickets.billId, billId),
          eq(kitchenTickets.requestId, requestId),
        ),
      );
    if (tickets.length === 0) return undefined;
    const view = await loadBillView(tx, companyId, billId);
    if (!view) throw billNotFound();
    return { status: 'unchanged' as const, bill: view, ticketIds: tickets.map((t) => t.id) };
  };
  try {
    const bill = await lockOpenBill(tx, companyId, billId);
    return (await sentBefore()) ?? bill;
  } catch (error) {
    // A send retried after the bill was settled still answers what it sent.
    if (error instanceof ApiError && error.code === 'CONFLICT') {
      const answered = await sentBefore();
      if (answered) return answered;
    }
    throw error;
  }
}

/** A kitchen ticket with what it prints: store, table or name, who ordered, its lines. */
export async function loadKitchenTicket(
  db: Executor,
  companyId: string,
  ticketId: string,
): Promise<(KitchenTicketData & { storeId: string }) | undefined> {
  const result = await db.execute<{ ticket: KitchenTicketData & { storeId: string } }>(sql`
    select jsonb_build_object(
      'storeId', k.store_id,
      'kind', k.kind,
      'store', jsonb_build_object('code', s.code, 'name', s.name, 'timezone', s.timezone),
      'ticket', jsonb_build_object('id', k.id, 'round', k.round, 'station', k.station,
        'createdAt', to_char(k.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
      'bill', jsonb_build_object('id', b.id, 'reference', upper(right(b.id::text, 6)),
        'tableName', dt.name, 'name', b.name, 'guests', b.guests),
      'orderedBy', jsonb_build_object('name', coalesce(u.name, '')),
      'reason', k.reason,
      'items', k.lines
    ) as ticket
    from kitchen_tickets k
    join bills b on b.company_id = k.company_id and b.id = k.bill_id
    join stores s on s.company_id = k.company_id and s.id = k.store_id
    left join dining_tables dt on dt.company_id = b.company_id and dt.id = b.table_id
    left join users u on u.company_id = k.company_id and u.id = k.created_by
    where k.company_id = ${companyId} and k.id = ${ticketId}`);
  return result.rows[0]?.ticket;
}

/** The store of a kitchen ticket, for the store rule. */
export async function findTicketStore(
  db: Executor,
  companyId: string,
  ticketId: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ storeId: kitchenTickets.storeId })
    .from(kitchenTickets)
    .where(inCompany(kitchenTickets, companyId, eq(kitchenTickets.id, ticketId)));
  return row?.storeId;
}
