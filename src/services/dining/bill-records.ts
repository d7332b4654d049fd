import { eq, type SQL, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client';
import { isoTimestamp } from '../../db/iso-timestamp';
import {
  type Bill,
  type BillItemModifier,
  type BillItemStatus,
  type BillStatus,
  bills,
  type KitchenTicketKind,
} from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { ApiError } from '../../lib/errors';
import { assertCurrentVersion } from '../../lib/versioning';

/**
 * What every bill operation shares: who does it, the bill as devices see it (one statement with
 * its items and tickets), and the refusals. A bill belongs to a store; every query is scoped by
 * the company, and the routes check the store rule on the bill's store first.
 */

/** Who changes a bill, from which device session (also the author of its audit rows). */
export interface BillAuthor {
  companyId: string;
  userId: string;
  sessionId: string | null;
  requestId: string | null;
  ipAddress: string | null;
}

export const billNotFound = () => new ApiError('NOT_FOUND', { detail: { key: 'bills.notFound' } });

/** 409 for a bill that is settled, cancelled or merged: it accepts no changes. */
export const billClosed = (bill: { status: BillStatus }, current?: BillView) =>
  new ApiError('CONFLICT', {
    detail: { key: 'bills.closed', params: { status: bill.status } },
    extensions: current ? { current } : {},
  });

export interface BillItemView {
  id: string;
  variantId: string;
  product: string;
  variant: string;
  station: string | null;
  quantity: number;
  modifiers: BillItemModifier[];
  note: string | null;
  addedBy: { id: string; name: string };
  addedAt: string;
  /** The kitchen round it was sent in; null while not sent. */
  round: number | null;
  status: BillItemStatus;
  removedAt: string | null;
  removalReason: string | null;
}

export interface KitchenTicketSummary {
  id: string;
  kind: KitchenTicketKind;
  round: number | null;
  station: string | null;
  createdAt: string;
  items: number;
}

export interface BillView {
  id: string;
  storeId: string;
  table: { id: string; name: string } | null;
  name: string | null;
  guests: number | null;
  note: string | null;
  status: BillStatus;
  rounds: number;
  openedBy: { id: string; name: string };
  openedAt: string;
  sale: { id: string; number: string; total: number } | null;
  mergedInto: string | null;
  closedAt: string | null;
  cancelReason: string | null;
  items: BillItemView[];
  tickets: KitchenTicketSummary[];
  version: number;
  updatedAt: string;
}

/** The bill view of `b` (a bills row) as one json value: items in order, tickets in order. */
const billViewJson = sql<BillView>`jsonb_build_object(
  'id', b.id, 'storeId', b.store_id,
  'table', (select jsonb_build_object('id', dt.id, 'name', dt.name) from dining_tables dt
    where dt.company_id = b.company_id and dt.id = b.table_id),
  'name', b.name, 'guests', b.guests, 'note', b.note, 'status', b.status, 'rounds', b.rounds,
  'openedBy', jsonb_build_object('id', b.opened_by, 'name',
    (select u.name from users u where u.company_id = b.company_id and u.id = b.opened_by)),
  'openedAt', ${isoTimestamp(sql`b.created_at`)},
  'sale', (select jsonb_build_object('id', s.id, 'number', s.number, 'total', s.total)
    from transactions s where s.company_id = b.company_id and s.id = b.sale_id),
  'mergedInto', b.merged_into, 'closedAt', ${isoTimestamp(sql`b.closed_at`)},
  'cancelReason', b.cancel_reason,
  'items', coalesce((select jsonb_agg(jsonb_build_object('id', i.id, 'variantId', i.variant_id,
      'product', i.product_name, 'variant', i.variant_name, 'station', i.station,
      'quantity', i.quantity, 'modifiers', i.modifiers, 'note', i.note,
      'addedBy', jsonb_build_object('id', i.added_by, 'name',
        (select u.name from users u where u.company_id = i.company_id and u.id = i.added_by)),
      'addedAt', ${isoTimestamp(sql`i.created_at`)}, 'round', i.round, 'status', i.status,
      'removedAt', ${isoTimestamp(sql`i.removed_at`)}, 'removalReason', i.removal_reason)
      order by i.created_at, i.id)
    from bill_items i where i.company_id = b.company_id and i.bill_id = b.id), '[]'::jsonb),
  'tickets', coalesce((select jsonb_agg(jsonb_build_object('id', k.id, 'kind', k.kind,
      'round', k.round, 'station', k.station, 'createdAt', ${isoTimestamp(sql`k.created_at`)},
      'items', jsonb_array_length(k.lines))
      order by k.created_at, k.station nulls first, k.id)
    from kitchen_tickets k where k.company_id = b.company_id and k.bill_id = b.id), '[]'::jsonb),
  'version', b.version, 'updatedAt', ${isoTimestamp(sql`b.updated_at`)})`;

/** Bills of the company as views, in one statement. */
export async function loadBillViews(
  db: Executor,
  companyId: string,
  where: SQL,
  order: SQL = sql`b.created_at, b.id`,
  limit?: number,
): Promise<BillView[]> {
  const result = await db.execute<{ view: BillView }>(sql`
    select ${billViewJson} as view from bills b
    where b.company_id = ${companyId} and ${where}
    order by ${order} ${limit === undefined ? sql`` : sql`limit ${limit}`}`);
  return result.rows.map((row) => row.view);
}

export async function loadBillView(
  db: Executor,
  companyId: string,
  billId: string,
): Promise<BillView | undefined> {
  const [view] = await loadBillViews(db, companyId, sql`b.id = ${billId}`);
  return view;
}

/** The store a bill belongs to, for the store rule before anything else is read. */
export async function findBillStore(
  db: Executor,
  companyId: string,
  billId: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ storeId: bills.storeId })
    .from(bills)
    .where(inCompany(bills, companyId, eq(bills.id, billId)));
  return row?.storeId;
}

/**
 * The bill row, locked for the rest of the transaction, open and (when `expected` is given) at
 * that version: otherwise 409 with the current bill, so the device shows what changed.
 */
export async function lockOpenBill(
  tx: Tx,
  companyId: string,
  billId: string,
  expected?: number,
): Promise<Bill> {
  const [bill] = await tx
    .select()
    .from(bills)
    .where(inCompany(bills, companyId, eq(bills.id, billId)))
    .for('update');
  if (!bill) throw billNotFound();
  if (bill.status !== 'open') throw billClosed(bill, await loadBillView(tx, companyId, billId));
  if (expected !== undefined && bill.version !== expected) {
    const current = await loadBillView(tx, companyId, billId);
    assertCurrentVersion(bill, expected, () => current);
  }
  return bill;
}

/** The change of a bill row's version (and its delta position, through the trigger). */
export async function touchBill(tx: Executor, companyId: string, billId: string, changes = {}) {
  await tx
    .update(bills)
    .set({ ...changes, version: sql`${bills.version} + 1` })
    .where(inCompany(bills, companyId, eq(bills.id, billId)));
}
