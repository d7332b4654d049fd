import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import type { NeonWsProxy } from './neon-ws-proxy';

const run = promisify(execFile);

/** How long the database stays unreachable when a restart is emulated. */
const emulatedOutageMs = 3_000;

/**
 * What `POST /faults/restart` on the test proxy does (test/faults), in Node beside the proxy:
 *   - with KASIR_PG_RESTART_COMMAND (CI: `pg_ctlcluster <version> main restart`), restarts the
 *     Postgres server for real: every backend gets FATAL 57P01, new connections are refused until
 *     it is back, and whatever had committed must be there after it;
 *   - without it (a developer's Postgres the tests may not restart), what a client of a restart
 *     sees: every backend of the test database terminated by the server (FATAL 57P01), then no
 *     connection at all for three seconds.
 * Either way it answers once the database can be reached again.
 * The fault group runs alone (vitest.config.ts), so no other test loses its connection.
 */
export function databaseFaults(databaseUrl: string) {
  return {
    async restart(proxy: NeonWsProxy): Promise<string> {
      const command = process.env.KASIR_PG_RESTART_COMMAND;
      if (command) {
        await run('sh', ['-c', command], { timeout: 60_000 });
        return 'restarted';
      }
      await terminateEveryBackend(databaseUrl);
      proxy.interrupt(emulatedOutageMs);
      // Answered once the database can be reached again, as the restart command is.
      await new Promise((resolve) => setTimeout(resolve, emulatedOutageMs));
      return 'emulated';
    },
  };
}

async function terminateEveryBackend(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid()`,
    );
  } finally {
    await client.end();
  }
}
