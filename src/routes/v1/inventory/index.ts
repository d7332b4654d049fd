import type { Context } from 'hono';
import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { type OperationSpec, operation } from '../../../lib/openapi';
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
  stockLevelPageSchema,
  stockMovementPageSchema,
  stockOperationResultSchema,
  thresholdsBody,
  thresholdsResultSchema,
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

/** What every stock operation answers, and may refuse (unknown store or variant, untracked…). */
const stockOperation = {
  responses: {
    201: {
      description: { id: 'Stok diubah', en: 'Stock changed' },
      schema: stockOperationResultSchema,
    },
  },
  errors: ['NOT_FOUND', 'UNPROCESSABLE'],
} satisfies Pick<OperationSpec, 'responses' | 'errors'>;

const operationNotes = {
  id:
    'Satu transaksi bersama baris auditnya. Toko atau varian yang tidak dikenal dijawab 404; ' +
    'varian yang tidak melacak stok, atau stok yang tidak cukup di toko yang melarang stok ' +
    'negatif, 422. Level yang turun ke minimumnya memicu peringatan stok menipis.',
  en:
    'One transaction with its audit row. An unknown store or variant answers 404; a variant ' +
    'that does not track stock, or too little stock in a store that forbids negative stock, ' +
    '422. A level falling to its minimum raises a low-stock alert.',
};

/** Stock levels and the stock ledger: reads for all staff, changes with inventory.manage. */
export const inventoryRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .get(
    '/levels',
    operation({
      operationId: 'listStockLevels',
      tag: 'inventory',
      summary: { id: 'Level stok toko', en: 'A store’s stock levels' },
      description: {
        id:
          'Stok tiap varian di satu toko, dengan SKU dan namanya; `lowStock=true` hanya yang ' +
          'menipis. storeId yang tidak dikenal dijawab 404.',
        en:
          'Each variant’s stock in one store, with its SKU and names; `lowStock=true` keeps ' +
          'those running low. An unknown storeId answers 404.',
      },
      responses: {
        200: {
          description: { id: 'Level stok', en: 'Stock levels' },
          schema: stockLevelPageSchema,
        },
      },
      errors: ['NOT_FOUND'],
    }),
    validate('query', levelsQuery),
    async (c) =>
      c.json(await listLevels(c.var.database.db, c.var.auth.companyId, c.req.valid('query'))),
  )
  .get(
    '/movements',
    operation({
      operationId: 'listStockMovements',
      tag: 'inventory',
      summary: { id: 'Buku stok toko', en: 'A store’s stock ledger' },
      description: {
        id:
          'Mutasi stok satu toko, terbaru dulu, opsional satu varian. storeId yang tidak dikenal ' +
          'dijawab 404.',
        en:
          'A store’s stock movements, newest first, optionally of one variant. An unknown storeId ' +
          'answers 404.',
      },
      responses: {
        200: {
          description: { id: 'Mutasi stok', en: 'Stock movements' },
          schema: stockMovementPageSchema,
        },
      },
      errors: ['NOT_FOUND'],
    }),
    validate('query', movementsQuery),
    async (c) =>
      c.json(await listMovements(c.var.database.db, c.var.auth.companyId, c.req.valid('query'))),
  )
  .post(
    '/adjustments',
    operation({
      operationId: 'adjustStock',
      tag: 'inventory',
      summary: { id: 'Koreksi stok', en: 'Adjust stock' },
      description: operationNotes,
      storeScope: 'body.storeId',
      requestExample: {
        storeId: '0191f3a2-7c4e-7b1a-9d2e-3f4a5b6c7d8e',
        reason: 'Susu kedaluwarsa',
        items: [{ variantId: '0191f3a2-8d5f-7c2b-8e3f-4a5b6c7d8e9f', quantityDelta: -2 }],
      },
      ...stockOperation,
    }),
    manage,
    validate('json', adjustmentBody),
    async (c) => answer(c, await adjustStock(c.var.database.db, c.var.auth, c.req.valid('json'))),
  )
  .post(
    '/receipts',
    operation({
      operationId: 'receiveStock',
      tag: 'inventory',
      summary: { id: 'Terima barang', en: 'Receive goods' },
      description: operationNotes,
      storeScope: 'body.storeId',
      requestExample: {
        storeId: '0191f3a2-7c4e-7b1a-9d2e-3f4a5b6c7d8e',
        reference: 'SJ-2026-0113',
        items: [{ variantId: '0191f3a2-8d5f-7c2b-8e3f-4a5b6c7d8e9f', quantity: 24 }],
      },
      ...stockOperation,
    }),
    manage,
    validate('json', receiptBody),
    async (c) => answer(c, await receiveStock(c.var.database.db, c.var.auth, c.req.valid('json'))),
  )
  .post(
    '/transfers',
    operation({
      operationId: 'transferStock',
      tag: 'inventory',
      summary: { id: 'Pindah stok antar toko', en: 'Transfer stock between stores' },
      description: operationNotes,
      storeScope: 'body.fromStoreId+toStoreId',
      requestExample: {
        fromStoreId: '0191f3a2-7c4e-7b1a-9d2e-3f4a5b6c7d8e',
        toStoreId: '0191f3a2-9e6a-7d3c-9f4a-5b6c7d8e9fa0',
        reason: 'Kirim stok ke cabang Ubud',
        items: [{ variantId: '0191f3a2-8d5f-7c2b-8e3f-4a5b6c7d8e9f', quantity: 10 }],
      },
      ...stockOperation,
    }),
    manage,
    validate('json', transferBody),
    async (c) => answer(c, await transferStock(c.var.database.db, c.var.auth, c.req.valid('json'))),
  )
  .post(
    '/counts',
    operation({
      operationId: 'countStock',
      tag: 'inventory',
      summary: { id: 'Stok opname', en: 'Count stock' },
      description: operationNotes,
      storeScope: 'body.storeId',
      requestExample: {
        storeId: '0191f3a2-7c4e-7b1a-9d2e-3f4a5b6c7d8e',
        reason: 'Stok opname akhir bulan',
        items: [{ variantId: '0191f3a2-8d5f-7c2b-8e3f-4a5b6c7d8e9f', countedQuantity: 17 }],
      },
      ...stockOperation,
    }),
    manage,
    validate('json', countBody),
    async (c) => answer(c, await countStock(c.var.database.db, c.var.auth, c.req.valid('json'))),
  )
  .put(
    '/thresholds',
    operation({
      operationId: 'setStockThresholds',
      tag: 'inventory',
      summary: { id: 'Atur batas stok menipis', en: 'Set low-stock thresholds' },
      description: {
        id:
          'Minimum stok tiap varian di satu toko (null menghapusnya). Toko atau varian yang ' +
          'tidak dikenal dijawab 404; varian yang tidak melacak stok 422.',
        en:
          'Each variant’s minimum in one store (null clears it). An unknown store or variant ' +
          'answers 404; a variant that does not track stock 422.',
      },
      storeScope: 'body.storeId',
      requestExample: {
        storeId: '0191f3a2-7c4e-7b1a-9d2e-3f4a5b6c7d8e',
        items: [{ variantId: '0191f3a2-8d5f-7c2b-8e3f-4a5b6c7d8e9f', minimumQuantity: 5 }],
      },
      responses: {
        200: {
          description: { id: 'Level stok', en: 'The levels' },
          schema: thresholdsResultSchema,
        },
      },
      errors: ['NOT_FOUND', 'UNPROCESSABLE'],
    }),
    manage,
    validate('json', thresholdsBody),
    async (c) => c.json(await setThresholds(c.var.database.db, c.var.auth, c.req.valid('json'))),
  );
