import { evictDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { storeCoordinator } from '../../durable-objects/store-calls';
import { type SaleShop, saleShop } from '../sales/helpers';
import { withDatabase } from '../support/factories';
import { requestObservers } from '../support/worker';
import { DeviceState, send } from '../sync/helpers';
import { cutDatabase, resetStoreObject, restartDatabase, terminateBackend } from './inject';
import { expectOnlyRetryableFaults, expectStoreInvariants, pause, Till } from './till';

/**
 * The soak: mixed traffic for SOAK_SECONDS (CI: a minute; `npm run soak`: ten) on two stores of
 * two companies (offline batches, online sales that fall back to the outbox when they fail,
 * delta pulls, price and category edits) while faults are injected at random intervals: a
 * backend terminated, every connection cut for a moment, a store's object evicted, Postgres
 * restarted. Then the faults stop, the tills flush what they still hold, and every store must
 * hold the invariants of the fault suite. It prints what it did.
 */

const seconds = inject('soakSeconds');
const random = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

interface Report {
  requests: number;
  byStatus: Map<number, number>;
  latencies: number[];
  injected: Map<string, number>;
}

const report: Report = { requests: 0, byStatus: new Map(), latencies: [], injected: new Map() };
const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

function observe(_sent: Request, status: number, ms: number) {
  report.requests += 1;
  count(report.byStatus, status);
  report.latencies.push(ms);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Runs `step` again and again until `until`, a little apart; a failed step is tried again. */
async function repeat(until: () => boolean, step: () => Promise<unknown>, gapMs: [number, number]) {
  while (until()) {
    await step().catch(() => undefined);
    await pause(random(...gapMs));
  }
}

interface Fault {
  kind: string;
  inject: (shops: SaleShop[]) => Promise<string | undefined>;
}

const faults: Fault[] = [
  {
    kind: 'backend terminated',
    async inject() {
      const pids = await withDatabase(({ db }) =>
        db.execute<{ pid: number }>(sql`
          select pid from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()
            and backend_type = 'client backend'`),
      );
      const victim = pids.rows[random(0, pids.rows.length - 1)];
      if (victim) await terminateBackend(victim.pid);
      return undefined;
    },
  },
  {
    kind: 'connections cut',
    async inject() {
      await cutDatabase(random(300, 1_500));
      return undefined;
    },
  },
  {
    kind: 'store object reset',
    async inject(shops) {
      const shop = shops[random(0, shops.length - 1)];
      if (shop) await resetStoreObject(shop.store.id);
      return undefined;
    },
  },
  {
    kind: 'store object evicted',
    async inject(shops) {
      const shop = shops[random(0, shops.length - 1)];
      // Waits until the object is idle; gives up (and injects nothing) when it stays busy.
      if (!shop) return undefined;
      await evictDurableObject(storeCoordinator(env, shop.store.id));
      return undefined;
    },
  },
  {
    kind: 'postgres restarted',
    // 'restarted' or 'emulated' (scripts/local-db/database-faults.ts).
    inject: async () => restartDatabase(),
  },
];

/** Every kind of fault in turn, in a new random order each round. */
function* faultRounds(): Generator<Fault> {
  for (;;) {
    const round = [...faults].sort(() => Math.random() - 0.5);
    yield* round;
  }
}

afterAll(() => {
  requestObservers.delete(observe);
});

describe(`the soak (${seconds} s of mixed traffic with faults)`, () => {
  it('ends with every sale once, numbers gap-free, stock on its ledger, and no 500', {
    timeout: (seconds + 240) * 1000,
  }, async () => {
    const shops = [await saleShop(), await saleShop()];
    const tills = shops.map((shop) => new Till(shop, shop.cashier, 100));
    const devices = await Promise.all(
      shops.map((shop) => DeviceState.fromFull(shop.cashier, shop.store.id)),
    );
    requestObservers.add(observe);
    const deadline = Date.now() + seconds * 1000;
    const running = () => Date.now() < deadline;

    const actors = shops.flatMap((shop, index) => {
      const till = tills[index] as Till;
      const device = devices[index] as DeviceState;
      return [
        repeat(running, async () => {
          till.record(random(1, 40));
          await till.flushUntilDone({ attempts: 1_000, pauseMs: 500 });
        }, [100, 600]),
        repeat(running, () => till.sellOnline(), [50, 300]),
        repeat(running, () => device.catchUp(shop.cashier, shop.store.id, 200), [500, 1_500]),
        repeat(
          running,
          () =>
            send(
              shop.owner.session,
              'PUT',
              `/api/v1/products/${shop.coffee.productId}/variants/${shop.coffee.id}/store-prices/${shop.store.id}`,
              { price: random(20, 30) * 1_000 },
            ),
          [1_000, 3_000],
        ),
        repeat(
          running,
          () =>
            send(shop.owner.session, 'POST', '/api/v1/categories', {
              name: `Kategori ${crypto.randomUUID().slice(0, 8)}`,
            }),
          [2_000, 5_000],
        ),
      ];
    });
    // About one fault every 2–8 seconds, none in the last five, so the tills can settle.
    const nextFault = faultRounds();
    const injector = repeat(() => Date.now() < deadline - 5_000, async () => {
      await pause(random(2_000, 8_000));
      if (Date.now() >= deadline - 5_000) return;
      const fault = nextFault.next().value as Fault;
      const how = await fault.inject(shops);
      count(report.injected, how ? `${fault.kind} (${how})` : fault.kind);
    }, [0, 0]);
    await Promise.all([...actors, injector]);
    requestObservers.delete(observe);

    // Back to calm: the tills send what they still hold.
    for (const till of tills) await till.flushUntilDone({ attempts: 200, pauseMs: 500 });
    const landed = [];
    for (const [index, till] of tills.entries()) {
      expectOnlyRetryableFaults(till);
      const shop = shops[index] as SaleShop;
      landed.push(await expectStoreInvariants(till, new Map([[shop.coffee.id, 50]])));
    }

    const recorded = tills.reduce((sum, till) => sum + till.sales.length, 0);
    const refused = tills.reduce((sum, till) => sum + till.refused.size, 0);
    const sales = landed.reduce((sum, store) => sum + store.sales, 0);
    const lines = [
      `soak: ${seconds} s, ${report.requests} requests, p50 ${percentile(report.latencies, 50).toFixed(0)} ms, p99 ${percentile(report.latencies, 99).toFixed(0)} ms`,
      `  answers by status: ${[...report.byStatus]
        .sort(([a], [b]) => a - b)
        .map(([status, n]) => `${status || 'no answer'}: ${n}`)
        .join(', ')}`,
      `  faults injected: ${[...report.injected].map(([kind, n]) => `${kind} ×${n}`).join(', ') || 'none'}`,
      `  sales: ${recorded} recorded, ${sales} landed, ${refused} refused, lost 0, duplicated 0`,
    ];
    console.log(lines.join('\n'));

    expect([...report.byStatus.keys()].filter((status) => status >= 500 && status !== 503)).toEqual(
      [],
    );
    expect(refused).toBe(0);
    expect(sales).toBe(recorded);
    expect([...report.injected.values()].reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
  });
});
