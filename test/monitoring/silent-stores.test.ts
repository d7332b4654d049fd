import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendSilentStoreChecks } from '../../src/cron/silent-stores';
import { incidents, syncBatches } from '../../src/db/schema';
import worker from '../../src/index';
import { createLogger } from '../../src/lib/logger';
import type { OperationsSilentStoresJob } from '../../src/queues/messages';
import { createCompany, createStore, withDatabase } from '../support/factories';

/**
 * A store that sells in these hours on most days and has sent nothing for three hours opens its
 * company's `store_silent` incident (one per company, naming every quiet store), which resolves
 * when the store is heard from again.
 */

const logger = createLogger({ level: 'error' });

afterEach(() => {
  vi.restoreAllMocks();
});

/** Sales in the three local hours before now on each of the 28 days before today (WIB). */
async function usuallySellsNow(companyId: string, storeId: string) {
  await withDatabase(({ db }) =>
    db.execute(sql`
      insert into daily_sales_breakdowns (company_id, store_id, business_date, dimension, key,
        sales_count, gross, discounts, sales_total, refunds_count, refunds_amount, voids_count,
        voids_amount, net)
      select ${companyId}, ${storeId}, (now() at time zone 'Asia/Jakarta')::date - d, 'hour',
        to_char((now() at time zone 'Asia/Jakarta') - make_interval(hours => h), 'HH24'),
        5, 100000, 0, 100000, 0, 0, 0, 0, 100000
      from generate_series(1, 28) d, generate_series(0, 2) h
      on conflict do nothing`),
  );
}

const heardFrom = (companyId: string, storeId: string) =>
  withDatabase(({ db }) =>
    db
      .insert(syncBatches)
      .values({ companyId, storeId, status: 'completed', startedAt: new Date() }),
  );

async function check(companyId: string, asOf = new Date()) {
  const job: OperationsSilentStoresJob = {
    type: 'operations.silent_stores',
    companyId,
    asOf: asOf.toISOString(),
  };
  const batch = createMessageBatch('kasir-jobs', [
    { id: `silent-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body: job },
  ]);
  await worker.queue(batch, env);
  expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toHaveLength(1);
}

const openIncidents = (companyId: string) =>
  withDatabase(({ db }) =>
    db
      .select()
      .from(incidents)
      .where(and(eq(incidents.companyId, companyId), isNull(incidents.resolvedAt))),
  );

describe('silent stores', () => {
  it('open one incident per company for stores that usually sell now and sent nothing, and resolve it when heard from', async () => {
    const company = await createCompany();
    const quiet = await createStore(company.id, { code: 'QUIET' });
    const busy = await createStore(company.id, { code: 'BUSY' });
    const fresh = await createStore(company.id, { code: 'FRESH' });
    await usuallySellsNow(company.id, quiet.id);
    await usuallySellsNow(company.id, busy.id);
    await heardFrom(company.id, busy.id);

    // Another company's quiet store: its incident is not this company's check's business.
    const neighbour = await createCompany();
    const neighbourStore = await createStore(neighbour.id);
    await usuallySellsNow(neighbour.id, neighbourStore.id);
    await check(neighbour.id);

    await check(company.id);
    await check(company.id);
    const [incident, ...others] = await openIncidents(company.id);
    expect(others).toEqual([]);
    expect(incident).toMatchObject({
      kind: 'store_silent',
      key: `store_silent:${company.id}`,
      severity: 'warning',
      details: {
        quietHours: 3,
        stores: [
          expect.objectContaining({
            storeId: quiet.id,
            code: 'QUIET',
            usualDays: 28,
            lastActivityAt: null,
          }),
        ],
      },
    });
    expect(JSON.stringify(incident?.details)).not.toContain(fresh.id);

    await heardFrom(company.id, quiet.id);
    await check(company.id);
    expect(await openIncidents(company.id)).toEqual([]);
    expect(await openIncidents(neighbour.id)).toHaveLength(1);
  });

  it('are checked at the first run of each hour, one job per active company', async () => {
    const company = await createCompany();
    const sent = vi.spyOn(env.JOBS, 'sendBatch');
    const at = new Date('2026-12-07T03:05:00Z');
    await sendSilentStoreChecks(env, logger, at);
    const jobs = sent.mock.calls.flatMap(([messages]) => [...messages]);
    expect(jobs).toContainEqual({
      body: { type: 'operations.silent_stores', companyId: company.id, asOf: at.toISOString() },
    });
    sent.mockClear();
    await sendSilentStoreChecks(env, logger, new Date('2026-12-07T03:20:00Z'));
    expect(sent).not.toHaveBeenCalled();
  });
});
