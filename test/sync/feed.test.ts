import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { productVariants, storePrices, users } from '../../src/db/schema';
import type { syncStatusSchema } from '../../src/routes/v1/sync/schemas';
import { createVariant } from '../inventory/helpers';
import { saleShop, sell } from '../sales/helpers';
import { withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import { member, stringsIn } from '../users/helpers';
import { DeviceState, deltaPage, fullPage, send } from './helpers';

describe('POST /api/v1/sync/full and GET /api/v1/sync/delta', () => {
  it('gives a new till everything of its store in pages, and nothing of other stores', async () => {
    const shop = await saleShop();
    const otherCashier = await member(shop.companyId, 'cashier', {
      storeIds: [shop.otherStore.id],
    });
    await withDatabase(({ db }) =>
      db.insert(storePrices).values([
        {
          companyId: shop.companyId,
          storeId: shop.store.id,
          variantId: shop.coffee.id,
          price: 27_000,
        },
        {
          companyId: shop.companyId,
          storeId: shop.otherStore.id,
          variantId: shop.coffee.id,
          price: 23_000,
        },
      ]),
    );

    const device = await DeviceState.fromFull(shop.cashier, shop.store.id, 3);

    expect(device.ofType('company').map(([id]) => id)).toEqual([shop.companyId]);
    expect(device.ofType('store').map(([id]) => id)).toEqual([shop.store.id]);
    expect(device.ofType('store')[0]?.[1]).toMatchObject({
      code: shop.store.code,
      taxRegime: 'pbjt',
      taxRateBasisPoints: 1000,
      cashRoundingStep: 100,
    });
    expect(
      device
        .ofType('variant')
        .map(([id]) => id)
        .sort(),
    ).toEqual([shop.coffee.id, shop.tea.id].sort());
    expect(device.ofType('product')).toHaveLength(2);
    expect(device.ofType('storePrice').map(([, data]) => data.price)).toEqual([27_000]);
    expect(device.ofType('stockLevel').map(([, data]) => [data.variantId, data.quantity])).toEqual([
      [shop.coffee.id, 50],
    ]);
    const staff = new Map(device.ofType('staff'));
    expect([...staff.keys()].sort()).toEqual(
      [shop.owner.user.id, shop.manager.user.id, shop.cashier.user.id].sort(),
    );
    expect(staff.has(otherCashier.user.id)).toBe(false);
    expect(staff.get(shop.cashier.user.id)).toEqual({
      name: shop.cashier.user.name,
      role: 'cashier',
      permissions: ['sales.create'],
    });
    // Never hashes, costs or contact details.
    const everything = JSON.stringify([...device.records]);
    expect(everything).not.toMatch(/hash|cost|email|phone"\s*:\s*"\+62|pbkdf2/i);
    expect(stringsIn([...device.records.values()])).not.toContain(shop.cashier.user.email);

    // The snapshot ends with a delta cursor: nothing has changed since.
    const next = await deltaPage(shop.cashier, shop.store.id, device.cursor);
    expect(next).toMatchObject({ changes: [], hasMore: false });
    expect(Date.parse(next.serverTime)).not.toBeNaN();
  });

  it('delivers edits, sales and deletions as changes and tombstones', async () => {
    const shop = await saleShop();
    const device = await DeviceState.fromFull(shop.cashier, shop.store.id);
    const teaProduct = device.ofType('variant').find(([id]) => id === shop.tea.id)?.[1]
      .productId as string;
    const coffeeProduct = device.ofType('variant').find(([id]) => id === shop.coffee.id)?.[1]
      .productId as string;

    const renamed = await send(shop.owner.session, 'PATCH', `/api/v1/products/${coffeeProduct}`, {
      version: 1,
      name: 'Es Kopi Susu Gula Aren',
    });
    expect(renamed.status).toBe(200);
    const deleted = await send(shop.owner.session, 'DELETE', `/api/v1/products/${teaProduct}`);
    expect(deleted.status).toBe(204);
    const sale = await sell(shop.cashier, {
      storeId: shop.store.id,
      items: [{ variantId: shop.coffee.id, quantity: 2 }],
      payments: [{ method: 'cash', tendered: 100_000 }],
    });
    expect(sale.status).toBe(201);
    const unassigned = await send(
      shop.owner.session,
      'PUT',
      `/api/v1/users/${shop.manager.user.id}/stores`,
      {
        storeIds: [shop.otherStore.id],
      },
    );
    expect(unassigned.status).toBe(200);

    const page = await deltaPage(shop.cashier, shop.store.id, device.cursor);
    const ops = page.changes.map((change) => `${change.op} ${change.type} ${change.id}`);
    expect(ops).toEqual(
      expect.arrayContaining([
        `upsert product ${coffeeProduct}`,
        `delete product ${teaProduct}`,
        `delete variant ${shop.tea.id}`,
        `upsert stockLevel ${device.ofType('stockLevel')[0]?.[0]}`,
        `delete staff ${shop.manager.user.id}`,
      ]),
    );
    device.apply(page.changes);
    expect(device.records.get(`product:${coffeeProduct}`)?.name).toBe('Es Kopi Susu Gula Aren');
    expect(device.ofType('stockLevel')[0]?.[1].quantity).toBe(48);
    expect(device.records.has(`variant:${shop.tea.id}`)).toBe(false);
    expect(device.records.has(`staff:${shop.manager.user.id}`)).toBe(false);

    // A later login or password change does not resend staff; a deactivation sends a tombstone.
    await withDatabase(({ db }) =>
      db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, shop.cashier.user.id)),
    );
    device.cursor = page.cursor;
    expect((await deltaPage(shop.cashier, shop.store.id, device.cursor)).changes).toEqual([]);
  });

  it('pages a long delta without losing or repeating an entry', async () => {
    const shop = await saleShop();
    const device = await DeviceState.fromFull(shop.cashier, shop.store.id);
    const added = await Promise.all(
      Array.from({ length: 7 }, (_, index) =>
        createVariant(shop.companyId, { name: `Roti ${index}` }),
      ),
    );
    const seen: string[] = [];
    let page = await deltaPage(shop.cashier, shop.store.id, device.cursor, 2);
    seen.push(...page.changes.map((change) => `${change.type}:${change.id}`));
    while (page.hasMore) {
      expect(page.changes).toHaveLength(2);
      page = await deltaPage(shop.cashier, shop.store.id, page.cursor, 2);
      seen.push(...page.changes.map((change) => `${change.type}:${change.id}`));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((key) => key.startsWith('variant:')).sort()).toEqual(
      added.map((variant) => `variant:${variant.id}`).sort(),
    );
    expect(seen.filter((key) => key.startsWith('product:'))).toHaveLength(7);
  });

  it('remembers each pull for the sync status', async () => {
    const shop = await saleShop();
    const page = await fullPage(shop.cashier, shop.store.id);
    const status = await send(
      shop.cashier.session,
      'GET',
      `/api/v1/sync/status?storeId=${shop.store.id}`,
    );
    expect(status.status).toBe(200);
    const body = await status.json<z.infer<typeof syncStatusSchema>>();
    expect(body.devices).toHaveLength(1);
    expect(body.devices[0]).toMatchObject({
      deviceSessionId: shop.cashier.session.sessionId,
      lastCursor: page.cursor,
    });
  });

  it('refuses a cursor of another store, a forged cursor, and another company’s store', async () => {
    const shop = await saleShop();
    const other = await saleShop();
    const page = await fullPage(shop.manager, shop.store.id);
    const otherStore = await send(
      shop.manager.session,
      'GET',
      `/api/v1/sync/delta?storeId=${shop.otherStore.id}&cursor=${page.cursor}`,
    );
    expect(otherStore.status).toBe(400);
    expect((await readProblem(otherStore)).detail).toContain('toko lain');
    const forged = await send(
      shop.manager.session,
      'GET',
      `/api/v1/sync/delta?storeId=${shop.store.id}&cursor=bm90LWEtY3Vyc29y`,
    );
    expect(forged.status).toBe(400);

    const foreignOwner = await send(
      other.owner.session,
      'GET',
      `/api/v1/sync/delta?storeId=${shop.store.id}`,
    );
    expect(foreignOwner.status).toBe(404);
    const foreignCashier = await send(other.cashier.session, 'POST', '/api/v1/sync/full', {
      storeId: shop.store.id,
    });
    expect(foreignCashier.status).toBe(404);
    const foreignStatus = await send(
      other.owner.session,
      'GET',
      `/api/v1/sync/status?storeId=${shop.store.id}`,
    );
    expect(foreignStatus.status).toBe(404);
  });

  it('stamps every synced table with the writing transaction, whatever code writes it', async () => {
    const shop = await saleShop();
    const before = await withDatabase(async ({ db }) => {
      const [row] = await db
        .select({ xid: productVariants.syncXid })
        .from(productVariants)
        .where(and(eq(productVariants.id, shop.coffee.id)));
      return row?.xid;
    });
    const after = await withDatabase(async ({ db }) => {
      const [row] = await db
        .update(productVariants)
        .set({ name: 'Besar' })
        .where(eq(productVariants.id, shop.coffee.id))
        .returning({ xid: productVariants.syncXid });
      return row?.xid;
    });
    expect(BigInt(after ?? 0)).toBeGreaterThan(BigInt(before ?? 0));
  });
});
