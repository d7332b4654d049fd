import { describe, expect, it } from 'vitest';
import { saleShop, salesOfStore, stockOf } from '../sales/helpers';
import { authedRequest } from '../support/auth';
import { readProblem } from '../support/worker';
import {
  batchOf,
  batchRow,
  eventsOfBatch,
  gzipJson,
  offlineSale,
  upload,
  uploadOk,
} from './helpers';

describe('POST /api/v1/sync/transactions', () => {
  it('records offline sales in order with their till time, reference and cashier', async () => {
    const shop = await saleShop();
    const sales = [
      offlineSale(shop),
      offlineSale(shop, { items: [{ variantId: shop.tea.id, quantity: 2 }] }),
    ];
    const body = await uploadOk(shop.cashier, batchOf(shop, sales));

    expect(body.counts).toEqual({ accepted: 2, duplicate: 0, rejected: 0 });
    expect(body.results.map((result) => [result.index, result.id, result.status])).toEqual([
      [0, sales[0]?.id, 'accepted'],
      [1, sales[1]?.id, 'accepted'],
    ]);
    const stored = await salesOfStore(shop.store.id);
    expect(stored.map((sale) => sale.number)).toEqual(body.results.map((result) => result.number));
    expect(stored.map((sale) => sale.number.slice(-4))).toEqual(['0001', '0002']);
    const first = stored.find((sale) => sale.id === sales[0]?.id);
    expect(first?.clientReference).toBe(sales[0]?.clientReference);
    expect(first?.clientCreatedAt?.toISOString()).toBe(sales[0]?.clientCreatedAt);
    expect(first?.createdAt.toISOString()).toBe(sales[0]?.clientCreatedAt);
    expect(first?.cashierId).toBe(shop.cashier.user.id);
    expect(first?.deviceSessionId).toBe(shop.cashier.session.sessionId);
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(49);
  });

  it('dates a sale by the till clock in the store time zone, not by when it arrived', async () => {
    // 23:30 WIB on 1 March is 16:30 UTC: the business date is 1 March even when uploaded later.
    const shop = await saleShop({ timezone: 'Asia/Jakarta' });
    const lateEvening = new Date();
    lateEvening.setUTCDate(lateEvening.getUTCDate() - 2);
    lateEvening.setUTCHours(16, 30, 0, 0);
    const sale = offlineSale(shop, { clientCreatedAt: lateEvening.toISOString() });
    await uploadOk(shop.cashier, batchOf(shop, [sale]));
    const [stored] = await salesOfStore(shop.store.id);
    expect(stored?.businessDate).toBe(lateEvening.toISOString().slice(0, 10));
  });

  it('keeps one copy of each sale when the same batch is sent five times and twice at once', async () => {
    const shop = await saleShop();
    const batch = batchOf(shop, [offlineSale(shop), offlineSale(shop), offlineSale(shop)]);
    const first = await uploadOk(shop.cashier, batch);
    const numbers = first.results.map((result) => result.number);

    for (let attempt = 0; attempt < 4; attempt++) {
      const again = await uploadOk(shop.cashier, batch);
      expect(again.counts).toEqual({ accepted: 0, duplicate: 3, rejected: 0 });
      expect(again.results.map((result) => result.number)).toEqual(numbers);
    }
    const together = await Promise.all([
      uploadOk(shop.cashier, batch),
      uploadOk(shop.cashier, batch),
    ]);
    for (const body of together) {
      expect(body.results.map((result) => [result.status, result.number])).toEqual(
        numbers.map((number) => ['duplicate', number]),
      );
    }

    expect(await salesOfStore(shop.store.id)).toHaveLength(3);
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(47);
    const row = await batchRow(batch.batchId);
    expect(row).toMatchObject({
      status: 'completed',
      attempts: 7,
      receivedCount: 21,
      acceptedCount: 3,
      duplicateCount: 18,
      rejectedCount: 0,
      deviceSessionId: shop.cashier.session.sessionId,
    });
  });

  it('answers a sale retried inside another batch as a duplicate with its first number', async () => {
    const shop = await saleShop();
    const sale = offlineSale(shop);
    const first = await uploadOk(shop.cashier, batchOf(shop, [sale]));
    const second = await uploadOk(shop.cashier, batchOf(shop, [offlineSale(shop), sale]));
    expect(second.results.map((result) => result.status)).toEqual(['accepted', 'duplicate']);
    expect(second.results[1]?.number).toBe(first.results[0]?.number);
  });

  it('answers a sale repeated inside one batch as a duplicate of its first copy', async () => {
    const shop = await saleShop();
    const sale = offlineSale(shop);
    const body = await uploadOk(shop.cashier, batchOf(shop, [sale, offlineSale(shop), sale]));
    expect(body.results.map((result) => result.status)).toEqual([
      'accepted',
      'accepted',
      'duplicate',
    ]);
    expect(body.results[2]?.number).toBe(body.results[0]?.number);
    expect(await salesOfStore(shop.store.id)).toHaveLength(2);
  });

  it('numbers the sales of two tills uploading at once without gaps or repeats', async () => {
    const shop = await saleShop();
    const secondTill = {
      ...shop.cashier,
      session: await (await import('../support/auth')).signIn(shop.cashier.user),
    };
    const batches = [
      batchOf(
        shop,
        Array.from({ length: 6 }, () => offlineSale(shop)),
      ),
      batchOf(
        shop,
        Array.from({ length: 6 }, () => offlineSale(shop)),
      ),
    ];
    const [a, b] = await Promise.all([
      uploadOk(shop.cashier, batches[0]),
      uploadOk(secondTill, batches[1]),
    ]);
    const numbers = [...(a?.results ?? []), ...(b?.results ?? [])].map((result) => result.number);
    expect(new Set(numbers).size).toBe(12);
    const sequences = numbers.map((number) => Number(number?.slice(-4))).sort((x, y) => x - y);
    expect(sequences).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    // One batch is numbered in one run: its sales are consecutive.
    for (const body of [a, b]) {
      const own = (body?.results ?? []).map((result) => Number(result.number?.slice(-4)));
      expect(own).toEqual(Array.from({ length: 6 }, (_, index) => (own[0] ?? 0) + index));
    }
  });

  it('accepts the good sales of a batch when one is invalid and logs the rejections', async () => {
    const shop = await saleShop();
    const unknownVariant = offlineSale(shop, {
      items: [{ variantId: crypto.randomUUID(), quantity: 1 }],
    });
    const malformed = {
      ...offlineSale(shop),
      items: [{ variantId: shop.coffee.id, quantity: -1 }],
    };
    const underpaid = offlineSale(shop, { payments: [{ method: 'cash', tendered: 1000 }] });
    const good = [offlineSale(shop), offlineSale(shop)];
    const batch = batchOf(shop, [good[0], unknownVariant, malformed, underpaid, good[1]]);
    const body = await uploadOk(shop.cashier, batch);

    expect(body.results.map((result) => result.status)).toEqual([
      'accepted',
      'rejected',
      'rejected',
      'rejected',
      'accepted',
    ]);
    expect(body.results[1]).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'sales.variantNotFound',
      retryable: false,
    });
    expect(body.results[1]?.message).toContain('tidak ditemukan');
    expect(body.results[2]).toMatchObject({ code: 'VALIDATION_FAILED', id: malformed.id });
    expect(body.results[2]?.errors?.map((error) => error.path)).toEqual(['items.0.quantity']);
    expect(body.results[3]).toMatchObject({
      code: 'UNPROCESSABLE',
      reason: 'sales.insufficientPayment',
    });
    expect(body.counts).toEqual({ accepted: 2, duplicate: 0, rejected: 3 });
    const stored = await salesOfStore(shop.store.id);
    expect(stored.map((sale) => sale.id).sort()).toEqual(good.map((sale) => sale.id).sort());
    expect(stored.map((sale) => sale.number.slice(-4))).toEqual(['0001', '0002']);

    const events = await eventsOfBatch(batch.batchId);
    expect(events.map((event) => [event.kind, event.code, event.entityId])).toEqual(
      expect.arrayContaining([
        ['sale_rejected', 'sales.variantNotFound', unknownVariant.id],
        ['sale_rejected', 'request.validationFailed', malformed.id],
        ['sale_rejected', 'sales.insufficientPayment', underpaid.id],
      ]),
    );
    expect(events).toHaveLength(3);
    expect(await batchRow(batch.batchId)).toMatchObject({ acceptedCount: 2, rejectedCount: 3 });
  });

  it('words rejections in English on request', async () => {
    const shop = await saleShop();
    const sale = offlineSale(shop, { items: [{ variantId: crypto.randomUUID(), quantity: 1 }] });
    const response = await upload(shop.cashier, batchOf(shop, [sale]), { 'Accept-Language': 'en' });
    const body = await response.json<{ results: Array<{ message: string }> }>();
    expect(body.results[0]?.message).toMatch(/^Product not found/);
  });

  it('records a sale from a clock far ahead at arrival time and flags it; refuses one older than 30 days', async () => {
    const shop = await saleShop();
    const ahead = offlineSale(shop, {
      clientCreatedAt: new Date(Date.now() + 3 * 60 * 60 * 1000).toISOString(),
    });
    const slightlyAhead = offlineSale(shop, {
      clientCreatedAt: new Date(Date.now() + 60 * 1000).toISOString(),
    });
    const ancient = offlineSale(shop, {
      clientCreatedAt: new Date(Date.now() - 31 * 24 * 60 * 60 * 1000).toISOString(),
    });
    const batch = batchOf(shop, [ahead, slightlyAhead, ancient]);
    const body = await uploadOk(shop.cashier, batch);

    expect(body.results.map((result) => result.status)).toEqual([
      'accepted',
      'accepted',
      'rejected',
    ]);
    expect(body.results[0]?.flags).toContain('clock_skew');
    expect(body.results[1]?.flags).not.toContain('clock_skew');
    expect(body.results[2]).toMatchObject({ reason: 'sync.saleTooOld', code: 'UNPROCESSABLE' });
    const stored = await salesOfStore(shop.store.id);
    const skewed = stored.find((sale) => sale.id === ahead.id);
    expect(skewed?.createdAt.toISOString()).toBe(body.receivedAt);
    expect(skewed?.clientCreatedAt?.toISOString()).toBe(ahead.clientCreatedAt);
    const events = await eventsOfBatch(batch.batchId);
    expect(events.map((event) => [event.kind, event.entityId])).toEqual(
      expect.arrayContaining([
        ['sale_flagged', ahead.id],
        ['sale_rejected', ancient.id],
      ]),
    );
  });

  it('refuses a cashier who is not staff of the store, and the uploader outside the store', async () => {
    const shop = await saleShop();
    const other = await saleShop();
    const body = await uploadOk(
      shop.cashier,
      batchOf(shop, [offlineSale(shop, { cashierId: other.cashier.user.id })]),
    );
    expect(body.results[0]).toMatchObject({ status: 'rejected', reason: 'sync.cashierNotStaff' });
    const outsider = await upload(shop.cashier, {
      ...batchOf(shop, [offlineSale(shop)]),
      storeId: shop.otherStore.id,
    });
    expect(outsider.status).toBe(403);
  });

  it('lets no device of another company push into this company', async () => {
    const shop = await saleShop();
    const other = await saleShop();
    const intoForeignStore = await upload(other.owner, batchOf(shop, [offlineSale(shop)]));
    expect(intoForeignStore.status).toBe(404);
    const foreignCashierBatch = await upload(other.cashier, batchOf(shop, [offlineSale(shop)]));
    // Another company's store is not found, whoever asks; it is never "not assigned".
    expect(foreignCashierBatch.status).toBe(404);
    expect(await salesOfStore(shop.store.id)).toHaveLength(0);
    // The store's object was not bound to the intruder: the owner's own upload still works.
    const own = await uploadOk(shop.owner, batchOf(shop, [offlineSale(shop)]));
    expect(own.counts.accepted).toBe(1);
  });

  it('refuses a batch id another store already used, writing nothing', async () => {
    const shop = await saleShop();
    const batch = batchOf(shop, [offlineSale(shop)]);
    await uploadOk(shop.owner, batch);
    const reused = await upload(shop.owner, {
      batchId: batch.batchId,
      storeId: shop.otherStore.id,
      sales: [offlineSale(shop, { storeId: shop.otherStore.id })],
    });
    expect(reused.status).toBe(409);
    expect((await readProblem(reused)).code).toBe('CONFLICT');
    expect(await salesOfStore(shop.otherStore.id)).toHaveLength(0);
  });

  it('accepts a gzip body above the 1 MB limit of other routes', async () => {
    const shop = await saleShop();
    const note = 'x'.repeat(500);
    const sales = Array.from({ length: 500 }, () =>
      offlineSale(shop, {
        note,
        items: Array.from({ length: 25 }, () => ({ variantId: shop.tea.id, quantity: 1 })),
        payments: [{ method: 'cash', tendered: 1_000_000 }],
      }),
    );
    const batch = batchOf(shop, sales);
    expect(JSON.stringify(batch).length).toBeGreaterThan(1024 * 1024);
    const response = await authedRequest(shop.cashier.session, '/api/v1/sync/transactions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: await gzipJson(batch),
    });
    expect(response.status).toBe(200);
    const body = await response.json<{ counts: { accepted: number } }>();
    expect(body.counts.accepted).toBe(500);
    expect(await salesOfStore(shop.store.id)).toHaveLength(500);
  }, 120_000);

  it('refuses gzip where it is not accepted, broken gzip, too many sales and an oversized body', async () => {
    const shop = await saleShop();
    const elsewhere = await authedRequest(shop.cashier.session, '/api/v1/transactions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: await gzipJson({}),
    });
    expect(elsewhere.status).toBe(415);
    const broken = await authedRequest(shop.cashier.session, '/api/v1/sync/transactions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: 'not gzip at all',
    });
    expect(broken.status).toBe(400);
    expect((await readProblem(broken)).code).toBe('MALFORMED_JSON');
    const tooMany = await upload(
      shop.cashier,
      batchOf(
        shop,
        Array.from({ length: 501 }, () => ({})),
      ),
    );
    expect(tooMany.status).toBe(400);
    // 9 MB of JSON that compresses to a few KB: refused once decompression passes 8 MB.
    const bomb = await gzipJson({
      ...batchOf(shop, [offlineSale(shop)]),
      padding: ' '.repeat(9 * 1024 * 1024),
    });
    expect(bomb.byteLength).toBeLessThan(100 * 1024);
    const oversized = await authedRequest(shop.cashier.session, '/api/v1/sync/transactions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: bomb,
    });
    expect(oversized.status).toBe(413);
    expect(await salesOfStore(shop.store.id)).toHaveLength(0);
  });
});
