import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema';
import { type SaleShop, saleShop, setStore } from '../sales/helpers';
import { withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import { eventsOfBatch, offlineSale, upload, uploadOk } from '../sync/helpers';
import type { Member } from '../users/helpers';
import { movementRows, reportOf, saleShiftOf, shiftRows } from './helpers';

interface ShiftResultBody {
  index: number;
  type: string | null;
  id: string | null;
  status: 'accepted' | 'duplicate' | 'rejected';
  code?: string;
  reason?: string;
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** What a till keeps while offline: its shift events and sales, in the order they happened. */
class OfflineTill {
  readonly shiftId = crypto.randomUUID();
  events: Array<Record<string, unknown>> = [];
  sales: Array<Record<string, unknown>> = [];

  constructor(
    private readonly shop: SaleShop,
    private readonly cashier: Member,
  ) {}

  open(openingCash: number, at = minutesAgo(300)) {
    this.events.push({
      type: 'open',
      id: this.shiftId,
      openingCash,
      openedAt: at,
      openedBy: this.cashier.user.id,
    });
  }

  sell(
    payments: Array<Record<string, unknown>> = [{ method: 'cash', tendered: 50_000 }],
    at = minutesAgo(200),
  ) {
    const sale = offlineSale(this.shop, {
      cashierId: this.cashier.user.id,
      clientCreatedAt: at,
      shiftId: this.shiftId,
      payments,
    });
    this.sales.push(sale);
    return sale;
  }

  move(kind: 'pay_in' | 'pay_out', amount: number, extra: Record<string, unknown> = {}) {
    this.events.push({
      type: 'cashMovement',
      id: crypto.randomUUID(),
      shiftId: this.shiftId,
      kind,
      amount,
      reason: kind === 'pay_in' ? 'Modal tambahan' : 'Beli galon',
      occurredAt: minutesAgo(150),
      createdBy: this.cashier.user.id,
      ...extra,
    });
  }

  close(countedCash: number, extra: Record<string, unknown> = {}) {
    this.events.push({
      type: 'close',
      shiftId: this.shiftId,
      countedCash,
      salesCount: this.sales.length,
      closedAt: minutesAgo(60),
      closedBy: this.cashier.user.id,
      ...extra,
    });
  }

  /** Takes what is queued as one upload body, emptying the queue. */
  takeBatch(batchId: string = crypto.randomUUID()) {
    const body = {
      batchId,
      storeId: this.shop.store.id,
      sales: this.sales.splice(0),
      shiftEvents: this.events.splice(0),
    };
    return body;
  }
}

async function uploaded(uploader: Member, body: unknown) {
  return (await uploadOk(uploader, body)) as Awaited<ReturnType<typeof uploadOk>> & {
    shiftResults: ShiftResultBody[];
  };
}

describe('a day of shifts offline', () => {
  it('uploads opens, pay-outs, sales and the close; the owner reads the Z report', async () => {
    const shop = await saleShop();
    const till = new OfflineTill(shop, shop.cashier);
    till.open(300_000);
    const cash = [till.sell(), till.sell([{ method: 'cash', tendered: 100_000 }])];
    till.sell([{ method: 'qris', amount: 28_875 }]);
    till.move('pay_out', 40_000);
    till.move('pay_in', 10_000);
    const morning = till.takeBatch();
    const first = await uploaded(shop.cashier, morning);
    expect(first.shiftResults.map((result) => result.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
    ]);
    expect(first.counts).toEqual({ accepted: 3, duplicate: 0, rejected: 0 });
    for (const sale of cash) {
      expect((await saleShiftOf(shop.companyId, String(sale.id)))?.shiftId).toBe(till.shiftId);
    }

    const cashTotal = first.results
      .slice(0, 2)
      .reduce((sum, result) => sum + (result.total ?? 0), 0);
    const expected = 300_000 + cashTotal - 40_000 + 10_000;
    // The till counts 3,000 short; the store has no threshold.
    till.sales.length = 0;
    till.events.push({
      type: 'close',
      shiftId: till.shiftId,
      countedCash: expected - 3_000,
      salesCount: 3,
      closedAt: minutesAgo(60),
      closedBy: shop.cashier.user.id,
    });
    const closing = till.takeBatch();
    const second = await uploaded(shop.cashier, closing);
    expect(second.shiftResults).toEqual([
      { index: 0, type: 'close', id: till.shiftId, status: 'accepted' },
    ]);

    const z = await reportOf(shop.owner, till.shiftId);
    expect(z.kind).toBe('Z');
    expect(z.cash).toMatchObject({
      opening: 300_000,
      sales: cashTotal,
      payIns: 10_000,
      payOuts: 40_000,
      expected,
      counted: expected - 3_000,
      difference: -3_000,
    });
    expect(z.payments).toContainEqual({ method: 'qris', amount: 28_875 });
    expect(z.salesLanded).toEqual({ landed: 3, reported: 3, complete: true });
    expect(Date.parse(z.shift.openedAt)).toBeLessThan(Date.parse(z.shift.closedAt ?? ''));

    // The whole day sent again (a lost answer): nothing more is recorded.
    const again = await uploaded(shop.cashier, morning);
    expect(again.shiftResults.map((result) => result.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect(again.counts.duplicate).toBe(3);
    const replayed = await uploaded(shop.cashier, { ...closing, batchId: crypto.randomUUID() });
    expect(replayed.shiftResults[0]?.status).toBe('duplicate');
    expect(await shiftRows(shop.companyId)).toHaveLength(1);
    expect(await movementRows(shop.companyId)).toHaveLength(2);
    expect((await reportOf(shop.owner, till.shiftId)).cash.expected).toBe(expected);
  });

  it('accepts a close before the last batch and completes the report when it lands', async () => {
    const shop = await saleShop();
    const till = new OfflineTill(shop, shop.cashier);
    till.open(100_000);
    till.sell();
    till.sell();
    const early = till.takeBatch();
    till.sell();
    const late = till.takeBatch();
    till.sales.length = 0;
    till.events.push({
      type: 'close',
      shiftId: till.shiftId,
      countedCash: 100_000 + 3 * 28_900,
      salesCount: 3,
      closedAt: minutesAgo(30),
      closedBy: shop.cashier.user.id,
    });
    const closing = till.takeBatch();

    await uploaded(shop.cashier, early);
    await uploaded(shop.cashier, closing);
    const partial = await reportOf(shop.manager, till.shiftId);
    expect(partial.salesLanded).toEqual({ landed: 2, reported: 3, complete: false });
    expect(partial.cash.difference).toBe(28_900);

    await uploaded(shop.cashier, late);
    const complete = await reportOf(shop.manager, till.shiftId);
    expect(complete.salesLanded).toEqual({ landed: 3, reported: 3, complete: true });
    expect(complete.cash).toMatchObject({ expected: 100_000 + 3 * 28_900, difference: 0 });
  });

  it('links a sale that arrives before its shift’s open once the open lands', async () => {
    const shop = await saleShop();
    const till = new OfflineTill(shop, shop.cashier);
    till.open(50_000);
    const openOnly = till.takeBatch();
    const sale = till.sell();
    const salesFirst = till.takeBatch();

    const first = await uploaded(shop.cashier, salesFirst);
    expect(first.counts.accepted).toBe(1);
    expect(await saleShiftOf(shop.companyId, String(sale.id))).toMatchObject({
      shiftId: null,
      pendingShiftId: till.shiftId,
    });
    await uploaded(shop.cashier, openOnly);
    expect(await saleShiftOf(shop.companyId, String(sale.id))).toMatchObject({
      shiftId: till.shiftId,
      pendingShiftId: null,
    });
    expect((await reportOf(shop.owner, till.shiftId)).sales.count).toBe(1);
  });

  it('keeps another till’s sales out of a shift opened offline, flagging one that names it', async () => {
    const shop = await saleShop();
    const tillA = new OfflineTill(shop, shop.cashier);
    tillA.open(100_000);
    tillA.sell();
    await uploaded(shop.cashier, tillA.takeBatch());

    // The manager's till (another device) uploads one sale naming A's shift and one naming none.
    const naming = offlineSale(shop, { cashierId: shop.manager.user.id, shiftId: tillA.shiftId });
    const plain = offlineSale(shop, { cashierId: shop.manager.user.id });
    const result = await uploaded(shop.manager, {
      batchId: crypto.randomUUID(),
      storeId: shop.store.id,
      sales: [naming, plain],
    });
    expect(result.results.map((entry) => entry.status)).toEqual(['accepted', 'accepted']);
    expect(result.results[0]?.flags).toContain('shift_mismatch');
    // A flag for review: a sync event the store's managers see in the sync status.
    expect((await eventsOfBatch(result.batchId)).map((event) => event.kind)).toEqual([
      'sale_flagged',
    ]);
    expect(await saleShiftOf(shop.companyId, naming.id)).toMatchObject({ shiftId: null });
    expect(await saleShiftOf(shop.companyId, plain.id)).toMatchObject({ shiftId: null });
    expect((await reportOf(shop.owner, tillA.shiftId)).sales.count).toBe(1);

    // A's pay-out sent by the other till is refused in place.
    const foreignMove = await uploaded(shop.manager, {
      batchId: crypto.randomUUID(),
      storeId: shop.store.id,
      sales: [],
      shiftEvents: [
        {
          type: 'cashMovement',
          id: crypto.randomUUID(),
          shiftId: tillA.shiftId,
          kind: 'pay_out',
          amount: 5_000,
          reason: 'Parkir',
          occurredAt: minutesAgo(10),
          createdBy: shop.manager.user.id,
        },
      ],
    });
    expect(foreignMove.shiftResults[0]).toMatchObject({
      status: 'rejected',
      code: 'UNPROCESSABLE',
      reason: 'shifts.otherDevice',
    });
    expect(await movementRows(shop.companyId)).toEqual([]);
  });

  it('flags a difference beyond the threshold closed offline without a manager, and notifies', async () => {
    const shop = await saleShop();
    await setStore(shop.store.id, { cashDifferenceThreshold: 5_000 });
    const unapproved = new OfflineTill(shop, shop.cashier);
    unapproved.open(100_000);
    unapproved.close(80_000, { salesCount: 0 });
    await uploaded(shop.cashier, unapproved.takeBatch());
    const [flagged] = await shiftRows(shop.companyId);
    expect(flagged?.flags).toEqual(['difference_unapproved']);
    const rows = await withDatabase(({ db }) =>
      db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.companyId, shop.companyId),
            eq(notifications.kind, 'shift_difference'),
          ),
        ),
    );
    expect(rows.map((row) => row.data)).toEqual([
      expect.objectContaining({ shiftId: unapproved.shiftId, difference: -20_000 }),
    ]);

    const approved = new OfflineTill(shop, shop.cashier);
    approved.open(100_000, minutesAgo(50));
    approved.close(80_000, { salesCount: 0, approvedBy: shop.manager.user.id });
    await uploaded(shop.cashier, approved.takeBatch());
    const z = await reportOf(shop.owner, approved.shiftId);
    expect(z.shift.flags).toEqual([]);
    expect(z.shift.approvals).toMatchObject([
      { approvedBy: shop.manager.user.id, method: 'offline_approval' },
    ]);
  });

  it('judges a difference when the close overtook the sales, once they land', async () => {
    const shop = await saleShop();
    await setStore(shop.store.id, { cashDifferenceThreshold: 1_000 });
    const till = new OfflineTill(shop, shop.cashier);
    till.open(100_000);
    await uploaded(shop.cashier, till.takeBatch());
    till.sell();
    const sales = till.takeBatch();
    // The till counted the drawer with the sale in it, but 10,000 short.
    till.events.push({
      type: 'close',
      shiftId: till.shiftId,
      countedCash: 100_000 + 28_900 - 10_000,
      salesCount: 1,
      closedAt: minutesAgo(30),
      closedBy: shop.cashier.user.id,
    });
    await uploaded(shop.cashier, till.takeBatch());
    // Not judged yet: the sale it counted has not landed.
    expect((await shiftRows(shop.companyId))[0]?.flags).toEqual([]);
    await uploaded(shop.cashier, sales);
    expect((await shiftRows(shop.companyId))[0]?.flags).toEqual(['difference_unapproved']);
  });
});

describe('bad shift events', () => {
  it('are rejected in place and write nothing; the rest of the upload goes on', async () => {
    const shop = await saleShop();
    const till = new OfflineTill(shop, shop.cashier);
    till.open(100_000);
    await uploaded(shop.cashier, till.takeBatch());
    const outsider = await saleShop();
    const result = await uploaded(shop.cashier, {
      batchId: crypto.randomUUID(),
      storeId: shop.store.id,
      sales: [],
      shiftEvents: [
        {
          type: 'cashMovement',
          id: crypto.randomUUID(),
          shiftId: till.shiftId,
          kind: 'pay_in',
          amount: -5,
          reason: 'x',
          occurredAt: minutesAgo(5),
          createdBy: shop.cashier.user.id,
        },
        {
          type: 'open',
          id: till.shiftId,
          openingCash: 999,
          openedAt: minutesAgo(5),
          openedBy: shop.cashier.user.id,
        },
        {
          type: 'open',
          id: crypto.randomUUID(),
          openingCash: 1,
          openedAt: minutesAgo(5),
          openedBy: outsider.cashier.user.id,
        },
        {
          type: 'close',
          shiftId: crypto.randomUUID(),
          countedCash: 1,
          closedAt: minutesAgo(5),
          closedBy: shop.cashier.user.id,
        },
        { type: 'teleport' },
        {
          type: 'cashMovement',
          id: crypto.randomUUID(),
          shiftId: till.shiftId,
          kind: 'pay_in',
          amount: 7_000,
          reason: 'Modal',
          occurredAt: minutesAgo(5),
          createdBy: shop.cashier.user.id,
        },
      ],
    });
    expect(result.shiftResults.map((entry) => [entry.status, entry.code ?? null])).toEqual([
      ['rejected', 'VALIDATION_FAILED'],
      ['rejected', 'CONFLICT'],
      ['rejected', 'FORBIDDEN'],
      ['rejected', 'NOT_FOUND'],
      ['rejected', 'VALIDATION_FAILED'],
      ['accepted', null],
    ]);
    expect((await shiftRows(shop.companyId)).map((row) => row.openingCash)).toEqual([100_000]);
    expect((await movementRows(shop.companyId)).map((row) => row.amount)).toEqual([7_000]);
  });

  it('refuses an upload with neither sales nor shift events', async () => {
    const shop = await saleShop();
    const response = await upload(shop.cashier, {
      batchId: crypto.randomUUID(),
      storeId: shop.store.id,
      sales: [],
    });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors).toEqual([
      expect.objectContaining({ path: 'sales' }),
    ]);
  });
});
