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
