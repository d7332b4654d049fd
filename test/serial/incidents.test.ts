import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { failStalledSyncBatches } from '../../src/cron/stalled-sync-batches';
import { deadJobs, incidents, notifications } from '../../src/db/schema';
import type { Env } from '../../src/env';
import worker from '../../src/index';
import { createLogger } from '../../src/lib/logger';
import { jobMaxDeliveries } from '../../src/queues/jobs';
import type { AlertsWebhookJob } from '../../src/queues/messages';
import { localRequestMetrics } from '../../src/services/metrics/local-store';
import { signature } from '../../src/services/operations/alert-webhook';
import { runHealthCheck } from '../../src/services/operations/health-check';
import { createCompany, withDatabase } from '../support/factories';
import { captureLogLines } from '../support/logs';
import { type Member, member, send } from '../users/helpers';

/**
 * The health check turns what is wrong into incidents: each opens once, notifies the operators
 * (in-app and the signed webhook), and resolves when its condition clears. Runs alone (the
 * `serial` project): the check reads every company's dead jobs and batches.
 */

const logger = createLogger({ level: 'error' });
const minutes = (count: number) => count * 60_000;
const receiver = inject('webhookReceiverUrl');
const webhookEnv = (path = '/hook'): Env => ({
  ...env,
  ALERT_WEBHOOK_URL: `${receiver}${path}`,
  ALERT_WEBHOOK_SECRET: 'rahasia-webhook',
  RUNBOOK_URL: 'https://github.com/kasir-edge/kasir-edge/blob/main/README.md',
});

/** The check's clock runs ahead of the tests before it, so their batches are long settled. */
let start: number;
let operator: Member;

async function deliver(queue: string, body: unknown, attempts: number, bindings: Env = env) {
  const batch = createMessageBatch(queue, [
    { id: `m-${crypto.randomUUID()}`, timestamp: new Date(), attempts, body },
  ]);
  await worker.queue(batch, bindings);
  return getQueueResult(batch, createExecutionContext());
}

/** A request-metrics log of the test's own, so other requests never reach the check. */
function isolatedMetrics() {
  if (!env.METRICS_LOG) throw new Error('wrangler.toml binds METRICS_LOG for the tests');
  return localRequestMetrics(env.METRICS_LOG, `health-${crypto.randomUUID()}`);
}

const openIncidents = () =>
  withDatabase(({ db }) => db.select().from(incidents).where(isNull(incidents.resolvedAt)));

const operatorNotifications = (incidentId: string) =>
  withDatabase(({ db }) =>
    db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipientId, operator.user.id),
          sql`${notifications.data}->'incident'->>'id' = ${incidentId}`,
        ),
      ),
  );

async function received(): Promise<
  Array<{ path: string; headers: Record<string, string>; body: string }>
> {
  const response = await fetch(`${receiver}/received`);
  return response.json();
}

beforeAll(async () => {
  start = Date.now() + minutes(120);
  // Every earlier test's batches settled, dead jobs handled and incidents closed: a clean slate.
  await failStalledSyncBatches(env, logger, new Date(start - minutes(60)));
  await withDatabase(async ({ db }) => {
    await db
      .update(deadJobs)
      .set({ dismissedAt: sql`now()`, dismissReason: 'test: clean slate' })
      .where(and(isNull(deadJobs.retriedAt), isNull(deadJobs.dismissedAt)));
    await db.update(incidents).set({ resolvedAt: sql`now()` }).where(isNull(incidents.resolvedAt));
  });
  const platform = await createCompany({ kind: 'platform', name: 'kasir-edge operations' });
  operator = await member(platform.id, 'platform_admin');
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the health check', () => {
  it('opens one incident for a poisoned job, notifies operators and the signed webhook, and resolves it when handled', async () => {
    const metrics = isolatedMetrics();
    const check = (at: number, bindings: Env = env) =>
      runHealthCheck(bindings, logger, new Date(at), { requestMetrics: metrics });

    expect(await check(start)).toEqual([]);

    // A poisoned job dies at its last delivery.
    captureLogLines();
    const poison = { type: 'inventory.low_stock', companyId: crypto.randomUUID() };
    await deliver('kasir-jobs', poison, jobMaxDeliveries);
    vi.restoreAllMocks();

    const sent = vi.spyOn(env.JOBS, 'sendBatch');
    const opened = await check(start + minutes(5), webhookEnv());
    expect(opened).toEqual([
      expect.objectContaining({
        event: 'opened',
        incident: expect.objectContaining({
          kind: 'dead_jobs',
          severity: 'warning',
          resolvedAt: null,
        }),
      }),
    ]);
    const incident = opened[0]?.incident;
    expect(incident?.details).toMatchObject({ waiting: 1, types: ['inventory.low_stock'] });
    expect(await operatorNotifications(incident?.id ?? '')).toEqual([
      expect.objectContaining({
        kind: 'incident',
        data: expect.objectContaining({ event: 'opened' }),
      }),
    ]);

    // The webhook job it sent, delivered to a real receiver: Slack-compatible and signed.
    const jobs = sent.mock.calls.flatMap(([messages]) =>
      [...messages].map((message) => message.body as AlertsWebhookJob),
    );
    expect(jobs).toEqual([expect.objectContaining({ type: 'alerts.webhook', event: 'opened' })]);
    const before = (await received()).length;
    const delivered = await deliver('kasir-jobs', jobs[0], 1, webhookEnv());
    expect(delivered.explicitAcks).toHaveLength(1);
    const [post] = (await received()).slice(before);
    expect(post?.path).toBe('/hook');
    const body = JSON.parse(post?.body ?? '{}');
    expect(body.text).toContain('Ada job mati di antrean / Dead queue jobs waiting');
    expect(body.text).toContain('README.md#runbook-dead_jobs');
    expect(body.incident).toMatchObject({ id: incident?.id, kind: 'dead_jobs' });
    const timestamp = post?.headers['x-kasir-timestamp'] ?? '';
    expect(post?.headers['x-kasir-signature']).toBe(
      await signature('rahasia-webhook', timestamp, post?.body ?? ''),
    );
    expect(post?.headers['x-kasir-signature']).not.toBe(
      await signature('another-secret', timestamp, post?.body ?? ''),
    );

    // Seen again: the same incident, brought up to date, nothing new announced.
    sent.mockClear();
    expect(await check(start + minutes(10), webhookEnv())).toEqual([]);
    expect(sent).not.toHaveBeenCalled();
    const stillOpen = await openIncidents();
    expect(stillOpen).toEqual([
      expect.objectContaining({ id: incident?.id, lastSeenAt: new Date(start + minutes(10)) }),
    ]);

    // The operator sets the poisoned message aside: the next check resolves the incident.
    const listed = await send(operator.session, 'GET', '/api/v1/platform/dead-jobs?limit=100');
    const dead = (
      await listed.json<{ data: Array<{ id: string; type: string; dismissedAt: string | null }> }>()
    ).data.find((job) => job.type === 'inventory.low_stock' && job.dismissedAt === null);
    const dismissed = await send(
      operator.session,
      'POST',
      `/api/v1/platform/dead-jobs/${dead?.id}/dismiss`,
      {
        reason: 'Isi rusak; tidak akan pernah berhasil',
      },
    );
    expect(dismissed.status).toBe(200);
    expect(await dismissed.json()).toMatchObject({ dismissedBy: operator.user.id });
    const resolved = await check(start + minutes(15));
    expect(resolved).toEqual([
      expect.objectContaining({
        event: 'resolved',
        incident: expect.objectContaining({
          id: incident?.id,
          resolvedAt: new Date(start + minutes(15)),
        }),
      }),
    ]);
    expect(await operatorNotifications(incident?.id ?? '')).toHaveLength(2);
    expect(await openIncidents()).toEqual([]);

    // Operators see it, with its runbook; nobody else does.
    const list = await send(operator.session, 'GET', '/api/v1/platform/incidents?status=resolved');
    expect(list.status).toBe(200);
    expect((await list.json<{ data: unknown[] }>()).data).toContainEqual(
      expect.objectContaining({ id: incident?.id, runbook: '#runbook-dead_jobs' }),
    );
    const owner = await member((await createCompany()).id, 'owner');
    expect((await send(owner.session, 'GET', '/api/v1/platform/incidents')).status).toBe(403);
  });

  it('opens error-rate and latency incidents from the request metrics and resolves them when they recover', async () => {
    const metrics = isolatedMetrics();
    const check = (at: number) =>
      runHealthCheck(env, logger, new Date(at), { requestMetrics: metrics });
    const at = start + minutes(60);
    const record = async (offsetMs: number, status: number, durationMs: number) => {
      const waits: Promise<unknown>[] = [];
      metrics.record(
        {
          at: at + offsetMs,
          route: '/api/v1/sync/sales',
          method: 'POST',
          status,
          companyId: null,
          durationMs,
        },
        (promise) => waits.push(promise),
      );
      await Promise.all(waits);
    };
    // 30 requests in the window: 6 answered 500, and the slowest took 8 s.
    for (let index = 0; index < 30; index++) {
      await record(index * 1000, index < 6 ? 500 : 200, index === 0 ? 8000 : 40);
    }
    const opened = await check(at + minutes(2));
    expect(opened.map(({ event, incident }) => `${event} ${incident.kind}`).sort()).toEqual([
      'opened error_rate',
      'opened latency_p99',
    ]);
    expect(opened.find(({ incident }) => incident.kind === 'error_rate')?.incident).toMatchObject({
      severity: 'critical',
      details: { requests: 30, serverErrors: 6, errorRate: 0.2, threshold: 0.05 },
    });

    // Ten minutes later the window holds only healthy requests.
    for (let index = 0; index < 30; index++) await record(minutes(10) + index * 1000, 200, 30);
    const recovered = await check(at + minutes(12));
    expect(recovered.map(({ event, incident }) => `${event} ${incident.kind}`).sort()).toEqual([
      'resolved error_rate',
      'resolved latency_p99',
    ]);
  });

  it('keeps a database outage in KV, announces it once, and records it when the database is back', async () => {
    const metrics = isolatedMetrics();
    const at = start + minutes(90);
    // Nothing listens on port 1: the database is down.
    const down: Env = { ...webhookEnv(), DB_PROXY: '127.0.0.1:1' };
    const sent = vi.spyOn(env.JOBS, 'sendBatch');
    const lines = captureLogLines();
    expect(await runHealthCheck(down, logger, new Date(at), { requestMetrics: metrics })).toEqual(
      [],
    );
    expect(
      await runHealthCheck(down, logger, new Date(at + minutes(5)), { requestMetrics: metrics }),
    ).toEqual([]);
    // Announced once, at the first check that failed.
    const announced = sent.mock.calls.flatMap(([messages]) =>
      [...messages].map((message) => message.body as AlertsWebhookJob),
    );
    expect(announced).toEqual([
      expect.objectContaining({
        event: 'opened',
        incident: expect.objectContaining({ kind: 'database_unreachable', severity: 'critical' }),
      }),
    ]);
    expect(lines.join('\n')).not.toContain('rahasia-webhook');
    const outage = await env.CACHE.get<{ id: string; openedAt: string }>(
      'incident:database_unreachable',
      'json',
    );
    expect(outage).toMatchObject({
      id: announced[0]?.incident.id,
      openedAt: new Date(at).toISOString(),
    });

    // Back: recorded with both moments and announced resolved; the KV record is gone.
    sent.mockClear();
    const back = await runHealthCheck(webhookEnv(), logger, new Date(at + minutes(10)), {
      requestMetrics: metrics,
    });
    expect(back).toEqual([
      expect.objectContaining({
        event: 'resolved',
        incident: expect.objectContaining({
          id: outage?.id,
          kind: 'database_unreachable',
          openedAt: new Date(at),
          resolvedAt: new Date(at + minutes(10)),
        }),
      }),
    ]);
    expect(sent).toHaveBeenCalledTimes(1);
    expect(await env.CACHE.get('incident:database_unreachable')).toBeNull();
    expect(await operatorNotifications(outage?.id ?? '')).toHaveLength(1);
  });

  it('never posts to a webhook that is not https, and retries a receiver that fails', async () => {
    const job: AlertsWebhookJob = {
      type: 'alerts.webhook',
      event: 'opened',
      incident: {
        id: crypto.randomUUID(),
        key: 'dead_jobs',
        kind: 'dead_jobs',
        severity: 'warning',
        companyId: null,
        storeId: null,
        details: {},
        openedAt: new Date().toISOString(),
        resolvedAt: null,
      },
    };
    const before = (await received()).length;
    const lines = captureLogLines();
    const plain = await deliver('kasir-jobs', job, 1, {
      ...webhookEnv(),
      ALERT_WEBHOOK_URL: 'http://hooks.example.test/services/T000/B000/rahasia',
    });
    // Misconfigured: acknowledged (retrying cannot help), logged without the URL, not sent.
    expect(plain.explicitAcks).toHaveLength(1);
    expect(lines.join('\n')).toContain('not_https');
    expect(lines.join('\n')).not.toContain('hooks.example.test');
    expect((await received()).length).toBe(before);

    const failing = await deliver('kasir-jobs', job, 1, webhookEnv('/fail'));
    expect(failing.retryMessages).toHaveLength(1);
    expect((await received()).length).toBe(before + 1);
  });

  it('runs every five minutes from its cron trigger', async () => {
    const scheduled = (at: number) =>
      worker.scheduled(
        createScheduledController({ cron: '*/5 * * * *', scheduledTime: new Date(at) }),
        env,
      );
    // Hours ahead of any request: the request metrics' window is empty, as is every other check.
    const at = start + minutes(240);
    captureLogLines();
    await deliver(
      'kasir-jobs',
      { type: 'reports.export', companyId: 'bukan-uuid' },
      jobMaxDeliveries,
    );
    vi.restoreAllMocks();
    await scheduled(at);
    expect(await openIncidents()).toEqual([expect.objectContaining({ kind: 'dead_jobs' })]);

    await withDatabase(({ db }) =>
      db
        .update(deadJobs)
        .set({ dismissedAt: sql`now()`, dismissReason: 'test: handled' })
        .where(and(isNull(deadJobs.retriedAt), isNull(deadJobs.dismissedAt))),
    );
    await scheduled(at + minutes(5));
    expect(await openIncidents()).toEqual([]);
  });
});
