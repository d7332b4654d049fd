import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Company, Store } from '../../src/db/schema';
import { inventoryLevels } from '../../src/db/schema';
import type { productPageSchema } from '../../src/routes/v1/products/schemas';
import { listProducts } from '../../src/services/catalog/products';
import { createStore, withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import { withCountingDb } from './counting-db';
import {
  type CategoryBody,
  createCategoryVia,
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
let cashier: Member;
let store: Store;
let drinks: CategoryBody;
const made: ProductBody[] = [];
let latte: ProductBody;

type Page = z.infer<typeof productPageSchema>;

beforeAll(async () => {
  ({ company } = await tenant());
  store = await createStore(company.id);
  manager = await member(company.id, 'manager', { storeIds: [store.id] });
  cashier = await member(company.id, 'cashier');
  drinks = await createCategoryVia(manager, { name: 'Minuman' });
  const specs: Array<[string, number, Record<string, unknown>]> = [
    ['Americano', 20000, { categoryId: drinks.id }],
    ['Bakso', 25000, {}],
    ['Cappuccino', 28000, { categoryId: drinks.id }],
    ['Donat', 8000, { isActive: false }],
    ['Es Teh', 8000, { categoryId: drinks.id, barcodes: ['8990001112223'] }],
    ['Mie Goreng', 22000, {}],
  ];
  for (const [name, price, extra] of specs) {
    made.push(await createProductVia(manager, { name, price, ...extra }));
  }
  const response = await send(manager.session, 'POST', '/api/v1/products', {
    name: 'Latte',
    sku: uniqueSku('LAT'),
    price: 26000,
    categoryId: drinks.id,
    variantOptions: { Ukuran: ['R', 'L'] },
    variants: [
      { optionValues: { Ukuran: 'R' }, sku: uniqueSku('LATVR') },
      { optionValues: { Ukuran: 'L' }, sku: uniqueSku('LATVL'), priceOverride: 31000 },
    ],
  });
  latte = await response.json<ProductBody>();
  made.push(latte);
  const large = latte.variants.find((variant) => variant.optionValues.Ukuran === 'L');
  const regular = latte.variants.find((variant) => variant.optionValues.Ukuran === 'R');
  const storePrice = await send(
    manager.session,
    'PUT',
    `/api/v1/products/${latte.id}/variants/${large?.id}/store-prices/${store.id}`,
    { price: 33000 },
  );
  expect(storePrice.status).toBe(200);
  await withDatabase(({ db }) =>
    db.insert(inventoryLevels).values([
      {
        companyId: company.id,
        storeId: store.id,
        variantId: large?.id as string,
        quantity: 2,
        minimumQuantity: 5,
      },
      {
        companyId: company.id,
        storeId: store.id,
        variantId: regular?.id as string,
        quantity: 40,
        minimumQuantity: 5,
      },
      {
        companyId: company.id,
        storeId: store.id,
        variantId: made[1]?.variants[0]?.id as string,
        quantity: 10,
        minimumQuantity: null,
      },
    ]),
  );
});

async function walk(query: string, limit: number): Promise<ProductBody[]> {
  const seen: ProductBody[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const response = await send(
      cashier.session,
      'GET',
      `/api/v1/products?limit=${limit}&${query}${suffix}`,
    );
    expect(response.status).toBe(200);
    const page = await response.json<Page>();
    expect(page.data.length).toBeLessThanOrEqual(limit);
    seen.push(...page.data);
    cursor = page.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('too many pages');
}

describe('GET /api/v1/products', () => {
  it('pages through by name, every product once, in order', async () => {
    const all = await walk('sort=name&order=asc', 3);
    expect(all.map((product) => product.name)).toEqual([
      'Americano',
      'Bakso',
      'Cappuccino',
      'Donat',
      'Es Teh',
      'Latte',
      'Mie Goreng',
    ]);
  });

  it('pages through by price descending with ties broken by id', async () => {
    const all = await walk('sort=price&order=desc', 2);
    expect(all.map((product) => product.price)).toEqual([
      28000, 26000, 25000, 22000, 20000, 8000, 8000,
    ]);
    expect(new Set(all.map((product) => product.id)).size).toBe(7);
  });

  it('pages through by sku and by updatedAt', async () => {
    const bySku = await walk('sort=sku&order=asc', 4);
    expect(bySku.map((product) => product.sku)).toEqual(made.map((product) => product.sku).sort());
    const byUpdated = await walk('sort=updatedAt&order=desc', 3);
    expect(new Set(byUpdated.map((product) => product.id))).toEqual(new Set(made.map((p) => p.id)));
  });

  it('filters by category, activity and search (name, product sku, variant sku, barcode)', async () => {
    const names = async (query: string) =>
      (await walk(query, 100)).map((product) => product.name).sort();
    expect(await names(`categoryId=${drinks.id}`)).toEqual([
      'Americano',
      'Cappuccino',
      'Es Teh',
      'Latte',
    ]);
    expect(await names('active=false')).toEqual(['Donat']);
    expect(await names('search=cino')).toEqual(['Cappuccino']);
    expect(await names(`search=${made[1]?.sku.toLowerCase()}`)).toEqual(['Bakso']);
    expect(await names('search=LATVL')).toEqual(['Latte']);
    expect(await names('search=8990001112223')).toEqual(['Es Teh']);
    expect(await names('search=%25')).toEqual([]);
  });

  it('with a store, gives each variant its effective price there, its stock and a low-stock flag', async () => {
    const [listed] = await walk(`storeId=${store.id}&search=Latte`, 10);
    const large = listed?.variants.find((variant) => variant.optionValues.Ukuran === 'L');
    const regular = listed?.variants.find((variant) => variant.optionValues.Ukuran === 'R');
    expect(large).toMatchObject({
      price: 33000,
      stock: { quantity: 2, minimumQuantity: 5, lowStock: true },
    });
    expect(regular).toMatchObject({ price: 26000, stock: { quantity: 40, lowStock: false } });
    const [plain] = await walk('search=Cappuccino', 10);
    expect(plain?.variants[0]).not.toHaveProperty('stock');
    const [noStock] = await walk(`storeId=${store.id}&search=Cappuccino`, 10);
    expect(noStock?.variants[0]?.stock).toBeNull();
    const [companyPrice] = await walk('search=Latte', 10);
    expect(
      companyPrice?.variants.find((variant) => variant.optionValues.Ukuran === 'L')?.price,
    ).toBe(31000);
  });

  it('filters low stock in a store', async () => {
    const low = await walk(`storeId=${store.id}&lowStock=true`, 100);
    expect(low.map((product) => product.name)).toEqual(['Latte']);
  });

  const badQueries: Array<[string, string]> = [
    ['lowStock without a store', 'lowStock=true'],
    ['an unknown sort key', 'sort=cost'],
    ['a limit over 100', 'limit=101'],
    ['an unknown parameter', 'colour=red'],
  ];
  it.each(badQueries)('refuses %s with 400', async (_, query) => {
    const response = await send(cashier.session, 'GET', `/api/v1/products?${query}`);
    expect(response.status).toBe(400);
    expect((await readProblem(response)).code).toBe('VALIDATION_FAILED');
  });

  it('refuses a garbage cursor with 400 INVALID_CURSOR', async () => {
    const response = await send(cashier.session, 'GET', '/api/v1/products?cursor=bm9wZQ');
    expect(response.status).toBe(400);
    expect((await readProblem(response)).code).toBe('INVALID_CURSOR');
  });

  it('refuses a cursor made for another sort', async () => {
    const first = await (
      await send(cashier.session, 'GET', '/api/v1/products?limit=1&sort=name')
    ).json<Page>();
    const response = await send(
      cashier.session,
      'GET',
      `/api/v1/products?limit=1&sort=price&cursor=${first.nextCursor}`,
    );
    expect(response.status).toBe(400);
  });

  it('costs the same number of queries for a page of 2 and a page of 7 (no N+1)', async () => {
    const counts = await withCountingDb(async (db, queries) => {
      const result: number[] = [];
      for (const limit of [2, 7]) {
        const before = queries();
        const page = await listProducts(db, company.id, {
          limit,
          sort: 'name',
          order: 'asc',
          storeId: store.id,
        });
        expect(page.data).toHaveLength(limit);
        result.push(queries() - before);
      }
      return result;
    });
    // store check, products, variants, prices, stock
    expect(counts).toEqual([5, 5]);
  });
});
