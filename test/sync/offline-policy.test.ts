import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { priceHistory, syncBatches, transactionItems, transactions } from '../../src/db/schema';
import type { syncStatusSchema } from '../../src/routes/v1/sync/schemas';
import { type SaleShop, saleShop } from '../sales/helpers';
import { withDatabase } from '../support/factories';
import { batchOf, eventsOfBatch, offlineSale, send, uploadOk } from './helpers';

type SyncStatus = z.infer<typeof syncStatusSchema>;

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 60 * 60 * 1000);

/** Coffee cost Rp 20.000 until yesterday and Rp 25.000 since (the product price level). */
async function priceRise(shop: SaleShop) {
  await withDatabase(({ db }) =>
    db.insert(priceHistory).values([
      {
        companyId: shop.companyId,
        productId: shop.coffee.productId,
        newPrice: 20_000,
        effectiveFrom: hoursAgo(72),
      },
      {
        companyId: shop.companyId,
        productId: shop.coffee.productId,
        oldPrice: 20_000,
        newPrice: 25_000,
        effectiveFrom: hoursAgo(24),
      },
    ]),
  );
}

function storedSale(id: string) {
  return withDatabase(async ({ db }) => {
    const [sale] = await db.select().from(transactions).where(eq(transactions.id, id));
    const items = await db
      .select()
      .from(transactionItems)
      .where(eq(transactionItems.transactionId, id));
    return { sale, items };
  });
}

/** No tax, service or rounding: totals equal prices, so the price rule is all that shows. */
const untaxedShop = () =>
  saleShop({
    taxRegime: 'none',
    taxRateBasisPoints: 0,
    serviceChargeBasisPoints: 0,
    cashRoundingStep: 0,
  });

describe('offline sales: prices and approvals the server could not check at the time', () => {
  it('honours the price that was valid in the store when the sale was made', async () => {
    const shop = await untaxedShop();
    await priceRise(shop);
    const paidOldPrice = offlineSale(shop, {
      clientCreatedAt: hoursAgo(36).toISOString(),
      items: [{ variantId: shop.coffee.id, quantity: 1, unitPrice: 20_000 }],
      expectedTotal: 20_000,
    });
    const noPriceGiven = offlineSale(shop, { clientCreatedAt: hoursAgo(36).toISOString() });
    const body = await uploadOk(shop.cashier, batchOf(shop, [paidOldPrice, noPriceGiven]));

    expect(body.results.map((result) => [result.status, result.total, result.flags])).toEqual([
      ['accepted', 20_000, []],
      ['accepted', 20_000, []],
    ]);
    const { items } = await storedSale(paidOldPrice.id);
    expect(items[0]).toMatchObject({ unitPrice: 20_000, listUnitPrice: null });
  });

  it('accepts a price that was not valid then, flagged for review, and records an approval given at the till', async () => {
    const shop = await untaxedShop();
    await priceRise(shop);
    const stalePrice = { items: [{ variantId: shop.coffee.id, quantity: 1, unitPrice: 20_000 }] };
    const unapproved = offlineSale(shop, stalePrice);
    const approved = offlineSale(shop, { ...stalePrice, approvedBy: shop.manager.user.id });
    const batch = batchOf(shop, [unapproved, approved]);
    const body = await uploadOk(shop.cashier, batch);

    expect(body.results[0]).toMatchObject({ status: 'accepted', total: 20_000 });
    expect(body.results[0]?.flags).toEqual(
      expect.arrayContaining(['price_override', 'price_not_valid']),
    );
    expect(body.results[1]?.flags).toEqual(
      expect.arrayContaining(['price_override', 'approved_offline']),
    );
    expect(body.results[1]?.flags).not.toContain('price_not_valid');
    const { sale, items } = await storedSale(approved.id);
    expect(items[0]).toMatchObject({ unitPrice: 20_000, listUnitPrice: 25_000 });
    expect(sale?.approvals).toEqual([
      {
        permission: 'price.override',
        grantedTo: shop.cashier.user.id,
        approvedBy: shop.manager.user.id,
        method: 'offline_approval',
      },
    ]);
    const events = await eventsOfBatch(batch.batchId);
    expect(events.map((event) => [event.kind, event.entityId])).toEqual(
      expect.arrayContaining([
        ['sale_flagged', unapproved.id],
        ['sale_flagged', approved.id],
      ]),
    );
  });

  it('accepts a discount beyond the store limit without authority, flagged, since the customer already paid', async () => {
    const shop = await saleShop({ discountLimitBasisPoints: 500 });
    const discounted = offlineSale(shop, { orderDiscount: 10_000 });
    const body = await uploadOk(shop.cashier, batchOf(shop, [discounted]));
    expect(body.results[0]?.status).toBe('accepted');
    expect(body.results[0]?.flags).toContain('discount_not_authorized');
  });
});

describe('GET /api/v1/sync/status', () => {
  it('shows a manager every till of the store with counts and recent failures, a cashier only their own', async () => {
    const shop = await saleShop();
    const bad = offlineSale(shop, { items: [{ variantId: crypto.randomUUID(), quantity: 1 }] });
    await uploadOk(shop.cashier, batchOf(shop, [offlineSale(shop), bad]));
    const batch = batchOf(shop, [offlineSale(shop)]);
    await uploadOk(shop.manager, batch);
    await uploadOk(shop.manager, batch);

    const response = await send(
      shop.manager.session,
      'GET',
      `/api/v1/sync/status?storeId=${shop.store.id}`,
    );
    expect(response.status).toBe(200);
    const status = await response.json<SyncStatus>();
    expect(status.summary).toMatchObject({
      devices: 2,
      counts: { accepted: 2, duplicate: 1, rejected: 1 },
      stuckBatches: 0,
    });
    const cashierTill = status.devices.find(
      (device) => device.deviceSessionId === shop.cashier.session.sessionId,
    );
    expect(cashierTill).toMatchObject({
      userName: shop.cashier.user.name,
      batches: 1,
      counts: { accepted: 1, duplicate: 0, rejected: 1 },
    });
    expect(status.recentFailures).toEqual([
      expect.objectContaining({
        kind: 'sale_rejected',
        entityId: bad.id,
        code: 'sales.variantNotFound',
      }),
    ]);

    const own = await (
      await send(shop.cashier.session, 'GET', `/api/v1/sync/status?storeId=${shop.store.id}`)
    ).json<SyncStatus>();
    expect(own.devices.map((device) => device.deviceSessionId)).toEqual([
      shop.cashier.session.sessionId,
    ]);
  });

  it('counts a batch left processing for over 5 minutes as stuck, for whoever is on call', async () => {
    const shop = await saleShop();
    const batch = batchOf(shop, [offlineSale(shop)]);
    await uploadOk(shop.manager, batch);
    // As if the store's object had died mid-batch ten minutes ago.
    await withDatabase(({ db }) =>
      db
        .update(syncBatches)
        .set({ status: 'processing', updatedAt: hoursAgo(1 / 6) })
        .where(eq(syncBatches.id, batch.batchId)),
    );
    const status = await (
      await send(shop.owner.session, 'GET', `/api/v1/sync/status?storeId=${shop.store.id}`)
    ).json<SyncStatus>();
    expect(status.summary.stuckBatches).toBe(1);
    // The till resends it: the batch completes and nothing is recorded twice.
    const again = await uploadOk(shop.manager, batch);
    expect(again.counts).toEqual({ accepted: 0, duplicate: 1, rejected: 0 });
  });
});
