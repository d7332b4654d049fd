import { Client } from '@neondatabase/serverless';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createScratchDatabase,
  type ScratchDatabase,
  startLocalDatabase,
} from '../../scripts/local-db/local-database';
import { type NeonWsProxy, startNeonWsProxy } from '../../scripts/local-db/neon-ws-proxy';
import {
  crashInsideTransaction,
  createProbeTable,
  expectCleanNextSession,
  expectConcurrentTransactionsCommitted,
  expectExactStatementCounts,
  routeThroughProxy,
  spyLogger,
  upstreamStats,
  waitUntilIdle,
} from './support/neon-clients';

// Needs a real Postgres server: vitest.config.ts collects this file only when DATABASE_URL is set.
describe('real Postgres from DATABASE_URL', () => {
  let adminUrl: string;
  let scratch: ScratchDatabase;
  let proxy: NeonWsProxy;
  const logger = spyLogger();

  beforeAll(async () => {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      throw new Error(
        'external-postgres.test.ts needs DATABASE_URL pointing at a real Postgres server ' +
          '(vitest.config.ts only collects it when DATABASE_URL is set)',
      );
    }
    adminUrl = databaseUrl;
    scratch = await createScratchDatabase(adminUrl, `kasir_proxy_test_${process.pid}`);
    const url = new URL(scratch.databaseUrl);
    proxy = await startNeonWsProxy({
      upstreams: [{ host: url.hostname, port: Number(url.port || '5432') }],
      logger,
    });
    routeThroughProxy(scratch.databaseUrl, proxy.address);
    await createProbeTable(scratch.databaseUrl);
  }, 60_000);

  afterAll(async () => {
    await proxy?.close();
    await scratch?.drop();
  });

  it('runs 20 concurrent transactions side by side', async () => {
    const databaseUrl = scratch.databaseUrl;
    await expectConcurrentTransactionsCommitted(databaseUrl);
    await waitUntilIdle(proxy);
    const stats = upstreamStats(proxy);
    expect(stats.maxConnections).toBeNull();
    expect(stats.peakQueued).toBe(0);
    expect(stats.peakActive).toBeGreaterThan(1);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('rolls back a transaction whose client vanished', async () => {
    const databaseUrl = scratch.databaseUrl;
    await crashInsideTransaction(databaseUrl);
    await expectCleanNextSession(databaseUrl);
    await waitUntilIdle(proxy);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('startLocalDatabase uses the given Postgres as is', async () => {
    const databaseUrl = scratch.databaseUrl;
    const database = await startLocalDatabase({ databaseUrl });
    try {
      expect(database).toMatchObject({ kind: 'external', databaseUrl });
      const client = new Client(databaseUrl);
      client.neonConfig.wsProxy = (host, port) =>
        `${database.proxyAddress}/v1?address=${host}:${port}`;
      await client.connect();
      const rows = await client.query<{ db: string }>('SELECT current_database() AS db');
      expect(rows.rows).toEqual([{ db: new URL(databaseUrl).pathname.slice(1) }]);
      await client.end();
    } finally {
      await database.stop();
    }
  });

  it('createScratchDatabase creates and drops a database', async () => {
    const name = `kasir_scratch_${process.pid}`;
    const created = await createScratchDatabase(adminUrl, name);
    expect(new URL(created.databaseUrl).pathname).toBe(`/${name}`);

    const lingering = new pg.Client({ connectionString: created.databaseUrl });
    lingering.on('error', () => undefined);
    await lingering.connect();
    await lingering.query('CREATE TABLE t (x int)');
    await lingering.query('INSERT INTO t VALUES (42)');
    expect((await lingering.query('SELECT x FROM t')).rows).toEqual([{ x: 42 }]);

    await created.drop();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const left = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      expect(left.rowCount).toBe(0);
    } finally {
      await admin.end();
    }
    await expect(lingering.query('SELECT 1')).rejects.toThrow();
  });
});

describe('real Postgres through the proxy', () => {
  let proxy: NeonWsProxy;
  let databaseUrl: string;
  const logger = spyLogger();

  beforeAll(async () => {
    databaseUrl = process.env.DATABASE_URL ?? '';
    const url = new URL(databaseUrl);
    proxy = await startNeonWsProxy({
      upstreams: [{ host: url.hostname, port: Number(url.port || '5432') }],
      logger,
    });
    routeThroughProxy(databaseUrl, proxy.address);
  });

  afterAll(async () => {
    await proxy?.close();
  });

  it('counts statements exactly and serves them on GET /stats', async () => {
    await expectExactStatementCounts(proxy, databaseUrl);
    const served = (await (await fetch(`http://${proxy.address}/stats`)).json()) as unknown;
    expect(served).toEqual(proxy.stats());
    expect(served).toMatchObject({ totalStatements: 7, totalServed: 2 });
    expect(logger.error).not.toHaveBeenCalled();
  });
});
