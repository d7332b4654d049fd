import type { Context } from 'hono';
import { Hono } from 'hono';
import { callStore } from '../../../../durable-objects/store-calls';
import { type ApprovalDeps, type Authorization, authorizeOrApprove } from '../../../auth/approval';
import { authenticate, requirePermission } from '../../../auth/context';
import { hasPermission } from '../../../auth/policy';
import { assertWorksInKnownStore, assertWorksInStore } from '../../../auth/store-access';
import type { AuthedEnv } from '../../../env';
import { ApiError } from '../../../lib/errors';
import { validate } from '../../../lib/validation';
import { lowStockJobs } from '../../../queues/low-stock';
import { sendJobs } from '../../../queues/send-jobs';
import { columnsForPaper, renderReceipt } from '../../../services/receipts/render';
import { effectiveTemplate } from '../../../services/receipts/template-cache';
import type { CreateSaleOutcome } from '../../../services/sales/create-sale';
import { listSales } from '../../../services/sales/list-sales';
import { receiptDataFor } from '../../../services/sales/receipt';
import { refundSale } from '../../../services/sales/refund-sale';
import { findSaleStore, loadSale } from '../../../services/sales/sale-view';
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

function approvalDeps(c: Context<AuthedEnv>): ApprovalDeps {
  return {
    db: c.var.database.db,
    actor: c.var.auth,
    now: c.var.now,
    logger: c.var.logger,
    jobs: c.env.JOBS,
  };
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
    await assertWorksInStore(c.var.database.db, auth, input.storeId);

    const deps = approvalDeps(c);
    const authorizations: Authorization[] = [];
    if (input.items.some((item) => item.unitPrice !== undefined)) {
      authorizations.push(
        await authorizeOrApprove(deps, 'price.override', approval, input.storeId),
      );
    }
    // Whether a discount needs discount.apply depends on the store's limit and the gross
    // subtotal, which the store's object knows; here the permission or approval is resolved.
    const discounted = Boolean(
      input.orderDiscount || input.items.some((item) => item.lineDiscount),
    );
    let discountAllowed = false;
    if (discounted && (hasPermission(auth, 'discount.apply') || approval)) {
      authorizations.push(
        await authorizeOrApprove(deps, 'discount.apply', approval, input.storeId),
      );
      discountAllowed = true;
    }
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
  })
  .post(
    '/:id/void',
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
      const { lowStock } = await voidSale(c.var.database.db, c.var.auth, id, reason, authorization);
      sendAlertsAfterResponse(c, lowStock);
      return c.json(await requireSale(c, id));
    },
  )
  .post(
    '/:id/refunds',
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
      sendAlertsAfterResponse(c, refund.lowStock);
      return c.json(
        { refund: await requireSale(c, refund.refundId), sale: await requireSale(c, id) },
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
  .get('/', validate('query', listSalesQuery), async (c) => {
    const query = c.req.valid('query');
    if (query.storeId) await assertWorksInStore(c.var.database.db, c.var.auth, query.storeId);
    return c.json(await listSales(c.var.database.db, c.var.auth, query));
  })
  .get('/:id', validate('param', transactionIdParam), async (c) =>
    c.json(await requireSale(c, c.req.valid('param').id)),
  );
