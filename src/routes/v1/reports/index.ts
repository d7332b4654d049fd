import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import { assertWorksInStore } from '../../../auth/store-access';
import type { AuthedEnv } from '../../../env';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { type ReportScope, salesSummary } from '../../../services/reports/sales-summary';
import { salesSummaryQuery, salesSummarySchema } from './schemas';

/**
 * Reports (`reports.view`), read from the daily rollups (services/reports/). A report of one
 * store needs you to work there; `all` is every store you work in (owners: every store).
 */
export const reportRoutes = new Hono<AuthedEnv>().use(authenticate).get(
  '/sales-summary',
  operation({
    operationId: 'salesSummary',
    tag: 'reports',
    summary: { id: 'Ringkasan penjualan', en: 'Sales summary' },
    description: {
      id:
        'Per hari, minggu (ISO) atau bulan dari tanggal bisnis `from` sampai `to` (paling ' +
        'panjang 366 hari): jumlah transaksi, bruto, diskon, service, pajak, pembulatan, ' +
        'penjualan, refund dan void pada hari uangnya kembali, neto, rata-rata per transaksi. ' +
        '`freshness` menyebut hari yang perubahan terakhirnya belum terhitung.',
      en:
        'By day, ISO week or month over business dates `from`..`to` (at most 366 days): sales ' +
        'count, gross, discounts, service, tax, rounding, sales, refunds and voids on the day ' +
        'the money went back, net, average ticket. `freshness` names days whose latest changes ' +
        'are not counted yet.',
    },
    storeScope: 'query.storeId',
    responses: {
      200: { description: { id: 'Ringkasan', en: 'The summary' }, schema: salesSummarySchema },
    },
    errors: ['NOT_FOUND'],
  }),
  requirePermission('reports.view'),
  validate('query', salesSummaryQuery),
  async (c) => {
    const { storeId, ...range } = c.req.valid('query');
    const { auth } = c.var;
    let storeIds: ReportScope['storeIds'];
    if (storeId === 'all') {
      storeIds = auth.role === 'owner' ? 'company' : [...auth.storeIds];
    } else {
      await assertWorksInStore(c.var.database.db, auth, storeId);
      storeIds = [storeId];
    }
    return c.json(
      await salesSummary(c.var.database.db, { companyId: auth.companyId, storeIds }, range),
    );
  },
);
