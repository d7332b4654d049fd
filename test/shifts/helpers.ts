import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { shiftCashMovements, shifts, transactions } from '../../src/db/schema';
import type { shiftReportSchema, shiftSchema } from '../../src/routes/v1/shifts/schemas';
import { type SaleShop, sell } from '../sales/helpers';
import { withDatabase } from '../support/factories';
import { type Member, send } from '../users/helpers';

export type ShiftBody = z.infer<typeof shiftSchema>;
export type ShiftReportBody = z.infer<typeof shiftReportSchema>;

export const shiftPath = (id: string, action = '') => `/api/v1/shifts/${id}${action}`;

export function openShiftAs(
  till: Member,
  storeId: string,
  openingCash: number,
  id: string = crypto.randomUUID(),
) {
  return send(till.session, 'POST', '/api/v1/shifts', { id, storeId, openingCash });
}

/** Opens a shift on the member's till and returns it (fails the test on anything but 201). */
export async function openedShift(till: Member, storeId: string, openingCash: number) {
  const response = await openShiftAs(till, storeId, openingCash);
  if (response.status !== 201) {
    throw new Error(`open failed: ${response.status} ${await response.text()}`);
  }
  return response.json<ShiftBody>();
}

export function moveCash(
  till: Member,
  shiftId: string,
  kind: 'pay_in' | 'pay_out',
  amount: number,
  extra: Record<string, unknown> = {},
) {
  return send(till.session, 'POST', shiftPath(shiftId, '/cash-movements'), {
    id: crypto.randomUUID(),
    kind,
    amount,
    reason: kind === 'pay_in' ? 'Uang kembalian dari bank' : 'Beli es batu',
    ...extra,
  });
}

export function closeShiftAs(till: Member, shiftId: string, body: Record<string, unknown>) {
  return send(till.session, 'POST', shiftPath(shiftId, '/close'), body);
}

export async function reportOf(reader: Member, shiftId: string): Promise<ShiftReportBody> {
  const response = await send(reader.session, 'GET', shiftPath(shiftId));
  if (response.status !== 200) {
    throw new Error(`report failed: ${response.status} ${await response.text()}`);
  }
  return response.json<ShiftReportBody>();
}

/** A cash sale of `quantity` coffees; returns its id and total. */
export async function cashSale(shop: SaleShop, seller: Member, quantity = 1, tendered = 500_000) {
  const response = await sell(seller, {
    storeId: shop.store.id,
    items: [{ variantId: shop.coffee.id, quantity }],
    payments: [{ method: 'cash', tendered }],
  });
  if (response.status !== 201) {
    throw new Error(`sale failed: ${response.status} ${await response.text()}`);
  }
  return response.json<{ id: string; total: number; changeAmount: number }>();
}

export async function qrisSale(shop: SaleShop, seller: Member) {
  const response = await sell(seller, {
    storeId: shop.store.id,
    items: [{ variantId: shop.tea.id, quantity: 1 }],
    payments: [{ method: 'qris', amount: 23_100, externalReference: 'QR-1' }],
  });
  if (response.status !== 201) {
    throw new Error(`sale failed: ${response.status} ${await response.text()}`);
  }
  return response.json<{ id: string; total: number }>();
}

export function shiftRows(companyId: string) {
  return withDatabase(({ db }) => db.select().from(shifts).where(eq(shifts.companyId, companyId)));
}

export function movementRows(companyId: string) {
  return withDatabase(({ db }) =>
    db.select().from(shiftCashMovements).where(eq(shiftCashMovements.companyId, companyId)),
  );
}

export function saleShiftOf(companyId: string, saleId: string) {
  return withDatabase(async ({ db }) => {
    const [row] = await db
      .select({
        shiftId: transactions.shiftId,
        pendingShiftId: transactions.pendingShiftId,
        voidShiftId: transactions.voidShiftId,
        flags: transactions.flags,
      })
      .from(transactions)
      .where(and(eq(transactions.companyId, companyId), eq(transactions.id, saleId)));
    return row;
  });
}
