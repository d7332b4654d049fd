import pg from 'pg';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';
import {
  type NeonWsProxyOptions,
  type ProxyLogger,
  startNeonWsProxy,
  type UpstreamOptions,
} from './neon-ws-proxy';

export interface LocalDatabaseOptions {
  /** A real Postgres to use as is; undefined = start the embedded one. */
  databaseUrl?: string;
  /** Where the embedded Postgres keeps its data; undefined = in memory. */
  dataDir?: string;
  /** 0 or undefined = any free port. */
  proxyPort?: number;
  logger?: ProxyLogger;
  /** Fault injection endpoints on the proxy (NeonWsProxyOptions.faults): tests only. */
  faults?: NeonWsProxyOptions['faults'];
  /**
   * Embedded only: a second, empty in-memory Postgres behind the same proxy (`spareDatabaseUrl`),
   * for tests that need another database (a backup restored into an empty one). A real server
   * makes its spare with createScratchDatabase instead.
   */
  withSpare?: boolean;
}

export interface LocalDatabase {
  databaseUrl: string;
  /** The second embedded database (`withSpare`), reached through the same proxy. */
  spareDatabaseUrl?: string;
  /** 'host:port' of the WebSocket proxy, for neonConfig.wsProxy. */
  proxyAddress: string;
  kind: 'embedded' | 'external';
  stop(): Promise<void>;
}

export interface ScratchDatabase {
  databaseUrl: string;
  drop(): Promise<void>;
}

const DEFAULT_POSTGRES_PORT = 5432;
const DATABASE_NAME = /^[a-z0-9_]{1,63}$/;

export async function startLocalDatabase(
  options: LocalDatabaseOptions = {},
): Promise<LocalDatabase> {
  const proxyOptions = {
    port: options.proxyPort ?? 0,
    logger: options.logger,
    faults: options.faults,
  };

  if (options.databaseUrl !== undefined) {
    const url = new URL(options.databaseUrl);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = url.port === '' ? DEFAULT_POSTGRES_PORT : Number(url.port);
    const proxy = await startNeonWsProxy({ ...proxyOptions, upstreams: [{ host, port }] });
    return {
      databaseUrl: options.databaseUrl,
      proxyAddress: proxy.address,
      kind: 'external',
      stop: () => proxy.close(),
    };
  }

  const embedded = await startEmbeddedPostgres({ dataDir: options.dataDir });
  const spare = options.withSpare ? await startEmbeddedPostgres({}) : undefined;
  const stopDatabases = async () => {
    await embedded.stop();
    await spare?.stop();
  };
  try {
    const proxy = await startNeonWsProxy({
      ...proxyOptions,
      upstreams: [embedded, ...(spare ? [spare] : [])].map(embeddedPostgresUpstream),
    });
    return {
      databaseUrl: embedded.databaseUrl,
      ...(spare ? { spareDatabaseUrl: spare.databaseUrl } : {}),
      proxyAddress: proxy.address,
      kind: 'embedded',
      async stop() {
        await proxy.close();
        await stopDatabases();
      },
    };
  } catch (err) {
    await stopDatabases();
    throw err;
  }
}

/** How the proxy must treat PGlite: one session at a time, each starting clean. */
export function embeddedPostgresUpstream(embedded: EmbeddedPostgres): UpstreamOptions {
  return {
    host: embedded.host,
    port: embedded.port,
    maxConnections: 1,
    endAfterTerminate: true,
    afterSession: () => embedded.resetSession(),
  };
}

export async function createScratchDatabase(
  adminUrl: string,
  name: string,
): Promise<ScratchDatabase> {
  if (!DATABASE_NAME.test(name)) {
    throw new Error(`invalid database name ${JSON.stringify(name)}: use 1-63 of [a-z0-9_]`);
  }
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${name}`;

  return {
    databaseUrl: databaseUrl.toString(),
    drop: () =>
      withAdminClient(adminUrl, async (client) => {
        await client.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [name],
        );
        await client.query(`DROP DATABASE IF EXISTS "${name}"`);
      }),
  };
}

async function withAdminClient<T>(adminUrl: string, use: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
