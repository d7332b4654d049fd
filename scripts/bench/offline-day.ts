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
import { ApiClient, gzipJson, timed } from './bench-http';

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

const till = new ApiClient(baseUrl, {
  email: 'kasir@kopinusantara.test',
  password: 'kasir-demo-2026',
  device: { fingerprint: `bench-${crypto.randomUUID()}`, name: 'Bench till', platform: 'bench' },
});
await till.signIn();
const me = await till.call<{ user: { id: string }; stores: Array<{ id: string; code: string }> }>(
  'GET',
  '/api/v1/me',
);
const store = me.stores.find((candidate) => candidate.code === 'JKT01') ?? me.stores[0];
if (!store) throw new Error('the demo cashier has no store: run npm run dev first (it seeds)');

// 1. Full refresh.
const records = new Map<string, Record<string, unknown>>();
const [fullCursor, fullMs] = await timed(async () => {
  let cursor: string | undefined;
  for (;;) {
    const page = await till.call<FeedPage>('POST', '/api/v1/sync/full', {
      json: { storeId: store.id, cursor, limit: 200 },
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
        await till.call<UploadResult>('POST', '/api/v1/sync/transactions', {
          gzip: gzipJson(batch),
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
    const page = await till.call<FeedPage>(
      'GET',
      `/api/v1/sync/delta?${new URLSearchParams({ storeId: store.id, cursor, limit: '500' })}`,
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
