import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import type { JobMessage } from '../../src/queues/messages';
import { notificationsOf } from '../inventory/helpers';
import { saleShop } from '../sales/helpers';
import { cutDatabase } from './inject';
import { pause } from './till';

/** One delivery of a message to the JOBS consumer, as the queue makes it (`attempts` so far). */
async function deliver(body: JobMessage, id: string, attempts: number) {
  const batch = createMessageBatch('kasir-jobs', [{ id, timestamp: new Date(), attempts, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

describe('a queue job when its consumer meets a fault', () => {
  it('is retried while the database is unreachable, then lands once however often it comes', async () => {
    const shop = await saleShop();
    const job: JobMessage = {
      type: 'sync.problems',
      companyId: shop.companyId,
      storeId: shop.store.id,
      batchId: crypto.randomUUID(),
      deviceSessionId: shop.cashier.session.sessionId,
      rejected: 2,
      flagged: 0,
    };
    const id = `job-${crypto.randomUUID()}`;

    await cutDatabase(2_000);
    const failed = await deliver(job, id, 1);
    expect(failed.explicitAcks).toEqual([]);
    expect(failed.retryMessages.map((retry) => retry.msgId)).toEqual([id]);
    await pause(2_100);
    expect(await notificationsOf(shop.companyId)).toEqual([]);

    // The retry succeeds; the queue then delivers it once more (at-least-once), and again.
    for (const attempts of [2, 3, 4]) {
      const delivered = await deliver(job, id, attempts);
      expect(delivered.explicitAcks).toEqual([id]);
    }
    const stored = await notificationsOf(shop.companyId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ kind: 'sync_problems', data: { rejected: 2 } });
  });
});
