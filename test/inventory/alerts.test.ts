import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import type { ProductVariant } from '../../src/db/schema';
import worker from '../../src/index';
import type { JobMessage, LowStockJob } from '../../src/queues/messages';
import type { stockOperationResultSchema } from '../../src/routes/v1/inventory/schemas';
import { auditRows } from '../support/auth';
import {
  createVariant,
  fakeQueue,
  type InventoryTenant,
  inventoryPath,
  inventoryTenant,
  levelOf,
  notificationsOf,
  send,
  sendWithQueue,
} from './helpers';

async function deliver(messages: JobMessage[]) {
  const batch = createMessageBatch(
    'kasir-jobs',
    messages.map((body, index) => ({
      id: `low-stock-${index}-${crypto.randomUUID()}`,
      timestamp: new Date(),
      attempts: 1,
      body,
    })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

interface NotificationView {
  id: string;
  kind: string;
  storeId: string;
  readAt: string | null;
  readBy: string | null;
  data: Record<string, unknown>;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('low-stock alerts', () => {
  let t: InventoryTenant;
  let variant: ProductVariant;
  const jobs = fakeQueue<LowStockJob>();

  const adjust = (quantityDelta: number) =>
    sendWithQueue(t.manager.session, jobs.queue, 'POST', inventoryPath('/adjustments'), {
      storeId: t.store.id,
      reason: 'Terjual manual',
      items: [{ variantId: variant.id, quantityDelta }],
    });

  beforeAll(async () => {
    t = await inventoryTenant();
    variant = await createVariant(t.companyId, { name: 'Gula Aren' });
  });

  it('sends one alert per crossing, delivers it once however often it arrives, and lists it', async () => {
    expect((await adjust(10)).status).toBe(201);
    const thresholds = await send(t.manager.session, 'PUT', inventoryPath('/thresholds'), {
      storeId: t.store.id,
      items: [{ variantId: variant.id, minimumQuantity: 5 }],
    });
    expect(thresholds.status).toBe(200);

    expect((await adjust(-4)).status).toBe(201); // 10 → 6: still above
    expect(jobs.sent).toHaveLength(0);

    const crossing = await adjust(-2); // 6 → 4: crosses
    expect(crossing.status).toBe(201);
    const body = await crossing.json<z.infer<typeof stockOperationResultSchema>>();
    expect(jobs.sent).toEqual([
      {
        type: 'inventory.low_stock',
        companyId: t.companyId,
        storeId: t.store.id,
        variantId: variant.id,
        movementId: body.movements[0]?.id,
        quantity: 4,
        minimumQuantity: 5,
      },
    ]);

    expect((await adjust(-1)).status).toBe(201); // 4 → 3: already below, no second alert
    expect(jobs.sent).toHaveLength(1);
    expect(await levelOf(t.store.id, variant.id)).toBe(3);

    const [message] = jobs.sent;
    if (!message) throw new Error('no alert sent');
    const first = await deliver([message]);
    expect(first.explicitAcks).toHaveLength(1);
    const redelivered = await deliver([message, message]);
    expect(redelivered.explicitAcks).toHaveLength(2);
    expect(redelivered.retryMessages).toEqual([]);
    const stored = await notificationsOf(t.companyId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      kind: 'low_stock',
      storeId: t.store.id,
      dedupeKey: `low_stock:${message.movementId}`,
      readAt: null,
    });
    expect(stored[0]?.data).toMatchObject({ sku: variant.sku, quantity: 4, minimumQuantity: 5 });

    // Listed for managers, newest first; marked read once, with an audit row.
    const list = await send(t.manager.session, 'GET', '/api/v1/notifications?unread=true');
    expect(list.status).toBe(200);
    const page = await list.json<{ data: NotificationView[]; nextCursor: string | null }>();
    expect(page.data.map((notification) => notification.id)).toEqual([stored[0]?.id]);
    expect(page.data[0]).not.toHaveProperty('companyId');

    const id = stored[0]?.id;
    const read = await send(t.owner.session, 'POST', `/api/v1/notifications/${id}/read`);
    expect(read.status).toBe(200);
    const readBody = await read.json<NotificationView>();
    expect(readBody.readBy).toBe(t.owner.user.id);
    expect(readBody.readAt).toBeTruthy();
    const again = await send(t.manager.session, 'POST', `/api/v1/notifications/${id}/read`);
    expect((await again.json<NotificationView>()).readBy).toBe(t.owner.user.id);
    expect(await auditRows(t.companyId, 'notification.read')).toHaveLength(1);

    const unread = await send(t.manager.session, 'GET', '/api/v1/notifications?unread=true');
    expect((await unread.json<{ data: NotificationView[] }>()).data).toEqual([]);
    const all = await send(t.manager.session, 'GET', '/api/v1/notifications');
    expect((await all.json<{ data: NotificationView[] }>()).data).toHaveLength(1);
  });

  it('alerts again after the level went back above the minimum and crosses again', async () => {
    const before = jobs.sent.length;
    expect((await adjust(10)).status).toBe(201); // 3 → 13
    expect(jobs.sent).toHaveLength(before);
    expect((await adjust(-8)).status).toBe(201); // 13 → 5: at the minimum counts as low
    expect(jobs.sent).toHaveLength(before + 1);
    const next = jobs.sent.at(-1);
    expect(next).toMatchObject({ quantity: 5, minimumQuantity: 5 });
    expect(next?.movementId).not.toBe(jobs.sent[0]?.movementId);
    if (!next) throw new Error('no alert');
    await deliver([next]);
    expect(await notificationsOf(t.companyId)).toHaveLength(2);
  });

  it('answers 201 and logs when the queue refuses the alert', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = fakeQueue({ fail: true });
    const other = await createVariant(t.companyId);
    await send(t.manager.session, 'PUT', inventoryPath('/thresholds'), {
      storeId: t.store.id,
      items: [{ variantId: other.id, minimumQuantity: 2 }],
    });
    await send(t.manager.session, 'POST', inventoryPath('/receipts'), {
      storeId: t.store.id,
      items: [{ variantId: other.id, quantity: 3 }],
    });
    const response = await sendWithQueue(
      t.manager.session,
      broken.queue,
      'POST',
      inventoryPath('/adjustments'),
      { storeId: t.store.id, reason: 'Rusak', items: [{ variantId: other.id, quantityDelta: -2 }] },
    );
    expect(response.status).toBe(201);
    expect(await levelOf(t.store.id, other.id)).toBe(1);
    expect(errors.mock.calls.some(([line]) => String(line).includes('job not sent'))).toBe(true);
  });

  it('keeps notifications to their company and to the people they are for', async () => {
    const stranger = await inventoryTenant();
    const [mine] = await notificationsOf(t.companyId);
    const read = await send(
      stranger.owner.session,
      'POST',
      `/api/v1/notifications/${mine?.id}/read`,
    );
    expect(read.status).toBe(404);
    const list = await send(stranger.owner.session, 'GET', '/api/v1/notifications');
    expect((await list.json<{ data: unknown[] }>()).data).toEqual([]);
    // A cashier reads only what is addressed to them: the store's stock notices are not.
    const cashierList = await send(t.cashier.session, 'GET', '/api/v1/notifications');
    expect(cashierList.status).toBe(200);
    expect((await cashierList.json<{ data: unknown[] }>()).data).toEqual([]);
    expect(
      (await send(t.cashier.session, 'POST', `/api/v1/notifications/${mine?.id}/read`)).status,
    ).toBe(404);
    const [after] = (await notificationsOf(t.companyId)).filter((row) => row.id === mine?.id);
    expect(after).toMatchObject({ readAt: mine?.readAt, readBy: mine?.readBy });
  });

  it('retries a malformed low-stock message instead of acking it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await deliver([{ type: 'inventory.low_stock' } as unknown as JobMessage]);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toHaveLength(1);
  });
});
