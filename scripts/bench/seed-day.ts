/**
 * `npm run bench:day` (with `npm run dev` running): a seed-scale day of many stores through the
 * real Worker, Durable Objects and database, then the figures issue 11 sets goals for, and the
 * invariants, read back from the database (exit 1 when one fails, or when any request answered
 * something other than 2xx).
 *
 * Set-up, timed: a fresh bench company per run. Its company, stores, users and store assignments
 * are SQL (seed-day-setup.ts: there is no route to create a company or a store), as is the
 * PRODUCTS-sized catalog of the full-refresh measurement (5,000 product requests would outlast
 * the day itself; the rows are written as the API writes them). Everything else goes through the
 * API: the sellable products (`POST /api/v1/products`), opening stock (`POST
 * /api/v1/inventory/receipts`, one per store) and one device per store (`POST /api/v1/auth/login`).
 *
 * Options (environment): STORES=500, SALES=100 (per store), ITEMS=3 (lines per sale),
 * CONCURRENCY=16, ONLINE_SHARE=0.2, BATCH=100, TILLS=64, BURST_SECONDS=30, PRODUCTS=5000,
 * BASE_URL=http://127.0.0.1:8787, DATABASE_URL (required: the database the stack uses),
 * DB_STATS_URL (the proxy's /stats URL that `npm run dev` prints; without it statement counts are
 * "not available"). On the embedded database, DATABASE_URL is
 * postgres://postgres:postgres@<upstreams[0].address of /stats>/postgres.
 */
import { performance } from 'node:perf_hooks';
import { uuidv7 } from '../../src/lib/ids';
import type { NeonWsProxyStats } from '../local-db/neon-ws-proxy';
import {
  type BenchDatabase,
  openBenchDatabase,
  quietProxyStats,
  readProxyStats,
} from './bench-database';
import {
  ApiClient,
  type ApiResponse,
  formatLatencies,
  gzipJson,
  mapConcurrently,
  summarizeLatencies,
  timed,
} from './bench-http';
import { runRawInsertBaseline } from './raw-insert-baseline';
import { type CheckResult, checkInvariants, type SentSale } from './seed-day-checks';
import { fullRefresh } from './seed-day-refresh';
import {
  type BenchCompany,
  type BenchStore,
  createBenchCompany,
  insertCatalog,
} from './seed-day-setup';
import { type Counted, kb, printSummary, rate, sec } from './seed-day-summary';

// ---------------------------------------------------------------------------------------------
// Options

function envNumber(name: string, fallback: number, { integer = true, min = 0 } = {}): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new Error(`${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, not ${raw}`);
  }
  return value;
}

const options = {
  stores: envNumber('STORES', 500, { min: 1 }),
  salesPerStore: envNumber('SALES', 100, { min: 1 }),
  itemsPerSale: envNumber('ITEMS', 3, { min: 1 }),
  concurrency: envNumber('CONCURRENCY', 16, { min: 1 }),
  onlineShare: envNumber('ONLINE_SHARE', 0.2, { integer: false }),
  batch: Math.min(envNumber('BATCH', 100, { min: 1 }), 500),
  tills: envNumber('TILLS', 64, { min: 1 }),
  burstSeconds: envNumber('BURST_SECONDS', 30, { integer: false }),
  products: envNumber('PRODUCTS', 5000),
  baseUrl: process.env.BASE_URL ?? 'http://127.0.0.1:8787',
  databaseUrl: process.env.DATABASE_URL ?? '',
  statsUrl: process.env.DB_STATS_URL || undefined,
};
if (options.onlineShare > 1) throw new Error('ONLINE_SHARE must be between 0 and 1');
if (!options.databaseUrl) {
  console.error(
    'DATABASE_URL is required: the database `npm run dev` uses (on the embedded database: ' +
      'postgres://postgres:postgres@<upstreams[0].address from DB_STATS_URL>/postgres).',
  );
  process.exit(2);
}

/** A few tracked-stock products to sell (at least one per line, so a sale's lines differ). */
const SELLABLE_PRODUCTS = Math.max(8, options.itemsPerSale);
const SELLABLE_PRICES = [12_000, 15_500, 18_000, 22_000, 25_000, 9_500, 30_000, 17_500];
/** Enough that no day sells a level below zero (a sale that does is flagged). */
const OPENING_STOCK = 1_000_000;
const SHOWN_FAILURES = 5;
const FULL_REFRESH_LIMIT = 500;

const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

// ---------------------------------------------------------------------------------------------
// Requests and what they answered

interface UploadAnswer {
  counts: { accepted: number; duplicate: number; rejected: number };
  results: Array<{ id: string | null; status: string; number?: string; reason?: string }>;
}

interface SaleAnswer {
  id: string;
  number: string;
}

interface Failure {
  what: string;
  status: number;
  text: string;
}

const failures: Failure[] = [];
/** Results other than `accepted` where a fresh sale was sent (rejected or duplicate). */
const unexpectedResults: string[] = [];
const accepted = new Map<string, SentSale>();
const numberOf = new Map<string, string>();

function recordFailure(what: string, response: ApiResponse<unknown>): boolean {
  if (response.ok) return false;
  failures.push({ what, status: response.status, text: response.text.slice(0, 600) });
  return true;
}

interface Variant {
  id: string;
  price: number;
}

interface OfflineSale {
  id: string;
  storeId: string;
  clientReference: string;
  clientCreatedAt: string;
  cashierId: string;
  items: Array<{ variantId: string; quantity: number }>;
  payments: Array<{ method: 'cash'; tendered: number }>;
}

type OnlineSale = Omit<OfflineSale, 'clientCreatedAt' | 'cashierId'>;

interface Batch {
  body: { batchId: string; storeId: string; sales: OfflineSale[] };
  gzip: Buffer;
}

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** ISO 8601 in WIB, as a till in Jakarta writes its clock. */
function wibIso(ms: number): string {
  return new Date(ms + WIB_OFFSET_MS).toISOString().replace('Z', '+07:00');
}

function randomInt(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

function saleLines(variants: readonly Variant[]) {
  const pool = [...variants];
  const items: Array<{ variantId: string; quantity: number }> = [];
  let gross = 0;
  for (let line = 0; line < options.itemsPerSale; line++) {
    const [variant] = pool.splice(randomInt(0, pool.length - 1), 1);
    if (!variant) break;
    const quantity = randomInt(1, 3);
    items.push({ variantId: variant.id, quantity });
    gross += quantity * variant.price;
  }
  // The server prices the sale; cash tendered in 50,000 notes covers any tax, service and rounding.
  const tendered = Math.ceil((gross * 1.25 + 1_000) / 50_000) * 50_000;
  return { items, payments: [{ method: 'cash' as const, tendered }] };
}

let saleSequence = 0;
function onlineSale(store: BenchStore, variants: readonly Variant[]): OnlineSale {
  saleSequence += 1;
  return {
    id: uuidv7(),
    storeId: store.id,
    clientReference: `${store.code}-ON-${saleSequence}`,
    ...saleLines(variants),
  };
}

function offlineSales(
  store: BenchStore,
  cashierId: string,
  variants: readonly Variant[],
  count: number,
  window: { from: number; to: number },
): OfflineSale[] {
  return Array.from({ length: count }, (_, index) => {
    saleSequence += 1;
    const at = window.from + Math.floor(((index + 1) * (window.to - window.from)) / (count + 1));
    return {
      id: uuidv7(),
      storeId: store.id,
      clientReference: `${store.code}-OFF-${saleSequence}`,
      clientCreatedAt: wibIso(at),
      cashierId,
      ...saleLines(variants),
    };
  });
}

function batchOf(store: BenchStore, sales: OfflineSale[]): Batch {
  const body = { batchId: uuidv7(), storeId: store.id, sales };
  return { body, gzip: gzipJson(body) };
}

/** Today in Jakarta, from midnight to a minute ago (a till's clock never runs ahead here). */
function todayWindow(): { from: number; to: number } {
  const now = Date.now();
  const midnight = Math.floor((now + WIB_OFFSET_MS) / DAY_MS) * DAY_MS - WIB_OFFSET_MS;
  return { from: midnight + 1_000, to: Math.max(midnight + 1_000, now - 60_000) };
}

async function uploadBatch(
  client: ApiClient,
  batch: Batch,
  what: string,
): Promise<{ response: ApiResponse<UploadAnswer>; answer: UploadAnswer | undefined }> {
  const response = await client.send<UploadAnswer>('POST', '/api/v1/sync/transactions', {
    gzip: batch.gzip,
  });
  if (recordFailure(what, response) || !response.body) return { response, answer: undefined };
  return { response, answer: response.body };
}

/** Records a fresh batch's answer: every sale should be accepted. */
function acceptBatch(batch: Batch, answer: UploadAnswer | undefined): number {
  if (!answer) return 0;
  let count = 0;
  answer.results.forEach((result, index) => {
    const sale = batch.body.sales[index];
    if (!sale) return;
    if (result.status === 'accepted' && result.number) {
      accepted.set(sale.id, { storeId: sale.storeId, channel: 'offline', items: sale.items });
      numberOf.set(sale.id, result.number);
      count += 1;
    } else {
      unexpectedResults.push(`${sale.id}: ${result.status} ${result.reason ?? ''}`.trim());
    }
  });
  return count;
}

async function sellOnline(
  client: ApiClient,
  sale: OnlineSale,
  what: string,
): Promise<ApiResponse<SaleAnswer>> {
  const response = await client.send<SaleAnswer>('POST', '/api/v1/transactions', { json: sale });
  if (recordFailure(what, response)) return response;
  if (response.status === 201 && response.body?.number) {
    accepted.set(sale.id, { storeId: sale.storeId, channel: 'online', items: sale.items });
    numberOf.set(sale.id, response.body.number);
  } else {
    unexpectedResults.push(`${sale.id}: online sale answered ${response.status}, not 201`);
  }
  return response;
}

// ---------------------------------------------------------------------------------------------
// Set-up

async function setUp(database: BenchDatabase) {
  const company = await createBenchCompany(database.pool, runId, options.stores);
  const owner = new ApiClient(options.baseUrl, {
    email: company.owner.email,
    password: company.password,
    device: { fingerprint: `bench-${runId}-owner`, name: 'Bench back office', platform: 'bench' },
  });
  await owner.signIn();

  const variants: Variant[] = [];
  for (let index = 0; index < SELLABLE_PRODUCTS; index++) {
    const product = await owner.call<{ variants: Array<{ id: string; price: number }> }>(
      'POST',
      '/api/v1/products',
      {
        json: {
          name: `Bench Menu ${index + 1}`,
          sku: `BENCH-${index + 1}`,
          price: SELLABLE_PRICES[index % SELLABLE_PRICES.length],
          tracksStock: true,
        },
      },
    );
    const [variant] = product.variants;
    if (!variant) throw new Error('a created product came back without its variant');
    variants.push({ id: variant.id, price: variant.price });
  }
  await insertCatalog(database.pool, company, owner.sessionId, options.products);

  await mapConcurrently(company.stores, options.concurrency, (store) =>
    owner.call('POST', '/api/v1/inventory/receipts', {
      json: {
        storeId: store.id,
        reason: 'Stok awal bench',
        items: variants.map((variant) => ({ variantId: variant.id, quantity: OPENING_STOCK })),
      },
    }),
  );

  const devices = await mapConcurrently(company.stores, options.concurrency, async (store) => {
    const device = new ApiClient(options.baseUrl, cashierLogin(company, `${store.code}-1`));
    await device.signIn();
    return device;
  });
  return { company, variants, devices };
}

function cashierLogin(company: BenchCompany, till: string) {
  return {
    email: company.cashier.email,
    password: company.password,
    device: { fingerprint: `bench-${runId}-${till}`, name: `Kasir ${till}`, platform: 'bench' },
  };
}

// ---------------------------------------------------------------------------------------------
// The seed day

type Job =
  | { kind: 'batch'; device: ApiClient; batch: Batch }
  | { kind: 'online'; device: ApiClient; sale: OnlineSale };

function planDay(
  company: BenchCompany,
  variants: readonly Variant[],
  devices: readonly ApiClient[],
): { jobs: Job[]; firstBatch: Batch | undefined } {
  const window = todayWindow();
  const onlinePerStore = Math.round(options.salesPerStore * options.onlineShare);
  const offlinePerStore = options.salesPerStore - onlinePerStore;
  const perStore = company.stores.map((store, storeIndex) => {
    const device = devices[storeIndex] as ApiClient;
    const sales = offlineSales(store, company.cashier.id, variants, offlinePerStore, window);
    const batches: Job[] = [];
    for (let start = 0; start < sales.length; start += options.batch) {
      batches.push({
        kind: 'batch',
        device,
        batch: batchOf(store, sales.slice(start, start + options.batch)),
      });
    }
    const online: Job[] = Array.from({ length: onlinePerStore }, () => ({
      kind: 'online',
      device,
      sale: onlineSale(store, variants),
    }));
    // A store's batches spread among its online sales, as tills come back online during the day.
    const jobs: Job[] = [];
    const batchCount = batches.length;
    const total = batchCount + online.length;
    let batchesPlaced = 0;
    for (let index = 0; index < total; index++) {
      const batchDue = Math.floor(((index + 1) * batchCount) / total) > batchesPlaced;
      if (batchDue) batchesPlaced += 1;
      const next = batchDue ? batches.shift() : online.shift();
      if (next) jobs.push(next);
    }
    return jobs;
  });
  // Round robin across stores, so every store is busy all day long.
  const jobs: Job[] = [];
  const rounds = Math.max(...perStore.map((list) => list.length));
  for (let round = 0; round < rounds; round++) {
    for (const list of perStore) {
      const job = list[round];
      if (job) jobs.push(job);
    }
  }
  const planned = jobs.reduce(
    (sum, job) => sum + (job.kind === 'batch' ? job.batch.body.sales.length : 1),
    0,
  );
  if (planned !== options.stores * options.salesPerStore) {
    throw new Error(`planned ${planned} sales, not ${options.stores * options.salesPerStore}`);
  }
  const first = jobs.find((job) => job.kind === 'batch');
  return { jobs, firstBatch: first?.kind === 'batch' ? first.batch : undefined };
}

async function runDay(jobs: readonly Job[]) {
  const batchMs: number[] = [];
  const onlineMs: number[] = [];
  let sales = 0;
  const [, ms] = await timed(() =>
    mapConcurrently(jobs, options.concurrency, async (job) => {
      if (job.kind === 'batch') {
        const { response, answer } = await uploadBatch(job.device, job.batch, 'seed-day batch');
        batchMs.push(response.ms);
        sales += acceptBatch(job.batch, answer);
      } else {
        const response = await sellOnline(job.device, job.sale, 'seed-day online sale');
        onlineMs.push(response.ms);
        if (response.status === 201) sales += 1;
      }
    }),
  );
  return {
    ms,
    sales,
    salesPerSecond: sales / (ms / 1000),
    batch: summarizeLatencies(batchMs),
    online: summarizeLatencies(onlineMs),
  };
}

async function resend(device: ApiClient, batch: Batch, what: string) {
  const { response, answer } = await uploadBatch(device, batch, what);
  const wrong = batch.body.sales.filter((sale, index) => {
    const result = answer?.results[index];
    return result?.status !== 'duplicate' || result.number !== numberOf.get(sale.id);
  });
  return { ms: response.ms, pass: answer !== undefined && wrong.length === 0, wrong: wrong.length };
}

// ---------------------------------------------------------------------------------------------
// Statements per request, counted by the proxy

async function countStatements(work: () => Promise<number>): Promise<Counted | undefined> {
  if (!options.statsUrl) {
    await work();
    return undefined;
  }
  const before = await quietProxyStats(options.statsUrl);
  const ms = await work();
  const after = await quietProxyStats(options.statsUrl);
  return {
    statements: after.totalStatements - before.totalStatements,
    connections: after.totalServed - before.totalServed,
    ms,
  };
}

// ---------------------------------------------------------------------------------------------
// Online burst

async function burst(
  tills: readonly ApiClient[],
  stores: readonly BenchStore[],
  variants: readonly Variant[],
) {
  const latencies: number[] = [];
  let sold = 0;
  const started = performance.now();
  const deadline = started + options.burstSeconds * 1000;
  let finished = started;
  await Promise.all(
    tills.map(async (till, index) => {
      const store = stores[index] as BenchStore;
      while (performance.now() < deadline) {
        const response = await sellOnline(till, onlineSale(store, variants), 'burst online sale');
        latencies.push(response.ms);
        if (response.status === 201) sold += 1;
        finished = Math.max(finished, performance.now());
        if (!response.ok) break;
      }
    }),
  );
  const seconds = (finished - started) / 1000;
  return { sold, seconds, salesPerSecond: sold / seconds, latency: summarizeLatencies(latencies) };
}

// ---------------------------------------------------------------------------------------------
// Run

function section(title: string) {
  console.log(`\n## ${title}`);
}

console.log(
  `kasir-edge seed-day bench, run ${runId}, against ${options.baseUrl}\n` +
    `STORES=${options.stores} SALES=${options.salesPerStore} ITEMS=${options.itemsPerSale} ` +
    `CONCURRENCY=${options.concurrency} ONLINE_SHARE=${options.onlineShare} BATCH=${options.batch} ` +
    `TILLS=${options.tills} BURST_SECONDS=${options.burstSeconds} PRODUCTS=${options.products}\n` +
    `statement counts: ${options.statsUrl ?? 'not available (DB_STATS_URL not set)'}`,
);

let initialStats: NeonWsProxyStats | undefined;
if (options.statsUrl) {
  try {
    initialStats = await readProxyStats(options.statsUrl);
  } catch (error) {
    console.error(`Could not read DB_STATS_URL (${options.statsUrl}): ${String(error)}`);
    process.exit(2);
  }
}
const database = await openBenchDatabase(
  options.databaseUrl,
  initialStats,
  options.statsUrl,
  Math.min(options.concurrency, 8),
);
if (database.singleConnection) {
  console.log(
    'database: the embedded Postgres; the bench reaches it through the proxy, one session at a time',
  );
}

let exitCode = 0;
try {
  section('Set-up');
  const [{ company, variants, devices }, setupMs] = await timed(() => setUp(database));
  console.log(
    `${sec(setupMs)}: SQL company, ${company.stores.length} stores, owner + cashier, assignments, ` +
      `${options.products} catalog products; API ${variants.length} products, ` +
      `${company.stores.length} opening-stock receipts, ${devices.length} device logins`,
  );
  const storeCodes = new Map(company.stores.map((store) => [store.id, store.code]));
  const firstStore = company.stores[0] as BenchStore;
  const firstDevice = devices[0] as ApiClient;

  section('Seed day');
  const { jobs, firstBatch } = planDay(company, variants, devices);
  const day = await runDay(jobs);
  const daySent = options.stores * options.salesPerStore;
  console.log(
    `${day.sales} of ${daySent} sales in ${sec(day.ms)}: ${rate(day.salesPerSecond)}\n` +
      `batch request:       ${formatLatencies(day.batch)}\n` +
      `online sale request: ${formatLatencies(day.online)}`,
  );
  if (options.statsUrl) {
    // Each busy store's object holds one warm connection (DB_KEEP_WARM_MS): this is the bound
    // the database's max_connections (or Neon's pooler) must allow.
    const peak = Math.max(
      ...(await readProxyStats(options.statsUrl)).upstreams.map((u) => u.peakActive),
    );
    console.log(`connections open at once, at most (since the stack started): ${peak}`);
  }

  section('Resend');
  const resent = firstBatch ? await resend(firstDevice, firstBatch, 'resend') : undefined;
  console.log(
    resent
      ? `${firstBatch?.body.sales.length} sales resent in ${resent.ms.toFixed(0)} ms: ` +
          (resent.pass
            ? 'all duplicate, same numbers'
            : `${resent.wrong} not a duplicate with its number`)
      : 'no batch in the day (ONLINE_SHARE=1): skipped',
  );

  section('Statements per request');
  const countedBatch = batchOf(
    firstStore,
    offlineSales(firstStore, company.cashier.id, variants, options.batch, todayWindow()),
  );
  const freshBatch = await countStatements(async () => {
    const { response, answer } = await uploadBatch(firstDevice, countedBatch, 'counted batch');
    acceptBatch(countedBatch, answer);
    return response.ms;
  });
  let resendPass = true;
  const resendCounted = await countStatements(async () => {
    const result = await resend(firstDevice, countedBatch, 'counted resend');
    resendPass = result.pass;
    return result.ms;
  });
  const onlineCounted = await countStatements(async () => {
    const response = await sellOnline(
      firstDevice,
      onlineSale(firstStore, variants),
      'counted online sale',
    );
    return response.ms;
  });
  const describeCount = (label: string, counted: Counted | undefined) =>
    console.log(
      `${label.padEnd(28)} ${
        counted
          ? `${counted.statements} statements, ${counted.connections} new connection(s), ${counted.ms.toFixed(0)} ms`
          : 'not available (DB_STATS_URL not set)'
      }`,
    );
  describeCount(`fresh batch of ${options.batch}`, freshBatch);
  describeCount(`resend of that batch${resendPass ? '' : ' (NOT all duplicates)'}`, resendCounted);
  describeCount('one online sale', onlineCounted);

  section('Online burst');
  const tillCount = Math.min(options.tills, devices.length);
  if (tillCount < options.tills)
    console.log(`only ${tillCount} stores: ${tillCount} tills, not ${options.tills}`);
  const burstResult = await burst(devices.slice(0, tillCount), company.stores, variants);
  console.log(
    `${tillCount} tills for ${burstResult.seconds.toFixed(1)} s: ${burstResult.sold} sales, ` +
      `${rate(burstResult.salesPerSecond)}; ${formatLatencies(burstResult.latency)}`,
  );

  section('Raw-insert baseline');
  let raw: { salesPerSecond: number; ms: number; sales: number } | undefined;
  let rawSkipped = '';
  if (database.singleConnection) {
    rawSkipped = 'skipped: the embedded Postgres has one database and one connection at a time';
  } else {
    try {
      raw = await runRawInsertBaseline({
        adminUrl: options.databaseUrl,
        stores: options.stores,
        salesPerStore: options.salesPerStore,
        itemsPerSale: options.itemsPerSale,
        concurrency: options.concurrency,
        variants: variants.length,
        businessDate: new Date(Date.now() + WIB_OFFSET_MS).toISOString().slice(0, 10),
      });
    } catch (error) {
      rawSkipped = `skipped: could not use a scratch database (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  const ratio = raw ? day.salesPerSecond / raw.salesPerSecond : undefined;
  console.log(
    raw
      ? `${raw.sales} sales in ${sec(raw.ms)}: ${rate(raw.salesPerSecond)}; ` +
          `seed day = ${((ratio ?? 0) * 100).toFixed(1)}% of it`
      : rawSkipped,
  );

  section('Full refresh');
  const refresh = await fullRefresh(
    new ApiClient(options.baseUrl, cashierLogin(company, `${firstStore.code}-fresh`)),
    options.baseUrl,
    firstStore.id,
    FULL_REFRESH_LIMIT,
    (failure) => failures.push(failure),
  );
  console.log(
    `${refresh.records} records (${refresh.products} products) in ${refresh.pages} pages of ≤ ${FULL_REFRESH_LIMIT}: ` +
      `${refresh.ms.toFixed(0)} ms; ${kb(refresh.wireBytes)} on the wire as ${refresh.encodings.join('/')} ` +
      `(${kb(refresh.decodedBytes)} of JSON; response bodies only, headers not counted)`,
  );

  section('Invariants');
  const checks: CheckResult[] = await checkInvariants(database.pool, {
    companyId: company.id,
    storeCodes,
    accepted,
    stockedVariants: variants.map((variant) => variant.id),
    openingStock: OPENING_STOCK,
  });
  const requestsClean: CheckResult = {
    name: 'every request 2xx, every fresh sale accepted',
    pass: failures.length === 0 && unexpectedResults.length === 0,
    detail:
      `${failures.filter((failure) => failure.status >= 500).length} 5xx, ` +
      `${failures.filter((failure) => failure.status < 500).length} 4xx/other, ` +
      `${unexpectedResults.length} sales not accepted`,
  };
  const resendCheck: CheckResult = {
    name: 'resent batches: all duplicate with their numbers',
    pass: (resent?.pass ?? true) && resendPass,
    detail: resent
      ? `${firstBatch?.body.sales.length} + ${options.batch} sales resent`
      : 'no batch',
  };
  const allChecks = [requestsClean, resendCheck, ...checks];
  for (const check of allChecks) {
    console.log(`${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`);
  }
  for (const failure of failures.slice(0, SHOWN_FAILURES)) {
    console.log(`  ${failure.what}: ${failure.status} ${failure.text}`);
  }
  for (const result of unexpectedResults.slice(0, SHOWN_FAILURES)) console.log(`  ${result}`);
  if (allChecks.some((check) => !check.pass)) exitCode = 1;

  section('Summary');
  printSummary({
    batch: options.batch,
    products: options.products,
    setupMs,
    day,
    daySent,
    ratio,
    raw,
    rawSkipped,
    freshBatch,
    resendCounted,
    onlineCounted,
    tillCount,
    burstResult,
    refresh,
    allChecks,
  });
} catch (error) {
  console.error('\nThe bench stopped:', error);
  for (const failure of failures.slice(0, SHOWN_FAILURES)) {
    console.error(`  ${failure.what}: ${failure.status} ${failure.text}`);
  }
  exitCode = 1;
} finally {
  await database.close();
}
process.exit(exitCode);
