import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Company, Store } from '../../src/db/schema';
import type { priceHistoryPageSchema } from '../../src/routes/v1/products/schemas';
import { auditRows } from '../support/auth';
import { createStore } from '../support/factories';
import {
  type CategoryBody,
  historyOf,
  type Member,
  member,
  type ProductBody,
  send,
  tenant,
  uniqueSku,
  type VariantBody,
} from './helpers';

let company: Company;
let manager: Member;
let cashier: Member;
let jakarta: Store;
let bali: Store;

beforeAll(async () => {
  ({ company } = await tenant());
  jakarta = await createStore(company.id, { name: 'Jakarta' });
  bali = await createStore(company.id, { name: 'Bali' });
  manager = await member(company.id, 'manager', { storeIds: [jakarta.id, bali.id] });
  cashier = await member(company.id, 'cashier', { storeIds: [jakarta.id] });
});

describe('a manager builds a menu', () => {
  let minuman: CategoryBody;
  let kopi: CategoryBody;
  let esKopi: ProductBody;

  it('creates a category tree', async () => {
    const root = await send(manager.session, 'POST', '/api/v1/categories', {
      name: 'Minuman',
      sortOrder: 1,
      imageUrl: 'https://cdn.kopi.test/minuman.png',
    });
    expect(root.status).toBe(201);
    minuman = await root.json<CategoryBody>();
    expect(minuman).toMatchObject({ name: 'Minuman', parentId: null, depth: 1, version: 1 });

    const child = await send(manager.session, 'POST', '/api/v1/categories', {
      name: 'Kopi',
      parentId: minuman.id,
    });
    expect(child.status).toBe(201);
    kopi = await child.json<CategoryBody>();
    expect(kopi).toMatchObject({ parentId: minuman.id, depth: 2 });

    const list = await send(cashier.session, 'GET', '/api/v1/categories');
    expect(list.status).toBe(200);
    const { data } = await list.json<{ data: CategoryBody[] }>();
    expect(data.map((category) => category.id)).toEqual([minuman.id, kopi.id]);
    expect((await auditRows(company.id, 'category.create')).length).toBe(2);
  });

  it('creates a product with Ukuran and Suhu variants in one request', async () => {
    const response = await send(manager.session, 'POST', '/api/v1/products', {
      name: 'Es Kopi Susu',
      sku: uniqueSku('EKS'),
      categoryId: kopi.id,
      unit: 'gelas',
      price: 22000,
      cost: 9000,
      variantOptions: { Ukuran: ['R', 'L'], Suhu: ['Panas', 'Dingin'] },
      variants: [
        {
          optionValues: { Ukuran: 'R', Suhu: 'Panas' },
          sku: uniqueSku('EKS-RP'),
          tracksStock: false,
        },
        {
          optionValues: { Ukuran: 'R', Suhu: 'Dingin' },
          sku: uniqueSku('EKS-RD'),
          tracksStock: false,
        },
        {
          optionValues: { Suhu: 'Dingin', Ukuran: 'L' },
          sku: uniqueSku('EKS-LD'),
          priceOverride: 27000,
          tracksStock: false,
        },
      ],
    });
    expect(response.status).toBe(201);
    esKopi = await response.json<ProductBody>();
    expect(esKopi).toMatchObject({ name: 'Es Kopi Susu', price: 22000, categoryId: kopi.id });
    expect(esKopi.variants).toHaveLength(3);
    const large = esKopi.variants.find((variant) => variant.optionValues.Ukuran === 'L');
    expect(large).toMatchObject({
      name: 'Es Kopi Susu (Dingin, L)',
      price: 27000,
      isDefault: false,
    });
    expect(esKopi.variants.filter((variant) => variant.price === 22000)).toHaveLength(2);

    const history = await historyOf(esKopi.id);
    expect(history.map((row) => [row.variantId === null, row.newPrice])).toEqual(
      expect.arrayContaining([
        [true, 22000],
        [false, 27000],
      ]),
    );
    expect((await auditRows(company.id, 'product.create')).length).toBe(1);
  });

  it('gives the large iced coffee its own price in Bali, and clears it again', async () => {
    const large = esKopi.variants.find(
      (variant) => variant.optionValues.Ukuran === 'L',
    ) as VariantBody;
    const path = `/api/v1/products/${esKopi.id}/variants/${large.id}/store-prices/${bali.id}`;
    const set = await send(manager.session, 'PUT', path, { price: 30000 });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ storeId: bali.id, variantId: large.id, price: 30000 });

    const inBali = await send(
      cashier.session,
      'GET',
      `/api/v1/products/${esKopi.id}?storeId=${bali.id}`,
    );
    const baliView = await inBali.json<ProductBody>();
    expect(baliView.variants.find((variant) => variant.id === large.id)?.price).toBe(30000);
    const inJakarta = await send(
      cashier.session,
      'GET',
      `/api/v1/products/${esKopi.id}?storeId=${jakarta.id}`,
    );
    const jakartaView = await inJakarta.json<ProductBody>();
    expect(jakartaView.variants.find((variant) => variant.id === large.id)?.price).toBe(27000);

    const cleared = await send(manager.session, 'DELETE', path);
    expect(cleared.status).toBe(204);
    const after = await send(
      cashier.session,
      'GET',
      `/api/v1/products/${esKopi.id}?storeId=${bali.id}`,
    );
    expect(
      (await after.json<ProductBody>()).variants.find((variant) => variant.id === large.id)?.price,
    ).toBe(27000);

    const storeRows = (await historyOf(esKopi.id)).filter((row) => row.storeId === bali.id);
    expect(storeRows.map((row) => [row.oldPrice, row.newPrice, row.changedBy])).toEqual([
      [null, 30000, manager.user.id],
      [30000, null, manager.user.id],
    ]);
    expect((await auditRows(company.id, 'store_price.set')).length).toBe(1);
    expect((await auditRows(company.id, 'store_price.clear')).length).toBe(1);

    const history = await send(
      cashier.session,
      'GET',
      `/api/v1/products/${esKopi.id}/price-history?limit=2`,
    );
    expect(history.status).toBe(200);
    const page = await history.json<z.infer<typeof priceHistoryPageSchema>>();
    expect(page.data[0]).toMatchObject({ level: 'store', newPrice: null });
    expect(page.nextCursor).toEqual(expect.any(String));
  });
});
