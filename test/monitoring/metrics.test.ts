import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { deviceSessions } from '../../src/db/schema';
import type { RequestMetricsReport } from '../../src/services/metrics/request-metrics';
import { type SaleShop, saleShop, sell } from '../sales/helpers';
import { createCompany, withDatabase } from '../support/factories';
import { batchOf, offlineSale, uploadOk } from '../sync/helpers';
import { type Member, member, send } from '../users/helpers';

/**
 * Request metrics are recorded for every request (route pattern, method, status, company,
 * duration) off the hot path and read by operators; business and sync metrics come from Postgres,
 * for operators across companies and for an owner about their own company only.
 */

async function operator(): Promise<Member> {
  const platform = await createCompany({ kind: 'platform', name: 'kasir-edge operations' });
  return member(platform.id, 'platform_admin');
}

async function requestMetrics(reader: Member, query: string) {
  const response = await send(reader.session, 'GET', `/api/v1/platform/metrics/requests?${query}`);
  expect(response.status).toBe(200);
  return response.json<RequestMetricsReport & { source: string; stepMinutes: number }>();
}

interface BusinessBody {
  sales: {
    sales: number;
    total: number;
    byScope: Array<{ id: string; sales: number }>;
    byHour: unknown[];
  };
  sync: { batches: number; accepted: number; duplicate: number; rejected: number };
  devices: { notSeenForADay: number; quiet: Array<{ id: string }> };
  deadJobs?: { waiting: number };
}

async function business(reader: Member, path: string): Promise<BusinessBody> {
  const response = await send(reader.session, 'GET', path);
  expect(response.status).toBe(200);
  return response.json<BusinessBody>();
}

/** Two sales offline in one batch (sent twice: the second time both are duplicates), one online. */
async function tradingDay(shop: SaleShop) {
  const batch = batchOf(shop, [offlineSale(shop), offlineSale(shop)]);
  await uploadOk(shop.cashier, batch);
  await uploadOk(shop.cashier, batch);
  const sold = await sell(shop.cashier, {
    storeId: shop.store.id,
    items: [{ variantId: shop.tea.id, quantity: 1 }],
    payments: [{ method: 'cash', tendered: 50_000 }],
  });
  expect(sold.status).toBe(201);
}

describe('request metrics', () => {
  it('count each request under its route pattern and company, and only operators read them', async () => {
    const shop = await saleShop();
    const neighbour = await saleShop();
    const watcher = await operator();
    const missing = crypto.randomUUID();
    expect((await send(shop.owner.session, 'GET', `/api/v1/stores/${shop.store.id}`)).status).toBe(
      200,
    );
    expect((await send(shop.owner.session, 'GET', `/api/v1/stores/${missing}`)).status).toBe(404);
    expect(
      (await send(neighbour.owner.session, 'GET', `/api/v1/stores/${neighbour.store.id}`)).status,
    ).toBe(200);
    await uploadOk(shop.cashier, batchOf(shop, [offlineSale(shop)]));

    // Points land after the response (waitUntil): wait until all three are counted.
    const report = await vi.waitFor(
      async () => {
        const metrics = await requestMetrics(watcher, `companyId=${shop.companyId}&stepMinutes=1`);
        expect(metrics.totals.requests).toBe(3);
        return metrics;
      },
      { timeout: 10_000, interval: 200 },
    );
    expect(report.source).toBe('local');
    expect(report.stepMinutes).toBe(1);
    expect(report.totals).toMatchObject({ serverErrors: 0, clientErrors: 1 });
    expect(report.totals.p99Ms).toBeGreaterThan(0);
    expect(report.routes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          route: '/api/v1/stores/:storeId',
          method: 'GET',
          requests: 2,
          clientErrors: 1,
        }),
        expect.objectContaining({
          route: '/api/v1/sync/transactions',
          method: 'POST',
          requests: 1,
        }),
      ]),
    );
    expect(report.series.reduce((sum, point) => sum + point.requests, 0)).toBe(3);
    // Patterns, never raw paths: no id of the requests appears.
    const text = JSON.stringify(report);
    expect(text).not.toContain(shop.store.id);
    expect(text).not.toContain(missing);

    // One route of one company; the neighbour's request is theirs alone.
    const oneRoute = await requestMetrics(
      watcher,
      `companyId=${neighbour.companyId}&route=${encodeURIComponent('/api/v1/stores/:storeId')}`,
    );
    expect(oneRoute.totals.requests).toBe(1);

    expect(
      (await send(shop.owner.session, 'GET', '/api/v1/platform/metrics/requests')).status,
    ).toBe(403);
  });

  it('refuse a bad range or step with a problem, in the caller’s language', async () => {
    const watcher = await operator();
    const now = Date.now();
    const iso = (offsetHours: number) =>
      encodeURIComponent(new Date(now + offsetHours * 3_600_000).toISOString());
    for (const query of [
      'stepMinutes=7',
      `from=${iso(-1)}&to=${iso(-2)}`,
      `from=${iso(-24 * 8)}&to=${iso(0)}`,
      `from=${iso(-48)}&to=${iso(0)}&stepMinutes=1`,
      'companyId=acme',
      'route=/api/v1/stores/%22%3B%20drop',
      'extra=1',
    ]) {
      const response = await send(
        watcher.session,
        'GET',
        `/api/v1/platform/metrics/requests?${query}`,
        undefined,
        {
          'Accept-Language': 'en',
        },
      );
      expect(response.status, query).toBe(400);
      expect(response.headers.get('Content-Type')).toContain('application/problem+json');
    }
    const tooLong = await send(
      watcher.session,
      'GET',
      `/api/v1/platform/metrics/requests?from=${iso(-24 * 8)}`,
    );
    expect(JSON.stringify(await tooLong.json())).toContain('paling panjang 7 hari');
  });
});

describe('business metrics', () => {
  it('show an owner their own sales and sync health, and operators every company', async () => {
    const shop = await saleShop();
    const neighbour = await saleShop();
    await tradingDay(shop);
    await tradingDay(neighbour);
    // A till of the shop not seen for two days.
    await withDatabase(({ db }) =>
      db
        .update(deviceSessions)
        .set({ lastSeenAt: sql`now() - interval '2 days'` })
        .where(eq(deviceSessions.id, shop.manager.session.sessionId)),
    );

    const own = await business(shop.owner, '/api/v1/metrics/business');
    expect(own.sales).toMatchObject({
      sales: 3,
      byScope: [expect.objectContaining({ id: shop.store.id, sales: 3 })],
    });
    expect(own.sales.total).toBeGreaterThan(0);
    expect(own.sync).toMatchObject({ batches: 1, accepted: 2, duplicate: 2, rejected: 0 });
    expect(own.devices.notSeenForADay).toBe(1);
    expect(own.devices.quiet).toEqual([
      expect.objectContaining({ id: shop.manager.session.sessionId }),
    ]);
    expect(own.deadJobs).toBeUndefined();
    expect(JSON.stringify(own)).not.toContain(neighbour.companyId);

    // A manager sees the stores they work in; a store of another company is refused.
    const managed = await business(
      shop.manager,
      `/api/v1/metrics/business?storeId=${shop.otherStore.id}`,
    );
    expect(managed.sales.sales).toBe(0);
    const foreign = await send(
      shop.owner.session,
      'GET',
      `/api/v1/metrics/business?storeId=${neighbour.store.id}`,
    );
    expect([403, 404]).toContain(foreign.status);
    expect((await send(shop.cashier.session, 'GET', '/api/v1/metrics/business')).status).toBe(403);

    const watcher = await operator();
    const oneCompany = await business(
      watcher,
      `/api/v1/platform/metrics/business?companyId=${shop.companyId}`,
    );
    expect(oneCompany.sales.sales).toBe(3);
    expect(oneCompany.deadJobs).toEqual({ waiting: 0, lastDay: 0 });
    const everyone = await business(watcher, '/api/v1/platform/metrics/business');
    expect(everyone.sales.sales).toBeGreaterThanOrEqual(6);
    expect(
      (await send(shop.owner.session, 'GET', '/api/v1/platform/metrics/business')).status,
    ).toBe(403);
  });
});
