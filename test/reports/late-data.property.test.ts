import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessDate } from '../../src/lib/business-date';
import { type SaleShop, saleShop, sell, send, setStore } from '../sales/helpers';
import { offlineSale, uploadOk } from '../sync/helpers';
import type { Member } from '../users/helpers';
import { deliver, markedJobs } from './helpers';
import {
  expectedBreakdown,
  expectedItems,
  expectedPayments,
  expectedSummary,
  expectedTaxes,
  expectedUndone,
  type Ledger,
  ledgerOf,
  type Scope,
} from './independent-sums';

/**
 * The reports equal an independent sum over the transactions, whatever arrives late: random sales
 * in two stores (two zones, two tax regimes), online today or uploaded offline for earlier days,
 * some voided and some refunded today, rollups recomputed by redelivered and concurrent jobs;
 * then every report of random ranges is checked against the sums of independent-sums.ts.
 */

const hour = 60 * 60 * 1000;

const saleArbitrary = fc.record({
  inOtherStore: fc.boolean(),
  daysAgo: fc.integer({ min: 0, max: 4 }),
  hoursAgo: fc.integer({ min: 1, max: 20 }),
  tea: fc.boolean(),
  quantity: fc.integer({ min: 1, max: 3 }),
  withQris: fc.boolean(),
  orderDiscount: fc.constantFrom(0, 0, 1_000, 2_500),
  afterwards: fc.constantFrom('keep', 'keep', 'void', 'refund'),
});

const keep = {
  inOtherStore: false,
  daysAgo: 0,
  hoursAgo: 1,
  tea: false,
  quantity: 1,
  withQris: false,
  orderDiscount: 0,
  afterwards: 'keep',
};

type PlannedSale = typeof saleArbitrary extends fc.Arbitrary<infer Sale> ? Sale : never;

interface Shop {
  shop: SaleShop;
  zones: Map<string, string>;
}

async function twoStoreShop(): Promise<Shop> {
  const shop = await saleShop();
  // The other store: WITA, PPN 11% included in its prices, no service charge.
  await setStore(shop.otherStore.id, {
    timezone: 'Asia/Makassar',
    taxRegime: 'ppn',
    taxRateBasisPoints: 1100,
    pricesIncludeTax: true,
  });
  return {
    shop,
    zones: new Map([
      [shop.store.id, shop.store.timezone],
      [shop.otherStore.id, 'Asia/Makassar'],
    ]),
  };
}

/** Makes the planned sales (online today, or offline for their moment), then voids and refunds. */
async function play({ shop }: Shop, plan: PlannedSale[]) {
  const made: Array<{ id: string; planned: PlannedSale; undoer: Member }> = [];
  for (const planned of plan) {
    const storeId = planned.inOtherStore ? shop.otherStore.id : shop.store.id;
    // The owner sells in the other store; in the main store a manager gives the discounts.
    const seller = planned.inOtherStore
      ? shop.owner
      : planned.orderDiscount > 0
        ? shop.manager
        : shop.cashier;
    const undoer = planned.inOtherStore ? shop.owner : shop.manager;
    const sale = {
      id: crypto.randomUUID(),
      storeId,
      items: [
        { variantId: planned.tea ? shop.tea.id : shop.coffee.id, quantity: planned.quantity },
      ],
      payments: [
        ...(planned.withQris ? [{ method: 'qris', amount: 5_000 }] : []),
        { method: 'cash', tendered: 500_000 },
      ],
      ...(planned.orderDiscount > 0 && { orderDiscount: planned.orderDiscount }),
    };
    if (planned.daysAgo === 0) {
      const response = await sell(seller, sale);
      expect(response.status, await response.clone().text()).toBe(201);
    } else {
      const at = new Date(Date.now() - planned.daysAgo * 24 * hour - planned.hoursAgo * hour);
      const offline = offlineSale(shop, {
        ...sale,
        cashierId: seller.user.id,
        clientCreatedAt: at.toISOString(),
      });
      const uploaded = await uploadOk(seller, {
        batchId: crypto.randomUUID(),
        storeId,
        sales: [offline],
      });
      expect(uploaded.results[0]?.status).toBe('accepted');
    }
    made.push({ id: sale.id, planned, undoer });
  }
  for (const { id, planned, undoer } of made) {
    if (planned.afterwards === 'void') {
      const response = await send(undoer.session, 'POST', `/api/v1/transactions/${id}/void`, {
        reason: 'Salah input',
      });
      expect(response.status, await response.clone().text()).toBe(200);
    } else if (planned.afterwards === 'refund') {
      const response = await send(undoer.session, 'POST', `/api/v1/transactions/${id}/refunds`, {
        reason: 'Tumpah',
        items: [{ lineNumber: 1, quantity: 1 }],
      });
      expect(response.status, await response.clone().text()).toBe(201);
    }
  }
}

const zeroed = (names: readonly string[], row: Record<string, number> = {}) =>
  Object.fromEntries(names.map((name) => [name, row[name] ?? 0]));

/** A report's rows as a map of their key to the named figures. */
function keyed(
  rows: ReadonlyArray<Record<string, unknown>>,
  key: string,
  names: readonly string[],
) {
  return new Map(
    rows.map((row) => [String(row[key]), zeroed(names, row as Record<string, number>)]),
  );
}

function expectSame(
  actual: Map<string, Record<string, number>>,
  expected: Map<string, Record<string, number>>,
  names: readonly string[],
  what: string,
) {
  const wanted = new Map([...expected].map(([key, row]) => [key, zeroed(names, row)]));
  expect(Object.fromEntries(actual), what).toEqual(Object.fromEntries(wanted));
}

async function checkReports({ shop }: Shop, ledger: Ledger, scope: Scope, storeId: string) {
  const get = async <Body>(path: string, query = '') => {
    const response = await send(
      shop.owner.session,
      'GET',
      `/api/v1/reports/${path}?storeId=${storeId}&from=${scope.from}&to=${scope.to}${query}`,
    );
    expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
    return response.json<Body>();
  };

  const summary = await get<{ totals: Record<string, number>; freshness: { upToDate: boolean } }>(
    'sales-summary',
    '&groupBy=month',
  );
  expect(summary.freshness.upToDate).toBe(true);
  expect(summary.totals).toMatchObject(expectedSummary(ledger, scope));

  const itemNames = [
    'quantity',
    'gross',
    'discounts',
    'net',
    'cost',
    'uncostedQuantity',
    'refundedQuantity',
    'refundsAmount',
    'voidedQuantity',
    'voidsAmount',
  ];
  const items = await get<{ rows: Array<Record<string, unknown>> }>('items', '&limit=500');
  expectSame(keyed(items.rows, 'id', itemNames), expectedItems(ledger, scope), itemNames, 'items');

  const paymentNames = [
    'paymentsCount',
    'amount',
    'refundsCount',
    'refundsAmount',
    'voidsCount',
    'voidsAmount',
    'net',
  ];
  const paid = await get<{ methods: Array<Record<string, unknown>> }>('payments');
  expectSame(
    keyed(paid.methods, 'method', paymentNames),
    expectedPayments(ledger, scope),
    paymentNames,
    'payments',
  );

  const breakdownNames = [
    'salesCount',
    'gross',
    'discounts',
    'salesTotal',
    'refundsCount',
    'refundsAmount',
    'voidsCount',
    'voidsAmount',
    'net',
  ];
  const cashiers = await get<{ rows: Array<Record<string, unknown>> }>('cashiers', '&by=cashier');
  expectSame(
    keyed(cashiers.rows, 'id', breakdownNames),
    expectedBreakdown(ledger, scope, 'cashier'),
    breakdownNames,
    'cashiers',
  );
  const hours = await get<{ hours: Array<Record<string, unknown>> }>('hours', '&aggregate=sum');
  const busy = hours.hours.filter(
    (row) => Number(row.salesCount) + Number(row.refundsCount) + Number(row.voidsCount) > 0,
  );
  expectSame(
    keyed(busy, 'hour', breakdownNames),
    expectedBreakdown(ledger, scope, 'hour'),
    breakdownNames,
    'hours',
  );

  const taxNames = [
    'salesCount',
    'taxBase',
    'serviceCharge',
    'tax',
    'salesTotal',
    'voidsCount',
    'voidsTaxBase',
    'voidsServiceCharge',
    'voidsTax',
    'voidsTotal',
  ];
  const taxes = await get<{ regimes: Array<Record<string, unknown>> }>('taxes');
  expectSame(
    new Map(
      taxes.regimes.map((row) => [
        `${row.taxRegime}|${row.taxRateBasisPoints}`,
        zeroed(taxNames, row as Record<string, number>),
      ]),
    ),
    expectedTaxes(ledger, scope),
    taxNames,
    'taxes',
  );

  const undone = await get<{ data: Array<{ id: string }> }>('voids-refunds', '&limit=100');
  expect(undone.data.map((row) => row.id).sort(), 'voids-refunds').toEqual(
    expectedUndone(ledger, scope),
  );
}

describe('reports under late data', () => {
  it('equal an independent sum over the transactions, for every range', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(saleArbitrary, { minLength: 1, maxLength: 7 }),
        fc.array(
          fc.record({
            fromAgo: fc.integer({ min: 0, max: 6 }),
            length: fc.integer({ min: 0, max: 6 }),
            allStores: fc.boolean(),
          }),
          { minLength: 2, maxLength: 3 },
        ),
        async (plan, ranges) => {
          const shop = await twoStoreShop();
          await play(shop, plan);
          // Every job delivered, then again twice at once: recomputing changes nothing.
          const jobs = await markedJobs(shop.shop);
          await deliver(jobs);
          await Promise.all([deliver(jobs), deliver(jobs)]);
          expect(await markedJobs(shop.shop)).toEqual([]);

          const ledger = await ledgerOf(shop.shop.companyId, shop.zones);
          const { store } = shop.shop;
          const dayAgo = (days: number) =>
            businessDate(
              new Date(Date.now() - days * 24 * hour),
              store.timezone,
              store.businessDayCutoffHour,
            );
          for (const range of ranges) {
            const from = dayAgo(range.fromAgo);
            const to = dayAgo(Math.max(0, range.fromAgo - range.length));
            const scope: Scope = {
              from,
              to,
              storeIds: range.allStores
                ? [shop.shop.store.id, shop.shop.otherStore.id]
                : [shop.shop.store.id],
            };
            await checkReports(shop, ledger, scope, range.allStores ? 'all' : store.id);
          }
        },
      ),
      {
        numRuns: 5,
        // Always tried first: every kind of late change, with discounts, in both stores.
        examples: [
          [
            [
              { ...keep, orderDiscount: 2_500, afterwards: 'void' },
              {
                ...keep,
                daysAgo: 2,
                tea: true,
                withQris: true,
                orderDiscount: 1_000,
                afterwards: 'void',
              },
              { ...keep, inOtherStore: true, daysAgo: 3, withQris: true, afterwards: 'refund' },
              {
                ...keep,
                inOtherStore: true,
                orderDiscount: 2_500,
                quantity: 3,
                afterwards: 'refund',
              },
              { ...keep, daysAgo: 1, hoursAgo: 13, quantity: 2 },
            ],
            [
              { fromAgo: 6, length: 6, allStores: true },
              { fromAgo: 2, length: 0, allStores: false },
            ],
          ],
        ],
      },
    );
  }, 180_000);
});
