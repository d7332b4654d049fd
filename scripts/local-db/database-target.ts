import { join } from 'node:path';
import { type LocalDatabase, startLocalDatabase } from './local-database';

export const projectRoot = new URL('../..', import.meta.url).pathname;
export const embeddedDataDir = join(projectRoot, '.data', 'pglite');

/**
 * The database the local commands work on: DATABASE_URL when it is set (any real Postgres),
 * otherwise the embedded Postgres persisted under .data/.
 */
export function startDevDatabase(): Promise<LocalDatabase> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  return startLocalDatabase({ databaseUrl, dataDir: databaseUrl ? undefined : embeddedDataDir });
}
