import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendRetentionJobs } from '../../src/cron/retention';
import {
  auditLogs,
  deadJobs,
  idempotencyKeys,
  incidents,
  notifications,
  syncBatches,
  syncEvents,
} from '../../src/db/schema';
import worker from '../../src/index';
import { createLogger } from '../../src/lib/logger';
import type { OperationsRetentionJob } from '../../src/queues/messages';
import { retentionChunk } from '../../src/services/operations/retention';
import { createCompany, createStore, withDatabase } from '../support/factories';

/**
 * Retention: each company's old sync logs, read notifications and idempotency keys go, a chunk at
 * a time, through one queue job per company; audit logs (security events among them) are never
 * deleted by it; the platform's handled dead jobs and resolved incidents go after a year.
 */

const logger = createLogger({ level: 'error' });
const now = new Date('2026-12-07T19:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

afterEach(() => {
  vi.restoreAllMocks();
});

async function deliver(job: OperationsRetentionJob) {
  const batch = createMessageBatch('kasir-jobs', [
    { id: `retention-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body: job },
  ]);
  await worker.queue(batch, env);
  return getQueueResult(batch, createExecutionContext());
}

/** One company's rows: the ones past their period are named `old…`, the others `kept…`. */
async function companyWithHistory() {
  const company = await createCompany();
  const store = await createStore(company.id);
  return withDatabase(async ({ db }) => {
    const events = await db
      .insert(syncEvents)
      .values([
        { companyId: company.id, storeId: store.id, kind: 'old', createdAt: daysAgo(91) },
        { companyId: company.id, storeId: store.id, kind: 'kept', createdAt: daysAgo(89) },
      ])
      .returning();
    const batches = await db
      .insert(syncBatches)
      .values([
        { companyId: company.id, storeId: store.id, status: 'completed', startedAt: daysAgo(95) },
        { companyId: company.id, storeId: store.id, status: 'processing', startedAt: daysAgo(95) },
        { companyId: company.id, storeId: store.id, status: 'completed', startedAt: daysAgo(10) },
      ])
      .returning();
    const note = (dedupeKey: string, createdAt: Date, readAt: Date | null) => ({
      companyId: company.id,
      kind: 'low_stock' as const,
      dedupeKey,
      data: {},
      createdAt,
      readAt,
    });
    const notes = await db
      .insert(notifications)
      .values([
        note('old-read', daysAgo(50), daysAgo(31)),
        note('kept-read', daysAgo(50), daysAgo(29)),
        note('old-unread', daysAgo(181), null),
        note('kept-unread', daysAgo(179), null),
      ])
      .returning();
    const keys = await db
      .insert(idempotencyKeys)
      .values([
        {
          companyId: company.id,
          operation: 'onboardCompany',
          key: 'old',
          requestHash: 'x',
          resourceId: crypto.randomUUID(),
          createdAt: daysAgo(31),
        },
        {
          companyId: company.id,
          operation: 'onboardCompany',
          key: 'kept',
          requestHash: 'x',
          resourceId: crypto.randomUUID(),
          createdAt: daysAgo(29),
        },
      ])
      .returning();
    const audits = await db
      .insert(auditLogs)
      .values([
        {
          companyId: company.id,
          action: 'auth.login_failed',
          entityType: 'user',
          createdAt: new Date('2016-12-01T00:00:00Z'),
        },
        {
          companyId: company.id,
          action: 'auth.login_failed',
          entityType: 'user',
          createdAt: new Date('2017-01-01T00:00:00Z'),
        },
      ])
      .returning();
    return { company, store, events, batches, notes, keys, audits };
  });
}

const remaining = (companyId: string) =>
  withDatabase(async ({ db }) => ({
    events: (await db.select().from(syncEvents).where(eq(syncEvents.companyId, companyId))).map(
      (row) => row.kind,
    ),
    batches: (await db.select().from(syncBatches).where(eq(syncBatches.companyId, companyId)))
      .map(
        (row) =>
          `${row.status} ${Math.round((now.getTime() - row.startedAt.getTime()) / 86_400_000)}`,
      )
      .sort(),
    notes: (await db.select().from(notifications).where(eq(notifications.companyId, companyId)))
      .map((row) => row.dedupeKey)
      .sort(),
    keys: (
      await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.companyId, companyId))
    ).map((row) => row.key),
    audits: (await db.select().from(auditLogs).where(eq(auditLogs.companyId, companyId)))
      .map((row) => row.createdAt.toISOString())
      .sort(),
  }));

describe('retention', () => {
  it('deletes a company’s records past their periods, and only those, however often it runs', async () => {
    const mine = await companyWithHistory();
    const neighbour = await companyWithHistory();
    const before = await remaining(neighbour.company.id);
    const job: OperationsRetentionJob = {
      type: 'operations.retention',
      companyId: mine.company.id,
      asOf: now.toISOString(),
    };
    const again = vi.spyOn(env.JOBS, 'send');
    expect((await deliver(job)).explicitAcks).toHaveLength(1);
    expect(again).not.toHaveBeenCalled();
    const expected = {
      events: ['kept'],
      batches: ['completed 10', 'processing 95'],
      notes: ['kept-read', 'kept-unread'],
      keys: ['kept'],
      // Audit logs stay, even past the ten years of UU KUP Pasal 28 (11): append-only.
      audits: ['2016-12-01T00:00:00.000Z', '2017-01-01T00:00:00.000Z'],
    };
    expect(await remaining(mine.company.id)).toEqual(expected);
    // A redelivery deletes nothing more; the neighbour's rows were never touched.
    expect((await deliver(job)).explicitAcks).toHaveLength(1);
    expect(await remaining(mine.company.id)).toEqual(expected);
    expect(await remaining(neighbour.company.id)).toEqual(before);
  });

  it('takes a chunk at a time and sends its job again while more is left', async () => {
    const company = await createCompany();
    await withDatabase(({ db }) =>
      db.execute(sql`insert into sync_events (company_id, kind, created_at)
        select ${company.id}, 'old', ${daysAgo(100).toISOString()}::timestamptz
        from generate_series(1, ${retentionChunk + 10})`),
    );
    const job: OperationsRetentionJob = {
      type: 'operations.retention',
      companyId: company.id,
      asOf: now.toISOString(),
    };
    // The job sent again waits a minute in the queue: this test delivers it itself.
    const again = vi.spyOn(env.JOBS, 'send');
    await deliver(job);
    expect(again).toHaveBeenCalledWith(job, { delaySeconds: 60 });
    const count = () =>
      withDatabase(
        async ({ db }) =>
          (await db.select().from(syncEvents).where(eq(syncEvents.companyId, company.id))).length,
      );
    expect(await count()).toBe(10);
    again.mockClear();
    await deliver(job);
    expect(again).not.toHaveBeenCalled();
    expect(await count()).toBe(0);
  });

  it('the nightly cron sends one job per company and trims the platform’s old records', async () => {
    const company = await createCompany();
    const ids = await withDatabase(async ({ db }) => {
      const dead = await db
        .insert(deadJobs)
        .values(
          [400, 10].map((days) => ({
            messageId: `retention-${crypto.randomUUID()}`,
            queue: 'kasir-jobs',
            payload: {},
            attempts: 6,
            dismissedAt: daysAgo(days),
          })),
        )
        .returning();
      const closed = await db
        .insert(incidents)
        .values(
          [400, 10].map((days) => ({
            key: `retention-${crypto.randomUUID()}`,
            kind: 'dead_jobs' as const,
            severity: 'warning' as const,
            details: {},
            openedAt: daysAgo(days + 1),
            lastSeenAt: daysAgo(days),
            resolvedAt: daysAgo(days),
          })),
        )
        .returning();
      return { dead: dead.map((row) => row.id), closed: closed.map((row) => row.id) };
    });
    const sent = vi.spyOn(env.JOBS, 'sendBatch');
    await sendRetentionJobs(env, logger, now);
    const jobs = sent.mock.calls.flatMap(([messages]) =>
      [...messages].map((message) => message.body),
    );
    expect(jobs).toContainEqual({
      type: 'operations.retention',
      companyId: company.id,
      asOf: now.toISOString(),
    });
    await withDatabase(async ({ db }) => {
      const dead = await db.select().from(deadJobs).where(inArray(deadJobs.id, ids.dead));
      expect(dead.map((row) => row.id)).toEqual([ids.dead[1]]);
      const closed = await db.select().from(incidents).where(inArray(incidents.id, ids.closed));
      expect(closed.map((row) => row.id)).toEqual([ids.closed[1]]);
    });
  });
});
