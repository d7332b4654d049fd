import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type * as z from 'zod';
import { auditLogs, billItems, bills, kitchenTickets, products } from '../../src/db/schema';
import type { billSchema } from '../../src/routes/v1/bills/schemas';
import { type SaleShop, saleShop, send } from '../sales/helpers';
import { withDatabase } from '../support/factories';
import { type Member, member } from '../users/helpers';

export type BillBody = z.infer<typeof billSchema>;

export const billPath = (id: string, action = '') => `/api/v1/bills/${id}${action}`;

export interface Floor extends SaleShop {
  /** "Meja 4" in the main store. */
  table: { id: string };
  /** A second waiter's phone (a cashier of the main store). */
  waiter: Member;
}

/** A café: the sale shop with a table and a second waiter; coffee goes to the bar. */
export async function floor(): Promise<Floor> {
  const shop = await saleShop();
  const waiter = await member(shop.companyId, 'cashier', { storeIds: [shop.store.id] });
  const table = await send(shop.owner.session, 'POST', '/api/v1/tables', {
    storeId: shop.store.id,
    name: 'Meja 4',
    area: 'Teras',
    capacity: 4,
  });
  expect(table.status).toBe(201);
  await withDatabase(({ db }) =>
    db
      .update(products)
      .set({ kitchenStation: 'bar' })
      .where(eq(products.id, shop.coffee.productId)),
  );
  return { ...shop, table: await table.json<{ id: string }>(), waiter };
}

export function item(variantId: string, quantity = 1, extra: Record<string, unknown> = {}) {
  return { id: crypto.randomUUID(), variantId, quantity, ...extra };
}

export async function openBillOn(
  opener: Member,
  body: Record<string, unknown>,
  expected = 201,
): Promise<BillBody> {
  const response = await send(opener.session, 'POST', '/api/v1/bills', {
    id: crypto.randomUUID(),
    ...body,
  });
  expect(response.status, await response.clone().text()).toBe(expected);
  return response.json<BillBody>();
}

export async function billOf(reader: Member, billId: string): Promise<BillBody> {
  const response = await send(reader.session, 'GET', billPath(billId));
  expect(response.status).toBe(200);
  return response.json<BillBody>();
}

/** Every row a bill operation could write, to check that a refusal wrote nothing. */
export function serviceRows(companyId: string) {
  return withDatabase(async ({ db }) => {
    const count = (
      table: typeof bills | typeof billItems | typeof kitchenTickets | typeof auditLogs,
    ) =>
      db
        .select({ count: sql<number>`count(*)::int` })
        .from(table)
        .where(eq(table.companyId, companyId))
        .then(([row]) => row?.count ?? 0);
    const [versions] = await db
      .select({ sum: sql<number>`coalesce(sum(${bills.version}), 0)::int` })
      .from(bills)
      .where(eq(bills.companyId, companyId));
    return {
      bills: await count(bills),
      items: await count(billItems),
      tickets: await count(kitchenTickets),
      audits: await count(auditLogs),
      versions: versions?.sum ?? 0,
    };
  });
}
