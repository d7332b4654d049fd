import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { warmOpeningReceiptTemplates } from '../../src/cron/warm-receipt-templates';
import { receiptTemplates } from '../../src/db/schema';
import worker from '../../src/index';
import { createLogger } from '../../src/lib/logger';
import type { ReceiptsWarmJob } from '../../src/queues/messages';
import { effectiveTemplate } from '../../src/services/receipts/template-cache';
import { createCompany, createStore, withDatabase } from '../support/factories';

/**
 * An hour before a store's business day starts (its cut-off hour, in its zone), the quarter-hour
 * cron sends its company a job that puts the store's effective receipt template into KV.
 */

const logger = createLogger({ level: 'error' });

afterEach(() => {
  vi.restoreAllMocks();
});

async function sentJobs(scheduledTime: Date): Promise<ReceiptsWarmJob[]> {
  const sendBatch = vi.spyOn(env.JOBS, 'sendBatch');
  await warmOpeningReceiptTemplates(env, logger, scheduledTime);
  const jobs = sendBatch.mock.calls.flatMap(([messages]) =>
    [...messages].map((message) => message.body as ReceiptsWarmJob),
  );
  sendBatch.mockRestore();
  return jobs;
}

describe('receipt template warming', () => {
  it('warms each store’s effective template an hour before its business day starts', async () => {
    const company = await createCompany();
    // 04:00 in Jakarta (WIB, UTC+7) and in Makassar (WITA, UTC+8); 05:00 in Jakarta.
    const jakarta = await createStore(company.id, { businessDayCutoffHour: 4 });
    const makassar = await createStore(company.id, {
      businessDayCutoffHour: 4,
      timezone: 'Asia/Makassar',
    });
    const later = await createStore(company.id, { businessDayCutoffHour: 5 });
    const [own, companyDefault] = await withDatabase(({ db }) =>
      db
        .insert(receiptTemplates)
        .values([
          { companyId: company.id, storeId: jakarta.id, name: 'Jakarta', footer: 'Milik toko' },
          { companyId: company.id, storeId: null, name: 'Bawaan', footer: 'Milik perusahaan' },
        ])
        .returning(),
    );

    // 20:05 UTC is 03:05 WIB: Jakarta's day starts within the hour (04:05 WITA: Makassar's began).
    const jobs = (await sentJobs(new Date('2026-12-06T20:05:00Z'))).filter(
      (job) => job.companyId === company.id,
    );
    expect(jobs).toEqual([
      { type: 'receipts.warm_templates', companyId: company.id, storeIds: [jakarta.id] },
    ]);
    // 19:05 UTC is 03:05 WITA: Makassar's turn.
    expect(
      (await sentJobs(new Date('2026-12-06T19:05:00Z'))).filter(
        (job) => job.companyId === company.id,
      ),
    ).toEqual([
      { type: 'receipts.warm_templates', companyId: company.id, storeIds: [makassar.id] },
    ]);
    // Not the first run of its hour: nothing.
    expect(await sentJobs(new Date('2026-12-06T20:20:00Z'))).toEqual([]);

    const job: ReceiptsWarmJob = {
      type: 'receipts.warm_templates',
      companyId: company.id,
      storeIds: [jakarta.id, later.id],
    };
    const batch = createMessageBatch('kasir-jobs', [
      { id: `warm-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body: job },
    ]);
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toHaveLength(1);

    // The templates change behind the cache's back: the warmed entries still answer, from KV.
    await withDatabase(async ({ db }) => {
      for (const template of [own, companyDefault]) {
        await db
          .update(receiptTemplates)
          .set({ footer: 'Diubah' })
          .where(eq(receiptTemplates.id, template?.id ?? ''));
      }
      expect(await effectiveTemplate(env, db, company.id, jakarta.id)).toMatchObject({
        source: 'store',
        footer: 'Milik toko',
      });
      expect(await effectiveTemplate(env, db, company.id, later.id)).toMatchObject({
        source: 'company',
        footer: 'Milik perusahaan',
      });
    });
  });
});
