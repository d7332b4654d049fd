import { sql } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { callStore } from '../../../../durable-objects/store-calls';
import { type ApprovalInput, type Authorization, authorizeOrApprove } from '../../../auth/approval';
import { authenticate, requirePermission } from '../../../auth/context';
import { hasPermission } from '../../../auth/policy';
import { assertWorksInKnownStore, assertWorksInStore } from '../../../auth/store-access';
import type { AuthedEnv } from '../../../env';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { cancelBill, mergeBills, moveBill, splitBill } from '../../../services/dining/bill-changes';
import {
  type BillAuthor,
  billNotFound,
  findBillStore,
  loadBillView,
  loadBillViews,
} from '../../../services/dining/bill-records';
import { addBillItems, openBill, removeBillItems } from '../../../services/dining/bills';
import { sendRound } from '../../../services/dining/kitchen';
import type { SettleBillOutcome } from '../../../services/dining/settle-bill';
import { approvalDeps } from '../approval-deps';
import { saleAuthorizations } from '../sale-authorizations';
import {
  addItemsBody,
  billIdParam,
  billListSchema,
  billSchema,
  cancelBillBody,
  listBillsQuery,
  mergeBillBody,
  moveBillBody,
  openBillBody,
  removeItemsBody,
  sendRoundBody,
  sendRoundSchema,
  settleBillBody,
  settleResultSchema,
  splitBillBody,
  splitResultSchema,
} from './schemas';

/** The caller as the author of a bill change. */
function authorOf(c: Context<AuthedEnv>): BillAuthor {
  const { auth } = c.var;
  return {
    companyId: auth.companyId,
    userId: auth.userId,
    sessionId: auth.sessionId,
    requestId: c.var.requestId,
    ipAddress: c.var.clientAddress,
  };
}

/** A bill of the caller's company in a store they work in: 404 otherwise, 403 another store. */
async function requireBillStore(c: Context<AuthedEnv>, billId: string): Promise<string> {
  const storeId = await findBillStore(c.var.database.db, c.var.auth.companyId, billId);
  if (!storeId) throw billNotFound();
  assertWorksInKnownStore(c.var.auth, storeId);
  return storeId;
}

/**
 * Who may take back items the kitchen already has: the caller with sales.void, or a manager's
 * approval. Null when neither (the service refuses only if a sent item is among them).
 */
async function kitchenVoidAuthority(
  c: Context<AuthedEnv>,
  approval: ApprovalInput | undefined,
  storeId: string,
): Promise<Authorization | null> {
  if (!approval && !hasPermission(c.var.auth, 'sales.void')) return null;
  return authorizeOrApprove(approvalDeps(c), 'sales.void', approval, storeId);
}

const sell = requirePermission('sales.create');
const theBill = { description: { id: 'Bill', en: 'The bill' }, schema: billSchema };
const staleNote = {
  id: 'Kirim `version` bill yang dilihat; versi lama dijawab 409 dengan bill terkini (`current`).',
  en: 'Send the bill’s `version` you saw; a stale one answers 409 with the current bill (`current`).',
};
const kitchenVoidNote = {
  id:
    'Item yang sudah dikirim ke dapur hanya dapat dibatalkan dengan sales.void atau `approval` ' +
    'manajer, dengan alasan; dapur menerima tiket BATAL.',
  en:
    'Items already sent to the kitchen come back only with sales.void or a manager’s ' +
    '`approval`, with a reason; the kitchen gets a BATAL ticket.',
};
const exampleIds = {
  bill: '0194f3c0-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
  item: '0194f3c1-2b3c-7d4e-8f5a-6b7c8d9e0f1a',
  variant: '0194f3a1-2c3d-7e4f-8a5b-6c7d8e9f0a12',
  store: '0194f3a0-1b2c-7d3e-8f4a-5b6c7d8e9f01',
};

/**
 * Open bills ("Meja 4", "Bu Sari, bungkus"): opened from any device of the store, filled in
 * rounds, sent to the kitchen, moved, merged, split, and settled as one sale. Devices see the
 * store's open bills in the delta (routes/v1/sync).
 */
export const billRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .post(
    '/',
    operation({
      operationId: 'openBill',
      tag: 'service',
      summary: { id: 'Buka bill', en: 'Open a bill' },
      description: {
        id:
          'Di meja (`tableId`) atau atas nama (`name`), dengan item pertama bila ada. Satu meja ' +
          'satu bill terbuka: yang kedua dijawab 409 dengan bill yang terbuka (`openBill`). `id` ' +
          'buatan perangkat: id dan isi sama dijawab 200.',
        en:
          'On a table (`tableId`) or under a name (`name`), with its first items if any. One ' +
          'open bill per table: a second answers 409 with the open one (`openBill`). The `id` is ' +
          'the device’s: the same id and body answer 200.',
      },
      storeScope: 'body.storeId',
      requestExample: {
        id: exampleIds.bill,
        storeId: exampleIds.store,
        name: 'Bu Sari',
        guests: 2,
        items: [{ id: exampleIds.item, variantId: exampleIds.variant, quantity: 2 }],
      },
      responses: {
        201: { description: { id: 'Bill dibuka', en: 'Opened' }, schema: billSchema },
        200: theBill,
      },
      errors: ['NOT_FOUND', 'CONFLICT', 'UNPROCESSABLE'],
    }),
    sell,
    validate('json', openBillBody),
    async (c) => {
      const input = c.req.valid('json');
      await assertWorksInStore(c.var.database.db, c.var.auth, input.storeId);
      const outcome = await openBill(c.var.database.db, authorOf(c), input);
      return c.json(outcome.bill, outcome.status === 'created' ? 201 : 200);
    },
  )
  .get(
    '/',
    operation({
      operationId: 'listBills',
      tag: 'service',
      summary: { id: 'Bill toko', en: 'A store’s bills' },
      description: {
        id: 'Bill terbuka (bawaan) atau dengan status lain, terbaru dulu, paling banyak 200.',
        en: 'Open bills (default) or those of another status, newest first, at most 200.',
      },
      storeScope: 'query.storeId',
      responses: { 200: { description: { id: 'Bill', en: 'Bills' }, schema: billListSchema } },
      errors: ['NOT_FOUND'],
    }),
    sell,
    validate('query', listBillsQuery),
    async (c) => {
      const { storeId, status } = c.req.valid('query');
      const { db } = c.var.database;
      await assertWorksInStore(db, c.var.auth, storeId);
      const data = await loadBillViews(
        db,
        c.var.auth.companyId,
        sql`b.store_id = ${storeId} and b.status = ${status}`,
        sql`b.created_at desc, b.id desc`,
        200,
      );
      return c.json({ data });
    },
  )
  .get(
    '/:id',
    operation({
      operationId: 'getBill',
      tag: 'service',
      summary: { id: 'Satu bill', en: 'One bill' },
      description: {
        id: 'Dengan semua itemnya (termasuk yang dibatalkan) dan tiket dapurnya.',
        en: 'With every item (removed and voided ones too) and its kitchen tickets.',
      },
      storeScope: 'bill',
      responses: { 200: theBill },
    }),
    sell,
    validate('param', billIdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireBillStore(c, id);
      const bill = await loadBillView(c.var.database.db, c.var.auth.companyId, id);
      if (!bill) throw billNotFound();
      return c.json(bill);
    },
  )
  .post(
    '/:id/items',
    operation({
      operationId: 'addBillItems',
      tag: 'service',
      summary: { id: 'Tambah pesanan', en: 'Add items' },
      description: {
        id:
          'Setiap item punya `id` buatan perangkat: tambahan dari beberapa perangkat sekaligus ' +
          'tidak saling menghapus, dan kiriman ulang tidak menggandakan (200). Tanpa `version`.',
        en:
          'Each item carries the device’s `id`: adds from several devices at once never lose ' +
          'each other’s, and an add sent again adds nothing (200). No `version` needed.',
      },
      storeScope: 'bill',
      requestExample: {
        items: [
          {
            id: '0194f3c9-0d1e-7f2a-8b3c-4d5e6f7a8b9c',
            variantId: exampleIds.variant,
            quantity: 1,
            note: 'Es sedikit',
          },
        ],
      },
      responses: {
        201: { description: { id: 'Ditambahkan', en: 'Added' }, schema: billSchema },
        200: theBill,
      },
      errors: ['NOT_FOUND', 'CONFLICT', 'UNPROCESSABLE'],
    }),
    sell,
    validate('param', billIdParam),
    validate('json', addItemsBody),
    async (c) => {
      const { id } = c.req.valid('param');
      const storeId = await requireBillStore(c, id);
      const outcome = await addBillItems(
        c.var.database.db,
        authorOf(c),
        id,
        storeId,
        c.req.valid('json').items,
      );
      return c.json(outcome.bill, outcome.status === 'created' ? 201 : 200);
    },
  )
  .post(
    '/:id/items/remove',
    operation({
      operationId: 'removeBillItems',
      tag: 'service',
      summary: { id: 'Batalkan item', en: 'Take items off a bill' },
      description: {
        id: `Item yang belum dikirim ke dapur dihapus bebas. ${kitchenVoidNote.id} ${staleNote.id}`,
        en: `Items not yet sent go freely. ${kitchenVoidNote.en} ${staleNote.en}`,
      },
      storeScope: 'bill',
      requestExample: {
        id: '0194f3c2-3c4d-7e5f-8a6b-7c8d9e0f1a2b',
        version: 3,
        itemIds: [exampleIds.item],
        reason: 'Tamu batal pesan',
      },
      responses: { 200: theBill },
      errors: ['CONFLICT', 'UNPROCESSABLE', 'RATE_LIMITED'],
    }),
    sell,
    validate('param', billIdParam),
    validate('json', removeItemsBody),
    async (c) => {
      const { id } = c.req.valid('param');
      const { approval, id: requestId, ...input } = c.req.valid('json');
      const storeId = await requireBillStore(c, id);
      const authority = await kitchenVoidAuthority(c, approval, storeId);
      return c.json(
        await removeBillItems(
          c.var.database.db,
          authorOf(c),
          id,
          { ...input, requestId },
          authority,
          c.var.now,
        ),
      );
    },
  )
  .post(
    '/:id/send',
    operation({
      operationId: 'sendBillRound',
      tag: 'service',
      summary: { id: 'Kirim ke dapur', en: 'Send a round to the kitchen' },
      description: {
        id:
          'Item baru (belum dikirim) menjadi ronde berikutnya; setiap stasiun (bar, dapur) ' +
          'mendapat tiketnya. `id` buatan perangkat: kiriman ulang dijawab 200 dengan tiket yang ' +
          'sama. Tidak ada item baru: 422.',
        en:
          'The items not sent yet become the next round; each station (bar, kitchen) gets its ' +
          'ticket. The `id` is the device’s: sent again, 200 with the same tickets. Nothing new ' +
          'to send: 422.',
      },
      storeScope: 'bill',
      requestExample: { id: '0194f3c3-4d5e-7f6a-8b7c-8d9e0f1a2b3c' },
      responses: {
        201: { description: { id: 'Dikirim', en: 'Sent' }, schema: sendRoundSchema },
        200: {
          description: { id: 'Kiriman ulang', en: 'A retry: the send made before' },
          schema: sendRoundSchema,
        },
      },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    sell,
    validate('param', billIdParam),
    validate('json', sendRoundBody),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireBillStore(c, id);
      const { status, ...sent } = await sendRound(
        c.var.database.db,
        authorOf(c),
        id,
        c.req.valid('json').id,
      );
      return c.json(sent, status === 'created' ? 201 : 200);
    },
  )
  .post(
    '/:id/move',
    operation({
      operationId: 'moveBill',
      tag: 'service',
      summary: { id: 'Pindah meja', en: 'Move a bill' },
      description: {
        id: `Ke meja lain yang kosong (terisi: 409), atau lepas dari meja (\`tableId: null\`, perlu nama). ${staleNote.id}`,
        en: `To another free table (taken: 409), or off its table (\`tableId: null\`, needs a name). ${staleNote.en}`,
      },
      storeScope: 'bill',
      requestExample: { version: 3, tableId: '0194f3c4-5e6f-7a7b-8c8d-9e0f1a2b3c4d' },
      responses: { 200: theBill },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    sell,
    validate('param', billIdParam),
    validate('json', moveBillBody),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireBillStore(c, id);
      return c.json(await moveBill(c.var.database.db, authorOf(c), id, c.req.valid('json')));
    },
  )
  .post(
    '/:id/merge',
    operation({
      operationId: 'mergeBills',
      tag: 'service',
      summary: { id: 'Gabung bill', en: 'Merge a bill into this one' },
      description: {
        id: `Item dan tiket bill sumber pindah ke bill ini; bill sumber berstatus merged. Kedua versi diperiksa. ${staleNote.id}`,
        en: `The source bill’s items and tickets come over; it ends merged. Both versions are checked. ${staleNote.en}`,
      },
      storeScope: 'bill',
      requestExample: {
        version: 3,
        sourceBillId: '0194f3c5-6f7a-7b8c-9d9e-0f1a2b3c4d5e',
        sourceVersion: 2,
      },
      responses: { 200: theBill },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    sell,
    validate('param', billIdParam),
    validate('json', mergeBillBody),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const storeId = await requireBillStore(c, id);
      const sourceStore = await findBillStore(
        c.var.database.db,
        c.var.auth.companyId,
        input.sourceBillId,
      );
      if (sourceStore !== storeId) throw billNotFound();
      return c.json(await mergeBills(c.var.database.db, authorOf(c), id, input, c.var.now));
    },
  )
  .post(
    '/:id/split',
    operation({
      operationId: 'splitBill',
      tag: 'service',
      summary: { id: 'Pisah bill', en: 'Split a bill' },
      description: {
        id: `Item terpilih pindah ke bill baru (\`newBillId\` buatan perangkat) di meja lain atau atas nama; minimal satu item tetap. ${staleNote.id}`,
        en: `The chosen items go to a new bill (\`newBillId\`, the device’s) on another table or under a name; at least one stays. ${staleNote.en}`,
      },
      storeScope: 'bill',
      requestExample: {
        version: 3,
        newBillId: '0194f3c6-7a8b-7c9d-8e0f-1a2b3c4d5e6f',
        itemIds: [exampleIds.item],
        name: 'Pak Budi',
      },
      responses: {
        201: {
          description: { id: 'Bill semula dan bill baru', en: 'Both bills' },
          schema: splitResultSchema,
        },
      },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    sell,
    validate('param', billIdParam),
    validate('json', splitBillBody),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireBillStore(c, id);
      return c.json(await splitBill(c.var.database.db, authorOf(c), id, c.req.valid('json')), 201);
    },
  )
  .post(
    '/:id/cancel',
    operation({
      operationId: 'cancelBill',
      tag: 'service',
      summary: { id: 'Batalkan bill', en: 'Cancel a bill' },
      description: {
        id: `Tamu pergi tanpa membayar. ${kitchenVoidNote.id} ${staleNote.id}`,
        en: `The guests left without paying. ${kitchenVoidNote.en} ${staleNote.en}`,
      },
      storeScope: 'bill',
      requestExample: {
        id: '0194f3c7-8b9c-7d0e-8f1a-2b3c4d5e6f7a',
        version: 3,
        reason: 'Tamu pergi sebelum pesanan datang',
      },
      responses: { 200: theBill },
      errors: ['CONFLICT', 'UNPROCESSABLE', 'RATE_LIMITED'],
    }),
    sell,
    validate('param', billIdParam),
    validate('json', cancelBillBody),
    async (c) => {
      const { id } = c.req.valid('param');
      const { approval, id: requestId, ...input } = c.req.valid('json');
      const storeId = await requireBillStore(c, id);
      const authority = await kitchenVoidAuthority(c, approval, storeId);
      return c.json(
        await cancelBill(
          c.var.database.db,
          authorOf(c),
          id,
          { ...input, requestId },
          authority,
          c.var.now,
        ),
      );
    },
  )
  .post(
    '/:id/settle',
    operation({
      operationId: 'settleBill',
      tag: 'service',
      summary: { id: 'Bayar bill', en: 'Settle a bill' },
      description: {
        id:
          'Membuat satu penjualan dari item aktif bill lewat jalur penjualan biasa (harga, pajak, ' +
          'nomor toko, pembayaran, stok, struk). `saleId` buatan perangkat: bayar ulang dengan ' +
          'id sama dijawab 200 dengan penjualan yang sama; id lain untuk bill yang sudah dibayar ' +
          '409. Bill yang berubah sejak `version` dijawab 409.',
        en:
          'Makes one sale of the bill’s active items through the sale path (prices, tax, store ' +
          'number, payments, stock, receipt). `saleId` is the device’s: a settle sent again with ' +
          'it answers 200 with the same sale; another id for a settled bill is 409. A bill ' +
          'changed since `version` is 409.',
      },
      approvablePermissions: ['discount.apply'],
      storeScope: 'bill',
      requestExample: {
        saleId: '0194f3c8-9c0d-7e1f-8a2b-3c4d5e6f7a8b',
        version: 4,
        payments: [{ method: 'cash', tendered: 200_000 }],
      },
      responses: {
        201: { description: { id: 'Dibayar', en: 'Settled' }, schema: settleResultSchema },
        200: {
          description: { id: 'Percobaan ulang', en: 'A retry: the sale made before' },
          schema: settleResultSchema,
        },
      },
      errors: ['CONFLICT', 'UNPROCESSABLE', 'RATE_LIMITED'],
    }),
    sell,
    validate('param', billIdParam),
    validate('json', settleBillBody),
    async (c) => {
      const { id } = c.req.valid('param');
      const { approval, ...settle } = c.req.valid('json');
      const { auth } = c.var;
      const storeId = await requireBillStore(c, id);
      const { authorizations, discountAllowed } = await saleAuthorizations(
        c,
        {
          storeId,
          items: [],
          ...(settle.orderDiscount !== undefined && { orderDiscount: settle.orderDiscount }),
        },
        approval,
      );
      const outcome = await callStore<SettleBillOutcome>(c, storeId, (store) =>
        store.settleBill({
          companyId: auth.companyId,
          cashierId: auth.userId,
          deviceSessionId: auth.sessionId,
          requestId: c.var.requestId,
          ipAddress: c.var.clientAddress,
          authorizations,
          discountAllowed,
          billId: id,
          storeId,
          settle,
          at: c.var.now.toISOString(),
        }),
      );
      return c.json(
        { sale: outcome.sale, bill: outcome.bill },
        outcome.status === 'created' ? 201 : 200,
      );
    },
  );
