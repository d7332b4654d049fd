import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Company, Store } from '../../src/db/schema';
import { priceHistory } from '../../src/db/schema';
import type { priceHistoryPageSchema } from '../../src/routes/v1/products/schemas';
import { currentPrices, priceAt } from '../../src/services/catalog/prices';
import { createStore, withDatabase } from '../support/factories';
import { withCountingDb } from './counting-db';
import {
  createProductVia,
  type Member,
  member,
  type ProductBody,
  send,
  tenant,
  uniqueSku,
} from './helpers';

let company: Company;
let manager: Member;
let store: Store;
let otherStore: Store;
let product: ProductBody;
let variantId: string;
let siblingId: string;

const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  ({ company } = await tenant());
  store = await createStore(company.id);
  otherStore = await createStore(company.id);
  manager = await member(company.id, 'manager', { storeIds: [store.id, otherStore.id] });
  const response = await send(manager.session, 'POST', '/api/v1/products', {
    name: 'Latte',
    sku: uniqueSku('LAT'),
    price: 5000,
    variantOptions: { Ukuran: ['R', 'L'] },
    variants: [
      { optionValues: { Ukuran: 'R' }, sku: uniqueSku('LAT-R') },
      { optionValues: { Ukuran: 'L' }, sku: uniqueSku('LAT-L') },
    ],
  });
  product = await response.json<ProductBody>();
  variantId = product.variants.find((v) => v.optionValues.Ukuran === 'L')?.id as string;
  siblingId = product.variants.find((v) => v.optionValues.Ukuran === 'R')?.id as string;

  // A year of price changes, long before the product was created through the API (now).
  const row = (
    effectiveFrom: string,
    level: { variantId?: string; storeId?: string },
    newPrice: number | null,
  ) => ({
    companyId: company.id,
    productId: product.id,
    variantId: level.variantId ?? null,
    storeId: level.storeId ?? null,
    newPrice,
    effectiveFrom: at(effectiveFrom),
  });
  await withDatabase(({ db }) =>
    db.insert(priceHistory).values([
      row('2025-01-01T00:00:00Z', {}, 10000),
      row('2025-02-01T00:00:00Z', { variantId }, 12000),
      row('2025-02-15T00:00:00Z', { variantId: siblingId }, 99000),
      row('2025-03-01T00:00:00Z', { variantId, storeId: store.id }, 15000),
      row('2025-03-01T00:00:00Z', { variantId, storeId: otherStore.id }, 9000),
      row('2025-04-01T00:00:00Z', {}, 11000),
      row('2025-05-01T00:00:00Z', { variantId, storeId: store.id }, null),
      row('2025-06-01T00:00:00Z', { variantId }, null),
      row('2025-06-01T00:00:00Z', { variantId: siblingId }, null),
      // Everything synthetic is cleared again, so the history agrees with the price tables.
      row('2025-07-01T00:00:00Z', { variantId, storeId: otherStore.id }, null),
    ]),
  );
});

describe('priceAt', () => {
  const cases: Array<[string, string, 'store' | 'other' | 'none', number | null]> = [
    ['before any price', '2024-12-31T23:59:59Z', 'store', null],
    ['the first product price', '2025-01-15T00:00:00Z', 'store', 10000],
    ['the variant override', '2025-02-10T00:00:00Z', 'store', 12000],
    ['the store price, exactly when it starts', '2025-03-01T00:00:00Z', 'store', 15000],
    [
      'the variant override in a store without its own price',
      '2025-03-10T00:00:00Z',
      'none',
      12000,
    ],
    ["another store's own price", '2025-03-10T00:00:00Z', 'other', 9000],
    ['the store price over a later product change', '2025-04-10T00:00:00Z', 'store', 15000],
    [
      'the variant override once the store price is cleared',
      '2025-05-10T00:00:00Z',
      'store',
      12000,
    ],
    ['the new product price once the override is cleared', '2025-06-10T00:00:00Z', 'store', 11000],
    ['the other store still on its own price', '2025-06-10T00:00:00Z', 'other', 9000],
    ['the other store back on the product price', '2025-07-10T00:00:00Z', 'other', 11000],
  ];

  it("does not take a sibling variant's override", async () => {
    const price = await withDatabase(({ db }) =>
      priceAt(db, company.id, siblingId, null, at('2025-03-10T00:00:00Z')),
    );
    expect(price).toBe(99000);
    const mine = await withDatabase(({ db }) =>
      priceAt(db, company.id, variantId, null, at('2025-03-10T00:00:00Z')),
    );
    expect(mine).toBe(12000);
  });
  it.each(cases)('answers %s', async (_, time, where, expected) => {
    const storeId = where === 'store' ? store.id : where === 'other' ? otherStore.id : null;
    const price = await withDatabase(({ db }) =>
      priceAt(db, company.id, variantId, storeId, at(time)),
    );
    expect(price).toBe(expected);
  });

  it('is one query', async () => {
    await withCountingDb(async (db, queries) => {
      expect(await priceAt(db, company.id, variantId, store.id, at('2025-03-10T00:00:00Z'))).toBe(
        15000,
      );
      expect(queries()).toBe(1);
    });
  });

  it("knows nothing of another company's variant", async () => {
    const other = await tenant();
    expect(
      await withDatabase(({ db }) => priceAt(db, other.company.id, variantId, null, new Date())),
    ).toBeNull();
  });

  it('agrees with currentPrices after changes made through the API', async () => {
    const path = `/api/v1/products/${product.id}/variants/${variantId}/store-prices/${store.id}`;
    expect((await send(manager.session, 'PUT', path, { price: 16500 })).status).toBe(200);
    const patch = await send(manager.session, 'PATCH', `/api/v1/products/${product.id}`, {
      version: product.version,
      price: 6000,
    });
    expect(patch.status).toBe(200);
    await withDatabase(async ({ db }) => {
      const now = new Date(Date.now() + 1000);
      const current = await currentPrices(db, company.id, store.id, [variantId, siblingId]);
      expect(Object.fromEntries(current)).toEqual({ [variantId]: 16500, [siblingId]: 6000 });
      expect(await priceAt(db, company.id, variantId, store.id, now)).toBe(16500);
      expect(await priceAt(db, company.id, siblingId, store.id, now)).toBe(6000);
      expect(await priceAt(db, company.id, variantId, otherStore.id, now)).toBe(6000);
    });
  });
});

describe('GET /api/v1/products/:id/price-history', () => {
  it('pages through every entry, newest first', async () => {
    const seen: Array<{ id: string; effectiveFrom: string }> = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const response = await send(
        manager.session,
        'GET',
        `/api/v1/products/${product.id}/price-history?limit=3${query}`,
      );
      expect(response.status).toBe(200);
      const page: { data: typeof seen; nextCursor: string | null } = await response.json();
      seen.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor && seen.length < 100);
    const rows = await withDatabase(({ db }) =>
      db.select().from(priceHistory).where(eq(priceHistory.productId, product.id)),
    );
    expect(new Set(seen.map((entry) => entry.id)).size).toBe(rows.length);
    const times = seen.map((entry) => Date.parse(entry.effectiveFrom));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters by store', async () => {
    const response = await send(
      manager.session,
      'GET',
      `/api/v1/products/${product.id}/price-history?storeId=${otherStore.id}`,
    );
    const page = await response.json<z.infer<typeof priceHistoryPageSchema>>();
    expect(page.data.map((entry) => [entry.level, entry.newPrice])).toEqual([
      ['store', null],
      ['store', 9000],
    ]);
  });
});

describe('store prices', () => {
  it('refuses a bad price (400) and clearing a price that is not there (404)', async () => {
    const simple = await createProductVia(manager);
    const path = `/api/v1/products/${simple.id}/variants/${simple.variants[0]?.id}/store-prices/${store.id}`;
    for (const price of [-1, 1.5, 1_000_000_001]) {
      expect((await send(manager.session, 'PUT', path, { price })).status).toBe(400);
    }
    expect((await send(manager.session, 'DELETE', path)).status).toBe(404);
  });
});
