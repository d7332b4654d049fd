import { describe, expect, it, vi } from 'vitest';
import { saleShop } from '../sales/helpers';
import { captureLogLines } from '../support/logs';
import { offlineSale, uploadOk } from '../sync/helpers';
import {
  cutDatabase,
  duringStoreWrite,
  resetStoreObject,
  restartDatabase,
  terminateBackend,
} from './inject';
import { expectOnlyRetryableFaults, expectStoreInvariants, Till } from './till';

/**
 * A till's batch of offline sales through the Worker and the store's Durable Object, on a real
 * Postgres, with something going wrong in the middle. The till retries as the PWA does, until
 * every sale has its number; then the store must hold exactly what the till was told (see
 * expectStoreInvariants), and the till must have seen only answers it retries by itself.
 */

const openingCoffee = 50;

async function shopWithTill(batchSize = 200) {
  const shop = await saleShop();
  return { shop, till: new Till(shop, shop.cashier, batchSize) };
}

const opening = (shop: Awaited<ReturnType<typeof saleShop>>) =>
  new Map([[shop.coffee.id, openingCoffee]]);

describe('a batch of 200 offline sales when something fails in its middle', () => {
  it('survives its database connection being terminated mid-write', async () => {
    const { shop, till } = await shopWithTill();
    till.record(200);
    const lines = captureLogLines();
    await duringStoreWrite(shop, () => till.flushOnce(), terminateBackend);
    await till.flushUntilDone();
    vi.restoreAllMocks();

    // The set write died with its connection (FATAL 57P01, rolled back by the server); the
    // object wrote the batch again one sale at a time on a new connection.
    const messages = lines.map((line) => (JSON.parse(line) as { message: string }).message);
    expect(messages).toContain('sync batch written one sale at a time after the set write failed');

    expectOnlyRetryableFaults(till);
    expect(await expectStoreInvariants(till, opening(shop))).toEqual({ sales: 200 });
  });

  it('survives Postgres restarting mid-upload', async () => {
    const { shop, till } = await shopWithTill();
    till.record(200);
    let how = '';
    await duringStoreWrite(
      shop,
      () => till.flushOnce(),
      async () => {
        how = await restartDatabase();
      },
    );
    await till.flushUntilDone({ pauseMs: 1_000 });

    expect(['restarted', 'emulated']).toContain(how);
    expect(till.faults.length).toBeGreaterThan(0);
    expectOnlyRetryableFaults(till);
    expect(await expectStoreInvariants(till, opening(shop))).toEqual({ sales: 200 });
  });

  it("survives the store's object being reset mid-batch", async () => {
    const { shop, till } = await shopWithTill();
    till.record(200);
    await duringStoreWrite(
      shop,
      () => till.flushOnce(),
      () => resetStoreObject(shop.store.id),
    );
    await till.flushUntilDone();
    expect(till.faults[0]).toMatchObject({ status: 503, retryAfter: '1' });

    expectOnlyRetryableFaults(till);
    expect(await expectStoreInvariants(till, opening(shop))).toEqual({ sales: 200 });
  });

  it('survives the database being unreachable for a while, answering 503 with Retry-After', async () => {
    const { shop, till } = await shopWithTill(50);
    till.record(120);
    await till.flushOnce();
    await cutDatabase(1_500);
    await till.flushOnce();
    expect(till.faults.at(-1)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    await till.flushUntilDone({ pauseMs: 500 });

    expectOnlyRetryableFaults(till);
    expect(await expectStoreInvariants(till, opening(shop))).toEqual({ sales: 120 });
  });
});

describe('what tills do that sync users report elsewhere', () => {
  it('gives the sales of a batch whose answer was lost their first numbers when it is sent again', async () => {
    const { shop, till } = await shopWithTill();
    till.record(200);
    // The request commits but the till never hears back (it timed out): it keeps no answer.
    const lost = new Till(shop, shop.cashier);
    lost.sales.push(...till.sales);
    await lost.flushOnce();
    await till.flushUntilDone();

    expect([...till.numbers]).toEqual([...lost.numbers]);
    expect(await expectStoreInvariants(till, opening(shop))).toEqual({ sales: 200 });
  });

  it('keeps one copy of each sale when two tabs flush the same outbox at once', async () => {
    const { shop, till } = await shopWithTill(40);
    till.record(150);
    const otherTab = till.tab();
    await Promise.all([till.flushUntilDone(), otherTab.flushUntilDone()]);

    expect(new Map([...otherTab.numbers].sort())).toEqual(new Map([...till.numbers].sort()));
    expect(await expectStoreInvariants(till, opening(shop))).toEqual({ sales: 150 });
  });

  it('lands the rest of a batch around poison sales, reports them, and does not stall', async () => {
    const { shop, till } = await shopWithTill();
    const other = await saleShop();
    const elsewhere = offlineSale(other);
    await uploadOk(other.cashier, {
      batchId: crypto.randomUUID(),
      storeId: other.store.id,
      sales: [elsewhere],
    });
    till.record(60, (index) => {
      // One sale whose id is another company's sale (refused only by the write), one that is
      // not well-formed, one for a variant that does not exist.
      if (index === 10) return { id: elsewhere.id };
      if (index === 30) return { items: [{ variantId: shop.coffee.id, quantity: 0 }] };
      if (index === 50) return { items: [{ variantId: crypto.randomUUID(), quantity: 1 }] };
      return {};
    });
    await till.flushUntilDone();

    expect(till.uploads).toBe(1);
    expect([...till.refused.values()].map((result) => result.index)).toEqual([10, 30, 50]);
    expect(await expectStoreInvariants(till, opening(shop))).toEqual({ sales: 57 });
  });

  it('keeps the sales of a till whose clock is far ahead or far behind, flagged or refused', async () => {
    const { shop, till } = await shopWithTill();
    const hour = 60 * 60 * 1000;
    till.record(30, (index) => ({
      clientCreatedAt: new Date(
        Date.now() + (index % 3 === 0 ? 3 * 24 * hour : index % 3 === 1 ? -29 * 24 * hour : -hour),
      ).toISOString(),
    }));
    const tooOld = till.record(2, () => ({
      clientCreatedAt: new Date(Date.now() - 45 * 24 * hour).toISOString(),
    }));
    await till.flushUntilDone();

    expect([...till.refused.keys()].sort()).toEqual(tooOld.map((sale) => sale.id).sort());
    expect([...till.refused.values()].map((result) => result.reason)).toEqual([
      'sync.saleTooOld',
      'sync.saleTooOld',
    ]);
    expect(await expectStoreInvariants(till, opening(shop))).toEqual({ sales: 30 });
  });
});
