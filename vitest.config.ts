import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./test/global-setup.ts'],
    projects: [
      {
        extends: true,
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                ENVIRONMENT: 'test',
                LOG_LEVEL: 'warn',
                DATABASE_URL: inject('databaseUrl'),
                DB_PROXY: inject('dbProxy'),
                // Stores' objects close their connection after every write: the tests' many
                // short-lived stores would otherwise hold connections past a stock Postgres's
                // max_connections (100) while a test opens 100 requests at once, and the
                // embedded Postgres serves one connection at a time. npm run bench:day measures
                // the warm connection (wrangler.toml DB_KEEP_WARM_MS).
                DB_KEEP_WARM_MS: '0',
                JWT_SIGNING_KEY: inject('jwtSigningKey'),
                JWT_VERIFY_KEYS: inject('jwtVerifyKeys'),
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['test/**/*.test.ts'],
          exclude: [
            'test/node/**',
            // Needs two transactions open at once: a real Postgres server (CI's DATABASE_URL).
            ...(process.env.DATABASE_URL ? [] : ['test/sync/commit-order.test.ts']),
          ],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/node/**/*.test.ts'],
          // These tests need a real Postgres server; CI provides one through DATABASE_URL.
          exclude: [
            ...configDefaults.exclude,
            ...(process.env.DATABASE_URL ? [] : ['test/node/external-postgres.test.ts']),
          ],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
