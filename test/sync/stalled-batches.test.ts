import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { syncBatches } from '../../src/db/schema';
import worker from '../../src/index';
import type { syncStatusSchema } from '../../src/routes/v1/sync/schemas';
import { saleShop } from '../sales/helpers';
import { withDatabase } from '../support/factories';
import { batchOf, batchRow, eventsOfBatch, offlineSale, send, uploadOk } from './helpers';

type SyncStatus = z.infer<typeof syncStatusSchema>;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60 * 1000);

function leaveProcessing(batchId: string, since: Date) {
  return withDatabase(({ db }) =>
    db
      .update(syncBatches)
      .set({ status: 'processing', finishedAt: null, updatedAt: since })
      .where(eq(syncBatches.id, batchId)),
  );
}

describe('stalled sync batches (cron */15 * * * *)', () => {
  it('fails a batch left processing for over 15 minutes, logs it, and lets the till resend it', async () => {
    const shop = await saleShop();
    const lost = batchOf(shop, [offlineSale(shop)]);
    const running = batchOf(shop, [offlineSale(shop)]);
    await uploadOk(shop.cashier, lost);
    await uploadOk(shop.cashier, running);
    // As if the store's object had died in the middle of one batch, and another were still going.
    await leaveProcessing(lost.batchId, minutesAgo(20));
    await leaveProcessing(running.batchId, minutesAgo(1));

    await worker.scheduled(
      createScheduledController({ cron: '*/15 * * * *', scheduledTime: new Date() }),
      env,
    );

    expect(await batchRow(lost.batchId)).toMatchObject({ status: 'failed' });
    expect(await batchRow(running.batchId)).toMatchObject({ status: 'processing' });
    const events = await eventsOfBatch(lost.batchId);
    expect(events.map((event) => [event.kind, event.deviceSessionId])).toEqual([
      ['batch_stalled', shop.cashier.session.sessionId],
    ]);
    const status = await (
      await send(shop.manager.session, 'GET', `/api/v1/sync/status?storeId=${shop.store.id}`)
    ).json<SyncStatus>();
    expect(status.summary.stuckBatches).toBe(1);
    expect(status.recentFailures.map((failure) => failure.kind)).toContain('batch_stalled');

    // A second run changes nothing; the till's resend completes the batch without new sales.
    await worker.scheduled(
      createScheduledController({ cron: '*/15 * * * *', scheduledTime: new Date() }),
      env,
    );
    expect(await eventsOfBatch(lost.batchId)).toHaveLength(1);
    const resent = await uploadOk(shop.cashier, lost);
    expect(resent.counts).toEqual({ accepted: 0, duplicate: 1, rejected: 0 });
    expect(await batchRow(lost.batchId)).toMatchObject({ status: 'completed', attempts: 2 });
  });
});
