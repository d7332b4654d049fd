import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` diffs src/db/schema against migrations/meta and writes the next SQL file.
// It needs no database; migrations are applied by `npm run db:migrate` (scripts/db/migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './migrations',
  strict: true,
  verbose: true,
});
