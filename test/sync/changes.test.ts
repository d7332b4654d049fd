import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inventoryLevels, products, syncEvents } from '../../src/db/schema';
import { saleShop, sell, stockOf } from '../sales/helpers';
import { withDatabase } from '../support/factories';
import { send } from './helpers';

interface EditResultBody {
  index: number;
  type: string;
  status: 'applied' | 'conflict' | 'rejected';
  record?: Record<string, unknown>;
  current?: Record<string, unknown>;
  code?: string;
  message?: string;
}

async function pushEdits(
  session: { accessToken: string },
  storeId: string,
  changes: unknown[],
): Promise<EditResultBody[]> {
  const response = await send(session, 'POST', '/api/v1/sync/changes', { storeId, changes });
  if (response.status !== 200) throw new Error(`${response.status} ${await response.text()}`);
  return (await response.json<{ results: EditResultBody[] }>()).results;
}

function productRow(id: string) {
  return withDatabase(async ({ db }) => {
    const [row] = await db.select().from(products).where(eq(products.id, id));
    return row;
  });
}

function conflictEvents(companyId: string) {
  return withDatabase(({ db }) =>
    db.select().from(syncEvents).where(eq(syncEvents.companyId, companyId)),
  );
}

describe('POST /api/v1/sync/changes (offline edits, server-timestamp-wins)', () => {
  it('keeps the server copy of a product edited online since, returns it and logs the conflict', async () => {
    const shop = await saleShop();
    const productId = shop.coffee.productId;
    const online = await send(shop.owner.session, 'PATCH', `/api/v1/products/${productId}`, {
      version: 1,
      price: 26_000,
    });
    expect(online.status).toBe(200);

    const [stale] = await pushEdits(shop.manager.session, shop.store.id, [
      {
        type: 'product',
        id: productId,
        version: 1,
        fields: { price: 30_000, name: 'Kopi Offline' },
      },
    ]);
    expect(stale).toMatchObject({
      status: 'conflict',
      current: { id: productId, price: 26_000, version: 2 },
    });
    expect(stale?.message).toContain('versi server');
    expect(await productRow(productId)).toMatchObject({
      price: 26_000,
      name: 'Es Kopi Susu',
      version: 2,
    });
    const events = await conflictEvents(shop.companyId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'conflict',
      entityType: 'product',
      entityId: productId,
      deviceSessionId: shop.manager.session.sessionId,
      details: expect.objectContaining({ clientVersion: 1, serverVersion: 2 }),
    });

    const [fresh] = await pushEdits(shop.manager.session, shop.store.id, [
      { type: 'product', id: productId, version: 2, fields: { name: 'Kopi Susu Offline' } },
    ]);
    expect(fresh).toMatchObject({
      status: 'applied',
      record: { name: 'Kopi Susu Offline', version: 3 },
    });
  });

  it('applies a store price against the version seen and refuses a stale one', async () => {
    const shop = await saleShop();
    const target = { productId: shop.coffee.productId, variantId: shop.coffee.id };
    const [first] = await pushEdits(shop.manager.session, shop.store.id, [
      { type: 'storePrice', ...target, version: 0, price: 27_000 },
    ]);
    expect(first).toMatchObject({ status: 'applied', record: { price: 27_000, version: 1 } });
    const [second] = await pushEdits(shop.manager.session, shop.store.id, [
      { type: 'storePrice', ...target, version: 0, price: 29_000 },
    ]);
    expect(second).toMatchObject({ status: 'conflict', current: { price: 27_000, version: 1 } });
  });

  it('refuses a stock count taken before a sale moved the level, and applies a current one', async () => {
    const shop = await saleShop();
    const level = await withDatabase(async ({ db }) => {
      const [row] = await db
        .select()
        .from(inventoryLevels)
        .where(eq(inventoryLevels.variantId, shop.coffee.id));
      return row;
    });
    const sale = await sell(shop.cashier, {
      storeId: shop.store.id,
      items: [{ variantId: shop.coffee.id, quantity: 1 }],
      payments: [{ method: 'cash', tendered: 50_000 }],
    });
    expect(sale.status).toBe(201);

    const [stale] = await pushEdits(shop.manager.session, shop.store.id, [
      {
        type: 'stockCount',
        variantId: shop.coffee.id,
        version: level?.version,
        countedQuantity: 40,
        reason: 'Stock opname pagi',
      },
    ]);
    expect(stale).toMatchObject({
      status: 'conflict',
      current: { variantId: shop.coffee.id, quantity: 49 },
    });
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(49);

    const currentVersion = (stale?.current?.version as number) ?? 0;
    const [applied] = await pushEdits(shop.manager.session, shop.store.id, [
      {
        type: 'stockCount',
        variantId: shop.coffee.id,
        version: currentVersion,
        countedQuantity: 40,
        reason: 'Hitung ulang',
      },
    ]);
    expect(applied?.status).toBe('applied');
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(40);
  });

  it('refuses an edit the sender may not make and still applies the others', async () => {
    const shop = await saleShop();
    const results = await pushEdits(shop.cashier.session, shop.store.id, [
      { type: 'product', id: shop.coffee.productId, version: 1, fields: { price: 1000 } },
    ]);
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    expect((await productRow(shop.coffee.productId))?.price).toBe(25_000);

    const mixed = await pushEdits(shop.manager.session, shop.store.id, [
      { type: 'product', id: crypto.randomUUID(), version: 1, fields: { name: 'Hilang' } },
      { type: 'product', id: shop.coffee.productId, version: 1, fields: { name: 'Kopi Baru' } },
    ]);
    expect(mixed.map((result) => [result.status, result.code])).toEqual([
      ['rejected', 'NOT_FOUND'],
      ['applied', undefined],
    ]);
  });

  it('refuses malformed edits as a whole with field paths', async () => {
    const shop = await saleShop();
    const response = await send(shop.manager.session, 'POST', '/api/v1/sync/changes', {
      storeId: shop.store.id,
      changes: [{ type: 'product', id: shop.coffee.productId, fields: {} }],
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
