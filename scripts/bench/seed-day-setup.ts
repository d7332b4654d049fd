/**
 * The bench company of `npm run bench:day`, made in SQL where the API has no route for it:
 * there is no route yet to create a company or a store, so the company, its stores, its two
 * users and the cashier's store assignments are inserted here, as scripts/db/seed.ts seeds the
 * demo company (same schema, same password hashing).
 *
 * The large catalog for the full-refresh measurement is inserted here too: 5,000 product
 * requests would take longer than the day being measured. Its rows are written the way
 * createProduct (src/services/catalog/products.ts) writes them, so the sync feed cannot tell them
 * apart: the product and its default variant with the same defaults (version 1, sync_xid from the
 * transaction's id), the starting price in price_history, and a `product.create` audit row.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { hashPassword } from '../../src/auth/passwords';
import * as schema from '../../src/db/schema';
import { uuidv7 } from '../../src/lib/ids';
import { redactCredentials } from '../../src/lib/redact';
import { demoStores } from '../db/demo-data';

export interface BenchStore {
  id: string;
  code: string;
}

export interface BenchCompany {
  id: string;
  name: string;
  password: string;
  owner: { id: string; email: string };
  cashier: { id: string; email: string };
  stores: BenchStore[];
}

// Each bench store takes the tax settings of one of the demo stores, in turn. All sit in WIB with
// no cut-off hour, so a bench day is one business date per store.
const taxProfiles = demoStores.map((store) => ({
  taxRegime: store.taxRegime,
  taxRateBasisPoints: store.taxRateBasisPoints,
  serviceChargeBasisPoints: store.serviceChargeBasisPoints,
  serviceChargeTaxable: store.serviceChargeTaxable,
  pricesIncludeTax: store.pricesIncludeTax,
  cashRoundingStep: store.cashRoundingStep,
  nonCashRoundingStep: store.nonCashRoundingStep,
}));

const ROWS_PER_INSERT = 500;

function chunks<T>(rows: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, index) =>
    rows.slice(index * size, (index + 1) * size),
  );
}

export async function createBenchCompany(
  pool: pg.Pool,
  runId: string,
  storeCount: number,
): Promise<BenchCompany> {
  const password = `bench-${runId}`;
  const ownerEmail = `pemilik.${runId}@bench.kasir-edge.test`;
  const cashierEmail = `kasir.${runId}@bench.kasir-edge.test`;
  const passwordHash = await hashPassword(password);
  const db = drizzle({ client: pool, schema });
  return db.transaction(async (tx) => {
    const [company] = await tx
      .insert(schema.companies)
      .values({ name: `Bench ${runId}`, legalName: `PT Bench ${runId}` })
      .returning({ id: schema.companies.id, name: schema.companies.name });
    if (!company) throw new Error('company insert returned nothing');
    const storeRows = Array.from({ length: storeCount }, (_, index) => ({
      companyId: company.id,
      code: `B${String(index + 1).padStart(4, '0')}`,
      name: `Bench Store ${index + 1}`,
      address: `Jl. Bench No. ${index + 1}, Jakarta`,
      timezone: 'Asia/Jakarta' as const,
      businessDayCutoffHour: 0,
      ...taxProfiles[index % taxProfiles.length],
    }));
    const stores: BenchStore[] = [];
    for (const rows of chunks(storeRows, ROWS_PER_INSERT)) {
      stores.push(
        ...(await tx
          .insert(schema.stores)
          .values(rows)
          .returning({ id: schema.stores.id, code: schema.stores.code })),
      );
    }
    stores.sort((a, b) => a.code.localeCompare(b.code));
    const users = await tx
      .insert(schema.users)
      .values([
        {
          companyId: company.id,
          name: 'Bench Owner',
          email: ownerEmail,
          role: 'owner',
          passwordHash,
        },
        {
          companyId: company.id,
          name: 'Bench Cashier',
          email: cashierEmail,
          role: 'cashier',
          passwordHash,
        },
      ])
      .returning({ id: schema.users.id, role: schema.users.role });
    const owner = users.find((user) => user.role === 'owner');
    const cashier = users.find((user) => user.role === 'cashier');
    if (!owner || !cashier) throw new Error('user insert returned nothing');
    for (const rows of chunks(stores, ROWS_PER_INSERT)) {
      await tx
        .insert(schema.userStoreAssignments)
        .values(
          rows.map((store) => ({ companyId: company.id, userId: cashier.id, storeId: store.id })),
        );
    }
    return {
      id: company.id,
      name: company.name,
      password,
      owner: { id: owner.id, email: ownerEmail },
      cashier: { id: cashier.id, email: cashierEmail },
      stores,
    };
  });
}

/**
 * `count` single-variant products, as POST /api/v1/products with only name, SKU and price would
 * make them (one transaction per 500 here instead of one per product).
 */
export async function insertCatalog(
  pool: pg.Pool,
  company: BenchCompany,
  ownerSessionId: string,
  count: number,
): Promise<void> {
  const db = drizzle({ client: pool, schema });
  const indexes = Array.from({ length: count }, (_, index) => index + 1);
  for (const part of chunks(indexes, ROWS_PER_INSERT)) {
    await db.transaction(async (tx) => {
      const products = await tx
        .insert(schema.products)
        .values(
          part.map((index) => ({
            companyId: company.id,
            categoryId: null,
            name: `Katalog Produk ${index}`,
            sku: `KAT-${String(index).padStart(5, '0')}`,
            barcodes: [],
            price: 5_000 + (index % 20) * 1_000,
            cost: null,
            imageUrl: null,
            variantOptions: {},
          })),
        )
        .returning();
      const variants = await tx
        .insert(schema.productVariants)
        .values(
          products.map((product) => ({
            companyId: company.id,
            productId: product.id,
            name: product.name,
            sku: product.sku,
            barcode: null,
            optionValues: {},
            priceOverride: null,
            tracksStock: true,
            isDefault: true,
          })),
        )
        .returning();
      await tx.insert(schema.priceHistory).values(
        products.map((product) => ({
          id: uuidv7(),
          companyId: company.id,
          productId: product.id,
          variantId: null,
          storeId: null,
          oldPrice: null,
          newPrice: product.price,
          changedBy: company.owner.id,
        })),
      );
      const variantOf = new Map(variants.map((variant) => [variant.productId, variant]));
      await tx.insert(schema.auditLogs).values(
        products.map((product) => ({
          companyId: company.id,
          actorUserId: company.owner.id,
          deviceSessionId: ownerSessionId,
          action: 'product.create',
          entityType: 'product',
          entityId: product.id,
          before: null,
          after: redactCredentials({ ...product, variants: [variantOf.get(product.id)] }),
        })),
      );
    });
  }
}
