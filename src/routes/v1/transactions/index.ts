import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { storeCoordinator } from '../../../../durable-objects/store-coordinator';
import { type Authorization, authorizeOrApprove } from '../../../auth/approval';
import { authenticate, requirePermission } from '../../../auth/context';
import { userStoreAssignments } from '../../../db/schema';
import { inCompany } from '../../../db/tenancy';
import type { AuthedEnv } from '../../../env';
import { ApiError } from '../../../lib/errors';
import { validate } from '../../../lib/validation';
import { clientAddress } from '../../../services/audit';
import type { CreateSaleOutcome } from '../../../services/sales/create-sale';
import { type RemoteResult, unwrapRemoteResult } from '../../../services/sales/remote-errors';
import { loadSale } from '../../../services/sales/sale-view';
import { createSaleBody, transactionIdParam } from './schemas';

/** Owners sell in every store of their company; everyone else in the stores assigned to them. */
async function assertWorksInStore(c: Context<AuthedEnv>, storeId: string): Promise<void> {
  const { auth } = c.var;
  if (auth.role === 'owner') return;
  const [assignment] = await c.var.database.db
    .select({ id: userStoreAssignments.id })
    .from(userStoreAssignments)
    .where(
      inCompany(
        userStoreAssignments,
        auth.companyId,
        and(
          eq(userStoreAssignments.userId, auth.userId),
          eq(userStoreAssignments.storeId, storeId),
        ),
      ),
    );
  if (!assignment) throw new ApiError('FORBIDDEN', { detail: { key: 'sales.storeNotAssigned' } });
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
    if (input.orderDiscount || input.items.some((item) => item.lineDiscount)) {
      authorizations.push(await authorizeOrApprove(c, db, 'discount.apply', approval));
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
      input,
      at: new Date().toISOString(),
    });
    // RPC wraps the result type in its serialisable mirror; the value is exactly this shape.
    const outcome = unwrapRemoteResult(result as RemoteResult<CreateSaleOutcome>);
    return c.json(outcome.sale, outcome.status === 'created' ? 201 : 200);
  })
  .get('/:id', validate('param', transactionIdParam), async (c) => {
    const sale = await loadSale(c.var.database.db, c.var.auth.companyId, c.req.valid('param').id);
    if (!sale) throw new ApiError('NOT_FOUND', { detail: { key: 'sales.notFound' } });
    return c.json(sale);
  });
