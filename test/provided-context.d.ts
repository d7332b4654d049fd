/** What test/global-setup.ts hands to the tests (`inject(…)`) and to vitest.config.ts. */
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's own freshly migrated database. */
    databaseUrl: string;
    /** `host:port` of the Neon-compatible WebSocket proxy in front of it. */
    dbProxy: string;
    /**
     * An empty, migrated database on the same server, for restoring backups into (through the
     * same proxy); '' on the embedded Postgres, which holds one database.
     */
    restoreDatabaseUrl: string;
    /** A key pair made for this run (JWT_SIGNING_KEY / JWT_VERIFY_KEYS). */
    jwtSigningKey: string;
    jwtVerifyKeys: string;
    /** Fuzz cases per route (test/fuzz): FUZZ_RUNS, or a CI-sized default. */
    fuzzRuns: number;
    /** How long the soak runs (test/faults/soak.test.ts): SOAK_SECONDS, or a CI-sized minute. */
    soakSeconds: number;
    /** A real HTTP receiver for the alert webhook (test/support/webhook-receiver.ts). */
    webhookReceiverUrl: string;
  }
}
