import { beforeAll, describe, expect, it } from 'vitest';
import { type SaleShop, saleShop, sell, send, stockOf } from '../sales/helpers';
import { auditRows } from '../support/auth';
import { readProblem } from '../support/worker';
import { type Member, member } from '../users/helpers';

/**
 * The store scope (src/auth/policy.ts): a store-bound action needs the caller to work in that
 * store. A manager of the first store only is refused in the second (403) and writes nothing;
 * the owner works in both; another company's store is not found (404) for everyone.
 */

let shop: SaleShop;
let elsewhere: SaleShop;
let firstStoreManager: Member;
let saleInSecondStore: { id: string };

beforeAll(async () => {
  shop = await saleShop();
  elsewhere = await saleShop();
  // Granted settings.manage as well, so the store receipt template is refused for its store alone.
  firstStoreManager = await member(shop.companyId, 'manager', {
    storeIds: [shop.store.id],
    permissionsGranted: ['settings.manage'],
  });
  const sold = await sell(shop.manager, {
    storeId: shop.otherStore.id,
    items: [{ variantId: shop.tea.id, quantity: 2 }],
    payments: [{ method: 'cash', tendered: 50_000 }],
  });
  expect(sold.status).toBe(201);
  saleInSecondStore = await sold.json<{ id: string }>();
});

type Action = [label: string, method: string, path: (storeId: string) => string, body?: unknown];

const storePricePath = (storeId: string) =>
  `/api/v1/products/${shop.coffee.productId}/variants/${shop.coffee.id}/store-prices/${storeId}`;

const storeActions = (): Action[] => [
  [
    'a stock adjustment',
    'POST',
    () => '/api/v1/inventory/adjustments',
    (storeId: string) => ({
      storeId,
      reason: 'Rusak',
      items: [{ variantId: shop.coffee.id, quantityDelta: 1 }],
    }),
  ],
  [
    'a goods receipt',
    'POST',
    () => '/api/v1/inventory/receipts',
    (storeId: string) => ({ storeId, items: [{ variantId: shop.coffee.id, quantity: 3 }] }),
  ],
  [
    'a stock count',
    'POST',
    () => '/api/v1/inventory/counts',
    (storeId: string) => ({
      storeId,
      reason: 'Stok opname',
      items: [{ variantId: shop.coffee.id, countedQuantity: 7 }],
    }),
  ],
  [
    'a transfer into the store',
    'POST',
    () => '/api/v1/inventory/transfers',
    (storeId: string) => ({
      fromStoreId: shop.store.id,
      toStoreId: storeId,
      reason: 'Kirim stok',
      items: [{ variantId: shop.coffee.id, quantity: 1 }],
    }),
  ],
  [
    'low-stock thresholds',
    'PUT',
    () => '/api/v1/inventory/thresholds',
    (storeId: string) => ({ storeId, items: [{ variantId: shop.coffee.id, minimumQuantity: 2 }] }),
  ],
  ['a store price', 'PUT', storePricePath, () => ({ price: 27_000 })],
  [
    'a store receipt template',
    'POST',
    () => '/api/v1/receipt-templates',
    (storeId: string) => ({ name: 'Struk cabang', storeId }),
  ],
  [
    'an online sale',
    'POST',
    () => '/api/v1/transactions',
    (storeId: string) => ({
      storeId,
      items: [{ variantId: shop.tea.id, quantity: 1 }],
      payments: [{ method: 'cash', tendered: 30_000 }],
    }),
  ],
  ['the store’s sales', 'GET', (storeId) => `/api/v1/transactions?storeId=${storeId}`],
];

function bodyFor(action: Action, storeId: string): unknown {
  const body = action[3];
  return typeof body === 'function' ? body(storeId) : body;
}

describe('the store scope', () => {
  it.each(storeActions().map((action) => [action[0], action] as const))(
    'refuses %s in a store the manager is not assigned to (403), writing nothing',
    async (_label, action) => {
      const [, method, path] = action;
      const auditBefore = (await auditRows(shop.companyId)).length;
      const stockBefore = await stockOf(shop.otherStore.id, shop.coffee.id);
      const response = await send(
        firstStoreManager.session,
        method,
        path(shop.otherStore.id),
        bodyFor(action, shop.otherStore.id),
      );
      expect(response.status).toBe(403);
      expect((await readProblem(response)).detail).toBe('Anda tidak ditugaskan di toko ini.');
      expect(await auditRows(shop.companyId)).toHaveLength(auditBefore);
      expect(await stockOf(shop.otherStore.id, shop.coffee.id)).toBe(stockBefore);
    },
  );

  it.each(storeActions().map((action) => [action[0], action] as const))(
    'answers 404 for %s in another company’s store',
    async (_label, action) => {
      const [, method, path] = action;
      const response = await send(
        shop.owner.session,
        method,
        path(elsewhere.store.id),
        bodyFor(action, elsewhere.store.id),
      );
      expect(response.status).toBe(404);
    },
  );

  it('lets the owner act in every store of the company, and the manager in their own', async () => {
    for (const action of storeActions()) {
      const [label, method, path] = action;
      const owner = await send(
        shop.owner.session,
        method,
        path(shop.otherStore.id),
        bodyFor(action, shop.otherStore.id),
      );
      expect([200, 201], `owner: ${label}`).toContain(owner.status);
    }
    const own = await send(firstStoreManager.session, 'PUT', storePricePath(shop.store.id), {
      price: 26_000,
    });
    expect(own.status).toBe(200);
  });

  it('keeps a sale of a store you do not work in out of reach: read, receipt, void, refund', async () => {
    const sale = `/api/v1/transactions/${saleInSecondStore.id}`;
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', sale],
      ['GET', `${sale}/receipt`],
      ['POST', `${sale}/void`, { reason: 'Salah input' }],
      ['POST', `${sale}/refunds`, { reason: 'Komplain', items: [{ lineNumber: 1, quantity: 1 }] }],
    ];
    for (const [method, path, body] of attempts) {
      const response = await send(firstStoreManager.session, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    const stillSold = await send(shop.owner.session, 'GET', sale);
    expect((await stillSold.json<{ status: string }>()).status).toBe('completed');
    const stranger = await send(elsewhere.owner.session, 'GET', sale);
    expect(stranger.status).toBe(404);
  });

  it('lists only the sales of the stores a manager works in', async () => {
    const response = await send(firstStoreManager.session, 'GET', '/api/v1/transactions');
    expect(response.status).toBe(200);
    const { data } = await response.json<{ data: Array<{ id: string; storeId: string }> }>();
    expect(data.map((sale) => sale.id)).not.toContain(saleInSecondStore.id);
    expect(data.every((sale) => sale.storeId === shop.store.id)).toBe(true);
  });
});
