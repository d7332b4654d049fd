/**
 * `npm run bench:reports` (with `npm run dev` running; `npm run bench` runs it after the offline
 * day): a year of sales for a few stores, then every report and a few exports, timed.
 *
 * Set-up: a fresh bench company (seed-day-setup.ts), eight products with a cost through the API,
 * then DAYS days × SALES sales of two lines for each of STORES stores written with SQL in bulk
 * (generate_series; a sale in 97 voided the same day), every day marked, and the rollups
 * recomputed by the same code as the queue's job (services/reports/rollups.ts), a store at a
 * time: that is timed too. Then, as the owner, through the Worker, RUNS times each: every report
 * over a year of one store and over the last 31 days of every store; median and slowest printed.
 * Then exports through the queue: requested, polled until ready, timed with their rows and size.
 *
 * Options (environment): STORES=5, DAYS=365, SALES=100, RUNS=5, BASE_URL=http://127.0.0.1:8787,
 * DATABASE_URL (default: the one the running `npm run dev` wrote to .data/dev-stack.json).
 * Exits 1 when a report disagrees with the sales it was built from.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Db } from '../../src/db/client';
import { recomputeDays } from '../../src/services/reports/rollups';
import { projectRoot } from '../local-db/database-target';
import { openBenchDatabase, readProxyStats } from './bench-database';
import { ApiClient, timed } from './bench-http';
import { createBenchCompany } from './seed-day-setup';

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

/** The stack's database: DATABASE_URL, or what the running `npm run dev` wrote down. */
async function stackDatabase(): Promise<{ databaseUrl: string; statsUrl?: string }> {
  if (process.env.DATABASE_URL) return { databaseUrl: process.env.DATABASE_URL };
  try {
    return JSON.parse(await readFile(join(projectRoot, '.data', 'dev-stack.json'), 'utf8'));
  } catch {
    console.error('Start `npm run dev` first, or set DATABASE_URL to the database it uses.');
    process.exit(2);
  }
}

const options = {
  stores: envNumber('STORES', 5),
  days: envNumber('DAYS', 365),
  sales: envNumber('SALES', 100),
  runs: envNumber('RUNS', 5),
  baseUrl: process.env.BASE_URL ?? 'http://127.0.0.1:8787',
  ...(await stackDatabase()),
};

const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const prices = [12_000, 15_500, 18_000, 22_000, 25_000, 9_500, 30_000, 17_500];
const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const daysAgo = (days: number) => isoDate(new Date(Date.now() - days * 86_400_000));
const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;

const database = await openBenchDatabase(
  options.databaseUrl,
  options.statsUrl ? await readProxyStats(options.statsUrl) : undefined,
  options.statsUrl,
  4,
);
const company = await createBenchCompany(database.pool, runId, options.stores);
const owner = new ApiClient(options.baseUrl, {
  email: company.owner.email,
  password: company.password,
  device: { fingerprint: `bench-${runId}-reports`, name: 'Bench reports', platform: 'bench' },
});
await owner.signIn();

const variants: Array<{ id: string; name: string }> = [];
for (const [index, price] of prices.entries()) {
  const product = await owner.call<{ name: string; variants: Array<{ id: string }> }>(
    'POST',
    '/api/v1/products',
    {
      json: {
        name: `Bench Menu ${index + 1}`,
        sku: `BENCH-R${index + 1}`,
        price,
        cost: Math.round(price * 0.4),
        tracksStock: false,
      },
    },
  );
  variants.push({ id: product.variants[0]?.id ?? '', name: product.name });
}

// ---------------------------------------------------------------------------------------------
// A year of sales, in bulk

const from = daysAgo(options.days);
const to = daysAgo(1);
console.log(
  `kasir-edge reports bench: ${options.stores} stores × ${options.days} days × ${options.sales} ` +
    `sales (${(options.stores * options.days * options.sales).toLocaleString('en')} sales), ${from}..${to}`,
);

const [, insertMs] = await timed(async () => {
  const client = await database.pool.connect();
  try {
    const params = [
      company.id,
      company.cashier.id,
      company.owner.id,
      from,
      to,
      options.sales,
      variants.map((variant) => variant.id),
      prices,
      variants.map((variant) => variant.name),
    ];
    await client.query('begin');
    await client.query(
      `create temp table bench_sales on commit drop as
       select gen_random_uuid() as id, s.id as store_id, s.code, d::date as day, n,
         1 + (n + extract(doy from d)::int) % 8 as v1, 1 + (n * 3 + extract(doy from d)::int) % 8 as v2,
         1 + n % 3 as q1
       from stores s, generate_series($2::date, $3::date, interval '1 day') d,
         generate_series(1, $4::int) n
       where s.company_id = $1`,
      [company.id, from, to, options.sales],
    );
    await client.query(
      `create temp table bench_amounts on commit drop as
       select b.*, ($1::bigint[])[v1] * q1 as line1, ($1::bigint[])[v2] as line2,
         round(($1::bigint[])[v1] * q1 * 0.1) as tax1, round(($1::bigint[])[v2] * 0.1) as tax2
       from bench_sales b`,
      [prices],
    );
    await client.query(
      `insert into transactions (id, company_id, store_id, kind, number, business_date, status,
         cashier_id, request_hash, tax_regime, tax_rate_basis_points, service_charge_basis_points,
         prices_include_tax, subtotal, discount_total, service_charge, tax_total, tax_base,
         rounding, total, paid_total, change_amount, created_at, void_business_date, voided_at,
         voided_by, void_reason)
       select id, $1, store_id, 'sale', code || '-' || to_char(day, 'YYYYMMDD') || '-' || lpad(n::text, 4, '0'),
         day, case when n % 97 = 0 then 'voided' else 'completed' end, $2, 'bench-' || id, 'pbjt',
         1000, 0, false, line1 + line2, 0, 0, tax1 + tax2, line1 + line2, 0,
         line1 + line2 + tax1 + tax2, line1 + line2 + tax1 + tax2, 0,
         (day + time '08:00' + n * interval '6 minutes') at time zone 'Asia/Jakarta',
         case when n % 97 = 0 then day end,
         case when n % 97 = 0 then (day + time '08:05' + n * interval '6 minutes') at time zone 'Asia/Jakarta' end,
         case when n % 97 = 0 then $3::uuid end, case when n % 97 = 0 then 'Bench void' end
       from bench_amounts`,
      params.slice(0, 3),
    );
    await client.query(
      `insert into transaction_items (company_id, transaction_id, line_number, variant_id,
         product_name, variant_name, sku, quantity, unit_price, line_total, tax_amount, is_taxable,
         unit_cost)
       select $1, id, line.number, ($2::uuid[])[line.variant], ($3::text[])[line.variant],
         ($3::text[])[line.variant], 'BENCH-R' || line.variant, line.quantity,
         ($4::bigint[])[line.variant], line.total, line.tax, true,
         round(($4::bigint[])[line.variant] * 0.4)
       from bench_amounts, lateral (values (1, v1, q1, line1, tax1), (2, v2, 1, line2, tax2))
         as line(number, variant, quantity, total, tax)`,
      [company.id, params[6], params[8], params[7]],
    );
    await client.query(
      `insert into payments (company_id, transaction_id, method, amount, tendered)
       select $1, id, case when n % 4 = 0 then 'qris' else 'cash' end,
         line1 + line2 + tax1 + tax2, case when n % 4 = 0 then null else line1 + line2 + tax1 + tax2 end
       from bench_amounts`,
      [company.id],
    );
    await client.query(
      `insert into report_marks (company_id, store_id, business_date)
       select distinct $1::uuid, store_id, day from bench_sales on conflict do nothing`,
      [company.id],
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
});
console.log(`bulk insert (SQL)                         ${ms(insertMs)}`);

// The same recompute as the queue's job, a store at a year (400 days at most per job).
const db = drizzle({ client: database.pool }) as unknown as Db;
const dates = Array.from({ length: options.days }, (_, index) => daysAgo(options.days - index));
const recomputeTimes: number[] = [];
for (const store of company.stores) {
  for (let start = 0; start < dates.length; start += 400) {
    const [, took] = await timed(() =>
      recomputeDays(db, company.id, store.id, dates.slice(start, start + 400)),
    );
    recomputeTimes.push(took);
  }
}
console.log(
  `recompute ${options.days} days of one store   ${ms(Math.max(...recomputeTimes))} (slowest of ${recomputeTimes.length})`,
);

// ---------------------------------------------------------------------------------------------
// Reports

const [firstStore] = company.stores;
const lastMonth = daysAgo(31);
const ranges = [
  { label: `1 store × ${options.days} days`, storeId: firstStore?.id ?? '', from, to },
  { label: `${options.stores} stores × 31 days`, storeId: 'all', from: lastMonth, to },
];
const reports = [
  'sales-summary?groupBy=month',
  'items?by=variant&limit=20',
  'items?by=category',
  'options',
  'payments',
  'cashiers?by=cashier',
  'hours?aggregate=average',
  'voids-refunds?limit=100',
  'taxes',
];

let failed = false;
console.log('\nreport (through the Worker)              median   slowest');
for (const range of ranges) {
  console.log(`  ${range.label}`);
  for (const report of reports) {
    const [path, query = ''] = report.split('?');
    const url = `/api/v1/reports/${path}?storeId=${range.storeId}&from=${range.from}&to=${range.to}${query ? `&${query}` : ''}`;
    const times: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const [, took] = await timed(() => owner.call('GET', url));
      times.push(took);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    console.log(`    ${report.padEnd(34)} ${ms(median)} ${ms(times.at(-1) ?? 0)}`);
  }
}

// The summary agrees with the sales it was built from.
const summary = await owner.call<{ totals: { salesCount: number; voidsCount: number } }>(
  'GET',
  `/api/v1/reports/sales-summary?storeId=all&from=${from}&to=${to}&groupBy=month`,
);
const expectedSales = options.stores * options.days * options.sales;
if (summary.totals.salesCount !== expectedSales) {
  console.error(`sales-summary counts ${summary.totals.salesCount} sales, not ${expectedSales}`);
  failed = true;
}

// ---------------------------------------------------------------------------------------------
// Exports

const exportsToTime = [
  { type: 'sales-summary', params: { storeId: 'all', from, to, groupBy: 'day' } },
  { type: 'items', params: { storeId: 'all', from, to } },
  { type: 'transactions', params: { storeId: 'all', from: lastMonth, to, granularity: 'line' } },
  { type: 'pbjt-transactions', params: { storeId: 'all', from: lastMonth, to } },
];
console.log('\nexport (queued, built, ready)              time       rows        size');
for (const format of ['csv', 'xlsx']) {
  for (const request of exportsToTime) {
    const [ready, took] = await timed(async () => {
      const created = await owner.call<{ id: string }>('POST', '/api/v1/reports/exports', {
        json: { ...request, format },
      });
      for (;;) {
        const state = await owner.call<{
          status: string;
          rowCount: number;
          sizeBytes: number;
          error: string;
        }>('GET', `/api/v1/reports/exports/${created.id}`);
        if (state.status === 'ready' || state.status === 'failed') return state;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    });
    if (ready.status !== 'ready') {
      console.error(`${request.type} ${format} failed: ${ready.error}`);
      failed = true;
      continue;
    }
    console.log(
      `  ${`${request.type} (${format})`.padEnd(38)} ${ms(took)} ${String(ready.rowCount).padStart(8)} ${`${(ready.sizeBytes / 1024).toFixed(0)} KB`.padStart(10)}`,
    );
  }
}

await database.close();
process.exit(failed ? 1 : 0);
