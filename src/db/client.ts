import { neonConfig, Pool } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import * as schema from './schema';

export type Db = ReturnType<typeof drizzle<typeof schema>>;

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

  constructor(private readonly config: DatabaseConfig) {}

  get db(): Db {
    if (!this.#db) {
      if (this.config.DB_PROXY) useLocalProxy(this.config.DB_PROXY);
      this.#pool = new Pool({ connectionString: this.config.DATABASE_URL, max: 1 });
      this.#db = drizzle({ client: this.#pool, schema });
    }
    return this.#db;
  }

  get isOpen(): boolean {
    return this.#pool !== undefined;
  }

  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    this.#db = undefined;
    await pool?.end();
  }
}
