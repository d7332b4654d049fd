import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ProductVariant } from '../../src/db/schema';
import type { stockOperationResultSchema } from '../../src/routes/v1/inventory/schemas';
import { auditRows } from '../support/auth';
import { createStore } from '../support/factories';
import { readProblem } from '../support/worker';
import {
  createVariant,
  footprint,
  type InventoryTenant,
  inventoryPath,
  inventoryTenant,
  levelOf,
  levelsAgainstLedger,
  movementsOf,
  send,
} from './helpers';

describe('stock transfers', () => {
  let t: InventoryTenant;
  let other: InventoryTenant;
  let variant: ProductVariant;

  beforeAll(async () => {
    [t, other] = await Promise.all([inventoryTenant(), inventoryTenant()]);
    variant = await createVariant(t.companyId);
    const response = await send(t.owner.session, 'POST', inventoryPath('/receipts'), {
      storeId: t.store.id,
      reason: 'Stok awal',
      items: [{ variantId: variant.id, quantity: 20 }],
    });
    expect(response.status).toBe(201);
  });

  it('moves stock out of one store and into the other in one transaction, with one audit row', async () => {
    const response = await send(t.manager.session, 'POST', inventoryPath('/transfers'), {
      fromStoreId: t.store.id,
      toStoreId: t.otherStore.id,
      reason: 'Kirim ke cabang',
      items: [{ variantId: variant.id, quantity: 7 }],
    });
    expect(response.status).toBe(201);
    const body = await response.json<z.infer<typeof stockOperationResultSchema>>();
    expect(body.movements).toEqual([
      expect.objectContaining({ kind: 'transfer_out', storeId: t.store.id, quantityDelta: -7 }),
      expect.objectContaining({ kind: 'transfer_in', storeId: t.otherStore.id, quantityDelta: 7 }),
    ]);
    expect(await levelOf(t.store.id, variant.id)).toBe(13);
    expect(await levelOf(t.otherStore.id, variant.id)).toBe(7);

    const transferMovements = (await movementsOf(t.companyId)).filter((movement) =>
      movement.kind.startsWith('transfer_'),
    );
    expect(transferMovements).toHaveLength(2);
    expect(new Set(transferMovements.map((movement) => movement.referenceId))).toEqual(
      new Set([body.referenceId]),
    );
    expect(transferMovements.every((movement) => movement.referenceType === 'transfer')).toBe(true);

    const audits = await auditRows(t.companyId, 'inventory.transfer');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      entityType: 'stock_transfer',
      entityId: body.referenceId,
      actorUserId: t.manager.user.id,
    });
    for (const row of await levelsAgainstLedger(t.companyId)) expect(row.quantity).toBe(row.ledger);
  });

  it("refuses another company's store as destination (404) and writes nothing", async () => {
    const before = await footprint(t.companyId);
    const response = await send(t.manager.session, 'POST', inventoryPath('/transfers'), {
      fromStoreId: t.store.id,
      toStoreId: other.store.id,
      reason: 'Coba',
      items: [{ variantId: variant.id, quantity: 1 }],
    });
    expect(response.status).toBe(404);
    expect((await readProblem(response)).code).toBe('NOT_FOUND');
    expect(await footprint(t.companyId)).toEqual(before);
    expect((await footprint(other.companyId)).movements).toBe(0);
  });

  it("refuses another company's store as source (404)", async () => {
    const before = await footprint(t.companyId);
    const response = await send(t.manager.session, 'POST', inventoryPath('/transfers'), {
      fromStoreId: other.store.id,
      toStoreId: t.store.id,
      reason: 'Coba',
      items: [{ variantId: variant.id, quantity: 1 }],
    });
    expect(response.status).toBe(404);
    expect(await footprint(t.companyId)).toEqual(before);
  });

  it('refuses a transfer to the same store (400)', async () => {
    const before = await footprint(t.companyId);
    const response = await send(t.manager.session, 'POST', inventoryPath('/transfers'), {
      fromStoreId: t.store.id,
      toStoreId: t.store.id,
      reason: 'Coba',
      items: [{ variantId: variant.id, quantity: 1 }],
    });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.[0]?.path).toBe('toStoreId');
    expect(await footprint(t.companyId)).toEqual(before);
  });

  it('refuses to take a store below zero when it does not allow negative stock (422)', async () => {
    const strict = await createStore(t.companyId, { allowNegativeStock: false });
    const seeded = await send(t.owner.session, 'POST', inventoryPath('/receipts'), {
      storeId: strict.id,
      reason: 'Stok awal',
      items: [{ variantId: variant.id, quantity: 3 }],
    });
    expect(seeded.status).toBe(201);
    const before = await footprint(t.companyId);
    const response = await send(t.owner.session, 'POST', inventoryPath('/transfers'), {
      fromStoreId: strict.id,
      toStoreId: t.store.id,
      reason: 'Terlalu banyak',
      items: [{ variantId: variant.id, quantity: 4 }],
    });
    expect(response.status).toBe(422);
    const problem = await readProblem(response);
    expect(problem.detail).toContain('Stok tidak mencukupi');
    expect(await footprint(t.companyId)).toEqual(before);
    expect(await levelOf(strict.id, variant.id)).toBe(3);

    // Exactly down to zero is fine.
    const exact = await send(t.owner.session, 'POST', inventoryPath('/adjustments'), {
      storeId: strict.id,
      reason: 'Habis',
      items: [{ variantId: variant.id, quantityDelta: -3 }],
    });
    expect(exact.status).toBe(201);
    expect(await levelOf(strict.id, variant.id)).toBe(0);
  });
});
