import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { saleShop } from '../sales/helpers';
import { signIn } from '../support/auth';
import { send } from '../users/helpers';
import { cashSale, closeShiftAs, moveCash, openedShift, qrisSale, reportOf } from './helpers';

type Step =
  | { kind: 'cash'; quantity: number; tenderedExtra: number }
  | { kind: 'qris' }
  | { kind: 'payIn' | 'payOut'; amount: number }
  | { kind: 'refund' | 'void'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('cash' as const),
    quantity: fc.integer({ min: 1, max: 3 }),
    // Change given: the customer hands over more than the total.
    tenderedExtra: fc.integer({ min: 0, max: 50 }).map((thousands) => thousands * 1_000),
  }),
  fc.record({ kind: fc.constant('qris' as const) }),
  fc.record({
    kind: fc.constantFrom('payIn' as const, 'payOut' as const),
    amount: fc.integer({ min: 1, max: 200 }).map((hundreds) => hundreds * 100),
  }),
  fc.record({ kind: fc.constantFrom('refund' as const, 'void' as const), pick: fc.nat() }),
);

describe('expected cash', () => {
  it('equals opening + cash sales − cash refunds − cash voids + pay-ins − pay-outs', async () => {
    const shop = await saleShop();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1_000 }).map((thousands) => thousands * 1_000),
        fc.array(step, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: -20_000, max: 20_000 }),
        async (openingCash, steps, countedOff) => {
          // A till of its own per run: a failed run's shift, left open, cannot hide the next.
          const till = { user: shop.manager.user, session: await signIn(shop.manager.user) };
          const shift = await openedShift(till, shop.store.id, openingCash);
          // The independent account: what the drawer must hold, step by step.
          let drawer = openingCash;
          const open: Array<{ id: string; total: number; method: 'cash' | 'qris' }> = [];
          for (const next of steps) {
            if (next.kind === 'cash') {
              const sale = await cashSale(shop, till, next.quantity, 100_000 + next.tenderedExtra);
              expect(sale.changeAmount).toBeGreaterThanOrEqual(0);
              drawer += sale.total;
              open.push({ id: sale.id, total: sale.total, method: 'cash' });
            } else if (next.kind === 'qris') {
              const sale = await qrisSale(shop, till);
              open.push({ id: sale.id, total: sale.total, method: 'qris' });
            } else if (next.kind === 'payIn' || next.kind === 'payOut') {
              const kind = next.kind === 'payIn' ? 'pay_in' : 'pay_out';
              expect((await moveCash(till, shift.id, kind, next.amount)).status).toBe(201);
              drawer += next.kind === 'payIn' ? next.amount : -next.amount;
            } else if ('pick' in next) {
              if (open.length === 0) continue;
              const [sale] = open.splice(next.pick % open.length, 1);
              if (!sale) continue;
              if (next.kind === 'void') {
                const path = `/api/v1/transactions/${sale.id}/void`;
                const voided = await send(till.session, 'POST', path, { reason: 'Batal' });
                expect(voided.status).toBe(200);
                if (sale.method === 'cash') drawer -= sale.total;
              } else {
                // A refund pays back in cash unless told otherwise, whatever the sale's tender.
                const path = `/api/v1/transactions/${sale.id}/refunds`;
                const refunded = await send(till.session, 'POST', path, {
                  reason: 'Retur',
                  items: [{ lineNumber: 1, quantity: 1 }],
                });
                expect(refunded.status).toBe(201);
                drawer -= (await refunded.json<{ refund: { total: number } }>()).refund.total;
              }
            }
          }
          expect((await reportOf(till, shift.id)).cash.expected).toBe(drawer);
          const counted = Math.max(0, drawer + countedOff);
          const closed = await closeShiftAs(till, shift.id, { countedCash: counted });
          expect(closed.status).toBe(200);
          const z = await closed.json<{ cash: { expected: number; difference: number } }>();
          expect(z.cash).toMatchObject({ expected: drawer, difference: counted - drawer });
        },
      ),
      {
        numRuns: 8,
        // Every kind of step at least once, whatever the seed draws.
        examples: [
          [
            150_000,
            [
              { kind: 'cash', quantity: 2, tenderedExtra: 7_000 },
              { kind: 'cash', quantity: 1, tenderedExtra: 0 },
              { kind: 'void', pick: 0 },
              { kind: 'qris' },
              { kind: 'refund', pick: 1 },
              { kind: 'payIn', amount: 50_000 },
              { kind: 'payOut', amount: 12_300 },
            ],
            -1_500,
          ],
        ],
      },
    );
  });
});
