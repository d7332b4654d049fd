import { Duplex } from 'node:stream';
import pg from 'pg';
import { WebSocket } from 'ws';
import type { NeonWsProxyStats } from '../local-db/neon-ws-proxy';

/**
 * The bench's own connection to the stack's database (`pg`), for bulk set-up and for reading the
 * invariants back, and the local proxy's statement counters (GET /stats).
 *
 * A real Postgres is reached directly. The embedded Postgres (PGlite) serves one connection at a
 * time, and the proxy queues the Worker's sessions for it; a direct connection would jump that
 * queue and be turned away, so there the bench's sessions go through the proxy as well, one at a
 * time and closed as soon as they are idle (an idle pooled connection would hold the only slot).
 */
export interface BenchDatabase {
  pool: pg.Pool;
  /** True when the database serves one connection at a time (the embedded Postgres). */
  singleConnection: boolean;
  close(): Promise<void>;
}

export async function openBenchDatabase(
  databaseUrl: string,
  stats: NeonWsProxyStats | undefined,
  statsUrl: string | undefined,
  maxConnections: number,
): Promise<BenchDatabase> {
  const url = new URL(databaseUrl);
  const port = Number(url.port || '5432');
  const upstream = stats?.upstreams.find((candidate) => {
    const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(candidate.address);
    return match && Number(match[2]) === port;
  });
  const singleConnection = upstream?.maxConnections === 1;
  const pool =
    singleConnection && statsUrl
      ? new pg.Pool({
          connectionString: databaseUrl,
          max: 1,
          idleTimeoutMillis: 1,
          stream: () => new ProxiedSocket(new URL(statsUrl).host),
        })
      : new pg.Pool({ connectionString: databaseUrl, max: maxConnections });
  pool.on('error', () => undefined);
  return { pool, singleConnection, close: () => pool.end() };
}

/** Runs `work` in one database transaction. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function readProxyStats(statsUrl: string): Promise<NeonWsProxyStats> {
  const response = await fetch(statsUrl);
  if (!response.ok) throw new Error(`GET ${statsUrl}: ${response.status}`);
  return (await response.json()) as NeonWsProxyStats;
}

/**
 * Waits until the proxy has no session queued and its statement count has stood still
 * for a moment (work a request leaves behind, such as closing its pool, has finished), then
 * answers the counters. Used around a measured request so that only its statements count.
 */
export async function quietProxyStats(statsUrl: string): Promise<NeonWsProxyStats> {
  const settleMs = 400;
  const deadline = Date.now() + 15_000;
  let last = await readProxyStats(statsUrl);
  let stableSince = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const current = await readProxyStats(statsUrl);
    // An open connection alone is not work: a store's object keeps its connection warm for
    // DB_KEEP_WARM_MS, and the measured request should find it as a busy store's request would.
    const busy = current.upstreams.some((upstream) => upstream.queued > 0);
    if (busy || current.totalStatements !== last.totalStatements) stableSince = Date.now();
    last = current;
    if (!busy && Date.now() - stableSince >= settleMs) return current;
    if (Date.now() > deadline) throw new Error('the database proxy did not go quiet within 15 s');
  }
}

/**
 * A Postgres connection carried over the local proxy's WebSocket, in the shape `pg` expects of
 * its socket (`connect`, `setNoDelay`, …).
 */
class ProxiedSocket extends Duplex {
  private ws: WebSocket | undefined;

  constructor(private readonly proxyHost: string) {
    super();
  }

  connect(port: number, host: string): this {
    const ws = new WebSocket(`ws://${this.proxyHost}/v1?address=${host}:${port}`, {
      perMessageDeflate: false,
    });
    ws.binaryType = 'nodebuffer';
    ws.on('open', () => this.emit('connect'));
    ws.on('message', (data) => this.push(data as Buffer));
    ws.on('close', () => {
      this.push(null);
      this.destroy();
    });
    ws.on('error', (error) => this.destroy(error));
    this.ws = ws;
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error) => void): void {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
      done(new Error('proxy connection is not open'));
      return;
    }
    this.ws.send(chunk, { binary: true }, (error) => done(error ?? undefined));
  }

  override _final(done: (error?: Error) => void): void {
    this.ws?.close(1000);
    done();
  }
}
