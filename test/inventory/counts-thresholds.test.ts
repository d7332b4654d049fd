import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ProductVariant } from '../../src/db/schema';
import type {
  stockLevelPageSchema,
  stockOperationResultSchema,
} from '../../src/routes/v1/inventory/schemas';
import { auditRows } from '../support/auth';
import {
  createVariant,
  type InventoryTenant,
  inventoryPath,
  inventoryTenant,
  levelOf,
  levelRow,
  levelsAgainstLedger,
  movementsOf,
  send,
} from './helpers';

describe('stock counts and low-stock thresholds', () => {
  let t: InventoryTenant;
  let cups: ProductVariant;
  let lids: ProductVariant;
  let straws: ProductVariant;

  beforeAll(async () => {
    t = await inventoryTenant();
    [cups, lids, straws] = await Promise.all([
      createVariant(t.companyId, { name: 'Gelas' }),
      createVariant(t.companyId, { name: 'Tutup' }),
      createVariant(t.companyId, { name: 'Sedotan' }),
    ]);
    const response = await send(t.owner.session, 'POST', inventoryPath('/receipts'), {
      storeId: t.store.id,
      reason: 'Stok awal',
      items: [
        { variantId: cups.id, quantity: 50 },
        { variantId: lids.id, quantity: 30 },
      ],
    });
    expect(response.status).toBe(201);
  });

  it('writes one count movement of (counted − current) per variant that differs', async () => {
    const response = await send(t.manager.session, 'POST', inventoryPath('/counts'), {
      storeId: t.store.id,
      reason: 'Stok opname bulanan',
      items: [
        { variantId: cups.id, countedQuantity: 47 },
        { variantId: lids.id, countedQuantity: 30 },
        { variantId: straws.id, countedQuantity: 12 },
      ],
    });
    expect(response.status).toBe(201);
    const body = await response.json<z.infer<typeof stockOperationResultSchema>>();
    expect(
      body.movements.map((movement) => [movement.variantId, movement.kind, movement.quantityDelta]),
    ).toEqual([
      [cups.id, 'count', -3],
      [straws.id, 'count', 12],
    ]);
    expect(await levelOf(t.store.id, cups.id)).toBe(47);
    expect(await levelOf(t.store.id, lids.id)).toBe(30);
    expect(await levelOf(t.store.id, straws.id)).toBe(12);
    const counts = (await movementsOf(t.companyId)).filter((movement) => movement.kind === 'count');
    expect(counts).toHaveLength(2);
    expect(counts.every((movement) => movement.reason === 'Stok opname bulanan')).toBe(true);
    const audits = await auditRows(t.companyId, 'inventory.count');
    expect(audits).toHaveLength(1);
    expect(audits[0]?.entityId).toBe(body.referenceId);
    for (const row of await levelsAgainstLedger(t.companyId)) expect(row.quantity).toBe(row.ledger);
  });

  it('a count that matches everything changes nothing but is still audited', async () => {
    const movementsBefore = (await movementsOf(t.companyId)).length;
    const response = await send(t.manager.session, 'POST', inventoryPath('/counts'), {
      storeId: t.store.id,
      reason: 'Cek ulang',
      items: [{ variantId: cups.id, countedQuantity: 47 }],
    });
    expect(response.status).toBe(201);
    expect((await response.json<z.infer<typeof stockOperationResultSchema>>()).movements).toEqual(
      [],
    );
    expect(await movementsOf(t.companyId)).toHaveLength(movementsBefore);
    expect(await auditRows(t.companyId, 'inventory.count')).toHaveLength(2);
  });

  it('sets and clears thresholds, and lists the low-stock levels', async () => {
    const response = await send(t.manager.session, 'PUT', inventoryPath('/thresholds'), {
      storeId: t.store.id,
      items: [
        { variantId: cups.id, minimumQuantity: 50 },
        { variantId: lids.id, minimumQuantity: 30 },
        { variantId: straws.id, minimumQuantity: 5 },
      ],
    });
    expect(response.status).toBe(200);
    expect((await levelRow(t.store.id, cups.id))?.minimumQuantity).toBe(50);

    const lowStock = async () => {
      const list = await send(
        t.cashier.session,
        'GET',
        inventoryPath(`/levels?storeId=${t.store.id}&lowStock=true`),
      );
      expect(list.status).toBe(200);
      const body = await list.json<z.infer<typeof stockLevelPageSchema>>();
      expect(body.data.every((level) => level.lowStock)).toBe(true);
      return body.data.map((level) => level.variantId).sort();
    };
    // cups 47 ≤ 50 and lids 30 ≤ 30 are low; straws 12 > 5 are not.
    expect(await lowStock()).toEqual([cups.id, lids.id].sort());

    const cleared = await send(t.manager.session, 'PUT', inventoryPath('/thresholds'), {
      storeId: t.store.id,
      items: [{ variantId: cups.id, minimumQuantity: null }],
    });
    expect(cleared.status).toBe(200);
    expect(await lowStock()).toEqual([lids.id]);

    const audits = await auditRows(t.companyId, 'inventory.set_thresholds');
    expect(audits).toHaveLength(2);
    expect(audits[1]?.before).toEqual({
      thresholds: [{ variantId: cups.id, minimumQuantity: 50 }],
    });
  });

  it('a threshold for a variant without stock yet creates its level at zero', async () => {
    const fresh = await createVariant(t.companyId);
    const response = await send(t.manager.session, 'PUT', inventoryPath('/thresholds'), {
      storeId: t.otherStore.id,
      items: [{ variantId: fresh.id, minimumQuantity: 3 }],
    });
    expect(response.status).toBe(200);
    expect(await levelRow(t.otherStore.id, fresh.id)).toMatchObject({
      quantity: 0,
      minimumQuantity: 3,
    });
  });
});
