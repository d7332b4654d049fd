/**
 * `npm run bench` (with `npm run dev` running in another terminal): a till of the demo store that
 * was offline for a day comes back. It takes a full refresh, uploads yesterday's shift (its open,
 * a pay-out, its sales) in gzip batches, sends the same batches again (every sale and shift event
 * must come back a duplicate, sales with their numbers), closes the shift with a drawer counted
 * Rp5.000 short, and pulls the delta. The owner then reads the Z report, which must show the
 * expected cash the till's own sum gives and the Rp5.000 difference; it is printed at 32 columns.
 * Prints how long each step took, per sale where it matters, and checks the numbers are
 * gap-free. Options: SALES (default 100), BATCH (default 100), BASE_URL.
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
  results: Array<{ status: string; number?: string; reason?: string; total?: number }>;
  shiftResults: Array<{ status: string; reason?: string }>;
}

interface ShiftReport {
  cash: { expected: number; counted: number | null; difference: number | null };
  salesLanded: { landed: number; reported: number | null; complete: boolean | null };
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
const shiftId = crypto.randomUUID();
const openingCash = 500_000;
const payOut = 45_000;
const shiftEvents = [
  {
    type: 'open',
    id: shiftId,
    openingCash,
    openedAt: new Date(opening - 10 * 60 * 1000).toISOString(),
    openedBy: me.user.id,
  },
  {
    type: 'cashMovement',
    id: crypto.randomUUID(),
    shiftId,
    kind: 'pay_out',
    amount: payOut,
    reason: 'Beli es batu dan gula',
    occurredAt: new Date(opening + 3 * 60 * 60 * 1000).toISOString(),
    createdBy: me.user.id,
  },
];
const sales = Array.from({ length: saleCount }, (_, index) => ({
  id: crypto.randomUUID(),
  storeId: store.id,
  shiftId,
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
  // The shift's open and pay-out go up with the first batch, in the till's order.
  ...(index === 0 && { shiftEvents }),
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
const shiftAnswers = (answers: UploadResult[]) =>
  answers.flatMap((answer) => answer.shiftResults.map((result) => result.status));
if (shiftAnswers(uploaded).join() !== 'accepted,accepted') {
  throw new Error(`shift events not accepted: ${JSON.stringify(uploaded[0]?.shiftResults)}`);
}
if (shiftAnswers(retried).join() !== 'duplicate,duplicate') {
  throw new Error('a resent shift event was not answered as a duplicate');
}

// The close, counted Rp5.000 short of what the till's own sum says the drawer holds.
const cashTaken = uploaded
  .flatMap((answer) => answer.results)
  .reduce((sum, result) => sum + (result.total ?? 0), 0);
const tillExpects = openingCash + cashTaken - payOut;
const [closed, closeMs] = await timed(() =>
  till.call<UploadResult>('POST', '/api/v1/sync/transactions', {
    json: {
      batchId: crypto.randomUUID(),
      storeId: store.id,
      sales: [],
      shiftEvents: [
        {
          type: 'close',
          shiftId,
          countedCash: tillExpects - 5_000,
          salesCount: saleCount,
          closedAt: new Date(opening + 12 * 60 * 60 * 1000 + 15 * 60 * 1000).toISOString(),
          closedBy: me.user.id,
        },
      ],
    },
  }),
);
if (closed.shiftResults[0]?.status !== 'accepted') {
  throw new Error(`the close was not accepted: ${JSON.stringify(closed.shiftResults)}`);
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

// 4. The owner reads the Z report.
const owner = new ApiClient(baseUrl, {
  email: 'pemilik@kopinusantara.test',
  password: 'kasir-demo-2026',
  device: {
    fingerprint: `bench-owner-${crypto.randomUUID()}`,
    name: 'Owner phone',
    platform: 'bench',
  },
});
await owner.signIn();
const [report, reportMs] = await timed(() =>
  owner.call<ShiftReport>('GET', `/api/v1/shifts/${shiftId}`),
);
if (report.cash.expected !== tillExpects || report.cash.difference !== -5_000) {
  throw new Error(`the Z report disagrees with the till: ${JSON.stringify(report.cash)}`);
}
if (!report.salesLanded.complete) throw new Error('the Z report says sales are missing');
const printed = await fetch(
  new URL(`/api/v1/shifts/${shiftId}/report?format=text&width=32`, baseUrl),
  {
    headers: { Authorization: await owner.authorization() },
  },
);

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
row('close the shift (upload)', closeMs, 'counted Rp5.000 short');
row('delta after the upload', deltaMs, `${delta} changes`);
row(
  'Z report (owner)',
  reportMs,
  `expected ${report.cash.expected}, difference ${report.cash.difference}`,
);
console.log(
  `\nnumbers ${firstNumbers[0]} … ${firstNumbers.at(-1)}: ${gapFree ? 'gap-free' : 'NOT CONSECUTIVE (other sales interleaved?)'}`,
);
console.log(`\n${await printed.text()}`);
