import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema';
import { saleShop, sell, setStore } from '../sales/helpers';
import { auditRows, signIn } from '../support/auth';
import { withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import { deltaPage } from '../sync/helpers';
import { type Member, send } from '../users/helpers';
import {
  cashSale,
  closeShiftAs,
  moveCash,
  openedShift,
  openShiftAs,
  qrisSale,
  reportOf,
  type ShiftBody,
  saleShiftOf,
  shiftPath,
  shiftRows,
} from './helpers';

describe('opening a shift', () => {
  it('opens once per till: a retry answers the shift, another body or a second open 409', async () => {
    const shop = await saleShop();
    const id = crypto.randomUUID();
    const first = await openShiftAs(shop.cashier, shop.store.id, 300_000, id);
    expect(first.status).toBe(201);
    const shift = await first.json<ShiftBody>();
    expect(shift).toMatchObject({
      id,
      storeId: shop.store.id,
      status: 'open',
      openingCash: 300_000,
      openedBy: { id: shop.cashier.user.id },
      device: { name: 'Kasir Depan' },
      closedAt: null,
    });

    const retry = await openShiftAs(shop.cashier, shop.store.id, 300_000, id);
    expect(retry.status).toBe(200);
    expect((await retry.json<ShiftBody>()).id).toBe(id);

    const reused = await openShiftAs(shop.cashier, shop.store.id, 250_000, id);
    expect(reused.status).toBe(409);
    expect((await readProblem(reused)).detail).toContain('ID ini sudah dipakai');

    const second = await openShiftAs(shop.cashier, shop.store.id, 100_000);
    expect(second.status).toBe(409);
    const problem = await readProblem(second);
    expect(problem.code).toBe('CONFLICT');
    expect((problem.openShift as ShiftBody).id).toBe(id);

    // Another till of the store opens its own.
    await openedShift(shop.manager, shop.store.id, 100_000);
    expect((await shiftRows(shop.companyId)).map((row) => row.openingCash).sort()).toEqual([
      100_000, 300_000,
    ]);
    expect((await auditRows(shop.companyId, 'shift.open')).length).toBe(2);
  });

  it('lets exactly one of many concurrent opens on a till through', async () => {
    const shop = await saleShop();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => openShiftAs(shop.cashier, shop.store.id, 200_000)),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    const rows = await shiftRows(shop.companyId);
    expect(rows.filter((row) => row.status === 'open')).toHaveLength(1);
  });

  it('is the till’s shift, whoever signs in on it next', async () => {
    const shop = await saleShop();
    const shift = await openedShift(shop.cashier, shop.store.id, 100_000);
    // The manager signs in on the cashier's till (same device fingerprint).
    const sameTill: Member = {
      user: shop.manager.user,
      session: await signIn(shop.manager.user, { fingerprint: shop.cashier.session.fingerprint }),
    };
    const again = await openShiftAs(sameTill, shop.store.id, 100_000);
    expect(again.status).toBe(409);
    const sale = await cashSale(shop, sameTill);
    expect((await saleShiftOf(shop.companyId, sale.id))?.shiftId).toBe(shift.id);
  });

  it('refuses bad amounts with 400 and writes nothing', async () => {
    const shop = await saleShop();
    for (const openingCash of [-1, 1.5, '100000', null]) {
      const response = await send(shop.cashier.session, 'POST', '/api/v1/shifts', {
        id: crypto.randomUUID(),
        storeId: shop.store.id,
        openingCash,
      });
      expect(response.status).toBe(400);
    }
    expect(await shiftRows(shop.companyId)).toEqual([]);
  });
});

describe('a day on one till', () => {
  it('links the till’s sales and counts expected cash, payments and the difference', async () => {
    const shop = await saleShop();
    const shift = await openedShift(shop.cashier, shop.store.id, 500_000);
    const first = await cashSale(shop, shop.cashier, 2, 100_000);
    const second = await cashSale(shop, shop.cashier, 1, 50_000);
    const qris = await qrisSale(shop, shop.cashier);
    // Another till's sale is not this shift's.
    const elsewhere = await cashSale(shop, shop.manager);
    expect((await saleShiftOf(shop.companyId, elsewhere.id))?.shiftId).toBeNull();
    expect((await moveCash(shop.cashier, shift.id, 'pay_in', 100_000)).status).toBe(201);
    expect((await moveCash(shop.cashier, shift.id, 'pay_out', 35_000)).status).toBe(201);

    const cashIn = first.total + second.total;
    const expected = 500_000 + cashIn + 100_000 - 35_000;
    const open = await reportOf(shop.cashier, shift.id);
    expect(open.kind).toBe('X');
    expect(open.sales.count).toBe(3);
    expect(open.sales.total).toBe(first.total + second.total + qris.total);
    expect(open.payments).toEqual([
      { method: 'cash', amount: cashIn },
      { method: 'qris', amount: qris.total },
    ]);
    expect(open.cash).toMatchObject({
      opening: 500_000,
      sales: cashIn,
      payIns: 100_000,
      payOuts: 35_000,
      expected,
      counted: null,
      difference: null,
    });
    expect(open.taxes).toEqual([
      { regime: 'pbjt', rateBasisPoints: 1000, amount: open.sales.tax, count: 3 },
    ]);
    expect(open.movements.map((movement) => movement.kind)).toEqual(['pay_in', 'pay_out']);

    const closed = await closeShiftAs(shop.cashier, shift.id, {
      countedCash: expected - 2_000,
      denominations: [
        { value: 100_000, count: Math.floor((expected - 2_000) / 100_000) },
        { value: 100, count: ((expected - 2_000) % 100_000) / 100 },
      ],
      salesCount: 3,
      note: 'Serah terima',
    });
    expect(closed.status).toBe(200);
    const z = await closed.json<typeof open>();
    expect(z.kind).toBe('Z');
    expect(z.cash).toMatchObject({ expected, counted: expected - 2_000, difference: -2_000 });
    expect(z.shift).toMatchObject({
      status: 'closed',
      closure: 'counted',
      closedBy: { id: shop.cashier.user.id },
      expectedCashAtClose: expected,
      reportedSalesCount: 3,
    });
    expect(z.salesLanded).toEqual({ landed: 3, reported: 3, complete: true });
    expect(z.netByMethod).toContainEqual({ method: 'qris', amount: qris.total });

    // After the close the till sells outside any shift.
    const later = await cashSale(shop, shop.cashier);
    expect((await saleShiftOf(shop.companyId, later.id))?.shiftId).toBeNull();
    expect((await reportOf(shop.owner, shift.id)).sales.count).toBe(3);
  });

  it('answers the same close again, and 409 to another close of a closed shift', async () => {
    const shop = await saleShop();
    const shift = await openedShift(shop.cashier, shop.store.id, 100_000);
    const body = { countedCash: 100_000 };
    expect((await closeShiftAs(shop.cashier, shift.id, body)).status).toBe(200);
    expect((await closeShiftAs(shop.cashier, shift.id, body)).status).toBe(200);
    const other = await closeShiftAs(shop.cashier, shift.id, { countedCash: 90_000 });
    expect(other.status).toBe(409);
    expect((await readProblem(other)).detail).toBe('Shift ini sudah ditutup.');
    expect(await auditRows(shop.companyId, 'shift.close')).toHaveLength(1);
    const movement = await moveCash(shop.cashier, shift.id, 'pay_out', 1_000);
    expect(movement.status).toBe(409);
  });

  it('refuses denominations that do not add up, and another till’s drawer', async () => {
    const shop = await saleShop();
    const shift = await openedShift(shop.cashier, shop.store.id, 100_000);
    const wrong = await closeShiftAs(shop.cashier, shift.id, {
      countedCash: 100_000,
      denominations: [{ value: 50_000, count: 1 }],
    });
    expect(wrong.status).toBe(422);
    expect((await readProblem(wrong)).detail).toContain('Rp 50.000');

    const fromManager = await moveCash(shop.manager, shift.id, 'pay_out', 10_000);
    expect(fromManager.status).toBe(422);
    expect((await readProblem(fromManager)).detail).toContain('perangkat lain');
    expect((await closeShiftAs(shop.manager, shift.id, { countedCash: 1 })).status).toBe(422);

    for (const amount of [0, -5_000, 2.5]) {
      expect((await moveCash(shop.cashier, shift.id, 'pay_in', amount)).status).toBe(400);
    }
    const [row] = await shiftRows(shop.companyId);
    expect(row?.status).toBe('open');
    expect(await auditRows(shop.companyId, 'shift.pay_out')).toEqual([]);
  });

  it('records a refund against the refunding till’s shift and a late void against the voiding one', async () => {
    const shop = await saleShop();
    const morning = await openedShift(shop.manager, shop.store.id, 200_000);
    const sale = await cashSale(shop, shop.manager, 2);
    const kept = await cashSale(shop, shop.manager, 1);
    const refund = await send(
      shop.manager.session,
      'POST',
      `/api/v1/transactions/${sale.id}/refunds`,
      {
        reason: 'Salah pesan',
        items: [{ lineNumber: 1, quantity: 1 }],
      },
    );
    expect(refund.status).toBe(201);
    const refunded = await refund.json<{ refund: { id: string; total: number } }>();
    expect((await saleShiftOf(shop.companyId, refunded.refund.id))?.shiftId).toBe(morning.id);

    const before = await reportOf(shop.manager, morning.id);
    expect(before.refunds).toEqual({ count: 1, amount: refunded.refund.total });
    expect(before.cash.expected).toBe(200_000 + sale.total + kept.total - refunded.refund.total);
    await closeShiftAs(shop.manager, morning.id, { countedCash: before.cash.expected });

    const evening = await openedShift(shop.manager, shop.store.id, 100_000);
    const voided = await send(
      shop.manager.session,
      'POST',
      `/api/v1/transactions/${kept.id}/void`,
      {
        reason: 'Pelanggan batal',
      },
    );
    expect(voided.status).toBe(200);
    expect((await saleShiftOf(shop.companyId, kept.id))?.voidShiftId).toBe(evening.id);
    // The closed shift stays as it was counted; the evening drawer paid the void back.
    const after = await reportOf(shop.manager, morning.id);
    expect(after.cash.expected).toBe(before.cash.expected);
    expect(after.cash.difference).toBe(0);
    const eveningReport = await reportOf(shop.manager, evening.id);
    expect(eveningReport.voids).toEqual({ count: 1, amount: kept.total });
    expect(eveningReport.cash.expected).toBe(100_000 - kept.total);
  });
});

describe('store limits and the manager', () => {
  it('needs a manager for a difference beyond the threshold and a pay-out above the limit', async () => {
    const shop = await saleShop();
    await setStore(shop.store.id, { cashDifferenceThreshold: 10_000, cashMovementLimit: 200_000 });
    const shift = await openedShift(shop.cashier, shop.store.id, 100_000);

    const big = await moveCash(shop.cashier, shift.id, 'pay_out', 250_000);
    expect(big.status).toBe(403);
    expect((await readProblem(big)).detail).toContain('shifts.manage');
    const approvedOut = await moveCash(shop.cashier, shift.id, 'pay_out', 250_000, {
      approval: { approverId: shop.manager.user.id, pin: '1357' },
    });
    expect(approvedOut.status).toBe(201);
    expect(await approvedOut.json()).toMatchObject({
      approvals: [{ approvedBy: shop.manager.user.id, method: 'pin' }],
    });
    // Within the limit, no approval.
    expect((await moveCash(shop.cashier, shift.id, 'pay_in', 200_000)).status).toBe(201);

    const expected = 100_000 - 250_000 + 200_000;
    const short = await closeShiftAs(shop.cashier, shift.id, { countedCash: expected - 20_000 });
    expect(short.status).toBe(403);
    expect((await readProblem(short)).detail).toContain('-Rp 20.000');
    expect((await shiftRows(shop.companyId))[0]?.status).toBe('open');
    // Within the threshold the cashier closes alone; beyond it with a manager's PIN.
    const approved = await closeShiftAs(shop.cashier, shift.id, {
      countedCash: expected - 20_000,
      approval: { approverId: shop.manager.user.id, pin: '1357' },
    });
    expect(approved.status).toBe(200);
    const z = await approved.json<{ shift: ShiftBody; cash: { difference: number } }>();
    expect(z.cash.difference).toBe(-20_000);
    expect(z.shift.approvals).toMatchObject([{ approvedBy: shop.manager.user.id }]);
    expect(z.shift.flags).toEqual([]);
  });

  it('refuses sales and refunds without an open shift when the store requires one', async () => {
    const shop = await saleShop();
    await setStore(shop.store.id, { requireOpenShift: true });
    const refused = await sell(shop.cashier, {
      storeId: shop.store.id,
      items: [{ variantId: shop.coffee.id, quantity: 1 }],
      payments: [{ method: 'cash', tendered: 50_000 }],
    });
    expect(refused.status).toBe(422);
    expect((await readProblem(refused)).detail).toContain('mewajibkan shift');
    const shift = await openedShift(shop.cashier, shop.store.id, 100_000);
    const sale = await cashSale(shop, shop.cashier);
    expect((await saleShiftOf(shop.companyId, sale.id))?.shiftId).toBe(shift.id);
    const refund = await send(
      shop.manager.session,
      'POST',
      `/api/v1/transactions/${sale.id}/refunds`,
      {
        reason: 'Salah pesan',
        items: [{ lineNumber: 1, quantity: 1 }],
      },
    );
    expect(refund.status).toBe(422);
  });

  it('lets a manager force-close a lost till’s shift, audited, and the till open again', async () => {
    const shop = await saleShop();
    const shift = await openedShift(shop.cashier, shop.store.id, 100_000);
    const byCashier = await send(
      shop.cashier.session,
      'POST',
      shiftPath(shift.id, '/force-close'),
      {
        reason: 'Tablet hilang',
      },
    );
    expect(byCashier.status).toBe(403);
    const forced = await send(shop.manager.session, 'POST', shiftPath(shift.id, '/force-close'), {
      reason: 'Tablet hilang',
    });
    expect(forced.status).toBe(200);
    const z = await forced.json<{ shift: ShiftBody; cash: { counted: number | null } }>();
    expect(z.shift).toMatchObject({
      status: 'closed',
      closure: 'forced',
      closeNote: 'Tablet hilang',
      flags: ['force_closed'],
      closedBy: { id: shop.manager.user.id },
    });
    expect(z.cash.counted).toBeNull();
    const [audit] = await auditRows(shop.companyId, 'shift.force_close');
    expect(audit?.actorUserId).toBe(shop.manager.user.id);
    const again = await send(shop.manager.session, 'POST', shiftPath(shift.id, '/force-close'), {
      reason: 'Tablet hilang',
    });
    expect(again.status).toBe(409);
    await openedShift(shop.cashier, shop.store.id, 50_000);
  });
});

describe('reading shifts', () => {
  it('prints the X and Z reports at 32 and 48 columns and as HTML', async () => {
    const shop = await saleShop();
    const shift = await openedShift(shop.cashier, shop.store.id, 150_000);
    await cashSale(shop, shop.cashier);
    await moveCash(shop.cashier, shift.id, 'pay_out', 20_000, {
      reason: '<b>Beli gas</b> untuk dapur yang habis sejak pagi hari',
    });
    for (const width of [32, 48]) {
      const response = await send(
        shop.cashier.session,
        'GET',
        shiftPath(shift.id, `/report?format=text&width=${width}`),
      );
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain('LAPORAN SHIFT (X)');
      for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(width);
    }
    await closeShiftAs(shop.cashier, shift.id, { countedCash: 100_000 });
    const html = await send(
      shop.cashier.session,
      'GET',
      shiftPath(shift.id, '/report?format=html'),
    );
    expect(html.headers.get('Content-Type')).toContain('text/html');
    const page = await html.text();
    expect(page).toContain('LAPORAN SHIFT (Z)');
    expect(page).toContain('&lt;b&gt;Beli gas');
    expect(page).not.toContain('<b>Beli gas');
  });

  it('lists shifts with their figures; a cashier sees only their own and their till’s', async () => {
    const shop = await saleShop();
    const mine = await openedShift(shop.cashier, shop.store.id, 100_000);
    const managers = await openedShift(shop.manager, shop.store.id, 80_000);
    await cashSale(shop, shop.manager);
    const asOwner = await send(
      shop.owner.session,
      'GET',
      `/api/v1/shifts?storeId=${shop.store.id}`,
    );
    const page = await asOwner.json<{ data: Array<ShiftBody & { salesCount: number }> }>();
    expect(page.data.map((shift) => shift.id).sort()).toEqual([mine.id, managers.id].sort());
    expect(page.data.find((shift) => shift.id === managers.id)?.salesCount).toBe(1);

    const asCashier = await send(shop.cashier.session, 'GET', '/api/v1/shifts?status=open');
    const own = await asCashier.json<{ data: ShiftBody[] }>();
    expect(own.data.map((shift) => shift.id)).toEqual([mine.id]);
    expect((await send(shop.cashier.session, 'GET', shiftPath(managers.id))).status).toBe(404);
  });

  it('puts open shifts in the delta and drops them when they close', async () => {
    const shop = await saleShop();
    const shift = await openedShift(shop.cashier, shop.store.id, 100_000);
    const page = await deltaPage(shop.manager, shop.store.id);
    expect(page.changes).toContainEqual(
      expect.objectContaining({
        type: 'shift',
        id: shift.id,
        op: 'upsert',
        data: expect.objectContaining({ openingCash: 100_000, deviceName: 'Kasir Depan' }),
      }),
    );
    await closeShiftAs(shop.cashier, shift.id, { countedCash: 100_000 });
    const next = await deltaPage(shop.manager, shop.store.id, page.cursor);
    expect(next.changes).toContainEqual({ type: 'shift', id: shift.id, op: 'delete' });
  });
});

describe('notifications of an unapproved difference', () => {
  it('has none for a difference a manager approved online', async () => {
    const shop = await saleShop();
    await setStore(shop.store.id, { cashDifferenceThreshold: 0 });
    const shift = await openedShift(shop.manager, shop.store.id, 100_000);
    expect((await closeShiftAs(shop.manager, shift.id, { countedCash: 90_000 })).status).toBe(200);
    const rows = await withDatabase(({ db }) =>
      db.select().from(notifications).where(eq(notifications.companyId, shop.companyId)),
    );
    expect(rows.filter((row) => row.kind === 'shift_difference')).toEqual([]);
  });
});
