import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ProductVariant } from '../../src/db/schema';
import type {
  stockLevelPageSchema,
  stockMovementPageSchema,
} from '../../src/routes/v1/inventory/schemas';
import {
  auditCount,
  createVariant,
  type InventoryTenant,
  inventoryPath,
  inventoryTenant,
  levelOf,
  levelsAgainstLedger,
  movementsOf,
  send,
} from './helpers';

describe('the stock ledger', () => {
  let t: InventoryTenant;
  let beans: ProductVariant;
  let milk: ProductVariant;

  beforeAll(async () => {
    t = await inventoryTenant();
    [beans, milk] = await Promise.all([
      createVariant(t.companyId, { name: 'Biji Kopi' }),
      createVariant(t.companyId, { name: 'Susu' }),
    ]);
  });

  it('keeps every level equal to the sum of its movements through a mix of operations', async () => {
    const session = t.manager.session;
    const steps: Array<[string, unknown]> = [
      [
        '/receipts',
        {
          storeId: t.store.id,
          reference: 'INV-001',
          items: [
            { variantId: beans.id, quantity: 40 },
            { variantId: milk.id, quantity: 12 },
          ],
        },
      ],
      [
        '/adjustments',
        {
          storeId: t.store.id,
          reason: 'Tumpah',
          items: [
            { variantId: beans.id, quantityDelta: -3 },
            { variantId: milk.id, quantityDelta: 2 },
          ],
        },
      ],
      [
        '/transfers',
        {
          fromStoreId: t.store.id,
          toStoreId: t.otherStore.id,
          reason: 'Stok cabang',
          items: [{ variantId: beans.id, quantity: 10 }],
        },
      ],
      [
        '/counts',
        {
          storeId: t.store.id,
          reason: 'Stok opname',
          items: [
            { variantId: beans.id, countedQuantity: 25 },
            { variantId: milk.id, countedQuantity: 14 },
          ],
        },
      ],
      [
        '/adjustments',
        {
          storeId: t.otherStore.id,
          reason: 'Rusak',
          items: [{ variantId: beans.id, quantityDelta: -1 }],
        },
      ],
    ];
    for (const [path, body] of steps) {
      const response = await send(session, 'POST', inventoryPath(path), body);
      expect(response.status, `${path}: ${await response.clone().text()}`).toBe(201);
    }

    expect(await levelOf(t.store.id, beans.id)).toBe(25);
    expect(await levelOf(t.store.id, milk.id)).toBe(14);
    expect(await levelOf(t.otherStore.id, beans.id)).toBe(9);
    const rows = await levelsAgainstLedger(t.companyId);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.quantity).toBe(row.ledger);

    // receipt 2 + adjustment 2 + transfer 2 + count 1 (milk already 14: no movement) + 1.
    const movements = await movementsOf(t.companyId);
    expect(movements.map((movement) => movement.kind)).toEqual([
      'receiving',
      'receiving',
      'adjustment',
      'adjustment',
      'transfer_out',
      'transfer_in',
      'count',
      'adjustment',
    ]);
    expect(movements.find((movement) => movement.kind === 'count')?.quantityDelta).toBe(-2);
    expect(movements.every((movement) => movement.actorUserId === t.manager.user.id)).toBe(true);
    expect(await auditCount(t.companyId)).toBe(steps.length);
  });

  it('lists levels with the variant SKU and names, page by page', async () => {
    const first = await send(
      t.cashier.session,
      'GET',
      inventoryPath(`/levels?storeId=${t.store.id}&limit=1`),
    );
    expect(first.status).toBe(200);
    const page1 = await first.json<z.infer<typeof stockLevelPageSchema>>();
    expect(page1.data).toHaveLength(1);
    expect(page1.nextCursor).toBeTruthy();
    const second = await send(
      t.cashier.session,
      'GET',
      inventoryPath(`/levels?storeId=${t.store.id}&limit=1&cursor=${page1.nextCursor}`),
    );
    const page2 = await second.json<typeof page1>();
    expect(page2.data).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    const all = [...page1.data, ...page2.data];
    expect(all.map((level) => level.variantId).sort()).toEqual([beans.id, milk.id].sort());
    const beansLevel = all.find((level) => level.variantId === beans.id);
    expect(beansLevel).toMatchObject({ sku: beans.sku, variantName: 'Biji Kopi', quantity: 25 });
  });

  it('lists movements newest first, of one variant on request, with a cursor', async () => {
    const response = await send(
      t.cashier.session,
      'GET',
      inventoryPath(`/movements?storeId=${t.store.id}&variantId=${beans.id}&limit=2`),
    );
    expect(response.status).toBe(200);
    const page1 = await response.json<z.infer<typeof stockMovementPageSchema>>();
    expect(page1.data.map((movement) => [movement.kind, movement.quantityDelta])).toEqual([
      ['count', -2],
      ['transfer_out', -10],
    ]);
    const next = await send(
      t.cashier.session,
      'GET',
      inventoryPath(
        `/movements?storeId=${t.store.id}&variantId=${beans.id}&limit=2&cursor=${page1.nextCursor}`,
      ),
    );
    const page2 = await next.json<typeof page1>();
    expect(page2.data.map((movement) => [movement.kind, movement.quantityDelta])).toEqual([
      ['adjustment', -3],
      ['receiving', 40],
    ]);
    expect(page2.nextCursor).toBeNull();
  });
});
