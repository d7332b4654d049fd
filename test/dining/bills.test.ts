import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLogs, bills } from '../../src/db/schema';
import { coffeeWithModifiers, countTransactions, saleShop, send, stockOf } from '../sales/helpers';
import { withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import { DeviceState } from '../sync/helpers';
import { type BillBody, billOf, billPath, floor, item, openBillOn, serviceRows } from './helpers';

interface SettleBody {
  sale: {
    id: string;
    number: string;
    total: number;
    items: Array<{ quantity: number; modifiers: Array<{ name: string; priceDelta: number }> }>;
  };
  bill: BillBody;
}

interface SendBody {
  bill: BillBody;
  ticketIds: string[];
}

async function sendRound(
  waiter: Parameters<typeof billOf>[0],
  billId: string,
  id = crypto.randomUUID(),
) {
  const response = await send(waiter.session, 'POST', billPath(billId, '/send'), { id });
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json<SendBody>();
}

async function ticketText(reader: Parameters<typeof billOf>[0], ticketId: string, width = 32) {
  const response = await send(
    reader.session,
    'GET',
    `/api/v1/kitchen-tickets/${ticketId}?format=text&width=${width}`,
  );
  expect(response.status).toBe(200);
  return response.text();
}

describe('Table 4 from two phones', () => {
  it('takes rounds from two devices, sends only new items, settles once with every modifier', async () => {
    const cafe = await floor();
    const menu = await coffeeWithModifiers(cafe);
    // Phone 1 opens Table 4 with two coffees (less sugar, extra shot) and a tea.
    const opened = await openBillOn(cafe.cashier, {
      storeId: cafe.store.id,
      tableId: cafe.table.id,
      guests: 3,
      items: [
        item(cafe.coffee.id, 2, { modifiers: [menu.less, menu.shot], note: 'Es sedikit' }),
        item(cafe.tea.id, 1),
      ],
    });
    expect(opened.table?.name).toBe('Meja 4');
    expect(opened.items).toHaveLength(2);
    const floorPlan = await send(
      cafe.waiter.session,
      'GET',
      `/api/v1/tables?storeId=${cafe.store.id}`,
    );
    expect((await floorPlan.json<{ data: Array<{ openBillId: string | null }> }>()).data).toEqual([
      expect.objectContaining({ openBillId: opened.id }),
    ]);

    // Round 1 to the kitchen: the bar gets the coffee, the kitchen the tea.
    const first = await sendRound(cafe.cashier, opened.id);
    expect(first.ticketIds).toHaveLength(2);
    expect(first.bill.rounds).toBe(1);
    const bar = first.bill.tickets.find((ticket) => ticket.station === 'bar');
    const kitchen = first.bill.tickets.find((ticket) => ticket.station === null);
    if (!bar || !kitchen) throw new Error('a station got no ticket');
    for (const width of [32, 48]) {
      const text = await ticketText(cafe.waiter, bar.id, width);
      for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(width);
      expect(text).toContain('MEJA 4');
      expect(text).toContain('2 x ES KOPI SUSU');
      expect(text).toContain('+ Less sugar');
      expect(text).toContain('+ Extra shot');
      expect(text).toContain('Es sedikit');
      expect(text).not.toContain('TEH MANIS');
      expect(text).not.toMatch(/Rp|25\.000/);
    }

    // Phone 2 adds another coffee (oat milk) while phone 1 adds a tea: neither is lost.
    const [second, third] = await Promise.all([
      send(cafe.waiter.session, 'POST', billPath(opened.id, '/items'), {
        items: [item(cafe.coffee.id, 1, { modifiers: [menu.less, menu.oat] })],
      }),
      send(cafe.cashier.session, 'POST', billPath(opened.id, '/items'), {
        items: [item(cafe.tea.id, 2)],
      }),
    ]);
    expect([second.status, third.status]).toEqual([201, 201]);
    const round2 = await sendRound(cafe.waiter, opened.id);
    expect(round2.bill.rounds).toBe(2);
    expect(round2.bill.items.filter((entry) => entry.round === 2)).toHaveLength(2);
    const round2Bar = round2.bill.tickets.find(
      (ticket) => ticket.round === 2 && ticket.station === 'bar',
    );
    const round2Text = await ticketText(cafe.cashier, round2Bar?.id ?? '');
    expect(round2Text).toContain('1 x ES KOPI SUSU');
    expect(round2Text).toContain('+ Oat milk');
    expect(round2Text).not.toContain('Extra shot');
    expect(round2Text).toContain('Ronde 2');

    // Settled at the till: one sale of 2×(25.000+5.000) + (25.000+7.000) + 3×20.000 = 152.000,
    // service 5% 7.600, PBJT 10% of 159.600 = 15.960; 175.560 rounded to Rp100: 175.600.
    const current = await billOf(cafe.cashier, opened.id);
    const settle = await send(cafe.cashier.session, 'POST', billPath(opened.id, '/settle'), {
      saleId: crypto.randomUUID(),
      version: current.version,
      expectedTotal: 175_600,
      payments: [{ method: 'cash', tendered: 200_000 }],
    });
    expect(settle.status, await settle.clone().text()).toBe(201);
    const settled = await settle.json<SettleBody>();
    expect(settled.sale.total).toBe(175_600);
    expect(settled.bill.status).toBe('settled');
    expect(settled.bill.sale?.id).toBe(settled.sale.id);
    const coffeeLines = settled.sale.items.filter((line) => line.modifiers.length > 0);
    expect(
      coffeeLines.map((line) => line.modifiers.map((m) => `${m.name} ${m.priceDelta}`)),
    ).toEqual([
      ['Less sugar 0', 'Extra shot 5000'],
      ['Less sugar 0', 'Oat milk 7000'],
    ]);
    const receipt = await send(
      cafe.cashier.session,
      'GET',
      `/api/v1/transactions/${settled.sale.id}/receipt?format=text&width=32`,
    );
    const receiptText = await receipt.text();
    expect(receiptText).toContain('+ Extra shot');
    expect(receiptText).toContain('+ Oat milk');
    // The extra shot's beans were taken with the sale: two shots.
    expect(await stockOf(cafe.store.id, menu.beans.id)).toBe(98);

    // The table is free again and the settled bill accepts nothing more.
    const tables = await send(
      cafe.waiter.session,
      'GET',
      `/api/v1/tables?storeId=${cafe.store.id}`,
    );
    expect((await tables.json<{ data: Array<{ openBillId: string | null }> }>()).data).toEqual([
      expect.objectContaining({ openBillId: null }),
    ]);
    const before = await serviceRows(cafe.companyId);
    const late = await send(cafe.waiter.session, 'POST', billPath(opened.id, '/items'), {
      items: [item(cafe.tea.id)],
    });
    expect(late.status).toBe(409);
    expect((await readProblem(late)).detail).toBe(
      'Bill ini sudah ditutup (settled) dan tidak dapat diubah lagi.',
    );
    expect(await serviceRows(cafe.companyId)).toEqual(before);
  });

  it('keeps every item when two devices add at once', async () => {
    const cafe = await floor();
    const opened = await openBillOn(cafe.cashier, {
      storeId: cafe.store.id,
      tableId: cafe.table.id,
    });
    const adds = Array.from({ length: 12 }, (_, index) =>
      send(
        index % 2 ? cafe.waiter.session : cafe.cashier.session,
        'POST',
        billPath(opened.id, '/items'),
        {
          items: [item(cafe.tea.id, 1), item(cafe.coffee.id, 1)],
        },
      ),
    );
    const statuses = (await Promise.all(adds)).map((response) => response.status);
    expect(statuses).toEqual(Array(12).fill(201));
    const bill = await billOf(cafe.manager, opened.id);
    expect(bill.items).toHaveLength(24);
    expect(bill.version).toBe(13);
    // The same add sent again (a retry after a lost answer) adds nothing.
    const again = bill.items.slice(0, 2).map((entry) => ({
      id: entry.id,
      variantId: entry.variantId,
      quantity: entry.quantity,
    }));
    const retry = await send(cafe.waiter.session, 'POST', billPath(opened.id, '/items'), {
      items: again,
    });
    expect(retry.status).toBe(200);
    expect((await retry.json<BillBody>()).items).toHaveLength(24);
  });
});

describe('opening once', () => {
  it('answers the same open sent five times at once with one bill', async () => {
    const cafe = await floor();
    const body = {
      id: crypto.randomUUID(),
      storeId: cafe.store.id,
      tableId: cafe.table.id,
      items: [item(cafe.tea.id, 1)],
    };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => send(cafe.cashier.session, 'POST', '/api/v1/bills', body)),
    );
    expect(answers.map((response) => response.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect((await billOf(cafe.cashier, body.id)).items).toHaveLength(1);
    const reused = await send(cafe.cashier.session, 'POST', '/api/v1/bills', {
      ...body,
      guests: 3,
    });
    expect(reused.status).toBe(409);
  });
});

describe('settling exactly once', () => {
  it('answers a settle retried five times, and five at once, with one sale', async () => {
    const cafe = await floor();
    const opened = await openBillOn(cafe.cashier, {
      storeId: cafe.store.id,
      tableId: cafe.table.id,
      items: [item(cafe.tea.id, 2)],
    });
    const body = { saleId: crypto.randomUUID(), payments: [{ method: 'cash', tendered: 500_000 }] };
    const settleOnce = () =>
      send(cafe.cashier.session, 'POST', billPath(opened.id, '/settle'), body);
    const concurrent = await Promise.all(Array.from({ length: 5 }, settleOnce));
    expect(concurrent.map((response) => response.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const sales = await Promise.all(concurrent.map((r) => r.json<SettleBody>()));
    expect(new Set(sales.map((answer) => answer.sale.number)).size).toBe(1);
    for (let attempt = 0; attempt < 5; attempt++) {
      const retried = await settleOnce();
      expect(retried.status).toBe(200);
      expect((await retried.json<SettleBody>()).sale.id).toBe(body.saleId);
    }
    expect(await countTransactions(cafe.companyId)).toBe(1);

    // Another device paying the same bill with its own sale id is refused: no second charge.
    const other = await send(cafe.waiter.session, 'POST', billPath(opened.id, '/settle'), {
      saleId: crypto.randomUUID(),
      payments: [{ method: 'cash', tendered: 100_000 }],
    });
    expect(other.status).toBe(409);
    expect(await countTransactions(cafe.companyId)).toBe(1);
  });

  it('refuses a settle on a bill changed since the version the customer saw', async () => {
    const cafe = await floor();
    const opened = await openBillOn(cafe.cashier, {
      storeId: cafe.store.id,
      name: 'Bu Sari, bungkus',
      items: [item(cafe.tea.id, 1)],
    });
    await send(cafe.waiter.session, 'POST', billPath(opened.id, '/items'), {
      items: [item(cafe.coffee.id)],
    });
    const stale = await send(cafe.cashier.session, 'POST', billPath(opened.id, '/settle'), {
      saleId: crypto.randomUUID(),
      version: opened.version,
      payments: [{ method: 'cash', tendered: 500_000 }],
    });
    expect(stale.status).toBe(409);
    const problem = await readProblem(stale);
    expect((problem.current as BillBody).items).toHaveLength(2);
    expect(await countTransactions(cafe.companyId)).toBe(0);
  });
});

describe('removals, moves, merges and splits', () => {
  it('removes unsent items freely and needs sales.void or an approval for a kitchen void', async () => {
    const cafe = await floor();
    const coffee = item(cafe.coffee.id, 1);
    const tea = item(cafe.tea.id, 1);
    const opened = await openBillOn(cafe.cashier, {
      storeId: cafe.store.id,
      tableId: cafe.table.id,
      items: [coffee, tea, item(cafe.tea.id, 3)],
    });
    const sent = await sendRound(cafe.cashier, opened.id);
    const unsent = item(cafe.tea.id, 1);
    const added = await send(cafe.cashier.session, 'POST', billPath(opened.id, '/items'), {
      items: [unsent],
    });
    const bill = await added.json<BillBody>();

    const freely = await send(cafe.cashier.session, 'POST', billPath(opened.id, '/items/remove'), {
      id: crypto.randomUUID(),
      version: bill.version,
      itemIds: [unsent.id],
    });
    expect(freely.status).toBe(200);
    const afterFree = await freely.json<BillBody>();
    expect(afterFree.items.find((entry) => entry.id === unsent.id)?.status).toBe('removed');

    // A cashier alone cannot take back what the kitchen has: 403, nothing written.
    const before = await serviceRows(cafe.companyId);
    const refused = await send(cafe.cashier.session, 'POST', billPath(opened.id, '/items/remove'), {
      id: crypto.randomUUID(),
      version: afterFree.version,
      itemIds: [coffee.id],
      reason: 'Tamu berubah pikiran',
    });
    expect(refused.status).toBe(403);
    expect(await serviceRows(cafe.companyId)).toEqual(before);

    const approved = await send(
      cafe.cashier.session,
      'POST',
      billPath(opened.id, '/items/remove'),
      {
        id: crypto.randomUUID(),
        version: afterFree.version,
        itemIds: [coffee.id],
        reason: 'Tamu berubah pikiran',
        approval: { approverId: cafe.manager.user.id, pin: '1357' },
      },
    );
    expect(approved.status, await approved.clone().text()).toBe(200);
    const voided = await approved.json<BillBody>();
    expect(voided.items.find((entry) => entry.id === coffee.id)).toMatchObject({
      status: 'voided',
      removalReason: 'Tamu berubah pikiran',
    });
    const batal = voided.tickets.find((ticket) => ticket.kind === 'void');
    expect(batal).toMatchObject({ station: 'bar', items: 1 });
    const text = await ticketText(cafe.cashier, batal?.id ?? '', 48);
    expect(text).toContain('BATAL');
    expect(text).toContain('1 x ES KOPI SUSU');
    expect(text).toContain('Tamu berubah pikiran');
    const [audit] = await withDatabase(({ db }) =>
      db.select().from(auditLogs).where(eq(auditLogs.action, 'bill.kitchen_void')),
    );
    expect(audit?.entityId).toBe(opened.id);
    expect(audit?.after).toMatchObject({
      reason: 'Tamu berubah pikiran',
      authorization: { approvedBy: cafe.manager.user.id, method: 'pin' },
    });
    expect(sent.ticketIds).toHaveLength(2);
  });

  it('splits at the current version only, moves to a free table, merges two bills', async () => {
    const cafe = await floor();
    const second = await send(cafe.owner.session, 'POST', '/api/v1/tables', {
      storeId: cafe.store.id,
      name: 'Meja 5',
    });
    const table5 = await second.json<{ id: string }>();
    const a = item(cafe.tea.id, 1);
    const b = item(cafe.coffee.id, 2);
    const opened = await openBillOn(cafe.cashier, {
      storeId: cafe.store.id,
      tableId: cafe.table.id,
      items: [a, b],
    });
    await send(cafe.waiter.session, 'POST', billPath(opened.id, '/items'), {
      items: [item(cafe.tea.id, 1)],
    });

    // The split was prepared on the bill before the waiter's add: 409 with the bill as it is.
    const before = await serviceRows(cafe.companyId);
    const stale = await send(cafe.cashier.session, 'POST', billPath(opened.id, '/split'), {
      version: opened.version,
      newBillId: crypto.randomUUID(),
      itemIds: [b.id],
      tableId: table5.id,
    });
    expect(stale.status).toBe(409);
    expect(((await readProblem(stale)).current as BillBody).items).toHaveLength(3);
    expect(await serviceRows(cafe.companyId)).toEqual(before);

    const current = await billOf(cafe.cashier, opened.id);
    const split = await send(cafe.cashier.session, 'POST', billPath(opened.id, '/split'), {
      version: current.version,
      newBillId: crypto.randomUUID(),
      itemIds: [b.id],
      tableId: table5.id,
    });
    expect(split.status).toBe(201);
    const { bill, newBill } = await split.json<{ bill: BillBody; newBill: BillBody }>();
    expect(bill.items.map((entry) => entry.id)).not.toContain(b.id);
    expect(newBill.items.map((entry) => entry.id)).toEqual([b.id]);
    expect(newBill.table?.name).toBe('Meja 5');

    // Table 5 is taken: moving Table 4's bill there is 409.
    const occupied = await send(cafe.cashier.session, 'POST', billPath(opened.id, '/move'), {
      version: bill.version,
      tableId: table5.id,
    });
    expect(occupied.status).toBe(409);
    expect((await readProblem(occupied)).openBill).toMatchObject({ id: newBill.id });

    // Merge Table 5's bill back: its item comes over, it ends merged.
    const merged = await send(cafe.waiter.session, 'POST', billPath(opened.id, '/merge'), {
      version: bill.version,
      sourceBillId: newBill.id,
      sourceVersion: newBill.version,
    });
    expect(merged.status).toBe(200);
    expect((await merged.json<BillBody>()).items.filter((e) => e.status === 'active')).toHaveLength(
      3,
    );
    expect((await billOf(cafe.waiter, newBill.id)).status).toBe('merged');
  });
});

describe('bad input writes nothing', () => {
  it('refuses options outside a group’s rules, unknown variants, a taken table, other stores', async () => {
    const cafe = await floor();
    const menu = await coffeeWithModifiers(cafe);
    const opened = await openBillOn(cafe.cashier, {
      storeId: cafe.store.id,
      tableId: cafe.table.id,
    });
    const before = await serviceRows(cafe.companyId);
    const add = (items: unknown[]) =>
      send(cafe.cashier.session, 'POST', billPath(opened.id, '/items'), { items });

    // "Tingkat gula" is required; three extras exceed "Tambahan"'s maximum of two.
    expect((await add([item(cafe.coffee.id, 1)])).status).toBe(422);
    const tooMany = await add([
      item(cafe.coffee.id, 1, { modifiers: [menu.less, menu.shot, menu.oat, menu.boba] }),
    ]);
    expect(tooMany.status).toBe(422);
    // An option of a group the tea is not offered.
    expect((await add([item(cafe.tea.id, 1, { modifiers: [menu.shot] })])).status).toBe(422);
    expect((await add([item(crypto.randomUUID(), 1)])).status).toBe(404);
    // A second bill on Table 4: 409 naming the open one.
    const taken = await send(cafe.waiter.session, 'POST', '/api/v1/bills', {
      id: crypto.randomUUID(),
      storeId: cafe.store.id,
      tableId: cafe.table.id,
    });
    expect(taken.status).toBe(409);
    expect((await readProblem(taken)).openBill).toMatchObject({ id: opened.id });
    // Neither table nor name.
    const unnamed = await send(cafe.waiter.session, 'POST', '/api/v1/bills', {
      id: crypto.randomUUID(),
      storeId: cafe.store.id,
    });
    expect(unnamed.status).toBe(400);
    // Another company's variant, another company's bill.
    const elsewhere = await saleShop();
    expect((await add([item(elsewhere.coffee.id, 1)])).status).toBe(404);
    const foreign = await send(elsewhere.owner.session, 'POST', billPath(opened.id, '/items'), {
      items: [item(elsewhere.tea.id, 1)],
    });
    expect(foreign.status).toBe(404);
    // A store the caller does not work in: the cashier works in the main store only.
    const otherStoreBill = await openBillOn(cafe.manager, {
      storeId: cafe.otherStore.id,
      name: 'Pak Budi',
    });
    const before2 = await serviceRows(cafe.companyId);
    const notHers = await send(
      cafe.cashier.session,
      'POST',
      billPath(otherStoreBill.id, '/items'),
      {
        items: [item(cafe.tea.id, 1)],
      },
    );
    expect(notHers.status).toBe(403);
    expect(await serviceRows(cafe.companyId)).toEqual(before2);
    expect(before2.items).toBe(before.items);
    // Nothing to send; settling an empty bill.
    expect(
      (
        await send(cafe.cashier.session, 'POST', billPath(opened.id, '/send'), {
          id: crypto.randomUUID(),
        })
      ).status,
    ).toBe(422);
    const empty = await send(cafe.cashier.session, 'POST', billPath(opened.id, '/settle'), {
      saleId: crypto.randomUUID(),
      payments: [{ method: 'cash', tendered: 500_000 }],
    });
    expect(empty.status).toBe(422);
    expect((await readProblem(empty)).detail).toContain('tidak punya item');
    expect(await countTransactions(cafe.companyId)).toBe(0);
  });
});

describe('devices see tables and open bills in the delta', () => {
  it('sends open bills with their items, and a tombstone once the bill is settled', async () => {
    const cafe = await floor();
    const device = await DeviceState.fromFull(cafe.waiter, cafe.store.id);
    expect(device.ofType('table').map(([, data]) => data.name)).toEqual(['Meja 4']);
    const opened = await openBillOn(cafe.cashier, {
      storeId: cafe.store.id,
      tableId: cafe.table.id,
      items: [item(cafe.tea.id, 2, { note: 'Tanpa gula' })],
    });
    await device.catchUp(cafe.waiter, cafe.store.id);
    const [[billId, data] = []] = device.ofType('bill');
    expect(billId).toBe(opened.id);
    expect(data).toMatchObject({
      tableId: cafe.table.id,
      items: [expect.objectContaining({ quantity: 2, note: 'Tanpa gula', round: null })],
    });
    await send(cafe.cashier.session, 'POST', billPath(opened.id, '/settle'), {
      saleId: crypto.randomUUID(),
      payments: [{ method: 'cash', tendered: 500_000 }],
    });
    await device.catchUp(cafe.waiter, cafe.store.id);
    expect(device.ofType('bill')).toEqual([]);
    const [row] = await withDatabase(({ db }) =>
      db.select().from(bills).where(eq(bills.id, opened.id)),
    );
    expect(row?.status).toBe('settled');
  });
});
