import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { storeSettings, transactions } from '../../src/db/schema';
import worker from '../../src/index';
import { saleShop, sell } from '../sales/helpers';
import { withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import { batchOf, deltaPage, type FeedPageBody, offlineSale, uploadOk } from '../sync/helpers';
import { send } from '../users/helpers';
import { type StoreBody, settingsEntriesOf, storePath } from './helpers';

function saleRow(id: string) {
  return withDatabase(async ({ db }) => {
    const [row] = await db.select().from(transactions).where(eq(transactions.id, id));
    return row;
  });
}

/** The store record of a feed page. */
function storeData(page: FeedPageBody) {
  const change = page.changes.find((entry) => entry.type === 'store');
  return change && 'data' in change ? change.data : undefined;
}

interface HistoryBody {
  data: Array<{
    id: string;
    status: string;
    effectiveFrom: string;
    changed: string[];
    settings: { taxRateBasisPoints: number };
  }>;
}

describe('dated store settings', () => {
  it('taxes an offline sale made before a rate change, uploaded after it, at the old rate', async () => {
    // PBJT 10 % on top, 5 % service charge (taxed), cash to Rp 100; a coffee is Rp 25.000.
    const shop = await saleShop();
    const [firstEntry] = await settingsEntriesOf(shop.store.id);
    const madeOffline = offlineSale(shop, {
      clientCreatedAt: new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString(),
    });

    const changed = await send(shop.owner.session, 'PATCH', storePath(shop.store.id), {
      version: 1,
      taxRateBasisPoints: 800,
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ taxRateBasisPoints: 800, version: 2 });

    const uploaded = await uploadOk(shop.cashier, batchOf(shop, [madeOffline]));
    expect(uploaded.results[0]?.status).toBe('accepted');
    const old = await saleRow(madeOffline.id);
    // Service Rp 1.250; tax 10 % of Rp 26.250 = Rp 2.625; Rp 28.875 rounded to Rp 28.900.
    expect(old).toMatchObject({
      taxRateBasisPoints: 1000,
      taxTotal: 2_625,
      total: 28_900,
      storeSettingsId: firstEntry?.id,
    });

    const online = await sell(shop.cashier, {
      storeId: shop.store.id,
      items: [{ variantId: shop.coffee.id, quantity: 1 }],
      payments: [{ method: 'cash', tendered: 50_000 }],
    });
    const now = await online.json<{
      taxRateBasisPoints: number;
      taxTotal: number;
      storeSettingsId: string;
    }>();
    expect(now.taxRateBasisPoints).toBe(800);
    expect(now.taxTotal).toBe(2_100);
    expect(now.storeSettingsId).not.toBe(firstEntry?.id);

    const history = await send(
      shop.owner.session,
      'GET',
      storePath(shop.store.id, '/settings-history'),
    );
    const entries = (await history.json<HistoryBody>()).data;
    expect(entries.map((entry) => [entry.status, entry.settings.taxRateBasisPoints])).toEqual([
      ['in_force', 800],
      ['past', 1000],
    ]);
    expect(entries[0]?.changed).toEqual(['taxRateBasisPoints']);
  });

  it('schedules a change for later: today’s sales keep today’s rate, the tills hear of it, sales from its moment take it', async () => {
    const shop = await saleShop();
    const soon = new Date(Date.now() + 1_500);
    const scheduled = await send(shop.owner.session, 'PATCH', storePath(shop.store.id), {
      version: 1,
      taxRateBasisPoints: 800,
      serviceChargeBasisPoints: 0,
      effectiveFrom: soon.toISOString(),
    });
    expect(scheduled.status).toBe(200);
    const view = await scheduled.json<StoreBody>();
    expect(view).toMatchObject({ taxRateBasisPoints: 1000, serviceChargeBasisPoints: 500 });
    expect(view.scheduledSettings).toHaveLength(1);
    expect(view.scheduledSettings[0]?.settings).toMatchObject({
      taxRateBasisPoints: 800,
      serviceChargeBasisPoints: 0,
    });

    // The till learns of the schedule through the delta, with the store record.
    const page = await deltaPage(shop.cashier, shop.store.id);
    expect(storeData(page)).toMatchObject({
      taxRateBasisPoints: 1000,
      scheduledSettings: [
        expect.objectContaining({ taxRateBasisPoints: 800, effectiveFrom: soon.toISOString() }),
      ],
    });

    const before = await sell(shop.cashier, {
      storeId: shop.store.id,
      items: [{ variantId: shop.tea.id, quantity: 1 }],
      payments: [{ method: 'cash', tendered: 50_000 }],
    });
    expect(await before.json()).toMatchObject({ taxRateBasisPoints: 1000 });

    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, soon.getTime() - Date.now()) + 50),
    );
    // In force from its moment, before the cron has moved it onto the stores row.
    const after = await sell(shop.cashier, {
      storeId: shop.store.id,
      items: [{ variantId: shop.tea.id, quantity: 1 }],
      payments: [{ method: 'cash', tendered: 50_000 }],
    });
    expect(await after.json()).toMatchObject({ taxRateBasisPoints: 800, serviceCharge: 0 });

    await worker.scheduled(
      createScheduledController({ cron: '*/15 * * * *', scheduledTime: new Date() }),
      env,
    );
    const [row] = await withDatabase(({ db }) =>
      db
        .select()
        .from(storeSettings)
        .where(eq(storeSettings.storeId, shop.store.id))
        .orderBy(storeSettings.effectiveFrom),
    ).then((rows) => rows.slice(1));
    expect(row?.appliedAt).not.toBeNull();
    const applied = await send(shop.owner.session, 'GET', storePath(shop.store.id));
    expect(await applied.json()).toMatchObject({
      taxRateBasisPoints: 800,
      serviceChargeBasisPoints: 0,
      scheduledSettings: [],
      version: 3,
    });
    const nextPage = await deltaPage(shop.cashier, shop.store.id, page.cursor);
    expect(storeData(nextPage)).toMatchObject({
      taxRateBasisPoints: 800,
      scheduledSettings: [],
    });
  });

  it('keeps a scheduled change’s own settings when an earlier change comes after it is planned', async () => {
    const shop = await saleShop();
    const newYear = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);
    await send(shop.owner.session, 'PATCH', storePath(shop.store.id), {
      version: 1,
      taxRateBasisPoints: 800,
      effectiveFrom: newYear.toISOString(),
    });
    const service = await send(shop.owner.session, 'PATCH', storePath(shop.store.id), {
      version: 2,
      serviceChargeBasisPoints: 700,
    });
    const view = await service.json<StoreBody>();
    expect(view).toMatchObject({ taxRateBasisPoints: 1000, serviceChargeBasisPoints: 700 });
    expect(view.scheduledSettings[0]?.settings).toMatchObject({
      taxRateBasisPoints: 800,
      serviceChargeBasisPoints: 700,
    });

    // A change that would make the scheduled entry invalid is refused, naming it.
    const none = await send(shop.owner.session, 'PATCH', storePath(shop.store.id), {
      version: 3,
      taxRegime: 'none',
      taxRateBasisPoints: 0,
    });
    expect(none.status).toBe(422);
    expect((await readProblem(none)).detail).toContain(newYear.toISOString());
  });

  it('refuses a change dated before sales already made, and effectiveFrom with nothing dated', async () => {
    const shop = await saleShop();
    const sale = await sell(shop.cashier, {
      storeId: shop.store.id,
      items: [{ variantId: shop.tea.id, quantity: 1 }],
      payments: [{ method: 'cash', tendered: 50_000 }],
    });
    expect(sale.status).toBe(201);
    const anHourAgo = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    const backdated = await send(shop.owner.session, 'PATCH', storePath(shop.store.id), {
      version: 1,
      taxRateBasisPoints: 800,
      effectiveFrom: anHourAgo,
    });
    expect(backdated.status).toBe(422);
    expect((await readProblem(backdated)).errors?.[0]).toMatchObject({
      path: 'effectiveFrom',
      code: 'sales_since',
    });
    const nothing = await send(shop.owner.session, 'PATCH', storePath(shop.store.id), {
      version: 1,
      name: 'Cabang',
      effectiveFrom: anHourAgo,
    });
    expect(nothing.status).toBe(422);
    expect(await settingsEntriesOf(shop.store.id)).toHaveLength(1);

    // The other store has no sale: a backdated change applies from its first entry.
    const quiet = await send(shop.owner.session, 'PATCH', storePath(shop.otherStore.id), {
      version: 1,
      taxRegime: 'pbjt',
      taxRateBasisPoints: 500,
      effectiveFrom: anHourAgo,
    });
    expect(quiet.status).toBe(200);
    expect(await quiet.json()).toMatchObject({ taxRegime: 'pbjt', taxRateBasisPoints: 500 });
    expect(await settingsEntriesOf(shop.otherStore.id)).toHaveLength(1);
  });
});
