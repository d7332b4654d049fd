import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { type OperationSpec, operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { hoursReport, staffReport } from '../../../services/reports/breakdowns';
import { itemsReport, optionsReport } from '../../../services/reports/item-sales';
import { paymentsReport } from '../../../services/reports/payment-sales';
import { salesSummary } from '../../../services/reports/sales-summary';
import { taxesReport } from '../../../services/reports/tax-sales';
import { voidsAndRefunds } from '../../../services/reports/voids-refunds';
import { exportRoutes } from './exports';
import {
  hoursQuery,
  hoursReportSchema,
  itemsQuery,
  itemsReportSchema,
  optionsQuery,
  optionsReportSchema,
  paymentsReportSchema,
  rangeQuery,
  salesSummaryQuery,
  salesSummarySchema,
  staffQuery,
  staffReportSchema,
  taxesReportSchema,
  voidsRefundsQuery,
  voidsRefundsSchema,
} from './schemas';
import { reportScopeOf } from './scope';

/**
 * Reports (`reports.view`), read from the daily rollups (services/reports/), and their files
 * (./exports.ts). A report of one store needs you to work there; `all` is every store you work
 * in (owners: every store).
 */
const ofReport = {
  tag: 'reports',
  storeScope: 'query.storeId',
  errors: ['NOT_FOUND'],
} satisfies Partial<OperationSpec>;

const fromRollups = {
  id: ' Dari rollup harian; `freshness` menyebut hari yang perubahan terakhirnya belum terhitung.',
  en: ' From the daily rollups; `freshness` names days whose latest changes are not counted yet.',
};

export const reportRoutes = new Hono<AuthedEnv>()
  .route('/exports', exportRoutes)
  .use(authenticate)
  .get(
    '/sales-summary',
    operation({
      ...ofReport,
      operationId: 'salesSummary',
      summary: { id: 'Ringkasan penjualan', en: 'Sales summary' },
      description: {
        id:
          'Per hari, minggu (ISO) atau bulan dari tanggal bisnis `from` sampai `to` (paling ' +
          'panjang 366 hari): jumlah transaksi, bruto, diskon, service, pajak, pembulatan, ' +
          'penjualan, refund dan void pada hari uangnya kembali, neto, rata-rata per transaksi.' +
          fromRollups.id,
        en:
          'By day, ISO week or month over business dates `from`..`to` (at most 366 days): sales ' +
          'count, gross, discounts, service, tax, rounding, sales, refunds and voids on the day ' +
          'the money went back, net, average ticket.' +
          fromRollups.en,
      },
      responses: {
        200: { description: { id: 'Ringkasan', en: 'The summary' }, schema: salesSummarySchema },
      },
    }),
    requirePermission('reports.view'),
    validate('query', salesSummaryQuery),
    async (c) => {
      const { storeId, ...query } = c.req.valid('query');
      return c.json(await salesSummary(c.var.database.db, await reportScopeOf(c, storeId), query));
    },
  )
  .get(
    '/items',
    operation({
      ...ofReport,
      operationId: 'itemsReport',
      summary: { id: 'Penjualan per item', en: 'Sales by item' },
      description: {
        id:
          'Per varian, produk atau kategori (nama saat ini): jumlah, bruto, diskon, neto, HPP ' +
          'dan laba kotor, refund dan void; N teratas menurut jumlah atau neto, dengan total ' +
          'semua item.' +
          fromRollups.id,
        en:
          'By variant, product or category (names as they are now): quantity, gross, ' +
          'discounts, net, cost and gross profit, refunds and voids; the top N by quantity or ' +
          'net, with the totals of every item.' +
          fromRollups.en,
      },
      responses: {
        200: { description: { id: 'Item', en: 'The items' }, schema: itemsReportSchema },
      },
    }),
    requirePermission('reports.view'),
    validate('query', itemsQuery),
    async (c) => {
      const { storeId, ...query } = c.req.valid('query');
      return c.json(await itemsReport(c.var.database.db, await reportScopeOf(c, storeId), query));
    },
  )
  .get(
    '/options',
    operation({
      ...ofReport,
      operationId: 'optionsReport',
      summary: { id: 'Penjualan per opsi modifier', en: 'Sales by modifier option' },
      description: {
        id: `Opsi yang paling sering dipilih dan tambahan harganya.${fromRollups.id}`,
        en: `The options chosen most, and what they added.${fromRollups.en}`,
      },
      responses: {
        200: { description: { id: 'Opsi', en: 'The options' }, schema: optionsReportSchema },
      },
    }),
    requirePermission('reports.view'),
    validate('query', optionsQuery),
    async (c) => {
      const { storeId, ...query } = c.req.valid('query');
      return c.json(await optionsReport(c.var.database.db, await reportScopeOf(c, storeId), query));
    },
  )
  .get(
    '/payments',
    operation({
      ...ofReport,
      operationId: 'paymentsReport',
      summary: { id: 'Penjualan per metode bayar', en: 'Sales by payment method' },
      description: {
        id:
          'Tunai, QRIS, kartu, transfer, e-wallet: yang dibayar penjualan (tanpa kembalian), ' +
          'refund dan void lewat metode itu, neto.' +
          fromRollups.id,
        en:
          'Cash, QRIS, card, transfer, e-wallet: what sales paid (change excluded), refunds ' +
          'and voids through the method, net.' +
          fromRollups.en,
      },
      responses: {
        200: {
          description: { id: 'Metode bayar', en: 'The methods' },
          schema: paymentsReportSchema,
        },
      },
    }),
    requirePermission('reports.view'),
    validate('query', rangeQuery),
    async (c) => {
      const { storeId, ...range } = c.req.valid('query');
      return c.json(
        await paymentsReport(c.var.database.db, await reportScopeOf(c, storeId), range),
      );
    },
  )
  .get(
    '/cashiers',
    operation({
      ...ofReport,
      operationId: 'cashiersReport',
      summary: { id: 'Penjualan per kasir, perangkat atau shift', en: 'Sales by cashier' },
      description: {
        id:
          'Per kasir, perangkat atau shift: penjualan, refund (oleh pembuatnya), void (atas ' +
          'kasir penjualannya), neto, rata-rata per transaksi.' +
          fromRollups.id,
        en:
          'By cashier, device or shift: sales, refunds (by who made them), voids (against the ' +
          'sale’s cashier), net, average ticket.' +
          fromRollups.en,
      },
      responses: {
        200: { description: { id: 'Kasir', en: 'The cashiers' }, schema: staffReportSchema },
      },
    }),
    requirePermission('reports.view'),
    validate('query', staffQuery),
    async (c) => {
      const { storeId, ...query } = c.req.valid('query');
      return c.json(await staffReport(c.var.database.db, await reportScopeOf(c, storeId), query));
    },
  )
  .get(
    '/hours',
    operation({
      ...ofReport,
      operationId: 'hoursReport',
      summary: { id: 'Jam ramai', en: 'Busy hours' },
      description: {
        id:
          'Ke-24 jam waktu toko: dijumlah atas rentang, atau rata-rata per hari kalender.' +
          fromRollups.id,
        en:
          'The 24 store-local hours: summed over the range, or averaged per calendar day.' +
          fromRollups.en,
      },
      responses: {
        200: { description: { id: 'Jam', en: 'The hours' }, schema: hoursReportSchema },
      },
    }),
    requirePermission('reports.view'),
    validate('query', hoursQuery),
    async (c) => {
      const { storeId, ...query } = c.req.valid('query');
      return c.json(await hoursReport(c.var.database.db, await reportScopeOf(c, storeId), query));
    },
  )
  .get(
    '/voids-refunds',
    operation({
      ...ofReport,
      operationId: 'voidsRefundsReport',
      summary: { id: 'Void dan refund', en: 'Voids and refunds' },
      description: {
        id:
          'Daftar void dan refund pada tanggal bisnisnya sendiri, terbaru dulu: alasan, siapa ' +
          'yang melakukan dan menyetujui, penjualan asalnya dan tanggalnya.',
        en:
          'The voids and refunds on their own business dates, newest first: reason, who did ' +
          'and who approved them, the sale they undid and its date.',
      },
      responses: {
        200: {
          description: { id: 'Void dan refund', en: 'Voids and refunds' },
          schema: voidsRefundsSchema,
        },
      },
      errors: ['NOT_FOUND', 'INVALID_CURSOR'],
    }),
    requirePermission('reports.view'),
    validate('query', voidsRefundsQuery),
    async (c) => {
      const { storeId, ...query } = c.req.valid('query');
      return c.json(
        await voidsAndRefunds(c.var.database.db, await reportScopeOf(c, storeId), query),
      );
    },
  )
  .get(
    '/taxes',
    operation({
      ...ofReport,
      operationId: 'taxesReport',
      summary: { id: 'Pajak (PPN/PBJT)', en: 'Taxes (PPN/PBJT)' },
      description: {
        id:
          'Per hari dan per rezim serta tarif: DPP, service, pajak, total, dikurangi void hari ' +
          'itu; dan totalnya per rezim. Refund tidak termasuk (lihat void-refund).' +
          fromRollups.id,
        en:
          'Per day and per regime and rate: tax base (DPP), service, tax, total, less that ' +
          'day’s voids; and the totals per regime. Refunds are not in it (see voids-refunds).' +
          fromRollups.en,
      },
      responses: {
        200: { description: { id: 'Pajak', en: 'The taxes' }, schema: taxesReportSchema },
      },
    }),
    requirePermission('reports.view'),
    validate('query', rangeQuery),
    async (c) => {
      const { storeId, ...range } = c.req.valid('query');
      return c.json(await taxesReport(c.var.database.db, await reportScopeOf(c, storeId), range));
    },
  );
