import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import type { Authorization } from '../../auth/approval';
import type { Db, Tx } from '../../db/client';
import {
  productVariants,
  type SaleLineModifier,
  transactionItems,
  transactions,
} from '../../db/schema';
import { inCompany, sameCompanyRow } from '../../db/tenancy';
import { ApiError } from '../../lib/errors';
import { recordAudit } from '../audit';
import { markDays, type StoreDay } from '../reports/rollups';
import { tillDrawer } from '../shifts/till-drawer';
import { applyStockMovements, type LowStockCrossing } from '../stock';
import { businessDateNow } from './business-date-now';

const saleNotFound = () => new ApiError('NOT_FOUND', { detail: { key: 'sales.notFound' } });

/** The variants whose stock a sale line took per unit: its own (if tracked), then its options'. */
export function stockTakenBy(line: {
  variantId: string;
  tracksStock: boolean;
  modifiers: SaleLineModifier[];
}): string[] {
  return [
    ...(line.tracksStock ? [line.variantId] : []),
    ...line.modifiers.flatMap((option) => (option.stockVariantId ? [option.stockVariantId] : [])),
  ];
}

/** The sale row, locked for the rest of the transaction so two voids or refunds cannot race. */
export async function lockSale(tx: Tx, companyId: string, id: string) {
  const [sale] = await tx
    .select()
    .from(transactions)
    .where(
      inCompany(transactions, companyId, eq(transactions.id, id), eq(transactions.kind, 'sale')),
    )
    .for('update');
  if (!sale) throw saleNotFound();
  return sale;
}

/**
 * Voids a whole sale: the status becomes voided (the number stays taken), the stock of tracked
 * items comes back, the money is paid back from the voiding till's shift (till-drawer.ts), and
 * the audit row records who allowed it. A sale that was voided or refunded (even partly) cannot
 * be voided.
 */
export async function voidSale(
  db: Db,
  actor: Actor,
  saleId: string,
  reason: string,
  authorization: Authorization,
): Promise<{ lowStock: LowStockCrossing[]; day: StoreDay }> {
  return db.transaction(async (tx) => {
    const sale = await lockSale(tx, actor.companyId, saleId);
    if (sale.status !== 'completed') {
      throw new ApiError('UNPROCESSABLE', {
        detail: { key: 'sales.notVoidable', params: { status: sale.status } },
      });
    }
    const items = await tx
      .select({
        variantId: transactionItems.variantId,
        quantity: transactionItems.quantity,
        tracksStock: productVariants.tracksStock,
        modifiers: transactionItems.modifiers,
      })
      .from(transactionItems)
      .innerJoin(
        productVariants,
        sameCompanyRow(productVariants, transactionItems.companyId, transactionItems.variantId),
      )
      .where(
        inCompany(transactionItems, actor.companyId, eq(transactionItems.transactionId, sale.id)),
      );
    const voidShiftId = await tillDrawer(
      tx,
      actor.companyId,
      { storeId: sale.storeId, sessionId: actor.sessionId, saleShiftId: sale.shiftId },
      'void',
    );
    const [voided] = await tx
      .update(transactions)
      .set({
        status: 'voided',
        voidedAt: sql`now()`,
        voidBusinessDate: businessDateNow(actor.companyId, sale.storeId),
        voidedBy: actor.userId,
        voidReason: reason,
        voidApprovedBy: authorization.approvedBy ?? null,
        voidShiftId,
      })
      .where(inCompany(transactions, actor.companyId, eq(transactions.id, sale.id)))
      .returning({ voidBusinessDate: transactions.voidBusinessDate });
    // The money went back today: today's figures change, not the sale's day's.
    const day = {
      storeId: sale.storeId,
      businessDate: voided?.voidBusinessDate ?? sale.businessDate,
    };
    await markDays(tx, actor.companyId, [day]);
    const stock = await applyStockMovements(
      tx,
      actor.companyId,
      items.flatMap((item) =>
        stockTakenBy(item).map((variantId) => ({
          storeId: sale.storeId,
          variantId,
          kind: 'void' as const,
          quantityDelta: item.quantity,
          reason,
          referenceType: 'transaction',
          referenceId: sale.id,
          actorUserId: actor.userId,
        })),
      ),
    );
    await recordAudit(tx, actor, {
      action: 'transaction.void',
      entityType: 'transaction',
      entityId: sale.id,
      before: { status: sale.status },
      after: { status: 'voided', reason, number: sale.number, authorization, voidShiftId },
    });
    return { lowStock: stock.lowStock, day };
  });
}
