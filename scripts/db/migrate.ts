import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

export const migrationsFolder = new URL('../../migrations', import.meta.url).pathname;

/**
 * Applies every migration in migrations/ that the database has not had yet, each in its own
 * transaction, recording them in drizzle.__drizzle_migrations. Safe to run again.
 */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await migrate(drizzle({ client }), { migrationsFolder });
  } finally {
    await client.end();
  }
}
