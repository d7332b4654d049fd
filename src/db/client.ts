import { neonConfig, Pool, type PoolClient } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import { databaseErrorOf } from '../lib/error-description';
import type { Logger } from '../lib/logger';

/**
 * Made without the schema: nothing uses drizzle's relational queries (`db.query`), and handing
 * it the schema makes every new instance walk all its tables and indexes, a measurable share of
 * a sale's CPU.
 */
export type Db = ReturnType<typeof drizzle>;
/** A database transaction, as handed to `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything queries can run on: the request's database or a transaction inside it. */
export type Executor = Db | Tx;

export interface DatabaseConfig {
  DATABASE_URL: string;
  DB_PROXY?: string;
}

/**
 * Points the Neon driver at the local WebSocket-to-TCP proxy (scripts/local-db) instead of Neon.
 * Only the local stack and the tests set DB_PROXY; production keeps Neon's secure defaults.
 * The settings are process-wide but the same for every request of an isolate, so setting them
 * again is harmless.
 */
function useLocalProxy(proxyAddress: string): void {
  neonConfig.wsProxy = (host, port) => `${proxyAddress}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineConnect = false;
  neonConfig.pipelineTLS = false;
  neonConfig.forceDisablePgSSL = true;
}

/** Tries of a transaction the database aborted to let others through, before the 503. */
export const contentionAttempts = 3;

/**
 * `db.transaction` that starts again when Postgres aborted it as a deadlock victim (40P01) or
 * for a serialization failure (40001): nothing of it was committed, and the same work a moment
 * later usually goes through. After `contentionAttempts` the error is answered 503 with
 * Retry-After (errors.ts). A transaction's work must therefore keep no state outside itself;
 * every one builds its result from what its statements return.
 */
function retryingContention(db: Db): Db {
  const transaction = db.transaction.bind(db);
  const retrying: Db['transaction'] = async (work, config) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await transaction(work, config);
      } catch (error) {
        const sqlState = databaseErrorOf(error)?.sqlState;
        const contended = sqlState === '40P01' || sqlState === '40001';
        if (!contended || attempt >= contentionAttempts) throw error;
        // A little apart and at random, so the two sides of a deadlock do not meet again.
        await new Promise((resolve) => setTimeout(resolve, attempt * (10 + Math.random() * 40)));
      }
    }
  };
  db.transaction = retrying;
  return db;
}

/** How long a connection may take to open, a query to answer, a connection to end. */
const connectTimeoutMs = 20_000;
const queryTimeoutMs = 60_000;
const closeTimeoutMs = 5_000;

/**
 * A request's own database: a Neon WebSocket Pool opened on first use and closed by `close()`.
 * Never shared between requests: workerd forbids I/O objects crossing requests.
 *
 * The pool holds one connection. A request runs its queries one after another (that keeps round
 * trips visible and few), Neon charges per connection, and the embedded Postgres of the local
 * stack serves one connection at a time, where a second one inside a request would wait forever.
 */
export class Database {
  #pool: Pool | undefined;
  #db: Db | undefined;
  #closing = false;
  #connected = false;

  constructor(
    private readonly config: DatabaseConfig,
    private readonly logger?: Pick<Logger, 'error'>,
  ) {}

  get db(): Db {
    if (!this.#db) {
      if (this.config.DB_PROXY) useLocalProxy(this.config.DB_PROXY);
      // No idle timer of the pool's own (10 s by default): the owner closes the connection, a
      // request after its response, a store's object after DB_KEEP_WARM_MS without a call.
      // A connection that never opens, or a query that never hears back (a WebSocket the network
      // dropped without closing it), fails after these limits as "database unavailable" (503,
      // retryable) instead of holding the request, or a store's whole write queue, forever.
      const pool = new Pool({
        connectionString: this.config.DATABASE_URL,
        max: 1,
        idleTimeoutMillis: 0,
        connectionTimeoutMillis: connectTimeoutMs,
        query_timeout: queryTimeoutMs,
      });
      // A failed query rejects its own promise; these events are what happens to a connection
      // between queries. Without a listener they would be thrown as uncaught exceptions.
      pool.on('connect', (client: PoolClient) => {
        this.#connected = true;
        client.on('error', (error: unknown) => this.#connectionError(error));
      });
      pool.on('error', (error: unknown) => this.#connectionError(error));
      this.#pool = pool;
      this.#db = retryingContention(drizzle({ client: pool }));
    }
    return this.#db;
  }

  #connectionError(error: unknown): void {
    // After Terminate the server closes the WebSocket, and workerd then reports the closed
    // socket as "Network connection lost" on a connection we are ending anyway.
    if (this.#closing) return;
    // The driver sometimes emits an event object (holding the client and its settings) rather
    // than an Error: only an Error's own description is logged.
    const described = error instanceof Error ? error : new Error('connection error event');
    this.logger?.error('database connection error', { error: described });
  }

  /** Whether a connection to the database was made at all, even if closed since. */
  get hasConnected(): boolean {
    return this.#connected;
  }

  get isOpen(): boolean {
    return this.#pool !== undefined;
  }

  /**
   * Ends the connection. A connection whose socket died may never confirm its end: after
   * `closeTimeoutMs` it is left to the runtime, so the caller (a store's write queue) moves on.
   */
  async close(): Promise<void> {
    this.#closing = true;
    const pool = this.#pool;
    this.#pool = undefined;
    this.#db = undefined;
    if (!pool) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), closeTimeoutMs);
    });
    const ended = pool.end().then(
      () => 'ended' as const,
      () => 'ended' as const,
    );
    const outcome = await Promise.race([ended, gaveUp]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.logger?.error('database connection did not end in time', { afterMs: closeTimeoutMs });
    }
  }
}
