import { eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import type { Authorization } from '../../auth/approval';
import type { Db } from '../../db/client';
import {
  type PaymentMethod,
  payments,
  productVariants,
  transactionItems,
  transactions,
} from '../../db/schema';
import { inCompany, sameCompanyRow } from '../../db/tenancy';
import { ApiError } from '../../lib/errors';
import { allocateProportionally, sumRupiah } from '../../lib/money';
import { recordAudit } from '../audit';
import { markDays, type StoreDay } from '../reports/rollups';
import { tillDrawer } from '../shifts/till-drawer';
import { applyStockMovements, type LowStockCrossing } from '../stock';
import { businessDateNow } from './business-date-now';
import { lockSale, stockTakenBy } from './void-sale';

export interface RefundInput {
  reason: string;
  items: Array<{ lineNumber: number; quantity: number }>;
  /** How the money went back; must add up to the refund amount. Defaults to one cash payment. */
  payments?: Array<{ method: PaymentMethod; amount: number; externalReference?: string }>;
}

/**
 * The money a refund returns: each line's share of what the customer paid (the sale total without
 * rounding, split by line totals), times the fraction of the line coming back. When the refund
 * empties the sale, it returns exactly what is left of the total, rounding included, so a sale
 * refunded in parts returns its total to the rupiah.
 */
function refundAmounts(
  sale: { total: number; rounding: number },
  lines: Array<{ lineTotal: number; quantity: number; refunded: number; returning: number }>,
  alreadyRefunded: number,
): { perLine: number[]; amount: number } {
  const shares = allocateProportionally(
    Math.max(0, sale.total - sale.rounding),
    lines.map((line) => line.lineTotal),
  );
  const perLine = lines.map((line, index) =>
    line.returning === 0 ? 0 : Math.floor(((shares[index] ?? 0) * line.returning) / line.quantity),
  );
  const emptied = lines.every((line) => line.refunded + line.returning === line.quantity);
  return { perLine, amount: emptied ? sale.total - alreadyRefunded : sumRupiah(perLine) };
}

/**
 * Refunds some or all items of a sale, as a refund transaction linked to it: quantities can
 * never exceed what was sold (checked under the sale's row lock, and by a CHECK constraint),
 * tracked stock comes back, and the sale becomes partially_refunded or refunded.
 */
export async function refundSale(
  db: Db,
  actor: Actor,
  saleId: string,
  input: RefundInput,
  authorization: Authorization,
): Promise<{ refundId: string; amount: number; lowStock: LowStockCrossing[]; day: StoreDay }> {
  return db.transaction(async (tx) => {
    const sale = await lockSale(tx, actor.companyId, saleId);
    if (sale.status !== 'completed' && sale.status !== 'partially_refunded') {
      throw new ApiError('UNPROCESSABLE', {
        detail: { key: 'sales.notRefundable', params: { status: sale.status } },
      });
    }
    const items = await tx
      .select({ item: transactionItems, tracksStock: productVariants.tracksStock })
      .from(transactionItems)
      .innerJoin(
        productVariants,
        sameCompanyRow(productVariants, transactionItems.companyId, transactionItems.variantId),
      )
      .where(
        inCompany(transactionItems, actor.companyId, eq(transactionItems.transactionId, sale.id)),
      )
      .orderBy(transactionItems.lineNumber);
    const returning = new Map<number, number>();
    for (const requested of input.items) {
      const line = items.find(({ item }) => item.lineNumber === requested.lineNumber);
      if (!line) {
        throw new ApiError('UNPROCESSABLE', {
          detail: { key: 'sales.refundLineUnknown', params: { lineNumber: requested.lineNumber } },
        });
      }
      const total = (returning.get(requested.lineNumber) ?? 0) + requested.quantity;
      if (line.item.refundedQuantity + total > line.item.quantity) {
        throw new ApiError('UNPROCESSABLE', {
          detail: { key: 'sales.refundExceedsSold', params: { lineNumber: requested.lineNumber } },
        });
      }
      returning.set(requested.lineNumber, total);
    }

    // Earlier refunds of this sale: what they returned, and how many there were (for the number).
    const [previous] = await tx
      .select({
        refunded: sql<number>`coalesce(sum(${transactions.total}), 0)::bigint`,
        count: sql<number>`count(*)::int`,
      })
      .from(transactions)
      .where(inCompany(transactions, actor.companyId, eq(transactions.refundOfId, sale.id)));
    const lines = items.map(({ item }) => ({
      lineTotal: item.lineTotal,
      quantity: item.quantity,
      refunded: item.refundedQuantity,
      returning: returning.get(item.lineNumber) ?? 0,
    }));
    const { perLine, amount } = refundAmounts(sale, lines, Number(previous?.refunded ?? 0));
    const tenders = input.payments ?? [{ method: 'cash' as const, amount }];
    const paid = sumRupiah(tenders.map((tender) => tender.amount));
    if (paid !== amount) {
      throw new ApiError('UNPROCESSABLE', {
        detail: { key: 'sales.refundPaymentMismatch', params: { paid, amount } },
        extensions: { amount },
      });
    }

    const shiftId = await tillDrawer(
      tx,
      actor.companyId,
      { storeId: sale.storeId, sessionId: actor.sessionId, saleShiftId: sale.shiftId },
      'refund',
    );
    const refundNumberIndex = Number(previous?.count ?? 0) + 1;
    const refundId = crypto.randomUUID();
    const returned = items
      .map(({ item, tracksStock }, index) => ({
        item,
        tracksStock,
        quantity: returning.get(item.lineNumber) ?? 0,
        amount: perLine[index] ?? 0,
      }))
      .filter((line) => line.quantity > 0);
    const fullyRefunded = lines.every((line) => line.refunded + line.returning === line.quantity);

    const [refund] = await tx
      .insert(transactions)
      .values({
        id: refundId,
        companyId: actor.companyId,
        storeId: sale.storeId,
        kind: 'refund',
        number: `${sale.number}-R${refundNumberIndex}`,
        // The day the money went back, not the sale's (reports count the refund there).
        businessDate: businessDateNow(actor.companyId, sale.storeId),
        cashierId: actor.userId,
        deviceSessionId: actor.sessionId,
        refundOfId: sale.id,
        shiftId,
        requestHash: refundId,
        taxRegime: sale.taxRegime,
        taxRateBasisPoints: sale.taxRateBasisPoints,
        serviceChargeBasisPoints: sale.serviceChargeBasisPoints,
        pricesIncludeTax: sale.pricesIncludeTax,
        subtotal: amount,
        total: amount,
        paidTotal: amount,
        note: input.reason,
        approvals: [{ ...authorization }],
      })
      .returning({ businessDate: transactions.businessDate });
    const day = { storeId: sale.storeId, businessDate: refund?.businessDate ?? sale.businessDate };
    await markDays(tx, actor.companyId, [day]);
    await tx.insert(transactionItems).values(
      returned.map((line, index) => ({
        companyId: actor.companyId,
        transactionId: refundId,
        lineNumber: index + 1,
        variantId: line.item.variantId,
        productName: line.item.productName,
        variantName: line.item.variantName,
        sku: line.item.sku,
        quantity: line.quantity,
        unitPrice: line.item.unitPrice,
        lineTotal: line.amount,
        isTaxable: line.item.isTaxable,
        modifiers: line.item.modifiers,
        modifierUnitTotal: line.item.modifierUnitTotal,
      })),
    );
    await tx.insert(payments).values(
      tenders.map((tender) => ({
        companyId: actor.companyId,
        transactionId: refundId,
        method: tender.method,
        amount: tender.amount,
        externalReference: tender.externalReference ?? null,
        status: 'refunded' as const,
      })),
    );
    // One statement for every returned line, whatever their number.
    const returnedByItem = sql.join(
      returned.map((line) => sql`when ${line.item.id}::uuid then ${line.quantity}::int`),
      sql` `,
    );
    await tx
      .update(transactionItems)
      .set({
        refundedQuantity: sql`${transactionItems.refundedQuantity} + (case ${transactionItems.id} ${returnedByItem} end)`,
      })
      .where(
        inCompany(
          transactionItems,
          actor.companyId,
          inArray(
            transactionItems.id,
            returned.map((line) => line.item.id),
          ),
        ),
      );
    await tx
      .update(transactions)
      .set({ status: fullyRefunded ? 'refunded' : 'partially_refunded' })
      .where(inCompany(transactions, actor.companyId, eq(transactions.id, sale.id)));
    const stock = await applyStockMovements(
      tx,
      actor.companyId,
      returned.flatMap((line) =>
        stockTakenBy({ ...line.item, tracksStock: line.tracksStock }).map((variantId) => ({
          storeId: sale.storeId,
          variantId,
          kind: 'refund' as const,
          quantityDelta: line.quantity,
          reason: input.reason,
          referenceType: 'transaction',
          referenceId: refundId,
          actorUserId: actor.userId,
        })),
      ),
    );
    await recordAudit(tx, actor, {
      action: 'transaction.refund',
      entityType: 'transaction',
      entityId: sale.id,
      before: { status: sale.status },
      after: {
        status: fullyRefunded ? 'refunded' : 'partially_refunded',
        refundId,
        amount,
        items: returned.map((line) => ({
          lineNumber: line.item.lineNumber,
          quantity: line.quantity,
        })),
        reason: input.reason,
        authorization,
      },
    });
    return { refundId, amount, lowStock: stock.lowStock, day };
  });
}
