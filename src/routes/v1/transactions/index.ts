import type { Context } from 'hono';
import { Hono } from 'hono';
import { storeCoordinator } from '../../../../durable-objects/store-coordinator';
import { type Authorization, authorizeOrApprove } from '../../../auth/approval';
import { authenticate, requirePermission } from '../../../auth/context';
import { assertWorksInStore } from '../../../auth/store-access';
import type { AuthedEnv } from '../../../env';
import { ApiError } from '../../../lib/errors';
import { validate } from '../../../lib/validation';
import { lowStockJobs } from '../../../queues/low-stock';
import { sendJobs } from '../../../queues/send-jobs';
import { auditActor, clientAddress } from '../../../services/audit';
import { columnsForPaper, renderReceipt } from '../../../services/receipts/render';
import { effectiveTemplate } from '../../../services/receipts/template-cache';
import type { CreateSaleOutcome } from '../../../services/sales/create-sale';
import { listSales } from '../../../services/sales/list-sales';
import { receiptDataFor } from '../../../services/sales/receipt';
import { refundSale } from '../../../services/sales/refund-sale';
import { type RemoteResult, unwrapRemoteResult } from '../../../services/sales/remote-errors';
import { loadSale } from '../../../services/sales/sale-view';
import { voidSale } from '../../../services/sales/void-sale';
import type { LowStockCrossing } from '../../../services/stock';
import {
  createSaleBody,
  listSalesQuery,
  receiptQuery,
  refundBody,
  transactionIdParam,
  voidBody,
} from './schemas';

function saleActor(c: Context<AuthedEnv>) {
  return { ...auditActor(c), actorUserId: c.var.auth.userId };
}

async function requireSale(c: Context<AuthedEnv>, id: string) {
  const sale = await loadSale(c.var.database.db, c.var.auth.companyId, id);
  if (!sale) throw new ApiError('NOT_FOUND', { detail: { key: 'sales.notFound' } });
  return sale;
}

function sendAlertsAfterResponse(c: Context<AuthedEnv>, lowStock: LowStockCrossing[]): void {
  if (lowStock.length === 0) return;
  c.executionCtx.waitUntil(
    sendJobs(c.env.JOBS, lowStockJobs(c.var.auth.companyId, lowStock), c.var.logger),
  );
}

export const transactionRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .post('/', requirePermission('sales.create'), validate('json', createSaleBody), async (c) => {
    const { approval, ...input } = c.req.valid('json');
    const { auth } = c.var;
    const db = c.var.database.db;
    await assertWorksInStore(c, input.storeId);

    const authorizations: Authorization[] = [];
    if (input.items.some((item) => item.unitPrice !== undefined)) {
      authorizations.push(await authorizeOrApprove(c, db, 'price.override', approval));
    }
    // Whether a discount needs discount.apply depends on the store's limit and the gross
    // subtotal, which the store's object knows; here the permission or approval is resolved.
    const discounted = Boolean(
      input.orderDiscount || input.items.some((item) => item.lineDiscount),
    );
    let discountAllowed = false;
    if (discounted && (auth.permissions.has('discount.apply') || approval)) {
      authorizations.push(await authorizeOrApprove(c, db, 'discount.apply', approval));
      discountAllowed = true;
    }
    // The store's object opens its own connection; the embedded Postgres of the local stack
    // serves one at a time, so this request lets go of its own before handing over.
    await c.var.database.close();

    const result = await storeCoordinator(c.env, input.storeId).createSale({
      companyId: auth.companyId,
      cashierId: auth.userId,
      deviceSessionId: auth.sessionId,
      requestId: c.var.requestId,
      ipAddress: clientAddress(c),
      authorizations,
      discountAllowed,
      input,
      at: new Date().toISOString(),
    });
    // RPC wraps the result type in its serialisable mirror; the value is exactly this shape.
    const outcome = unwrapRemoteResult(result as RemoteResult<CreateSaleOutcome>);
    return c.json(outcome.sale, outcome.status === 'created' ? 201 : 200);
  })
  .post(
    '/:id/void',
    validate('param', transactionIdParam),
    validate('json', voidBody),
    async (c) => {
      const { reason, approval } = c.req.valid('json');
      const db = c.var.database.db;
      const authorization = await authorizeOrApprove(c, db, 'sales.void', approval);
      const { lowStock } = await voidSale(
        db,
        saleActor(c),
        c.req.valid('param').id,
        reason,
        authorization,
      );
      sendAlertsAfterResponse(c, lowStock);
      return c.json(await requireSale(c, c.req.valid('param').id));
    },
  )
  .post(
    '/:id/refunds',
    validate('param', transactionIdParam),
    validate('json', refundBody),
    async (c) => {
      const { approval, ...input } = c.req.valid('json');
      const db = c.var.database.db;
      const authorization = await authorizeOrApprove(c, db, 'sales.refund', approval);
      const refund = await refundSale(
        db,
        saleActor(c),
        c.req.valid('param').id,
        input,
        authorization,
      );
      sendAlertsAfterResponse(c, refund.lowStock);
      return c.json(
        {
          refund: await requireSale(c, refund.refundId),
          sale: await requireSale(c, c.req.valid('param').id),
        },
        201,
      );
    },
  )
  .get(
    '/:id/receipt',
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
  .get('/', validate('query', listSalesQuery), async (c) =>
    c.json(await listSales(c.var.database.db, c.var.auth.companyId, c.req.valid('query'))),
  )
  .get('/:id', validate('param', transactionIdParam), async (c) => {
    const sale = await loadSale(c.var.database.db, c.var.auth.companyId, c.req.valid('param').id);
    if (!sale) throw new ApiError('NOT_FOUND', { detail: { key: 'sales.notFound' } });
    return c.json(sale);
  });
