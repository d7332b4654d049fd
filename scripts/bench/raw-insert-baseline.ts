/**
 * The floor under `npm run bench:day`: the rows of the same number of sales written straight into
 * a scratch database with `pg`, no Worker, no Durable Object, no validation, no pricing. Per
 * sale: one transactions row, its items, one payment, one stock movement per item and one
 * audit_logs row, plus the inventory_levels upsert and the sale_counters row, the order
 * writeSales (src/services/sales/write-sales.ts) uses, in one database transaction per 100 sales
 * of a store with multi-row INSERTs, on CONCURRENCY connections at once.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { saleNumber } from '../../src/lib/business-date';
import { uuidv7 } from '../../src/lib/ids';
import { migrateDatabase } from '../db/migrate';
import { createScratchDatabase } from '../local-db/local-database';
import { inTransaction } from './bench-database';
import { mapConcurrently, timed } from './bench-http';

export interface RawInsertOptions {
  adminUrl: string;
  stores: number;
  salesPerStore: number;
  itemsPerSale: number;
  concurrency: number;
  variants: number;
  businessDate: string;
}

export interface RawInsertResult {
  sales: number;
  ms: number;
  salesPerSecond: number;
}

const SALES_PER_TRANSACTION = 100;
const OPENING_STOCK = 1_000_000;

type Row = readonly unknown[];

/** INSERT … VALUES ($1, …), (…) for many rows; `suffix` adds ON CONFLICT / RETURNING. */
async function insertRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: readonly Row[],
  suffix = '',
): Promise<pg.QueryResult> {
  const values: unknown[] = [];
  const tuples = rows.map((row) => {
    const placeholders = row.map((value) => {
      values.push(value);
      return `$${values.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  return client.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${suffix}`,
    values,
  );
}

export async function runRawInsertBaseline(options: RawInsertOptions): Promise<RawInsertResult> {
  const scratch = await createScratchDatabase(
    options.adminUrl,
    `kasir_bench_raw_${process.pid}_${Date.now().toString(36)}`,
  );
  const pool = new pg.Pool({ connectionString: scratch.databaseUrl, max: options.concurrency });
  pool.on('error', () => undefined);
  try {
    await migrateDatabase(scratch.databaseUrl);
    const fixture = await inTransaction(pool, (client) => insertFixture(client, options));

    const jobs: Array<{ store: { id: string; code: string }; first: number; count: number }> = [];
    for (let first = 0; first < options.salesPerStore; first += SALES_PER_TRANSACTION) {
      for (const store of fixture.stores) {
        jobs.push({
          store,
          first,
          count: Math.min(SALES_PER_TRANSACTION, options.salesPerStore - first),
        });
      }
    }
    const [, ms] = await timed(() =>
      mapConcurrently(jobs, options.concurrency, (job) =>
        inTransaction(pool, (client) => writeChunk(client, fixture, options, job.store, job.count)),
      ),
    );
    const sales = options.stores * options.salesPerStore;
    return { sales, ms, salesPerSecond: sales / (ms / 1000) };
  } finally {
    await pool.end();
    await scratch.drop();
  }
}

interface Fixture {
  companyId: string;
  cashierId: string;
  stores: Array<{ id: string; code: string }>;
  variants: Array<{ id: string; name: string; sku: string; price: number }>;
}

async function insertFixture(client: pg.PoolClient, options: RawInsertOptions): Promise<Fixture> {
  const companyId = uuidv7();
  await client.query('INSERT INTO companies (id, name) VALUES ($1, $2)', [companyId, 'Raw bench']);
  const stores = Array.from({ length: options.stores }, (_, index) => ({
    id: uuidv7(),
    code: `B${String(index + 1).padStart(4, '0')}`,
  }));
  for (let start = 0; start < stores.length; start += 1000) {
    await insertRows(
      client,
      'stores',
      ['id', 'company_id', 'code', 'name', 'tax_regime', 'tax_rate_basis_points'],
      stores
        .slice(start, start + 1000)
        .map((store) => [store.id, companyId, store.code, store.code, 'pbjt', 1000]),
    );
  }
  const cashierId = uuidv7();
  await client.query(
    `INSERT INTO users (id, company_id, name, email, role, password_hash)
     VALUES ($1, $2, 'Raw cashier', $3, 'cashier', 'x')`,
    [cashierId, companyId, `raw.${cashierId}@bench.kasir-edge.test`],
  );
  const variants = Array.from({ length: options.variants }, (_, index) => ({
    id: uuidv7(),
    productId: uuidv7(),
    name: `Raw ${index + 1}`,
    sku: `RAW-${index + 1}`,
    price: 10_000 + index * 2_500,
  }));
  await insertRows(
    client,
    'products',
    ['id', 'company_id', 'name', 'sku', 'price'],
    variants.map((variant) => [
      variant.productId,
      companyId,
      variant.name,
      variant.sku,
      variant.price,
    ]),
  );
  await insertRows(
    client,
    'product_variants',
    ['id', 'company_id', 'product_id', 'name', 'sku', 'is_default'],
    variants.map((variant) => [
      variant.id,
      companyId,
      variant.productId,
      variant.name,
      variant.sku,
      true,
    ]),
  );
  for (const store of stores) {
    await insertRows(
      client,
      'inventory_levels',
      ['company_id', 'store_id', 'variant_id', 'quantity'],
      variants.map((variant) => [companyId, store.id, variant.id, OPENING_STOCK]),
    );
  }
  return { companyId, cashierId, stores, variants };
}

async function writeChunk(
  client: pg.PoolClient,
  fixture: Fixture,
  options: RawInsertOptions,
  store: { id: string; code: string },
  count: number,
): Promise<void> {
  const { companyId, cashierId } = fixture;
  const counter = await insertRows(
    client,
    'sale_counters',
    ['company_id', 'store_id', 'business_date', 'last_number'],
    [[companyId, store.id, options.businessDate, count]],
    `ON CONFLICT (company_id, store_id, business_date)
     DO UPDATE SET last_number = sale_counters.last_number + excluded.last_number, updated_at = now()
     RETURNING last_number`,
  );
  const lastNumber = Number(counter.rows[0]?.last_number);
  const base = Date.now();
  const sales = Array.from({ length: count }, (_, index) => {
    const lines = Array.from({ length: options.itemsPerSale }, (_, line) => {
      const variant =
        fixture.variants[(index * options.itemsPerSale + line) % fixture.variants.length];
      if (!variant) throw new Error('no variant');
      const quantity = 1 + ((index + line) % 3);
      return { variant, quantity, lineTotal: quantity * variant.price };
    });
    const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
    const tax = Math.round(subtotal / 10);
    return {
      id: uuidv7(base + index),
      number: saleNumber(store.code, options.businessDate, lastNumber - count + index + 1),
      lines,
      subtotal,
      tax,
      total: subtotal + tax,
    };
  });

  const movements = sales.flatMap((sale) =>
    sale.lines.map((line, lineIndex) => [
      uuidv7(base + lineIndex),
      companyId,
      store.id,
      line.variant.id,
      'sale',
      -line.quantity,
      'transaction',
      sale.id,
      cashierId,
    ]),
  );
  await insertRows(
    client,
    'stock_movements',
    [
      'id',
      'company_id',
      'store_id',
      'variant_id',
      'kind',
      'quantity_delta',
      'reference_type',
      'reference_id',
      'actor_user_id',
    ],
    movements,
  );
  const deltas = new Map<string, number>();
  for (const sale of sales) {
    for (const line of sale.lines) {
      deltas.set(line.variant.id, (deltas.get(line.variant.id) ?? 0) - line.quantity);
    }
  }
  await insertRows(
    client,
    'inventory_levels',
    ['company_id', 'store_id', 'variant_id', 'quantity'],
    [...deltas]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([variantId, delta]) => [companyId, store.id, variantId, delta]),
    `ON CONFLICT (company_id, store_id, variant_id)
     DO UPDATE SET quantity = inventory_levels.quantity + excluded.quantity,
       version = inventory_levels.version + 1, updated_at = now()`,
  );
  await insertRows(
    client,
    'transactions',
    [
      'id',
      'company_id',
      'store_id',
      'number',
      'business_date',
      'cashier_id',
      'client_reference',
      'client_created_at',
      'request_hash',
      'tax_regime',
      'tax_rate_basis_points',
      'service_charge_basis_points',
      'prices_include_tax',
      'subtotal',
      'tax_total',
      'total',
      'paid_total',
      'change_amount',
    ],
    sales.map((sale) => [
      sale.id,
      companyId,
      store.id,
      sale.number,
      options.businessDate,
      cashierId,
      `RAW-${sale.number}`,
      new Date(base),
      createHash('sha256').update(sale.id).digest('hex'),
      'pbjt',
      1000,
      0,
      false,
      sale.subtotal,
      sale.tax,
      sale.total,
      sale.total,
      0,
    ]),
  );
  await insertRows(
    client,
    'transaction_items',
    [
      'company_id',
      'transaction_id',
      'line_number',
      'variant_id',
      'product_name',
      'variant_name',
      'sku',
      'quantity',
      'unit_price',
      'line_total',
      'tax_amount',
      'is_taxable',
    ],
    sales.flatMap((sale) =>
      sale.lines.map((line, lineIndex) => [
        companyId,
        sale.id,
        lineIndex + 1,
        line.variant.id,
        line.variant.name,
        line.variant.name,
        line.variant.sku,
        line.quantity,
        line.variant.price,
        line.lineTotal,
        Math.round(line.lineTotal / 10),
        true,
      ]),
    ),
  );
  await insertRows(
    client,
    'payments',
    ['id', 'company_id', 'transaction_id', 'method', 'amount', 'tendered', 'change_amount'],
    sales.map((sale, index) => [
      uuidv7(base + index),
      companyId,
      sale.id,
      'cash',
      sale.total,
      sale.total,
      0,
    ]),
  );
  await insertRows(
    client,
    'audit_logs',
    ['company_id', 'actor_user_id', 'action', 'entity_type', 'entity_id', 'after'],
    sales.map((sale) => [
      companyId,
      cashierId,
      'transaction.sync',
      'transaction',
      sale.id,
      JSON.stringify({
        number: sale.number,
        total: sale.total,
        items: sale.lines.length,
        approvals: [],
        clientCreatedAt: new Date(base).toISOString(),
        flags: [],
      }),
    ]),
  );
}
