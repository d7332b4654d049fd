import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgresOptions {
  /** Directory to persist the database in; undefined = in memory. */
  dataDir?: string;
  host?: string;
  /** 0 = any free port. */
  port?: number;
}

export interface EmbeddedPostgres {
  host: string;
  port: number;
  databaseUrl: string;
  /**
   * PGlite has a single backend session that every connection shares. Call this after a
   * connection has closed and before the next one opens, so the next connection starts clean.
   */
  resetSession(): Promise<void>;
  stop(): Promise<void>;
}

const DETACH_TIMEOUT_MS = 5_000;

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  const host = options.host ?? '127.0.0.1';
  if (options.dataDir !== undefined) await mkdir(options.dataDir, { recursive: true });
  // pg_trgm backs the catalog's text search; Neon and Debian's Postgres ship it too.
  const db = await PGlite.create(options.dataDir, { extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, host, port: options.port ?? 0, maxConnections: 1 });
  try {
    await server.start();
  } catch (err) {
    await db.close();
    throw err;
  }
  const connection = server.getServerConn();
  const port = Number(connection.slice(connection.lastIndexOf(':') + 1));
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const formattedHost = urlHost.includes(':') ? `[${urlHost}]` : urlHost;

  return {
    host,
    port,
    databaseUrl: `postgres://postgres:postgres@${formattedHost}:${port}/postgres`,
    async resetSession() {
      // The server forgets a connection (and rolls back its transaction) a tick after the
      // socket closes; until then it would turn the next connection away.
      await waitUntil(() => server.getStats().activeConnections === 0, DETACH_TIMEOUT_MS);
      if (db.isInTransaction()) await db.exec('ROLLBACK');
      await db.exec('DISCARD ALL');
    },
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
