import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { storeCoordinator } from '../../durable-objects/store-calls';
import { Database } from '../../src/db/client';
import type { SaleShop } from '../sales/helpers';
import { pause } from './till';

/**
 * The faults, on the real parts: Postgres's own backend termination, the test proxy that stands
 * for the network between the Worker and the database (scripts/local-db/neon-ws-proxy.ts,
 * started with fault endpoints by test/global-setup.ts), and workerd's eviction of an object.
 */

async function proxyFault(path: string): Promise<Record<string, unknown>> {
  const response = await fetch(`http://${env.DB_PROXY}/faults/${path}`, { method: 'POST' });
  if (!response.ok) throw new Error(`fault ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Drops every database connection now and refuses new ones for `ms`. */
export function cutDatabase(ms: number) {
  return proxyFault(`interrupt?ms=${ms}`);
}

/** Restarts Postgres (or what a client of a restart sees; scripts/local-db/database-faults.ts). */
export async function restartDatabase(): Promise<string> {
  return String((await proxyFault('restart')).restarted);
}

/**
 * Runs `fault` while a write of the store's object is in the middle of its transaction: the test
 * takes the row lock of the store's coffee level (every sale of a coffee updates it), `start`s
 * the write, waits until a backend is blocked behind the lock (the object's batch, its sales
 * already inserted), hands that backend's pid to `fault`, then lets go, and answers what the
 * write answered. The fault may end the holder's own connection too (a restart, a cut).
 */
export async function duringStoreWrite<T>(
  shop: SaleShop,
  start: () => Promise<T>,
  fault: (blockedPid: number) => Promise<unknown>,
): Promise<T> {
  const holder = new Database(env);
  let started: Promise<T> | undefined;
  try {
    await holder.db.transaction(async (tx) => {
      await tx.execute(sql`
        select 1 from inventory_levels
        where company_id = ${shop.companyId} and store_id = ${shop.store.id}
          and variant_id = ${shop.coffee.id}
        for update`);
      started = start();
      await fault(await waitForBlockedBackend(tx));
    });
  } catch (error) {
    const described = `${error} ${(error as { cause?: unknown }).cause}`;
    if (!started || !/connection|terminat|network|socket|not queryable/i.test(described)) {
      throw error;
    }
  } finally {
    await holder.close().catch(() => undefined);
  }
  if (!started) throw new Error('the write never started');
  return started;
}

type Executor = Database['db'] | Parameters<Parameters<Database['db']['transaction']>[0]>[0];

async function waitForBlockedBackend(tx: Executor): Promise<number> {
  for (let waited = 0; waited < 20_000; waited += 25) {
    // pg_stat_activity is read once per transaction unless its snapshot is cleared.
    await tx.execute(sql`select pg_stat_clear_snapshot()`);
    const blocked = await tx.execute<{ pid: number }>(sql`
      select pid from pg_stat_activity where pg_backend_pid() = any(pg_blocking_pids(pid))`);
    const pid = blocked.rows[0]?.pid;
    if (pid) return pid;
    await pause(25);
  }
  throw new Error('no write of the store reached the locked row');
}

/** Ends one backend as an operator (or a failover) would: the server sends FATAL 57P01. */
export async function terminateBackend(pid: number): Promise<void> {
  const database = new Database(env);
  try {
    await database.db.execute(sql`select pg_terminate_backend(${pid})`);
  } finally {
    await database.close();
  }
}

/**
 * What a deploy or a crash does to a busy store object: it is reset with its calls in flight,
 * which fail in the Worker (workerd's eviction, by contrast, waits until the object is idle).
 */
export async function resetStoreObject(storeId: string): Promise<void> {
  await runInDurableObject(storeCoordinator(env, storeId), (_object, state) => {
    state.abort('store object reset by the fault suite');
  }).catch(() => undefined);
}
