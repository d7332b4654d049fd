import { type Context, Hono } from 'hono';
import type * as z from 'zod';
import { callStore } from '../../../../durable-objects/store-calls';
import { authenticate, requirePermission } from '../../../auth/context';
import { hasPermission } from '../../../auth/policy';
import { assertWorksInRequestStore, assertWorksInStore } from '../../../auth/store-access';
import type { AuthedEnv } from '../../../env';
import type { Language } from '../../../lib/i18n';
import { translate } from '../../../lib/messages';
import { operation } from '../../../lib/openapi';
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
import type {
  BatchEntry,
  BillEntry,
  BillResult,
  SaleBatchOutcome,
  SaleRejection,
  SaleResult,
  ShiftEventEntry,
  ShiftEventResult,
  ShiftEventType,
} from '../../../services/sync/upload-types';
import {
  changesBody,
  changesResultSchema,
  deltaQuery,
  documentedUploadBody,
  feedPageSchema,
  fullBody,
  offlineBillSchema,
  offlineSaleSchema,
  offlineShiftEventSchema,
  statusQuery,
  syncStatusSchema,
  uploadBody,
  uploadResultSchema,
} from './schemas';

const feedDescription = {
  id:
    'Perubahan dikirim per halaman (`limit`, bawaan 500); selama `hasMore`, tarik lagi dengan ' +
    '`cursor` yang diberikan. Cursor aman terhadap commit: tidak ada baris yang terlewat.',
  en:
    'Changes come in pages (`limit`, default 500); while `hasMore`, pull again with the ' +
    '`cursor` given. The cursor is commit-safe: no row is ever skipped.',
};

const feedPage = {
  200: {
    description: { id: 'Satu halaman perubahan', en: 'One page of changes' },
    schema: feedPageSchema,
  },
};

/** An entry of an upload that is not well-formed: rejected in its place with its field errors. */
function malformed(issues: z.core.$ZodIssue[], language: Language): SaleRejection {
  const errors = toFieldErrors(issues, language);
  return {
    code: 'VALIDATION_FAILED',
    detail: { key: 'request.validationFailed', params: { count: errors.length } },
    errors,
    retryable: false,
  };
}

/** The id a malformed entry carries, when it is a valid one (the result names it). */
function idOf(value: unknown): string | null {
  return typeof value === 'string' && offlineSaleSchema.shape.id.safeParse(value).success
    ? value
    : null;
}

/** Each sale of an upload on its own: well-formed, or rejected in place with its field errors. */
function batchEntries(sales: unknown[], language: Language): BatchEntry[] {
  return sales.map((sale, index) => {
    const parsed = offlineSaleSchema.safeParse(sale);
    if (parsed.success) return { index, sale: parsed.data };
    const id = idOf((sale as { id?: unknown } | null)?.id);
    return { index, id, invalid: malformed(parsed.error.issues, language) };
  });
}

/** Each shift event of an upload on its own, as the sales are. */
function shiftEventEntries(events: unknown[], language: Language): ShiftEventEntry[] {
  return events.map((event, index) => {
    const parsed = offlineShiftEventSchema.safeParse(event);
    if (parsed.success) return { index, event: parsed.data };
    const fields = (event ?? {}) as { type?: unknown; id?: unknown; shiftId?: unknown };
    const type = ['open', 'cashMovement', 'close'].includes(String(fields.type))
      ? (fields.type as ShiftEventType)
      : null;
    const id = idOf(type === 'close' ? fields.shiftId : fields.id);
    return { index, type, id, invalid: malformed(parsed.error.issues, language) };
  });
}

/** Each bill of an upload on its own, as the sales are. */
function billEntries(bills: unknown[], language: Language): BillEntry[] {
  return bills.map((bill, index) => {
    const parsed = offlineBillSchema.safeParse(bill);
    if (parsed.success) return { index, bill: parsed.data };
    const id = idOf((bill as { id?: unknown } | null)?.id);
    return { index, id, invalid: malformed(parsed.error.issues, language) };
  });
}

/** A bill's result with its conflicts in the request's language. */
function presentBillResult(result: BillResult, language: Language) {
  if (result.status === 'rejected') return presentResult(result, language);
  return {
    ...result,
    conflicts: result.conflicts.map(({ detail, ...conflict }) => ({
      ...conflict,
      reason: detail.key,
      message: translate(detail, language),
    })),
  };
}

function presentResult<Result extends SaleResult | ShiftEventResult | BillResult>(
  result: Result,
  language: Language,
) {
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
    operation({
      operationId: 'uploadOfflineSales',
      tag: 'sync',
      summary: { id: 'Unggah penjualan offline', en: 'Upload offline sales' },
      description: {
        id:
          'Sampai 500 transaksi yang dicatat kasir saat offline, diproses berurutan di toko ' +
          '(boleh gzip: Content-Encoding: gzip). Tiap transaksi berdiri sendiri: diterima ' +
          '(`accepted`), sudah ada (`duplicate`, dengan nomor pertamanya), atau ditolak ' +
          '(`rejected`, dengan alasan); satu transaksi buruk tidak menggagalkan unggahan. Kirim ' +
          'ulang `batchId` yang sama dengan aman. Jam perangkat yang terlalu maju dicatat pada ' +
          'waktu terima dan ditandai; transaksi lebih dari 30 hari ditolak. Harga dan diskon ' +
          'yang tidak diizinkan tetap diterima tetapi ditandai untuk ditinjau.',
        en:
          'Up to 500 sales a till recorded offline, processed in order in the store (gzip ' +
          'accepted: Content-Encoding: gzip). Each sale stands alone: `accepted`, `duplicate` ' +
          '(with the number it got first) or `rejected` (with the reason); one bad sale does ' +
          'not fail the upload. Resending the same `batchId` is safe. A till clock too far ' +
          'ahead is recorded at arrival and flagged; sales older than 30 days are rejected. ' +
          'Prices and discounts nobody was allowed to give are accepted but flagged for review.',
      },
      storeScope: 'body.storeId',
      documentedBody: documentedUploadBody,
      requestExample: {
        batchId: '0194f3b0-4e5f-7a6b-8c7d-9e0f1a2b3c4d',
        storeId: '0194f3a0-1b2c-7d3e-8f4a-5b6c7d8e9f01',
        sales: [
          {
            id: '0194f3a9-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
            storeId: '0194f3a0-1b2c-7d3e-8f4a-5b6c7d8e9f01',
            clientReference: 'KASIR1-000124',
            clientCreatedAt: '2026-12-03T10:15:00+07:00',
            cashierId: '0194f3a4-9e3a-7d5c-8f4a-7b8c9d0e1f2a',
            items: [{ variantId: '0194f3a1-2c3d-7e4f-8a5b-6c7d8e9f0a12', quantity: 2 }],
            payments: [{ method: 'cash', tendered: 100_000 }],
          },
        ],
      },
      responses: {
        200: {
          description: { id: 'Hasil per transaksi', en: 'One result per sale' },
          schema: uploadResultSchema,
        },
      },
      errors: ['NOT_FOUND', 'CONFLICT'],
    }),
    requirePermission('sales.create'),
    validate('json', uploadBody),
    async (c) => {
      const { batchId, storeId, sales, shiftEvents = [], bills = [] } = c.req.valid('json');
      const { auth, language } = c.var;
      await assertWorksInRequestStore(c, storeId);
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
          shiftEvents: shiftEventEntries(shiftEvents, language),
          bills: billEntries(bills, language),
        }),
      );
      return c.json({
        batchId,
        storeId,
        receivedAt,
        counts: outcome.counts,
        results: outcome.results.map((saleResult) => presentResult(saleResult, language)),
        shiftResults: outcome.shiftResults.map((result) => presentResult(result, language)),
        billResults: outcome.billResults.map((result) => presentBillResult(result, language)),
      });
    },
  )
  .get(
    '/delta',
    operation({
      operationId: 'pullSyncDelta',
      tag: 'sync',
      summary: { id: 'Tarik perubahan (delta)', en: 'Pull changes (delta)' },
      description: {
        id: `Yang berubah sejak \`cursor\`, termasuk penghapusan (\`op: delete\`); tanpa cursor: semuanya dari awal. ${feedDescription.id}`,
        en: `What changed since \`cursor\`, deletions included (\`op: delete\`); without a cursor: everything from the start. ${feedDescription.en}`,
      },
      storeScope: 'query.storeId',
      responses: feedPage,
      errors: ['NOT_FOUND'],
    }),
    requirePermission('sales.create'),
    validate('query', deltaQuery),
    async (c) => {
      const { storeId, cursor, limit } = c.req.valid('query');
      const start = cursor ? decodeFeedCursor(cursor, storeId) : initialCursor(storeId, false);
      return c.json(await pull(c, storeId, start, limit));
    },
  )
  .post(
    '/full',
    operation({
      operationId: 'pullSyncFull',
      tag: 'sync',
      summary: { id: 'Tarik data lengkap', en: 'Pull a full snapshot' },
      description: {
        id: `Semua data toko untuk perangkat baru (tanpa penghapusan); cursor halaman terakhir dipakai untuk delta berikutnya. ${feedDescription.id}`,
        en: `Everything of the store for a new device (no deletions); the last page's cursor continues with deltas. ${feedDescription.en}`,
      },
      storeScope: 'body.storeId',
      requestExample: { storeId: '0194f3a0-1b2c-7d3e-8f4a-5b6c7d8e9f01', limit: 500 },
      responses: feedPage,
      errors: ['NOT_FOUND'],
    }),
    requirePermission('sales.create'),
    validate('json', fullBody),
    async (c) => {
      const { storeId, cursor, limit } = c.req.valid('json');
      const start = cursor ? decodeFeedCursor(cursor, storeId) : initialCursor(storeId, true);
      return c.json(await pull(c, storeId, start, limit));
    },
  )
  .get(
    '/status',
    operation({
      operationId: 'getSyncStatus',
      tag: 'sync',
      summary: { id: 'Status sinkronisasi toko', en: 'Sync status of a store' },
      description: {
        id:
          'Per perangkat: kapan terakhir mengunggah dan menarik, cursor-nya, jumlah transaksi ' +
          'dan unggahan macet; plus 20 masalah terbaru (pesannya dalam bahasa permintaan). ' +
          'Pemegang reports.view melihat semua perangkat toko; kasir hanya perangkatnya sendiri.',
        en:
          'Per device: its last push and pull, its cursor, its sale counts and stuck batches; ' +
          'plus the latest 20 problems (worded in the language of the request). Holders of ' +
          'reports.view see every device of the store; a cashier sees only their own.',
      },
      storeScope: 'query.storeId',
      responses: {
        200: { description: { id: 'Status', en: 'The status' }, schema: syncStatusSchema },
      },
      errors: ['NOT_FOUND'],
    }),
    validate('query', statusQuery),
    async (c) => {
      const { storeId } = c.req.valid('query');
      const { auth, language } = c.var;
      await assertWorksInStore(c.var.database.db, auth, storeId);
      // Managers and owners see every device of the store; a cashier sees their own till.
      const wholeStore = hasPermission(auth, 'reports.view');
      return c.json(
        await syncStatus(
          c.var.database.db,
          {
            companyId: auth.companyId,
            storeId,
            deviceSessionId: wholeStore ? undefined : auth.sessionId,
          },
          { language, now: c.var.now },
        ),
      );
    },
  )
  .post(
    '/changes',
    operation({
      operationId: 'pushOfflineEdits',
      tag: 'sync',
      summary: { id: 'Kirim perubahan offline', en: 'Push offline edits' },
      description: {
        id:
          'Perubahan produk, harga toko dan hitung stok yang dibuat perangkat manajer saat ' +
          'offline, masing-masing dengan versi yang dilihatnya. Versi server yang lebih baru ' +
          'menang (`conflict`, dengan data server). Tiap perubahan berdiri sendiri; yang tanpa ' +
          'izin (catalog.manage untuk produk dan harga, inventory.manage untuk stok) ditolak ' +
          'di tempatnya (`rejected`), bukan 403.',
        en:
          'Product, store price and stock count edits a manager’s device made offline, each ' +
          'with the version it saw. A newer server version wins (`conflict`, with the server ' +
          'copy). Each edit stands alone; one without the permission (catalog.manage for ' +
          'products and prices, inventory.manage for counts) is answered `rejected` in place, ' +
          'not 403.',
      },
      storeScope: 'body.storeId',
      requestExample: {
        storeId: '0194f3a0-1b2c-7d3e-8f4a-5b6c7d8e9f01',
        changes: [
          {
            type: 'storePrice',
            productId: '0194f3a5-af4b-7e6d-9a5b-8c9d0e1f2a3b',
            variantId: '0194f3a1-2c3d-7e4f-8a5b-6c7d8e9f0a12',
            version: 1,
            price: 25_000,
          },
          {
            type: 'stockCount',
            variantId: '0194f3a1-2c3d-7e4f-8a5b-6c7d8e9f0a12',
            version: 3,
            countedQuantity: 48,
            reason: 'Stok opname sore',
          },
        ],
      },
      responses: {
        200: {
          description: { id: 'Hasil per perubahan', en: 'One result per edit' },
          schema: changesResultSchema,
        },
      },
      errors: ['NOT_FOUND'],
    }),
    validate('json', changesBody),
    async (c) => {
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
    },
  );

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
    c.var.now,
  );
  return {
    changes: page.changes,
    cursor: next,
    hasMore: page.hasMore,
    serverTime: c.var.now.toISOString(),
  };
}
