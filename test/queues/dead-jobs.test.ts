import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { auditLogs, deadJobs } from '../../src/db/schema';
import worker from '../../src/index';
import { jobMaxDeliveries } from '../../src/queues/jobs';
import { createCompany, withDatabase } from '../support/factories';
import { member, send } from '../users/helpers';

/**
 * Nothing disappears silently: a job that runs out of deliveries is recorded with the error that
 * killed it, the dead-letter queue's consumer records whatever reaches it (once), and operators
 * list and retry them.
 */

async function deliver(queue: string, id: string, body: unknown, attempts: number) {
  const batch = createMessageBatch(queue, [{ id, timestamp: new Date(), attempts, body }]);
  await worker.queue(batch, env);
  return getQueueResult(batch, createExecutionContext());
}

const deadJob = (messageId: string) =>
  withDatabase(({ db }) => db.select().from(deadJobs).where(eq(deadJobs.messageId, messageId)));

describe('dead jobs', () => {
  it('are recorded at the last delivery with their error, once, and listed and retried by operators', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const companyId = crypto.randomUUID();
    const messageId = `poison-${crypto.randomUUID()}`;
    // A malformed low-stock job: its handler refuses it at every delivery.
    const poison = { type: 'inventory.low_stock', companyId, password: 'rahasia' };

    const early = await deliver('kasir-jobs', messageId, poison, 1);
    expect(early.retryMessages).toHaveLength(1);
    expect(await deadJob(messageId)).toEqual([]);

    const last = await deliver('kasir-jobs', messageId, poison, jobMaxDeliveries);
    expect(last.retryMessages).toHaveLength(1);
    const [recorded] = await deadJob(messageId);
    expect(recorded).toMatchObject({
      queue: 'kasir-jobs',
      type: 'inventory.low_stock',
      companyId,
      attempts: jobMaxDeliveries,
      retriedAt: null,
    });
    expect(recorded?.error).toContain('storeId');
    // Credentials never stay in the record.
    expect(recorded?.payload).toMatchObject({ password: '[REDACTED]' });

    // The queue then moves it to the dead-letter queue, whose consumer records it once and acks.
    const dead = await deliver('kasir-jobs-dlq', messageId, poison, 1);
    expect(dead.explicitAcks).toEqual([messageId]);
    const after = await deadJob(messageId);
    expect(after).toHaveLength(1);
    expect(after[0]?.error).toBe(recorded?.error);

    // A message that died without reaching the consumer's last delivery is recorded all the same.
    const unseen = `unseen-${crypto.randomUUID()}`;
    await deliver('kasir-jobs-dlq', unseen, { type: 'reports.export', companyId }, 1);
    expect(await deadJob(unseen)).toEqual([
      expect.objectContaining({ type: 'reports.export', error: null }),
    ]);

    const platform = await createCompany({ kind: 'platform', name: 'kasir-edge operations' });
    const operator = await member(platform.id, 'platform_admin');
    const listed = await send(operator.session, 'GET', '/api/v1/platform/dead-jobs?limit=100');
    expect(listed.status).toBe(200);
    const page = await listed.json<{ data: Array<{ id: string; messageId: string }> }>();
    const entry = page.data.find((job) => job.messageId === messageId);
    expect(entry).toBeDefined();

    const send_ = vi.spyOn(env.JOBS, 'send');
    const retried = await send(
      operator.session,
      'POST',
      `/api/v1/platform/dead-jobs/${entry?.id}/retry`,
    );
    expect(retried.status).toBe(200);
    expect((await retried.json<{ retriedBy: string }>()).retriedBy).toBe(operator.user.id);
    expect(send_).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'inventory.low_stock', companyId }),
    );
    const audit = await withDatabase(({ db }) =>
      db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.companyId, platform.id), eq(auditLogs.action, 'dead_job.retry'))),
    );
    expect(audit).toEqual([
      expect.objectContaining({ entityId: entry?.id, actorUserId: operator.user.id }),
    ]);

    const missing = await send(
      operator.session,
      'POST',
      `/api/v1/platform/dead-jobs/${crypto.randomUUID()}/retry`,
    );
    expect(missing.status).toBe(404);
  });
});
