/**
 * `npm run bench` (with `npm run dev` running in another terminal): a till of the demo store that
 * was offline for a day comes back. It takes a full refresh, uploads yesterday's sales in gzip
 * batches, sends the same batches again (every sale must come back a duplicate with its number),
 * and pulls the delta. Prints how long each step took, per sale where it matters, and checks the
 * numbers are gap-free. Options: SALES (default 100), BATCH (default 100), BASE_URL.
 *
 * It measures the whole path through the real Worker, Durable Object and database; on the local
 * stack that database is the embedded Postgres, so compare runs with each other, not with Neon.
 */
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

const baseUrl = process.env.BASE_URL ?? 'http://127.0.0.1:8787';
const saleCount = Number(process.env.SALES ?? 100);
const batchSize = Math.min(Number(process.env.BATCH ?? 100), 500);

interface FeedPage {
  changes: Array<{ type: string; id: string; op: string; data?: Record<string, unknown> }>;
  cursor: string;
  hasMore: boolean;
}

interface UploadResult {
  counts: { accepted: number; duplicate: number; rejected: number };
  results: Array<{ status: string; number?: string; reason?: string }>;
}

async function call<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  if (init.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  const response = await fetch(new URL(path, baseUrl), { ...init, headers });
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}

const { accessToken: token } = await call<{ accessToken: string }>('/api/v1/auth/login', {
  method: 'POST',
  body: JSON.stringify({
    email: 'kasir@kopinusantara.test',
    password: 'kasir-demo-2026',
    device: { fingerprint: `bench-${crypto.randomUUID()}`, name: 'Bench till', platform: 'bench' },
  }),
});
const me = await call<{ user: { id: string }; stores: Array<{ id: string; code: string }> }>(
  '/api/v1/me',
  { token },
);
const store = me.stores.find((candidate) => candidate.code === 'JKT01') ?? me.stores[0];
if (!store) throw new Error('the demo cashier has no store: run npm run dev first (it seeds)');

// 1. Full refresh.
const records = new Map<string, Record<string, unknown>>();
const [fullCursor, fullMs] = await timed(async () => {
  let cursor: string | undefined;
  for (;;) {
    const page: FeedPage = await call('/api/v1/sync/full', {
      method: 'POST',
      token,
      body: JSON.stringify({ storeId: store.id, cursor, limit: 200 }),
    });
    for (const change of page.changes)
      records.set(`${change.type}:${change.id}`, change.data ?? {});
    cursor = page.cursor;
    if (!page.hasMore) return cursor;
  }
});
const variants = [...records]
  .filter(([key, data]) => key.startsWith('variant:') && data.tracksStock === false)
  .map(([key]) => key.slice('variant:'.length));
const sellable =
  variants.length > 0
    ? variants
    : [...records.keys()].filter((key) => key.startsWith('variant:')).map((key) => key.slice(8));

// 2. Yesterday's sales, 08:00–20:00 Jakarta time, in batches.
const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000);
const opening = Date.UTC(
  yesterday.getUTCFullYear(),
  yesterday.getUTCMonth(),
  yesterday.getUTCDate(),
  1,
);
const sales = Array.from({ length: saleCount }, (_, index) => ({
  id: crypto.randomUUID(),
  storeId: store.id,
  clientReference: `BENCH-${index + 1}`,
  clientCreatedAt: new Date(
    opening + Math.floor((index * 12 * 60 * 60 * 1000) / saleCount),
  ).toISOString(),
  cashierId: me.user.id,
  items: [{ variantId: sellable[index % sellable.length], quantity: 1 + (index % 3) }],
  payments: [{ method: 'cash', tendered: 1_000_000 }],
}));
const batches = Array.from({ length: Math.ceil(sales.length / batchSize) }, (_, index) => ({
  batchId: crypto.randomUUID(),
  storeId: store.id,
  sales: sales.slice(index * batchSize, (index + 1) * batchSize),
}));

async function uploadAll(): Promise<[UploadResult[], number]> {
  return timed(async () => {
    const answers: UploadResult[] = [];
    for (const batch of batches) {
      answers.push(
        await call<UploadResult>('/api/v1/sync/transactions', {
          method: 'POST',
          token,
          headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
          body: gzipSync(JSON.stringify(batch)),
        }),
      );
    }
    return answers;
  });
}

const [uploaded, uploadMs] = await uploadAll();
const [retried, retryMs] = await uploadAll();
const firstNumbers = uploaded.flatMap((answer) => answer.results.map((result) => result.number));
const rejected = uploaded.flatMap((answer) =>
  answer.results.filter((result) => result.status === 'rejected'),
);
if (rejected.length > 0) throw new Error(`rejected sales: ${JSON.stringify(rejected.slice(0, 3))}`);
const retriedNumbers = retried.flatMap((answer) => answer.results.map((result) => result.number));
if (retried.some((answer) => answer.counts.duplicate !== answer.results.length)) {
  throw new Error('a resent sale was not answered as a duplicate');
}
if (JSON.stringify(firstNumbers) !== JSON.stringify(retriedNumbers)) {
  throw new Error('a resent sale came back with another number');
}
const sequences = firstNumbers.map((number) => Number(number?.slice(-4)));
const gapFree = sequences.every(
  (value, index) => index === 0 || value === (sequences[index - 1] ?? 0) + 1,
);

// 3. Catch up.
const [delta, deltaMs] = await timed(async () => {
  let cursor = fullCursor;
  let changes = 0;
  for (;;) {
    const page: FeedPage = await call(
      `/api/v1/sync/delta?${new URLSearchParams({ storeId: store.id, cursor, limit: '500' })}`,
      { token },
    );
    changes += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) return changes;
  }
});

const row = (step: string, ms: number, detail: string) =>
  console.log(`${step.padEnd(28)} ${ms.toFixed(0).padStart(8)} ms   ${detail}`);
console.log(`kasir-edge sync bench against ${baseUrl}, store ${store.code}\n`);
row('full refresh', fullMs, `${records.size} records`);
row(
  `upload ${saleCount} sales (gzip)`,
  uploadMs,
  `${(uploadMs / saleCount).toFixed(1)} ms/sale, ${batches.length} batch(es) of ≤ ${batchSize}`,
);
row(
  'same batches again',
  retryMs,
  `${(retryMs / saleCount).toFixed(1)} ms/sale, all duplicates, same numbers`,
);
row('delta after the upload', deltaMs, `${delta} changes`);
console.log(
  `\nnumbers ${firstNumbers[0]} … ${firstNumbers.at(-1)}: ${gapFree ? 'gap-free' : 'NOT CONSECUTIVE (other sales interleaved?)'}`,
);
