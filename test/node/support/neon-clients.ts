/**
 * Shared by the proxy tests: points the Neon driver at the local proxy and provides the
 * transaction and crash probes run against both embedded PGlite and a real Postgres.
 */
import { Client, neonConfig, Pool } from '@neondatabase/serverless';
import { expect, vi } from 'vitest';
import { WebSocket } from 'ws';
import type {
  NeonWsProxy,
  ProxyLogger,
  UpstreamStats,
} from '../../../scripts/local-db/neon-ws-proxy';

export const CONCURRENT_TRANSACTIONS = 20;

// The driver's sockets, so a test can cut one off the way a crashed client would.
const clientSockets: WebSocket[] = [];
class TrackedWebSocket extends WebSocket {
  constructor(address: string) {
    super(address);
    clientSockets.push(this);
  }
}

const proxyByDatabase = new Map<string, string>();
neonConfig.webSocketConstructor = TrackedWebSocket;
neonConfig.useSecureWebSocket = false;
neonConfig.pipelineConnect = false;
neonConfig.pipelineTLS = false;
neonConfig.forceDisablePgSSL = true;
neonConfig.wsProxy = (host, port) => {
  const proxy = proxyByDatabase.get(`${host}:${port}`);
  if (!proxy) throw new Error(`no proxy registered for ${host}:${port}`);
  return `${proxy}/v1?address=${host}:${port}`;
};

export function routeThroughProxy(databaseUrl: string, proxyAddress: string): void {
  const url = new URL(databaseUrl);
  proxyByDatabase.set(`${url.hostname}:${url.port || '5432'}`, proxyAddress);
}

export function spyLogger() {
  return { info: vi.fn<ProxyLogger['info']>(), error: vi.fn<ProxyLogger['error']>() };
}

export function upstreamStats(proxy: NeonWsProxy): UpstreamStats {
  const [stats] = proxy.stats().upstreams;
  if (!stats) throw new Error('proxy has no upstream');
  return stats;
}

export async function waitUntilIdle(proxy: NeonWsProxy): Promise<void> {
  await vi.waitFor(() => {
    expect(upstreamStats(proxy)).toMatchObject({ active: 0, queued: 0 });
  });
}

export async function createProbeTable(databaseUrl: string): Promise<void> {
  const client = new Client(databaseUrl);
  await client.connect();
  await client.query(
    'CREATE TABLE IF NOT EXISTS proxy_probe (id serial PRIMARY KEY, worker int NOT NULL, note text, xid text NOT NULL)',
  );
  await client.query('TRUNCATE proxy_probe');
  await client.end();
}

/** One Worker-style request: its own Pool, one transaction, then pool.end(). */
async function insertInTransaction(databaseUrl: string, worker: number) {
  const pool = new Pool({ connectionString: databaseUrl });
  try {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const xid = await client.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
      const xidValue = xid.rows[0]?.xid;
      await client.query('INSERT INTO proxy_probe (worker, note, xid) VALUES ($1, $2, $3)', [
        worker,
        `worker ${worker}`,
        xidValue,
      ]);
      const seen = await client.query<{ count: string }>(
        'SELECT count(*) FROM proxy_probe WHERE worker = $1',
        [worker],
      );
      await client.query('COMMIT');
      return { xid: xidValue, seenInTransaction: Number(seen.rows[0]?.count) };
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}

export async function queryOnce<Row extends Record<string, unknown>>(
  databaseUrl: string,
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const client = new Client(databaseUrl);
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export async function expectConcurrentTransactionsCommitted(databaseUrl: string) {
  const results = await Promise.all(
    Array.from({ length: CONCURRENT_TRANSACTIONS }, (_, worker) =>
      insertInTransaction(databaseUrl, worker),
    ),
  );
  expect(results.map((result) => result.seenInTransaction)).toEqual(
    Array(CONCURRENT_TRANSACTIONS).fill(1),
  );
  // Two sessions interleaved on one backend would share a transaction id.
  expect(new Set(results.map((result) => result.xid)).size).toBe(CONCURRENT_TRANSACTIONS);

  const rows = await queryOnce<{ worker: number; xid: string }>(
    databaseUrl,
    'SELECT worker, xid FROM proxy_probe ORDER BY worker',
  );
  expect(rows.map((row) => row.worker)).toEqual(
    Array.from({ length: CONCURRENT_TRANSACTIONS }, (_, worker) => worker),
  );
  expect(rows.map((row) => row.xid).sort()).toEqual(results.map((result) => result.xid).sort());
}

/** Leaves a transaction open with an uncommitted row, then drops the WebSocket abruptly. */
export async function crashInsideTransaction(databaseUrl: string): Promise<void> {
  const doomed = new Client(databaseUrl);
  doomed.on('error', () => undefined);
  await doomed.connect();
  const socket = clientSockets.at(-1);
  await doomed.query("SET statement_timeout = '12345'");
  await doomed.query('CREATE TEMP TABLE crash_scratch (x int)');
  await doomed.query('BEGIN');
  await doomed.query(
    "INSERT INTO proxy_probe (worker, note, xid) VALUES (-1, 'uncommitted', pg_current_xact_id()::text)",
  );
  socket?.terminate();
  await expect(doomed.query('SELECT 1')).rejects.toThrow();
}

export async function expectCleanNextSession(databaseUrl: string): Promise<void> {
  const client = new Client(databaseUrl);
  await client.connect();
  try {
    const state = await client.query<{
      uncommitted: string;
      xid: string | null;
      timeout: string;
      temp_table: string | null;
    }>(
      `SELECT (SELECT count(*) FROM proxy_probe WHERE note = 'uncommitted') AS uncommitted,
              pg_current_xact_id_if_assigned()::text AS xid,
              current_setting('statement_timeout') AS timeout,
              to_regclass('pg_temp.crash_scratch')::text AS temp_table`,
    );
    expect(state.rows[0]).toEqual({ uncommitted: '0', xid: null, timeout: '0', temp_table: null });

    await client.query('BEGIN');
    await client.query(
      "INSERT INTO proxy_probe (worker, note, xid) VALUES (-2, 'after crash', '0')",
    );
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  const committed = await queryOnce<{ note: string }>(
    databaseUrl,
    'SELECT note FROM proxy_probe WHERE worker < 0',
  );
  expect(committed).toEqual([{ note: 'after crash' }]);
}

/**
 * Five statements on one connection (a simple query, a parametrised one, and BEGIN / INSERT /
 * COMMIT), then a Worker-style Pool of one connection running two: counted exactly, per session
 * and per upstream. Only a temporary table is written, so any database will do.
 */
export async function expectExactStatementCounts(proxy: NeonWsProxy, databaseUrl: string) {
  await waitUntilIdle(proxy);
  const before = proxy.stats();
  const counted = () => proxy.stats().totalStatements - before.totalStatements;
  const client = new Client(databaseUrl);
  await client.connect();
  try {
    await client.query('CREATE TEMP TABLE statement_probe (n int)');
    expect(counted()).toBe(1);
    const echoed = await client.query<{ n: number }>('SELECT $1::int AS n', [7]);
    expect(echoed.rows).toEqual([{ n: 7 }]);
    expect(counted()).toBe(2);
    await client.query('BEGIN');
    await client.query('INSERT INTO statement_probe (n) VALUES ($1)', [1]);
    await client.query('COMMIT');
    expect(counted()).toBe(5);
  } finally {
    await client.end();
  }

  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await pool.query('SELECT 1');
    await pool.query('SELECT $1::text AS word', ['dua']);
  } finally {
    await pool.end();
  }
  await waitUntilIdle(proxy);
  const after = proxy.stats();
  expect(after.totalStatements - before.totalStatements).toBe(7);
  expect(upstreamStats(proxy).statements - (before.upstreams[0]?.statements ?? 0)).toBe(7);
  expect(after.totalServed - before.totalServed).toBe(2);
  expect(upstreamStats(proxy).encryptedSessions).toBe(0);
}
