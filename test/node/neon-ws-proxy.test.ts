import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import {
  type EmbeddedPostgres,
  startEmbeddedPostgres,
} from '../../scripts/local-db/embedded-postgres';
import {
  createScratchDatabase,
  embeddedPostgresUpstream,
  startLocalDatabase,
} from '../../scripts/local-db/local-database';
import {
  ClientMessageParser,
  type NeonWsProxy,
  startNeonWsProxy,
} from '../../scripts/local-db/neon-ws-proxy';
import {
  CONCURRENT_TRANSACTIONS,
  crashInsideTransaction,
  createProbeTable,
  expectCleanNextSession,
  expectConcurrentTransactionsCommitted,
  expectExactStatementCounts,
  queryOnce,
  routeThroughProxy,
  spyLogger,
  upstreamStats,
  waitUntilIdle,
} from './support/neon-clients';

async function listenTcp(onConnection: (socket: Socket) => void) {
  const server = createServer(onConnection);
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not a TCP server');
  return {
    port: address.port,
    connections: () => connections,
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

interface RawSession {
  ws: WebSocket;
  received: () => Buffer;
  closed: Promise<number>;
}

async function openRawSession(url: string): Promise<RawSession> {
  const ws = new WebSocket(url);
  const chunks: Buffer[] = [];
  ws.on('message', (data) => chunks.push(Buffer.from(data as Buffer)));
  const closed = new Promise<number>((resolve) => ws.on('close', resolve));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, received: () => Buffer.concat(chunks), closed };
}

function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('error', () => undefined);
    ws.on('open', () => {
      ws.terminate();
      reject(new Error('upgrade was accepted'));
    });
    ws.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
  });
}

function echo(socket: Socket): void {
  socket.on('error', () => undefined);
  socket.pipe(socket);
}

// Frontend messages of the Postgres wire protocol, built by hand so a test states the bytes.
const PROTOCOL_3_0 = 196608;
const SSL_REQUEST = 80877103;

function startupPacket(code: number, body: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + body.length, 0);
  header.writeInt32BE(code, 4);
  return Buffer.concat([header, body]);
}

function frontendMessage(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}

const cstring = (text: string) => Buffer.from(`${text}\0`);

/**
 * A session of four statements: a simple Query whose text holds the letters Q, E and X, an
 * extended-protocol round (Parse, Bind, Describe, Execute, Sync: one), and a portal executed
 * twice with a row limit (two), then Terminate.
 */
function fourStatementSession(): Buffer {
  const rowLimit = (rows: number) => {
    const limit = Buffer.alloc(4);
    limit.writeInt32BE(rows);
    return Buffer.concat([cstring(''), limit]);
  };
  const bindNoParameters = Buffer.concat([cstring(''), cstring(''), Buffer.alloc(6)]);
  return Buffer.concat([
    startupPacket(PROTOCOL_3_0, Buffer.concat([cstring('user'), cstring('postgres'), cstring('')])),
    frontendMessage('Q', cstring("SELECT 'QEX' AS letters")),
    frontendMessage('P', Buffer.concat([cstring(''), cstring('SELECT $1::int'), Buffer.alloc(2)])),
    frontendMessage('B', bindNoParameters),
    frontendMessage('D', Buffer.from('P\0')),
    frontendMessage('E', rowLimit(0)),
    frontendMessage('S'),
    frontendMessage('P', Buffer.concat([cstring(''), cstring('SELECT 1'), Buffer.alloc(2)])),
    frontendMessage('B', bindNoParameters),
    frontendMessage('E', rowLimit(1)),
    frontendMessage('E', rowLimit(1)),
    frontendMessage('S'),
    frontendMessage('X'),
  ]);
}

function eachByte(bytes: Buffer): Buffer[] {
  return Array.from({ length: bytes.length }, (_, index) => bytes.subarray(index, index + 1));
}

describe('ClientMessageParser', () => {
  it('counts each Query and Execute once, and sees Terminate, however the bytes are split', () => {
    const session = fourStatementSession();
    for (const chunks of [
      [session],
      eachByte(session),
      [session.subarray(0, 13), session.subarray(13)],
    ]) {
      const parser = new ClientMessageParser();
      const counted = chunks.reduce((sum, chunk) => sum + parser.push(chunk), 0);
      expect(counted).toBe(4);
      expect(parser).toMatchObject({ statements: 4, terminated: true, encrypted: false });
    }
  });

  it('reads the startup message after a refused SSLRequest', () => {
    const parser = new ClientMessageParser();
    parser.push(startupPacket(SSL_REQUEST));
    expect(parser.awaitingEncryptionAnswer).toBe(true);
    parser.encryptionAnswered('N'.charCodeAt(0));
    expect(parser.push(fourStatementSession())).toBe(4);
    expect(parser).toMatchObject({ terminated: true, encrypted: false });
  });

  it('stops counting once the stream is encrypted, accepted or sent ahead of the answer', () => {
    const accepted = new ClientMessageParser();
    accepted.push(startupPacket(SSL_REQUEST));
    accepted.encryptionAnswered('S'.charCodeAt(0));
    expect(accepted.push(fourStatementSession())).toBe(0);
    expect(accepted).toMatchObject({ encrypted: true, terminated: false });

    const pipelined = new ClientMessageParser();
    expect(
      pipelined.push(Buffer.concat([startupPacket(SSL_REQUEST), fourStatementSession()])),
    ).toBe(0);
    expect(pipelined).toMatchObject({ encrypted: true, awaitingEncryptionAnswer: false });
  });
});

describe('neon-ws-proxy with fake upstreams', () => {
  it('queues sessions one at a time and flushes bytes buffered while queued, in order', async () => {
    let open = 0;
    let peakOpen = 0;
    const upstream = await listenTcp((socket) => {
      open += 1;
      peakOpen = Math.max(peakOpen, open);
      socket.on('close', () => {
        open -= 1;
      });
      echo(socket);
    });
    const logger = spyLogger();
    const proxy = await startNeonWsProxy({
      upstreams: [{ host: '127.0.0.1', port: upstream.port, maxConnections: 1 }],
      logger,
    });
    const url = `ws://${proxy.address}/v1?address=localhost:${upstream.port}`;
    try {
      const first = await openRawSession(url);
      first.ws.send(Buffer.from('first'));
      await vi.waitFor(() => expect(first.received().toString()).toBe('first'));

      const second = await openRawSession(url);
      for (const part of ['one ', 'two ', 'three']) second.ws.send(Buffer.from(part));
      await vi.waitFor(() => expect(upstreamStats(proxy).queued).toBe(1));
      expect(upstream.connections()).toBe(1);
      expect(second.received().length).toBe(0);

      first.ws.close();
      await vi.waitFor(() => expect(second.received().toString()).toBe('one two three'));
      second.ws.close();
      expect(await second.closed).toBe(1005);
      await waitUntilIdle(proxy);

      expect(peakOpen).toBe(1);
      expect(upstream.connections()).toBe(2);
      expect(upstreamStats(proxy)).toMatchObject({ served: 2, peakActive: 1, peakQueued: 1 });
      expect(logger.error).not.toHaveBeenCalled();
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it('carries a large payload intact in both directions', async () => {
    const upstream = await listenTcp(echo);
    const proxy = await startNeonWsProxy({
      upstreams: [{ host: '127.0.0.1', port: upstream.port }],
    });
    try {
      const session = await openRawSession(
        `ws://${proxy.address}/v1?address=127.0.0.1:${upstream.port}`,
      );
      const payload = randomBytes(8 * 1024 * 1024);
      for (let offset = 0; offset < payload.length; offset += 64 * 1024) {
        session.ws.send(payload.subarray(offset, offset + 64 * 1024));
      }
      await vi.waitFor(() => expect(session.received().length).toBe(payload.length), {
        timeout: 10_000,
      });
      expect(session.received().equals(payload)).toBe(true);
      session.ws.close();
      await session.closed;
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it('delivers the last bytes and closes with 1000 when the upstream ends the connection', async () => {
    const upstream = await listenTcp((socket) => {
      socket.write('goodbye ');
      socket.end('for now');
    });
    const logger = spyLogger();
    const proxy = await startNeonWsProxy({
      upstreams: [{ host: '127.0.0.1', port: upstream.port }],
      logger,
    });
    try {
      const session = await openRawSession(
        `ws://${proxy.address}/v1?address=127.0.0.1:${upstream.port}`,
      );
      expect(await session.closed).toBe(1000);
      expect(session.received().toString()).toBe('goodbye for now');
      await waitUntilIdle(proxy);
      expect(logger.error).not.toHaveBeenCalled();
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it('closes with 1011 and logs an error when the upstream refuses the connection', async () => {
    // The port stays taken until the proxy has its own, so the system cannot hand the proxy the
    // very port it is meant to find closed (the proxy would then connect to itself and hang).
    const reserved = await listenTcp(() => undefined);
    const port = reserved.port;
    const logger = spyLogger();
    const proxy = await startNeonWsProxy({ upstreams: [{ host: '127.0.0.1', port }], logger });
    await reserved.close();
    try {
      const session = await openRawSession(`ws://${proxy.address}/v1?address=127.0.0.1:${port}`);
      expect(await session.closed).toBe(1011);
      expect(logger.error).toHaveBeenCalledWith(
        'upstream connection failed',
        expect.objectContaining({ code: 'ECONNREFUSED' }),
      );
    } finally {
      await proxy.close();
    }
  });

  it('refuses other addresses and paths at the upgrade without connecting anywhere', async () => {
    const allowed = await listenTcp(echo);
    const decoy = await listenTcp(echo);
    const logger = spyLogger();
    const proxy = await startNeonWsProxy({
      upstreams: [{ host: '127.0.0.1', port: allowed.port }],
      logger,
    });
    const base = `ws://${proxy.address}`;
    try {
      expect(await upgradeStatus(`${base}/v1?address=127.0.0.1:${decoy.port}`)).toBe(403);
      expect(await upgradeStatus(`${base}/v1?address=example.com:${allowed.port}`)).toBe(403);
      expect(await upgradeStatus(`${base}/v1?address=127.0.0.1`)).toBe(403);
      expect(await upgradeStatus(`${base}/v1`)).toBe(400);
      expect(await upgradeStatus(`${base}/v2?address=127.0.0.1:${allowed.port}`)).toBe(404);
      expect(decoy.connections()).toBe(0);
      expect(allowed.connections()).toBe(0);
      expect(proxy.stats()).toMatchObject({ totalRefused: 5, totalServed: 0 });

      for (const alias of ['localhost', '127.0.0.1', '[::1]']) {
        const session = await openRawSession(`${base}/v1?address=${alias}:${allowed.port}`);
        session.ws.close();
        await session.closed;
      }
      await waitUntilIdle(proxy);
      expect(allowed.connections()).toBe(3);
    } finally {
      await proxy.close();
      await allowed.close();
      await decoy.close();
    }
  });

  it('drops a queued session that closes before its turn without opening TCP', async () => {
    const upstream = await listenTcp(echo);
    const logger = spyLogger();
    const proxy = await startNeonWsProxy({
      upstreams: [{ host: '127.0.0.1', port: upstream.port, maxConnections: 1 }],
      logger,
    });
    const url = `ws://${proxy.address}/v1?address=127.0.0.1:${upstream.port}`;
    try {
      const holder = await openRawSession(url);
      const impatient = await openRawSession(url);
      impatient.ws.send(Buffer.from('never sent upstream'));
      await vi.waitFor(() => expect(upstreamStats(proxy).queued).toBe(1));
      impatient.ws.terminate();
      await vi.waitFor(() => expect(upstreamStats(proxy).queued).toBe(0));

      holder.ws.close();
      await waitUntilIdle(proxy);
      expect(upstream.connections()).toBe(1);
      expect(upstreamStats(proxy).served).toBe(1);
      expect(logger.error).not.toHaveBeenCalled();
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it('counts the statements a session sends, per upstream and in total', async () => {
    const upstream = await listenTcp(echo);
    const proxy = await startNeonWsProxy({
      upstreams: [{ host: '127.0.0.1', port: upstream.port }],
    });
    try {
      const session = await openRawSession(
        `ws://${proxy.address}/v1?address=127.0.0.1:${upstream.port}`,
      );
      // One WebSocket message per byte: every header and body is cut at every position.
      for (const byte of eachByte(fourStatementSession())) session.ws.send(byte);
      await vi.waitFor(() => expect(upstreamStats(proxy).statements).toBe(4));
      session.ws.close();
      await session.closed;
      await waitUntilIdle(proxy);
      expect(proxy.stats()).toMatchObject({ totalStatements: 4, totalServed: 1 });
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it('serves its counters as JSON on GET /stats and answers 426 to anything else', async () => {
    const upstream = await listenTcp(echo);
    const proxy = await startNeonWsProxy({
      upstreams: [{ host: '127.0.0.1', port: upstream.port, maxConnections: 2 }],
    });
    try {
      const response = await fetch(`http://${proxy.address}/stats`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      const body = await response.json();
      expect(body).toEqual(proxy.stats());
      expect(body).toEqual({
        upstreams: [
          {
            address: `127.0.0.1:${upstream.port}`,
            maxConnections: 2,
            active: 0,
            queued: 0,
            served: 0,
            statements: 0,
            encryptedSessions: 0,
            peakActive: 0,
            peakQueued: 0,
          },
        ],
        totalServed: 0,
        totalStatements: 0,
        totalRefused: 0,
      });

      expect((await fetch(`http://${proxy.address}/stats?pretty=1`)).status).toBe(200);
      for (const [path, method] of [
        ['/', 'GET'],
        ['/v1', 'GET'],
        ['/stats', 'POST'],
        ['/stats/', 'GET'],
      ] as const) {
        const refused = await fetch(`http://${proxy.address}${path}`, { method });
        expect(refused.status).toBe(426);
        await refused.body?.cancel();
      }
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it('close() ends open and queued sessions gracefully and stops listening', async () => {
    const upstream = await listenTcp(echo);
    const logger = spyLogger();
    const proxy = await startNeonWsProxy({
      upstreams: [{ host: '127.0.0.1', port: upstream.port, maxConnections: 1 }],
      logger,
    });
    const url = `ws://${proxy.address}/v1?address=127.0.0.1:${upstream.port}`;
    const active = await openRawSession(url);
    const queued = await openRawSession(url);
    await vi.waitFor(() => expect(upstreamStats(proxy).queued).toBe(1));

    await proxy.close();
    expect(await active.closed).toBe(1001);
    expect(await queued.closed).toBe(1001);
    expect(upstream.connections()).toBe(1);
    expect(logger.error).not.toHaveBeenCalled();
    await expect(openRawSession(url)).rejects.toThrow(/ECONNREFUSED/);
    await upstream.close();
  });
});

describe('embedded PGlite through the proxy', () => {
  let embedded: EmbeddedPostgres;
  let proxy: NeonWsProxy;
  const logger = spyLogger();

  beforeAll(async () => {
    embedded = await startEmbeddedPostgres();
    proxy = await startNeonWsProxy({ upstreams: [embeddedPostgresUpstream(embedded)], logger });
    routeThroughProxy(embedded.databaseUrl, proxy.address);
    await createProbeTable(embedded.databaseUrl);
  }, 60_000);

  afterAll(async () => {
    await proxy?.close();
    await embedded?.stop();
  });

  it('runs 20 concurrent transactions, one connection at a time', async () => {
    await waitUntilIdle(proxy);
    const servedBefore = upstreamStats(proxy).served;

    await expectConcurrentTransactionsCommitted(embedded.databaseUrl);

    await waitUntilIdle(proxy);
    const stats = upstreamStats(proxy);
    expect(stats.served - servedBefore).toBe(CONCURRENT_TRANSACTIONS + 1);
    expect(stats.peakActive).toBe(1);
    expect(stats.peakQueued).toBeGreaterThanOrEqual(CONCURRENT_TRANSACTIONS / 2);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it("counts a client's statements exactly: simple, parametrised, and a transaction", async () => {
    await expectExactStatementCounts(proxy, embedded.databaseUrl);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('does not hand an abandoned transaction or session state to the next connection', async () => {
    await crashInsideTransaction(embedded.databaseUrl);
    await expectCleanNextSession(embedded.databaseUrl);
    await waitUntilIdle(proxy);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('refuses a database address the proxy does not serve', async () => {
    const decoy = await listenTcp(echo);
    const decoyUrl = `postgres://postgres:postgres@127.0.0.1:${decoy.port}/postgres`;
    routeThroughProxy(decoyUrl, proxy.address);
    const client = new Client(decoyUrl);
    client.on('error', () => undefined);
    try {
      await expect(client.connect()).rejects.toThrow();
      expect(decoy.connections()).toBe(0);
    } finally {
      await decoy.close();
    }
  });
});

describe('startLocalDatabase', () => {
  it('opens, queries and closes many times without a single error', async () => {
    const logger = spyLogger();
    const database = await startLocalDatabase({ logger });
    expect(database.kind).toBe('embedded');
    routeThroughProxy(database.databaseUrl, database.proxyAddress);
    const clientErrors: unknown[] = [];
    const cycles = 10;
    try {
      for (let i = 0; i < cycles; i++) {
        const client = new Client(database.databaseUrl);
        client.on('error', (err) => clientErrors.push(err));
        await client.connect();
        const result = await client.query<{ n: number }>('SELECT $1::int AS n', [i]);
        expect(result.rows).toEqual([{ n: i }]);
        await client.end();
      }
      const pooled = await Promise.all(
        Array.from({ length: cycles }, async (_, i) => {
          const pool = new Pool({ connectionString: database.databaseUrl });
          pool.on('error', (err: Error) => clientErrors.push(err));
          const result = await pool.query<{ n: number }>('SELECT $1::int * 2 AS n', [i]);
          await pool.end();
          return result.rows[0]?.n;
        }),
      );
      expect(pooled).toEqual(Array.from({ length: cycles }, (_, i) => i * 2));
    } finally {
      await database.stop();
    }
    expect(clientErrors).toEqual([]);
    expect(logger.error).not.toHaveBeenCalled();
    const closedSessions = logger.info.mock.calls.filter(([msg]) => msg === 'session closed');
    expect(closedSessions).toHaveLength(cycles * 2);
  });

  it('keeps data in dataDir across restarts', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kasir-pglite-'));
    try {
      const first = await startLocalDatabase({ dataDir: join(dataDir, 'db') });
      routeThroughProxy(first.databaseUrl, first.proxyAddress);
      await queryOnce(first.databaseUrl, 'CREATE TABLE kept (note text)');
      await queryOnce(first.databaseUrl, "INSERT INTO kept VALUES ('still here')");
      await first.stop();

      const second = await startLocalDatabase({ dataDir: join(dataDir, 'db') });
      routeThroughProxy(second.databaseUrl, second.proxyAddress);
      try {
        expect(await queryOnce(second.databaseUrl, 'SELECT note FROM kept')).toEqual([
          { note: 'still here' },
        ]);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('createScratchDatabase rejects names that are not plain identifiers', async () => {
    const adminUrl = 'postgres://postgres:postgres@127.0.0.1:1/postgres';
    for (const name of ['Upper', 'semi;colon', 'quote"', '', 'a'.repeat(64)]) {
      await expect(createScratchDatabase(adminUrl, name)).rejects.toThrow(/invalid database name/);
    }
  });
});
