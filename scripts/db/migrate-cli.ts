import { startDevDatabase } from '../local-db/database-target';
import { migrateDatabase } from './migrate';

// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
const database = await startDevDatabase();
try {
  await migrateDatabase(database.databaseUrl);
  console.log(`Migrations applied (${database.kind} database).`);
} finally {
  await database.stop();
}
