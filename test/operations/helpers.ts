import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { expect, vi } from 'vitest';
import type { Db } from '../../src/db/client';
import type { JobMessage } from '../../src/queues/messages';
import { readNdjsonGzip } from '../../src/services/operations/ndjson';
import { rowsOf, tenantTables } from '../../src/services/operations/tenant-tables';
import { deliver, markedJobs } from '../reports/helpers';
import { coffeeWithModifiers, type SaleShop, saleShop, sell, send } from '../sales/helpers';
import { closeShiftAs, openedShift, reportOf } from '../shifts/helpers';

/**
 * A company that has done a bit of everything a backup must carry: a category tree (a table
 * that points at itself), modifiers (jsonb lines), a shift with cash moved in and counted at
 * close, sales by cash and QRIS, a void and a refund (a sale that points at a sale), goods
 * received (stock movements), all through the API.
 */
export async function busyCompany(): Promise<SaleShop & { saleIds: string[] }> {
  const shop = await saleShop();
  const owner = shop.owner.session;
  const parent = await send(owner, 'POST', '/api/v1/categories', { name: 'Minuman' });
  expect(parent.status).toBe(201);
  const child = await send(owner, 'POST', '/api/v1/categories', {
    name: 'Kopi',
    parentId: (await parent.json<{ id: string }>()).id,
  });
  expect(child.status).toBe(201);
  const menu = await coffeeWithModifiers(shop);

  const received = await send(shop.manager.session, 'POST', '/api/v1/inventory/receipts', {
    storeId: shop.store.id,
    reference: 'SJ-2026-0113',
    items: [{ variantId: shop.coffee.id, quantity: 24 }],
  });
  expect(received.status).toBe(201);

  const shift = await openedShift(shop.cashier, shop.store.id, 300_000);
  const payIn = await send(
    shop.cashier.session,
    'POST',
    `/api/v1/shifts/${shift.id}/cash-movements`,
    {
      id: crypto.randomUUID(),
      kind: 'pay_in',
      amount: 50_000,
      reason: 'Uang kembalian dari bank',
    },
  );
  expect(payIn.status).toBe(201);

  const saleIds: string[] = [];
  for (const body of [
    {
      items: [{ variantId: shop.coffee.id, quantity: 2, modifiers: [menu.less, menu.shot] }],
      payments: [{ method: 'cash', tendered: 200_000 }],
    },
    {
      items: [{ variantId: shop.tea.id, quantity: 1 }],
      payments: [{ method: 'qris', amount: 23_100, externalReference: 'QR-1' }],
    },
    {
      items: [
        { variantId: shop.coffee.id, quantity: 1, modifiers: [menu.less] },
        { variantId: shop.tea.id, quantity: 2 },
      ],
      payments: [{ method: 'cash', tendered: 100_000 }],
    },
  ]) {
    const sold = await sell(shop.cashier, { storeId: shop.store.id, ...body });
    expect(sold.status, await sold.clone().text()).toBe(201);
    saleIds.push((await sold.json<{ id: string }>()).id);
  }
  const voided = await send(
    shop.manager.session,
    'POST',
    `/api/v1/transactions/${saleIds[1]}/void`,
    {
      reason: 'Salah input',
    },
  );
  expect(voided.status).toBe(200);
  const refunded = await send(
    shop.manager.session,
    'POST',
    `/api/v1/transactions/${saleIds[2]}/refunds`,
    { reason: 'Pelanggan komplain', items: [{ lineNumber: 2, quantity: 1 }] },
  );
  expect(refunded.status, await refunded.clone().text()).toBe(201);

  const report = await reportOf(shop.cashier, shift.id);
  const closed = await closeShiftAs(shop.cashier, shift.id, { countedCash: report.cash.expected });
  expect(closed.status, await closed.clone().text()).toBe(200);
  // The day's report rollups, as the queue's consumer would build them.
  const recomputed = await deliver(await markedJobs(shop));
  expect(recomputed.retryMessages).toEqual([]);
  return { ...shop, saleIds };
}

/**
 * Keeps the JOBS queue's own consumer out of a test: what the requests send is recorded, not
 * delivered, so nothing changes the test's companies behind its back; the test delivers what
 * it wants itself (test/reports/helpers.ts `deliver`).
 */
export function quietQueue() {
  const sent: JobMessage[] = [];
  const batches: Array<Array<{ body: JobMessage; delaySeconds?: number }>> = [];
  const send = vi.spyOn(env.JOBS, 'send').mockImplementation(async (body) => {
    sent.push(body);
    return undefined as never;
  });
  const sendBatch = vi.spyOn(env.JOBS, 'sendBatch').mockImplementation(async (messages) => {
    const batch = [...messages].map((message) => ({
      body: message.body,
      ...(message.delaySeconds === undefined ? {} : { delaySeconds: message.delaySeconds }),
    }));
    batches.push(batch);
    return undefined as never;
  });
  return {
    sent,
    batches,
    restore() {
      send.mockRestore();
      sendBatch.mockRestore();
    },
  };
}

/** The lines of a gzip NDJSON object of the ARCHIVES bucket, and the digests read with them. */
export async function objectLines(key: string) {
  const object = await env.ARCHIVES.get(key);
  if (!object) throw new Error(`no object ${key}`);
  const lines: string[] = [];
  const digest = await readNdjsonGzip(object.body, async (batch) => {
    lines.push(...batch);
  });
  return { lines, digest, size: object.size };
}

/**
 * Every row of the company in every tenant table of `db`, as Postgres writes it in JSON (exact
 * numbers and microsecond timestamps), without `sync_xid` (the database's transaction ids, which
 * a restore sets anew: see services/operations/restore.ts). Keyed by table, rows by primary key.
 */
export async function companyRows(db: Db, companyId: string) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone to 'UTC'`);
    const result: Record<string, string[]> = {};
    for (const table of await tenantTables(tx)) {
      const owner = table.name === 'companies' ? sql`t.id` : sql`t.company_id`;
      const rows = await rowsOf<{ row: string }>(
        tx,
        sql`select (to_jsonb(t) - 'sync_xid')::text as row from ${sql.raw(`"${table.name}"`)} t
          where ${owner} = ${companyId} order by ${sql.raw(
            table.primaryKey.map((column) => `t."${column}"`).join(', '),
          )}`,
      );
      result[table.name] = rows.map((row) => row.row);
    }
    return result;
  });
}
