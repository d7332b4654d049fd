/// <reference path="./provided-context.d.ts" />
import type { TestProject } from 'vitest/node';
import { generateJwtSecrets } from '../scripts/auth/jwt-keys';
import { migrateDatabase } from '../scripts/db/migrate';
import { databaseFaults } from '../scripts/local-db/database-faults';
import { createScratchDatabase, startLocalDatabase } from '../scripts/local-db/local-database';
import { startWebhookReceiver } from './support/webhook-receiver';

/**
 * Runs once in Node before the tests: gives the run a fresh, migrated database and the local
 * Neon proxy in front of it. With DATABASE_URL (CI: a real Postgres) a scratch database is created
 * on that server and dropped afterwards; without it, an in-memory embedded Postgres (PGlite).
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  const scratch = serverUrl
    ? await createScratchDatabase(serverUrl, `kasir_test_${Date.now()}_${process.pid}`)
    : undefined;
  const database = await startLocalDatabase({
    databaseUrl: scratch?.databaseUrl,
    faults: scratch && databaseFaults(scratch.databaseUrl),
    withSpare: !scratch,
  });
  await migrateDatabase(database.databaseUrl);
  // A second migrated database, left empty, behind the same proxy: test/operations restores
  // company backups into it. On a real server a second scratch database; else a second
  // embedded one.
  const restoreTarget = serverUrl
    ? await createScratchDatabase(serverUrl, `kasir_restore_${Date.now()}_${process.pid}`)
    : undefined;
  const restoreDatabaseUrl = restoreTarget?.databaseUrl ?? database.spareDatabaseUrl;
  if (!restoreDatabaseUrl) throw new Error('no database to restore into');
  await migrateDatabase(restoreDatabaseUrl);

  project.provide('databaseUrl', database.databaseUrl);
  project.provide('dbProxy', database.proxyAddress);
  project.provide('restoreDatabaseUrl', restoreDatabaseUrl);
  const jwt = await generateJwtSecrets('test-run');
  project.provide('jwtSigningKey', jwt.JWT_SIGNING_KEY);
  project.provide('jwtVerifyKeys', jwt.JWT_VERIFY_KEYS);
  project.provide('fuzzRuns', Number(process.env.FUZZ_RUNS) || 20);
  project.provide('soakSeconds', Number(process.env.SOAK_SECONDS) || 60);
  const webhookReceiver = await startWebhookReceiver();
  project.provide('webhookReceiverUrl', webhookReceiver.url);

  return async () => {
    await webhookReceiver.stop();
    await database.stop();
    await scratch?.drop();
    await restoreTarget?.drop();
  };
}
