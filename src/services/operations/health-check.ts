import { sql } from 'drizzle-orm';
import { stalledBatchAfterMs } from '../../cron/stalled-sync-batches';
import { Database, type Db } from '../../db/client';
import type { IncidentKind } from '../../db/schema';
import type { Env } from '../../env';
import { positiveInteger, positiveNumber } from '../../lib/env-number';
import { failureMessage } from '../../lib/error-description';
import { uuidv7 } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import { redactText } from '../../lib/redact';
import { alertsWebhookJobs, sendAlertWebhooks } from '../../queues/alerts-webhook';
import type { AlertsWebhookJob } from '../../queues/messages';
import { requestMetricsStore } from '../metrics/metrics-store';
import type { RequestMetricsStore } from '../metrics/request-metrics';
import {
  type Condition,
  type IncidentEvent,
  reconcileIncidents,
  recordPastIncident,
} from './incidents';

/**
 * The health check (every 5 minutes, src/cron/scheduled.ts): measures the platform, turns what is
 * wrong into conditions, and lets incidents.ts open and resolve incidents from them. Operators
 * hear of every opening and resolution in-app and through the webhook (README: Runbook).
 *
 * The database being down is the one condition the database cannot hold: it is kept in KV
 * (`incident:database_unreachable`, written once when it starts) and posted to the webhook at
 * once; when the database answers again it is recorded as an incident with both moments.
 */

export interface HealthThresholds {
  /** A second `select 1` slower than this (ms) opens `database_slow`. */
  databaseSlowMs: number;
  /** Share of 5xx answers over the window that opens `error_rate`. */
  errorRate: number;
  /** p99 over the window (ms) that opens `latency_p99`. */
  p99Ms: number;
  /** Fewer requests than this in the window say nothing about rates and percentiles. */
  minRequests: number;
  windowMinutes: number;
  /** Batches failed this recently (minutes) keep `stalled_batches` open. */
  stalledLookbackMinutes: number;
}

export function healthThresholds(env: Env): HealthThresholds {
  return {
    databaseSlowMs: positiveInteger(env.HEALTH_DATABASE_SLOW_MS, 1000),
    errorRate: positiveNumber(env.HEALTH_ERROR_RATE, 0.05),
    p99Ms: positiveInteger(env.HEALTH_P99_MS, 3000),
    minRequests: 20,
    windowMinutes: 5,
    stalledLookbackMinutes: 30,
  };
}

const outageKey = 'incident:database_unreachable';
/** A database that does not answer a probe in this long is unreachable. */
const probeTimeoutMs = 10_000;

interface Outage {
  id: string;
  openedAt: string;
  error: string;
}

export interface HealthCheckOptions {
  /** Where request metrics are read (default: the environment's store). */
  requestMetrics?: RequestMetricsStore | null;
}

export async function runHealthCheck(
  env: Env,
  logger: Logger,
  now: Date,
  options: HealthCheckOptions = {},
): Promise<IncidentEvent[]> {
  const thresholds = healthThresholds(env);
  const database = new Database(env, logger);
  try {
    const probe = await probeDatabase(database.db);
    if (!probe.ok) {
      await recordOutage(env, logger, now, probe.error);
      return [];
    }
    const events = await endOutage(env, database.db, now);
    const measured = await measure(env, database.db, logger, now, thresholds, options);
    measured.conditions.push(...databaseConditions(probe.roundTripMs, thresholds));
    measured.checked.push('database_slow', 'database_unreachable');
    events.push(
      ...(await reconcileIncidents(database.db, measured.checked, measured.conditions, now)),
    );
    await sendAlertWebhooks(env, alertsWebhookJobs(events));
    for (const { event, incident } of events) {
      logger.warn(`incident ${event}`, { incidentId: incident.id, key: incident.key });
    }
    return events;
  } finally {
    await database.close();
  }
}

type Probe = { ok: true; roundTripMs: number } | { ok: false; error: string };

/** Connects and asks twice: the second answer's time is the database's own latency. */
async function probeDatabase(db: Db): Promise<Probe> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Probe>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, error: `no answer in ${probeTimeoutMs} ms` }),
      probeTimeoutMs,
    );
  });
  const ask = async (): Promise<Probe> => {
    try {
      await db.execute(sql`select 1`);
      const startedAt = Date.now();
      await db.execute(sql`select 1`);
      return { ok: true, roundTripMs: Date.now() - startedAt };
    } catch (error) {
      return { ok: false, error: failureMessage(error, redactText) };
    }
  };
  try {
    return await Promise.race([ask(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function databaseConditions(roundTripMs: number, thresholds: HealthThresholds): Condition[] {
  if (roundTripMs <= thresholds.databaseSlowMs) return [];
  return [
    {
      key: 'database_slow',
      kind: 'database_slow',
      severity: 'warning',
      details: { roundTripMs, thresholdMs: thresholds.databaseSlowMs },
    },
  ];
}

/** The database is down: remembered in KV once, and posted to the webhook that once. */
async function recordOutage(env: Env, logger: Logger, now: Date, error: string): Promise<void> {
  logger.error('health check: database unreachable', { error });
  const known = await env.CACHE.get<Outage>(outageKey, 'json');
  if (known) return;
  const outage: Outage = { id: uuidv7(), openedAt: now.toISOString(), error };
  await env.CACHE.put(outageKey, JSON.stringify(outage));
  await sendAlertWebhooks(env, [outageJob(outage, 'opened', null)]);
}

/** The database answers again: an outage kept in KV becomes a resolved incident. */
async function endOutage(env: Env, db: Db, now: Date): Promise<IncidentEvent[]> {
  const outage = await env.CACHE.get<Outage>(outageKey, 'json');
  if (!outage) return [];
  const events = await recordPastIncident(db, {
    id: outage.id,
    key: 'database_unreachable',
    kind: 'database_unreachable',
    severity: 'critical',
    details: { error: outage.error },
    openedAt: new Date(outage.openedAt),
    resolvedAt: now,
  });
  await env.CACHE.delete(outageKey);
  // Recorded already by an earlier run that failed before deleting the key: still announce it.
  if (events.length === 0) await sendAlertWebhooks(env, [outageJob(outage, 'resolved', now)]);
  return events;
}

function outageJob(
  outage: Outage,
  event: 'opened' | 'resolved',
  resolvedAt: Date | null,
): AlertsWebhookJob {
  return {
    type: 'alerts.webhook',
    event,
    incident: {
      id: outage.id,
      key: 'database_unreachable',
      kind: 'database_unreachable',
      severity: 'critical',
      companyId: null,
      storeId: null,
      details: { error: outage.error },
      openedAt: outage.openedAt,
      resolvedAt: resolvedAt?.toISOString() ?? null,
    },
  };
}

interface Measured {
  checked: IncidentKind[];
  conditions: Condition[];
}

/** Dead jobs, stalled batches (one statement) and the request metrics of the last window. */
async function measure(
  env: Env,
  db: Db,
  logger: Logger,
  now: Date,
  thresholds: HealthThresholds,
  options: HealthCheckOptions,
): Promise<Measured> {
  const stalledBefore = new Date(now.getTime() - stalledBatchAfterMs).toISOString();
  const failedSince = new Date(
    now.getTime() - thresholds.stalledLookbackMinutes * 60_000,
  ).toISOString();
  const result = await db.execute<{
    deadWaiting: number;
    oldestDeadAt: string | null;
    deadTypes: string[] | null;
    processing: number;
    failedRecently: number;
  }>(sql`
    select
      (select count(*)::int from dead_jobs where retried_at is null and dismissed_at is null)
        as "deadWaiting",
      (select min(dead_at)::text from dead_jobs where retried_at is null and dismissed_at is null)
        as "oldestDeadAt",
      (select array_agg(distinct coalesce(type, '?')) from dead_jobs
        where retried_at is null and dismissed_at is null) as "deadTypes",
      (select count(*)::int from sync_batches where status = 'processing'
        and updated_at < ${stalledBefore}) as processing,
      (select count(*)::int from sync_batches where status = 'failed'
        and finished_at >= ${failedSince}) as "failedRecently"`);
  const row = result.rows[0];
  const conditions: Condition[] = [];
  const checked: IncidentKind[] = ['dead_jobs', 'stalled_batches'];
  if (row && row.deadWaiting > 0) {
    conditions.push({
      key: 'dead_jobs',
      kind: 'dead_jobs',
      severity: 'warning',
      details: {
        waiting: row.deadWaiting,
        oldestDeadAt: row.oldestDeadAt,
        types: row.deadTypes ?? [],
      },
    });
  }
  if (row && row.processing + row.failedRecently > 0) {
    conditions.push({
      key: 'stalled_batches',
      kind: 'stalled_batches',
      severity: 'warning',
      details: {
        processing: row.processing,
        failedRecently: row.failedRecently,
        lookbackMinutes: thresholds.stalledLookbackMinutes,
      },
    });
  }

  const store =
    options.requestMetrics === undefined ? requestMetricsStore(env) : options.requestMetrics;
  if (!store) return { checked, conditions };
  try {
    const { totals } = await store.query({
      from: new Date(now.getTime() - thresholds.windowMinutes * 60_000),
      to: now,
      stepMinutes: thresholds.windowMinutes,
    });
    checked.push('error_rate', 'latency_p99');
    if (totals.requests < thresholds.minRequests) return { checked, conditions };
    const window = { windowMinutes: thresholds.windowMinutes, requests: totals.requests };
    const errorRate = totals.serverErrors / totals.requests;
    if (errorRate > thresholds.errorRate) {
      conditions.push({
        key: 'error_rate',
        kind: 'error_rate',
        severity: 'critical',
        details: {
          ...window,
          serverErrors: totals.serverErrors,
          errorRate,
          threshold: thresholds.errorRate,
        },
      });
    }
    if (totals.p99Ms !== null && totals.p99Ms > thresholds.p99Ms) {
      conditions.push({
        key: 'latency_p99',
        kind: 'latency_p99',
        severity: 'warning',
        details: { ...window, p99Ms: totals.p99Ms, thresholdMs: thresholds.p99Ms },
      });
    }
  } catch (error) {
    // Unmeasured this time: the open request incidents stay as they are.
    logger.error('health check: request metrics unreadable', { error });
  }
  return { checked, conditions };
}
