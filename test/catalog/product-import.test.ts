import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { products } from '../../src/db/schema';
import { auditRows } from '../support/auth';
import { createCompany, withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import {
  catalogSnapshot,
  createCategoryVia,
  createProductVia,
  type Member,
  member,
  send,
  tenant,
  uniqueSku,
} from './helpers';

/** POST /api/v1/products/import: a spreadsheet of products, all of them or none. */
let companyId: string;
let manager: Member;

beforeAll(async () => {
  ({
    company: { id: companyId },
  } = await tenant());
  manager = await member(companyId, 'manager');
});

const importRows = (rows: unknown[], headers: Record<string, string> = {}) =>
  send(manager.session, 'POST', '/api/v1/products/import', { rows }, headers);

describe('POST /api/v1/products/import', () => {
  it('writes every row as a product with its default variant, starting price and audit row', async () => {
    await createCategoryVia(manager, { name: 'Minuman Dingin' });
    const rows = [
      { name: 'Es Teh Manis', sku: uniqueSku('ETM'), price: 8000, category: '  minuman dingin ' },
      { name: 'Nasi Goreng', sku: uniqueSku('NGR'), price: 25000, cost: 11000, tracksStock: false },
      {
        name: 'Kerupuk',
        sku: uniqueSku('KRP'),
        price: 2000,
        barcode: '8991234567890',
        unit: 'bks',
      },
    ];
    const before = await catalogSnapshot(companyId);
    const response = await importRows(rows);
    expect(response.status).toBe(201);
    const body = await response.json<{
      imported: number;
      products: Array<{ id: string; sku: string }>;
    }>();
    expect(body.imported).toBe(3);
    expect(body.products.map((product) => product.sku)).toEqual(rows.map((row) => row.sku));

    const after = await catalogSnapshot(companyId);
    const added = after.products.filter(
      (product) => !before.products.some((old) => old.id === product.id),
    );
    expect(added).toHaveLength(3);
    const tea = added.find((product) => product.name === 'Es Teh Manis');
    const category = after.categories.find((row) => row.name === 'Minuman Dingin');
    expect(tea?.categoryId).toBe(category?.id);
    const rice = added.find((product) => product.name === 'Nasi Goreng');
    expect(rice).toMatchObject({ price: 25000, cost: 11000, categoryId: null });
    const crackers = added.find((product) => product.name === 'Kerupuk');
    expect(crackers).toMatchObject({ unit: 'bks', barcodes: ['8991234567890'] });

    const newVariants = after.variants.filter((variant) =>
      added.some((product) => product.id === variant.productId),
    );
    expect(newVariants).toHaveLength(3);
    expect(newVariants.every((variant) => variant.isDefault)).toBe(true);
    expect(newVariants.find((variant) => variant.productId === rice?.id)?.tracksStock).toBe(false);
    expect(newVariants.find((variant) => variant.productId === tea?.id)?.tracksStock).toBe(true);
    expect(after.priceHistory.length - before.priceHistory.length).toBe(3);
    const audits = (await auditRows(companyId, 'product.create')).filter((row) =>
      added.some((product) => product.id === row.entityId),
    );
    expect(audits).toHaveLength(3);

    // The imported products sell like any other: they are in the catalog the tills read.
    const listed = await send(
      manager.session,
      'GET',
      `/api/v1/products?search=${encodeURIComponent(rows[0]?.sku ?? '')}`,
    );
    expect((await listed.json<{ data: unknown[] }>()).data).toHaveLength(1);
  });

  it('refuses the whole file when any row is wrong, naming every wrong field, and writes nothing', async () => {
    const existing = await createProductVia(manager, {
      name: 'Kopi Hitam',
      sku: uniqueSku('KH'),
      price: 12000,
    });
    const repeated = uniqueSku('DUP');
    const before = await catalogSnapshot(companyId);
    const response = await importRows([
      { name: 'Baik', sku: uniqueSku('OK'), price: 1000 },
      { name: 'Sudah ada', sku: existing.sku, price: 1000 },
      { name: 'Pertama', sku: repeated, price: 1000 },
      { name: 'Kedua', sku: repeated, price: 1000 },
      { name: 'Kategori hilang', sku: uniqueSku('CAT'), price: 1000, category: 'Tidak Ada' },
    ]);
    expect(response.status).toBe(422);
    const problem = await readProblem(response);
    expect(problem.code).toBe('UNPROCESSABLE');
    expect(problem.detail).toContain('3');
    expect(problem.errors?.map((error) => error.path)).toEqual([
      'rows.1.sku',
      'rows.3.sku',
      'rows.4.category',
    ]);
    expect(problem.errors?.[1]?.message).toContain('baris 3');
    expect(await catalogSnapshot(companyId)).toEqual(before);
  });

  it('answers bad input 400 with the row and field, in English on request, writing nothing', async () => {
    const before = await catalogSnapshot(companyId);
    const response = await importRows(
      [
        { name: 'Baik', sku: uniqueSku('OK'), price: 1000 },
        { name: '', sku: uniqueSku('X'), price: -5 },
      ],
      { 'Accept-Language': 'en' },
    );
    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.errors?.map((error) => error.path).sort()).toEqual([
      'rows.1.name',
      'rows.1.price',
    ]);
    expect(response.headers.get('Content-Language')).toBe('en');
    expect((await importRows([])).status).toBe(400);
    const tooMany = Array.from({ length: 1001 }, (_row, index) => ({
      name: `P${index}`,
      sku: `S${index}`,
      price: 1,
    }));
    expect((await importRows(tooMany)).status).toBe(400);
    expect(await catalogSnapshot(companyId)).toEqual(before);
  });

  it('lets one of two files racing for the same SKU win, the other write nothing (409 or 422, never 500)', async () => {
    const shared = uniqueSku('RACE');
    const ownA = uniqueSku('A');
    const ownB = uniqueSku('B');
    const [first, second] = await Promise.all([
      importRows([
        { name: 'Lomba A', sku: ownA, price: 1000 },
        { name: 'Bersama', sku: shared, price: 1000 },
      ]),
      importRows([
        { name: 'Lomba B', sku: ownB, price: 1000 },
        { name: 'Bersama', sku: shared, price: 1000 },
      ]),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses[0]).toBe(201);
    expect([409, 422]).toContain(statuses[1]);
    const loserSku = first.status === 201 ? ownB : ownA;
    const written = await withDatabase(({ db }) =>
      db
        .select({ sku: products.sku })
        .from(products)
        .where(and(eq(products.companyId, companyId), inArray(products.sku, [shared, loserSku]))),
    );
    expect(written.map((row) => row.sku)).toEqual([shared]);
  });

  it('never files a product under another company’s category of the same name', async () => {
    const other = await createCompany();
    const otherManager = await member(other.id, 'manager');
    await createCategoryVia(otherManager, { name: 'Khusus Tetangga' });
    const sku = uniqueSku('NB');
    const response = await importRows([
      { name: 'Tetangga', sku, price: 1000, category: 'Khusus Tetangga' },
    ]);
    expect(response.status).toBe(422);
    expect((await readProblem(response)).errors?.[0]?.path).toBe('rows.0.category');
    const written = await withDatabase(({ db }) =>
      db
        .select()
        .from(products)
        .where(and(eq(products.companyId, companyId), eq(products.sku, sku))),
    );
    expect(written).toHaveLength(0);
  });
});
