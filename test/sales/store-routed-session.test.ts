import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import { bearer } from '../support/auth';
import { captureLogLines } from '../support/logs';
import { readProblem, requestApp } from '../support/worker';
import { batchOf, offlineSale } from '../sync/helpers';
import type { Member } from '../users/helpers';
import { countTransactions, type SaleShop, saleShop, send } from './helpers';

/**
 * A sale and a sync batch have their session read by the store's Durable Object, on the store's
 * connection (src/auth/context.ts): the Worker opens none of its own, and every session rule
 * still holds on the very next request.
 */

afterEach(() => {
  vi.restoreAllMocks();
});

let shop: SaleShop;
let other: SaleShop;

beforeAll(async () => {
  [shop, other] = await Promise.all([saleShop(), saleShop()]);
});

const onlineSale = (storeId: string, variantId: string) => ({
  id: crypto.randomUUID(),
  storeId,
  items: [{ variantId, quantity: 1 }],
  payments: [{ method: 'cash', tendered: 50_000 }],
});

/** Sends one request through the app with request logs on; answers it and its log line. */
async function logged(seller: Member, method: string, path: string, body?: unknown) {
  const lines = captureLogLines();
  const response = await requestApp(
    createApp(),
    path,
    {
      method,
      headers: { ...bearer(seller.session), 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    },
    { LOG_LEVEL: 'info' },
  );
  const entry = lines
    .map((line) => JSON.parse(line) as { message: string; workerDatabase?: boolean })
    .find((line) => line.message === 'request');
  vi.restoreAllMocks();
  return { response, workerDatabase: entry?.workerDatabase };
}

describe('the session of a sale or a sync batch', () => {
  it('is read by the store: the Worker opens no database connection for either', async () => {
    const sale = await logged(
      shop.cashier,
      'POST',
      '/api/v1/transactions',
      onlineSale(shop.store.id, shop.coffee.id),
    );
    expect(sale.response.status).toBe(201);
    expect(sale.workerDatabase).toBe(false);

    const batch = await logged(
      shop.cashier,
      'POST',
      '/api/v1/sync/transactions',
      batchOf(shop, [offlineSale(shop)]),
    );
    expect(batch.response.status).toBe(200);
    expect(batch.workerDatabase).toBe(false);

    // Any other route reads the session itself.
    const me = await logged(shop.cashier, 'GET', '/api/v1/me');
    expect(me.response.status).toBe(200);
    expect(me.workerDatabase).toBe(true);
  });

  it('tells an owner’s own store from another company’s without the Worker’s connection', async () => {
    const own = await logged(
      shop.owner,
      'POST',
      '/api/v1/transactions',
      onlineSale(shop.otherStore.id, shop.tea.id),
    );
    expect(own.response.status).toBe(201);
    expect(own.workerDatabase).toBe(false);

    const before = await countTransactions(other.companyId);
    const foreign = await logged(
      shop.owner,
      'POST',
      '/api/v1/transactions',
      onlineSale(other.store.id, other.tea.id),
    );
    expect(foreign.response.status).toBe(404);
    expect((await readProblem(foreign.response)).code).toBe('NOT_FOUND');
    expect(await countTransactions(other.companyId)).toBe(before);
  });

  it('still ends with a logout: the next sale and the next batch are refused, nothing written', async () => {
    const ending = await saleShop();
    const seller = ending.cashier;
    expect((await send(seller.session, 'POST', '/api/v1/auth/logout')).status).toBe(204);

    const before = await countTransactions(ending.companyId);
    const sale = await send(
      seller.session,
      'POST',
      '/api/v1/transactions',
      onlineSale(ending.store.id, ending.coffee.id),
    );
    const batch = await send(
      seller.session,
      'POST',
      '/api/v1/sync/transactions',
      batchOf(ending, [offlineSale(ending)]),
    );
    for (const response of [sale, batch]) {
      expect(response.status).toBe(401);
      expect((await readProblem(response)).detail).toBe(
        'Sesi perangkat ini telah berakhir. Silakan masuk kembali.',
      );
    }
    expect(await countTransactions(ending.companyId)).toBe(before);
  });
});
