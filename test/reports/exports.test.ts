import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { and, asc, eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  notifications,
  products,
  reportExports,
  stores,
  transactionItems,
  transactions,
} from '../../src/db/schema';
import worker from '../../src/index';
import { businessDate } from '../../src/lib/business-date';
import { type SaleShop, saleShop, sell, send } from '../sales/helpers';
import { withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import { deliver } from './helpers';

/**
 * Report files: built by the queue consumer into the REPORTS bucket, checked row by row against
 * the transactions, safe against formula injection, in both formats and languages, expired by
 * the daily cron, failed with a reason after the last attempt, and kept from other companies.
 */

interface ExportBody {
  id: string;
  status: string;
  rowCount: number | null;
  sizeBytes: number | null;
  error: string | null;
  fileName: string;
}

const evilName = '=HYPERLINK("http://evil.test","klik")';

/** Today's sales in a PBJT store: one of a product whose name is a formula, one voided. */
async function shopWithSales() {
  const shop = await saleShop();
  const today = businessDate(new Date(), shop.store.timezone, shop.store.businessDayCutoffHour);
  await withDatabase(({ db }) =>
    db.update(products).set({ name: evilName }).where(eq(products.id, shop.tea.productId)),
  );
  const made: string[] = [];
  for (const items of [
    [{ variantId: shop.coffee.id, quantity: 2 }],
    [
      { variantId: shop.tea.id, quantity: 1 },
      { variantId: shop.coffee.id, quantity: 1 },
    ],
    [{ variantId: shop.tea.id, quantity: 3 }],
  ]) {
    const response = await sell(shop.cashier, {
      storeId: shop.store.id,
      items,
      payments: [{ method: 'cash', tendered: 500_000 }],
    });
    expect(response.status).toBe(201);
    made.push((await response.json<{ id: string }>()).id);
  }
  const voided = await send(shop.manager.session, 'POST', `/api/v1/transactions/${made[2]}/void`, {
    reason: 'Salah input',
  });
  expect(voided.status).toBe(200);
  return { shop, today };
}

async function requestExport(
  shop: SaleShop,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<ExportBody> {
  const response = await send(shop.owner.session, 'POST', '/api/v1/reports/exports', body, headers);
  expect(response.status, await response.clone().text()).toBe(202);
  return response.json<ExportBody>();
}

/** Runs the export's job now (the queue's own consumer may get there too: both are harmless). */
async function built(shop: SaleShop, exported: ExportBody): Promise<ExportBody> {
  await deliver([{ type: 'reports.export', companyId: shop.companyId, exportId: exported.id }]);
  const response = await send(shop.owner.session, 'GET', `/api/v1/reports/exports/${exported.id}`);
  expect(response.status).toBe(200);
  return response.json<ExportBody>();
}

async function download(shop: SaleShop, id: string) {
  return send(shop.owner.session, 'GET', `/api/v1/reports/exports/${id}/download`);
}

/** RFC 4180 with CRLF, as csv.ts writes it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else field += char;
  }
  return rows;
}

describe('report exports', () => {
  it('write every line of the transactions, row by row, as CSV a spreadsheet reads safely', async () => {
    const { shop, today } = await shopWithSales();
    const requested = await requestExport(shop, {
      type: 'transactions',
      format: 'csv',
      params: { storeId: shop.store.id, from: today, to: today, granularity: 'line' },
    });
    expect(requested.status).toBe('queued');
    const ready = await built(shop, requested);
    expect(ready.status).toBe('ready');

    const response = await download(shop, ready.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="kasir-transactions-${today}_${today}.csv"`,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.byteLength).toBe(ready.sizeBytes);
    // UTF-8 with its byte-order mark, so Excel reads it as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    expect(header?.slice(0, 9)).toEqual([
      'Toko',
      'Nomor',
      'Jenis',
      'Status',
      'Tanggal bisnis',
      'Tanggal-waktu',
      'Kasir',
      'Baris',
      'Produk',
    ]);

    const expected = await withDatabase(({ db }) =>
      db
        .select({ sale: transactions, line: transactionItems, code: stores.code })
        .from(transactions)
        .innerJoin(stores, eq(stores.id, transactions.storeId))
        .innerJoin(transactionItems, eq(transactionItems.transactionId, transactions.id))
        .where(eq(transactions.companyId, shop.companyId))
        .orderBy(
          asc(transactions.businessDate),
          asc(transactions.createdAt),
          asc(transactions.id),
          asc(transactionItems.lineNumber),
        ),
    );
    expect(rows).toHaveLength(expected.length);
    expect(ready.rowCount).toBe(expected.length);
    const column = (name: string) => header?.indexOf(name) ?? -1;
    rows.forEach((row, index) => {
      const { sale, line, code } = expected[index] ?? {};
      expect(row[column('Toko')]).toBe(code);
      expect(row[column('Nomor')]).toBe(sale?.number);
      expect(row[column('Status')]).toBe(sale?.status);
      expect(row[column('Tanggal bisnis')]).toBe(sale?.businessDate);
      // The store's local time with its offset (WIB).
      const at = row[column('Tanggal-waktu')] ?? '';
      expect(at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
      expect(Date.parse(at)).toBe(Math.floor((sale?.createdAt.getTime() ?? 0) / 1000) * 1000);
      expect(row[column('Kasir')]).toBe(shop.cashier.user.name);
      expect(Number(row[column('Jumlah')])).toBe(line?.quantity);
      expect(Number(row[column('Harga satuan')])).toBe(line?.unitPrice);
      expect(Number(row[column('Neto')])).toBe(
        (line?.lineTotal ?? 0) - (line?.orderDiscountShare ?? 0),
      );
      expect(Number(row[column('Pajak')])).toBe(line?.taxAmount);
      // A name that is a formula stays text: written with a leading apostrophe.
      const product = line?.productName === evilName ? `'${evilName}` : line?.productName;
      expect(row[column('Produk')]).toBe(product);
    });
    expect(rows.some((row) => row[column('Produk')] === `'${evilName}`)).toBe(true);
  });

  it('write the PBJT transactions as cities collect them, in XLSX with English headers', async () => {
    const { shop, today } = await shopWithSales();
    const requested = await requestExport(
      shop,
      {
        type: 'pbjt-transactions',
        format: 'xlsx',
        params: { storeId: 'all', from: today, to: today },
      },
      { 'Accept-Language': 'en' },
    );
    const ready = await built(shop, requested);
    expect(ready).toMatchObject({ status: 'ready', rowCount: 3 });
    const response = await download(shop, ready.id);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    const rows = [...sheet.matchAll(/<row>(.*?)<\/row>/g)].map(([, row]) =>
      [
        ...(row ?? '').matchAll(
          /<c(?: t="inlineStr")?>(?:<v>(.*?)<\/v>|<is><t[^>]*>(.*?)<\/t><\/is>)<\/c>/g,
        ),
      ].map(([, number, text]) => (number !== undefined ? Number(number) : text)),
    );
    expect(rows[0]).toEqual([
      'Store',
      'Receipt number',
      'Date-time',
      'Tax base',
      'Service charge',
      'PBJT',
      'Total',
      'Status',
    ]);
    const sales = await withDatabase(({ db }) =>
      db
        .select()
        .from(transactions)
        .where(and(eq(transactions.companyId, shop.companyId), eq(transactions.kind, 'sale')))
        .orderBy(asc(transactions.createdAt), asc(transactions.id)),
    );
    expect(rows.slice(1)).toEqual(
      sales.map((sale) => [
        shop.store.code,
        sale.number,
        expect.stringMatching(/\+07:00$/),
        sale.taxBase,
        sale.serviceCharge,
        sale.taxTotal,
        sale.total,
        sale.status === 'voided' ? 'void' : 'ok',
      ]),
    );
    // Amounts are number cells, never formulas.
    expect(sheet).not.toContain('<f>');
  });

  it('keep a file from another company, and delete it when its retention ends', async () => {
    const { shop, today } = await shopWithSales();
    const ready = await built(
      shop,
      await requestExport(shop, {
        type: 'sales-summary',
        params: { storeId: shop.store.id, from: today, to: today },
      }),
    );
    expect(ready.status).toBe('ready');
    const other = await saleShop();
    for (const path of [
      `/api/v1/reports/exports/${ready.id}`,
      `/api/v1/reports/exports/${ready.id}/download`,
    ]) {
      const response = await send(other.owner.session, 'GET', path);
      expect(response.status).toBe(404);
    }
    const key = `exports/${shop.companyId}/${ready.id}.csv`;
    expect(await env.REPORTS.head(key)).not.toBeNull();

    await withDatabase(({ db }) =>
      db
        .update(reportExports)
        .set({ expiresAt: new Date(Date.now() - 60_000) })
        .where(eq(reportExports.id, ready.id)),
    );
    await worker.scheduled(
      createScheduledController({ cron: '0 19 * * *', scheduledTime: new Date() }),
      env,
    );
    expect(await env.REPORTS.head(key)).toBeNull();
    const gone = await download(shop, ready.id);
    expect(gone.status).toBe(410);
    expect((await readProblem(gone)).code).toBe('GONE');
    const view = await send(shop.owner.session, 'GET', `/api/v1/reports/exports/${ready.id}`);
    expect((await view.json<ExportBody>()).status).toBe('expired');
  });

  it('fails with its reason after the last attempt, and tells its requester', async () => {
    const { shop, today } = await shopWithSales();
    const requested = await requestExport(shop, {
      type: 'payments',
      params: { storeId: shop.store.id, from: today, to: today },
    });
    // A file that cannot be built: its parameters were corrupted after the request.
    await withDatabase(({ db }) =>
      db
        .update(reportExports)
        .set({ params: { from: 'kemarin', to: today } })
        .where(eq(reportExports.id, requested.id)),
    );
    const job = {
      type: 'reports.export' as const,
      companyId: shop.companyId,
      exportId: requested.id,
    };
    const first = await deliver([job], 1);
    expect(first.retryMessages).toHaveLength(1);
    const retrying = await (
      await send(shop.owner.session, 'GET', `/api/v1/reports/exports/${requested.id}`)
    ).json<ExportBody>();
    expect(retrying.status).toBe('queued');
    expect(retrying.error).toBeTruthy();

    const last = await deliver([job], 6);
    expect(last.retryMessages).toHaveLength(1);
    const failed = await (
      await send(shop.owner.session, 'GET', `/api/v1/reports/exports/${requested.id}`)
    ).json<ExportBody>();
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('kemarin');
    const download409 = await download(shop, requested.id);
    expect(download409.status).toBe(409);
    const [notice] = await withDatabase(({ db }) =>
      db
        .select()
        .from(notifications)
        .where(
          and(eq(notifications.companyId, shop.companyId), eq(notifications.kind, 'report_export')),
        ),
    );
    expect(notice).toMatchObject({
      recipientId: shop.owner.user.id,
      data: expect.objectContaining({ exportId: requested.id, status: 'failed' }),
    });
  });

  it('build every type, in both formats', async () => {
    const { shop, today } = await shopWithSales();
    const types = [
      'sales-summary',
      'items',
      'options',
      'payments',
      'cashiers',
      'hours',
      'voids-refunds',
      'taxes',
      'transactions',
      'pbjt-transactions',
      'ppn-monthly',
    ];
    for (const type of types) {
      for (const format of ['csv', 'xlsx']) {
        const exported = await built(
          shop,
          await requestExport(shop, {
            type,
            format,
            params: { storeId: shop.store.id, from: today, to: today },
          }),
        );
        expect(exported.status, `${type} ${format}: ${exported.error}`).toBe('ready');
        const file = await download(shop, exported.id);
        expect(file.status).toBe(200);
        expect((await file.arrayBuffer()).byteLength).toBe(exported.sizeBytes);
      }
    }
  });

  it('refuses a range too long for a transactions file, an unknown type, and a cashier', async () => {
    const { shop } = await shopWithSales();
    const tooLong = await send(shop.owner.session, 'POST', '/api/v1/reports/exports', {
      type: 'transactions',
      params: { storeId: shop.store.id, from: '2026-01-01', to: '2026-06-30' },
    });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(await readProblem(tooLong))).toContain('92');
    const unknown = await send(shop.owner.session, 'POST', '/api/v1/reports/exports', {
      type: 'everything',
      params: { storeId: shop.store.id, from: '2026-12-01', to: '2026-12-01' },
    });
    expect(unknown.status).toBe(400);
    const cashier = await send(shop.cashier.session, 'POST', '/api/v1/reports/exports', {
      type: 'payments',
      params: { storeId: shop.store.id, from: '2026-12-01', to: '2026-12-01' },
    });
    expect(cashier.status).toBe(403);
    const rows = await withDatabase(({ db }) =>
      db.select().from(reportExports).where(eq(reportExports.companyId, shop.companyId)),
    );
    expect(rows).toEqual([]);
  });
});
