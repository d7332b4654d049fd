import { type Context, Hono } from 'hono';
import { callStore } from '../../../../durable-objects/store-calls';
import { authenticate, requirePermission } from '../../../auth/context';
import { hasPermission } from '../../../auth/policy';
import { assertWorksInStore } from '../../../auth/store-access';
import type { AuthedEnv } from '../../../env';
import type { Language } from '../../../lib/i18n';
import { translate } from '../../../lib/messages';
import { toFieldErrors, validate } from '../../../lib/validation';
import {
  decodeFeedCursor,
  encodeFeedCursor,
  type FeedCursor,
  initialCursor,
} from '../../../services/sync/cursor';
import { readFeedPage } from '../../../services/sync/feed';
import { applyOfflineEdits } from '../../../services/sync/offline-edits';
import { recordPull, syncStatus } from '../../../services/sync/status';
import type { BatchEntry, SaleBatchOutcome, SaleResult } from '../../../services/sync/upload-types';
import {
  changesBody,
  deltaQuery,
  fullBody,
  offlineSaleSchema,
  statusQuery,
  uploadBody,
} from './schemas';

/** Each sale of an upload on its own: well-formed, or rejected in place with its field errors. */
function batchEntries(sales: unknown[], language: Language): BatchEntry[] {
  return sales.map((sale, index) => {
    const parsed = offlineSaleSchema.safeParse(sale);
    if (parsed.success) return { index, sale: parsed.data };
    const errors = toFieldErrors(parsed.error.issues, language);
    const id = (sale as { id?: unknown } | null)?.id;
    return {
      index,
      id: typeof id === 'string' && offlineSaleSchema.shape.id.safeParse(id).success ? id : null,
      invalid: {
        code: 'VALIDATION_FAILED',
        detail: { key: 'request.validationFailed', params: { count: errors.length } },
        errors,
        retryable: false,
      },
    };
  });
}

function presentResult(result: SaleResult, language: Language) {
  if (result.status !== 'rejected') return result;
  const { rejection, ...rest } = result;
  return {
    ...rest,
    code: rejection.code,
    reason: rejection.detail.key,
    message: translate(rejection.detail, language),
    retryable: rejection.retryable,
    ...(rejection.errors && { errors: rejection.errors }),
  };
}

export const syncRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .post(
    '/transactions',
    requirePermission('sales.create'),
    validate('json', uploadBody),
    async (c) => {
      const { batchId, storeId, sales } = c.req.valid('json');
      const { auth, language } = c.var;
      await assertWorksInStore(c.var.database.db, auth, storeId);
      const entries = batchEntries(sales, language);
      const receivedAt = c.var.now.toISOString();
      const outcome = await callStore<SaleBatchOutcome>(c, storeId, (store) =>
        store.syncSales({
          batchId,
          companyId: auth.companyId,
          storeId,
          deviceSessionId: auth.sessionId,
          requestId: c.var.requestId,
          ipAddress: c.var.clientAddress,
          receivedAt,
          entries,
        }),
      );
      return c.json({
        batchId,
        storeId,
        receivedAt,
        counts: outcome.counts,
        results: outcome.results.map((saleResult) => presentResult(saleResult, language)),
      });
    },
  )
  .get('/delta', requirePermission('sales.create'), validate('query', deltaQuery), async (c) => {
    const { storeId, cursor, limit } = c.req.valid('query');
    const start = cursor ? decodeFeedCursor(cursor, storeId) : initialCursor(storeId, false);
    return c.json(await pull(c, storeId, start, limit));
  })
  .post('/full', requirePermission('sales.create'), validate('json', fullBody), async (c) => {
    const { storeId, cursor, limit } = c.req.valid('json');
    const start = cursor ? decodeFeedCursor(cursor, storeId) : initialCursor(storeId, true);
    return c.json(await pull(c, storeId, start, limit));
  })
  .get('/status', validate('query', statusQuery), async (c) => {
    const { storeId } = c.req.valid('query');
    const { auth } = c.var;
    await assertWorksInStore(c.var.database.db, auth, storeId);
    // Managers and owners see every device of the store; a cashier sees their own till.
    const wholeStore = hasPermission(auth, 'reports.view');
    return c.json(
      await syncStatus(c.var.database.db, {
        companyId: auth.companyId,
        storeId,
        deviceSessionId: wholeStore ? undefined : auth.sessionId,
      }),
    );
  })
  .post('/changes', validate('json', changesBody), async (c) => {
    const { storeId, changes } = c.req.valid('json');
    const { auth } = c.var;
    await assertWorksInStore(c.var.database.db, auth, storeId);
    const results = await applyOfflineEdits(
      c.var.database.db,
      {
        actor: auth,
        storeId,
        language: c.var.language,
      },
      changes,
    );
    return c.json({ storeId, results, serverTime: c.var.now.toISOString() });
  });

/** One page of the feed, remembered as the device's last pull. */
async function pull(c: Context<AuthedEnv>, storeId: string, cursor: FeedCursor, limit: number) {
  const { auth } = c.var;
  const db = c.var.database.db;
  await assertWorksInStore(c.var.database.db, auth, storeId);
  const page = await readFeedPage(db, { companyId: auth.companyId, storeId }, cursor, limit);
  const next = encodeFeedCursor(page.cursor);
  await recordPull(
    db,
    { companyId: auth.companyId, storeId, deviceSessionId: auth.sessionId },
    next,
  );
  return {
    changes: page.changes,
    cursor: next,
    hasMore: page.hasMore,
    serverTime: c.var.now.toISOString(),
  };
}
