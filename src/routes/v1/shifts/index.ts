import { type Context, Hono } from 'hono';
import { type ApprovalInput, authorizeOrApprove } from '../../../auth/approval';
import { authenticate, requirePermission } from '../../../auth/context';
import { hasPermission } from '../../../auth/policy';
import { assertWorksInKnownStore, assertWorksInStore } from '../../../auth/store-access';
import type { AuthedEnv } from '../../../env';
import { ApiError } from '../../../lib/errors';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { columnsForPaper, renderShiftReport } from '../../../services/receipts/render';
import { effectiveTemplate } from '../../../services/receipts/template-cache';
import { type LimitApproval, recordCashMovement } from '../../../services/shifts/cash-movements';
import { closeShift, forceCloseShift } from '../../../services/shifts/close-shift';
import { listShifts, visibleShifts } from '../../../services/shifts/list-shifts';
import { openShift } from '../../../services/shifts/open-shift';
import {
  findShiftStore,
  type ShiftAuthor,
  shiftNotFound,
} from '../../../services/shifts/shift-records';
import { buildShiftReport } from '../../../services/shifts/shift-report';
import { approvalDeps } from '../approval-deps';
import {
  cashMovementBody,
  cashMovementSchema,
  closeShiftBody,
  forceCloseBody,
  listShiftsQuery,
  openShiftBody,
  shiftIdParam,
  shiftPageSchema,
  shiftReportBodySchema,
  shiftReportQuery,
  shiftReportSchema,
  shiftSchema,
} from './schemas';

/** The caller as the author of a shift operation, from the till they are signed in on. */
function authorOf(c: Context<AuthedEnv>): ShiftAuthor {
  const { auth } = c.var;
  return {
    companyId: auth.companyId,
    userId: auth.userId,
    deviceSessionId: auth.sessionId,
    requestId: c.var.requestId,
    ipAddress: c.var.clientAddress,
  };
}

/** A shift of the caller's company in a store they work in: 404 otherwise, 403 another store. */
async function requireShiftStore(c: Context<AuthedEnv>, shiftId: string): Promise<string> {
  const storeId = await findShiftStore(c.var.database.db, c.var.auth.companyId, shiftId);
  if (!storeId) throw shiftNotFound();
  assertWorksInKnownStore(c.var.auth, storeId);
  return storeId;
}

/** The shift's report, as far as the caller may see the shift (list-shifts.ts: visibleShifts). */
async function readableReport(c: Context<AuthedEnv>, shiftId: string) {
  const { db } = c.var.database;
  const report = await buildShiftReport(db, c.var.auth.companyId, shiftId, c.var.now, {
    visibleTo: visibleShifts(c.var.auth),
  });
  if (!report) throw shiftNotFound();
  return report;
}

/** Online, what goes beyond a store limit needs shifts.manage or a manager's PIN in `approval`. */
function onlineApproval(
  c: Context<AuthedEnv>,
  approval: ApprovalInput | undefined,
  storeId: string,
): LimitApproval {
  return async (refusal) => {
    if (!approval && !hasPermission(c.var.auth, 'shifts.manage')) {
      throw new ApiError('FORBIDDEN', { detail: refusal });
    }
    return authorizeOrApprove(approvalDeps(c), 'shifts.manage', approval, storeId);
  };
}

const theReport = {
  description: { id: 'Laporan shift (X bila terbuka, Z bila ditutup)', en: 'The shift report' },
  schema: shiftReportSchema,
};

const ownTillNote = {
  id: 'Hanya dari perangkat shift itu (perangkat lain: 422).',
  en: 'Only from the shift’s own till (another device: 422).',
};

/**
 * Shifts and the cash drawer. A till opens a shift with its opening cash, records pay-ins and
 * pay-outs, and closes it with the counted cash; sales and refunds of the till are linked to its
 * open shift. Offline tills send the same events in the sync upload (routes/v1/sync).
 */
export const shiftRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .post(
    '/',
    operation({
      operationId: 'openShift',
      tag: 'shifts',
      summary: { id: 'Buka shift', en: 'Open a shift' },
      description: {
        id:
          'Membuka shift di perangkat pemanggil dengan kas awal. Satu perangkat hanya satu shift ' +
          'terbuka: yang kedua dijawab 409 dengan shift yang masih terbuka (`openShift`). `id` ' +
          'buatan perangkat: id dan isi sama dijawab 200 dengan shift semula, isi lain 409.',
        en:
          'Opens a shift on the caller’s till with its opening cash. A till has at most one open ' +
          'shift: a second open answers 409 with the open one (`openShift`). The `id` is the ' +
          'till’s: the same id and body answer 200 with the shift, another body 409.',
      },
      storeScope: 'body.storeId',
      requestExample: {
        id: '0194f3b0-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
        storeId: '0194f3a0-1b2c-7d3e-8f4a-5b6c7d8e9f01',
        openingCash: 500_000,
      },
      responses: {
        201: { description: { id: 'Shift dibuka', en: 'Opened' }, schema: shiftSchema },
        200: {
          description: { id: 'Percobaan ulang', en: 'A retry: the shift opened before' },
          schema: shiftSchema,
        },
      },
      errors: ['NOT_FOUND', 'CONFLICT'],
    }),
    requirePermission('sales.create'),
    validate('json', openShiftBody),
    async (c) => {
      const input = c.req.valid('json');
      await assertWorksInStore(c.var.database.db, c.var.auth, input.storeId);
      const outcome = await openShift(c.var.database.db, {
        author: authorOf(c),
        input,
        at: c.var.now,
        flags: [],
      });
      return c.json(outcome.shift, outcome.status === 'created' ? 201 : 200);
    },
  )
  .get(
    '/',
    operation({
      operationId: 'listShifts',
      tag: 'shifts',
      summary: { id: 'Daftar shift', en: 'List shifts' },
      description: {
        id:
          'Shift di toko tempat pemanggil bekerja, terbaru dulu, dengan kas seharusnya dan ' +
          'selisih saat ini. Tanpa shifts.manage atau reports.view: hanya shift yang dibuka ' +
          'pemanggil dan shift perangkatnya.',
        en:
          'Shifts in the stores the caller works in, newest first, with their expected cash and ' +
          'difference now. Without shifts.manage or reports.view: only the shifts the caller ' +
          'opened and those of their till.',
      },
      storeScope: 'query.storeId',
      responses: {
        200: { description: { id: 'Satu halaman', en: 'One page' }, schema: shiftPageSchema },
      },
      errors: ['NOT_FOUND'],
    }),
    requirePermission('sales.create'),
    validate('query', listShiftsQuery),
    async (c) => {
      const query = c.req.valid('query');
      if (query.storeId) await assertWorksInStore(c.var.database.db, c.var.auth, query.storeId);
      return c.json(await listShifts(c.var.database.db, c.var.auth, query));
    },
  )
  .get(
    '/:id',
    operation({
      operationId: 'getShift',
      tag: 'shifts',
      summary: { id: 'Satu shift dengan angka terkini', en: 'One shift with its live figures' },
      description: {
        id:
          'Laporan X (shift terbuka) atau Z (ditutup) sebagai JSON: penjualan, pajak per rezim, ' +
          'refund, void, pembayaran per metode, kas masuk/keluar, kas seharusnya, terhitung dan ' +
          'selisih. Dihitung ulang setiap dibaca, jadi penjualan yang terunggah terlambat ikut.',
        en:
          'The X (open) or Z (closed) report as JSON: sales, tax by regime, refunds, voids, ' +
          'payments by method, pay-ins/outs, expected, counted and difference. Computed when ' +
          'read, so sales uploaded late are in it.',
      },
      storeScope: 'shift',
      responses: { 200: theReport },
    }),
    requirePermission('sales.create'),
    validate('param', shiftIdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireShiftStore(c, id);
      return c.json(await readableReport(c, id));
    },
  )
  .get(
    '/:id/report',
    operation({
      operationId: 'printShiftReport',
      tag: 'shifts',
      summary: { id: 'Cetak laporan shift', en: 'Print the shift report' },
      description: {
        id:
          '`format=text` (bawaan) untuk printer thermal, `width` 32 atau 48 kolom (bawaan: ' +
          'lebar kertas template struk toko), atau `format=html`. Header dan footer template ' +
          'struk perusahaan/toko dipakai.',
        en:
          '`format=text` (default) for a thermal printer, `width` 32 or 48 columns (default: the ' +
          'paper of the store’s receipt template), or `format=html`. The company/store receipt ' +
          'template’s header and footer apply.',
      },
      storeScope: 'shift',
      responses: {
        200: {
          description: { id: 'Laporan shift', en: 'The shift report' },
          schema: shiftReportBodySchema,
          mediaType: ['text/plain', 'text/html'],
        },
      },
    }),
    requirePermission('sales.create'),
    validate('param', shiftIdParam),
    validate('query', shiftReportQuery),
    async (c) => {
      const { id } = c.req.valid('param');
      const query = c.req.valid('query');
      const storeId = await requireShiftStore(c, id);
      const report = await readableReport(c, id);
      const template = await effectiveTemplate(
        c.env,
        c.var.database.db,
        c.var.auth.companyId,
        storeId,
      );
      const width =
        query.width === 48 || query.width === 32
          ? query.width
          : columnsForPaper(template.paperWidthMm);
      const body = await renderShiftReport(template, report, { format: query.format, width });
      return query.format === 'html' ? c.html(body) : c.text(body);
    },
  )
  .post(
    '/:id/cash-movements',
    operation({
      operationId: 'recordShiftCashMovement',
      tag: 'shifts',
      summary: { id: 'Kas masuk / kas keluar', en: 'Pay in or pay out' },
      description: {
        id:
          'Uang masuk (`pay_in`) atau keluar (`pay_out`) laci di luar penjualan, dengan alasan. ' +
          'Di atas batas toko perlu shifts.manage atau `approval` manajer (PIN). Shift yang sudah ' +
          'ditutup: 409. ' +
          ownTillNote.id,
        en:
          'Money put into (`pay_in`) or taken out of (`pay_out`) the drawer other than by a sale, ' +
          'with a reason. Above the store limit it needs shifts.manage or a manager’s ' +
          '`approval` (PIN). A closed shift: 409. ' +
          ownTillNote.en,
      },
      approvablePermissions: ['shifts.manage'],
      storeScope: 'shift',
      requestExample: {
        id: '0194f3b1-2b3c-7d4e-8f5a-6b7c8d9e0f1a',
        kind: 'pay_out',
        amount: 25_000,
        reason: 'Beli es batu',
      },
      responses: {
        201: { description: { id: 'Dicatat', en: 'Recorded' }, schema: cashMovementSchema },
        200: {
          description: { id: 'Percobaan ulang', en: 'A retry: recorded before' },
          schema: cashMovementSchema,
        },
      },
      errors: ['CONFLICT', 'UNPROCESSABLE', 'RATE_LIMITED'],
    }),
    requirePermission('sales.create'),
    validate('param', shiftIdParam),
    validate('json', cashMovementBody),
    async (c) => {
      const { id } = c.req.valid('param');
      const { approval, ...input } = c.req.valid('json');
      const storeId = await requireShiftStore(c, id);
      const outcome = await recordCashMovement(c.var.database.db, {
        author: authorOf(c),
        shiftId: id,
        input,
        at: c.var.now,
        flags: [],
        approve: onlineApproval(c, approval, storeId),
      });
      return c.json(outcome.movement, outcome.status === 'created' ? 201 : 200);
    },
  )
  .post(
    '/:id/close',
    operation({
      operationId: 'closeShift',
      tag: 'shifts',
      summary: { id: 'Tutup shift', en: 'Close a shift' },
      description: {
        id:
          'Dengan kas terhitung (dan rincian pecahan bila ada, yang harus berjumlah sama). ' +
          'Selisih di atas batas toko perlu shifts.manage atau `approval` manajer (PIN). ' +
          'Mengirim ulang isi yang sama dijawab laporan Z; isi lain untuk shift tertutup 409. ' +
          ownTillNote.id,
        en:
          'With the counted cash (and its denominations, which must add up to it). A difference ' +
          'beyond the store threshold needs shifts.manage or a manager’s `approval` (PIN). The ' +
          'same body again answers the Z report; another body for a closed shift 409. ' +
          ownTillNote.en,
      },
      approvablePermissions: ['shifts.manage'],
      storeScope: 'shift',
      requestExample: {
        countedCash: 1_245_000,
        denominations: [
          { value: 100_000, count: 12 },
          { value: 20_000, count: 2 },
          { value: 5_000, count: 1 },
        ],
        salesCount: 42,
        note: 'Serah terima ke shift malam',
      },
      responses: { 200: theReport },
      errors: ['CONFLICT', 'UNPROCESSABLE', 'RATE_LIMITED'],
    }),
    requirePermission('sales.create'),
    validate('param', shiftIdParam),
    validate('json', closeShiftBody),
    async (c) => {
      const { id } = c.req.valid('param');
      const { approval, ...input } = c.req.valid('json');
      const storeId = await requireShiftStore(c, id);
      await closeShift(c.var.database.db, {
        author: authorOf(c),
        shiftId: id,
        input,
        at: c.var.now,
        flags: [],
        approve: onlineApproval(c, approval, storeId),
      });
      return c.json(await readableReport(c, id));
    },
  )
  .post(
    '/:id/force-close',
    operation({
      operationId: 'forceCloseShift',
      tag: 'shifts',
      summary: { id: 'Tutup paksa shift', en: 'Force-close a shift' },
      description: {
        id:
          'Untuk shift yang ditinggal terbuka di perangkat yang hilang atau rusak: ditutup dari ' +
          'perangkat mana pun oleh manajer, dengan alasan (dan kas terhitung bila ada), dicatat ' +
          'di audit dan ditandai `force_closed`.',
        en:
          'For a shift left open on a lost or broken till: closed from any device by a manager, ' +
          'with a reason (and the counted cash if counted), audited and flagged `force_closed`.',
      },
      storeScope: 'shift',
      requestExample: { reason: 'Tablet kasir hilang', countedCash: 850_000 },
      responses: { 200: theReport },
      errors: ['CONFLICT'],
    }),
    requirePermission('shifts.manage'),
    validate('param', shiftIdParam),
    validate('json', forceCloseBody),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireShiftStore(c, id);
      await forceCloseShift(c.var.database.db, c.var.auth, id, c.req.valid('json'), c.var.now);
      return c.json(await readableReport(c, id));
    },
  );
