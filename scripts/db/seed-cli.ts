import { startDevDatabase } from '../local-db/database-target';
import { seedDemoData } from './seed';

// `npm run db:seed`: seeds the demo company into DATABASE_URL, or into the embedded database.
const database = await startDevDatabase();
try {
  const summary = await seedDemoData(database.databaseUrl);
  console.log(
    `Seeded ${summary.companies.map((company) => company.name).join(', ')} (${database.kind} database).`,
  );
} finally {
  await database.stop();
}
