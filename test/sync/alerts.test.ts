import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import worker from '../../src/index';
import type { SyncProblemsJob } from '../../src/queues/messages';
import { notificationsOf } from '../inventory/helpers';
import { saleShop } from '../sales/helpers';
import { batchOf, offlineSale, uploadOk } from './helpers';

async function deliver(job: SyncProblemsJob) {
  const batch = createMessageBatch('kasir-jobs', [
    { id: `sync-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body: job },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

describe('sync problems reach the managers', () => {
  it('turns a batch with rejected or flagged sales into one notification for the store', async () => {
    const shop = await saleShop();
    const rejected = offlineSale(shop, {
      items: [{ variantId: crypto.randomUUID(), quantity: 1 }],
    });
    const skewed = offlineSale(shop, {
      clientCreatedAt: new Date(Date.now() + 2 * 60 * 60 * 1000).toISOString(),
    });
    const batch = batchOf(shop, [offlineSale(shop), rejected, skewed]);
    await uploadOk(shop.cashier, batch);

    // Through the real JOBS queue and its consumer (batches leave after at most 5 seconds).
    await vi.waitFor(
      async () => {
        const stored = await notificationsOf(shop.companyId);
        expect(stored).toHaveLength(1);
      },
      { timeout: 20_000, interval: 500 },
    );
    const [notification] = await notificationsOf(shop.companyId);
    expect(notification).toMatchObject({
      kind: 'sync_problems',
      storeId: shop.store.id,
      dedupeKey: `sync_problems:${batch.batchId}`,
      data: {
        batchId: batch.batchId,
        deviceSessionId: shop.cashier.session.sessionId,
        userName: shop.cashier.user.name,
        rejected: 1,
        flagged: 1,
      },
    });

    // A redelivered message, or the same batch failing again, adds nothing.
    const result = await deliver({
      type: 'sync.problems',
      companyId: shop.companyId,
      storeId: shop.store.id,
      batchId: batch.batchId,
      deviceSessionId: shop.cashier.session.sessionId,
      rejected: 1,
      flagged: 0,
    });
    expect(result.explicitAcks).toHaveLength(1);
    expect(await notificationsOf(shop.companyId)).toHaveLength(1);
  }, 40_000);
});
