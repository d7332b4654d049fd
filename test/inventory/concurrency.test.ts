import { beforeAll, describe, expect, it } from 'vitest';
import { applyStockMovements } from '../../src/services/stock';
import { withDatabase } from '../support/factories';
import {
  createVariant,
  type InventoryTenant,
  inventoryPath,
  inventoryTenant,
  levelOf,
  levelsAgainstLedger,
  movementsOf,
  send,
} from './helpers';

const concurrency = 20;

describe('concurrent stock changes', () => {
  let t: InventoryTenant;

  beforeAll(async () => {
    t = await inventoryTenant();
  });

  it(`lands all ${concurrency} concurrent adjustments of one level and keeps it exact`, async () => {
    const variant = await createVariant(t.companyId);
    const deltas = Array.from({ length: concurrency }, (_, index) =>
      index % 3 === 0 ? -(index + 1) : index + 1,
    );
    const responses = await Promise.all(
      deltas.map((quantityDelta) =>
        send(t.manager.session, 'POST', inventoryPath('/adjustments'), {
          storeId: t.store.id,
          reason: 'Koreksi bersamaan',
          items: [{ variantId: variant.id, quantityDelta }],
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(concurrency).fill(201));

    const expected = deltas.reduce((sum, delta) => sum + delta, 0);
    expect(await levelOf(t.store.id, variant.id)).toBe(expected);
    const movements = (await movementsOf(t.companyId)).filter(
      (movement) => movement.variantId === variant.id,
    );
    expect(movements).toHaveLength(concurrency);
    for (const row of await levelsAgainstLedger(t.companyId)) expect(row.quantity).toBe(row.ledger);
  });

  it('writes any number of movements in one call, several for one level', async () => {
    const [a, b] = await Promise.all([createVariant(t.companyId), createVariant(t.companyId)]);
    const result = await withDatabase(({ db }) =>
      db.transaction((tx) =>
        applyStockMovements(tx, t.companyId, [
          { storeId: t.store.id, variantId: a.id, kind: 'receiving', quantityDelta: 10 },
          { storeId: t.store.id, variantId: a.id, kind: 'sale', quantityDelta: -3 },
          { storeId: t.store.id, variantId: b.id, kind: 'receiving', quantityDelta: 4 },
          { storeId: t.otherStore.id, variantId: a.id, kind: 'receiving', quantityDelta: 1 },
          { storeId: t.store.id, variantId: a.id, kind: 'refund', quantityDelta: 1 },
        ]),
      ),
    );
    expect(result.movements).toHaveLength(5);
    expect(result.levels).toHaveLength(3);
    expect(await levelOf(t.store.id, a.id)).toBe(8);
    expect(await levelOf(t.store.id, b.id)).toBe(4);
    expect(await levelOf(t.otherStore.id, a.id)).toBe(1);
    for (const row of await levelsAgainstLedger(t.companyId)) expect(row.quantity).toBe(row.ledger);
  });
});
