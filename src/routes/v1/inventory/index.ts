import type { Context } from 'hono';
import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { validate } from '../../../lib/validation';
import { lowStockJobs } from '../../../queues/low-stock';
import { sendJobs } from '../../../queues/send-jobs';
import {
  adjustStock,
  countStock,
  listLevels,
  listMovements,
  receiveStock,
  type StockOperationResult,
  setThresholds,
  transferStock,
} from '../../../services/inventory';
import {
  adjustmentBody,
  countBody,
  levelsQuery,
  movementsQuery,
  receiptBody,
  thresholdsBody,
  transferBody,
} from './schemas';

/**
 * Answers a committed stock operation, and queues one low-stock alert per crossing after the
 * response (waitUntil); a failed send is logged by sendJobs, never surfaced.
 */
function answer(c: Context<AuthedEnv>, result: StockOperationResult) {
  const { lowStock, ...body } = result;
  if (lowStock.length > 0) {
    c.executionCtx.waitUntil(
      sendJobs(c.env.JOBS, lowStockJobs(c.var.auth.companyId, lowStock), c.var.logger),
    );
  }
  return c.json({ ...body, lowStock }, 201);
}

const manage = requirePermission('inventory.manage');

/** Stock levels and the stock ledger: reads for all staff, changes with inventory.manage. */
export const inventoryRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .get('/levels', validate('query', levelsQuery), async (c) =>
    c.json(await listLevels(c.var.database.db, c.var.auth.companyId, c.req.valid('query'))),
  )
  .get('/movements', validate('query', movementsQuery), async (c) =>
    c.json(await listMovements(c.var.database.db, c.var.auth.companyId, c.req.valid('query'))),
  )
  .post('/adjustments', manage, validate('json', adjustmentBody), async (c) =>
    answer(c, await adjustStock(c.var.database.db, c.var.auth, c.req.valid('json'))),
  )
  .post('/receipts', manage, validate('json', receiptBody), async (c) =>
    answer(c, await receiveStock(c.var.database.db, c.var.auth, c.req.valid('json'))),
  )
  .post('/transfers', manage, validate('json', transferBody), async (c) =>
    answer(c, await transferStock(c.var.database.db, c.var.auth, c.req.valid('json'))),
  )
  .post('/counts', manage, validate('json', countBody), async (c) =>
    answer(c, await countStock(c.var.database.db, c.var.auth, c.req.valid('json'))),
  )
  .put('/thresholds', manage, validate('json', thresholdsBody), async (c) =>
    c.json(await setThresholds(c.var.database.db, c.var.auth, c.req.valid('json'))),
  );
