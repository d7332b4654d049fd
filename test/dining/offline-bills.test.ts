import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bills, transactions } from '../../src/db/schema';
import { countTransactions, send } from '../sales/helpers';
import { withDatabase } from '../support/factories';
import { eventsOfBatch, offlineSale, type UploadBody, uploadOk } from '../sync/helpers';
import { type BillBody, billOf, billPath, type Floor, floor, item, openBillOn } from './helpers';

interface BillResultBody {
  index: number;
  id: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  billStatus?: string;
  conflicts?: Array<{ kind: string; message: string; billId?: string; itemIds?: string[] }>;
  reason?: string;
}

type BillUpload = UploadBody & { billResults: BillResultBody[] };

const anHourAgo = () => new Date(Date.now() - 60 * 60 * 1000).toISOString();

/** A bill kept on the till while offline, settled there by `sale` when given. */
function offlineBill(cafe: Floor, fields: Record<string, unknown> = {}) {
  return {
    id: crypto.randomUUID(),
    tableId: cafe.table.id,
    openedAt: anHourAgo(),
    openedBy: cafe.cashier.user.id,
    items: [],
    ...fields,
  };
}

const tillItem = (cafe: Floor, variantId: string, extra: Record<string, unknown> = {}) => ({
  ...item(variantId, 1),
  addedBy: cafe.cashier.user.id,
  ...extra,
});

async function uploadBills(
  cafe: Floor,
  body: Record<string, unknown>,
  batchId = crypto.randomUUID(),
) {
  return (await uploadOk(cafe.cashier, {
    batchId,
    storeId: cafe.store.id,
    sales: [],
    ...body,
  })) as BillUpload;
}

function billRow(id: string) {
  return withDatabase(async ({ db }) => {
    const [row] = await db.select().from(bills).where(eq(bills.id, id));
    return row;
  });
}

describe('bills kept offline', () => {
  it('records an offline bill and its settling sale once, however often it is uploaded', async () => {
    const cafe = await floor();
    const coffee = tillItem(cafe, cafe.coffee.id, { round: 1, note: 'Es sedikit' });
    const tea = tillItem(cafe, cafe.tea.id, { round: 1 });
    const sale = offlineSale(cafe, {
      items: [
        { variantId: cafe.coffee.id, quantity: 1 },
        { variantId: cafe.tea.id, quantity: 1 },
      ],
      payments: [{ method: 'cash', tendered: 100_000 }],
    });
    const bill = offlineBill(cafe, { guests: 2, items: [coffee, tea], saleId: sale.id });
    const batchId = crypto.randomUUID();
    const first = await uploadBills(cafe, { sales: [sale], bills: [bill] }, batchId);
    expect(first.results[0]?.status).toBe('accepted');
    expect(first.billResults).toEqual([
      { index: 0, id: bill.id, status: 'accepted', billStatus: 'settled', conflicts: [] },
    ]);

    // The same upload again (a lost answer), then the same bill in a new batch.
    const again = await uploadBills(cafe, { sales: [sale], bills: [bill] }, batchId);
    expect(again.results[0]?.status).toBe('duplicate');
    expect(again.billResults[0]).toMatchObject({ status: 'duplicate', billStatus: 'settled' });
    const later = await uploadBills(cafe, { sales: [sale], bills: [bill] });
    expect(later.billResults[0]).toMatchObject({ status: 'duplicate', conflicts: [] });
    expect(await countTransactions(cafe.companyId)).toBe(1);

    const settled = await billOf(cafe.manager, bill.id);
    expect(settled).toMatchObject({ status: 'settled', rounds: 1, guests: 2 });
    expect(settled.sale?.id).toBe(sale.id);
    expect(settled.items.map((entry) => [entry.id, entry.round, entry.note])).toEqual([
      [coffee.id, 1, 'Es sedikit'],
      [tea.id, 1, null],
    ]);
  });

  it('keeps the items another device added and moves them to a new open bill', async () => {
    const cafe = await floor();
    const known = item(cafe.coffee.id, 1);
    const opened = await openBillOn(cafe.waiter, {
      storeId: cafe.store.id,
      tableId: cafe.table.id,
      items: [known],
    });
    // The till went offline knowing the coffee; the waiter's phone added a tea meanwhile.
    const tea = item(cafe.tea.id, 1);
    await send(cafe.waiter.session, 'POST', billPath(opened.id, '/items'), { items: [tea] });
    const sale = offlineSale(cafe, { items: [{ variantId: cafe.coffee.id, quantity: 1 }] });
    const batchId = crypto.randomUUID();
    const uploaded = await uploadBills(
      cafe,
      {
        sales: [sale],
        bills: [
          offlineBill(cafe, {
            id: opened.id,
            openedBy: cafe.waiter.user.id,
            items: [{ ...known, addedBy: cafe.waiter.user.id }],
            saleId: sale.id,
          }),
        ],
      },
      batchId,
    );
    const [result] = uploaded.billResults;
    expect(result).toMatchObject({ status: 'accepted', billStatus: 'settled' });
    const [left] = result?.conflicts ?? [];
    expect(left).toMatchObject({ kind: 'items_left_open', itemIds: [tea.id] });
    expect(left?.message).toContain('1 item');

    // The tea is still to be paid, on a new bill at the same table; nothing was charged twice.
    const rest = await billOf(cafe.cashier, left?.billId ?? '');
    expect(rest).toMatchObject({ status: 'open', table: { id: cafe.table.id } });
    expect(rest.items.map((entry) => entry.id)).toEqual([tea.id]);
    expect(await countTransactions(cafe.companyId)).toBe(1);
    const events = await eventsOfBatch(batchId);
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'bill_conflict',
        code: 'items_left_open',
        entityId: opened.id,
      }),
    ]);
  });

  it('flags an offline sale for a bill another sale already paid, and charges nothing more', async () => {
    const cafe = await floor();
    const tea = item(cafe.tea.id, 1);
    const opened = await openBillOn(cafe.waiter, {
      storeId: cafe.store.id,
      tableId: cafe.table.id,
      items: [tea],
    });
    const online = await send(cafe.waiter.session, 'POST', billPath(opened.id, '/settle'), {
      saleId: crypto.randomUUID(),
      payments: [{ method: 'cash', tendered: 50_000 }],
    });
    expect(online.status).toBe(201);
    const sale = offlineSale(cafe, { items: [{ variantId: cafe.tea.id, quantity: 1 }] });
    const uploaded = await uploadBills(cafe, {
      sales: [sale],
      bills: [
        offlineBill(cafe, {
          id: opened.id,
          items: [{ ...tea, addedBy: cafe.waiter.user.id }],
          saleId: sale.id,
        }),
      ],
    });
    expect(uploaded.results[0]).toMatchObject({
      status: 'accepted',
      flags: expect.arrayContaining(['bill_settled_twice']),
    });
    expect(uploaded.billResults[0]).toMatchObject({
      status: 'duplicate',
      billStatus: 'settled',
      conflicts: [expect.objectContaining({ kind: 'settled_elsewhere' })],
    });
    // The bill keeps the online sale; the till's sale is recorded, flagged for a manager.
    expect((await billRow(opened.id))?.saleId).toBe(
      (await online.json<{ sale: { id: string } }>()).sale.id,
    );
    const [flagged] = await withDatabase(({ db }) =>
      db.select().from(transactions).where(eq(transactions.id, sale.id)),
    );
    expect(flagged?.flags).toContain('bill_settled_twice');
  });

  it('opens a bill without its table when the table is taken, and keeps a sent item removed without sales.void', async () => {
    const cafe = await floor();
    await openBillOn(cafe.waiter, { storeId: cafe.store.id, tableId: cafe.table.id });
    const coffee = tillItem(cafe, cafe.coffee.id, {
      round: 1,
      removed: { by: cafe.cashier.user.id, reason: 'Salah pesan' },
    });
    const unsent = tillItem(cafe, cafe.tea.id, {
      removed: { by: cafe.cashier.user.id },
    });
    const bill = offlineBill(cafe, { items: [coffee, unsent, tillItem(cafe, cafe.tea.id)] });
    const uploaded = await uploadBills(cafe, { bills: [bill] });
    const [result] = uploaded.billResults;
    expect(result).toMatchObject({ status: 'accepted', billStatus: 'open' });
    expect(result?.conflicts?.map((entry) => entry.kind)).toEqual([
      'table_taken',
      'removal_refused',
    ]);
    const kept = await billOf(cafe.manager, bill.id);
    expect(kept.table).toBeNull();
    expect(kept.name).toBe('Meja 4');
    const statusOf = (id: string) => kept.items.find((entry) => entry.id === id)?.status;
    expect(statusOf(coffee.id)).toBe('active');
    expect(statusOf(unsent.id)).toBe('removed');
  });

  it('answers a malformed bill in its place and records the rest', async () => {
    const cafe = await floor();
    const good = offlineBill(cafe, {
      tableId: undefined,
      name: 'Bu Sari',
      items: [tillItem(cafe, cafe.tea.id)],
    });
    const uploaded = await uploadBills(cafe, {
      bills: [{ id: crypto.randomUUID(), openedBy: cafe.cashier.user.id }, good],
    });
    expect(uploaded.billResults.map((result) => result.status)).toEqual(['rejected', 'accepted']);
    expect(uploaded.billResults[0]?.reason).toBe('request.validationFailed');
    const bill: BillBody = await billOf(cafe.cashier, good.id);
    expect(bill.items).toHaveLength(1);
  });
});
