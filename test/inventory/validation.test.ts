import { beforeAll, describe, expect, it } from 'vitest';
import type { ProductVariant } from '../../src/db/schema';
import { readProblem } from '../support/worker';
import {
  createVariant,
  footprint,
  type InventoryTenant,
  inventoryPath,
  inventoryTenant,
  send,
} from './helpers';

describe('inventory input, permissions and tenancy', () => {
  let t: InventoryTenant;
  let other: InventoryTenant;
  let variant: ProductVariant;
  let foreignVariant: ProductVariant;

  beforeAll(async () => {
    [t, other] = await Promise.all([inventoryTenant(), inventoryTenant()]);
    [variant, foreignVariant] = await Promise.all([
      createVariant(t.companyId),
      createVariant(other.companyId),
    ]);
    const seeded = await send(t.owner.session, 'POST', inventoryPath('/receipts'), {
      storeId: t.store.id,
      items: [{ variantId: variant.id, quantity: 5 }],
    });
    expect(seeded.status).toBe(201);
  });

  const adjustment = (overrides: Record<string, unknown> = {}) => ({
    storeId: t.store.id,
    reason: 'Koreksi',
    items: [{ variantId: variant.id, quantityDelta: 1 }],
    ...overrides,
  });

  /** Sends as the manager and checks the answer and that nothing at all was written. */
  async function refused(
    method: string,
    path: string,
    body: unknown,
    status: number,
    errorPath?: string,
  ) {
    const before = await footprint(t.companyId);
    const response = await send(t.manager.session, method, inventoryPath(path), body);
    expect(response.status, await response.clone().text()).toBe(status);
    const problem = await readProblem(response);
    if (errorPath !== undefined) {
      expect(problem.errors?.map((error) => error.path)).toContain(errorPath);
    }
    expect(await footprint(t.companyId)).toEqual(before);
    return problem;
  }

  it('refuses an adjustment without a reason', async () => {
    await refused('POST', '/adjustments', adjustment({ reason: undefined }), 400, 'reason');
    await refused('POST', '/adjustments', adjustment({ reason: '   ' }), 400, 'reason');
  });

  it('refuses zero and non-integer quantities', async () => {
    const zero = await refused(
      'POST',
      '/adjustments',
      adjustment({ items: [{ variantId: variant.id, quantityDelta: 0 }] }),
      400,
      'items.0.quantityDelta',
    );
    expect(zero.errors?.[0]?.message).toBe('Jumlah perubahan tidak boleh nol.');
    await refused(
      'POST',
      '/adjustments',
      adjustment({ items: [{ variantId: variant.id, quantityDelta: 1.5 }] }),
      400,
      'items.0.quantityDelta',
    );
    await refused(
      'POST',
      '/receipts',
      { storeId: t.store.id, items: [{ variantId: variant.id, quantity: 0 }] },
      400,
      'items.0.quantity',
    );
    await refused(
      'POST',
      '/transfers',
      {
        fromStoreId: t.store.id,
        toStoreId: t.otherStore.id,
        reason: 'x',
        items: [{ variantId: variant.id, quantity: -2 }],
      },
      400,
      'items.0.quantity',
    );
    await refused(
      'POST',
      '/counts',
      { storeId: t.store.id, reason: 'x', items: [{ variantId: variant.id, countedQuantity: -1 }] },
      400,
      'items.0.countedQuantity',
    );
    await refused(
      'PUT',
      '/thresholds',
      { storeId: t.store.id, items: [{ variantId: variant.id, minimumQuantity: -1 }] },
      400,
      'items.0.minimumQuantity',
    );
  });

  it('refuses empty, repeated and malformed items, unknown fields and malformed JSON', async () => {
    await refused('POST', '/adjustments', adjustment({ items: [] }), 400, 'items');
    await refused(
      'POST',
      '/adjustments',
      adjustment({
        items: [
          { variantId: variant.id, quantityDelta: 1 },
          { variantId: variant.id, quantityDelta: 2 },
        ],
      }),
      400,
      'items',
    );
    await refused(
      'POST',
      '/adjustments',
      adjustment({ items: [{ variantId: 'not-a-uuid', quantityDelta: 1 }] }),
      400,
      'items.0.variantId',
    );
    await refused('POST', '/adjustments', adjustment({ extra: true }), 400, 'extra');
    await refused('POST', '/adjustments', adjustment({ items: 'many' }), 400, 'items');
    const malformed = await refused('POST', '/adjustments', '{"storeId":', 400);
    expect(malformed.code).toBe('MALFORMED_JSON');
  });

  it('refuses an unknown variant, another company’s variant and an untracked one', async () => {
    await refused(
      'POST',
      '/adjustments',
      adjustment({ items: [{ variantId: crypto.randomUUID(), quantityDelta: 1 }] }),
      404,
    );
    await refused(
      'POST',
      '/adjustments',
      adjustment({ items: [{ variantId: foreignVariant.id, quantityDelta: 1 }] }),
      404,
    );
    await refused(
      'PUT',
      '/thresholds',
      { storeId: t.store.id, items: [{ variantId: foreignVariant.id, minimumQuantity: 1 }] },
      404,
    );
    const untracked = await createVariant(t.companyId, { tracksStock: false });
    await refused(
      'POST',
      '/receipts',
      { storeId: t.store.id, items: [{ variantId: untracked.id, quantity: 1 }] },
      422,
    );
    expect((await footprint(other.companyId)).movements).toBe(0);
  });

  it("answers 404 for another company's store, on writes and reads", async () => {
    await refused('POST', '/adjustments', adjustment({ storeId: other.store.id }), 404);
    await refused(
      'POST',
      '/counts',
      {
        storeId: other.store.id,
        reason: 'x',
        items: [{ variantId: variant.id, countedQuantity: 1 }],
      },
      404,
    );
    for (const path of [
      `/levels?storeId=${other.store.id}`,
      `/movements?storeId=${other.store.id}`,
    ]) {
      const response = await send(t.manager.session, 'GET', inventoryPath(path));
      expect(response.status).toBe(404);
    }
    expect((await footprint(other.companyId)).movements).toBe(0);
  });

  it('lets a cashier read but not change stock (403, nothing written)', async () => {
    const read = await send(
      t.cashier.session,
      'GET',
      inventoryPath(`/levels?storeId=${t.store.id}`),
    );
    expect(read.status).toBe(200);
    const writes: Array<[string, string, unknown]> = [
      ['POST', '/adjustments', adjustment()],
      [
        'POST',
        '/receipts',
        { storeId: t.store.id, items: [{ variantId: variant.id, quantity: 1 }] },
      ],
      [
        'POST',
        '/transfers',
        {
          fromStoreId: t.store.id,
          toStoreId: t.otherStore.id,
          reason: 'x',
          items: [{ variantId: variant.id, quantity: 1 }],
        },
      ],
      [
        'POST',
        '/counts',
        {
          storeId: t.store.id,
          reason: 'x',
          items: [{ variantId: variant.id, countedQuantity: 0 }],
        },
      ],
      [
        'PUT',
        '/thresholds',
        { storeId: t.store.id, items: [{ variantId: variant.id, minimumQuantity: 1 }] },
      ],
    ];
    const before = await footprint(t.companyId);
    for (const [method, path, body] of writes) {
      const response = await send(t.cashier.session, method, inventoryPath(path), body);
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect(await footprint(t.companyId)).toEqual(before);
  });

  it('needs a signed-in caller and a storeId on reads', async () => {
    const anonymous = await send({ accessToken: 'nope' }, 'GET', inventoryPath('/levels'));
    expect(anonymous.status).toBe(401);
    const missing = await send(t.manager.session, 'GET', inventoryPath('/levels'));
    expect(missing.status).toBe(400);
    const badCursor = await send(
      t.manager.session,
      'GET',
      inventoryPath(`/movements?storeId=${t.store.id}&cursor=garbage`),
    );
    expect(badCursor.status).toBe(400);
  });
});
