import { existsSync } from 'node:fs';
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { configDefaults, defineConfig } from 'vitest/config';
import {
  rateLimits as declaredRateLimits,
  type RateClass,
} from './src/middleware/rate-limit-table.ts';
import { testRateLimits } from './test/rate-limits/limits.ts';

/** A real Postgres server (CI's DATABASE_URL), not the embedded one of a plain `npm test`. */
const realPostgres = Boolean(process.env.DATABASE_URL);

/**
 * The console's browser tests (console/e2e) need Chromium, which a machine with only Node and
 * npm does not have: they run where it is (CI installs Debian's `chromium`), and
 * KASIR_REQUIRE_BROWSER=1 (set by .ci/run) makes a missing browser a failure, not a silent gap.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browserTests = existsSync(chromiumPath) || process.env.KASIR_REQUIRE_BROWSER === '1';
if (!browserTests) {
  console.warn(
    `No Chromium at ${chromiumPath}: the console's browser tests (console/e2e) are left out.`,
  );
}

/**
 * The rate limits the tests run with. The suites make hundreds of requests a minute from one
 * session or company, so they run with the production limits a thousandfold; test/rate-limits
 * runs with limits a few requests reach (test/rate-limits/limits.ts), to see each one refuse.
 */
const rateLimits = (limitOf: (rateClass: RateClass, declared: number) => number) =>
  Object.fromEntries(
    Object.entries(declaredRateLimits).map(([rateClass, { binding, limit, period }]) => [
      binding,
      { namespace_id: binding, simple: { limit: limitOf(rateClass as RateClass, limit), period } },
    ]),
  );

/** The Worker inside workerd, with the test run's database, proxy and keys. */
const worker = (limitOf = (_rateClass: RateClass, declared: number) => declared * 1000) =>
  cloudflareTest(({ inject }) => ({
    wrangler: { configPath: './wrangler.toml' },
    miniflare: {
      ratelimits: rateLimits(limitOf),
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
  }));

/**
 * Groups run in order: 1 (workers and node, side by side), then 2 (serial), 3 (faults), 4 (console). Not 0: with one
 * worker (a 2-core machine), vitest runs files of group 0 after every numbered group.
 */
export default defineConfig({
  test: {
    globalSetup: ['./test/global-setup.ts'],
    projects: [
      {
        extends: true,
        plugins: [worker()],
        test: {
          name: 'workers',
          include: ['test/**/*.test.ts'],
          exclude: [
            'test/node/**',
            'test/faults/**',
            'test/rate-limits/**',
            'test/serial/**',
            // Need two transactions open at once: a real Postgres server.
            ...(realPostgres ? [] : ['test/sync/commit-order.test.ts', 'test/db/deadlock.test.ts']),
          ],
          testTimeout: 30_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        plugins: [worker((rateClass) => testRateLimits[rateClass])],
        test: {
          name: 'rate-limits',
          include: ['test/rate-limits/**/*.test.ts'],
          testTimeout: 30_000,
          sequence: { groupOrder: 1 },
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
            ...(realPostgres ? [] : ['test/node/external-postgres.test.ts']),
          ],
          testTimeout: 60_000,
          sequence: { groupOrder: 1 },
        },
      },
      // Platform-wide state (test/serial): the health check counts every company's dead jobs and
      // stalled batches, so its tests run after the others, alone, and see only their own.
      {
        extends: true,
        plugins: [worker()],
        test: {
          name: 'serial',
          include: ['test/serial/**/*.test.ts'],
          maxWorkers: 1,
          testTimeout: 60_000,
          sequence: { groupOrder: 2 },
        },
      },
      // Faults (test/faults): they terminate backends, cut every connection and restart
      // Postgres, so they run after everything else, one file at a time, and only on a real
      // Postgres server (the embedded one cannot terminate a backend).
      ...(realPostgres
        ? [
            {
              extends: true,
              plugins: [worker()],
              test: {
                name: 'faults',
                include: ['test/faults/**/*.test.ts'],
                maxWorkers: 1,
                testTimeout: 180_000,
                sequence: { groupOrder: 3 },
              },
            },
          ]
        : []),
      // The console in a real browser on the real stack (console/e2e/stack.ts): last, alone,
      // since it runs wrangler dev and Chromium beside the test database.
      ...(browserTests
        ? [
            {
              extends: true,
              test: {
                name: 'console',
                environment: 'node',
                include: ['console/e2e/**/*.test.ts'],
                maxWorkers: 1,
                testTimeout: 120_000,
                hookTimeout: 240_000,
                sequence: { groupOrder: 4 },
              },
            },
          ]
        : []),
    ],
  },
});
