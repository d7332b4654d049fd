import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client';
import { type BillItemModifier, billItems } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { ApiError } from '../../lib/errors';
import { resolveLineModifiers } from '../sales/line-modifiers';
import { loadMenu } from '../sales/sale-lookups';
import type { BillAuthor } from './bill-records';

/** Items a device adds to a bill: its own ids, so a retried add is not added twice. */
export interface NewBillItem {
  id: string;
  variantId: string;
  quantity: number;
  modifiers?: Array<{ optionId: string }>;
  note?: string;
}

/** An item checked against the store's menu, with the names it is printed and sold under. */
export interface CheckedBillItem<Item extends NewBillItem = NewBillItem> {
  item: Item;
  productName: string;
  variantName: string;
  station: string | null;
  modifiers: BillItemModifier[];
}

/**
 * Checks new items as a sale would (sales/line-modifiers.ts): a live, active variant of the
 * company, its options from groups attached to the product, active, within each group's min and
 * max. Anything else is refused (404/422) before the bill is touched. One statement. Items a
 * device took offline break only the option rules it could not know (an option deactivated
 * since): those are kept, as the sale that pays them is flagged.
 */
export async function checkBillItems<Item extends NewBillItem>(
  db: Executor,
  companyId: string,
  storeId: string,
  items: readonly Item[],
  offline = false,
): Promise<Array<CheckedBillItem<Item>>> {
  const menu = await loadMenu(db, companyId, storeId, [...new Set(items.map((i) => i.variantId))]);
  return items.map((item) => {
    const variant = menu.get(item.variantId);
    if (!variant?.isActive) {
      throw new ApiError('NOT_FOUND', {
        detail: { key: 'sales.variantNotFound', params: { variantId: item.variantId } },
      });
    }
    const { modifiers } = resolveLineModifiers(
      variant.productName,
      variant.modifierGroups,
      item.modifiers ?? [],
      offline,
    );
    return {
      item,
      productName: variant.productName,
      variantName: variant.name,
      station: variant.kitchenStation,
      modifiers: modifiers.map(({ optionId, groupName, name }) => ({ optionId, groupName, name })),
    };
  });
}

/**
 * Inserts checked items into a bill the caller has locked. An id already on this bill is a retry
 * and is skipped; an id used elsewhere (another bill, another company) is 409 and the caller's
 * transaction rolls back. Returns how many rows were new.
 */
export async function insertBillItems(
  tx: Tx,
  author: BillAuthor,
  billId: string,
  items: readonly CheckedBillItem[],
): Promise<number> {
  if (items.length === 0) return 0;
  // A millisecond apart, so a bill lists one add's items in the order the device sent them.
  const now = Date.now();
  const inserted = await tx
    .insert(billItems)
    .values(
      items.map(({ item, productName, variantName, station, modifiers }, index) => ({
        createdAt: new Date(now + index),
        id: item.id,
        companyId: author.companyId,
        billId,
        variantId: item.variantId,
        productName,
        variantName,
        station,
        quantity: item.quantity,
        modifiers,
        note: item.note ?? null,
        addedBy: author.userId,
      })),
    )
    .onConflictDoNothing({ target: billItems.id })
    .returning({ id: billItems.id });
  if (inserted.length < items.length) {
    const ids = items.map(({ item }) => item.id);
    const onThisBill = await tx
      .select({ id: billItems.id })
      .from(billItems)
      .where(
        inCompany(
          billItems,
          author.companyId,
          eq(billItems.billId, billId),
          inArray(billItems.id, ids),
        ),
      );
    if (onThisBill.length < ids.length) {
      throw new ApiError('CONFLICT', { detail: { key: 'bills.itemIdReused' } });
    }
  }
  return inserted.length;
}

/** Items of a bill among `ids`, locked with the bill; 422 for an id that is not on it. */
export async function billItemsAmong(
  tx: Tx,
  companyId: string,
  billId: string,
  ids: readonly string[],
) {
  const rows = await tx
    .select()
    .from(billItems)
    .where(
      and(
        inCompany(billItems, companyId, eq(billItems.billId, billId)),
        inArray(billItems.id, [...ids]),
      ),
    );
  const missing = ids.find((id) => !rows.some((row) => row.id === id));
  if (missing) {
    throw new ApiError('UNPROCESSABLE', {
      detail: { key: 'bills.itemNotOnBill', params: { itemId: missing } },
    });
  }
  return rows;
}

/** The active items of a bill, in the order they were added. */
export async function activeBillItems(tx: Executor, companyId: string, billId: string) {
  return tx
    .select()
    .from(billItems)
    .where(
      inCompany(billItems, companyId, eq(billItems.billId, billId), eq(billItems.status, 'active')),
    )
    .orderBy(billItems.createdAt, billItems.id);
}

/** Marks items taken off a bill: `removed` if never sent, `voided` (a kitchen void) if sent. */
export async function takeOffBill(
  tx: Tx,
  author: BillAuthor,
  itemIds: readonly string[],
  reason: string | null,
  at: Date,
): Promise<void> {
  if (itemIds.length === 0) return;
  await tx
    .update(billItems)
    .set({
      status: sql`case when ${billItems.round} is null then 'removed' else 'voided' end`,
      removedAt: at,
      removedBy: author.userId,
      removalReason: reason,
    })
    .where(
      and(
        inCompany(billItems, author.companyId, inArray(billItems.id, [...itemIds])),
        eq(billItems.status, 'active'),
      ),
    );
}
