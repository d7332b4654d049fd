import { beforeAll, describe, expect, it } from 'vitest';
import type { Company, Store } from '../../src/db/schema';
import { auditRows } from '../support/auth';
import { createCompany, createStore } from '../support/factories';
import { readProblem } from '../support/worker';
import {
  catalogSnapshot,
  createCategoryVia,
  createProductVia,
  historyOf,
  type Member,
  member,
  type ProductBody,
  send,
  tenant,
  uniqueSku,
  type VariantBody,
  variantsOf,
} from './helpers';

let company: Company;
let manager: Member;
let cashier: Member;
let store: Store;

beforeAll(async () => {
  ({ company } = await tenant());
  manager = await member(company.id, 'manager');
  cashier = await member(company.id, 'cashier');
  store = await createStore(company.id);
});

const options = { Ukuran: ['R', 'L'], Suhu: ['Panas', 'Dingin'] };

function kopiBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Kopi Susu',
    sku: uniqueSku('KS'),
    price: 18000,
    variantOptions: options,
    variants: [
      { optionValues: { Ukuran: 'R', Suhu: 'Panas' }, sku: uniqueSku('KS-RP') },
      {
        optionValues: { Ukuran: 'L', Suhu: 'Dingin' },
        sku: uniqueSku('KS-LD'),
        priceOverride: 23000,
      },
    ],
    ...overrides,
  };
}

/** A refused create: the status, the code, the field paths (for a 400), and nothing written. */
async function expectCreateRefused(
  body: unknown,
  status: number,
  code: string,
  paths?: string[],
): Promise<void> {
  const before = await catalogSnapshot(company.id);
  const response = await send(manager.session, 'POST', '/api/v1/products', body);
  expect(response.status).toBe(status);
  const problem = await readProblem(response);
  expect(problem.code).toBe(code);
  if (paths) expect(problem.errors?.map((error) => error.path).sort()).toEqual([...paths].sort());
  expect(await catalogSnapshot(company.id)).toEqual(before);
}

describe('POST /api/v1/products', () => {
  it('creates a product without options with exactly one default variant', async () => {
    const sku = uniqueSku('TEH');
    const product = await createProductVia(manager, {
      name: 'Teh Manis',
      sku,
      price: 8000,
      barcodes: ['8991234567890'],
      tracksStock: false,
    });
    expect(product.variants).toEqual([
      expect.objectContaining({
        name: 'Teh Manis',
        sku,
        isDefault: true,
        optionValues: {},
        price: 8000,
        tracksStock: false,
      }),
    ]);
    expect(await variantsOf(product.id)).toHaveLength(1);
    const history = await historyOf(product.id);
    expect(history.map((row) => [row.variantId, row.storeId, row.oldPrice, row.newPrice])).toEqual([
      [null, null, null, 8000],
    ]);
  });

  const priceCases: Array<[string, unknown]> = [
    ['a negative price', -1],
    ['a non-integer price', 1500.5],
    ['a price over the maximum', 1_000_000_001],
    ['a price as a string', '15000'],
  ];
  it.each(priceCases)('refuses %s with 400 on price', async (_, price) => {
    await expectCreateRefused(kopiBody({ price }), 400, 'VALIDATION_FAILED', ['price']);
  });

  it('refuses a negative variant price override with 400 on its path', async () => {
    const body = kopiBody();
    (body.variants[1] as Record<string, unknown>).priceOverride = -5;
    await expectCreateRefused(body, 400, 'VALIDATION_FAILED', ['variants.1.priceOverride']);
  });

  const optionCases: Array<[string, unknown]> = [
    ['an option with no values', { Ukuran: [] }],
    ['an option with a blank value', { Ukuran: ['R', ' '] }],
    ['an option with repeated values', { Ukuran: ['R', 'R'] }],
    ['options that are a list', ['R', 'L']],
    ['an option that is not a list', { Ukuran: 'R' }],
    ['a value that is not a string', { Ukuran: ['R', 2] }],
  ];
  it.each(optionCases)('refuses %s with 400', async (_, variantOptions) => {
    const before = await catalogSnapshot(company.id);
    const response = await send(
      manager.session,
      'POST',
      '/api/v1/products',
      kopiBody({ variantOptions, variants: [] }),
    );
    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.errors?.some((error) => error.path.startsWith('variantOptions'))).toBe(true);
    expect(await catalogSnapshot(company.id)).toEqual(before);
  });

  const combinationCases: Array<[string, Record<string, string>]> = [
    ['a value that is not listed', { Ukuran: 'XL', Suhu: 'Panas' }],
    ['a missing option', { Ukuran: 'R' }],
    ['an extra key', { Ukuran: 'R', Suhu: 'Panas', Gula: 'Sedikit' }],
    ['an unknown option', { Ukuran: 'R', Rasa: 'Panas' }],
  ];
  it.each(combinationCases)(
    'refuses a variant with %s with 400 on its optionValues',
    async (_, optionValues) => {
      const body = kopiBody();
      (body.variants[1] as Record<string, unknown>).optionValues = optionValues;
      await expectCreateRefused(body, 400, 'VALIDATION_FAILED', ['variants.1.optionValues']);
    },
  );

  it('refuses the same combination twice, variants without options, and options without variants', async () => {
    const twice = kopiBody();
    (twice.variants[1] as Record<string, unknown>).optionValues = { Suhu: 'Panas', Ukuran: 'R' };
    await expectCreateRefused(twice, 400, 'VALIDATION_FAILED', ['variants.1.optionValues']);
    await expectCreateRefused(kopiBody({ variantOptions: {} }), 400, 'VALIDATION_FAILED', [
      'variants',
    ]);
    await expectCreateRefused(kopiBody({ variants: [] }), 400, 'VALIDATION_FAILED', ['variants']);
  });

  it('refuses a duplicate SKU (product or variant) with 409', async () => {
    const existing = await createProductVia(manager);
    await expectCreateRefused(kopiBody({ sku: existing.sku }), 409, 'CONFLICT');
    const body = kopiBody();
    (body.variants[0] as Record<string, unknown>).sku = existing.variants[0]?.sku;
    await expectCreateRefused(body, 409, 'CONFLICT');
  });

  it('frees the SKU of a deleted product', async () => {
    const existing = await createProductVia(manager);
    expect((await send(manager.session, 'DELETE', `/api/v1/products/${existing.id}`)).status).toBe(
      204,
    );
    const again = await createProductVia(manager, { sku: existing.sku });
    expect(again.sku).toBe(existing.sku);
  });

  it("refuses an unknown category and another company's category with 422", async () => {
    const other = await tenant();
    const otherManager = await member(other.company.id, 'manager');
    const foreign = await createCategoryVia(otherManager, { name: 'Milik Lain' });
    const otherBefore = await catalogSnapshot(other.company.id);
    await expectCreateRefused(kopiBody({ categoryId: crypto.randomUUID() }), 422, 'UNPROCESSABLE');
    await expectCreateRefused(kopiBody({ categoryId: foreign.id }), 422, 'UNPROCESSABLE');
    expect(await catalogSnapshot(other.company.id)).toEqual(otherBefore);
  });

  it('refuses an image URL that is not https', async () => {
    await expectCreateRefused(
      kopiBody({ imageUrl: 'ftp://x.test/a.png' }),
      400,
      'VALIDATION_FAILED',
      ['imageUrl'],
    );
  });
});

describe('PATCH /api/v1/products/:id', () => {
  it('changes the price with a product-level history row and an audit row', async () => {
    const product = await createProductVia(manager, { price: 10000 });
    const response = await send(manager.session, 'PATCH', `/api/v1/products/${product.id}`, {
      version: product.version,
      price: 12000,
      name: 'Air Mineral Dingin',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ price: 12000, version: 2 });
    const history = await historyOf(product.id);
    expect(history.at(-1)).toMatchObject({
      variantId: null,
      storeId: null,
      oldPrice: 10000,
      newPrice: 12000,
      changedBy: manager.user.id,
    });
    const audits = await auditRows(company.id, 'product.update');
    expect(audits.some((row) => row.entityId === product.id)).toBe(true);
  });

  it('answers a stale version with 409 and the current product, writing nothing', async () => {
    const product = await createProductVia(manager, { price: 10000 });
    expect(
      (
        await send(manager.session, 'PATCH', `/api/v1/products/${product.id}`, {
          version: 1,
          price: 11000,
        })
      ).status,
    ).toBe(200);
    const before = await catalogSnapshot(company.id);
    const stale = await send(
      manager.session,
      'PATCH',
      `/api/v1/products/${product.id}`,
      { price: 9000 },
      { 'If-Match': '"1"' },
    );
    expect(stale.status).toBe(409);
    const problem = (await readProblem(stale)) as unknown as { current: ProductBody };
    expect(problem.current).toMatchObject({ id: product.id, price: 11000, version: 2 });
    expect(await catalogSnapshot(company.id)).toEqual(before);
  });

  it('refuses a bad price, a taken SKU and a missing version, writing nothing', async () => {
    const product = await createProductVia(manager);
    const other = await createProductVia(manager);
    const before = await catalogSnapshot(company.id);
    const path = `/api/v1/products/${product.id}`;
    const bad = await send(manager.session, 'PATCH', path, { version: 1, price: -100 });
    expect(bad.status).toBe(400);
    const taken = await send(manager.session, 'PATCH', path, { version: 1, sku: other.sku });
    expect(taken.status).toBe(409);
    const noVersion = await send(manager.session, 'PATCH', path, { price: 100 });
    expect(noVersion.status).toBe(400);
    expect(await catalogSnapshot(company.id)).toEqual(before);
  });

  it('refuses options that existing variants do not fit (422)', async () => {
    const response = await send(manager.session, 'POST', '/api/v1/products', kopiBody());
    const product = await response.json<ProductBody>();
    const before = await catalogSnapshot(company.id);
    const patch = await send(manager.session, 'PATCH', `/api/v1/products/${product.id}`, {
      version: 1,
      variantOptions: { Ukuran: ['R', 'L'] },
    });
    expect(patch.status).toBe(422);
    expect(await catalogSnapshot(company.id)).toEqual(before);
  });
});

describe('variants', () => {
  let product: ProductBody;
  beforeAll(async () => {
    const response = await send(manager.session, 'POST', '/api/v1/products', kopiBody());
    product = await response.json<ProductBody>();
  });

  it('adds a variant, changes its override (history at variant level), and deletes it', async () => {
    const add = await send(manager.session, 'POST', `/api/v1/products/${product.id}/variants`, {
      optionValues: { Ukuran: 'L', Suhu: 'Panas' },
      sku: uniqueSku('KS-LP'),
      priceOverride: 21000,
    });
    expect(add.status).toBe(201);
    const variant = await add.json<VariantBody>();
    expect(variant).toMatchObject({ name: 'Kopi Susu (Panas, L)', price: 21000 });

    const patch = await send(
      manager.session,
      'PATCH',
      `/api/v1/products/${product.id}/variants/${variant.id}`,
      { version: 1, priceOverride: null },
    );
    expect(patch.status).toBe(200);
    expect(await patch.json()).toMatchObject({ priceOverride: null, price: 18000, version: 2 });
    const rows = (await historyOf(product.id)).filter((row) => row.variantId === variant.id);
    expect(rows.map((row) => [row.oldPrice, row.newPrice])).toEqual([
      [null, 21000],
      [21000, null],
    ]);

    const stale = await send(
      manager.session,
      'PATCH',
      `/api/v1/products/${product.id}/variants/${variant.id}`,
      { version: 1, tracksStock: false },
    );
    expect(stale.status).toBe(409);

    const del = await send(
      manager.session,
      'DELETE',
      `/api/v1/products/${product.id}/variants/${variant.id}`,
    );
    expect(del.status).toBe(204);
    const read = await (
      await send(cashier.session, 'GET', `/api/v1/products/${product.id}`)
    ).json<ProductBody>();
    expect(read.variants.map((row) => row.id)).not.toContain(variant.id);
    expect((await auditRows(company.id, 'product_variant.delete')).length).toBeGreaterThan(0);
  });

  it('refuses a combination that does not match the options (422) or already exists (409)', async () => {
    const before = await catalogSnapshot(company.id);
    const path = `/api/v1/products/${product.id}/variants`;
    const unknown = await send(manager.session, 'POST', path, {
      optionValues: { Ukuran: 'XL', Suhu: 'Panas' },
      sku: uniqueSku('X'),
    });
    expect(unknown.status).toBe(422);
    const partial = await send(manager.session, 'POST', path, {
      optionValues: { Ukuran: 'R' },
      sku: uniqueSku('X'),
    });
    expect(partial.status).toBe(422);
    const duplicate = await send(manager.session, 'POST', path, {
      optionValues: { Suhu: 'Panas', Ukuran: 'R' },
      sku: uniqueSku('X'),
    });
    expect(duplicate.status).toBe(409);
    expect(await catalogSnapshot(company.id)).toEqual(before);
  });

  it('keeps at least one live variant (422 on the last one)', async () => {
    const single = await createProductVia(manager);
    const before = await catalogSnapshot(company.id);
    const response = await send(
      manager.session,
      'DELETE',
      `/api/v1/products/${single.id}/variants/${single.variants[0]?.id}`,
    );
    expect(response.status).toBe(422);
    expect(await catalogSnapshot(company.id)).toEqual(before);
  });
});

describe('tenancy and permissions', () => {
  it("answers 404 for every route on another company's product, variant and store", async () => {
    const other = await createCompany();
    const otherManager = await member(other.id, 'manager');
    const otherStore = await createStore(other.id);
    const foreign = await createProductVia(otherManager);
    const foreignVariant = foreign.variants[0]?.id;
    const mine = await createProductVia(manager);
    const myVariant = mine.variants[0]?.id;
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/api/v1/products/${foreign.id}`],
      ['GET', `/api/v1/products/${foreign.id}/price-history`],
      ['PATCH', `/api/v1/products/${foreign.id}`, { version: 1, price: 1 }],
      ['DELETE', `/api/v1/products/${foreign.id}`],
      ['POST', `/api/v1/products/${foreign.id}/variants`, { optionValues: {}, sku: uniqueSku() }],
      [
        'PATCH',
        `/api/v1/products/${foreign.id}/variants/${foreignVariant}`,
        { version: 1, sku: 'X' },
      ],
      ['DELETE', `/api/v1/products/${foreign.id}/variants/${foreignVariant}`],
      [
        'PUT',
        `/api/v1/products/${foreign.id}/variants/${foreignVariant}/store-prices/${store.id}`,
        { price: 1 },
      ],
      [
        'PUT',
        `/api/v1/products/${mine.id}/variants/${foreignVariant}/store-prices/${store.id}`,
        { price: 1 },
      ],
      [
        'PUT',
        `/api/v1/products/${mine.id}/variants/${myVariant}/store-prices/${otherStore.id}`,
        { price: 1 },
      ],
      ['DELETE', `/api/v1/products/${mine.id}/variants/${myVariant}/store-prices/${otherStore.id}`],
      ['GET', `/api/v1/products?storeId=${otherStore.id}`],
    ];
    const before = [await catalogSnapshot(company.id), await catalogSnapshot(other.id)];
    for (const [method, path, body] of attempts) {
      const response = await send(manager.session, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect((await readProblem(response)).code).toBe('NOT_FOUND');
    }
    expect([await catalogSnapshot(company.id), await catalogSnapshot(other.id)]).toEqual(before);
    const list = await (
      await send(manager.session, 'GET', `/api/v1/products?search=${foreign.sku}`)
    ).json<{
      data: unknown[];
    }>();
    expect(list.data).toEqual([]);
  });

  it('lets a cashier read (200) but not write (403), writing nothing', async () => {
    const product = await createProductVia(manager);
    const variant = product.variants[0]?.id;
    const reads = [
      '/api/v1/products',
      `/api/v1/products/${product.id}`,
      `/api/v1/products/${product.id}?storeId=${store.id}`,
      `/api/v1/products/${product.id}/price-history`,
    ];
    for (const path of reads)
      expect((await send(cashier.session, 'GET', path)).status, path).toBe(200);
    const before = await catalogSnapshot(company.id);
    const writes: Array<[string, string, unknown?]> = [
      ['POST', '/api/v1/products', kopiBody()],
      ['PATCH', `/api/v1/products/${product.id}`, { version: 1, price: 1 }],
      ['DELETE', `/api/v1/products/${product.id}`],
      ['POST', `/api/v1/products/${product.id}/variants`, { optionValues: {}, sku: uniqueSku() }],
      ['PATCH', `/api/v1/products/${product.id}/variants/${variant}`, { version: 1, sku: 'X' }],
      ['DELETE', `/api/v1/products/${product.id}/variants/${variant}`],
      [
        'PUT',
        `/api/v1/products/${product.id}/variants/${variant}/store-prices/${store.id}`,
        { price: 1 },
      ],
      ['DELETE', `/api/v1/products/${product.id}/variants/${variant}/store-prices/${store.id}`],
    ];
    for (const [method, path, body] of writes) {
      const response = await send(cashier.session, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect(await catalogSnapshot(company.id)).toEqual(before);
  });

  it('speaks English when asked', async () => {
    const response = await send(
      manager.session,
      'GET',
      `/api/v1/products/${crypto.randomUUID()}`,
      undefined,
      {
        'Accept-Language': 'en',
      },
    );
    expect(response.status).toBe(404);
    expect((await readProblem(response)).detail).toBe('Product not found.');
  });
});
