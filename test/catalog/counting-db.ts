import { env } from 'cloudflare:workers';
import { Pool, type PoolClient } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import { Database, type Db } from '../../src/db/client';

/**
 * A database handle like the Worker's, whose Drizzle logger counts every statement it sends: how
 * the tests prove that a page costs a fixed number of queries, whatever its size.
 */
export async function withCountingDb<T>(
  work: (db: Db, queries: () => number) => Promise<T>,
): Promise<T> {
  // Opening the Worker's own Database points the Neon driver at the local proxy.
  const setup = new Database(env);
  void setup.db;
  let count = 0;
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: 1 });
  // As in Database: ending the pool closes the WebSocket, which workerd reports as an error.
  pool.on('connect', (client: PoolClient) => client.on('error', () => undefined));
  pool.on('error', () => undefined);
  const db = drizzle({ client: pool, logger: { logQuery: () => void count++ } });
  try {
    return await work(db, () => count);
  } finally {
    await pool.end();
    await setup.close();
  }
}
