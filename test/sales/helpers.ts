import { and, asc, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { inventoryLevels, stores, transactions } from '../../src/db/schema';
import { createVariant, type InventoryTenant, inventoryTenant } from '../inventory/helpers';
import { withDatabase } from '../support/factories';
import { type Member, send } from '../users/helpers';

export { send };

export interface SaleShop extends InventoryTenant {
  /** Rp 25.000, taxable, tracks stock (50 in `store`). */
  coffee: { id: string; productId: string };
  /** Rp 20.000, taxable, does not track stock. */
  tea: { id: string; productId: string };
}

/**
 * A company whose main store charges PBJT 10% on top of prices and a 5% service charge (taxed),
 * rounds cash to Rp100, with one stocked and one unstocked product and the usual staff.
 */
export async function saleShop(storeOverrides: Parameters<typeof inventoryTenant>[0] = {}) {
  const tenant = await inventoryTenant({
    taxRegime: 'pbjt',
    taxRateBasisPoints: 1000,
    serviceChargeBasisPoints: 500,
    serviceChargeTaxable: true,
    pricesIncludeTax: false,
    cashRoundingStep: 100,
    ...storeOverrides,
  });
  const coffee = await createVariant(tenant.companyId, {
    name: 'Es Kopi Susu',
    product: { price: 25_000 },
  });
  const tea = await createVariant(tenant.companyId, {
    name: 'Teh Manis',
    tracksStock: false,
    product: { price: 20_000 },
  });
  await withDatabase(({ db }) =>
    db.insert(inventoryLevels).values({
      companyId: tenant.companyId,
      storeId: tenant.store.id,
      variantId: coffee.id,
      quantity: 50,
    }),
  );
  return { ...tenant, coffee, tea } satisfies SaleShop;
}

export function sell(seller: Member, body: Record<string, unknown>) {
  return send(seller.session, 'POST', '/api/v1/transactions', body);
}

export function salesOfStore(storeId: string) {
  return withDatabase(({ db }) =>
    db
      .select()
      .from(transactions)
      .where(eq(transactions.storeId, storeId))
      .orderBy(asc(transactions.number)),
  );
}

export function stockOf(storeId: string, variantId: string) {
  return withDatabase(async ({ db }) => {
    const [row] = await db
      .select({ quantity: inventoryLevels.quantity })
      .from(inventoryLevels)
      .where(and(eq(inventoryLevels.storeId, storeId), eq(inventoryLevels.variantId, variantId)));
    return row?.quantity;
  });
}

export function setStore(storeId: string, fields: Partial<typeof stores.$inferInsert>) {
  return withDatabase(({ db }) => db.update(stores).set(fields).where(eq(stores.id, storeId)));
}

export function countTransactions(companyId: string) {
  return withDatabase(async ({ db }) => {
    const [row] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(transactions)
      .where(eq(transactions.companyId, companyId));
    return row?.count ?? 0;
  });
}

export interface GroupBody {
  id: string;
  version: number;
  options: Array<{ id: string; name: string; priceDelta: number }>;
}

/** "Tingkat gula" (required, one of three, free) and "Tambahan" (up to two, priced) on coffee. */
export async function coffeeWithModifiers(shop: SaleShop) {
  const beans = await createVariant(shop.companyId, { name: 'Biji kopi (shot)' });
  await withDatabase(({ db }) =>
    db.insert(inventoryLevels).values({
      companyId: shop.companyId,
      storeId: shop.store.id,
      variantId: beans.id,
      quantity: 100,
    }),
  );
  const create = async (body: Record<string, unknown>) => {
    const response = await send(shop.owner.session, 'POST', '/api/v1/modifier-groups', body);
    expect(response.status).toBe(201);
    return response.json<GroupBody>();
  };
  const sugar = await create({
    name: 'Tingkat gula',
    minSelections: 1,
    maxSelections: 1,
    options: [
      { name: 'Normal', priceDelta: 0 },
      { name: 'Less sugar', priceDelta: 0 },
    ],
  });
  const extras = await create({
    name: 'Tambahan',
    minSelections: 0,
    maxSelections: 2,
    options: [
      { name: 'Extra shot', priceDelta: 5_000, stockVariantId: beans.id },
      { name: 'Oat milk', priceDelta: 7_000 },
      { name: 'Boba', priceDelta: 4_000 },
    ],
  });
  const attach = await send(
    shop.owner.session,
    'PUT',
    `/api/v1/products/${shop.coffee.productId}/modifier-groups`,
    { groupIds: [sugar.id, extras.id] },
  );
  expect(attach.status).toBe(200);
  const option = (group: GroupBody, name: string) => {
    const found = group.options.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`no option ${name}`);
    return { optionId: found.id };
  };
  return {
    beans,
    sugar,
    extras,
    less: option(sugar, 'Less sugar'),
    shot: option(extras, 'Extra shot'),
    oat: option(extras, 'Oat milk'),
    boba: option(extras, 'Boba'),
  };
}
