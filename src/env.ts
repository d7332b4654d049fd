import type { RequestMetricsLog } from '../durable-objects/request-metrics-log';
import type { StoreCoordinator } from '../durable-objects/store-coordinator';
import type { Actor } from './auth/actor';
import type { Database } from './db/client';
import type { Language } from './lib/i18n';
import type { Logger } from './lib/logger';
import type { JobMessage } from './queues/messages';

/** Bindings and vars, as declared in wrangler.toml and set with `wrangler secret put`. */
export interface Env {
  /** Secret. Neon in staging and production; any Postgres locally (through DB_PROXY). */
  DATABASE_URL: string;
  /** Local stack only: `host:port` of the Neon-compatible WebSocket proxy. Unset in production. */
  DB_PROXY?: string;
  /**
   * How long a store's Durable Object keeps its database connection open after a write (ms);
   * 0 closes it after every write (the embedded Postgres serves one connection at a time).
   */
  DB_KEEP_WARM_MS?: string;
  /** Secret. The private Ed25519 JWK (with kid) that signs access tokens. */
  JWT_SIGNING_KEY: string;
  /** Secret. JWKS of every public key still accepted; defaults to the signing key's own. */
  JWT_VERIFY_KEYS?: string;
  ENVIRONMENT: 'development' | 'test' | 'staging' | 'production';
  LOG_LEVEL?: string;
  /**
   * Seconds in which a spent refresh token may be presented again by its own device, for a till
   * whose answer was lost (default 30, at most 300).
   */
  REFRESH_GRACE_SECONDS?: string;
  /** Comma-separated list of origins allowed by CORS. */
  CORS_ORIGINS?: string;
  STORE: DurableObjectNamespace<StoreCoordinator>;
  CACHE: KVNamespace;
  JOBS: Queue<JobMessage>;
  /** How many times the rate-limit bindings exceed the production limits (default 1). */
  RATE_LIMIT_SCALE?: string;
  /** Rate limits (src/middleware/rate-limits.ts): one binding per class and subject. */
  RATE_SESSION_READS: RateLimit;
  RATE_COMPANY_READS: RateLimit;
  RATE_SESSION_WRITES: RateLimit;
  RATE_COMPANY_WRITES: RateLimit;
  RATE_SESSION_SYNC: RateLimit;
  RATE_COMPANY_SYNC: RateLimit;
  RATE_PLATFORM: RateLimit;
  RATE_SIGN_IN: RateLimit;
  RATE_HEALTH: RateLimit;
  RATE_ANONYMOUS: RateLimit;
  /** Report exports: the files the JOBS consumer builds (src/services/exports/). */
  REPORTS: R2Bucket;
  /** Days a built export stays downloadable (default 7). */
  EXPORT_RETENTION_DAYS?: string;
  /**
   * Per-company backups and monthly transaction archives (src/services/operations/backups.ts,
   * archives.ts): gzip NDJSON files with their manifests, kept apart from the report exports.
   */
  ARCHIVES: R2Bucket;
  /**
   * Request metrics in Workers Analytics Engine (staging, production): one data point per request
   * (src/services/metrics/analytics-engine.ts). Unbound locally, where METRICS_LOG keeps them.
   */
  REQUEST_METRICS?: AnalyticsEngineDataset;
  /** The dataset's name for the SQL API (wrangler.toml `dataset`). */
  REQUEST_METRICS_DATASET?: string;
  /** The Cloudflare account whose Analytics Engine SQL API is read. */
  CLOUDFLARE_ACCOUNT_ID?: string;
  /** Secret: an API token with Account Analytics Read, for the SQL API. */
  ANALYTICS_API_TOKEN?: string;
  /** Local stack and tests: the Durable Object that keeps request metrics queryable. */
  METRICS_LOG?: DurableObjectNamespace<RequestMetricsLog>;
  /** Secret, optional: where incidents are posted (Slack-compatible JSON); https only. */
  ALERT_WEBHOOK_URL?: string;
  /** Secret: the HMAC-SHA256 key that signs every webhook post. */
  ALERT_WEBHOOK_SECRET?: string;
  /** Where the README's runbook is published; webhook posts link `#runbook-<kind>` there. */
  RUNBOOK_URL?: string;
  /** Health check thresholds (src/services/operations/health-check.ts; defaults there). */
  HEALTH_DATABASE_SLOW_MS?: string;
  HEALTH_ERROR_RATE?: string;
  HEALTH_P99_MS?: string;
  /** Retention periods in days (src/services/operations/retention.ts; defaults there). */
  RETENTION_SYNC_LOG_DAYS?: string;
  RETENTION_READ_NOTIFICATION_DAYS?: string;
  RETENTION_UNREAD_NOTIFICATION_DAYS?: string;
  RETENTION_OPERATIONS_RECORD_DAYS?: string;
  /** Static assets (.assets/, see scripts/openapi/reference-assets.ts): the reference page's files. */
  ASSETS: Fetcher;
}

/** What middleware puts on the Hono context for the handlers after it. */
export interface AppVariables {
  requestId: string;
  /** The request's clock: read once when the request arrives, the same for everything it does. */
  now: Date;
  /** The caller's address as Cloudflare saw it (`CF-Connecting-IP`), if any. */
  clientAddress: string | null;
  language: Language;
  logger: Logger;
  /** Opens the request's database connection on first use; closed after the response. */
  database: Database;
}

export interface AppEnv {
  Bindings: Env;
  Variables: AppVariables;
}

/** Routes behind `authenticate`: the caller is known. */
export interface AuthedEnv {
  Bindings: Env;
  Variables: AppVariables & {
    auth: Actor;
    /**
     * Set by `authenticate` on the routes whose store's object read the session: whether the
     * body's store is a live store of the caller's company, read in the same statement.
     */
    storeChecked?: { storeId: string; isLive: boolean };
  };
}
