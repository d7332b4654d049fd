import journal from '../../../migrations/meta/_journal.json';

/**
 * The database schema this code was built for: the last migration in migrations/ (its tag, and
 * the `when` drizzle's migrator records as `created_at` in drizzle.__drizzle_migrations). A backup
 * or an archive names it, and a restore goes only into a database migrated to exactly it.
 */
export interface SchemaVersion {
  /** `0018_dead_jobs`: the last migration's file name. */
  version: string;
  /** Its journal time (ms): how the migrated database knows it. */
  migratedAt: number;
}

function lastMigration(): SchemaVersion {
  const last = journal.entries.at(-1);
  if (!last) throw new Error('migrations/meta/_journal.json lists no migration');
  return { version: last.tag, migratedAt: last.when };
}

export const schemaVersion: SchemaVersion = lastMigration();
