import type { Context } from 'hono';
import { Hono } from 'hono';
import { callStore } from '../../../../durable-objects/store-calls';
import { authorizeOrApprove } from '../../../auth/approval';
import { authenticate, requirePermission } from '../../../auth/context';
import {
  assertWorksInKnownStore,
  assertWorksInRequestStore,
  assertWorksInStore,
} from '../../../auth/store-access';
import type { AuthedEnv } from '../../../env';
import { ApiError } from '../../../lib/errors';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { lowStockJobs } from '../../../queues/low-stock';
import { reportsRecomputeJobs } from '../../../queues/reports-recompute';
import { sendJobs } from '../../../queues/send-jobs';
import { columnsForPaper, renderReceipt } from '../../../services/receipts/render';
import { effectiveTemplate } from '../../../services/receipts/template-cache';
import type { StoreDay } from '../../../services/reports/rollups';
import type { CreateSaleOutcome } from '../../../services/sales/create-sale';
import { listSales } from '../../../services/sales/list-sales';
import { receiptDataFor } from '../../../services/sales/receipt';
import { refundSale } from '../../../services/sales/refund-sale';
import { findSaleStore, loadSale } from '../../../services/sales/sale-view';
import { voidSale } from '../../../services/sales/void-sale';
import type { LowStockCrossing } from '../../../services/stock';
import { approvalDeps } from '../approval-deps';
import { saleAuthorizations } from '../sale-authorizations';
import {
  createSaleBody,
  listSalesQuery,
  receiptBodySchema,
  receiptQuery,
  refundBody,
  refundResultSchema,
  salePageSchema,
  saleSchema,
  transactionIdParam,
  voidBody,
} from './schemas';

const saleNotFound = () => new ApiError('NOT_FOUND', { detail: { key: 'sales.notFound' } });

/** A sale of the caller's company, in a store they work in: 404 otherwise, 403 if another store. */
async function requireSale(c: Context<AuthedEnv>, id: string) {
  const sale = await loadSale(c.var.database.db, c.var.auth.companyId, id);
  if (!sale) throw saleNotFound();
  assertWorksInKnownStore(c.var.auth, sale.storeId);
  return sale;
}

/** The store of a sale about to be changed, checked against the store rule. */
async function requireSaleStore(c: Context<AuthedEnv>, id: string): Promise<string> {
  const storeId = await findSaleStore(c.var.database.db, c.var.auth.companyId, id);
  if (!storeId) throw saleNotFound();
  assertWorksInKnownStore(c.var.auth, storeId);
  return storeId;
}

/** After a void or refund: low-stock alerts, and the reports of the day the money went back. */
function sendJobsAfterResponse(
  c: Context<AuthedEnv>,
  outcome: { lowStock: LowStockCrossing[]; day: StoreDay },
): void {
  const { companyId } = c.var.auth;
  c.executionCtx.waitUntil(
    sendJobs(
      c.env.JOBS,
      [
        ...lowStockJobs(companyId, outcome.lowStock),
        ...reportsRecomputeJobs(companyId, [outcome.day]),
      ],
      c.var.logger,
    ),
  );
}

const approvalNote = {
  id:
    'Kasir tanpa izin ini boleh menyertakan `approval` (approverId + PIN atau kata sandi manajer ' +
    'yang bekerja di toko ini); PIN yang salah berulang kali mengunci sementara (429).',
  en:
    'A cashier without this permission may send `approval` (the approverId and PIN or password ' +
    'of a manager who works in this store); repeated wrong PINs lock it for a while (429).',
};

const receiptDescription = {
  id: 'Struk (HTML, atau teks polos untuk printer thermal)',
  en: 'The receipt (HTML, or plain text for a thermal printer)',
};

export const saleRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .post(
    '/',
    operation({
      operationId: 'createSale',
      tag: 'sales',
      summary: { id: 'Catat penjualan', en: 'Record a sale' },
      description: {
        id:
          'Server menghitung semua nominal (harga katalog, diskon, service charge, pajak, ' +
          'pembulatan tunai) dan memberi nomor urut toko. Kirim `id` buatan klien agar percobaan ' +
          'ulang aman: id dan isi yang sama dijawab 200 dengan penjualan semula, id sama dengan ' +
          'isi lain 409. `expectedTotal` yang berbeda dari hitungan server dijawab 422. Hanya ' +
          'harga manual (`unitPrice`) yang perlu price.override, dan hanya diskon di atas batas ' +
          'toko yang perlu discount.apply: dipegang kasir sendiri atau lewat `approval` manajer ' +
          '(PIN).',
        en:
          'The server computes every amount (catalog prices, discounts, service charge, tax, ' +
          'cash rounding) and numbers the sale in its store. Send a client-made `id` so retries ' +
          'are safe: the same id and body answer 200 with the original sale, the same id with ' +
          'another body 409. An `expectedTotal` other than the server total answers 422. Only ' +
          'a manual `unitPrice` needs price.override, and only a discount above the store limit ' +
          'needs discount.apply: held by the cashier or given by a manager’s `approval` (PIN).',
      },
      approvablePermissions: ['price.override', 'discount.apply'],
      storeScope: 'body.storeId',
      requestExample: {
        id: '0194f3a2-7c1e-7b3a-9d2e-5f6a7b8c9d0e',
        storeId: '0194f3a0-1b2c-7d3e-8f4a-5b6c7d8e9f01',
        items: [{ variantId: '0194f3a1-2c3d-7e4f-8a5b-6c7d8e9f0a12', quantity: 2 }],
        payments: [{ method: 'cash', tendered: 100_000 }],
        clientReference: 'KASIR1-000123',
        note: 'Es sedikit',
      },
      responses: {
        201: { description: { id: 'Penjualan dicatat', en: 'Recorded' }, schema: saleSchema },
        200: {
          description: {
            id: 'Percobaan ulang: penjualan yang sudah tercatat',
            en: 'A retry: the sale already recorded',
          },
          schema: saleSchema,
        },
      },
      errors: ['NOT_FOUND', 'CONFLICT', 'UNPROCESSABLE', 'RATE_LIMITED'],
    }),
    requirePermission('sales.create'),
    validate('json', createSaleBody),
    async (c) => {
      const { approval, ...input } = c.req.valid('json');
      const { auth } = c.var;
      await assertWorksInRequestStore(c, input.storeId);

      const { authorizations, discountAllowed } = await saleAuthorizations(c, input, approval);
      const outcome = await callStore<CreateSaleOutcome>(c, input.storeId, (store) =>
        store.createSale({
          companyId: auth.companyId,
          cashierId: auth.userId,
          deviceSessionId: auth.sessionId,
          requestId: c.var.requestId,
          ipAddress: c.var.clientAddress,
          authorizations,
          discountAllowed,
          input,
          at: c.var.now.toISOString(),
        }),
      );
      return c.json(outcome.sale, outcome.status === 'created' ? 201 : 200);
    },
  )
  .post(
    '/:id/void',
    operation({
      operationId: 'voidSale',
      tag: 'sales',
      summary: { id: 'Batalkan (void) penjualan', en: 'Void a sale' },
      description: {
        id:
          'Seluruh penjualan dibatalkan: status menjadi voided (nomornya tetap terpakai) dan stok ' +
          'kembali. Penjualan yang sudah di-void atau di-refund (sebagian) dijawab 422. ' +
          approvalNote.id,
        en:
          'Voids the whole sale: its status becomes voided (the number stays taken) and the ' +
          'stock comes back. A sale already voided or (partly) refunded answers 422. ' +
          approvalNote.en,
      },
      approvablePermissions: ['sales.void'],
      storeScope: 'sale',
      requestExample: {
        reason: 'Salah input pesanan',
        approval: { approverId: '0194f3a3-8d2f-7c4b-9e3f-6a7b8c9d0e1f', pin: '1357' },
      },
      responses: {
        200: {
          description: { id: 'Penjualan yang di-void', en: 'The voided sale' },
          schema: saleSchema,
        },
      },
      errors: ['UNPROCESSABLE', 'RATE_LIMITED'],
    }),
    validate('param', transactionIdParam),
    validate('json', voidBody),
    async (c) => {
      const { reason, approval } = c.req.valid('json');
      const { id } = c.req.valid('param');
      const storeId = await requireSaleStore(c, id);
      const authorization = await authorizeOrApprove(
        approvalDeps(c),
        'sales.void',
        approval,
        storeId,
      );
      const voided = await voidSale(c.var.database.db, c.var.auth, id, reason, authorization);
      sendJobsAfterResponse(c, voided);
      return c.json(await requireSale(c, id));
    },
  )
  .post(
    '/:id/refunds',
    operation({
      operationId: 'refundSale',
      tag: 'sales',
      summary: { id: 'Refund penjualan', en: 'Refund a sale' },
      description: {
        id:
          'Mengembalikan sebagian atau semua baris sebagai transaksi refund yang terhubung ke ' +
          'penjualan; jumlah tidak pernah melebihi yang terjual, stok kembali, dan penjualan ' +
          'menjadi partially_refunded atau refunded. Tanpa `payments`, uang kembali tunai; ' +
          'jika ada, jumlahnya harus sama dengan nilai refund (422). ' +
          approvalNote.id,
        en:
          'Returns some or all lines as a refund transaction linked to the sale; quantities never ' +
          'exceed what was sold, the stock comes back, and the sale becomes partially_refunded ' +
          'or refunded. Without `payments` the money goes back in cash; with them they must add ' +
          'up to the refund amount (422). ' +
          approvalNote.en,
      },
      approvablePermissions: ['sales.refund'],
      storeScope: 'sale',
      requestExample: {
        reason: 'Pelanggan komplain',
        items: [{ lineNumber: 1, quantity: 1 }],
      },
      responses: {
        201: {
          description: { id: 'Refund dicatat', en: 'The refund and the sale' },
          schema: refundResultSchema,
        },
      },
      errors: ['UNPROCESSABLE', 'RATE_LIMITED'],
    }),
    validate('param', transactionIdParam),
    validate('json', refundBody),
    async (c) => {
      const { approval, ...input } = c.req.valid('json');
      const { id } = c.req.valid('param');
      const storeId = await requireSaleStore(c, id);
      const authorization = await authorizeOrApprove(
        approvalDeps(c),
        'sales.refund',
        approval,
        storeId,
      );
      const refund = await refundSale(c.var.database.db, c.var.auth, id, input, authorization);
      sendJobsAfterResponse(c, refund);
      return c.json(
        { refund: await requireSale(c, refund.refundId), sale: await requireSale(c, id) },
        201,
      );
    },
  )
  .get(
    '/:id/receipt',
    operation({
      operationId: 'getSaleReceipt',
      tag: 'sales',
      summary: { id: 'Struk penjualan', en: 'The receipt of a sale' },
      description: {
        id:
          'Dirender dengan template struk toko. `format=html` (bawaan) atau `text`; `width` 32 ' +
          'atau 48 kolom untuk teks (bawaan: sesuai lebar kertas template).',
        en:
          'Rendered with the store’s receipt template. `format=html` (default) or `text`; ' +
          '`width` 32 or 48 columns for text (default: from the template’s paper width).',
      },
      storeScope: 'sale',
      responses: {
        200: {
          description: receiptDescription,
          schema: receiptBodySchema,
          mediaType: ['text/html', 'text/plain'],
        },
      },
    }),
    validate('param', transactionIdParam),
    validate('query', receiptQuery),
    async (c) => {
      const query = c.req.valid('query');
      const db = c.var.database.db;
      const sale = await requireSale(c, c.req.valid('param').id);
      const template = await effectiveTemplate(c.env, db, sale.companyId, sale.storeId);
      const width =
        query.width === 48 || query.width === 32
          ? query.width
          : columnsForPaper(template.paperWidthMm);
      const body = await renderReceipt(template, await receiptDataFor(db, sale), {
        format: query.format,
        width,
      });
      return query.format === 'html' ? c.html(body) : c.text(body);
    },
  )
  .get(
    '/',
    operation({
      operationId: 'listSales',
      tag: 'sales',
      summary: { id: 'Daftar penjualan dan refund', en: 'List sales and refunds' },
      description: {
        id:
          'Penjualan dan refund di toko tempat pemanggil bekerja, terbaru dulu, per halaman ' +
          '(`nextCursor` → `?cursor=`), tanpa baris dan pembayaran (lihat GET /{id}). `from`/`to` ' +
          'adalah tanggal bisnis (inklusif).',
        en:
          'Sales and refunds in the stores the caller works in, newest first, paged ' +
          '(`nextCursor` → `?cursor=`), without lines and payments (see GET /{id}). `from`/`to` ' +
          'are business dates (inclusive).',
      },
      storeScope: 'query.storeId',
      responses: {
        200: { description: { id: 'Satu halaman', en: 'One page' }, schema: salePageSchema },
      },
      errors: ['NOT_FOUND'],
    }),
    validate('query', listSalesQuery),
    async (c) => {
      const query = c.req.valid('query');
      if (query.storeId) await assertWorksInStore(c.var.database.db, c.var.auth, query.storeId);
      return c.json(await listSales(c.var.database.db, c.var.auth, query));
    },
  )
  .get(
    '/:id',
    operation({
      operationId: 'getSale',
      tag: 'sales',
      summary: { id: 'Satu penjualan', en: 'One sale' },
      description: {
        id: 'Penjualan atau refund dengan baris, pembayaran dan refund-nya.',
        en: 'A sale or refund with its lines, payments and refunds.',
      },
      storeScope: 'sale',
      responses: {
        200: { description: { id: 'Penjualan', en: 'The sale' }, schema: saleSchema },
      },
    }),
    validate('param', transactionIdParam),
    async (c) => c.json(await requireSale(c, c.req.valid('param').id)),
  );
